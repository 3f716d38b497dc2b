import Foundation
import Testing

@testable import Registers

@Suite struct ModelTests {
    @Test func registerDatesParseOnlyRealDays() {
        #expect(RegisterDate("1964-08-12")?.description == "1964-08-12")
        #expect(RegisterDate("2024-02-29") != nil)
        #expect(RegisterDate("2023-02-29") == nil)
        #expect(RegisterDate("1900-02-29") == nil)
        #expect(RegisterDate("2000-02-29") != nil)
        #expect(RegisterDate("2026-13-01") == nil)
        #expect(RegisterDate("2026-1-01") == nil)
        #expect(RegisterDate("+026-01-01") == nil)
        #expect(T.date("1964-08-12").age(on: T.date("2026-08-11")) == 61)
        #expect(T.date("1964-08-12").age(on: T.date("2026-08-12")) == 62)
    }

    @Test func dayArithmeticRoundTrips() {
        var d = T.date("1899-12-25")
        var n = DayNumber.of(d)
        for _ in 0..<60_000 {
            let next = d.adding(days: 1)
            #expect(DayNumber.of(next) == n + 1)
            #expect(next > d)
            d = next
            n += 1
        }
        #expect(d.description == "2064-04-03")
        #expect(T.date("2024-02-29").adding(years: 1).description == "2025-02-28")
    }

    @Test func foldingComparesGermanSpellings() {
        #expect(Folding.fold("Müller") == Folding.fold("Mueller"))
        #expect(Folding.fold("  Groß  ") == "gross")
        #expect(Folding.fold("René") == "rene")
        #expect(Folding.fold("Karl-Heinz  Böhm") == "karl-heinz boehm")
    }

    @Test func identificationNumbers() {
        for r in DemoPeople.residents { #expect(IdentificationNumber.isValid(r.id), "\(r.vornamen): \(r.id)") }
        let erika = DemoPeople.erika.id
        var wrong = Array(erika)
        wrong[10] = wrong[10] == "0" ? "1" : "0"
        #expect(!IdentificationNumber.isValid(String(wrong)))
        #expect(!IdentificationNumber.isValid("01234567891"))
        #expect(!IdentificationNumber.isValid("1234567890"))
        // Two repeated digits are not allowed.
        #expect(!IdentificationNumber.isValid(IdentificationNumber.complete("1123456788")))
        var rng = DemoRandom(seed: 1)
        for _ in 0..<500 { #expect(IdentificationNumber.isValid(IdentificationNumber.random(&rng))) }
    }

    @Test func registerNumbersAndCourtsNormalise() {
        #expect(OrganisationQuery.normalizedNumber("hrb501234") == "HRB 501234")
        #expect(OrganisationQuery.normalizedNumber("HRB  501234") == "HRB 501234")
        #expect(OrganisationQuery.normalizedNumber("HRB 1234 b") == "HRB 1234 B")
        #expect(OrganisationQuery.normalizedNumber("GnR 12") == "GnR 12")
        #expect(OrganisationQuery.normalizedNumber("501234") == nil)
        #expect(OrganisationQuery.normalizedNumber("HRB") == nil)
        #expect(OrganisationQuery.normalizedNumber("HRB 12x4") == nil)
        #expect(OrganisationQuery.courtKey("Amtsgericht Jena") == "jena")
        #expect(OrganisationQuery.courtKey("AG Jena") == "jena")
        #expect(OrganisationQuery.courtKey("jena") == "jena")
    }

    @Test func queriesNameTheInvalidField() {
        let day = T.date("1990-01-01")
        func field(_ q: RegisterQuery) -> String? {
            do {
                try q.validate()
                return nil
            } catch {
                if case .invalidQuery(let f) = error { return f }
                return "other"
            }
        }
        #expect(
            field(.person(.identity(familienname: " ", vorname: "A", geburtsdatum: day), categories: [.name]))
                == "familienname")
        #expect(
            field(.person(.identity(familienname: "A", vorname: "", geburtsdatum: day), categories: [.name]))
                == "vorname")
        #expect(
            field(
                .person(
                    .identity(familienname: "A", vorname: "B", geburtsdatum: day, address: AddressHint(plz: "0774")),
                    categories: [.name])) == "address.plz")
        #expect(
            field(
                .person(
                    .identity(familienname: "A", vorname: "B", geburtsdatum: day, address: AddressHint(ars: "16053")),
                    categories: [.name])) == "address.ars")
        #expect(field(.person(.registerID(""), categories: [.name])) == "registerID")
        #expect(field(.person(.registerID("x"), categories: [])) == "categories")
        #expect(
            field(
                .organisation(
                    OrganisationQuery(registergericht: "AG Jena", registernummer: "123"), categories: [.company]))
                == "registernummer")
        #expect(
            field(
                .organisation(OrganisationQuery(registergericht: " ", registernummer: "HRB 1"), categories: [.company]))
                == "registergericht")
        #expect(field(.person(DemoPeople.erikaQuery, categories: [.name])) == nil)
    }

    @Test func everyEvidenceKeyHasOneCategory() {
        #expect(DataCategory(evidenceKey: EvidenceKey.familienname) == .name)
        #expect(DataCategory(evidenceKey: EvidenceKey.geburtsname) == .name)
        #expect(DataCategory(evidenceKey: EvidenceKey.geburtsort) == .birth)
        #expect(DataCategory(evidenceKey: EvidenceKey.ars) == .address)
        #expect(DataCategory(evidenceKey: EvidenceKey.household(3, .beziehung)) == .household)
        #expect(DataCategory(evidenceKey: EvidenceKey.wage(0, .monthlyGrossCents)) == .incomeWage)
        #expect(DataCategory(evidenceKey: EvidenceKey.pension(1, .kind)) == .incomePension)
        #expect(DataCategory(evidenceKey: EvidenceKey.representative(0, .rolle)) == .company)
        #expect(DataCategory(evidenceKey: "person.steuerID") == nil)
        for c in DataCategory.allCases {
            #expect(!c.label(.de).isEmpty && !c.label(.en).isEmpty)
        }
    }

    @Test func evidenceRestrictionDropsOtherCategories() {
        let e = Evidence(
            register: .melderegister, issuer: "x", issuedAt: T.t0, legalBasis: "y", categories: [.name, .address],
            subjectID: "1",
            data: [EvidenceKey.familienname: "A", EvidenceKey.strasse: "B", "secret.extra": "C"])
        let r = e.restricted(to: [.name])
        #expect(r.data == [EvidenceKey.familienname: "A"])
        #expect(r.categories == [.name])
        #expect(e.deliveredCategories == [.name, .address])
    }
}
