import Foundation
import Logging
import NIOCore
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

    init(url: String, logger: Logger) throws {
        guard let components = URLComponents(string: url), let host = components.host, let user = components.user
        else { throw StorageError.invalidDatabaseURL }
        let database = components.path.isEmpty ? nil : String(components.path.dropFirst())
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let tls: PostgresClient.Configuration.TLS =
            switch query["sslmode"] {
            case "require", "verify-full", "verify-ca": .require(.makeClientConfiguration())
            case "prefer": .prefer(.makeClientConfiguration())
            default: .disable
            }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user,
            password: components.password?.removingPercentEncoding, database: database, tls: tls)
        let maximum = Int(query["pool_max"] ?? "") ?? 16
        configuration.options.maximumConnections = maximum
        configuration.options.minimumConnections = 1
        // A loaded server (or a test run opening many pools at once) may take longer than the 10 s
        // default to accept a connection; waiting is better than failing the request.
        configuration.options.connectTimeout = .seconds(30)
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

    func close() async {
        runTask.cancel()
        await runTask.value
    }

    var poolStatistics: PoolStatistics {
        PoolStatistics(connections: maximumConnections, inUse: inUse.load(ordering: .relaxed), waitingWriters: 0)
    }
}
