import Crypto
import Foundation
import SQLKit

/// Third-party software that submits applications through the API (OAuth 2.0 client credentials).
/// Each client has scopes and the services (LeiKa keys) it may submit to. The secret is 256 random
/// bits, so a SHA-256 of it is enough to store (a slow password hash protects guessable secrets;
/// this one is not guessable).
public struct APIClientStore: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public struct Client: Sendable, Equatable {
        public var id: String
        public var name: String
        public var scopes: Set<String>
        /// LeiKa keys; `["*"]` means every service.
        public var services: Set<String>

        public func may(submitTo leika: String) -> Bool { services.contains("*") || services.contains(leika) }
    }

    /// Registers a client; returns it and its secret (shown once).
    public func create(name: String, scopes: Set<String>, services: Set<String>) async throws -> (
        Client, secret: String
    ) {
        var generator = SystemRandomNumberGenerator()
        let secretBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let secret = Data(secretBytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let client = Client(
            id: "client-" + Identifier.uuidV7(at: clock.now()), name: name, scopes: scopes, services: services)
        let now = Timestamp.string(clock.now())
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO api_clients (id, name, secret_hash, scopes, services, created_at)
                VALUES (\(bind: client.id), \(bind: name), \(bind: Self.hash(secret)), \(bind: scopes.sorted().joined(separator: " ")),
                        \(bind: services.sorted().joined(separator: " ")), \(bind: now))
                """
            ).run()
        }
        return (client, secret)
    }

    /// The client, if the id and secret match and it is not disabled. The lookup is by the secret's
    /// SHA-256: a 256-bit random secret cannot be guessed byte by byte through timing.
    public func authenticate(id: String, secret: String) async throws -> Client? {
        guard
            let row = try await database.read({ db in
                try await db.raw(
                    "SELECT id, name, scopes, services FROM api_clients WHERE id = \(bind: id) AND secret_hash = \(bind: Self.hash(secret)) AND disabled_at IS NULL"
                ).first()
            })
        else { return nil }
        return Client(
            id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
            scopes: Set(try row.decode(column: "scopes", as: String.self).split(separator: " ").map(String.init)),
            services: Set(try row.decode(column: "services", as: String.self).split(separator: " ").map(String.init)))
    }

    public func disable(id: String) async throws {
        let now = Timestamp.string(clock.now())
        try await database.transaction { db in
            try await db.raw("UPDATE api_clients SET disabled_at = \(bind: now) WHERE id = \(bind: id)").run()
        }
    }

    /// Whether the client still exists and is enabled (checked when a token is used).
    public func isActive(id: String) async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT id FROM api_clients WHERE id = \(bind: id) AND disabled_at IS NULL").first() != nil
        }
    }

    static func hash(_ secret: String) -> String { Hex.encode(SHA256.hash(data: Data(secret.utf8))) }
}
