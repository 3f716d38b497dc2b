import Crypto
import Forms
import Foundation
import HTTPTypes
import HummingbirdTesting
import Registers
import SQLKit
import Storage
import Testing

@testable import AmtswegServer

/// Once-only in storage: the demo registers' tables, the per-subject retrieval chains under
/// concurrency, export, verification and two-year retention — on SQLite and PostgreSQL.
@Suite("Once-only storage: register tables and the retrieval log")
struct RegisterStoreTests {
    static func record(_ subject: String, at: Date, authority: String = "th-stadt-16053", n: Int = 0)
        -> RetrievalRecord
    {
        RetrievalRecord(
            id: UUID().uuidString.lowercased(), subject: subject, at: at, authorityID: authority,
            authorityName: "Stadt \(authority)", register: .melderegister, registerName: "Melderegister",
            issuer: "Stadt Jena (Meldebehörde)", categories: [.name, .address], serviceID: "99107023037000",
            serviceName: "Wohngeld", caseNumber: n > 0 ? "W-\(n)" : nil, purpose: "Prüfung",
            legalBasis: "§ 34 BMG", outcome: .delivered)
    }

    @Test("The demo registers answer from their own tables as if remote", arguments: Backend.all)
    func sqlSource(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let store = RegisterStore(database: database, clock: ManualClock())
            try await store.seed(DemoPeople.dataset)
            try await store.seed(DemoPeople.dataset)  // idempotent
            let catalog = RegisterCatalog.demo(source: store.source)
            let context = RetrievalContext(
                authority: Party(id: "a", name: "A"), serviceID: "s", serviceName: "S",
                purposeID: DemoPurpose.wohngeld, purpose: "p", legalBasis: "b")
            let person = try await #require(catalog.adapter(.melderegister)).query(
                .person(DemoPeople.erikaQuery, categories: [.name, .address, .household]), context: context)
            #expect(person.data[EvidenceKey.strasse] == "Westbahnhofstraße")
            #expect(person.data.keys.contains { $0.hasPrefix("household.") })
            let income = try await #require(catalog.adapter(.einkommensnachweise)).query(
                .person(DemoPeople.erikaQuery, categories: [.incomeWage]), context: context)
            #expect(!income.data.isEmpty)
            await #expect(throws: RegisterError.self) {
                _ = try await catalog.adapter(.melderegister)!.query(
                    .person(DemoPeople.notFound, categories: [.name]), context: context)
            }
            // The trade register answers for companies by court and number.
            let trade = RetrievalContext(
                authority: Party(id: "a", name: "A"), serviceID: "s", serviceName: "Gewerbeanzeige",
                purposeID: DemoPurpose.gewerbeanzeige, purpose: "p", legalBasis: "b")
            let company = try await #require(catalog.adapter(.handelsregister)).query(
                .organisation(DemoPeople.companyQuery, categories: [.company]), context: trade)
            #expect(company.data[EvidenceKey.firma] == "Mustermann Software GmbH")
        }
    }

    @Test(
        "Concurrent appends keep one gapless chain per subject; export holds only the subject's records; a changed row is named",
        arguments: Backend.all)
    func chains(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let key = P256.Signing.PrivateKey()
            let store = RegisterStore(database: database, clock: clock, checkpointKey: key)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<24 {
                    let subject = i % 3 == 0 ? "account:b" : "account:a"
                    group.addTask { try await store.append([Self.record(subject, at: clock.now(), n: i)]) }
                }
                try await group.waitForAll()
            }
            let a = try await store.records(subject: "account:a")
            #expect(a.map(\.seq) == Array(1...16))
            #expect(try await store.records(subject: "account:b").map(\.seq) == Array(1...8))
            var result = try await store.verify(keys: [key.publicKey])
            #expect(result.chains == 2 && result.records == 24 && result.breaks.isEmpty)
            let export = try RetrievalLog.decodeExport(try await store.export(subject: "account:a"))
            #expect(export.records.count == 16 && export.records.allSatisfy { $0.subject == "account:a" })
            #expect(try await store.export(subject: "account:c").count > 0)
            #expect(try RetrievalLog.decodeExport(try await store.export(subject: "account:c")).records.isEmpty)
            // Someone changes a row by hand: the chain names that record.
            let victim = a[4]
            try await database.transaction { db in
                try await db.raw("UPDATE retrieval_log SET purpose = 'anders' WHERE id = \(bind: victim.id)").run()
            }
            result = try await store.verify(keys: [key.publicKey])
            #expect(result.breaks.count == 1)
            #expect(result.breaks.first?.recordID == victim.id && result.breaks.first?.seq == 5)
        }
    }

    @Test(
        "After two years records go behind a signed checkpoint; the rest and new records still verify",
        arguments: Backend.all)
    func retention(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let key = P256.Signing.PrivateKey()
            let store = RegisterStore(database: database, clock: clock, checkpointKey: key)
            let start = clock.now()
            try await store.append([Self.record("account:a", at: start), Self.record("account:a", at: start)])
            try await store.append([Self.record("account:b", at: start)])
            clock.advance(by: 400 * 86_400)
            try await store.append([Self.record("account:a", at: clock.now())])
            // Not yet two years: nothing goes.
            #expect(try await store.prune() == 0)
            clock.set(start.addingTimeInterval(2 * 366 * 86_400))
            #expect(try await store.prune() == 3)
            let a = try await store.records(subject: "account:a")
            #expect(a.map(\.seq) == [3])
            #expect(try await store.records(subject: "account:b").isEmpty)
            try await store.append([Self.record("account:b", at: clock.now())])
            #expect(try await store.records(subject: "account:b").map(\.seq) == [2])
            let result = try await store.verify(keys: [key.publicKey])
            #expect(result.breaks.isEmpty && result.records == 2)
            // Without the checkpoint key the anchors do not verify.
            #expect(try await store.verify(keys: []).breaks.count == 2)
            // The export anchors what is left and verifies on its own.
            let export = try RetrievalLog.decodeExport(try await store.export(subject: "account:a"))
            #expect(RetrievalLog.verify(export.records, anchor: export.anchor, keys: [key.publicKey]) == nil)
        }
    }
}

