import Authorities
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Regions
import SQLKit
import Storage

/// The JSON API under `/api/v1`, described by `openapi.json` (see ``OpenAPIDocument``).
struct APIRoutes: Sendable {
    let regions: RegionDirectory
    let authorities: AuthorityStore
    let database: Database
    let rateLimiter: RateLimiter
    let idempotency: IdempotencyStore
    let clock: any WallClock
    let rateLimit: RateLimit

    static let maxLimit = 100
    static let defaultLimit = 20

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        api.get("regions", use: listRegions)
        api.get("regions/:ars", use: region)
        api.get("authorities", use: listAuthorities)
        api.get("authorities/:id", use: authority)
        api.post("barrier-reports", use: createBarrierReport)
    }

    // MARK: Regions

    struct RegionRefJSON: Codable, Equatable {
        var ars: String
        var name: String
        var type: String
    }

    struct RegionJSON: Codable, Equatable {
        var ars: String
        var ags: String
        var name: String
        var officialName: String
        var type: String
        var postcodes: [String]
        var population: Int
        var kreis: RegionRefJSON
        var verband: RegionRefJSON?
    }

    struct RegionDetailJSON: Codable {
        var region: RegionJSON
        var containment: [RegionRefJSON]
        var authorities: [AuthorityJSON]
    }

    struct Page<Item: Codable>: Codable {
        var items: [Item]
        var nextCursor: String?
    }

    func json(_ m: Municipality) -> RegionJSON {
        let kreis = regions.kreis(key: m.kreisKey)
        let verband =
            m.administration == .verbandsfrei
            ? nil
            : regions.verband(ars: m.verbandARS).map {
                RegionRefJSON(
                    ars: $0.ars, name: $0.name,
                    type: ($0.administration == .erfuellendeGemeinde
                        ? RegionType.erfuellendeGemeinde : .verwaltungsgemeinschaft).rawValue)
            }
        return RegionJSON(
            ars: m.ars, ags: m.ags, name: m.name, officialName: m.officialName, type: RegionType.gemeinde.rawValue,
            postcodes: m.postcodes, population: m.population,
            kreis: RegionRefJSON(ars: m.kreisKey, name: kreis?.name ?? "", type: (kreis?.type ?? .landkreis).rawValue),
            verband: verband)
    }

    @Sendable func listRegions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let limit = try Self.limit(request)
        let q = request.uri.queryParameters["q"].map(String.init)
        if let q, q.count > PageRoutes.maxQueryLength {
            throw ProblemError.badRequest("q must be at most \(PageRoutes.maxQueryLength) characters.", pointer: "/q")
        }
        let cursor = try Cursor.decode(request.uri.queryParameters["cursor"].map(String.init))
        let query = q?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if query.isEmpty {
            // All municipalities in key order, keyset-paginated by ARS.
            let after = cursor?.after ?? ""
            let page = regions.municipalities.filter { $0.ars > after }.sorted { $0.ars < $1.ars }.prefix(limit + 1)
            let items = Array(page.prefix(limit))
            let next = page.count > limit ? Cursor(after: items.last?.ars, offset: nil).encoded : nil
            return try Self.encodeJSON(Page(items: items.map(json), nextCursor: next))
        }
        // Ranked search results: the cursor carries the position in the ranking.
        let offset = cursor?.offset ?? 0
        let results = regions.search(query, limit: offset + limit + 1)
        let items = Array(results.dropFirst(offset).prefix(limit))
        let next = results.count > offset + limit ? Cursor(after: nil, offset: offset + limit).encoded : nil
        return try Self.encodeJSON(Page(items: items.map(json), nextCursor: next))
    }

    @Sendable func region(_ request: Request, context: AppRequestContext) async throws -> Response {
        let m = try requireMunicipality(ars: context.parameters.get("ars") ?? "", in: regions)
        let chain = regions.containment(of: m).map { RegionRefJSON(ars: $0.ars, name: $0.name, type: $0.type.rawValue) }
        let responsible = try await authorities.chain(for: m.ars).map(AuthorityJSON.init)
        return try Self.encodeJSON(RegionDetailJSON(region: json(m), containment: chain, authorities: responsible))
    }

    // MARK: Authorities

    struct AuthorityJSON: Codable {
        var id: String
        var name: String
        var level: String
        var servedArs: String
        var address: AddressJSON
        var contact: ContactJSON
        var openingHours: [String]

        struct AddressJSON: Codable {
            var street: String?
            var postcode: String
            var locality: String
        }

        struct ContactJSON: Codable {
            var phone: String?
            var email: String?
            var website: String?
        }

        init(_ a: Authority) {
            id = a.id
            name = a.name
            level = a.level.rawValue
            servedArs = a.servedARS
            address = AddressJSON(street: a.address.street, postcode: a.address.postcode, locality: a.address.locality)
            contact = ContactJSON(phone: a.contact.phone, email: a.contact.email, website: a.contact.website)
            openingHours = a.openingHours
        }
    }

    @Sendable func listAuthorities(_ request: Request, context: AppRequestContext) async throws -> Response {
        let limit = try Self.limit(request)
        let cursor = try Cursor.decode(request.uri.queryParameters["cursor"].map(String.init))
        var all = try await authorities.all()
        if let ars = request.uri.queryParameters["ars"].map(String.init) {
            _ = try requireMunicipality(ars: ars, in: regions)
            all = all.filter { $0.serves(ars) }
        }
        let after = cursor?.after ?? ""
        let page = all.filter { $0.id > after }.sorted { $0.id < $1.id }.prefix(limit + 1)
        let items = Array(page.prefix(limit))
        let next = page.count > limit ? Cursor(after: items.last?.id, offset: nil).encoded : nil
        return try Self.encodeJSON(Page(items: items.map(AuthorityJSON.init), nextCursor: next))
    }

    @Sendable func authority(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard !id.isEmpty, id.count <= 64, id.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" })
        else {
            throw ProblemError.badRequest("id must be 1–64 characters of a–z, 0–9 and '-'.", pointer: "/id")
        }
        guard let a = try await authorities.authority(id: id) else {
            throw ProblemError.notFound("No authority with id \(id).")
        }
        return try Self.encodeJSON(AuthorityJSON(a))
    }

    // MARK: Barrier reports

    struct BarrierReportCreated: Codable {
        var id: String
        var createdAt: String
        var deleteAfter: String
    }

    @Sendable func createBarrierReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await enforceRateLimit(
            rateLimiter, bucket: "api:barrier:\(context.remoteAddress ?? "unknown")", limit: rateLimit.limit,
            window: rateLimit.window)
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ProblemError(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send application/json.")
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let key = request.headers[.idempotencyKey]
        if let key, key.isEmpty || key.count > 128 {
            throw ProblemError.badRequest("Idempotency-Key must be 1–128 characters.", pointer: "/Idempotency-Key")
        }
        let requestHash = Hex.encode(SHA256.hash(data: Data(buffer: body)))
        let scope = "barrier-reports"
        if let key, let stored = try await idempotency.lookup(scope: scope, key: key) {
            guard stored.requestHash == requestHash else {
                throw ProblemError(
                    .unprocessableContent, "idempotency-key-reused", "Idempotency key reused",
                    detail: "This Idempotency-Key was used with a different request body.")
            }
            return Response(
                status: HTTPResponse.Status(code: stored.status), headers: [.contentType: stored.contentType],
                body: .init(byteBuffer: ByteBuffer(string: stored.body)))
        }
        let input: BarrierReportInput
        do {
            input = try JSONDecoder().decode(BarrierReportInput.self, from: Data(buffer: body))
        } catch {
            throw ProblemError(
                .badRequest, "malformed-json", "Malformed JSON",
                detail: "The body is not a valid barrier report object.")
        }
        let invalid = input.validate()
        if !invalid.isEmpty {
            throw ProblemError(
                .unprocessableContent, "validation", "Validation failed", detail: "Some fields are invalid.",
                errors: invalid.map { field in
                    let detail =
                        switch field {
                        case "page": "at most 500 characters"
                        case "contactEmail": "not a valid e-mail address"
                        default: "required, at most 5000 characters with at least one visible character"
                        }
                    return Problem.FieldError(pointer: "/\(field)", detail: detail)
                })
        }
        let idempotency = self.idempotency
        let stored = try await input.store(database: database, clock: clock) { stored, db in
            guard let key else { return }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let body = String(
                decoding: try encoder.encode(
                    BarrierReportCreated(id: stored.id, createdAt: stored.createdAt, deleteAfter: stored.deleteAfter)),
                as: UTF8.self)
            try await idempotency.record(
                scope: scope, key: key,
                IdempotencyStore.Stored(
                    requestHash: requestHash, status: 201, contentType: "application/json", body: body), on: db)
        }
        var response = try Self.encodeJSON(
            BarrierReportCreated(id: stored.id, createdAt: stored.createdAt, deleteAfter: stored.deleteAfter))
        response.status = .created
        return response
    }

    // MARK: Helpers

    static func limit(_ request: Request) throws -> Int {
        guard let raw = request.uri.queryParameters["limit"] else { return defaultLimit }
        guard let value = Int(String(raw)), (1...maxLimit).contains(value) else {
            throw ProblemError.badRequest("limit must be an integer from 1 to \(maxLimit).", pointer: "/limit")
        }
        return value
    }

    static func encodeJSON<T: Encodable>(_ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// An opaque pagination cursor: base64url of a small JSON object.
struct Cursor: Codable {
    var after: String?
    var offset: Int?

    var encoded: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        )
        .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ raw: String?) throws -> Cursor? {
        guard let raw else { return nil }
        var base64 = raw.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard raw.count <= 200, let data = Data(base64Encoded: base64),
            let cursor = try? JSONDecoder().decode(Cursor.self, from: data),
            (cursor.offset ?? 0) >= 0, (cursor.offset ?? 0) <= 10_000, (cursor.after?.count ?? 0) <= 64
        else {
            throw ProblemError.badRequest("cursor is not a cursor this API returned.", pointer: "/cursor")
        }
        return cursor
    }
}

/// The municipality with this 12-digit ARS: 400 for a malformed key, 404 for an unknown one.
func requireMunicipality(ars: String, in regions: RegionDirectory) throws -> Municipality {
    guard ars.count == 12, ars.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        throw ProblemError.badRequest("ars must be a 12-digit Amtlicher Regionalschlüssel.", pointer: "/ars")
    }
    guard let m = regions.municipality(ars: ars) else {
        throw ProblemError.notFound("No municipality in Thuringia has the ARS \(ars).")
    }
    return m
}
