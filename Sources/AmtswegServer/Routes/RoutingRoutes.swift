import Authorities
import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Routing
import Signing
import Storage
import Synchronization

/// The platform key, loaded on first use: from the configuration, else from the `settings` table,
/// else generated (RSA-4096 takes a moment, so it happens outside any transaction) and stored —
/// two nodes racing both end up with the first key written.
actor SigningKeyProvider {
    let configuredPEM: String?
    let database: Database
    let commonName: String
    private var loading: Task<PlatformKey, any Error>?

    init(configuredPEM: String?, database: Database, commonName: String) {
        self.configuredPEM = configuredPEM
        self.database = database
        self.commonName = commonName
    }

    static let settingsKey = "signing.platform-key"

    func key() async throws -> PlatformKey {
        if let loading { return try await loading.value }
        let task = Task { [configuredPEM, database, commonName] in
            if let configuredPEM { return try PlatformKey(pemBundle: configuredPEM) }
            if let stored = try await database.read({ db in try await Settings.get(Self.settingsKey, on: db) }) {
                return try PlatformKey(pemBundle: stored)
            }
            let fresh = try PlatformKey.generate(commonName: commonName).pemBundle
            return try PlatformKey(
                pemBundle: try await Settings.getOrCreate(Self.settingsKey, database: database) { fresh })
        }
        loading = task
        do {
            return try await task.value
        } catch {
            loading = nil  // a failed load is retried by the next request
            throw error
        }
    }
}

/// `GET /api/v1/routes` (FIT-Connect routing API shape) and the platform's JWK set.
struct RoutingRoutes: Sendable {
    let catalog: ServiceCatalog
    let authorities: AuthorityStore
    let finder: RouteFinderProvider
    /// Encoded answers per query and authority-data version: the answer is a pure function of
    /// both (signatures are cached per destination), so it is computed once. Bounded.
    let answers = ResponseCache(limit: 20_000)

    func register(on router: Router<AppRequestContext>) {
        router.get("/api/v1/routes", use: routes)
        for path in ["/.well-known/jwks.json", "/api/v1/jwks"] {
            router.get(RouterPath(path)) { _, _ in
                let jwks = try await finder.keys.key().jwks
                var response = try APIRoutes.encodeJSON(jwks)
                response.headers[.cacheControl] = "public, max-age=3600"
                response.headers[.contentType] = "application/jwk-set+json"
                return response
            }
        }
    }

    @Sendable func routes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let leika = query["leikaKey"].map(String.init) else {
            throw ProblemError.badRequest("leikaKey is required.", pointer: "/leikaKey")
        }
        guard leika.count == 14, leika.hasPrefix("99"), leika.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ProblemError.badRequest("leikaKey must be 14 digits starting with 99.", pointer: "/leikaKey")
        }
        if query["areaId"] != nil {
            throw ProblemError.badRequest("areaId is not supported here; give ars or ags.", pointer: "/areaId")
        }
        let ars = query["ars"].map(String.init)
        let ags = query["ags"].map(String.init)
        let area: RouteFinder.Area
        switch (ars, ags) {
        case (let ars?, nil):
            guard [2, 3, 5, 9, 12].contains(ars.count), ars.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ProblemError.badRequest("ars must have 2, 3, 5, 9 or 12 digits.", pointer: "/ars")
            }
            area = .ars(ars)
        case (nil, let ags?):
            guard [2, 3, 5, 8].contains(ags.count), ags.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw ProblemError.badRequest("ags must have 2, 3, 5 or 8 digits.", pointer: "/ags")
            }
            area = .ags(ags)
        default:
            throw ProblemError.badRequest("Give exactly one area: ars or ags.", pointer: ars == nil ? "/ars" : "/ags")
        }
        let offset = try Self.integer(query["offset"], name: "offset", default: 0, range: 0...Int(Int32.max))
        let limit = try Self.integer(query["limit"], name: "limit", default: 100, range: 1...500)
        let (all, version) = try await authorities.allVersioned()
        let key = "\(version)|\(leika)|\(area)|\(offset)|\(limit)"
        if let cached = answers.get(key) {
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: cached))
        }
        let result = try await finder.finder().result(
            leika: leika, area: area, authorities: all, offset: offset, limit: limit)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = ByteBuffer(bytes: try encoder.encode(result))
        answers.set(key, body)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }

    static func integer(_ raw: Substring?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw else { return value }
        guard let n = Int(raw), range.contains(n) else {
            throw ProblemError.badRequest(
                "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound).", pointer: "/\(name)")
        }
        return n
    }
}

/// The route finder, built when the signing key is first needed.
actor RouteFinderProvider {
    let keys: SigningKeyProvider
    let catalog: ServiceCatalog
    let issuer: String
    let submissionHost: String
    private var built: RouteFinder?

    init(keys: SigningKeyProvider, catalog: ServiceCatalog, issuer: String, submissionHost: String) {
        self.keys = keys
        self.catalog = catalog
        self.issuer = issuer
        self.submissionHost = submissionHost
    }

    func finder() async throws -> RouteFinder {
        if let built { return built }
        let key = try await keys.key()
        if let built { return built }
        let finder = RouteFinder(
            catalog: catalog, regions: .thuringia, key: key, issuer: issuer, submissionHost: submissionHost)
        built = finder
        return finder
    }
}

/// A bounded, thread-safe map from a key to an encoded answer.
final class ResponseCache: Sendable {
    private let entries = Mutex<[String: ByteBuffer]>([:])
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func get(_ key: String) -> ByteBuffer? { entries.withLock { $0[key] } }

    func set(_ key: String, _ value: ByteBuffer) {
        entries.withLock { map in
            if map.count >= limit { map.removeAll(keepingCapacity: true) }
            map[key] = value
        }
    }
}
