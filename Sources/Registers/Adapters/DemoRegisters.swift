import Foundation

/// Purpose ids and legal bases of the demo registers. The texts name the provisions a real
/// transmission would rest on; the registers and their data are synthetic.
public enum DemoPurpose {
    /// Wohngeld (WoGG): person, address, household, income.
    public static let wohngeld = "wohngeld"
    /// Trade notification (Gewerbeanzeige, § 14 GewO): person, address, company.
    public static let gewerbeanzeige = "gewerbeanzeige"
}

/// The demo resident register (Melderegister): person, birth, address and household of people
/// registered in Thuringia, read from `RegisterSource` as if remote. Register id: the IdNr.
public struct DemoResidentRegister: RegisterAdapter {
    /// The register's tables.
    public let source: any RegisterSource
    /// The time evidence is issued at.
    public let clock: @Sendable () -> Date

    /// A register over `source`.
    public init(source: any RegisterSource, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.source = source
        self.clock = clock
    }

    public var id: RegisterID { .melderegister }

    public var descriptor: RegisterDescriptor {
        RegisterDescriptor(
            id: id, name: "Melderegister", nameEN: "Resident register",
            operatorName: "Meldebehörden der Thüringer Gemeinden (Demo)", subjects: [.person],
            categories: [.name, .birth, .address, .household],
            legalBases: [
                DemoPurpose.wohngeld: "§ 34 Abs. 1 BMG i. V. m. § 5 Abs. 2 EGovG (Wohngeld, mit Einwilligung)",
                DemoPurpose.gewerbeanzeige: "§ 34 Abs. 1 BMG i. V. m. § 14 GewO",
            ], isDemo: true)
    }

    public func query(_ q: RegisterQuery, context: RetrievalContext) async throws -> Evidence {
        let descriptor = self.descriptor
        try descriptor.check(q, context: context)
        guard case .person(let person) = q.subject else { throw RegisterError.invalidQuery(field: "subject") }
        let source = self.source
        let found: ResidentRecord
        switch person {
        case .registerID(let id):
            guard let r = try await fromSource({ try await source.resident(id: id.trimmingWhitespace) }) else {
                throw RegisterError.notFound
            }
            found = r
        case .identity(let identity):
            let candidates = try await fromSource {
                try await source.residents(
                    familiennameFolded: Folding.fold(identity.familienname), geburtsdatum: identity.geburtsdatum)
            }
            found = try Matching.single(
                candidates.filter {
                    Matching.vorname(identity.vorname, matches: $0.vornamen)
                        && Matching.address(identity.address, matches: $0)
                })
        }
        var household: [ResidentRecord] = []
        if q.categories.contains(.household) {
            household = try await fromSource { try await source.household(found.householdID) }
        }
        return Evidence(
            register: id, issuer: "\(found.meldebehoerde) (Meldebehörde)", issuedAt: clock(),
            legalBasis: descriptor.legalBasis(for: context.purposeID) ?? context.legalBasis,
            categories: q.categories, subjectID: found.id,
            data: Self.data(found, categories: q.categories, household: household))
    }

    /// The evidence data of `r` for `categories`; `household` is every member of r's household.
    public static func data(_ r: ResidentRecord, categories: Set<DataCategory>, household: [ResidentRecord])
        -> [String: String]
    {
        var d: [String: String] = [:]
        if categories.contains(.name) {
            d[EvidenceKey.familienname] = r.familienname
            d[EvidenceKey.vorname] = r.vornamen
            if let g = r.geburtsname, g != r.familienname { d[EvidenceKey.geburtsname] = g }
        }
        if categories.contains(.birth) {
            d[EvidenceKey.geburtsdatum] = r.geburtsdatum.description
            d[EvidenceKey.geburtsort] = r.geburtsort
        }
        if categories.contains(.address) {
            d[EvidenceKey.strasse] = r.strasse
            d[EvidenceKey.hausnummer] = r.hausnummer
            if let z = r.hausnummerzusatz { d[EvidenceKey.hausnummerzusatz] = z }
            d[EvidenceKey.plz] = r.plz
            d[EvidenceKey.ort] = r.ort
            d[EvidenceKey.ars] = r.ars
            d[EvidenceKey.einzugsdatum] = r.einzugsdatum.description
        }
        if categories.contains(.household) {
            let others = household.filter { $0.id != r.id }.map { ($0, relation(of: $0, to: r)) }
            let isPartner: Set<String> = ["ehegatte", "lebenspartner", "partner"]
            let ordered = others.sorted { a, b in
                let pa = isPartner.contains(a.1)
                let pb = isPartner.contains(b.1)
                if pa != pb { return pa }
                if a.0.geburtsdatum != b.0.geburtsdatum { return a.0.geburtsdatum < b.0.geburtsdatum }
                return a.0.id < b.0.id
            }
            for (i, (m, relation)) in ordered.enumerated() {
                d[EvidenceKey.household(i, .familienname)] = m.familienname
                d[EvidenceKey.household(i, .vorname)] = m.vornamen
                d[EvidenceKey.household(i, .geburtsdatum)] = m.geburtsdatum.description
                d[EvidenceKey.household(i, .beziehung)] = relation
            }
        }
        return d
    }

