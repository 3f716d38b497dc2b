import Foundation
import SQLKit

/// Stored answers to requests that carried an `Idempotency-Key`, so a client that retries a POST
/// gets the first answer again instead of a second effect — on whichever node it lands.
public struct IdempotencyStore: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public struct Stored: Sendable, Codable, Equatable {
        public var requestHash: String
        public var status: Int
        public var contentType: String
        public var body: String

        public init(requestHash: String, status: Int, contentType: String, body: String) {
            self.requestHash = requestHash
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    public func lookup(scope: String, key: String) async throws -> Stored? {
        try await database.read { db in
            try await db.raw(
                "SELECT request_hash, status, content_type, body FROM idempotency_keys WHERE scope = \(bind: scope) AND key = \(bind: key)"
            ).first(decoding: Stored.self, with: JobQueue.decoder)
        }
    }

    /// Records the answer inside the transaction that made the effect.
    public func record(scope: String, key: String, _ stored: Stored, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO idempotency_keys (scope, key, request_hash, status, content_type, body, created_at)
            VALUES (\(bind: scope), \(bind: key), \(bind: stored.requestHash), \(bind: stored.status),
                    \(bind: stored.contentType), \(bind: stored.body), \(bind: Timestamp.string(clock.now())))
            """
        ).run()
    }
}
