import Foundation
import Testing

@testable import Registers

@Suite struct DemoDataTests {
    static let today = RegisterDate(year: 2026, month: 3, day: 1)!

    func municipalities() throws -> [Municipality] {
        try Municipality.load(
            municipalitiesCSV: try T.regionalFile(T.municipalitiesFile),
            postcodesCSV: try T.regionalFile(T.postcodesFile))
    }

    @Test func municipalitiesFromTheFile() throws {
        let all = try municipalities()
        #expect(all.count == 601)
        #expect(Set(all.map(\.ars)).count == 601)
        let jena = try #require(all.first { $0.ars == "160530000000" })
        #expect(jena.name == "Jena")
        #expect(jena.meldebehoerde == "Stadt Jena")
        #expect(jena.postcodes.contains("07745"))
        #expect(jena.population > 100_000)
        let ferna = try #require(all.first { $0.name == "Ferna" })
        #expect(ferna.meldebehoerde == "Verwaltungsgemeinschaft Lindenberg/Eichsfeld")
        let asbach = try #require(all.first { $0.name == "Asbach-Sickenberg" })
        #expect(asbach.meldebehoerde == "Gemeinde Uder")
        // Without the postcode table every municipality keeps its seat's postcode.
        let plain = try Municipality.load(municipalitiesCSV: try T.regionalFile(T.municipalitiesFile))
        #expect(plain.allSatisfy { $0.postcodes.count == 1 })
        #expect(throws: DemoDataError.malformed(file: "municipalities", line: 2)) {
            try Municipality.load(municipalitiesCSV: "ars,ags,name,einwohner,plz_verwaltungssitz\n1,2,x,3,4\n")
        }
    }

    @Test func theSameSeedGivesTheSameRecords() throws {
        let m = try municipalities()
        let a = SyntheticPopulation.generate(seed: 2026, municipalities: m, households: 150, companies: 30)
        let b = SyntheticPopulation.generate(seed: 2026, municipalities: m, households: 150, companies: 30)
        let c = SyntheticPopulation.generate(seed: 2027, municipalities: m, households: 150, companies: 30)
        #expect(a == b)
        #expect(a != c)
        #expect(a.residents.map(\.id) != c.residents.map(\.id))
        // Pinned output of seed 2026: the same on every platform; a change of the generator shows here.
        #expect(a.residents.count == 297 && a.incomes.count == 234 && a.companies.count == 30)
        let first = try #require(a.residents.first)
        #expect(first.id == "29205678437")
        #expect(
            "\(first.vornamen) \(first.familienname), \(first.geburtsdatum), \(first.ort)"
                == "Kevin Felix Schäfer, 1985-03-23, Ilmenau")
        #expect(a.companies.first?.firma == "Brandt Reisen KG")
        #expect(a.companies.first?.registernummer == "HRA 503014")
    }

    @Test func generatedDataArePlausible() throws {
        let m = try municipalities()
        let byARS = Dictionary(uniqueKeysWithValues: m.map { ($0.ars, $0) })
        let d = SyntheticPopulation.demoDataset(seed: 7, municipalities: m, households: 400, companies: 60)
        #expect(d.residents.count > 700)
        #expect(Set(d.residents.map(\.id)).count == d.residents.count, "register ids unique")
        for r in d.residents {
            #expect(IdentificationNumber.isValid(r.id))
            #expect(r.geburtsdatum <= Self.today)
            #expect(r.geburtsdatum.age(on: Self.today) <= 100)
            #expect(r.einzugsdatum >= r.geburtsdatum && r.einzugsdatum <= Self.today)
            let place = try #require(byARS[r.ars], "ARS \(r.ars) from the file")
            #expect(r.ort == place.name)
            #expect(place.postcodes.contains(r.plz), "\(r.plz) in \(place.name)")
            #expect(r.meldebehoerde == place.meldebehoerde || DemoPeople.registerIDs.contains(r.id))
            #expect(!r.familienname.isEmpty && !r.vornamen.isEmpty && !r.strasse.isEmpty)
            #expect(["ledig", "verheiratet", "verwitwet", "geschieden"].contains(r.familienstand))
        }
        let households = Dictionary(grouping: d.residents, by: \.householdID)
        #expect(households.count == 400 + 5)
        for (_, members) in households {
            let reference = members.filter { $0.householdRole == .reference }
            #expect(reference.count == 1)
            #expect(members.filter { $0.householdRole == .partner }.count <= 1)
            #expect(Set(members.map(\.strasse)).count == 1 && Set(members.map(\.ars)).count == 1)
            if let ref = reference.first {
                #expect(ref.geburtsdatum.age(on: Self.today) >= 18)
                for child in members where child.householdRole == .child {
                    #expect(child.geburtsdatum.age(on: Self.today) < ref.geburtsdatum.age(on: Self.today) - 15)
                }
            }
        }
        #expect(households.values.contains { $0.count >= 3 }, "families")
        #expect(households.values.contains { $0.count == 1 }, "singles")

        let residents = Dictionary(uniqueKeysWithValues: d.residents.map { ($0.id, $0) })
        #expect(d.incomes.count > 300)
        for i in d.incomes {
            #expect(i.monthlyGrossCents >= 0)
            #expect(i.monthlyGrossCents < 1_000_000)
            let r = try #require(residents[i.personID])
            #expect(i.familienname == r.familienname && i.geburtsdatum == r.geburtsdatum)
            #expect(i.since <= Self.today && i.since > r.geburtsdatum)
            #expect(!i.payer.isEmpty)
            if i.kind == .pension { #expect(i.pensionKind != nil) }
        }
        #expect(d.incomes.contains { $0.kind == .pension } && d.incomes.contains { $0.kind == .wage })

        #expect(d.companies.count == 62)
        #expect(Set(d.companies.map(\.registernummer)).count == d.companies.count)
        #expect(Set(d.companies.map(\.firma)).count == d.companies.count)
        for c in d.companies {
            #expect(OrganisationQuery.normalizedNumber(c.registernummer) == c.registernummer)
            #expect(byARS[c.sitzARS]?.name == c.sitz)
            #expect(c.registergericht == "Amtsgericht Jena")
            #expect(
                c.registernummer.hasPrefix(
                    ["GmbH", "UG (haftungsbeschränkt)", "AG"].contains(c.rechtsform) ? "HRB" : "HRA"))
            #expect((c.kapitalCents ?? 0) >= 0)
            #expect(d.officers.contains { $0.companyID == c.id }, "\(c.firma) has a representative")
        }
    }

    @Test func theFixedPeopleStayUniqueInTheDemoDataset() async throws {
        let d = SyntheticPopulation.demoDataset(seed: 7, municipalities: try municipalities(), households: 400)
        let source = InMemoryRegisterSource(d)
        let residents = DemoResidentRegister(source: source)
        let erika = try await residents.query(.person(DemoPeople.erikaQuery, categories: [.name]), context: T.context())
        #expect(erika.subjectID == DemoPeople.erika.id)
        await #expect(throws: RegisterError.notFound) {
            try await residents.query(.person(DemoPeople.notFound, categories: [.name]), context: T.context())
        }
        await #expect(throws: RegisterError.ambiguous(candidates: 2)) {
            try await residents.query(.person(DemoPeople.ambiguous, categories: [.name]), context: T.context())
        }
        // A generated resident is found by identity and by register id.
        let someone = try #require(d.residents.last)
        let e = try await residents.query(
            .person(
                .identity(
                    familienname: someone.familienname, vorname: someone.vornamen, geburtsdatum: someone.geburtsdatum,
                    address: AddressHint(ars: someone.ars)), categories: [.address]), context: T.context())
        #expect(e.subjectID == someone.id)
        let company = try #require(d.companies.last)
        let trade = try await DemoTradeRegister(source: source).query(
            .organisation(
                OrganisationQuery(registergericht: company.registergericht, registernummer: company.registernummer),
                categories: [.company]), context: T.context(purpose: DemoPurpose.gewerbeanzeige))
        #expect(trade.data[EvidenceKey.firma] == company.firma)
    }

    @Test func theRandomSourceIsStable() {
        var r = DemoRandom(seed: 42)
        // SplitMix64's published first output for seed 42.
        #expect(r.next() == 0xbdd7_3226_2feb_6e95)
        var counts = [0, 0, 0]
        for _ in 0..<3000 { counts[r.below(3)] += 1 }
        #expect(counts.allSatisfy { $0 > 900 && $0 < 1100 })
        var w = [0, 0]
        for _ in 0..<1000 { w[r.weighted([1, 3])] += 1 }
        #expect(w[1] > 650 && w[1] < 850)
    }
}
