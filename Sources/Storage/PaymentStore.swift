import Foundation
import Payments
import SQLKit

/// Payments of applications' fees (see `Sources/Payments`): each attempt a row with the Codable
/// `Payment` beside the columns queries filter on; every applied provider event id in
/// `payment_events` (inserted before the event is applied, in the same transaction, so the same
/// event twice changes nothing); booked refunds by date for the reconciliation report; payment
/// references per year; and the simulated provider's state, shared by every node.
///
/// Tenant isolation: a payment belongs to the authority whose fee it is and to the applicant's
/// account; `find(id:owner:)` and the lists filter by one of them in SQL (`OwnedTable.payments`).
/// The webhook path (`apply`) looks a payment up by the provider's reference only after the
/// event's signature was verified.
public struct PaymentStore: Sendable {
    public let database: Database
    public let clock: any WallClock

    public static let table = OwnedTable(name: "payments", allowsAuthority: true, allowsAccount: true)

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// A payment with what Amtsweg knows around it.
    public struct Stored: Sendable, Equatable {
        public var payment: Payment
        public var provider: String
        /// The draft (payment before submission) or the submission (payment on approval).
        public var applicationID: String
        public var submissionID: String?
        public var leika: String
        public var authorityID: String
        public var accountID: String?
        public var timing: FeeTiming
        /// The applicant's trust level when the payment started (a paid draft is submitted with it).
        public var trustLevel: String?
        public var quote: FeeQuote

        public var id: String { payment.id }
    }

    /// What a new payment is for.
    public struct New: Sendable {
        public var provider: String
        public var applicationID: String
        public var submissionID: String?
        public var caseID: String?
        public var leika: String
        public var authorityID: String
        public var accountID: String?
        public var timing: FeeTiming
        public var trustLevel: String?
        public var quote: FeeQuote

        public init(
            provider: String, applicationID: String, submissionID: String? = nil, caseID: String? = nil,
            leika: String, authorityID: String, accountID: String?, timing: FeeTiming, trustLevel: String? = nil,
            quote: FeeQuote
        ) {
            self.provider = provider
            self.applicationID = applicationID
            self.submissionID = submissionID
            self.caseID = caseID
            self.leika = leika
            self.authorityID = authorityID
            self.accountID = accountID
            self.timing = timing
            self.trustLevel = trustLevel
            self.quote = quote
        }
    }

    /// What a provider event did.
    public enum EventOutcome: Sendable, Equatable {
        /// Applied now (the transition may still be `.unchanged` when its effect was already there).
        case applied(Stored, Payment.Transition)
        /// This event id was applied before: nothing changed.
        case duplicate(Stored?)
    }

    public enum PaymentStoreError: Error, Equatable, CustomStringConvertible {
        /// No payment has this provider reference.
        case unknownPayment(String)
        /// The state machine refused the event or call (nothing was stored).
        case refused(PaymentError)

        public var description: String {
            switch self {
            case .unknownPayment(let r): "No payment with the provider reference \(r)."
            case .refused(let e): e.description
            }
        }
    }

    static let columns =
        "payment, provider, application_id, submission_id, leika, authority_id, account_id, timing, trust_level, quote"

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode(_ row: any SQLRow) throws -> Stored {
        let decoder = JSONDecoder()
        return Stored(
            payment: try decoder.decode(
                Payment.self, from: Data(try row.decode(column: "payment", as: String.self).utf8)),
            provider: try row.decode(column: "provider", as: String.self),
            applicationID: try row.decode(column: "application_id", as: String.self),
            submissionID: try row.decode(column: "submission_id", as: String?.self),
            leika: try row.decode(column: "leika", as: String.self),
            authorityID: try row.decode(column: "authority_id", as: String.self),
            accountID: try row.decode(column: "account_id", as: String?.self),
            timing: FeeTiming(rawValue: try row.decode(column: "timing", as: String.self)) ?? .beforeSubmission,
            trustLevel: try row.decode(column: "trust_level", as: String?.self),
            quote: try decoder.decode(FeeQuote.self, from: Data(try row.decode(column: "quote", as: String.self).utf8)))
    }

