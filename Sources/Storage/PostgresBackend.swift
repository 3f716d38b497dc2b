import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// PostgreSQL through PostgresNIO's connection pool. The pool's `run()` lives in a task owned by
/// the backend and ends when the backend is closed.
final class PostgresBackend: DatabaseBackend {
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let inUse = Atomic<Int>(0)
    private let logger: Logger
    private let maximumConnections: Int
    /// For the session-change listener, which has a connection of its own (not the pool's).
    private let listenerConfiguration: PostgresConnection.Configuration

    init(url: String, logger: Logger) throws {
        guard let components = URLComponents(string: url), let host = components.host, let user = components.user
        else { throw StorageError.invalidDatabaseURL }
        let database = components.path.isEmpty ? nil : String(components.path.dropFirst())
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        // sslmode: TLS required, preferred or off; the pool and the listener take the same choice.
        let tlsSettings: (TLSConfiguration, required: Bool)? =
            switch query["sslmode"] {
            case "require", "verify-full", "verify-ca": (.makeClientConfiguration(), true)
            case "prefer": (.makeClientConfiguration(), false)
            default: nil
            }
        let port = components.port ?? 5432
        let password = components.password?.removingPercentEncoding
        listenerConfiguration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database,
            tls: try tlsSettings.map { settings in
                let context = try NIOSSLContext(configuration: settings.0)
                return settings.required ? .require(context) : .prefer(context)
            } ?? .disable)
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database,
            tls: tlsSettings.map { $0.required ? .require($0.0) : .prefer($0.0) } ?? .disable)
        let maximum = Int(query["pool_max"] ?? "") ?? 16
        configuration.options.maximumConnections = maximum
        configuration.options.minimumConnections = 1
        // A loaded server (or a test run opening many pools at once) may take longer than the 10 s
        // default to accept a connection; waiting is better than failing the request.
        configuration.options.connectTimeout = .seconds(30)
        // Generic plans for named prepared statements, which only `readText` uses (every other
        // statement is unnamed and planned for its parameters, whatever this says). With the default
        // (`auto`) PostgreSQL kept planning the inbox query on every execution: pgbench on the
        // inbox query, 6,400/s auto against 16,500/s generic.
        configuration.options.additionalStartupParameters = [("plan_cache_mode", "force_generic_plan")]
        self.maximumConnections = maximum
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.runTask = Task { await client.run() }
    }

    func read<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        inUse.add(1, ordering: .relaxed)
        defer { inUse.subtract(1, ordering: .relaxed) }
        return try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: .trace))
        }
    }

    /// Named prepared statements per pooled connection, by SQL text: parsed and planned once per
    /// connection rather than on every request (PostgreSQL spent 4x a lookup's execution time on
    /// parsing and planning it as an unnamed statement: pgbench 7,600 vs 32,000 queries/s).
    private let prepared = Mutex<[PostgresConnection.ID: [String: PreparedQuery]]>([:])

    func readText(_ query: SQLQueryString) async throws -> [[String?]] {
        inUse.add(1, ordering: .relaxed)
        defer { inUse.subtract(1, ordering: .relaxed) }
        let prepared: [[String?]]? = try await client.withConnection { connection in
            let serialized = SerializedQuery(query, on: connection.sql(queryLogLevel: .trace))
            // Text binds only: a prepared statement's parameter types are inferred by the server
            // (an integer column gives int4), and the prepared path cannot declare them.
            guard serialized.binds.allSatisfy({ $0 == nil || $0 is String }) else { return nil }
            let binds = serialized.binds.map { ($0 as? String).map(PostgresData.init(string:)) ?? .null }
            let statement = try await self.statement(serialized.sql, on: connection)
            return try await statement.execute(binds).get().map { row in try row.map(Self.text) }
        }
        if let prepared { return prepared }
        // Other binds: an unnamed statement on the main pool, planned for its parameters.
        return try await client.withConnection { connection in
            let serialized = SerializedQuery(query, on: connection.sql(queryLogLevel: .trace))
            var bindings = PostgresBindings(capacity: serialized.binds.count)
            for bind in serialized.binds {
                switch bind {
                case nil: bindings.appendNull()
                case let value as String: bindings.append(value)
                case let value as Int: bindings.append(value)
                case let value as Bool: bindings.append(value)
                case let value?: throw SerializedQuery.unsupported(value)
                }
            }
            var result: [[String?]] = []
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: serialized.sql, binds: bindings), logger: self.logger)
            for try await row in rows { result.append(try row.map(Self.text)) }
            return result
        }
    }

    /// A cell as text. PostgresNIO asks for every result in binary format (the prepared-query path
    /// whatever the cell's format flag says): text types are UTF-8, integers big-endian, booleans
    /// one byte. Both paths of `readText` decode through here.
    static func text(_ cell: PostgresCell) throws -> String? {
        guard var bytes = cell.bytes else { return nil }
        switch cell.dataType {
        case .text, .varchar, .bpchar, .name: return String(buffer: bytes)
        case .int2: return bytes.readInteger(as: Int16.self).map { String($0) }
        case .int4: return bytes.readInteger(as: Int32.self).map { String($0) }
        case .int8: return bytes.readInteger(as: Int64.self).map { String($0) }
        case .bool: return bytes.readInteger(as: UInt8.self).map { $0 == 0 ? "0" : "1" }
        default: throw StorageError.unsupported("a column of type \(cell.dataType) in readText")
        }
    }

    private func statement(_ sql: String, on connection: PostgresConnection) async throws -> PreparedQuery {
        if let found = prepared.withLock({ $0[connection.id]?[sql] }) { return found }
        let statement = try await connection.prepare(query: sql).get()
        prepared.withLock { cache in
            // Connections the pool closed leave their entries behind; a bound keeps that small.
            if cache.values.reduce(0, { $0 + $1.count }) >= 4096 { cache.removeAll() }
            cache[connection.id, default: [:]][sql] = statement
        }
        return statement
    }

    func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        inUse.add(1, ordering: .relaxed)
        defer { inUse.subtract(1, ordering: .relaxed) }
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(connection.sql(queryLogLevel: .trace))
            }
        } catch let error as PostgresTransactionError {
            // Callers care about why the body failed (the transaction was rolled back either way).
            if let closureError = error.closureError, error.rollbackError == nil { throw closureError }
            throw error
        }
    }

    func exclusive<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await read(body)
    }

    /// Listens for session changes on a connection of its own and applies them to `cache`, which is
    /// live only while the `LISTEN` is in effect. A lost connection empties the cache; the listener
    /// connects again after a pause (0.25 s, doubling up to 5 s).
    func listenForSessionChanges(into cache: SessionCache) -> Task<Void, Never>? {
        let configuration = listenerConfiguration
        let logger = self.logger
        return Task {
            var pause: Duration = .milliseconds(250)
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(
                        configuration: configuration, id: 0, logger: logger)
                    try await withTaskCancellationHandler {
                        try await connection.listen(on: SessionCache.channel) { notifications in
                            cache.setLive(true)
                            pause = .milliseconds(250)
                            for try await notification in notifications {
                                cache.apply(notification: notification.payload)
                            }
                        }
                    } onCancel: {
                        let closing: EventLoopFuture<Void> = connection.close()
                        _ = closing
                    }
                    cache.setLive(false)
                    try? await connection.close()
                } catch {
                    cache.setLive(false)
                    if !Task.isCancelled {
                        logger.warning(
                            "session-change listener lost its connection; sessions are read from the database until it is back",
                            metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(5))
            }
            cache.setLive(false)
        }
    }

    func close() async {
        runTask.cancel()
        await runTask.value
    }

    var poolStatistics: PoolStatistics {
        PoolStatistics(connections: maximumConnections, inUse: inUse.load(ordering: .relaxed), waitingWriters: 0)
    }
}
