import Foundation
import SQLKit

/// Fixed-window rate limits counted in the database, so every node sees the same counters.
public struct RateLimiter: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public struct Decision: Sendable, Equatable {
        public var allowed: Bool
        public var remaining: Int
        /// Seconds until the window resets.
        public var retryAfter: Int
    }

    /// Counts one hit for `bucket` and says whether it is within `limit` per `window` seconds.
    public func hit(_ bucket: String, limit: Int, window: Int) async throws -> Decision {
        let now = clock.now()
        let epoch = Int(now.timeIntervalSince1970)
        let windowStart = epoch - epoch % window
        let key = Timestamp.string(Date(timeIntervalSince1970: TimeInterval(windowStart)))
        let hits = try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO rate_limits (bucket, window_start, hits) VALUES (\(bind: bucket), \(bind: key), 1)
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
                RETURNING hits
                """
            ).first(decodingColumn: "hits", as: Int.self) ?? 1
        }
        return Decision(
            allowed: hits <= limit, remaining: max(0, limit - hits), retryAfter: windowStart + window - epoch)
    }
}

/// Platform settings and secrets kept in the database, so every node uses the same ones
/// (for example the key that signs CSRF tokens). A value configured in the environment wins.
public enum Settings {
    public static func get(_ key: String, on db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT value FROM settings WHERE key = \(bind: key)").first(
            decodingColumn: "value", as: String.self)
    }

    /// Returns the stored value, or stores and returns `make()` if there is none yet. Two nodes
    /// racing both end up with the first value written.
    public static func getOrCreate(_ key: String, database: Database, make: @Sendable () -> String) async throws
        -> String
    {
        try await database.transaction { db in
            try await db.raw(
                "INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: make())) ON CONFLICT (key) DO NOTHING"
            )
            .run()
            guard let value = try await get(key, on: db) else { throw StorageError.notFound }
            return value
        }
    }
}
