import Foundation
import Synchronization

/// An in-process payment provider that behaves like a real one, for development, demos and tests: `createPayment`
/// returns a provider reference and the URL of a provider page on Amtsweg ("/zahlung/simulator/{ref}" by default);
/// that page shows `payment(_:)` and calls `complete(_:outcome:)`, which yields the browser's redirect back and a
/// signed webhook to POST to Amtsweg's webhook endpoint. Refunds are confirmed at once and queue a signed
/// `refund.succeeded` webhook in an outbox, as do expired payments (`expireOpenPayments`); take them with
/// `takeDeliveries()` and dispatch them like any webhook.
///
/// State lives in memory behind a `Mutex`, so one simulator serves one server process. To survive a restart,
/// persist `snapshot()` (Codable) and pass it back as `restoring:`; that is the whole persistence interface.
public final class SimulatedProvider: PaymentProvider {
    /// Where the simulator's page and webhooks go.
    public struct Configuration: Sendable, Hashable {
        /// The provider page; `{ref}` becomes the provider reference.
        public var pageURLTemplate: String
        /// The path webhooks are POSTed to.
        public var webhookPath: String

        public init(
            pageURLTemplate: String = "/zahlung/simulator/{ref}", webhookPath: String = "/api/zahlung/webhook/simulator"
        ) {
            self.pageURLTemplate = pageURLTemplate
            self.webhookPath = webhookPath
        }
    }

    /// What the applicant chose on the provider page.
    public enum Outcome: Sendable, Hashable {
        /// Paid.
        case success
        /// Declined, with the text a bank would give, e.g. "Karte abgelehnt".
        case failure(reason: String)
        /// The applicant left the page with "Abbrechen".
        case cancel
    }

    /// The result of `complete`: where to send the browser, and the webhook to deliver.
    public struct Completion: Sendable, Hashable {
        /// The request's `returnURL`.
        public var redirectURL: String
        public var webhook: WebhookDelivery
    }

    /// One payment as the simulator keeps it.
    public struct SimulatedPayment: Sendable, Hashable, Codable {
        public var providerReference: String
        public var request: PaymentRequest
        /// `pending` until completed.
        public var status: PaymentStatus
        public var failureReason: String?
        public var refunds: [ProviderRefund]
        /// Unix seconds.
        public var createdAt: Int

        public var refundedCents: Int { refunds.reduce(0) { $0 + $1.amountCents } }
    }

    /// Everything the simulator holds; Codable for persistence.
    public struct State: Sendable, Hashable, Codable {
        public var payments: [String: SimulatedPayment] = [:]
        /// createPayment idempotency key → provider reference.
        public var paymentKeys: [String: String] = [:]
        /// refund idempotency key → refund.
        public var refundKeys: [String: ProviderRefund] = [:]
        /// Webhooks not yet taken.
        public var outbox: [WebhookDelivery] = []

        public init() {}
    }

    public let id = "simulator"
    public let configuration: Configuration
    let signer: WebhookSigner
    let clock: @Sendable () -> Date
    let state: Mutex<State>

    /// - Parameters:
    ///   - secrets: the webhook secrets; the server's `WebhookVerifier` must use the same.
    ///   - clock: the time used for webhook timestamps, event times and expiry.
    ///   - restoring: a `snapshot()` to continue from.
    public init(
        configuration: Configuration = Configuration(), secrets: WebhookSecrets,
        clock: @escaping @Sendable () -> Date = { Date() }, restoring: State = State()
    ) {
        self.configuration = configuration
        self.signer = WebhookSigner(secrets: secrets)
        self.clock = clock
        self.state = Mutex(restoring)
    }

    public func createPayment(_ request: PaymentRequest) async throws(ProviderError) -> ProviderPayment {
        guard request.amountCents > 0, request.amountCents <= Money.maximumCents else {
            throw .invalidRequest("the amount must be 1…\(Money.maximumCents) ct")
        }
        guard request.currency == Money.currency else { throw .invalidRequest("the currency must be EUR") }
        let now = unixNow()
        let reference = try state.withLock { (s: inout State) throws(ProviderError) -> String in
            if let known = s.paymentKeys[request.idempotencyKey] {
                guard s.payments[known]?.request == request else {
                    throw .idempotencyConflict(key: request.idempotencyKey)
                }
                return known
            }
            var ref = Self.randomID("sim_")
            while s.payments[ref] != nil { ref = Self.randomID("sim_") }
            s.payments[ref] = SimulatedPayment(
                providerReference: ref, request: request, status: .pending, failureReason: nil, refunds: [],
                createdAt: now)
            s.paymentKeys[request.idempotencyKey] = ref
            return ref
        }
        return ProviderPayment(
            providerReference: reference,
            redirectURL: configuration.pageURLTemplate.replacingOccurrences(of: "{ref}", with: reference))
    }

