import Foundation

/// The backing store of the demo registers ("their own tables, as if remote"). The server
/// implements it over SQL tables holding the `DemoDataset` records; `InMemoryRegisterSource` serves
/// tests. Errors thrown here reach the caller as `RegisterError.unavailable`.
public protocol RegisterSource: Sendable {
    /// Residents with this folded family name (`Folding.fold`) and date of birth.
    func residents(familiennameFolded: String, geburtsdatum: RegisterDate) async throws -> [ResidentRecord]
    /// The resident with this register id (IdNr).
    func resident(id: String) async throws -> ResidentRecord?
    /// Every resident of a household, the person asked about included.
    func household(_ householdID: String) async throws -> [ResidentRecord]
    /// Income entries of people with this folded family name and date of birth.
    func incomes(familiennameFolded: String, geburtsdatum: RegisterDate) async throws -> [IncomeRecord]
    /// Income entries of the person with this register id.
    func incomes(personID: String) async throws -> [IncomeRecord]
    /// The company registered under `courtKey` (`OrganisationQuery.courtKey`) and the normalised
    /// number (`OrganisationQuery.normalizedNumber`).
    func company(courtKey: String, number: String) async throws -> CompanyRecord?
    /// The company's representatives.
    func officers(companyID: String) async throws -> [CompanyOfficerRecord]
}

/// One person in the demo resident register (table `demo_residents`).
public struct ResidentRecord: Sendable, Hashable, Codable {
    /// The IdNr (eleven digits, valid check digit): the register id.
    public var id: String
    public var familienname: String
    /// All first names, space separated.
    public var vornamen: String
    public var geburtsname: String?
    public var geburtsdatum: RegisterDate
    public var geburtsort: String
    /// "w", "m" or "d".
    public var geschlecht: String
    /// "ledig", "verheiratet", "verwitwet", "geschieden", "lebenspartnerschaft".
    public var familienstand: String
    public var strasse: String
    public var hausnummer: String
    public var hausnummerzusatz: String?
    public var plz: String
    public var ort: String
    public var ars: String
    public var einzugsdatum: RegisterDate
    public var householdID: String
    public var householdRole: HouseholdRole
    /// The registration office that keeps the entry ("Stadt Jena").
    public var meldebehoerde: String

    public init(
        id: String, familienname: String, vornamen: String, geburtsname: String? = nil, geburtsdatum: RegisterDate,
        geburtsort: String, geschlecht: String, familienstand: String, strasse: String, hausnummer: String,
        hausnummerzusatz: String? = nil, plz: String, ort: String, ars: String, einzugsdatum: RegisterDate,
        householdID: String, householdRole: HouseholdRole, meldebehoerde: String
    ) {
        self.id = id
        self.familienname = familienname
        self.vornamen = vornamen
        self.geburtsname = geburtsname
        self.geburtsdatum = geburtsdatum
        self.geburtsort = geburtsort
        self.geschlecht = geschlecht
        self.familienstand = familienstand
        self.strasse = strasse
        self.hausnummer = hausnummer
        self.hausnummerzusatz = hausnummerzusatz
        self.plz = plz
        self.ort = ort
        self.ars = ars
        self.einzugsdatum = einzugsdatum
        self.householdID = householdID
        self.householdRole = householdRole
        self.meldebehoerde = meldebehoerde
    }

    /// The family name folded for lookups (column `familienname_folded`).
    public var familiennameFolded: String { Folding.fold(familienname) }
}

/// A resident's place in the household, relative to its reference person.
public enum HouseholdRole: String, Sendable, Hashable, Codable, CaseIterable {
    case reference = "bezugsperson"
    case partner
    case child = "kind"
    case other = "sonstige"
}

/// Whether an income entry is a wage or a pension.
public enum IncomeKind: String, Sendable, Hashable, Codable, CaseIterable {
    case wage, pension
}

/// One current income of a person in the demo income register (table `demo_incomes`). The register
/// keeps its own copy of the identifying data, as a real one would.
public struct IncomeRecord: Sendable, Hashable, Codable {
    public var id: String
    /// The person's IdNr.
    public var personID: String
    public var familienname: String
    public var vornamen: String
    public var geburtsdatum: RegisterDate
    public var kind: IncomeKind
    /// Employer or pension insurer.
    public var payer: String
    /// For pensions: `altersrente`, `erwerbsminderungsrente`, `hinterbliebenenrente`.
    public var pensionKind: String?
    public var monthlyGrossCents: Int
    public var since: RegisterDate

    public init(
        id: String, personID: String, familienname: String, vornamen: String, geburtsdatum: RegisterDate,
        kind: IncomeKind, payer: String, pensionKind: String? = nil, monthlyGrossCents: Int, since: RegisterDate
    ) {
        self.id = id
        self.personID = personID
        self.familienname = familienname
        self.vornamen = vornamen
        self.geburtsdatum = geburtsdatum
        self.kind = kind
        self.payer = payer
        self.pensionKind = pensionKind
        self.monthlyGrossCents = monthlyGrossCents
        self.since = since
    }

    /// The family name folded for lookups (column `familienname_folded`).
    public var familiennameFolded: String { Folding.fold(familienname) }
}