    /// How `other` relates to `me` within one household (values of `EvidenceKey.HouseholdField.beziehung`).
    public static func relation(of other: ResidentRecord, to me: ResidentRecord) -> String {
        func partner() -> String {
            switch (me.familienstand, other.familienstand) {
            case ("verheiratet", "verheiratet"): "ehegatte"
            case ("lebenspartnerschaft", "lebenspartnerschaft"): "lebenspartner"
            default: "partner"
            }
        }
        switch (me.householdRole, other.householdRole) {
        case (.reference, .partner), (.partner, .reference): return partner()
        case (.reference, .child), (.partner, .child): return "kind"
        case (.child, .reference), (.child, .partner): return "elternteil"
        case (.child, .child): return "geschwister"
        default: return "sonstige"
        }
    }
}

/// The demo income register: current wages (as the employers' Entgeltmeldungen report them) and
/// pensions, the income a Wohngeld decision needs. Knows a person only when it holds an income of
/// them; ignores address hints (it keeps no addresses).
public struct DemoIncomeRegister: RegisterAdapter {
    /// The register's tables.
    public let source: any RegisterSource
    /// The time evidence is issued at.
    public let clock: @Sendable () -> Date

    /// A register over `source`.
    public init(source: any RegisterSource, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.source = source
        self.clock = clock
    }

    public var id: RegisterID { .einkommensnachweise }

    public var descriptor: RegisterDescriptor {
        RegisterDescriptor(
            id: id, name: "Einkommensnachweise (Entgelt und Renten)", nameEN: "Income evidence (wages and pensions)",
            operatorName: "Deutsche Rentenversicherung (Demo)", subjects: [.person],
            categories: [.incomeWage, .incomePension],
            legalBases: [DemoPurpose.wohngeld: "§ 23 WoGG i. V. m. § 5 Abs. 2 EGovG (Wohngeld, mit Einwilligung)"],
            isDemo: true)
    }

    public func query(_ q: RegisterQuery, context: RetrievalContext) async throws -> Evidence {
        let descriptor = self.descriptor
        try descriptor.check(q, context: context)
        guard case .person(let person) = q.subject else { throw RegisterError.invalidQuery(field: "subject") }
        let source = self.source
        let entries: [IncomeRecord]
        switch person {
        case .registerID(let id):
            entries = try await fromSource { try await source.incomes(personID: id.trimmingWhitespace) }
            if entries.isEmpty { throw RegisterError.notFound }
        case .identity(let identity):
            let candidates = try await fromSource {
                try await source.incomes(
                    familiennameFolded: Folding.fold(identity.familienname), geburtsdatum: identity.geburtsdatum)
            }.filter { Matching.vorname(identity.vorname, matches: $0.vornamen) }
            let people = Set(candidates.map(\.personID))
            if people.isEmpty { throw RegisterError.notFound }
            if people.count > 1 { throw RegisterError.ambiguous(candidates: people.count) }
            entries = candidates
        }
        return Evidence(
            register: id, issuer: descriptor.operatorName, issuedAt: clock(),
            legalBasis: descriptor.legalBasis(for: context.purposeID) ?? context.legalBasis,
            categories: q.categories, subjectID: entries[0].personID,
            data: Self.data(entries, categories: q.categories))
    }

    /// The evidence data of one person's income entries for `categories`.
    public static func data(_ entries: [IncomeRecord], categories: Set<DataCategory>) -> [String: String] {
        var d: [String: String] = [:]
        func ordered(_ kind: IncomeKind) -> [IncomeRecord] {
            entries.filter { $0.kind == kind }.sorted { ($0.since, $0.id) < ($1.since, $1.id) }
        }
        if categories.contains(.incomeWage) {
            for (i, e) in ordered(.wage).enumerated() {
                d[EvidenceKey.wage(i, .employer)] = e.payer
                d[EvidenceKey.wage(i, .monthlyGrossCents)] = String(e.monthlyGrossCents)
                d[EvidenceKey.wage(i, .since)] = e.since.description
            }
        }
        if categories.contains(.incomePension) {
            for (i, e) in ordered(.pension).enumerated() {
                d[EvidenceKey.pension(i, .insurer)] = e.payer
                d[EvidenceKey.pension(i, .kind)] = e.pensionKind ?? "altersrente"
                d[EvidenceKey.pension(i, .monthlyGrossCents)] = String(e.monthlyGrossCents)
                d[EvidenceKey.pension(i, .since)] = e.since.description
            }
        }
        return d
    }
}

/// The demo trade register (Handelsregister): companies by register court and number. All
/// Thuringian companies are registered at the Amtsgericht Jena.
public struct DemoTradeRegister: RegisterAdapter {
    /// The register's tables.
    public let source: any RegisterSource
    /// The time evidence is issued at.
    public let clock: @Sendable () -> Date

