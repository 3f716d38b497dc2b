/// A payment service provider, as Amtsweg sees it: start a payment (the applicant is redirected to the provider's
/// page), refund, ask for the status. The outcome arrives as a signed webhook (`PaymentEvent`), which the server
/// verifies with `WebhookVerifier` and applies with `Payment.apply`; the browser's return to `returnURL` proves
/// nothing and only shows the payment's current state.
///
/// A real provider plugs in as a type conforming to this protocol in the server (this module does no I/O):
/// - **ePayBL** (the federal and state e-payment platform): `createPayment` registers the transaction through
///   the platform's web service, with `reference` as the booking reference, and returns its transaction id and
///   the URL of its payment page; `status` reads the transaction back. Outcomes known by callback or by polling
///   are translated into `PaymentEvent`s and fed through the same path as a webhook (sign them internally with
///   `WebhookSigner` if the platform's callback carries no signature, so that one code path applies events). If
///   the platform offers no refund call, `refund` throws and the cash office refunds; the server then books the
///   refund with `Payment.refund(id:cents:at:)`.
/// - **A PSP** (card, PayPal, SEPA): `createPayment` creates a checkout session, passing `idempotencyKey` as the
///   PSP's idempotency key; the PSP's webhooks are verified with its own scheme and mapped to `PaymentEvent`
///   (event id, type, provider reference, amount).
///
/// Implementations must honour `idempotencyKey`: the same key with the same request returns the same result and
/// does nothing twice, the same key with a different request fails.
public protocol PaymentProvider: Sendable {
    /// A short stable id, e.g. "simulator" or "epaybl"; stored with the payment.
    var id: String { get }

    /// Registers the payment and returns where to send the applicant.
    func createPayment(_ request: PaymentRequest) async throws -> ProviderPayment

    /// Refunds `amount` cents of a paid payment. The confirmation may also arrive as a `refund.succeeded` event
    /// with the same refund id.
    func refund(providerReference: String, amount: Int, idempotencyKey: String) async throws -> ProviderRefund

    /// The provider's view of a payment, e.g. before offering a new attempt for a pending one.
    func status(providerReference: String) async throws -> ProviderPaymentStatus
}

/// What Amtsweg asks the provider to collect.
public struct PaymentRequest: Sendable, Hashable, Codable {
    /// Amtsweg's payment reference, shown on the provider's page and statements.
    public var reference: String
    public var amountCents: Int
    /// Always "EUR"; anything else is refused.
    public var currency: String
    /// One line for the provider's page, e.g. "Anwohnerparkausweis – Gebühr".
    public var description: String
    /// Where the provider sends the browser back when the applicant is done (any outcome).
    public var returnURL: String
    /// Use the `Payment.id`: a retried call then creates no second payment at the provider.
    public var idempotencyKey: String

    public init(
        reference: String, amountCents: Int, currency: String = Money.currency, description: String,
        returnURL: String, idempotencyKey: String
    ) {
        self.reference = reference
        self.amountCents = amountCents
        self.currency = currency
        self.description = description
        self.returnURL = returnURL
        self.idempotencyKey = idempotencyKey
    }
}

/// The provider's answer to `createPayment`.
public struct ProviderPayment: Sendable, Hashable, Codable {
    /// The provider's id for the payment; pass it to `Payment.start`.
    public var providerReference: String
    /// The provider's page (absolute URL or, for the simulator, a path on Amtsweg).
    public var redirectURL: String

    public init(providerReference: String, redirectURL: String) {
        self.providerReference = providerReference
        self.redirectURL = redirectURL
    }
}

/// The provider's answer to `refund`.
public struct ProviderRefund: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Accepted; a `refund.succeeded` event follows.
        case pending
        /// Done; book it with `Payment.refund(id:cents:at:)` (the later event is then a no-op).
        case succeeded
    }

    /// The provider's refund id; the `id` of `Payment.Refund`.
    public var refundID: String
    public var providerReference: String
    public var amountCents: Int
    public var status: Status

    public init(refundID: String, providerReference: String, amountCents: Int, status: Status) {
        self.refundID = refundID
        self.providerReference = providerReference
        self.amountCents = amountCents
        self.status = status
    }
}

/// The provider's view of a payment.
public struct ProviderPaymentStatus: Sendable, Hashable, Codable {
    public var providerReference: String
    /// `pending` while the applicant has not finished.
    public var status: PaymentStatus
    public var amountCents: Int
    public var refundedCents: Int

    public init(providerReference: String, status: PaymentStatus, amountCents: Int, refundedCents: Int) {
        self.providerReference = providerReference
        self.status = status
        self.amountCents = amountCents
        self.refundedCents = refundedCents
    }
}

/// Why a provider refused a call (the simulator's errors; real providers may throw their own as well).
public enum ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No payment with this provider reference.
    case unknownPayment(String)
    /// The request is invalid, e.g. an amount of 0 or a currency other than EUR.
    case invalidRequest(String)
    /// The idempotency key was used before for a different request.
    case idempotencyConflict(key: String)
    /// The payment is no longer open (page submitted twice, or expired).
    case notOpen(providerReference: String, status: PaymentStatus)
    /// Only a paid payment can be refunded.
    case notRefundable(providerReference: String, status: PaymentStatus)
    case refundExceedsPaid(requested: Int, refundable: Int)

    public var description: String {
        switch self {
        case .unknownPayment(let r): "No payment \(r) at the provider."
        case .invalidRequest(let m): "Invalid payment request: \(m)."
        case .idempotencyConflict(let k): "The idempotency key \(k) was already used for a different request."
        case .notOpen(let r, let s): "Payment \(r) is \(s.rawValue), no longer open."
        case .notRefundable(let r, let s): "Payment \(r) is \(s.rawValue) and cannot be refunded."
        case .refundExceedsPaid(let r, let left):
            "A refund of \(Money.plain(r)) EUR exceeds the \(Money.plain(left)) EUR that can still be refunded."
        }
    }
}
