import Crypto
import Foundation
import SQLKit

/// Application drafts: saved at every step, resumable by the signed-in owner or — for anonymous
/// applicants — by a resume code (only its SHA-256 is stored). Drafts expire after `lifetime`;
/// the retention job deletes them.
public struct DraftStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let lifetime: TimeInterval

    public init(database: Database, clock: any WallClock, lifetime: TimeInterval = 30 * 86_400) {
        self.database = database
        self.clock = clock
        self.lifetime = lifetime
    }

    public struct Draft: Sendable, Codable, Equatable {
        public var id: String
        public var leika: String
        public var ars: String
        public var accountId: String?
        public var resumeHash: String?
        /// Canonical JSON of what was entered so far.
        public var data: String
        /// The furthest step reached (1-based).
        public var step: Int
        public var createdAt: String
        public var updatedAt: String
        public var expiresAt: String
        /// JSON of `ActingFor` when the applicant acts for someone else.
        public var actingFor: String?
    }

    /// Starts a draft. For an anonymous applicant returns the resume code (shown once, kept in a cookie).
    public func create(leika: String, ars: String, accountID: String?, actingFor: String? = nil) async throws -> (
        Draft, resumeCode: String?
    ) {
        let now = clock.now()
        let code = accountID == nil ? Self.newResumeCode() : nil
        let draft = Draft(
            id: Identifier.uuidV7(at: now), leika: leika, ars: ars, accountId: accountID,
            resumeHash: code.map(Self.hash), data: "{}", step: 1, createdAt: Timestamp.string(now),
            updatedAt: Timestamp.string(now), expiresAt: Timestamp.string(now.addingTimeInterval(lifetime)),
            actingFor: accountID == nil ? nil : actingFor)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO drafts (id, leika, ars, account_id, resume_hash, data, step, created_at, updated_at, expires_at,
                                    acting_for)
                VALUES (\(bind: draft.id), \(bind: draft.leika), \(bind: draft.ars), \(bind: draft.accountId),
                        \(bind: draft.resumeHash), \(bind: draft.data), \(bind: draft.step), \(bind: draft.createdAt),
                        \(bind: draft.updatedAt), \(bind: draft.expiresAt), \(bind: draft.actingFor))
                """
            ).run()
        }
        return (draft, code)
    }

    /// A draft that has not expired.
    public func find(id: String) async throws -> Draft? {
        let now = Timestamp.string(clock.now())
        return try await database.read { db in
            try await db.raw("SELECT * FROM drafts WHERE id = \(bind: id) AND expires_at > \(bind: now)")
                .first(decoding: Draft.self, with: JobQueue.decoder)
        }
    }

    /// The anonymous draft a resume code opens.
    public func find(resumeCode: String) async throws -> Draft? {
        let now = Timestamp.string(clock.now())
        let hash = Self.hash(Self.normalise(resumeCode))
        return try await database.read { db in
            try await db.raw("SELECT * FROM drafts WHERE resume_hash = \(bind: hash) AND expires_at > \(bind: now)")
                .first(decoding: Draft.self, with: JobQueue.decoder)
        }
    }

    /// Saves the data and the step reached; each save extends the draft's life.
    public func save(id: String, data: String, step: Int) async throws {
        let now = clock.now()
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE drafts SET data = \(bind: data), step = \(bind: step), updated_at = \(bind: Timestamp.string(now)),
                    expires_at = \(bind: Timestamp.string(now.addingTimeInterval(lifetime)))
                WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    public func delete(id: String, on db: (any SQLDatabase)? = nil) async throws {
        if let db {
            try await db.raw("DELETE FROM drafts WHERE id = \(bind: id)").run()
        } else {
            try await database.transaction { db in try await db.raw("DELETE FROM drafts WHERE id = \(bind: id)").run() }
        }
    }

    public func drafts(ofAccount accountID: String) async throws -> [Draft] {
        let now = Timestamp.string(clock.now())
        return try await database.read { db in
            try await db.raw(
                "SELECT * FROM drafts WHERE account_id = \(bind: accountID) AND expires_at > \(bind: now) ORDER BY updated_at DESC"
            ).all(decoding: Draft.self, with: JobQueue.decoder)
        }
    }

    static func newResumeCode() -> String { Crockford.random60() }

    /// Upper case, without spaces; O → 0 and I/L → 1 as Crockford base32 reads them.
    public static func normalise(_ code: String) -> String {
        let cleaned = code.uppercased().filter { !$0.isWhitespace && $0 != "-" }.map { c -> Character in
            switch c {
            case "O": "0"
            case "I", "L": "1"
            default: c
            }
        }
        guard cleaned.count == 12 else { return String(cleaned) }
        let s = Array(cleaned)
        return "\(String(s[0..<4]))-\(String(s[4..<8]))-\(String(s[8..<12]))"
    }

    public static func hash(_ code: String) -> String {
        Hex.encode(SHA256.hash(data: Data(normalise(code).utf8)))
    }
}
