import Foundation
import Synchronization
import Testing

@testable import Payments

/// A clock the test moves by hand.
final class TestClock: Sendable {
    let seconds: Mutex<Int>
    init(_ start: Int) { seconds = Mutex(start) }
    var now: Date { Date(timeIntervalSince1970: TimeInterval(seconds.withLock { $0 })) }
    func advance(_ s: Int) { seconds.withLock { $0 += s } }
}

@Suite struct SimulatedProviderTests {
    let clock = TestClock(1_772_442_000)
    let secrets = try! WebhookSecrets([primarySecret])
    var verifier: WebhookVerifier { WebhookVerifier(secrets: secrets) }

    func provider() -> SimulatedProvider {
        let clock = clock
        return SimulatedProvider(secrets: secrets, clock: { clock.now })
    }

    func request(key: String = "pay-1", amount: Int = 2_500) -> PaymentRequest {
        PaymentRequest(
            reference: "AW-2026-000123", amountCents: amount, description: "Bewohnerparkausweis – Gebühr",
            returnURL: "/konto/antraege/app-1/zahlung", idempotencyKey: key)
    }

    /// Starts a payment the way the server would.
    func start(_ sim: SimulatedProvider) async throws -> (Payment, ProviderPayment) {
        var payment = try makePayment()
        let created = try await sim.createPayment(request())
        _ = try payment.start(providerReference: created.providerReference, at: "2026-03-02T09:00:00Z")
        return (payment, created)
    }

