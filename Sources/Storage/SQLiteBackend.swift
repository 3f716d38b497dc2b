import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import Synchronization

/// SQLite with one writer connection (write transactions queue on an async lock) and a few
/// read-only connections that, in WAL mode, read the last committed state while a write runs.
/// An in-memory database has a single connection used for both.
final class SQLiteBackend: DatabaseBackend {
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writeLock = AsyncLock()
    private let nextReader = Atomic<Int>(0)
    private let inUse = Atomic<Int>(0)
    private let logger: Logger
    /// Our own threads for SQLite's blocking calls: one per connection, so a writer waiting on
    /// another process's lock (busy_timeout) never starves the readers or NIO's shared pool.
    private let threadPool: NIOThreadPool

    static let readerCount = 3

    static func open(path: String?, logger: Logger) async throws -> SQLiteBackend {
        let threadPool = NIOThreadPool(numberOfThreads: path == nil ? 1 : readerCount + 1)
        threadPool.start()
        func connect(_ storage: SQLiteConnection.Storage) async throws -> SQLiteConnection {
            try await SQLiteConnection.open(
                storage: storage, threadPool: threadPool, logger: logger,
                on: MultiThreadedEventLoopGroup.singleton.any())
        }
        guard let path else {
            let connection: SQLiteConnection
            do {
                connection = try await connect(.memory)
                try await apply(["PRAGMA foreign_keys = ON"], on: connection)
            } catch {
                try? await threadPool.shutdownGracefully()
                throw error
            }
            return SQLiteBackend(writer: connection, readers: [], logger: logger, threadPool: threadPool)
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Every connection opened here is closed again if a later step fails: an unclosed
        // connection must never be left behind.
        var opened: [SQLiteConnection] = []
        do {
            let writer = try await connect(.file(path: path))
            opened.append(writer)
            // busy_timeout first. Switching to WAL needs an exclusive lock; when another process opens
            // the same file at the same moment SQLite may answer "busy" without waiting (the two
            // would deadlock), so the switch is retried briefly. WAL is persistent: once either
            // connection has switched, the other's switch is a no-op.
            // A writer waits up to 30 s for another process's write (a migration of a node starting at
            // the same time, a backup) rather than failing the request.
            try await apply(["PRAGMA busy_timeout = 30000"], on: writer)
            var attempt = 0
            while true {
                do {
                    try await apply(["PRAGMA journal_mode = WAL"], on: writer)
                    break
                } catch let error as SQLiteError where [.busy, .locked].contains(error.reason) && attempt < 100 {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(10 + Int.random(in: 0...20)))
                }
            }
            // FULL: a commit is on disk (WAL fsynced) before the answer goes out, so an accepted
            // application survives a power cut, not only a crash. Submissions use group commit
            // (SubmissionStore) so one fsync covers many.
            try await apply(
                [
                    "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA temp_store = MEMORY",
                    // Deleted content is overwritten, not left in free pages (retention, GDPR Art. 17).
                    "PRAGMA secure_delete = ON",
                ], on: writer)
            var readers: [SQLiteConnection] = []
            for _ in 0..<readerCount {
                let reader = try await connect(.file(path: path))
                opened.append(reader)
                try await apply(
                    ["PRAGMA busy_timeout = 5000", "PRAGMA query_only = ON", "PRAGMA foreign_keys = ON"], on: reader)
                readers.append(reader)
            }
            return SQLiteBackend(writer: writer, readers: readers, logger: logger, threadPool: threadPool)
        } catch {
            for connection in opened { try? await connection.close() }
            try? await threadPool.shutdownGracefully()
            throw error
        }
    }

    private static func apply(_ pragmas: [String], on connection: SQLiteConnection) async throws {
        for pragma in pragmas { _ = try await connection.query(pragma) }
    }

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], logger: Logger, threadPool: NIOThreadPool) {
        self.writer = writer
        self.readers = readers
        self.logger = logger
        self.threadPool = threadPool
    }

    func read<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        inUse.add(1, ordering: .relaxed)
        defer { inUse.subtract(1, ordering: .relaxed) }
        if readers.isEmpty { return try await exclusive(body) }
        let index = nextReader.add(1, ordering: .relaxed).newValue % readers.count
        return try await body(readers[index].sql(queryLogLevel: .trace))
    }

    func readText(_ query: SQLQueryString) async throws -> [[String?]] {
        if readers.isEmpty {
            return try await exclusive { db in try await Self.readText(query, on: db, connection: self.writer) }
        }
        inUse.add(1, ordering: .relaxed)
        defer { inUse.subtract(1, ordering: .relaxed) }
        let index = nextReader.add(1, ordering: .relaxed).newValue % readers.count
        let connection = readers[index]
        return try await Self.readText(query, on: connection.sql(queryLogLevel: .trace), connection: connection)
    }

    private static func readText(_ query: SQLQueryString, on db: any SQLDatabase, connection: SQLiteConnection)
        async throws -> [[String?]]
    {
        let serialized = SerializedQuery(query, on: db)
        let binds: [SQLiteData] = try serialized.binds.map { bind in
            switch bind {
            case nil: .null
            case let value as String: .text(value)
            case let value as Int: .integer(value)
            case let value as Bool: .integer(value ? 1 : 0)
            case let value?: throw SerializedQuery.unsupported(value)
            }
        }
        return try await connection.query(serialized.sql, binds).map { row in row.columns.map { $0.data.string } }
    }

    func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        inUse.add(1, ordering: .relaxed)
        defer { inUse.subtract(1, ordering: .relaxed) }
        await writeLock.lock()
        do {
            let db = writer.sql(queryLogLevel: .trace)
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                await writeLock.unlock()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        } catch {
            await writeLock.unlock()
            throw error
        }
    }

    func exclusive<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        await writeLock.lock()
        do {
            let result = try await body(writer.sql(queryLogLevel: .trace))
            await writeLock.unlock()
            return result
        } catch {
            await writeLock.unlock()
            throw error
        }
    }

    /// One node on one file: nothing to listen for, the session cache stays off.
    func listenForSessionChanges(into cache: SessionCache) -> Task<Void, Never>? { nil }

    func close() async {
        for reader in readers { try? await reader.close() }
        try? await writer.close()
        try? await threadPool.shutdownGracefully()
    }

    deinit {
        // Safety net for a backend dropped without `close()` (an error path): closing twice is
        // harmless, a connection left open is a leaked file handle.
        for connection in readers + [writer] { _ = connection.close() }
        threadPool.shutdownGracefully { _ in }
    }

    var poolStatistics: PoolStatistics {
        PoolStatistics(connections: 1 + readers.count, inUse: inUse.load(ordering: .relaxed), waitingWriters: 0)
    }
}

/// A FIFO async mutex: waiters resume in arrival order.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !locked {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
