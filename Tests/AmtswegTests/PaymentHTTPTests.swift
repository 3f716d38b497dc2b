import AmtswegServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Payments
import SQLKit
import Storage
import Testing

/// Payments wired into storage and HTTP, on SQLite and PostgreSQL: the webhook (signature, the same
/// event twice, a replayed old event), the journey of a service paid before submission (declined,
/// payable later from the account, paid, submitted), a fee on approval, refunds and the
/// reconciliation report, and who may do what.
@Suite("Payments over HTTP")
struct PaymentHTTPTests {
    typealias Browser = AccountHTTPTests.Browser

    static let webhook = "/api/v1/payments/webhooks/simulator"
    static let jena = "th-stadt-16053"
    static let gera = "th-stadt-16052"

    static func quote(_ cents: Int) throws -> FeeQuote {
        try ServiceFee(schedule: .fixed(cents: cents), timing: .onApproval).quote(inputs: [:], channel: .paper)
    }

    /// Posts a webhook as a provider would.
    static func post(
        _ client: any TestClientProtocol, _ event: PaymentEvent, secrets: WebhookSecrets, timestamp: Int
    ) async throws -> TestResponse {
        let body = event.jsonData()
        let header = WebhookSigner(secrets: secrets).signatureHeader(body: body, timestamp: timestamp)
        return try await client.execute(
            uri: webhook, method: .post,
            headers: [.contentType: "application/json", HTTPField.Name("Amtsweg-Signature")!: header],
            body: ByteBuffer(data: body))
    }

    static func now() -> Int { Int(Date().timeIntervalSince1970) }

    /// A payment registered at the simulator (its state in the database, as the server keeps it) and in the
    /// store; with `outcome`, completed there and its webhook posted. Returns the stored payment.
    @discardableResult
    static func pay(
        _ client: any TestClientProtocol, _ services: AppServices, authority: String, account: String?,
        cents: Int, application: String = UUID().uuidString, outcome: SimulatedProvider.Outcome? = .success
    ) async throws -> PaymentStore.Stored {
        let store = services.payments
        let stored = try await store.create(
            PaymentStore.New(
                provider: "simulator", applicationID: application, leika: "99108001001000", authorityID: authority,
                accountID: account, timing: .onApproval, quote: try quote(cents)))
        let secrets = services.paymentWebhookSecrets
        let request = PaymentRequest(
            reference: stored.payment.reference, amountCents: cents, description: "Test",
            returnURL: "/zahlung/\(stored.id)", idempotencyKey: stored.id)
        let (reference, delivery) = try await store.withProviderState("simulator") { state in
            let restored =
                try state.map { try JSONDecoder().decode(SimulatedProvider.State.self, from: Data($0.utf8)) }
                ?? SimulatedProvider.State()
            let simulator = SimulatedProvider(
                configuration: .init(webhookPath: webhook), secrets: secrets, restoring: restored)
            let created = try await simulator.createPayment(request)
            let delivery = try outcome.map { try simulator.complete(created.providerReference, outcome: $0).webhook }
            return (
                String(decoding: try JSONEncoder().encode(simulator.snapshot()), as: UTF8.self),
                (created.providerReference, delivery)
            )
        }
        _ = try await store.start(id: stored.id, providerReference: reference)
        if let delivery {
            let answer = try await client.execute(
                uri: delivery.path, method: .post,
                headers: [
                    .contentType: "application/json",
                    HTTPField.Name("Amtsweg-Signature")!: try #require(delivery.headers["Amtsweg-Signature"]),
                ], body: ByteBuffer(data: delivery.body))
            #expect(answer.status == .ok, "\(answer.text)")
        }
        return try #require(try await store.find(id: stored.id, owner: .authority(authority)))
    }

