/// Where a payment stands.
public enum PaymentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Recorded, not yet sent to the provider.
    case created
    /// The provider knows it; the applicant is (or was) on the provider's page.
    case pending
    case succeeded
    /// Final; the applicant may start a new payment from the account.
    case failed
    /// Final; the applicant may start a new payment from the account.
    case cancelled
    /// The whole amount went back.
    case refunded
    /// Part of the amount went back; more can be refunded.
    case partiallyRefunded

    /// The money arrived (even if some or all of it went back later).
    public var isPaid: Bool { self == .succeeded || self == .partiallyRefunded || self == .refunded }

    /// Not yet decided: `created` or `pending`.
    public var isOpen: Bool { self == .created || self == .pending }

    /// German label for the account page and the report, e.g. "teilweise erstattet".
    public var label: String {
        switch self {
        case .created: "angelegt"
        case .pending: "in Bearbeitung"
        case .succeeded: "bezahlt"
        case .failed: "fehlgeschlagen"
        case .cancelled: "abgebrochen"
        case .refunded: "erstattet"
        case .partiallyRefunded: "teilweise erstattet"
        }
    }
}

/// One payment attempt for an application's fee. A value type with pure transitions: each returns whether it
/// changed anything and throws `PaymentError` for a transition the state machine forbids; on a throw the payment
/// is untouched.
///
/// - `created` → `pending` (`start`), `created`/`pending` → `succeeded`, `failed` or `cancelled`;
/// - `succeeded`/`partiallyRefunded` → `partiallyRefunded` or `refunded` (`refund`).
///
/// A failed or cancelled payment is final. Paying later is a new `Payment` for the same application (with its
/// own id and reference); the application itself is never touched by this type. Repeating a transition that
/// already happened (succeed twice, the same refund id twice, the same event id twice) returns `.unchanged`.
///
/// Timestamps are ISO 8601 strings supplied by the caller (this module reads no clock).
public struct Payment: Sendable, Hashable, Codable {
    /// A refund booked on this payment.
    public struct Refund: Sendable, Hashable, Codable {
        /// The provider's refund id; repeating it is a no-op.
        public var id: String
        public var cents: Int
        public var at: String

        public init(id: String, cents: Int, at: String) {
            self.id = id
            self.cents = cents
            self.at = at
        }
    }

    /// What a transition did.
    public enum Transition: Sendable, Hashable {
        case changed(from: PaymentStatus, to: PaymentStatus)
        /// Nothing to do: the payment is already there (a repeated event or call).
        case unchanged
    }

    /// Amtsweg's id; also the provider idempotency key for `createPayment`.
    public let id: String
    /// The reference the applicant and the authority see, e.g. "AW-2026-000123".
    public let reference: String
    /// The service whose fee this is.
    public let serviceID: String
    /// The application, which outlives any failed or abandoned payment.
    public let applicationID: String
    /// The case, once the application became one.
    public var caseID: String?
    /// The amount to collect, in cents.
    public let amountCents: Int
    public private(set) var status: PaymentStatus
    /// The provider's id for this payment, set by `start`.
    public private(set) var providerReference: String?
    public private(set) var refunds: [Refund]
    /// The provider's text for a failure, e.g. "Karte abgelehnt".
    public private(set) var failureReason: String?
    public let createdAt: String
    public private(set) var updatedAt: String
    /// When the money arrived.
    public private(set) var succeededAt: String?
    /// Ids of the provider events applied, so that `apply` is idempotent on its own.
    public private(set) var eventIDs: [String]

    /// A new payment in status `created`. `amountCents` must be 1…`Money.maximumCents`.
    public init(
        id: String, reference: String, serviceID: String, applicationID: String, caseID: String? = nil,
        amountCents: Int, createdAt: String
    ) throws(PaymentError) {
        guard amountCents > 0, amountCents <= Money.maximumCents else { throw .invalidAmount(amountCents) }
        self.id = id
        self.reference = reference
        self.serviceID = serviceID
        self.applicationID = applicationID
        self.caseID = caseID
        self.amountCents = amountCents
        self.status = .created
        self.providerReference = nil
        self.refunds = []
        self.failureReason = nil
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.succeededAt = nil
        self.eventIDs = []
    }

    /// The cents refunded so far.
    public var refundedCents: Int { refunds.reduce(0) { $0 + $1.cents } }

    /// The cents that can still be refunded; 0 unless paid.
    public var refundableCents: Int { status.isPaid ? amountCents - refundedCents : 0 }

    /// `created` → `pending` once the provider accepted the payment. Repeating it with the same provider
    /// reference is a no-op; another reference is an error.
    public mutating func start(providerReference: String, at: String) throws(PaymentError) -> Transition {
        switch status {
        case .created:
            self.providerReference = providerReference
            return move(to: .pending, at: at)
        case .pending where self.providerReference == providerReference:
            return .unchanged
        case .pending:
            throw .providerReferenceMismatch(expected: self.providerReference, got: providerReference)
        default:
            throw .invalidTransition(from: status, to: .pending)
        }
    }

    /// `created`/`pending` → `succeeded`. A paid payment stays as it is.
    public mutating func succeed(at: String) throws(PaymentError) -> Transition {
        switch status {
        case .created, .pending:
            succeededAt = at
            return move(to: .succeeded, at: at)
        case .succeeded, .partiallyRefunded, .refunded:
            return .unchanged
        case .failed, .cancelled:
            throw .invalidTransition(from: status, to: .succeeded)
        }
    }

    /// `created`/`pending` → `failed`.
    public mutating func fail(reason: String?, at: String) throws(PaymentError) -> Transition {
        switch status {
        case .created, .pending:
            failureReason = reason
            return move(to: .failed, at: at)
        case .failed:
            return .unchanged
        default:
            throw .invalidTransition(from: status, to: .failed)
        }
    }

