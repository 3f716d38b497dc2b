import Authorities
import Foundation
import SQLKit

/// Authorities (tenants) in the database, with an in-memory copy for the pages. The copy is
/// refreshed when the `authorities` data version changes — on any node — checked at most once per
/// `freshness` interval.
public final class AuthorityStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    private let cache: VersionedCache<[Authority]>

    public init(database: Database, clock: any WallClock, freshness: TimeInterval = 1) {
        self.database = database
        self.clock = clock
        self.cache = VersionedCache(name: "authorities", database: database, clock: clock, freshness: freshness) { db in
            try await AuthorityStore.load(db)
        }
    }

    struct Row: Codable {
        var id: String
        var name: String
        var level: String
        var servedArs: String
        var street: String?
        var postcode: String
        var locality: String
        var phone: String?
        var email: String?
        var website: String?
        var openingHours: String
    }

    static func load(_ db: any SQLDatabase) async throws -> [Authority] {
        try await db.raw("SELECT * FROM authorities ORDER BY id").all(decoding: Row.self, with: JobQueue.decoder).map {
            Authority(
                id: $0.id, name: $0.name, level: AuthorityLevel(rawValue: $0.level) ?? .gemeinde,
                servedARS: $0.servedArs,
                address: Address(street: $0.street, postcode: $0.postcode, locality: $0.locality),
                contact: Contact(phone: $0.phone, email: $0.email, website: $0.website),
                openingHours: (try? JSONDecoder().decode([String].self, from: Data($0.openingHours.utf8))) ?? [])
        }
    }

    /// Inserts or updates the given authorities (idempotent; safe on several nodes at once).
    public func upsert(_ authorities: [Authority]) async throws {
        let now = Timestamp.string(clock.now())
        try await database.transaction { db in
            for a in authorities {
                let hours = String(decoding: try JSONEncoder().encode(a.openingHours), as: UTF8.self)
                try await db.raw(
                    """
                    INSERT INTO authorities (id, name, level, served_ars, street, postcode, locality, phone, email, website,
                        opening_hours, created_at, updated_at)
                    VALUES (\(bind: a.id), \(bind: a.name), \(bind: a.level.rawValue), \(bind: a.servedARS), \(bind: a.address.street),
                        \(bind: a.address.postcode), \(bind: a.address.locality), \(bind: a.contact.phone), \(bind: a.contact.email),
                        \(bind: a.contact.website), \(bind: hours), \(bind: now), \(bind: now))
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level,
                        served_ars = excluded.served_ars, updated_at = excluded.updated_at
                    """
                ).run()
            }
            try await DataVersions.bump("authorities", on: db)
        }
    }

    /// Updates contact details and opening hours of one authority.
    public func updateContact(id: String, contact: Contact, openingHours: [String], street: String?) async throws {
        let now = Timestamp.string(clock.now())
        let hours = String(decoding: try JSONEncoder().encode(openingHours), as: UTF8.self)
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE authorities SET phone = \(bind: contact.phone), email = \(bind: contact.email),
                    website = \(bind: contact.website), opening_hours = \(bind: hours), street = \(bind: street),
                    updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """
            ).run()
            try await DataVersions.bump("authorities", on: db)
        }
    }

    public func all() async throws -> [Authority] { try await cache.value() }

    /// All authorities and the version of that data: derived caches key on it.
    public func allVersioned() async throws -> (authorities: [Authority], version: Int) {
        let (value, version) = try await cache.versioned()
        return (value, version)
    }

    public func authority(id: String) async throws -> Authority? { try await all().first { $0.id == id } }

    /// Authorities responsible for a municipality, most local first.
    public func chain(for municipalityARS: String) async throws -> [Authority] {
        AuthoritySeed.chain(for: municipalityARS, in: try await all())
    }
}

/// Per-dataset version counters: a writer bumps the version in the same transaction as its change;
/// every node's cache compares versions to know when to reload.
public enum DataVersions {
    public static func bump(_ name: String, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO data_versions (name, version) VALUES (\(bind: name), 1)
            ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1
            """
        ).run()
    }

    public static func current(_ name: String, on db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT version FROM data_versions WHERE name = \(bind: name)")
            .first(decodingColumn: "version", as: Int.self) ?? 0
    }
}

/// An in-memory copy of a dataset, reloaded when its ``DataVersions`` counter moves.
public final class VersionedCache<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var version = -1
        var checkedAt = Date.distantPast
    }
    private let state = MutexBox<State>(State())
    let name: String
    let database: Database
    let clock: any WallClock
    let freshness: TimeInterval
    let loader: @Sendable (any SQLDatabase) async throws -> Value

    public init(
        name: String, database: Database, clock: any WallClock, freshness: TimeInterval,
        loader: @escaping @Sendable (any SQLDatabase) async throws -> Value
    ) {
        self.name = name
        self.database = database
        self.clock = clock
        self.freshness = freshness
        self.loader = loader
    }

    public func value() async throws -> Value { try await versioned().value }

    /// The value and the data version it belongs to (for caches derived from it).
    public func versioned() async throws -> (value: Value, version: Int) {
        let now = clock.now()
        let snapshot = state.withLock { $0 }
        if let value = snapshot.value, now.timeIntervalSince(snapshot.checkedAt) < freshness {
            return (value, snapshot.version)
        }
        let name = self.name
        let loader = self.loader
        let version = try await database.read { db in try await DataVersions.current(name, on: db) }
        if let value = snapshot.value, version == snapshot.version {
            state.withLock { $0.checkedAt = now }
            return (value, version)
        }
        let (fresh, freshVersion) = try await database.read { db in
            (try await loader(db), try await DataVersions.current(name, on: db))
        }
        state.withLock { $0 = State(value: fresh, version: freshVersion, checkedAt: now) }
        return (fresh, freshVersion)
    }
}
