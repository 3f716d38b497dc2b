import Crypto
import Foundation
import Testing

@testable import Registers

@Suite struct ConsentTests {
    /// Counting wrappers around the three demo registers.
    let resident = FaultInjectingAdapter(wrapping: DemoResidentRegister(source: T.source, clock: { T.t0 }))
    let income = FaultInjectingAdapter(wrapping: DemoIncomeRegister(source: T.source, clock: { T.t0 }))
    let trade = FaultInjectingAdapter(wrapping: DemoTradeRegister(source: T.source, clock: { T.t0 }))
    let pepper = SymmetricKey(data: Data(repeating: 7, count: 32))

    var catalog: RegisterCatalog { RegisterCatalog([resident, income, trade]) }

    var retriever: ConsentGatedRetriever {
        ConsentGatedRetriever(catalog: catalog, subjectPepper: pepper, clock: { T.t0 }, newID: { "r-1" })
    }

    func plan() throws -> RetrievalPlan {
        try RetrievalPlan.make(
            serviceID: "99107004000000", serviceName: "Wohngeld", purposeID: DemoPurpose.wohngeld,
            purpose: "Prüfung Ihres Anspruchs auf Wohngeld",
            requests: [
                .melderegister: [.name, .birth, .address, .household],
                .einkommensnachweise: [.incomeWage, .incomePension],
            ], catalog: catalog)
    }

    var requester: Requester { Requester(authority: T.authority, caseNumber: "WG-2026-0001") }

    var totalCalls: Int { resident.calls + income.calls + trade.calls }

    let residentQuery = RegisterQuery.person(DemoPeople.erikaQuery, categories: [.name, .address, .household])
    let incomeQuery = RegisterQuery.person(DemoPeople.erikaQuery, categories: [.incomeWage])

