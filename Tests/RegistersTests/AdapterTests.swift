import Foundation
import Testing

@testable import Registers

@Suite struct ResidentRegisterTests {
    let register = DemoResidentRegister(source: T.source, clock: { T.t0 })

    @Test func findsErikaWithAddressAndHousehold() async throws {
        let e = try await register.query(
            .person(DemoPeople.erikaQuery, categories: [.name, .birth, .address, .household]), context: T.context())
        #expect(e.register == .melderegister)
        #expect(e.issuer == "Stadt Jena (Meldebehörde)")
        #expect(e.issuedAt == T.t0)
        #expect(e.legalBasis.contains("§ 34 Abs. 1 BMG"))
        #expect(e.subjectID == DemoPeople.erika.id)
        #expect(e.categories == [.name, .birth, .address, .household])
        #expect(e.data[EvidenceKey.familienname] == "Mustermann")
        #expect(e.data[EvidenceKey.geburtsname] == "Gabler")
        #expect(e.data[EvidenceKey.geburtsdatum] == "1964-08-12")
        #expect(e.data[EvidenceKey.strasse] == "Westbahnhofstraße")
        #expect(e.data[EvidenceKey.plz] == "07745")
        #expect(e.data[EvidenceKey.ars] == "160530000000")
        #expect(e.data[EvidenceKey.household(0, .vorname)] == "Max Albert")
        #expect(e.data[EvidenceKey.household(0, .beziehung)] == "ehegatte")
        #expect(e.data[EvidenceKey.household(1, .vorname)] == "Leonie")
        #expect(e.data[EvidenceKey.household(1, .beziehung)] == "kind")
        #expect(e.data[EvidenceKey.household(2, .vorname)] == nil)
    }

    @Test func answersOnlyTheCategoriesAsked() async throws {
        let e = try await register.query(.person(DemoPeople.erikaQuery, categories: [.name]), context: T.context())
        #expect(Set(e.data.keys) == [EvidenceKey.familienname, EvidenceKey.vorname, EvidenceKey.geburtsname])
    }

    @Test func relationsFromTheChildsView() async throws {
        let e = try await register.query(
            .person(.registerID(DemoPeople.leonie.id), categories: [.household]), context: T.context())
        #expect(e.data[EvidenceKey.household(0, .beziehung)] == "elternteil")
        #expect(e.data[EvidenceKey.household(1, .beziehung)] == "elternteil")
        #expect(e.data[EvidenceKey.household(0, .vorname)] == "Max Albert", "older parent first")
    }

    @Test func findsByRegisterIDAndBySecondFirstNameAndSpelling() async throws {
        let byID = try await register.query(
            .person(.registerID(DemoPeople.maxMustermann.id), categories: [.name]), context: T.context())
        #expect(byID.data[EvidenceKey.vorname] == "Max Albert")
        let bySecond = try await register.query(
            .person(
                .identity(familienname: "MUSTERMANN", vorname: "albert", geburtsdatum: T.date("1962-03-03")),
                categories: [.name]), context: T.context())
        #expect(bySecond.subjectID == DemoPeople.maxMustermann.id)
        let thomas = try await register.query(
            .person(
                .identity(
                    familienname: "Mueller", vorname: "Thomas", geburtsdatum: T.date("1975-06-15"),
                    address: AddressHint(strasse: "Krämpferstr.", hausnummer: "5")), categories: [.address]),
            context: T.context())
        #expect(thomas.subjectID == DemoPeople.thomasErfurt.id)
    }

    @Test func notFoundAndAmbiguous() async throws {
        await #expect(throws: RegisterError.notFound) {
            try await register.query(.person(DemoPeople.notFound, categories: [.name]), context: T.context())
        }
        await #expect(throws: RegisterError.notFound) {
            try await register.query(.person(.registerID("12345678901"), categories: [.name]), context: T.context())
        }
        await #expect(throws: RegisterError.ambiguous(candidates: 2)) {
            try await register.query(.person(DemoPeople.ambiguous, categories: [.name]), context: T.context())
        }
        // Wrong first name: no match even though name and date agree.
        await #expect(throws: RegisterError.notFound) {
            try await register.query(
                .person(
                    .identity(familienname: "Mustermann", vorname: "Erik", geburtsdatum: T.date("1964-08-12")),
                    categories: [.name]), context: T.context())
        }
    }

    @Test func anAddressHintResolvesAmbiguity() async throws {
        guard case .identity(var identity) = DemoPeople.ambiguous else {
            Issue.record("not an identity query")
            return
        }
        identity.address = AddressHint(ars: "160520000000")
        let e = try await register.query(.person(.identity(identity), categories: [.address]), context: T.context())
        #expect(e.subjectID == DemoPeople.thomasGera.id)
        #expect(e.data[EvidenceKey.ort] == "Gera")
        identity.address = AddressHint(plz: "99423")
        await #expect(throws: RegisterError.notFound) {
            try await register.query(.person(.identity(identity), categories: [.address]), context: T.context())
        }
    }

    @Test func refusesWhatItCannotOrMayNotAnswer() async throws {
        await #expect(throws: RegisterError.invalidQuery(field: "categories")) {
            try await register.query(.person(DemoPeople.erikaQuery, categories: [.incomeWage]), context: T.context())
        }
        await #expect(throws: RegisterError.invalidQuery(field: "purpose")) {
            try await register.query(
                .person(DemoPeople.erikaQuery, categories: [.name]), context: T.context(purpose: "werbung"))
        }
        await #expect(throws: RegisterError.invalidQuery(field: "subject")) {
            try await register.query(.organisation(DemoPeople.companyQuery, categories: [.name]), context: T.context())
        }
    }

    @Test func aFailingStoreMakesTheRegisterUnavailable() async throws {
        let broken = DemoResidentRegister(source: BrokenSource())
        await #expect(throws: RegisterError.unavailable(reason: "register store failed")) {
            try await broken.query(.person(DemoPeople.erikaQuery, categories: [.name]), context: T.context())
        }
    }
}

