import Authorities
import Foundation
import Regions
import SQLKit
import Storage
import Testing

@Suite("Storage")
struct StorageTests {
    @Test("Migrations apply once and are idempotent", arguments: Backend.all)
    func migrations(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let migrator = Migrator(database: database, logger: testLogger)
            // setup: withDatabase migrated already
            // act
            let second = try await migrator.migrate()
            // check
            #expect(second.isEmpty)
            #expect(try await migrator.appliedVersions() == Migrations.all.map(\.version))
        }
    }

    @Test("readText gives every cell as text in SELECT order, with binds, on both databases", arguments: Backend.all)
    func readText(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            // setup
            try await database.transaction { db in
                try await db.raw("CREATE TABLE text_cells (id TEXT PRIMARY KEY, n INTEGER, note TEXT)").run()
                try await db.raw(
                    "INSERT INTO text_cells VALUES ('a', 1, 'eins'), ('b', 22, NULL), ('c''; --', -3, 'ä ö ü \u{1F600}')"
                ).run()
            }
            // act
            let all = try await database.readText("SELECT id, n, note FROM text_cells ORDER BY id")
            let bound = try await database.readText(
                "SELECT note, id, n, n > 0 AS positive FROM text_cells WHERE id = \(bind: "c'; --") OR n = \(bind: 22) ORDER BY id"
            )
            let none = try await database.readText(
                "SELECT id FROM text_cells WHERE note = \(bind: String?.none) OR id = \(bind: "zz")")
            // check
            #expect(all == [["a", "1", "eins"], ["b", "22", nil], ["c'; --", "-3", "ä ö ü \u{1F600}"]])
            #expect(bound == [[nil, "b", "22", "1"], ["ä ö ü \u{1F600}", "c'; --", "-3", "0"]])
            #expect(none.isEmpty)
        }
    }

    @Test("Two nodes migrating at the same time apply each migration once", arguments: Backend.all)
    func concurrentMigrations(backend: Backend) async throws {
        let test = try await TestDatabase.make(backend)
        defer { Task { await test.drop() } }
        let a = try await test.open(migrate: false)
        let b = try await test.open(migrate: false)
        async let first = Migrator(database: a, logger: testLogger).migrate()
        async let second = Migrator(database: b, logger: testLogger).migrate()
        let applied = try await first + second
        #expect(applied.sorted() == Migrations.all.map(\.version))
        await a.close()
        await b.close()
    }

    @Test("Nodes opening one new SQLite file at the same moment both succeed")
    func concurrentOpen() async throws {
        for _ in 0..<20 {
            let test = try await TestDatabase.make(.sqlite)
            async let a = test.open(migrate: false)
            async let b = test.open(migrate: false)
            let (first, second) = try await (a, b)
            #expect(await first.ping())
            #expect(await second.ping())
            await first.close()
            await second.close()
            await test.drop()
        }
    }

    @Test("One authority cannot read another authority's rows", arguments: Backend.all)
    func tenantIsolation(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            // setup
            let clock = ManualClock()
            let authorities = AuthorityStore(database: database, clock: clock)
            try await authorities.upsert(Array(AuthoritySeed.authorities(from: .thuringia).prefix(3)))
            let ids = try await authorities.all().map(\.id)
            let a = Owner.authority(ids[0])
            let b = Owner.authority(ids[1])
            let store = DocumentStore(database: database, blobs: DatabaseBlobStore(), clock: clock)
            let docA = try await store.store(
                Data("Akte A".utf8), filename: "a.txt", contentType: "text/plain", owner: a)
            let docB = try await store.store(
                Data("Akte B".utf8), filename: "b.txt", contentType: "text/plain", owner: b)
            // act / check: each sees only its own
            #expect(try await store.list(owner: a).map(\.id) == [docA.id])
            #expect(try await store.list(owner: b).map(\.id) == [docB.id])
            #expect(try await store.metadata(id: docA.id, owner: b) == nil)
            #expect(try await store.content(id: docA.id, owner: b) == nil)
            #expect(try await store.delete(id: docA.id, owner: b) == false)
            #expect(try await store.metadata(id: docA.id, owner: a) != nil, "B's delete attempt left A's row alone")
            // A person's account is its own owner too.
            #expect(try await store.list(owner: .account("erika")).isEmpty)
        }
    }

    @Test("A query on an authority-owned table without an owner is refused", arguments: Backend.all)
    func missingScopeRefused(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let store = DocumentStore(database: database, blobs: DatabaseBlobStore(), clock: SystemClock())
            await #expect(throws: StorageError.missingTenantScope(table: "documents")) {
                _ = try await store.list(owner: nil)
            }
            await #expect(throws: StorageError.missingTenantScope(table: "documents")) {
                try await database.read { db in _ = try db.select(from: .documents, owner: nil) }
            }
        }
    }

    @Test("Documents are content-addressed, verified and shared between owners", arguments: Backend.all)
    func documents(backend: Backend) async throws {
        try await withDatabase(backend) { database, test in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: dir) }
            for blobs in [DatabaseBlobStore() as any BlobStore, DirectoryBlobStore(root: dir)] {
                let store = DocumentStore(database: database, blobs: blobs, clock: SystemClock())
                let bytes = Data("Bescheid über Wohngeld".utf8)
                let one = try await store.store(
                    bytes, filename: "bescheid.pdf", contentType: "application/pdf", owner: .account("erika"))
                let two = try await store.store(
                    bytes, filename: "kopie.pdf", contentType: "application/pdf", owner: .account("max"))
                #expect(one.sha256 == DocumentStore.sha256(bytes))
                #expect(one.sha256 == two.sha256 && one.id != two.id)
                let (meta, data) = try #require(try await store.content(id: one.id, owner: .account("erika")))
                #expect(meta == one)
                #expect(data == bytes)
                // Deleting one reference keeps the blob for the other.
                #expect(try await store.delete(id: one.id, owner: .account("erika")))
                #expect(try await store.content(id: two.id, owner: .account("max"))?.1 == bytes)
                #expect(try await store.delete(id: two.id, owner: .account("max")))
            }
        }
    }

    @Test("The virus-scanner hook rejects an infected upload before anything is stored", arguments: Backend.all)
    func virusScanner(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let store = DocumentStore(database: database, blobs: DatabaseBlobStore(), clock: SystemClock())
            let eicar = Data(#"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"#.utf8)
            await #expect(throws: StorageError.rejectedByScanner("EICAR-Test-File")) {
                _ = try await store.store(
                    eicar, filename: "x.com", contentType: "application/octet-stream", owner: .account("erika"))
            }
            let remaining = try await store.list(owner: .account("erika"))
            #expect(remaining.isEmpty)
        }
    }

    @Test("Rate-limit counters are shared through the database", arguments: Backend.all)
    func rateLimiter(backend: Backend) async throws {
        try await withDatabase(backend) { database, test in
            let clock = ManualClock()
            let other = try await test.open(migrate: false)
            let nodeA = RateLimiter(database: database, clock: clock)
            let nodeB = RateLimiter(database: other, clock: clock)
            #expect(try await nodeA.hit("ip:1", limit: 3, window: 60).allowed)
            #expect(try await nodeB.hit("ip:1", limit: 3, window: 60).allowed)
            #expect(try await nodeA.hit("ip:1", limit: 3, window: 60).allowed)
            let fourth = try await nodeB.hit("ip:1", limit: 3, window: 60)
            #expect(!fourth.allowed)
            #expect(fourth.retryAfter > 0 && fourth.retryAfter <= 60)
            clock.advance(by: 61)
            #expect(try await nodeB.hit("ip:1", limit: 3, window: 60).allowed, "a new window starts")
            await other.close()
        }
    }

    @Test("A change on one node invalidates the authority cache on another", arguments: Backend.all)
    func cacheInvalidation(backend: Backend) async throws {
        try await withDatabase(backend) { database, test in
            let clock = ManualClock()
            let other = try await test.open(migrate: false)
            let nodeA = AuthorityStore(database: database, clock: clock)
            let nodeB = AuthorityStore(database: other, clock: clock)
            try await nodeA.upsert(AuthoritySeed.authorities(from: .thuringia))
            #expect(try await nodeB.authority(id: "th-stadt-16053")?.openingHours == [])
            try await nodeA.updateContact(
                id: "th-stadt-16053", contact: Contact(phone: "+49 3641 000000"), openingHours: ["Mo–Fr 8–12 Uhr"],
                street: "Am Anger 15")
            clock.advance(by: 2)
            let seen = try await nodeB.authority(id: "th-stadt-16053")
            #expect(seen?.openingHours == ["Mo–Fr 8–12 Uhr"])
            #expect(seen?.address.street == "Am Anger 15")
            await other.close()
        }
    }

    @Test("Settings: two nodes racing for a secret end up with the same one", arguments: Backend.all)
    func sharedSecret(backend: Backend) async throws {
        try await withDatabase(backend) { database, test in
            let other = try await test.open(migrate: false)
            async let a = Settings.getOrCreate("csrf.secret", database: database) { "from-a" }
            async let b = Settings.getOrCreate("csrf.secret", database: other) { "from-b" }
            let (x, y) = try await (a, b)
            #expect(x == y)
            await other.close()
        }
    }
}