    /// `created`/`pending` → `cancelled` (the applicant cancelled, or the provider let the payment expire).
    public mutating func cancel(at: String) throws(PaymentError) -> Transition {
        switch status {
        case .created, .pending:
            return move(to: .cancelled, at: at)
        case .cancelled:
            return .unchanged
        default:
            throw .invalidTransition(from: status, to: .cancelled)
        }
    }

    /// Books the provider's refund `id` of `cents`: → `partiallyRefunded`, or `refunded` when nothing is left.
    /// The same refund id again is a no-op (with another amount, an error); more than `refundableCents` is refused.
    public mutating func refund(id refundID: String, cents: Int, at: String) throws(PaymentError) -> Transition {
        guard status.isPaid else { throw .invalidTransition(from: status, to: .refunded) }
        if let known = refunds.first(where: { $0.id == refundID }) {
            guard known.cents == cents else { throw .refundConflict(refundID: refundID) }
            return .unchanged
        }
        guard cents > 0 else { throw .invalidAmount(cents) }
        guard cents <= refundableCents else { throw .refundExceedsPaid(requested: cents, refundable: refundableCents) }
        refunds.append(Refund(id: refundID, cents: cents, at: at))
        return move(to: refundedCents == amountCents ? .refunded : .partiallyRefunded, at: at)
    }

    /// Applies a verified provider event. An event id already applied is a no-op, and so is an event whose
    /// effect is already there. The event must carry this payment's provider reference and, for
    /// `payment.succeeded`, its exact amount.
    public mutating func apply(_ event: PaymentEvent, at: String) throws(PaymentError) -> Transition {
        if eventIDs.contains(event.id) { return .unchanged }
        guard event.providerReference == providerReference else {
            throw .providerReferenceMismatch(expected: providerReference, got: event.providerReference)
        }
        var copy = self
        let result: Transition
        switch event.type {
        case .paymentSucceeded:
            guard event.amountCents == amountCents else {
                throw .amountMismatch(expected: amountCents, got: event.amountCents)
            }
            result = try copy.succeed(at: at)
        case .paymentFailed:
            result = try copy.fail(reason: event.failureReason, at: at)
        case .paymentCancelled:
            result = try copy.cancel(at: at)
        case .refundSucceeded:
            result = try copy.refund(id: event.refundID ?? event.id, cents: event.amountCents, at: at)
        }
        copy.eventIDs.append(event.id)
        self = copy
        return result
    }

    private mutating func move(to new: PaymentStatus, at: String) -> Transition {
        let old = status
        status = new
        updatedAt = at
        return .changed(from: old, to: new)
    }
}

/// A forbidden payment transition. `description` is an English sentence for logs and problem documents.
public enum PaymentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An amount of 0 or less, or above `Money.maximumCents`.
    case invalidAmount(Int)
    case invalidTransition(from: PaymentStatus, to: PaymentStatus)
    /// A refund larger than what is left.
    case refundExceedsPaid(requested: Int, refundable: Int)
    /// A known refund id with another amount.
    case refundConflict(refundID: String)
    /// The event or call names another provider payment.
    case providerReferenceMismatch(expected: String?, got: String)
    /// A success event for another amount than the payment's.
    case amountMismatch(expected: Int, got: Int)

    public var description: String {
        switch self {
        case .invalidAmount(let c): "\(c) ct is not a valid amount."
        case .invalidTransition(let from, let to): "A \(from.rawValue) payment cannot become \(to.rawValue)."
        case .refundExceedsPaid(let r, let left):
            "A refund of \(Money.plain(r)) EUR exceeds the \(Money.plain(left)) EUR that can still be refunded."
        case .refundConflict(let id): "Refund \(id) is already booked with another amount."
        case .providerReferenceMismatch(let e, let g):
            "The provider reference \(g) does not belong to this payment (expected \(e ?? "none"))."
        case .amountMismatch(let e, let g):
            "The provider reports \(Money.plain(g)) EUR for a payment of \(Money.plain(e)) EUR."
        }
    }
}

/// What an application's fee needs now, from all its payment attempts.
public enum ApplicationPaymentState: Sendable, Hashable {
    /// No fee (the quote is 0).
    case notRequired
    /// Nothing paid and nothing under way: offer "Jetzt bezahlen" in the account.
    case due(cents: Int)
    /// A payment is `created` or `pending` (the latest one): offer to continue it, or, once `status` at the provider
    /// shows it failed or expired, a new attempt.
    case inProgress(paymentID: String)
    /// Paid by this payment (partial refunds included).
    case paid(paymentID: String)
    /// More than one payment succeeded: refund all but one.
    case paidMoreThanOnce(paymentIDs: [String])

    /// Derives the state from the application's payments, oldest first. Fully refunded payments count as not paid;
    /// amounts are not compared with `dueCents`.
    public init(dueCents: Int, payments: [Payment]) {
        let paid = payments.filter { $0.status == .succeeded || $0.status == .partiallyRefunded }
        if paid.count > 1 {
            self = .paidMoreThanOnce(paymentIDs: paid.map(\.id))
        } else if let p = paid.first {
            self = .paid(paymentID: p.id)
        } else if let open = payments.last(where: { $0.status.isOpen }) {
            self = .inProgress(paymentID: open.id)
        } else if dueCents <= 0 {
            self = .notRequired
        } else {
            self = .due(cents: dueCents)
        }
    }
}

/// Payment references in the form `AW-2026-000123`.
public enum PaymentReference {
    /// `prefix-year-sequence`, the sequence zero-padded to six digits (longer if it needs more).
    public static func make(prefix: String = "AW", year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "\(prefix)-\(year)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
    }
}