@Suite struct IncomeRegisterTests {
    let register = DemoIncomeRegister(source: T.source, clock: { T.t0 })

    @Test func wagesOfErika() async throws {
        let e = try await register.query(
            .person(DemoPeople.erikaQuery, categories: [.incomeWage, .incomePension]), context: T.context())
        #expect(e.subjectID == DemoPeople.erika.id)
        #expect(e.data[EvidenceKey.wage(0, .employer)] == "Saaletal Pflegedienst gGmbH")
        #expect(e.data[EvidenceKey.wage(0, .monthlyGrossCents)] == "245000")
        #expect(e.data[EvidenceKey.wage(0, .since)] == "2011-09-01")
        #expect(e.data[EvidenceKey.pension(0, .insurer)] == nil)
        #expect(e.deliveredCategories == [.incomeWage])
    }

    @Test func twoPensionsOfHelgaOldestFirst() async throws {
        let e = try await register.query(
            .person(.registerID(DemoPeople.helga.id), categories: [.incomePension]), context: T.context())
        #expect(e.data[EvidenceKey.pension(0, .kind)] == "altersrente")
        #expect(e.data[EvidenceKey.pension(0, .monthlyGrossCents)] == "134000")
        #expect(e.data[EvidenceKey.pension(1, .kind)] == "hinterbliebenenrente")
        #expect(e.data[EvidenceKey.pension(1, .insurer)] == "Deutsche Rentenversicherung Bund")
    }

    @Test func onlyTheWageCategoryWhenOnlyWagesAreAsked() async throws {
        let e = try await register.query(
            .person(.registerID(DemoPeople.maxMustermann.id), categories: [.incomeWage]), context: T.context())
        #expect(e.data.isEmpty, "Max has a pension, no wage")
    }

    @Test func notFoundAndAmbiguous() async throws {
        await #expect(throws: RegisterError.notFound) {
            try await register.query(.person(DemoPeople.notFound, categories: [.incomeWage]), context: T.context())
        }
        await #expect(throws: RegisterError.ambiguous(candidates: 2)) {
            try await register.query(.person(DemoPeople.ambiguous, categories: [.incomeWage]), context: T.context())
        }
        await #expect(throws: RegisterError.invalidQuery(field: "purpose")) {
            try await register.query(
                .person(DemoPeople.erikaQuery, categories: [.incomeWage]),
                context: T.context(purpose: DemoPurpose.gewerbeanzeige))
        }
    }
}

@Suite struct TradeRegisterTests {
    let register = DemoTradeRegister(source: T.source, clock: { T.t0 })

    @Test func companyWithRepresentatives() async throws {
        let e = try await register.query(
            .organisation(
                OrganisationQuery(registergericht: "AG Jena", registernummer: "hrb501234"), categories: [.company]),
            context: T.context(purpose: DemoPurpose.gewerbeanzeige))
        #expect(e.subjectID == "HRB 501234")
        #expect(e.issuer == "Amtsgericht Jena – Registergericht")
        #expect(e.data[EvidenceKey.firma] == "Mustermann Software GmbH")
        #expect(e.data[EvidenceKey.rechtsform] == "GmbH")
        #expect(e.data[EvidenceKey.kapitalCents] == "2500000")
        #expect(e.data[EvidenceKey.sitzARS] == "160530000000")
        #expect(e.data[EvidenceKey.representative(0, .familienname)] == "Keller")
        #expect(e.data[EvidenceKey.representative(0, .rolle)] == "Geschäftsführerin")
        #expect(e.data[EvidenceKey.representative(1, .vorname)] == "Erika")
        #expect(e.data[EvidenceKey.representative(2, .vorname)] == nil)
    }

    @Test func soleTraderHasNoCapital() async throws {
        let e = try await register.query(
            .organisation(
                OrganisationQuery(registergericht: "Amtsgericht Jena", registernummer: "HRA 502345"),
                categories: [.company]), context: T.context(purpose: DemoPurpose.gewerbeanzeige))
        #expect(e.data[EvidenceKey.kapitalCents] == nil)
        #expect(e.data[EvidenceKey.representative(0, .rolle)] == "Inhaber")
    }

    @Test func unknownNumberOrCourtIsNotFound() async throws {
        let ctx = T.context(purpose: DemoPurpose.gewerbeanzeige)
        await #expect(throws: RegisterError.notFound) {
            try await register.query(
                .organisation(
                    OrganisationQuery(registergericht: "Amtsgericht Jena", registernummer: "HRB 501235"),
                    categories: [.company]), context: ctx)
        }
        await #expect(throws: RegisterError.notFound) {
            try await register.query(
                .organisation(
                    OrganisationQuery(registergericht: "Amtsgericht Erfurt", registernummer: "HRB 501234"),
                    categories: [.company]), context: ctx)
        }
        await #expect(throws: RegisterError.invalidQuery(field: "subject")) {
            try await register.query(.person(DemoPeople.erikaQuery, categories: [.company]), context: ctx)
        }
    }
}