/// Once-only over HTTP: the consent step before the Wohngeld form, prefill with provenance,
/// corrections, failures, the cockpit and its export, the clerk's retrieval.
@Suite("Once-only over HTTP: consent, prefill, cockpit")
struct OnceOnlyHTTPTests {
    typealias Browser = AccountHTTPTests.Browser
    static let leika = "99107023037000"

    /// Counts the calls that reach each demo register.
    static func counting(_ services: AppServices) -> (melde: FaultInjectingAdapter, income: FaultInjectingAdapter) {
        let melde = FaultInjectingAdapter(wrapping: services.registers.catalog.adapter(.melderegister)!)
        let income = FaultInjectingAdapter(wrapping: services.registers.catalog.adapter(.einkommensnachweise)!)
        services.registers.replace(melde)
        services.registers.replace(income)
        return (melde, income)
    }

    /// Erika starts Wohngeld in Jena: the consent page comes first.
    static func start(_ client: any TestClientProtocol, _ browser: inout Browser) async throws -> String {
        let page = try await client.get("/leistungen/\(leika)/antrag?ars=160530000000", headers: browser.header)
        browser.take(page)
        let start = try await client.post(
            "/leistungen/\(leika)/antrag", headers: browser.header,
            body: "csrf_token=\(try AccountHTTPTests.token(page))&ars=160530000000")
        let location = try #require(start.headers[.location])
        #expect(location.hasSuffix("/einwilligung"))
        return String(location.split(separator: "/")[1])
    }

    static func post(
        _ client: any TestClientProtocol, _ browser: inout Browser, _ path: String, _ body: String
    ) async throws -> TestResponse {
        let page = try await client.get("/konto", headers: browser.header)
        browser.take(page)
        return try await client.post(
            path, headers: browser.header, body: "csrf_token=\(try AccountHTTPTests.token(page))&\(body)")
    }