    /// A register over `source`.
    public init(source: any RegisterSource, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.source = source
        self.clock = clock
    }

    public var id: RegisterID { .handelsregister }

    public var descriptor: RegisterDescriptor {
        RegisterDescriptor(
            id: id, name: "Handelsregister", nameEN: "Trade register",
            operatorName: "Amtsgericht Jena – Registergericht (Demo)", subjects: [.organisation],
            categories: [.company],
            legalBases: [DemoPurpose.gewerbeanzeige: "§ 9 Abs. 1 HGB (Einsicht in das Handelsregister)"],
            isDemo: true)
    }

    public func query(_ q: RegisterQuery, context: RetrievalContext) async throws -> Evidence {
        let descriptor = self.descriptor
        try descriptor.check(q, context: context)
        guard case .organisation(let org) = q.subject,
            let number = OrganisationQuery.normalizedNumber(org.registernummer)
        else { throw RegisterError.invalidQuery(field: "subject") }
        let source = self.source
        let courtKey = OrganisationQuery.courtKey(org.registergericht)
        guard let company = try await fromSource({ try await source.company(courtKey: courtKey, number: number) })
        else { throw RegisterError.notFound }
        let officers = try await fromSource { try await source.officers(companyID: company.id) }
        return Evidence(
            register: id, issuer: company.registergericht + " – Registergericht", issuedAt: clock(),
            legalBasis: descriptor.legalBasis(for: context.purposeID) ?? context.legalBasis,
            categories: q.categories, subjectID: company.registernummer,
            data: Self.data(company, officers: officers))
    }

    /// The evidence data of a company and its representatives.
    public static func data(_ c: CompanyRecord, officers: [CompanyOfficerRecord]) -> [String: String] {
        var d: [String: String] = [
            EvidenceKey.firma: c.firma, EvidenceKey.rechtsform: c.rechtsform,
            EvidenceKey.registergericht: c.registergericht, EvidenceKey.registernummer: c.registernummer,
            EvidenceKey.sitz: c.sitz, EvidenceKey.sitzARS: c.sitzARS, EvidenceKey.companyStrasse: c.strasse,
            EvidenceKey.companyHausnummer: c.hausnummer, EvidenceKey.companyPLZ: c.plz, EvidenceKey.companyOrt: c.ort,
            EvidenceKey.gegenstand: c.gegenstand, EvidenceKey.eintragungsdatum: c.eintragungsdatum.description,
        ]
        if let k = c.kapitalCents { d[EvidenceKey.kapitalCents] = String(k) }
        for (i, o) in officers.sorted(by: { $0.position < $1.position }).enumerated() {
            d[EvidenceKey.representative(i, .familienname)] = o.familienname
            if let v = o.vornamen { d[EvidenceKey.representative(i, .vorname)] = v }
            if let g = o.geburtsdatum { d[EvidenceKey.representative(i, .geburtsdatum)] = g.description }
            d[EvidenceKey.representative(i, .wohnort)] = o.wohnort
            d[EvidenceKey.representative(i, .rolle)] = o.rolle
        }
        return d
    }
}

/// Calls the store; its failures become `RegisterError.unavailable` (cancellation stays cancellation).
func fromSource<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as RegisterError {
        throw error
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        throw RegisterError.unavailable(reason: "register store failed")
    }
}

enum Matching {
    static func single(_ candidates: [ResidentRecord]) throws(RegisterError) -> ResidentRecord {
        if candidates.isEmpty { throw .notFound }
        if candidates.count > 1 { throw .ambiguous(candidates: candidates.count) }
        return candidates[0]
    }

    /// The query names all first names, or one of them.
    static func vorname(_ query: String, matches vornamen: String) -> Bool {
        let q = Folding.fold(query)
        let all = Folding.fold(vornamen)
        return q == all || all.split(separator: " ").contains(Substring(q))
    }

    static func address(_ hint: AddressHint?, matches r: ResidentRecord) -> Bool {
        guard let hint else { return true }
        if let ars = hint.ars, ars != r.ars { return false }
        if let plz = hint.plz, plz != r.plz { return false }
        if let s = hint.strasse, street(s) != street(r.strasse) { return false }
        if let n = hint.hausnummer {
            let q = compact(n)
            if q != compact(r.hausnummer + (r.hausnummerzusatz ?? "")) && q != compact(r.hausnummer) { return false }
        }
        return true
    }

    /// "Karl-Liebknecht-Str." and "Karl-Liebknecht-Straße" compare alike.
    static func street(_ s: String) -> String {
        var f = compact(Folding.fold(s)).replacingOccurrences(of: "-", with: "")
        if f.hasSuffix("str.") { f = String(f.dropLast(4)) + "strasse" }
        if f.hasSuffix("str") { f += "asse" }
        return f
    }

    static func compact(_ s: String) -> String { Folding.fold(s).replacingOccurrences(of: " ", with: "") }
}
