import Crypto
import Foundation
import SQLKit

/// The audit trail: logins, logouts, failed logins, role changes, messages sent. Append-only and
/// hash-chained — each event's hash covers its content and the previous event's hash — so a
/// changed or deleted row breaks `verify()`. Events are written in the same transaction as the
/// change they record.
public struct AuditTrail: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public struct Event: Sendable, Equatable, Codable {
        public var seq: Int
        public var at: String
        public var event: String
        public var accountID: String?
        public var authorityID: String?
        public var detail: String
    }

    public static let genesis = String(repeating: "0", count: 64)
    /// Audit events are kept two years (security logging), then removed by the retention job.
    public static let retention: TimeInterval = 2 * 365 * 86_400

    public func record(_ event: String, accountID: String?, authorityID: String? = nil, detail: String = "")
        async throws
    {
        try await database.transaction { db in
            try await Self.record(
                event, accountID: accountID, authorityID: authorityID, detail: detail, at: clock.now(), on: db)
        }
    }

    /// Appends inside the caller's transaction. The chain head is read under the write lock
    /// (SQLite's single writer; on PostgreSQL a transaction-level advisory lock).
    public static func record(
        _ event: String, accountID: String?, authorityID: String?, detail: String, at now: Date, on db: any SQLDatabase
    ) async throws {
        if db.dialect.name == "postgresql" { try await db.raw("SELECT pg_advisory_xact_lock(7368128)").run() }
        let last = try await db.raw("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").first()
        let seq = (try last?.decode(column: "seq", as: Int.self) ?? 0) + 1
        let prev = try last?.decode(column: "hash", as: String.self) ?? genesis
        let at = Timestamp.string(now)
        let hash = digest(
            seq: seq, at: at, event: event, accountID: accountID, authorityID: authorityID, detail: detail, prev: prev)
        try await db.raw(
            """
            INSERT INTO audit_events (seq, at, event, account_id, authority_id, detail, prev_hash, hash)
            VALUES (\(bind: seq), \(bind: at), \(bind: event), \(bind: accountID), \(bind: authorityID), \(bind: detail), \(bind: prev), \(bind: hash))
            """
        ).run()
    }

    static func digest(
        seq: Int, at: String, event: String, accountID: String?, authorityID: String?, detail: String, prev: String
    ) -> String {
        let fields = [String(seq), at, event, accountID ?? "", authorityID ?? "", detail, prev]
        // Length-prefixed fields: no two different events serialise alike.
        let text = fields.map { "\($0.utf8.count):\($0)" }.joined()
        return Hex.encode(SHA256.hash(data: Data(text.utf8)))
    }

    /// Events of one account, newest first (login history).
    public func events(accountID: String, limit: Int = 50) async throws -> [Event] {
        try await database.read { db in
            try await db.raw(
                "SELECT seq, at, event, account_id, authority_id, detail FROM audit_events WHERE account_id = \(bind: accountID) ORDER BY seq DESC LIMIT \(bind: limit)"
            ).all().map(Self.event)
        }
    }

    static func event(_ row: any SQLRow) throws -> Event {
        Event(
            seq: try row.decode(column: "seq", as: Int.self), at: try row.decode(column: "at", as: String.self),
            event: try row.decode(column: "event", as: String.self),
            accountID: try row.decode(column: "account_id", as: String?.self),
            authorityID: try row.decode(column: "authority_id", as: String?.self),
            detail: try row.decode(column: "detail", as: String.self))
    }

    /// Recomputes the chain; returns the first broken sequence number, or nil when intact.
    public func verify() async throws -> Int? {
        try await database.read { db in
            let rows = try await db.raw(
                "SELECT seq, at, event, account_id, authority_id, detail, prev_hash, hash FROM audit_events ORDER BY seq"
            ).all()
            // After retention removed the oldest events, the chain is anchored at the first one left.
            var prev = try rows.first?.decode(column: "prev_hash", as: String.self) ?? Self.genesis
            var expectedSeq = try rows.first?.decode(column: "seq", as: Int.self) ?? 1
            for row in rows {
                let e = try Self.event(row)
                let storedPrev = try row.decode(column: "prev_hash", as: String.self)
                let stored = try row.decode(column: "hash", as: String.self)
                let recomputed = Self.digest(
                    seq: e.seq, at: e.at, event: e.event, accountID: e.accountID, authorityID: e.authorityID,
                    detail: e.detail, prev: prev)
                guard e.seq == expectedSeq, storedPrev == prev, stored == recomputed else { return e.seq }
                prev = stored
                expectedSeq += 1
            }
            return nil
        }
    }
}