    @Test("No register is asked before consent; agreeing prefills with provenance; a correction is self-declared")
    func consentPrefillCorrect() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            let (melde, income) = Self.counting(services)
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let draft = try await Self.start(client, &erika)
            let consent = try await client.get("/antraege/\(draft)/einwilligung", headers: erika.header)
            #expect(consent.status == .ok)
            #expect(consent.text.contains("Melderegister") && consent.text.contains("Rechtsgrundlage"))
            #expect(consent.text.contains("Prüfung Ihres Anspruchs auf Wohngeld"))
            // Showing the request, or a post without the CSRF token, asks nobody.
            let forged = try await client.post(
                "/antraege/\(draft)/einwilligung", headers: erika.header, body: "action=agree")
            #expect(forged.status == .forbidden)
            #expect(melde.calls == 0 && income.calls == 0)
            // Another person cannot see or answer Erika's consent request.
            var max = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &max, person: "max")
            #expect(try await client.get("/antraege/\(draft)/einwilligung", headers: max.header).status == .notFound)
            #expect(
                try await Self.post(client, &max, "/antraege/\(draft)/einwilligung", "action=agree").status == .notFound
            )
            #expect(melde.calls == 0 && income.calls == 0)

            let agree = try await Self.post(client, &erika, "/antraege/\(draft)/einwilligung", "action=agree")
            #expect(agree.status == .seeOther && agree.headers[.location]?.hasSuffix("/schritt/1") == true)
            #expect(melde.forwarded == 1 && income.forwarded == 1)
            let stored = try #require(
                try await DraftStore(database: services.database, clock: services.clock).find(id: draft))
            #expect(stored.data.contains("Westbahnhofstraße") && stored.data.contains("Leonie"))
            let step1 = try await client.get("/antraege/\(draft)/schritt/1", headers: erika.header)
            #expect(step1.text.contains("Übernommen aus Register: Melderegister"))
            #expect(step1.text.contains("value=\"Westbahnhofstraße\""))

            // Erika corrects the house number: self-declared; the rest stays verified.
            let save = try await Self.post(
                client, &erika, "/antraege/\(draft)/schritt/1",
                "action=next&G99100001.F05000059=Mustermann&G99100001.F05000060=Erika"
                    + "&G99100001.F05000351~day=12&G99100001.F05000351~month=8&G99100001.F05000351~year=1964"
                    + "&G99100001.G05000428.F00000053=Westbahnhofstra%C3%9Fe&G99100001.G05000428.F00000016=9"
                    + "&G99100001.G00000113.F00000054=07745&G99100001.G00000113.F00000035=Jena&G99100001.F99100002=false"
            )
            #expect(save.status == .seeOther || save.status == .unprocessableContent)
            let state = try #require(try await services.registers.store.state(draft: draft))
            #expect(state.prefill.fields["G99100001.G05000428.F00000016"]?.source == .selfDeclared)
            #expect(state.prefill.isVerified("G99100001.G05000428.F00000053"))
            #expect(state.prefill.isVerified("G99100001.F05000059"))
            let again = try await client.get("/antraege/\(draft)/schritt/1", headers: erika.header)
            #expect(again.text.contains("Von Ihnen geändert"))

            // The cockpit lists both retrievals with purpose and authority, newest first.
            let cockpit = try await client.get("/konto/datenschutz", headers: erika.header)
            #expect(cockpit.status == .ok)
            #expect(cockpit.text.components(separatedBy: "data-retrieval").count - 1 == 2)
            #expect(cockpit.text.contains("Prüfung Ihres Anspruchs auf Wohngeld"))
            let export = try RetrievalLog.decodeExport(
                Data(buffer: try await client.get("/konto/datenschutz.json", headers: erika.header).body))
            #expect(export.records.count == 2)
            #expect(Set(export.records.map(\.register)) == [.melderegister, .einkommensnachweise])
            // Max sees none of Erika's; a clerk has no cockpit.
            let maxExport = try RetrievalLog.decodeExport(
                Data(buffer: try await client.get("/konto/datenschutz.json", headers: max.header).body))
            #expect(maxExport.records.isEmpty && maxExport.subject != export.subject)
            let maxCockpit = try await client.get("/konto/datenschutz", headers: max.header)
            #expect(!maxCockpit.text.contains("data-retrieval"))
            #expect(try await client.get("/konto/datenschutz.json").status != .ok)
        }
    }

    @Test("Declining asks no register and the form is filled by hand")
    func decline() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            let (melde, income) = Self.counting(services)
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let draft = try await Self.start(client, &erika)
            let manual = try await Self.post(client, &erika, "/antraege/\(draft)/einwilligung", "action=manual")
            #expect(manual.status == .seeOther && manual.headers[.location]?.hasSuffix("/schritt/1") == true)
            #expect(melde.calls == 0 && income.calls == 0)
            let step1 = try await client.get("/antraege/\(draft)/schritt/1", headers: erika.header)
            #expect(step1.status == .ok && !step1.text.contains("data-source"))
            let save = try await Self.post(
                client, &erika, "/antraege/\(draft)/schritt/1",
                "action=next&G99100001.F05000059=Mustermann&G99100001.F05000060=Erika"
                    + "&G99100001.F05000351~day=12&G99100001.F05000351~month=8&G99100001.F05000351~year=1964"
                    + "&G99100001.G05000428.F00000053=Westbahnhofstra%C3%9Fe&G99100001.G05000428.F00000016=10"
                    + "&G99100001.G00000113.F00000054=07745&G99100001.G00000113.F00000035=Jena&G99100001.F99100002=false"
            )
            #expect(save.status == .seeOther || save.status == .unprocessableContent)
            let stored = try #require(
                try await DraftStore(database: services.database, clock: services.clock).find(id: draft))
            #expect(stored.data.contains("Mustermann"))
            #expect(try await services.registers.store.state(draft: draft)?.consent == .declined)
            #expect(try await services.registers.store.consents(draft: draft).map(\.decision) == ["declined"])
            #expect(
                try await services.registers.store.records(
                    subject: "account:\(try await CaseHTTPTests.citizenID(services))"
                ).isEmpty)
            #expect(melde.calls == 0 && income.calls == 0)
            // She changes her mind and agrees after all: what she typed stays, self-declared where
            // it differs from the register.
            let agree = try await Self.post(client, &erika, "/antraege/\(draft)/einwilligung", "action=agree")
            #expect(agree.status == .seeOther)
            let after = try #require(try await services.registers.store.state(draft: draft))
            #expect(after.prefill.fields["G99100001.G05000428.F00000016"]?.value == "10")
            #expect(after.prefill.fields["G99100001.G05000428.F00000016"]?.source == .selfDeclared)
            #expect(after.prefill.isVerified("G99100001.G05000428.F00000053"))
        }
    }

    @Test("A register that fails or times out keeps the draft and offers retry or manual entry")
    func failures() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            let (melde, income) = Self.counting(services)
            services.registers.timeout = .milliseconds(200)
            melde.faults = .init(latency: .seconds(5))
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let draft = try await Self.start(client, &erika)
            let slow = try await Self.post(client, &erika, "/antraege/\(draft)/einwilligung", "action=agree")
            #expect(slow.status == .serviceUnavailable)
            #expect(slow.text.contains("Erneut versuchen") && slow.text.contains("Ablehnen und selbst ausfüllen"))
            #expect(slow.text.contains("Ihr Entwurf ist gespeichert"))
            #expect(
                try await DraftStore(database: services.database, clock: services.clock).find(id: draft) != nil)
            #expect(income.forwarded == 1 && melde.forwarded == 0)
            // Down instead of slow: still kept, still offered.
            melde.faults = .init(failure: .always(.unavailable(reason: "down")))
            let down = try await Self.post(client, &erika, "/antraege/\(draft)/einwilligung", "action=agree")
            #expect(down.status == .serviceUnavailable && down.text.contains("Erneut versuchen"))
            // The income register answered once and is not asked again on retry.
            #expect(income.calls == 1)
            melde.faults = .init()
            // A healthy register on a loaded test machine may take longer than the 200 ms above.
            services.registers.timeout = .seconds(30)
            let retry = try await Self.post(client, &erika, "/antraege/\(draft)/einwilligung", "action=agree")
            #expect(retry.status == .seeOther)
            #expect(melde.forwarded == 1 && income.calls == 1)
            let subject = "account:\(try await CaseHTTPTests.citizenID(services))"
            #expect(try await services.registers.store.records(subject: subject).count == 2)
            // Or the applicant goes on by hand after a failure.
            melde.faults = .init(failure: .always(.timeout))
            let draft2 = try await Self.start(client, &erika)
            _ = try await Self.post(client, &erika, "/antraege/\(draft2)/einwilligung", "action=agree")
            let manual = try await Self.post(client, &erika, "/antraege/\(draft2)/einwilligung", "action=manual")
            #expect(manual.status == .seeOther)
            #expect(try await client.get("/antraege/\(draft2)/schritt/1", headers: erika.header).status == .ok)
        }
    }

    @Test("A clerk's register check appears in the applicant's cockpit with the clerk; other authorities get 404")
    func clerkRetrieval() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let erikaID = try await CaseHTTPTests.citizenID(services)
            let outcome = try await services.submissions.accept(
                .init(
                    formID: "S99100001", formVersion: "1.0", leika: Self.leika, authorityID: "th-stadt-16053",
                    ars: "160530000000", accountID: erikaID, data: AutomationTests.sample))
            guard case .created(let s) = outcome else { throw CaseStore.CaseError.notFound }
            let caseID = try #require(
                try await services.database.read { db in
                    try await db.raw("SELECT id FROM cases WHERE submission_id = \(bind: s.id)").first(
                        decodingColumn: "id", as: String.self)
                })
            let accounts = AccountStore(database: services.database, clock: services.clock)
            var clerk = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "melde@jena.example", authority: "th-stadt-16053", roles: [.clerk])
            var other = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "melde@gera.example", authority: "th-stadt-16052", roles: [.clerk])
            let view = try await client.get("/behoerde/vorgaenge/\(caseID)", headers: clerk.header)
            #expect(view.text.contains("Melderegister abfragen"))
            clerk.take(view)
            // The register is down: the case view says so at the form; nothing is logged.
            let (melde, _) = OnceOnlyHTTPTests.counting(services)
            melde.faults = .init(failure: .always(.unavailable(reason: "down")))
            let down = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/melderegister", headers: clerk.header,
                body: "csrf_token=\(try AccountHTTPTests.token(view))")
            #expect(down.status == .serviceUnavailable)
            #expect(down.text.contains("href=\"#register\"") && down.text.contains("konnte nicht abgefragt werden"))
            #expect(try await services.registers.store.records(subject: "account:\(erikaID)").isEmpty)
            melde.faults = .init()
            let forged = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/melderegister", headers: clerk.header, body: "")
            #expect(forged.status == .forbidden)
            let asked = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/melderegister", headers: clerk.header,
                body: "csrf_token=\(try AccountHTTPTests.token(view))")
            #expect(asked.status == .ok)
            #expect(asked.text.contains("Auskunft aus dem Melderegister") && asked.text.contains("Lindenstraße"))
            #expect(asked.text.contains("Haushaltsmitglied 1"))
            let otherPage = try await client.get("/behoerde/vorgaenge/neu", headers: other.header)
            other.take(otherPage)
            let foreign = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/melderegister", headers: other.header,
                body: "csrf_token=\(try AccountHTTPTests.token(otherPage))")
            #expect(foreign.status == .notFound)
            let records = try await services.registers.store.records(subject: "account:\(erikaID)")
            #expect(records.count == 1)
            #expect(records.first?.clerkName == "melde@jena.example")
            #expect(records.first?.purpose == "Prüfung im Verwaltungsverfahren")
            let cockpit = try await client.get("/konto/datenschutz", headers: erika.header)
            #expect(
                cockpit.text.contains("Prüfung im Verwaltungsverfahren") && cockpit.text.contains("melde@jena.example"))
            // Filtered by another authority: nothing.
            let filtered = try await client.get("/konto/datenschutz?behoerde=th-stadt-16052", headers: erika.header)
            #expect(!filtered.text.contains("data-retrieval"))
        }
    }

    @Test("Self-declared income sends the case to a person; register-verified income may be decided automatically")
    func verifiedForPolicy() async throws {
        try await withApp(
            .sqlite,
            configure: {
                $0.demo = true; $0.sampleShare = 0
            }
        ) { client, services in
            let (_, _, _, clerkID) = try await AutomationTests.people(client, services)
            let erikaID = try await CaseHTTPTests.citizenID(services)
            func route(_ provenance: String) async throws -> [String] {
                let outcome = try await services.submissions.accept(
                    .init(
                        formID: "S99100001", formVersion: "1.0", leika: Self.leika, authorityID: "th-stadt-16051",
                        ars: "160510000000", accountID: erikaID, data: AutomationTests.sample, provenance: provenance))
                guard case .created(let s) = outcome else { throw CaseStore.CaseError.notFound }
                let id = try #require(
                    try await services.database.read { db in
                        try await db.raw("SELECT id FROM cases WHERE submission_id = \(bind: s.id)").first(
                            decodingColumn: "id", as: String.self)
                    })
                try await services.cases.check(id, complete: true, by: clerkID, authorityID: "th-stadt-16051")
                return try await services.cases.events(of: id).map { "\($0.kind) \($0.detail)" }
            }
            let selfDeclared = try await route(#"{"default":"entered","incomeVerified":false}"#)
            #expect(selfDeclared.contains { $0.hasPrefix("proposal") && $0.contains("not_verified") })
            #expect(!selfDeclared.contains { $0.hasPrefix("decided_automatically") })
            let verified = try await route(#"{"default":"entered","incomeVerified":true}"#)
            #expect(!verified.contains { $0.contains("not_verified") })
        }
    }
}

