import Foundation
import Storage
import Testing

@Suite("Backends")
struct BackendsTests {
    @Test("Storage tests run on every configured backend")
    func backendsUnderTest() async throws {
        let names = Backend.all.map(\.rawValue)
        let postgres = Backend.postgresURL.flatMap { try? DatabaseLocation($0).description } ?? "not configured"
        print("Storage backends under test: \(names.joined(separator: " and ")) (PostgreSQL: \(postgres))")
        #expect(names.first == "sqlite")
        if ProcessInfo.processInfo.environment["AMTSWEG_REQUIRE_POSTGRES"] == "1" {
            #expect(names == ["sqlite", "postgres"])
        }
        // Each backend answers a real query, so a misconfigured URL fails here first.
        for backend in Backend.all {
            try await withDatabase(backend) { database, _ in
                #expect(await database.ping())
                #expect(database.kind.rawValue == backend.rawValue)
            }
        }
    }

    @Test("An in-memory SQLite database migrates and serves reads and writes")
    func inMemory() async throws {
        let database = try await Database.open(.sqliteMemory, logger: testLogger)
        do {
            try await Migrator(database: database, logger: testLogger).migrate()
            let queue = JobQueue(database: database, clock: SystemClock())
            try await queue.enqueue(kind: "k")
            #expect(try await queue.counts()[.pending] == 1)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