    @Test func successFlowProducesAVerifiableWebhook() async throws {
        let sim = provider()
        var (payment, created) = try await start(sim)
        #expect(created.providerReference.hasPrefix("sim_"))
        #expect(created.redirectURL == "/zahlung/simulator/\(created.providerReference)")
        #expect(try sim.payment(created.providerReference).request.description == "Bewohnerparkausweis – Gebühr")
        #expect(try await sim.status(providerReference: created.providerReference).status == .pending)

        clock.advance(40)
        let done = try sim.complete(created.providerReference, outcome: .success)
        #expect(done.redirectURL == "/konto/antraege/app-1/zahlung")
        #expect(done.webhook.path == "/api/zahlung/webhook/simulator")
        let event = try verifier.verify(body: done.webhook.body, headers: done.webhook.headers, now: clock.now)
        #expect(event.type == .paymentSucceeded)
        #expect(event.providerReference == created.providerReference)
        #expect(event.reference == "AW-2026-000123")
        #expect(event.amountCents == 2_500)
        #expect(event.created == "2026-03-02T09:00:40Z")
        #expect(try payment.apply(event, at: "2026-03-02T09:00:41Z") == .changed(from: .pending, to: .succeeded))
        #expect(try payment.apply(event, at: "2026-03-02T09:00:42Z") == .unchanged)
        #expect(try await sim.status(providerReference: created.providerReference).status == .succeeded)

        // The page cannot be submitted twice.
        #expect(throws: ProviderError.notOpen(providerReference: created.providerReference, status: .succeeded)) {
            try sim.complete(created.providerReference, outcome: .cancel)
        }
        // A webhook kept too long is refused.
        clock.advance(301)
        #expect(throws: WebhookError.timestampOutsideTolerance(age: 301, tolerance: 300)) {
            try verifier.verify(body: done.webhook.body, headers: done.webhook.headers, now: clock.now)
        }
        #expect(sim.takeDeliveries().isEmpty)
    }

    @Test func failureFlow() async throws {
        let sim = provider()
        var (payment, created) = try await start(sim)
        let done = try sim.complete(created.providerReference, outcome: .failure(reason: "Karte abgelehnt"))
        let event = try verifier.verify(body: done.webhook.body, headers: done.webhook.headers, now: clock.now)
        #expect(event.type == .paymentFailed)
        #expect(event.failureReason == "Karte abgelehnt")
        #expect(try payment.apply(event, at: "t") == .changed(from: .pending, to: .failed))
        #expect(payment.failureReason == "Karte abgelehnt")
        // Paying later: a new attempt with its own idempotency key.
        #expect(ApplicationPaymentState(dueCents: 2_500, payments: [payment]) == .due(cents: 2_500))
        let retry = try await sim.createPayment(request(key: "pay-2"))
        #expect(retry.providerReference != created.providerReference)
        await #expect(
            throws: ProviderError.notRefundable(providerReference: created.providerReference, status: .failed)
        ) {
            try await sim.refund(providerReference: created.providerReference, amount: 100, idempotencyKey: "r")
        }
    }

    @Test func cancelFlow() async throws {
        let sim = provider()
        var (payment, created) = try await start(sim)
        let done = try sim.complete(created.providerReference, outcome: .cancel)
        #expect(done.redirectURL == "/konto/antraege/app-1/zahlung")
        let event = try verifier.verify(body: done.webhook.body, headers: done.webhook.headers, now: clock.now)
        #expect(event.type == .paymentCancelled)
        #expect(try payment.apply(event, at: "t") == .changed(from: .pending, to: .cancelled))
        #expect(try await sim.status(providerReference: created.providerReference).status == .cancelled)
    }

    @Test func refundFlowQueuesSignedWebhooks() async throws {
        let sim = provider()
        var (payment, created) = try await start(sim)
        let done = try sim.complete(created.providerReference, outcome: .success)
        _ = try payment.apply(
            try verifier.verify(body: done.webhook.body, headers: done.webhook.headers, now: clock.now), at: "t1")

        let first = try await sim.refund(
            providerReference: created.providerReference, amount: 1_000, idempotencyKey: "rf-1")
        #expect(first.status == .succeeded)
        #expect(first.amountCents == 1_000)
        // Booked synchronously …
        #expect(try payment.refund(id: first.refundID, cents: first.amountCents, at: "t2") != .unchanged)
        // … so the webhook that follows is a no-op.
        let queued = sim.takeDeliveries()
        #expect(queued.count == 1)
        let refundEvent = try verifier.verify(body: queued[0].body, headers: queued[0].headers, now: clock.now)
        #expect(refundEvent.type == .refundSucceeded)
        #expect(refundEvent.refundID == first.refundID)
        #expect(refundEvent.amountCents == 1_000)
        #expect(try payment.apply(refundEvent, at: "t3") == .unchanged)
        #expect(sim.takeDeliveries().isEmpty, "taking empties the outbox")

        // The same idempotency key returns the same refund and sends nothing new.
        let again = try await sim.refund(
            providerReference: created.providerReference, amount: 1_000, idempotencyKey: "rf-1")
        #expect(again == first)
        #expect(sim.takeDeliveries().isEmpty)
        await #expect(throws: ProviderError.idempotencyConflict(key: "rf-1")) {
            try await sim.refund(providerReference: created.providerReference, amount: 900, idempotencyKey: "rf-1")
        }
        await #expect(throws: ProviderError.refundExceedsPaid(requested: 1_501, refundable: 1_500)) {
            try await sim.refund(providerReference: created.providerReference, amount: 1_501, idempotencyKey: "rf-2")
        }
        let rest = try await sim.refund(
            providerReference: created.providerReference, amount: 1_500, idempotencyKey: "rf-3")
        let d = try #require(sim.takeDeliveries().first)
        #expect(
            try payment.apply(try verifier.verify(body: d.body, headers: d.headers, now: clock.now), at: "t4")
                == .changed(from: .partiallyRefunded, to: .refunded))
        #expect(payment.refunds.map(\.id) == [first.refundID, rest.refundID])
        let status = try await sim.status(providerReference: created.providerReference)
        #expect(
            status
                == ProviderPaymentStatus(
                    providerReference: created.providerReference, status: .refunded, amountCents: 2_500,
                    refundedCents: 2_500))
        await #expect(
            throws: ProviderError.notRefundable(providerReference: created.providerReference, status: .refunded)
        ) {
            try await sim.refund(providerReference: created.providerReference, amount: 1, idempotencyKey: "rf-4")
        }
    }

    @Test func createIsIdempotentAndValidated() async throws {
        let sim = provider()
        let a = try await sim.createPayment(request())
        let b = try await sim.createPayment(request())
        #expect(a == b)
        await #expect(throws: ProviderError.idempotencyConflict(key: "pay-1")) {
            try await sim.createPayment(request(amount: 999))
        }
        await #expect(throws: ProviderError.self) { try await sim.createPayment(request(key: "x", amount: 0)) }
        var usd = request(key: "y")
        usd.currency = "USD"
        await #expect(throws: ProviderError.invalidRequest("the currency must be EUR")) {
            try await sim.createPayment(usd)
        }
        #expect(throws: ProviderError.unknownPayment("sim_nope")) { try sim.complete("sim_nope", outcome: .success) }
        await #expect(throws: ProviderError.unknownPayment("sim_nope")) {
            try await sim.status(providerReference: "sim_nope")
        }
    }

    @Test func abandonedPaymentsExpire() async throws {
        let sim = provider()
        var (payment, created) = try await start(sim)
        clock.advance(1_800)
        #expect(sim.expireOpenPayments(olderThan: 3_600).isEmpty)
        clock.advance(1_801)
        #expect(sim.expireOpenPayments(olderThan: 3_600) == [created.providerReference])
        let d = try #require(sim.takeDeliveries().first)
        let event = try verifier.verify(body: d.body, headers: d.headers, now: clock.now)
        #expect(event.type == .paymentCancelled)
        _ = try payment.apply(event, at: "t")
        #expect(ApplicationPaymentState(dueCents: 2_500, payments: [payment]) == .due(cents: 2_500))
    }

    @Test func configurationAndSnapshotRestore() async throws {
        let clock = clock
        let sim = SimulatedProvider(
            configuration: .init(pageURLTemplate: "https://amtsweg.example/pay/{ref}?x=1", webhookPath: "/hook"),
            secrets: secrets, clock: { clock.now })
        let created = try await sim.createPayment(request())
        #expect(created.redirectURL == "https://amtsweg.example/pay/\(created.providerReference)?x=1")
        let encoded = try JSONEncoder().encode(sim.snapshot())
        let restored = SimulatedProvider(
            configuration: sim.configuration, secrets: secrets, clock: { clock.now },
            restoring: try JSONDecoder().decode(SimulatedProvider.State.self, from: encoded))
        #expect(try await restored.createPayment(request()) == created, "idempotency survives the restore")
        let done = try restored.complete(created.providerReference, outcome: .success)
        #expect(done.webhook.path == "/hook")
        #expect(
            try verifier.verify(body: done.webhook.body, headers: done.webhook.headers, now: clock.now).type
                == .paymentSucceeded)
    }

    @Test func worksThroughTheProtocol() async throws {
        let provider: any PaymentProvider = provider()
        #expect(provider.id == "simulator")
        let created = try await provider.createPayment(request())
        #expect(try await provider.status(providerReference: created.providerReference).amountCents == 2_500)
    }
}