/// The submission's provenance from a prefill: income counts as verified only while every income
/// amount is the register's.
@Suite("Once-only provenance of a submission")
struct OnceOnlyProvenanceTests {
    static func provenance(_ json: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("Register income is verified; a corrected or added amount is not")
    func incomeVerified() async throws {
        let store = RegisterStore(
            database: try await Database.open(.sqliteMemory, logger: testLogger), clock: ManualClock())
        try await Migrator(database: store.database, logger: testLogger).migrate()
        try await store.seed(DemoPeople.dataset)
        let catalog = RegisterCatalog.demo(source: store.source)
        let context = RetrievalContext(
            authority: Party(id: "a", name: "A"), serviceID: "s", serviceName: "S", purposeID: DemoPurpose.wohngeld,
            purpose: "p", legalBasis: "b")
        let wage = try await catalog.adapter(.einkommensnachweise)!.query(
            .person(DemoPeople.erikaQuery, categories: [.incomeWage]), context: context)
        var prefill = Prefill(evidence: [wage], mapping: .wohngeld)
        let path = "G99100004[0].G99100005[0].F99100016"
        let amount = try #require(prefill.fields[path]?.value)
        var data = FormValue.object([:])
        data = OnceOnly.set(data, path, .number(try #require(Decimal(string: amount))))
        var p = try Self.provenance(OnceOnly.provenance(prefill, consent: .granted, data: data))
        #expect(p["incomeVerified"] as? Bool == true)
        #expect((p["fields"] as? [String: String])?[path] == "register:einkommensnachweise")
        // The applicant changes the amount: self-declared, income not verified.
        data = OnceOnly.set(data, path, .number(1))
        p = try Self.provenance(OnceOnly.provenance(prefill, consent: .granted, data: data))
        #expect(p["incomeVerified"] as? Bool == false)
        #expect((p["fields"] as? [String: String])?[path] == "self-declared")
        // Back to the register's amount, plus a second line typed by hand: still not verified.
        prefill.applyCorrection(field: path, newValue: amount)
        data = OnceOnly.set(data, path, .number(try #require(Decimal(string: amount))))
        data = OnceOnly.set(data, "G99100004[0].G99100005[1].F99100016", .number(100))
        p = try Self.provenance(OnceOnly.provenance(prefill, consent: .granted, data: data))
        #expect(p["incomeVerified"] as? Bool == false)
        // Declined: nothing prefilled, nothing verified.
        p = try Self.provenance(OnceOnly.provenance(Prefill(), consent: .declined, data: data))
        #expect(p["incomeVerified"] as? Bool == false && p["consent"] as? String == "declined")
        await store.database.close()
    }
}