@Suite("Backup and restore")
struct BackupTests {
    @Test("An online backup restores to the state at backup time")
    func backupRestore() async throws {
        // setup: a database with one authority
        let backupPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "backup-\(UUID().uuidString).sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: backupPath) }
        let test = try await TestDatabase.make(.sqlite)
        defer { Task { await test.drop() } }
        let database = try await test.open()
        do {
            let store = AuthorityStore(database: database, clock: SystemClock())
            try await store.upsert(Array(AuthoritySeed.authorities(from: .thuringia).prefix(5)))
            // act: back up while open, then change the live database
            try await Backup.backup(database, to: backupPath)
            try await store.upsert(Array(AuthoritySeed.authorities(from: .thuringia).dropFirst(5).prefix(10)))
            #expect(try await Backup.verify(backupPath, logger: testLogger) == Migrations.all.map(\.version))
            await database.close()
        } catch {
            await database.close()
            throw error
        }
        guard case .sqliteFile(let path) = try DatabaseLocation(test.url) else { Issue.record("not a file"); return }
        try await Backup.restore(from: backupPath, to: path, logger: testLogger)
        // check: the restored database has the five rows of backup time
        let restored = try await test.open(migrate: false)
        let count = try await restored.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM authorities").first(decodingColumn: "n", as: Int.self)
        }
        #expect(count == 5)
        await restored.close()
    }

    @Test("A damaged backup is refused")
    func damagedBackupRefused() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("this is not a database".utf8).write(to: URL(fileURLWithPath: path))
        await #expect(throws: (any Error).self) { _ = try await Backup.verify(path, logger: testLogger) }
        await #expect(throws: (any Error).self) {
            try await Backup.restore(from: path, to: path + ".target", logger: testLogger)
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".target"))
    }
}