    static func count(_ services: AppServices, _ sql: String) async throws -> Int {
        try await services.database.read { db in
            try await db.raw(SQLQueryString(sql)).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    @Test(
        "Webhook: a bad signature is rejected, the same event twice changes the payment once, a replayed old event is refused",
        arguments: Backend.all)
    func webhookRules(_ backend: Backend) async throws {
        try await withApp(backend) { client, services in
            let stored = try await Self.pay(
                client, services, authority: Self.jena, account: nil, cents: 3000, outcome: nil)
            let providerReference = try #require(stored.payment.providerReference)
            let event = PaymentEvent(
                id: "evt_test_1", type: .paymentSucceeded, providerReference: providerReference,
                reference: stored.payment.reference, amountCents: 3000, created: "2026-03-02T09:15:00Z")
            let secrets = services.paymentWebhookSecrets
            func current() async throws -> Payment {
                try #require(try await services.payments.find(id: stored.id, owner: .authority(Self.jena))).payment
            }

            // A bad signature (another secret): 401 problem, nothing changes, the event id is not stored.
            let wrong = try WebhookSecrets(["a-different-secret-of-enough-length"])
            var answer = try await Self.post(client, event, secrets: wrong, timestamp: Self.now())
            #expect(answer.status == .unauthorized)
            #expect(answer.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(try answer.json()["type"] as? String == "urn:amtsweg:problem:webhook-signature-invalid")
            #expect(try await current().status == .pending)
            // No signature, or a malformed header: 400.
            answer = try await client.execute(
                uri: Self.webhook, method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(data: event.jsonData()))
            #expect(answer.status == .badRequest)
            answer = try await client.execute(
                uri: Self.webhook, method: .post,
                headers: [.contentType: "application/json", HTTPField.Name("Amtsweg-Signature")!: "t=1,v1=zz"],
                body: ByteBuffer(data: event.jsonData()))
            #expect(answer.status == .badRequest)
            // Correctly signed, but not a payment event: 400.
            let junk = Data(#"{"id":"x"}"#.utf8)
            answer = try await client.execute(
                uri: Self.webhook, method: .post,
                headers: [
                    .contentType: "application/json",
                    HTTPField.Name("Amtsweg-Signature")!: WebhookSigner(secrets: secrets).signatureHeader(
                        body: junk, timestamp: Self.now()),
                ], body: ByteBuffer(data: junk))
            #expect(answer.status == .badRequest)
            #expect(try answer.json()["type"] as? String == "urn:amtsweg:problem:webhook-body-malformed")
            // A replayed old event (signed ten minutes ago, outside the ±300 s window): refused, not applied.
            answer = try await Self.post(client, event, secrets: secrets, timestamp: Self.now() - 600)
            #expect(answer.status == .unauthorized)
            #expect(try answer.json()["type"] as? String == "urn:amtsweg:problem:webhook-replayed")
            #expect(try await current().status == .pending)
            #expect(try await Self.count(services, "SELECT COUNT(*) AS n FROM payment_events") == 0)

            // The real event: applied.
            answer = try await Self.post(client, event, secrets: secrets, timestamp: Self.now())
            #expect(answer.status == .ok)
            #expect(try answer.json()["result"] as? String == "applied")
            let paid = try await current()
            #expect(paid.status == .succeeded && paid.succeededAt != nil)
            // The same event again (a redelivery): 200, nothing changes.
            answer = try await Self.post(client, event, secrets: secrets, timestamp: Self.now())
            #expect(answer.status == .ok)
            #expect(try answer.json()["result"] as? String == "duplicate")
            #expect(try await current() == paid)
            #expect(
                try await Self.count(
                    services, "SELECT COUNT(*) AS n FROM audit_events WHERE event = 'payment.succeeded'") == 1)
            #expect(try await Self.count(services, "SELECT COUNT(*) AS n FROM payment_events") == 1)
            // Another event id with the same effect: 200 "unchanged".
            var again = event
            again.id = "evt_test_2"
            answer = try await Self.post(client, again, secrets: secrets, timestamp: Self.now())
            #expect(try answer.json()["result"] as? String == "unchanged")
            #expect(try await current().status == .succeeded)
            // A refund event, twice: booked once.
            let refund = PaymentEvent(
                id: "evt_refund_1", type: .refundSucceeded, providerReference: providerReference,
                reference: stored.payment.reference, amountCents: 1000, created: "2026-03-03T09:15:00Z",
                refundID: "re_1")
            #expect(try await Self.post(client, refund, secrets: secrets, timestamp: Self.now()).status == .ok)
            #expect(try await Self.post(client, refund, secrets: secrets, timestamp: Self.now()).status == .ok)
            let refunded = try await current()
            #expect(refunded.status == .partiallyRefunded && refunded.refundedCents == 1000)
            #expect(try await Self.count(services, "SELECT COUNT(*) AS n FROM payment_refunds") == 1)
            // An event for an unknown payment: 404, and its id is not kept.
            var unknown = event
            unknown.id = "evt_test_3"
            unknown.providerReference = "sim_unknown"
            #expect(try await Self.post(client, unknown, secrets: secrets, timestamp: Self.now()).status == .notFound)
            // A success for another amount: 409.
            var wrongAmount = event
            wrongAmount.id = "evt_test_4"
            wrongAmount.amountCents = 1
            #expect(
                try await Self.post(client, wrongAmount, secrets: secrets, timestamp: Self.now()).status == .conflict)
        }
    }

    /// Starts the renewal of the parking permit as Erika and walks to the check page; returns the draft path.
    static func applyForRenewal(_ client: any TestClientProtocol, _ erika: Browser, _ services: AppServices)
        async throws -> String
    {
        let form = try #require(services.forms.form(id: "S05000058"))
        let begin = try await ActingForTests.start(client, erika, leika: "99108001020000", "for=self")
        #expect(begin.status == .seeOther)
        let first = try #require(begin.headers[.location])
        let location = try await ApplicationHTTPTests.walk(
            client, erika, form: form, data: try ApplicationFormTests.sample(), from: first)
        #expect(location.hasSuffix("/pruefen"))
        return String(location.dropLast("/pruefen".count))
    }

    static func submissions(_ services: AppServices, of account: String) async throws -> Int {
        try await services.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM submissions WHERE account_id = \(bind: account)")
                .first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    @Test(
        "A cancelled and an abandoned payment leave the application saved and payable; the fee follows the answers",
        arguments: Backend.all)
    func cancelledAndAbandoned(_ backend: Backend) async throws {
        try await withApp(backend, configure: { $0.demo = true }) { client, services in
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let erikaID = try await CaseHTTPTests.citizenID(services)
            let draft = try await Self.applyForRenewal(client, erika, services)
            let draftID = String(try #require(draft.split(separator: "/").last))
            let check = try await client.get(draft + "/pruefen", headers: erika.header)
            let toProvider = try await client.post(
                draft + "/absenden", headers: erika.header, body: "csrf_token=\(try AccountHTTPTests.token(check))")
            let providerPage = try #require(toProvider.headers[.location])
            // Cancelled at the provider: nothing submitted, the application is kept and payable.
            let page = try await client.get(providerPage, headers: erika.header)
            let cancelled = try await client.post(
                providerPage, headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&outcome=cancel")
            let back = try await client.get(try #require(cancelled.headers[.location]), headers: erika.header)
            #expect(back.status == .ok && back.text.contains("nicht verloren"))
            #expect(try await Self.submissions(services, of: erikaID) == 0)
            // Abandoned: a new attempt is started and the browser never comes back from the provider.
            var mine = try await client.get("/konto/zahlungen", headers: erika.header)
            let abandoned = try await client.post(
                "/konto/zahlungen/\(draftID)/bezahlen", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(mine))")
            #expect(abandoned.status == .seeOther)
            #expect(try await Self.submissions(services, of: erikaID) == 0)
            #expect(try await client.get(draft + "/pruefen", headers: erika.header).status == .ok)
            // Still listed with "pay now"; paying then submits the application once.
            mine = try await client.get("/konto/zahlungen", headers: erika.header)
            #expect(mine.text.contains("/konto/zahlungen/\(draftID)/bezahlen"))
            let again = try await client.post(
                "/konto/zahlungen/\(draftID)/bezahlen", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(mine))")
            let provider = try #require(again.headers[.location])
            let last = try await client.get(provider, headers: erika.header)
            #expect(last.text.contains("27,00 €"))
            let paid = try await client.post(
                provider, headers: erika.header, body: "csrf_token=\(try AccountHTTPTests.token(last))&outcome=success")
            #expect(paid.status == .seeOther)
            #expect(try await Self.submissions(services, of: erikaID) == 1)
            let attempts = try await services.payments.payments(ofApplication: draftID, owner: .account(erikaID))
            #expect(attempts.filter { $0.payment.status == .succeeded }.count == 1)
            #expect(attempts.contains { $0.payment.status == .cancelled })
        }
    }

    @Test(
        "A declined payment leaves the application saved and payable from the account; paying later submits it",
        arguments: Backend.all)
    func declinedThenPaid(_ backend: Backend) async throws {
        try await withApp(backend, configure: { $0.demo = true }) { client, services in
            // Paid before submission: an anonymous applicant is sent to log in.
            let anonymous = try await client.get("/leistungen/99108001020000/antrag?ars=160530000000")
            #expect(anonymous.status == .ok && anonymous.text.contains("Für diesen Antrag melden Sie sich an"))
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let erikaID = try await CaseHTTPTests.citizenID(services)
            var max = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &max, person: "max")
            let draft = try await Self.applyForRenewal(client, erika, services)
            let draftID = String(try #require(draft.split(separator: "/").last))

            // The check page shows the quote: fee, digital discount with its legal basis, total.
            let check = try await client.get(draft + "/pruefen", headers: erika.header)
            #expect(check.status == .ok)
            for text in [
                "30,00 €", "-3,00 €", "27,00 €", "Ermäßigung für digitale Antragstellung (10 %)",
                "§ 3 Abs. 2 ThürVwKostG (Musterwert)", "Weiter zur Zahlung",
            ] {
                #expect(check.text.contains(text), "\(text)")
            }
            // In English, the discount and total lines are translated (the fee's own label is configuration text).
            let english = try await client.get(draft + "/pruefen?lang=en", headers: erika.header)
            #expect(english.text.contains("Discount for applying online (10 %)") && english.text.contains("To pay"))
            #expect(english.text.contains("Continue to payment"))
            // Without the CSRF token: refused.
            #expect(try await client.post(draft + "/absenden", headers: erika.header, body: "").status == .forbidden)
            let toProvider = try await client.post(
                draft + "/absenden", headers: erika.header, body: "csrf_token=\(try AccountHTTPTests.token(check))")
            #expect(toProvider.status == .seeOther)
            let providerPage = try #require(toProvider.headers[.location])
            #expect(providerPage.hasPrefix("/zahlung/simulator/sim_"))
            #expect(try await Self.submissions(services, of: erikaID) == 0)

            // The simulator's page: says it is a simulation; its buttons need the CSRF token.
            let simulator = try await client.get(providerPage, headers: erika.header)
            #expect(simulator.status == .ok && simulator.text.contains("simulierter Zahlungsanbieter"))
            #expect(simulator.text.contains("27,00 €"))
            #expect(
                try await client.post(providerPage, headers: erika.header, body: "outcome=failure").status
                    == .forbidden)
            let declined = try await client.post(
                providerPage, headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(simulator))&outcome=failure")
            #expect(declined.status == .seeOther)
            let returnURL = try #require(declined.headers[.location])
            #expect(returnURL.hasPrefix("/zahlung/"))
            // The return page: not completed, the application is saved; nothing was submitted.
            let back = try await client.get(returnURL, headers: erika.header)
            #expect(back.status == .ok && back.text.contains("Zahlung nicht abgeschlossen"))
            #expect(back.text.contains("nicht verloren") && back.text.contains("fehlgeschlagen"))
            #expect(try await Self.submissions(services, of: erikaID) == 0)
            #expect(try await client.get(draft + "/pruefen", headers: erika.header).status == .ok)
            // Completing the simulator's page a second time changes nothing.
            #expect(
                try await client.post(
                    providerPage, headers: erika.header,
                    body: "csrf_token=\(try AccountHTTPTests.token(simulator))&outcome=success"
                ).headers[.location] == returnURL)
            #expect(try await Self.submissions(services, of: erikaID) == 0)

            // The account lists it under open payments with "pay now"; Max sees nothing of it.
            let mine = try await client.get("/konto/zahlungen", headers: erika.header)
            #expect(mine.status == .ok && mine.text.contains("Offene Zahlungen"))
            #expect(mine.text.contains("/konto/zahlungen/\(draftID)/bezahlen"))
            let maxPage = try await client.get("/konto/zahlungen", headers: max.header)
            #expect(!maxPage.text.contains(draftID))
            #expect(try await client.get(returnURL, headers: max.header).status == .notFound)
            #expect(
                try await client.post(
                    "/konto/zahlungen/\(draftID)/bezahlen", headers: max.header,
                    body:
                        "csrf_token=\(try AccountHTTPTests.token(try await client.get("/konto", headers: max.header)))"
                ).status == .notFound)
            #expect(
                try await client.post("/konto/zahlungen/\(draftID)/bezahlen", headers: erika.header, body: "").status
                    == .forbidden)

            // Pay later: a new attempt at the provider, paid; the application is submitted.
            let again = try await client.post(
                "/konto/zahlungen/\(draftID)/bezahlen", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(mine))")
            #expect(again.status == .seeOther)
            let secondPage = try #require(again.headers[.location])
            #expect(secondPage.hasPrefix("/zahlung/simulator/sim_") && secondPage != providerPage)
            let second = try await client.get(secondPage, headers: erika.header)
            let paid = try await client.post(
                secondPage, headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(second))&outcome=success")
            let done = try await client.get(try #require(paid.headers[.location]), headers: erika.header)
            #expect(done.status == .ok && done.text.contains("Zahlung eingegangen"))
            let confirmation = try #require(
                done.text.firstMatch(of: /href="(\/antraege\/eingereicht\/[0-9a-f-]+)"/)?.1)
            #expect(try await client.get(String(confirmation), headers: erika.header).status == .ok)
            #expect(try await Self.submissions(services, of: erikaID) == 1)
            #expect(try await client.get(draft + "/pruefen", headers: erika.header).status == .notFound)
            let attempts = try await services.payments.payments(ofApplication: draftID, owner: .account(erikaID))
            #expect(attempts.map(\.payment.status) == [.failed, .succeeded])
            #expect(attempts.allSatisfy { $0.submissionID != nil && $0.authorityID == Self.jena })
            #expect(
                try await client.get("/konto/zahlungen", headers: erika.header).text.contains(
                    "Sie haben keine offenen Zahlungen"))
        }
    }