    public func refund(providerReference: String, amount: Int, idempotencyKey: String) async throws(ProviderError)
        -> ProviderRefund
    {
        let now = unixNow()
        return try state.withLock { (s: inout State) throws(ProviderError) -> ProviderRefund in
            if let known = s.refundKeys[idempotencyKey] {
                guard known.providerReference == providerReference, known.amountCents == amount else {
                    throw .idempotencyConflict(key: idempotencyKey)
                }
                return known
            }
            guard var p = s.payments[providerReference] else { throw .unknownPayment(providerReference) }
            guard p.status == .succeeded || p.status == .partiallyRefunded else {
                throw .notRefundable(providerReference: providerReference, status: p.status)
            }
            let refundable = p.request.amountCents - p.refundedCents
            guard amount > 0 else { throw .invalidRequest("the refund amount must be positive") }
            guard amount <= refundable else { throw .refundExceedsPaid(requested: amount, refundable: refundable) }
            let refund = ProviderRefund(
                refundID: Self.randomID("re_"), providerReference: providerReference, amountCents: amount,
                status: .succeeded)
            p.refunds.append(refund)
            p.status = p.refundedCents == p.request.amountCents ? .refunded : .partiallyRefunded
            s.payments[providerReference] = p
            s.refundKeys[idempotencyKey] = refund
            s.outbox.append(
                delivery(
                    .refundSucceeded, for: p, amount: amount, at: now, refundID: refund.refundID, failureReason: nil))
            return refund
        }
    }

    public func status(providerReference: String) async throws(ProviderError) -> ProviderPaymentStatus {
        let p = try payment(providerReference)
        return ProviderPaymentStatus(
            providerReference: p.providerReference, status: p.status, amountCents: p.request.amountCents,
            refundedCents: p.refundedCents)
    }

    /// The payment for the provider page.
    public func payment(_ providerReference: String) throws(ProviderError) -> SimulatedPayment {
        guard let p = state.withLock({ $0.payments[providerReference] }) else {
            throw .unknownPayment(providerReference)
        }
        return p
    }

    /// The applicant's choice on the provider page. Only a pending payment can be completed, once.
    public func complete(_ providerReference: String, outcome: Outcome) throws(ProviderError) -> Completion {
        let now = unixNow()
        return try state.withLock { (s: inout State) throws(ProviderError) -> Completion in
            guard var p = s.payments[providerReference] else { throw .unknownPayment(providerReference) }
            guard p.status == .pending else { throw .notOpen(providerReference: providerReference, status: p.status) }
            let type: PaymentEvent.Kind
            switch outcome {
            case .success:
                p.status = .succeeded
                type = .paymentSucceeded
            case .failure(let reason):
                p.status = .failed
                p.failureReason = reason
                type = .paymentFailed
            case .cancel:
                p.status = .cancelled
                type = .paymentCancelled
            }
            s.payments[providerReference] = p
            return Completion(
                redirectURL: p.request.returnURL,
                webhook: delivery(
                    type, for: p, amount: p.request.amountCents, at: now, refundID: nil,
                    failureReason: p.failureReason))
        }
    }

    /// Cancels pending payments created more than `seconds` ago, as a real provider lets an abandoned page expire,
    /// and queues a `payment.cancelled` webhook for each. Returns their provider references.
    @discardableResult
    public func expireOpenPayments(olderThan seconds: Int) -> [String] {
        let now = unixNow()
        return state.withLock { s in
            var expired: [String] = []
            for (ref, var p) in s.payments.sorted(by: { $0.key < $1.key })
            where p.status == .pending && now - p.createdAt > seconds {
                p.status = .cancelled
                p.failureReason = "expired"
                s.payments[ref] = p
                s.outbox.append(
                    delivery(
                        .paymentCancelled, for: p, amount: p.request.amountCents, at: now, refundID: nil,
                        failureReason: "expired"))
                expired.append(ref)
            }
            return expired
        }
    }

    /// Removes and returns the queued webhooks, oldest first.
    public func takeDeliveries() -> [WebhookDelivery] {
        state.withLock { s in
            defer { s.outbox.removeAll() }
            return s.outbox
        }
    }

    /// A copy of the whole state, for persistence.
    public func snapshot() -> State {
        state.withLock { $0 }
    }

    private func delivery(
        _ type: PaymentEvent.Kind, for p: SimulatedPayment, amount: Int, at now: Int, refundID: String?,
        failureReason: String?
    ) -> WebhookDelivery {
        let event = PaymentEvent(
            id: Self.randomID("evt_"), type: type, providerReference: p.providerReference,
            reference: p.request.reference, amountCents: amount,
            created: Date(timeIntervalSince1970: TimeInterval(now)).formatted(.iso8601), refundID: refundID,
            failureReason: failureReason)
        return signer.delivery(of: event, to: configuration.webhookPath, timestamp: now)
    }

    private func unixNow() -> Int {
        Int(clock().timeIntervalSince1970.rounded(.down))
    }

    static func randomID(_ prefix: String) -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<12).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return prefix + Data(bytes).hex
    }
}