/// A company in the demo trade register (table `demo_companies`).
public struct CompanyRecord: Sendable, Hashable, Codable {
    public var id: String
    public var firma: String
    public var rechtsform: String
    /// "Amtsgericht Jena".
    public var registergericht: String
    /// Normalised: "HRB 501234".
    public var registernummer: String
    public var sitz: String
    public var sitzARS: String
    public var strasse: String
    public var hausnummer: String
    public var plz: String
    public var ort: String
    public var gegenstand: String
    public var kapitalCents: Int?
    public var eintragungsdatum: RegisterDate

    public init(
        id: String, firma: String, rechtsform: String, registergericht: String, registernummer: String, sitz: String,
        sitzARS: String, strasse: String, hausnummer: String, plz: String, ort: String, gegenstand: String,
        kapitalCents: Int?, eintragungsdatum: RegisterDate
    ) {
        self.id = id
        self.firma = firma
        self.rechtsform = rechtsform
        self.registergericht = registergericht
        self.registernummer = registernummer
        self.sitz = sitz
        self.sitzARS = sitzARS
        self.strasse = strasse
        self.hausnummer = hausnummer
        self.plz = plz
        self.ort = ort
        self.gegenstand = gegenstand
        self.kapitalCents = kapitalCents
        self.eintragungsdatum = eintragungsdatum
    }

    /// The court as lookup key (column `registergericht_key`).
    public var courtKey: String { OrganisationQuery.courtKey(registergericht) }
}

/// A representative of a company (table `demo_company_officers`): a person, or a company acting as
/// general partner (then without first name and date of birth).
public struct CompanyOfficerRecord: Sendable, Hashable, Codable {
    public var companyID: String
    /// Order in the register, from 1.
    public var position: Int
    public var familienname: String
    public var vornamen: String?
    public var geburtsdatum: RegisterDate?
    public var wohnort: String
    public var rolle: String

    public init(
        companyID: String, position: Int, familienname: String, vornamen: String?, geburtsdatum: RegisterDate?,
        wohnort: String, rolle: String
    ) {
        self.companyID = companyID
        self.position = position
        self.familienname = familienname
        self.vornamen = vornamen
        self.geburtsdatum = geburtsdatum
        self.wohnort = wohnort
        self.rolle = rolle
    }
}

/// Everything the demo registers hold: what the server inserts into its tables.
public struct DemoDataset: Sendable, Hashable, Codable {
    public var residents: [ResidentRecord]
    public var incomes: [IncomeRecord]
    public var companies: [CompanyRecord]
    public var officers: [CompanyOfficerRecord]

    public init(
        residents: [ResidentRecord] = [], incomes: [IncomeRecord] = [], companies: [CompanyRecord] = [],
        officers: [CompanyOfficerRecord] = []
    ) {
        self.residents = residents
        self.incomes = incomes
        self.companies = companies
        self.officers = officers
    }

    /// Both datasets' records, `self` first.
    public func merged(with other: DemoDataset) -> DemoDataset {
        DemoDataset(
            residents: residents + other.residents, incomes: incomes + other.incomes,
            companies: companies + other.companies, officers: officers + other.officers)
    }
}

/// A `RegisterSource` over a `DemoDataset` in memory, indexed like the server's tables.
public struct InMemoryRegisterSource: RegisterSource {
    private let residentsByKey: [String: [ResidentRecord]]
    private let residentsByID: [String: ResidentRecord]
    private let households: [String: [ResidentRecord]]
    private let incomesByKey: [String: [IncomeRecord]]
    private let incomesByPerson: [String: [IncomeRecord]]
    private let companies: [String: CompanyRecord]
    private let officersByCompany: [String: [CompanyOfficerRecord]]

    /// Indexes `dataset`.
    public init(_ dataset: DemoDataset) {
        func key(_ name: String, _ date: RegisterDate) -> String { "\(name)|\(date)" }
        residentsByKey = Dictionary(grouping: dataset.residents) { key($0.familiennameFolded, $0.geburtsdatum) }
        residentsByID = Dictionary(dataset.residents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        households = Dictionary(grouping: dataset.residents, by: \.householdID)
        incomesByKey = Dictionary(grouping: dataset.incomes) { key($0.familiennameFolded, $0.geburtsdatum) }
        incomesByPerson = Dictionary(grouping: dataset.incomes, by: \.personID)
        companies = Dictionary(
            dataset.companies.map { ("\($0.courtKey)|\($0.registernummer)", $0) }, uniquingKeysWith: { a, _ in a })
        officersByCompany = Dictionary(grouping: dataset.officers, by: \.companyID)
    }

    public func residents(familiennameFolded: String, geburtsdatum: RegisterDate) async throws -> [ResidentRecord] {
        residentsByKey["\(familiennameFolded)|\(geburtsdatum)"] ?? []
    }

    public func resident(id: String) async throws -> ResidentRecord? { residentsByID[id] }

    public func household(_ householdID: String) async throws -> [ResidentRecord] { households[householdID] ?? [] }

    public func incomes(familiennameFolded: String, geburtsdatum: RegisterDate) async throws -> [IncomeRecord] {
        incomesByKey["\(familiennameFolded)|\(geburtsdatum)"] ?? []
    }

    public func incomes(personID: String) async throws -> [IncomeRecord] { incomesByPerson[personID] ?? [] }

    public func company(courtKey: String, number: String) async throws -> CompanyRecord? {
        companies["\(courtKey)|\(number)"]
    }

    public func officers(companyID: String) async throws -> [CompanyOfficerRecord] {
        (officersByCompany[companyID] ?? []).sorted { $0.position < $1.position }
    }
}