    /// The next payment reference of `year`, "AW-2026-000123" (one counter per year, in the caller's transaction).
    static func nextReference(year: Int, on db: any SQLDatabase) async throws -> String {
        let next = try await db.raw(
            """
            INSERT INTO payment_reference_counters (year, next) VALUES (\(bind: year), 1)
            ON CONFLICT (year) DO UPDATE SET next = payment_reference_counters.next + 1
            RETURNING next
            """
        ).first(decodingColumn: "next", as: Int.self)
        guard let next else { throw StorageError.notFound }
        return PaymentReference.make(prefix: "AWZ", year: year, sequence: next)
    }

    /// Records a new payment (status `created`) for `new.quote.totalCents`.
    public func create(_ new: New) async throws -> Stored {
        let now = clock.now()
        let at = Timestamp.string(now)
        let year = Int(at.prefix(4)) ?? 1970
        return try await database.transaction { db in
            let reference = try await Self.nextReference(year: year, on: db)
            let payment: Payment
            do throws(PaymentError) {
                payment = try Payment(
                    id: Identifier.uuidV7(at: now), reference: reference, serviceID: new.leika,
                    applicationID: new.applicationID, caseID: new.caseID, amountCents: new.quote.totalCents,
                    createdAt: at)
            } catch { throw PaymentStoreError.refused(error) }
            try await db.raw(
                """
                INSERT INTO payments (id, reference, provider, provider_reference, application_id, submission_id, case_id,
                    leika, authority_id, account_id, timing, trust_level, status, amount_cents, quote, payment,
                    created_at, updated_at, succeeded_at)
                VALUES (\(bind: payment.id), \(bind: reference), \(bind: new.provider), NULL, \(bind: new.applicationID),
                    \(bind: new.submissionID), \(bind: new.caseID), \(bind: new.leika), \(bind: new.authorityID),
                    \(bind: new.accountID), \(bind: new.timing.rawValue), \(bind: new.trustLevel),
                    \(bind: payment.status.rawValue), \(bind: payment.amountCents), \(bind: try Self.json(new.quote)),
                    \(bind: try Self.json(payment)), \(bind: at), \(bind: at), NULL)
                """
            ).run()
            try await AuditTrail.record(
                "payment.created", accountID: new.accountID, authorityID: new.authorityID,
                detail: "\(reference) \(Money.plain(payment.amountCents)) EUR \(new.leika)", at: now, on: db)
            return Stored(
                payment: payment, provider: new.provider, applicationID: new.applicationID,
                submissionID: new.submissionID, leika: new.leika, authorityID: new.authorityID,
                accountID: new.accountID, timing: new.timing, trustLevel: new.trustLevel, quote: new.quote)
        }
    }

    /// `created` → `pending` with the provider's reference (repeating it is a no-op).
    public func start(id: String, providerReference: String, trustLevel: String? = nil) async throws -> Stored {
        let now = clock.now()
        return try await database.transaction { db in
            guard var stored = try await Self.lockedByID(id, on: db) else { throw StorageError.notFound }
            do throws(PaymentError) {
                _ = try stored.payment.start(providerReference: providerReference, at: Timestamp.string(now))
            } catch { throw PaymentStoreError.refused(error) }
            if let trustLevel { stored.trustLevel = trustLevel }
            try await Self.save(stored, on: db)
            return stored
        }
    }

    /// The payment if `owner` may see it (its authority or its applicant's account); nil otherwise.
    public func find(id: String, owner: Owner) async throws -> Stored? {
        try await database.read { db in
            try await db.select(from: Self.table, owner: owner).column(SQLLiteral.all)
                .where("id", .equal, SQLBind(id)).first().map(Self.decode)
        }
    }