    @Test(
        "A fee due on approval: approving the case asks the applicant to pay; the account pays it",
        arguments: Backend.all)
    func onApproval(_ backend: Backend) async throws {
        try await withApp(backend, configure: { $0.demo = true }) { client, services in
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let erikaID = try await CaseHTTPTests.citizenID(services)
            let outcome = try await services.submissions.accept(
                .init(
                    formID: "S05000058", formVersion: "1.0", leika: "99108001001000", authorityID: Self.jena,
                    // The fee is a DMN decision on the period of validity (12 months: 30 €).
                    ars: "160530000000", accountID: erikaID, data: #"{"G05000493":{"F05001064":"1"}}"#))
            guard case .created(let submission) = outcome else {
                Issue.record("not created")
                return
            }
            let caseID = try #require(
                try await services.database.read { db in
                    try await db.raw("SELECT id FROM cases WHERE submission_id = \(bind: submission.id)")
                        .first(decodingColumn: "id", as: String.self)
                })
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let clerk = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "kasse@jena.example", authority: Self.jena, roles: [.clerk])
            var page = try await client.get("/behoerde/vorgaenge/\(caseID)", headers: clerk.header)
            _ = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/pruefen", headers: clerk.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&complete=yes")
            page = try await client.get("/behoerde/vorgaenge/\(caseID)", headers: clerk.header)
            let decided = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/entscheiden", headers: clerk.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&outcome=approved&reasons=")
            #expect(decided.status == .seeOther)
            let requested = try await services.payments.payments(
                ofApplication: submission.id, owner: .account(erikaID))
            #expect(requested.count == 1 && requested.first?.payment.status == .created)
            #expect(requested.first?.payment.amountCents == 2700)
            let box = try await client.get("/konto/postfach", headers: erika.header)
            #expect(box.text.contains("Gebühr zu Ihrem Antrag"))
            let mine = try await client.get("/konto/zahlungen", headers: erika.header)
            #expect(
                mine.text.contains("/konto/zahlungen/\(submission.id)/bezahlen")
                    && mine.text.contains("nach Bewilligung"))
            let start = try await client.post(
                "/konto/zahlungen/\(submission.id)/bezahlen", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(mine))")
            let providerPage = try #require(start.headers[.location])
            #expect(providerPage.hasPrefix("/zahlung/simulator/"))
            let simulator = try await client.get(providerPage, headers: erika.header)
            let paid = try await client.post(
                providerPage, headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(simulator))&outcome=success")
            let done = try await client.get(try #require(paid.headers[.location]), headers: erika.header)
            #expect(done.text.contains("Zahlung eingegangen"))
            let after = try await services.payments.payments(ofApplication: submission.id, owner: .account(erikaID))
            #expect(after.map(\.payment.status) == [.succeeded] && after.first?.payment.caseID == caseID)
        }
    }

    static func berlinToday() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// The CSV's amounts (column "Betrag"), in cents.
    static func csvCents(_ csv: String) -> [Int] {
        csv.split(separator: "\r\n").dropFirst().compactMap { line -> Int? in
            let cells = line.split(separator: ";", omittingEmptySubsequences: false)
            guard cells.count > 5 else { return nil }
            return try? Money.parse(String(cells[5]), allowNegative: true)
        }
    }

    @Test(
        "Reconciliation: the report's sums equal the stored payments and refunds of the authority; refunds are booked once; only its staff",
        arguments: Backend.all)
    func reconciliation(_ backend: Backend) async throws {
        try await withApp(backend, configure: { $0.demo = true }) { client, services in
            for cents in [3000, 2700, 1250] {
                try await Self.pay(client, services, authority: Self.jena, account: nil, cents: cents)
            }
            try await Self.pay(
                client, services, authority: Self.jena, account: nil, cents: 999,
                outcome: .failure(reason: "Karte abgelehnt"))
            let other = try await Self.pay(client, services, authority: Self.gera, account: nil, cents: 4400)
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let jena = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "kasse@jena.example", authority: Self.jena, roles: [.clerk])
            let gera = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "kasse@gera.example", authority: Self.gera, roles: [.clerk])
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let today = Self.berlinToday()
            let csvURL = "/behoerde/zahlungen.csv?from=\(today)&to=\(today)"

            func stored() async throws -> (paid: Int, refunded: Int) {
                try await services.database.read { db in
                    let paid =
                        try await db.raw(
                            "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS n FROM payments WHERE authority_id = \(bind: Self.jena) AND status IN ('succeeded', 'partiallyRefunded', 'refunded')"
                        ).first(decodingColumn: "n", as: Int.self) ?? -1
                    let refunded =
                        try await db.raw(
                            "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS n FROM payment_refunds WHERE authority_id = \(bind: Self.jena)"
                        ).first(decodingColumn: "n", as: Int.self) ?? -1
                    return (paid, refunded)
                }
            }

            var csv = try await client.get(csvURL, headers: jena.header)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            var sums = try await stored()
            #expect(sums.paid == 6950 && sums.refunded == 0)
            #expect(Self.csvCents(csv.text).reduce(0, +) == sums.paid && Self.csvCents(csv.text).count == 3)
            #expect(!csv.text.contains(other.payment.reference))
            let report = try await services.payments.report(
                authorityID: Self.jena, period: try ReconciliationPeriod(from: today, to: today))
            #expect(report.totals.grossCents == sums.paid && report.totals.netCents == sums.paid)
            // Another authority's report has only its own payment.
            let geraCSV = try await client.get(csvURL, headers: gera.header)
            #expect(Self.csvCents(geraCSV.text) == [4400] && geraCSV.text.contains(other.payment.reference))
            // Only staff of an authority: a citizen gets 403, an anonymous visitor the login.
            #expect(try await client.get("/behoerde/zahlungen", headers: erika.header).status == .forbidden)
            #expect(try await client.get(csvURL, headers: erika.header).status == .forbidden)
            #expect(try await client.get("/behoerde/zahlungen").status == .seeOther)
            #expect(
                try await client.get("/behoerde/zahlungen.csv?from=2026-13-01&to=x", headers: jena.header).status
                    == .badRequest)

            // Refund from the payments page: CSRF needed; another authority's clerk cannot; booked once.
            let page = try await client.get("/behoerde/zahlungen?from=\(today)&to=\(today)", headers: jena.header)
            #expect(page.status == .ok && page.text.contains("69,50 €"))
            let action = String(
                try #require(page.text.firstMatch(of: /action="(\/behoerde\/zahlungen\/[0-9a-f-]+\/erstatten)"/)?.1))
            let key = String(try #require(page.text.firstMatch(of: /name="refund_key" value="([^"]+)"/)?.1))
            #expect(try await client.post(action, headers: jena.header, body: "refund_key=\(key)").status == .forbidden)
            let geraPage = try await client.get("/behoerde/zahlungen", headers: gera.header)
            #expect(
                try await client.post(
                    action, headers: gera.header,
                    body: "csrf_token=\(try AccountHTTPTests.token(geraPage))&refund_key=\(key)"
                ).status == .notFound)
            #expect(try await client.get("/behoerde/zahlungen", headers: gera.header).text.contains("44,00 €"))
            let refunded = try await client.post(
                action, headers: jena.header, body: "csrf_token=\(try AccountHTTPTests.token(page))&refund_key=\(key)")
            #expect(refunded.status == .seeOther)
            // The same form again: nothing left to refund.
            #expect(
                try await client.post(
                    action, headers: jena.header,
                    body: "csrf_token=\(try AccountHTTPTests.token(page))&refund_key=\(key)"
                ).status == .badRequest)
            sums = try await stored()
            #expect(sums.refunded > 0)
            #expect(try await Self.count(services, "SELECT COUNT(*) AS n FROM payment_refunds") == 1)
            csv = try await client.get(csvURL, headers: jena.header)
            let cents = Self.csvCents(csv.text)
            #expect(cents.count == 4 && cents.filter { $0 < 0 }.reduce(0, +) == -sums.refunded)
            #expect(cents.reduce(0, +) == sums.paid - sums.refunded)
            #expect(csv.text.contains("Erstattung"))
        }
    }
}
