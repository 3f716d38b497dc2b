import Foundation
import Logging
import SQLKit
import Storage
import Testing

/// The storage backends every storage test runs on: SQLite always, PostgreSQL when
/// `AMTSWEG_TEST_POSTGRES_URL` is set (scripts/test.sh starts a throwaway cluster and sets it).
enum Backend: String, CustomTestStringConvertible, Sendable, CaseIterable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static var postgresURL: String? {
        let value = ProcessInfo.processInfo.environment["AMTSWEG_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }

    /// SQLite, plus PostgreSQL when configured. With `AMTSWEG_REQUIRE_POSTGRES=1` a missing
    /// PostgreSQL is an error rather than a silent skip.
    static var all: [Backend] {
        if postgresURL != nil { return [.sqlite, .postgres] }
        precondition(
            ProcessInfo.processInfo.environment["AMTSWEG_REQUIRE_POSTGRES"] != "1",
            "AMTSWEG_REQUIRE_POSTGRES=1 but AMTSWEG_TEST_POSTGRES_URL is not set")
        return [.sqlite]
    }
}

let testLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return logger
}()

/// A fresh database for one test: a temporary SQLite file, or a new PostgreSQL database created
/// for the test and dropped afterwards.
struct TestDatabase: Sendable {
    let backend: Backend
    let url: String
    private let cleanup: @Sendable () async -> Void

    static func make(_ backend: Backend) async throws -> TestDatabase {
        switch backend {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("amtsweg-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let path = dir.appendingPathComponent("test.sqlite").path
            return TestDatabase(backend: backend, url: "sqlite:\(path)") {
                try? FileManager.default.removeItem(at: dir)
            }
        case .postgres:
            guard let admin = Backend.postgresURL, var components = URLComponents(string: admin) else {
                throw StorageError.invalidDatabaseURL
            }
            let name =
                "amtsweg_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))"
            let adminDB = try await Database.open(.postgres(url: admin), logger: testLogger)
            try await adminDB.read { db in try await db.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            await adminDB.close()
            components.path = "/" + name
            // Small pools: a hundred suites run in parallel, each with one or two "nodes", and
            // PostgreSQL's default allows 100 connections.
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "pool_max", value: "8")]
            let url = components.string!
            return TestDatabase(backend: backend, url: url) {
                if let adminDB = try? await Database.open(.postgres(url: admin), logger: testLogger) {
                    try? await adminDB.read { db in
                        try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
                    }
                    await adminDB.close()
                }
            }
        }
    }

    private init(backend: Backend, url: String, cleanup: @escaping @Sendable () async -> Void) {
        self.backend = backend
        self.url = url
        self.cleanup = cleanup
    }

    /// Opens a connection pool to the test database — call twice for two "nodes".
    func open(migrate: Bool = true) async throws -> Database {
        let database = try await Database.open(DatabaseLocation(url), logger: testLogger)
        if migrate { try await Migrator(database: database, logger: testLogger).migrate() }
        return database
    }

    func drop() async { await cleanup() }
}

/// Runs `body` with a fresh migrated database and always cleans up.
func withDatabase<R>(_ backend: Backend, _ body: (Database, TestDatabase) async throws -> R) async throws -> R {
    let test = try await TestDatabase.make(backend)
    let database: Database
    do {
        database = try await test.open()
    } catch {
        await test.drop()
        throw error
    }
    do {
        let result = try await body(database, test)
        await database.close()
        await test.drop()
        return result
    } catch {
        await database.close()
        await test.drop()
        throw error
    }
}

let repoRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }  // TestDatabase.swift, Support, AmtswegTests, Tests
    return url
}()

/// The shared reference data folder (`../shared/data` next to the repository).
let sharedData: URL = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
