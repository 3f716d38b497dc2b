import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import Synchronization

/// Which SQL engine a ``Database`` talks to. The same code and migrations run on both; the few
/// places that differ (row locking, blob type) ask for the kind.
public enum DatabaseKind: String, Sendable {
    case sqlite
    case postgres
}

/// Where the database is: parsed from `sqlite:PATH`, `sqlite::memory:`, a plain file path, or a
/// `postgres://user:pass@host:port/db` URL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(url: String)

    public init(_ string: String) throws {
        if string.hasPrefix("postgres://") || string.hasPrefix("postgresql://") {
            self = .postgres(url: string)
        } else if string == ":memory:" || string == "sqlite::memory:" {
            self = .sqliteMemory
        } else if string.hasPrefix("sqlite://") {
            self = .sqliteFile(String(string.dropFirst("sqlite://".count)))
        } else if string.hasPrefix("sqlite:") {
            self = .sqliteFile(String(string.dropFirst("sqlite:".count)))
        } else if !string.contains("://") && !string.isEmpty {
            self = .sqliteFile(string)
        } else {
            throw StorageError.invalidDatabaseURL
        }
    }

    public var kind: DatabaseKind {
        if case .postgres = self { return .postgres }
        return .sqlite
    }

    /// Printable without the password.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "sqlite:\(path)"
        case .sqliteMemory: "sqlite::memory:"
        case .postgres(let url):
            if let components = URLComponents(string: url) {
                "postgres://\(components.user ?? "")@\(components.host ?? ""):\(components.port ?? 5432)\(components.path)"
            } else {
                "postgres://…"
            }
        }
    }
}

public enum StorageError: Error, Equatable, CustomStringConvertible {
    case invalidDatabaseURL
    case missingTenantScope(table: String)
    case wrongScope(table: String)
    case notFound
    case leaseLost(jobID: String)
    case rejectedByScanner(String)
    case integrityFailure(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .invalidDatabaseURL: "invalid database URL (expected sqlite:PATH, :memory: or postgres://…)"
        case .missingTenantScope(let table): "query on authority-owned table \(table) without an authority scope"
        case .wrongScope(let table): "query on \(table) with a scope of the wrong kind"
        case .notFound: "not found"
        case .leaseLost(let id): "lease on job \(id) was lost"
        case .rejectedByScanner(let reason): "rejected by virus scanner: \(reason)"
        case .integrityFailure(let reason): "integrity check failed: \(reason)"
        case .unsupported(let what): "unsupported: \(what)"
        }
    }
}

/// The one way Amtsweg reaches its database. `read` runs on a pooled connection; `transaction`
/// runs its body in one transaction (serialised through a single writer on SQLite, pooled on
/// PostgreSQL) and commits only if the body returns.
public final class Database: Sendable {
    public let kind: DatabaseKind
    public let location: DatabaseLocation
    let backend: any DatabaseBackend

    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> Database {
        let backend: any DatabaseBackend =
            switch location {
            case .sqliteFile(let path): try await SQLiteBackend.open(path: path, logger: logger)
            case .sqliteMemory: try await SQLiteBackend.open(path: nil, logger: logger)
            case .postgres(let url): try PostgresBackend(url: url, logger: logger)
            }
        return Database(kind: location.kind, location: location, backend: backend)
    }

    init(kind: DatabaseKind, location: DatabaseLocation, backend: any DatabaseBackend) {
        self.kind = kind
        self.location = location
        self.backend = backend
    }

    public func read<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await backend.read(body)
    }

    public func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await backend.transaction(body)
    }

    /// A read whose cells all come back as text (NULL as nil), in SELECT order — for hot list
    /// queries (the clerk inbox, the session): the drivers' own row access, without SQLKit's
    /// generic per-cell decoding, which was a tenth of an inbox page's CPU on PostgreSQL.
    /// Integers come back as their decimal text. Binds: text, integers, booleans, nil.
    public func readText(_ query: SQLQueryString) async throws -> [[String?]] {
        try await backend.readText(query)
    }

    /// Runs `body` on the writing connection outside a transaction, with writers held off —
    /// for statements that refuse to run inside one (`VACUUM INTO`).
    public func exclusive<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await backend.exclusive(body)
    }

    /// Whether the database answers (for `/readyz`).
    public func ping() async -> Bool {
        do {
            return try await read { db in
                try await db.raw("SELECT 1 AS ok").first(decodingColumn: "ok", as: Int.self) == 1
            }
        } catch {
            return false
        }
    }

    /// Sessions this node validated recently (see `SessionCache`). The first call starts the
    /// listener that keeps it true; on SQLite the cache is never live.
    public var sessionCache: SessionCache {
        listener.withLock { state in
            if case .notStarted = state { state = .running(backend.listenForSessionChanges(into: sessions)) }
        }
        return sessions
    }
    /// The same cache without starting the listener: for evicting, which a process that only
    /// writes (the CLI changing roles) does without ever reading sessions.
    var cachedSessions: SessionCache { sessions }
    private let sessions = SessionCache()
    private enum Listener { case notStarted, running(Task<Void, Never>?), closed }
    private let listener = Mutex<Listener>(.notStarted)

    public func close() async {
        let task = listener.withLock { state -> Task<Void, Never>? in
            defer { state = .closed }
            if case .running(let task) = state { return task }
            return nil
        }
        task?.cancel()
        await task?.value
        await backend.close()
    }

    /// Pool figures for `/metrics`.
    public var poolStatistics: PoolStatistics { backend.poolStatistics }
}

public struct PoolStatistics: Sendable {
    public var connections: Int
    public var inUse: Int
    public var waitingWriters: Int
}

protocol DatabaseBackend: Sendable {
    func read<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    func readText(_ query: SQLQueryString) async throws -> [[String?]]
    func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    func exclusive<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    func close() async
    var poolStatistics: PoolStatistics { get }
    /// Starts applying session changes from other nodes to `cache`; nil where there are none (SQLite).
    func listenForSessionChanges(into cache: SessionCache) -> Task<Void, Never>?
}

/// SQL and binds of a query in a backend's dialect, for the drivers' own query functions.
struct SerializedQuery {
    var sql: String
    var binds: [(any Encodable & Sendable)?]

    init(_ query: SQLQueryString, on db: any SQLDatabase) {
        var serializer = SQLSerializer(database: db)
        query.serialize(to: &serializer)
        sql = serializer.sql
        binds = serializer.binds.map { bind in
            if let optional = bind as? any OptionalBind, optional.isNil { return nil }
            return bind
        }
    }

    static func unsupported(_ bind: any Encodable) -> any Error {
        StorageError.unsupported("a bind of type \(type(of: bind)) in readText")
    }
}

/// Lets a bound `Optional.none` be told apart from a value.
protocol OptionalBind { var isNil: Bool { get } }
extension Optional: OptionalBind {
    var isNil: Bool { self == nil }
}