    /// Every attempt for one application, oldest first, if `owner` may see them.
    public func payments(ofApplication applicationID: String, owner: Owner) async throws -> [Stored] {
        try await database.read { db in
            try await db.select(from: Self.table, owner: owner).column(SQLLiteral.all)
                .where("application_id", .equal, SQLBind(applicationID)).orderBy("created_at").orderBy("id")
                .all().map(Self.decode)
        }
    }

    /// Every payment of an account, newest first (the account groups them by application).
    public func payments(ofAccount accountID: String, limit: Int = 200) async throws -> [Stored] {
        try await database.read { db in
            try await db.select(from: Self.table, owner: .account(accountID)).column(SQLLiteral.all)
                .orderBy("created_at", .descending).orderBy("id", .descending).limit(limit)
                .all().map(Self.decode)
        }
    }

    /// The payment a provider reference names (for webhooks, after verification).
    public func find(provider: String, providerReference: String) async throws -> Stored? {
        try await database.read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Self.columns) FROM payments WHERE provider = \(bind: provider) AND provider_reference = \(bind: providerReference)"
            ).first().map(Self.decode)
        }
    }

    static func lockedByID(_ id: String, on db: any SQLDatabase) async throws -> Stored? {
        let lock = db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        return try await db.raw(
            "SELECT \(unsafeRaw: columns) FROM payments WHERE id = \(bind: id)\(unsafeRaw: lock)"
        ).first().map(decode)
    }

    static func save(_ stored: Stored, on db: any SQLDatabase) async throws {
        let p = stored.payment
        try await db.raw(
            """
            UPDATE payments SET provider_reference = \(bind: p.providerReference), status = \(bind: p.status.rawValue),
                payment = \(bind: try json(p)), updated_at = \(bind: p.updatedAt), succeeded_at = \(bind: p.succeededAt),
                trust_level = \(bind: stored.trustLevel), submission_id = \(bind: stored.submissionID),
                case_id = \(bind: p.caseID)
            WHERE id = \(bind: p.id)
            """
        ).run()
        for refund in p.refunds {
            try await db.raw(
                """
                INSERT INTO payment_refunds (payment_id, refund_id, authority_id, amount_cents, at)
                VALUES (\(bind: p.id), \(bind: refund.id), \(bind: stored.authorityID), \(bind: refund.cents), \(bind: refund.at))
                ON CONFLICT (payment_id, refund_id) DO NOTHING
                """
            ).run()
        }
    }

    /// Applies a verified provider event: its id is stored first (a repeat changes nothing), then
    /// `Payment.apply` runs on the payment its provider reference names, all in one transaction.
    /// A refused event (unknown payment, forbidden transition) stores nothing, not even its id.
    public func apply(_ event: PaymentEvent, provider: String) async throws -> EventOutcome {
        let now = clock.now()
        let at = Timestamp.string(now)
        return try await database.transaction { db in
            let inserted = try await db.raw(
                """
                INSERT INTO payment_events (provider, event_id, payment_id, type, received_at)
                VALUES (\(bind: provider), \(bind: event.id), '', \(bind: event.type.rawValue), \(bind: at))
                ON CONFLICT (provider, event_id) DO NOTHING
                RETURNING event_id
                """
            ).first()
            let lock = db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
            let found = try await db.raw(
                "SELECT \(unsafeRaw: Self.columns) FROM payments WHERE provider = \(bind: provider) AND provider_reference = \(bind: event.providerReference)\(unsafeRaw: lock)"
            ).first().map(Self.decode)
            guard inserted != nil else { return .duplicate(found) }
            guard var stored = found else { throw PaymentStoreError.unknownPayment(event.providerReference) }
            let transition: Payment.Transition
            do throws(PaymentError) {
                transition = try stored.payment.apply(event, at: at)
            } catch { throw PaymentStoreError.refused(error) }
            try await db.raw(
                "UPDATE payment_events SET payment_id = \(bind: stored.id) WHERE provider = \(bind: provider) AND event_id = \(bind: event.id)"
            ).run()
            try await Self.save(stored, on: db)
            if case .changed(_, let to) = transition {
                try await AuditTrail.record(
                    "payment.\(to.rawValue)", accountID: stored.accountID, authorityID: stored.authorityID,
                    detail: "\(stored.payment.reference) \(event.type.rawValue) \(event.id)", at: now, on: db)
            }
            return .applied(stored, transition)
        }
    }

    /// Links a paid draft's payments to the submission it became.
    public func linkSubmission(applicationID: String, submissionID: String) async throws {
        try await database.transaction { db in
            try await db.raw(
                "UPDATE payments SET submission_id = \(bind: submissionID) WHERE application_id = \(bind: applicationID)"
            ).run()
        }
    }

    /// Payments of an authority, newest first (the staff page).
    public func payments(ofAuthority authorityID: String, limit: Int = 200) async throws -> [Stored] {
        try await database.read { db in
            try await db.select(from: Self.table, owner: .authority(authorityID)).column(SQLLiteral.all)
                .orderBy("created_at", .descending).orderBy("id", .descending).limit(limit)
                .all().map(Self.decode)
        }
    }

    /// The reconciliation report of one authority: its payments received and refunds paid out in
    /// `period` (local dates, Europe/Berlin). Only rows of that authority are read.
    public func report(authorityID: String, period: ReconciliationPeriod) async throws -> ReconciliationReport {
        // UTC bounds one day wider than the period on each side; the report then keeps exactly the
        // records whose Berlin date lies in the period.
        let low = Self.shift(period.from, days: -1) + "T00:00:00.000Z"
        let high = Self.shift(period.to, days: 1) + "T23:59:59.999Z"
        let rows = try await database.read { db in
            var found = try await db.select(from: Self.table, owner: .authority(authorityID)).column(SQLLiteral.all)
                .where("succeeded_at", .greaterThanOrEqual, SQLBind(low))
                .where("succeeded_at", .lessThanOrEqual, SQLBind(high))
                .all().map(Self.decode)
            // Payments paid earlier whose refunds fall in the period.
            let known = Set(found.map(\.id))
            let refunded = try await db.raw(
                """
                SELECT DISTINCT payment_id FROM payment_refunds
                WHERE authority_id = \(bind: authorityID) AND at >= \(bind: low) AND at <= \(bind: high)
                """
            ).all(decodingColumn: "payment_id", as: String.self).filter { !known.contains($0) }
            if !refunded.isEmpty {
                found += try await db.select(from: Self.table, owner: .authority(authorityID)).column(SQLLiteral.all)
                    .where("id", .in, SQLBind.group(refunded)).all().map(Self.decode)
            }
            return found
        }
        let records = try rows.flatMap { try $0.payment.reconciliationRecords() }
        return try ReconciliationReport(records: records, period: period)
    }

    static func shift(_ day: String, days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let p = day.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, let date = calendar.date(from: DateComponents(year: p[0], month: p[1], day: p[2])),
            let moved = calendar.date(byAdding: .day, value: days, to: date)
        else { return day }
        return String(Timestamp.string(moved).prefix(10))
    }

    // MARK: Provider state

    /// Runs `body` on the provider's stored state (nil the first time) and stores what it returns,
    /// in one transaction (on PostgreSQL the row is locked: nodes take turns).
    public func withProviderState<T: Sendable>(
        _ provider: String, _ body: @Sendable (String?) async throws -> (state: String, result: T)
    ) async throws -> T {
        let at = Timestamp.string(clock.now())
        return try await database.transaction { db in
            let lock = db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
            let current = try await db.raw(
                "SELECT state FROM payment_provider_state WHERE provider = \(bind: provider)\(unsafeRaw: lock)"
            ).first(decodingColumn: "state", as: String.self)
            let (state, result) = try await body(current)
            try await db.raw(
                """
                INSERT INTO payment_provider_state (provider, state, updated_at) VALUES (\(bind: provider), \(bind: state), \(bind: at))
                ON CONFLICT (provider) DO UPDATE SET state = \(bind: state), updated_at = \(bind: at)
                """
            ).run()
            return result
        }
    }
}