    @Test func thePlanNamesRegistersCategoriesAndLegalBases() throws {
        let p = try plan()
        #expect(p.items.map(\.register) == [.einkommensnachweise, .melderegister])
        #expect(p.item(.melderegister)?.categories == [.name, .birth, .address, .household])
        #expect(p.item(.melderegister)?.legalBasis.contains("BMG") == true)
        let request = ConsentRequest(plan: p)
        let de = request.text(.de)
        #expect(de.contains("Wohngeld"))
        #expect(
            de.contains("Melderegister (Meldebehörden der Thüringer Gemeinden (Demo)): Name, Geburtsdatum und -ort"))
        #expect(de.contains("Arbeitsentgelt (Lohn, Gehalt), Renten"))
        #expect(de.contains("Rechtsgrundlage: § 23 WoGG"))
        #expect(request.text(.en).contains("Household members"))
        #expect(request.planHash == p.hash)
    }

    @Test func planHashChangesWithAnyDetail() throws {
        let p = try plan()
        var q = p
        q.purpose += "."
        #expect(q.hash != p.hash)
        var r = p
        r.items[1].categories = [.name]
        #expect(r.hash != p.hash)
        var s = p
        s.items[0].legalBasis = "anders"
        #expect(s.hash != p.hash)
        #expect(try plan().hash == p.hash, "deterministic")
    }

    @Test func planMakingChecksTheCatalog() throws {
        #expect(throws: ConsentError.unknownRegister("kfz")) {
            try RetrievalPlan.make(
                serviceID: "s", serviceName: "S", purposeID: DemoPurpose.wohngeld, purpose: "p",
                requests: ["kfz": [.name]], catalog: catalog)
        }
        #expect(throws: ConsentError.categoriesNotOffered(.melderegister, [.incomeWage])) {
            try RetrievalPlan.make(
                serviceID: "s", serviceName: "S", purposeID: DemoPurpose.wohngeld, purpose: "p",
                requests: [.melderegister: [.name, .incomeWage]], catalog: catalog)
        }
        #expect(throws: ConsentError.noLegalBasis(.handelsregister, purpose: DemoPurpose.wohngeld)) {
            try RetrievalPlan.make(
                serviceID: "s", serviceName: "S", purposeID: DemoPurpose.wohngeld, purpose: "p",
                requests: [.handelsregister: [.company]], catalog: catalog)
        }
    }

    @Test func grantedConsentRetrievesAndMakesARecord() async throws {
        let p = try plan()
        let consent = Consent.granted(ConsentRequest(plan: p), at: T.t0)
        let r = try await retriever.retrieve(
            residentQuery, from: .melderegister, plan: p, consent: consent, requester: requester)
        #expect(resident.forwarded == 1)
        #expect(r.evidence.data[EvidenceKey.household(0, .beziehung)] == "ehegatte")
        #expect(r.record.register == .melderegister)
        #expect(r.record.registerName == "Melderegister")
        #expect(r.record.issuer == "Stadt Jena (Meldebehörde)")
        #expect(r.record.categories == [.name, .address, .household])
        #expect(r.record.authorityID == T.authority.id)
        #expect(r.record.clerkID == nil)
        #expect(r.record.caseNumber == "WG-2026-0001")
        #expect(r.record.serviceID == "99107004000000")
        #expect(r.record.purpose == "Prüfung Ihres Anspruchs auf Wohngeld")
        #expect(r.record.legalBasis.contains("§ 34 Abs. 1 BMG"))
        #expect(r.record.outcome == .delivered)
        #expect(r.record.at == T.t0)
        #expect(!r.record.isSealed)
        #expect(r.record.subject == RetrievalSubject.person(registerID: DemoPeople.erika.id, pepper: pepper))
        #expect(!r.record.subject.contains(DemoPeople.erika.id), "the IdNr does not appear in the log")
    }

    @Test func noAdapterCallWithoutConsent() async throws {
        let p = try plan()
        let request = ConsentRequest(plan: p)
        let declined = Consent.declined(request, at: T.t0)
        await #expect(throws: ConsentError.declined) {
            try await retriever.retrieve(
                residentQuery, from: .melderegister, plan: p, consent: declined, requester: requester)
        }
        await #expect(throws: ConsentError.declined) {
            try await retriever.retrieve(
                incomeQuery, from: .einkommensnachweise, plan: p, consent: declined, requester: requester)
        }
        // A consent to another plan (here: a different purpose text) does not count.
        var other = p
        other.purpose = "Werbung"
        let foreign = Consent.granted(ConsentRequest(plan: other), at: T.t0)
        await #expect(throws: ConsentError.planMismatch) {
            try await retriever.retrieve(
                residentQuery, from: .melderegister, plan: p, consent: foreign, requester: requester)
        }
        // Registers outside the plan are refused too, even with a granted consent.
        let granted = Consent.granted(request, at: T.t0)
        await #expect(throws: ConsentError.registerNotInPlan(.handelsregister)) {
            try await retriever.retrieve(
                .organisation(DemoPeople.companyQuery, categories: [.company]), from: .handelsregister, plan: p,
                consent: granted, requester: requester)
        }
        // Categories beyond the plan are refused.
        await #expect(throws: ConsentError.categoriesNotCovered(.melderegister, [.incomeWage])) {
            try await retriever.retrieve(
                .person(DemoPeople.erikaQuery, categories: [.name, .incomeWage]), from: .melderegister, plan: p,
                consent: granted, requester: requester)
        }
        #expect(totalCalls == 0, "no register was asked")
    }

    @Test func partialConsentCoversOnlyItsRegisters() async throws {
        let p = try plan()
        let consent = Consent.granted(ConsentRequest(plan: p), at: T.t0, registers: [.melderegister])
        #expect(consent.grantedRegisters == [.melderegister])
        await #expect(throws: ConsentError.registerNotGranted(.einkommensnachweise)) {
            try await retriever.retrieve(
                incomeQuery, from: .einkommensnachweise, plan: p, consent: consent, requester: requester)
        }
        #expect(income.calls == 0)
        _ = try await retriever.retrieve(
            residentQuery, from: .melderegister, plan: p, consent: consent, requester: requester)
        #expect(resident.calls == 1)
    }

    @Test func failedRetrievalsThrowAndYieldNoRecord() async throws {
        let p = try plan()
        let consent = Consent.granted(ConsentRequest(plan: p), at: T.t0)
        await #expect(throws: RegisterError.notFound) {
            try await retriever.retrieve(
                .person(DemoPeople.notFound, categories: [.name]), from: .melderegister, plan: p, consent: consent,
                requester: requester)
        }
        #expect(resident.calls == 1, "asked, but nothing to log")
    }

    @Test func anAccountSubjectAndPartialOutcome() async throws {
        let p = try plan()
        let consent = Consent.granted(ConsentRequest(plan: p), at: T.t0)
        let r = try await retriever.retrieve(
            .person(DemoPeople.erikaQuery, categories: [.incomeWage, .incomePension]), from: .einkommensnachweise,
            plan: p, consent: consent,
            requester: Requester(authority: T.authority, clerk: T.clerk, subject: RetrievalSubject.account("a-1")))
        #expect(r.record.subject == "account:a-1")
        #expect(r.record.clerkName == T.clerk.name)
        #expect(r.record.outcome == .partial, "Erika has no pension")
    }

    @Test func retrieveAllAsksEachGrantedRegister() async throws {
        let p = try plan()
        let consent = Consent.granted(ConsentRequest(plan: p), at: T.t0, registers: [.melderegister])
        let results = await retriever.retrieveAll(
            [.melderegister: residentQuery, .einkommensnachweise: incomeQuery], plan: p, consent: consent,
            requester: requester)
        #expect(try results[.melderegister]?.get().evidence.subjectID == DemoPeople.erika.id)
        #expect(throws: ConsentError.registerNotGranted(.einkommensnachweise)) {
            try results[.einkommensnachweise]?.get()
        }
        #expect(resident.calls == 1 && income.calls == 0)
    }

    @Test func evidenceIsCutToTheCategoriesAsked() async throws {
        /// An adapter that returns more than asked.
        struct Chatty: RegisterAdapter {
            var id: RegisterID { "chatty" }
            var descriptor: RegisterDescriptor {
                RegisterDescriptor(
                    id: id, name: "Chatty", nameEN: "Chatty", operatorName: "Test", subjects: [.person],
                    categories: [.name, .address], legalBases: ["p": "§ 1"], isDemo: true)
            }
            func query(_ q: RegisterQuery, context: RetrievalContext) async throws -> Evidence {
                Evidence(
                    register: id, issuer: "Test", issuedAt: T.t0, legalBasis: "§ 1", categories: [.name, .address],
                    subjectID: "x", data: [EvidenceKey.familienname: "A", EvidenceKey.strasse: "B"])
            }
        }
        let catalog = RegisterCatalog([Chatty()])
        let p = try RetrievalPlan.make(
            serviceID: "s", serviceName: "S", purposeID: "p", purpose: "p", requests: ["chatty": [.name]],
            catalog: catalog)
        let r = try await ConsentGatedRetriever(catalog: catalog, subjectPepper: pepper).retrieve(
            .person(.registerID("x"), categories: [.name]), from: "chatty", plan: p,
            consent: .granted(ConsentRequest(plan: p), at: T.t0), requester: requester)
        #expect(r.evidence.data == [EvidenceKey.familienname: "A"])
        #expect(r.evidence.categories == [.name])
    }

    @Test func aRealRegisterReplacesItsDemo() {
        var c = catalog
        let replacement = FaultInjectingAdapter(wrapping: DemoResidentRegister(source: BrokenSource()))
        c.register(replacement)
        #expect(c.adapters.count == 3)
        #expect(c.adapter(.melderegister) as? FaultInjectingAdapter === replacement)
        #expect(c.descriptors.map(\.id) == [.einkommensnachweise, .handelsregister, .melderegister])
    }
}
