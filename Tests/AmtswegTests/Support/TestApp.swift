import AmtswegServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Storage
import Testing

/// Builds the real application (same function `amtsweg serve` uses) on a fresh test database and
/// runs `body` against it in process.
func withApp(
    _ backend: Backend, clock: any WallClock = SystemClock(), database given: TestDatabase? = nil,
    configure: (inout AppConfiguration) -> Void = { _ in },
    _ body: @Sendable (any TestClientProtocol, AppServices) async throws -> Void
) async throws {
    let owned = given == nil
    let test: TestDatabase
    if let given { test = given } else { test = try await TestDatabase.make(backend) }
    var configuration = AppConfiguration()
    configuration.databaseURL = test.url
    configuration.documentStorage = "database"
    configuration.runWorker = false
    configure(&configuration)
    do {
        let services = try await makeServices(configuration, clock: clock, logger: testLogger)
        do {
            let app = try await buildApplication(services, logger: testLogger)
            try await app.test(.router) { client in try await body(client, services) }
        } catch {
            // A failing test must fail, not crash: close the connections before they are dropped.
            await services.database.close()
            throw error
        }
    } catch {
        if owned { await test.drop() }
        throw error
    }
    if owned { await test.drop() }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])
    }
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    func post(_ uri: String, headers: HTTPFields = [:], body: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}
