import Applications
import Catalog
import Crypto
import Forms
import Foundation
import HTTPTypes
import Hummingbird
import JWTKit
import Regions
import Routing
import Storage
import Synchronization

/// The open submission API: third-party software authenticates with OAuth 2.0 client credentials,
/// submits application data with FIT-Connect-shaped metadata to a `destinationId` from the routing
/// API, and reads the status of what it submitted. Every invalid input gets a problem document
/// with a JSON pointer to the offending part; an `Idempotency-Key` makes retries safe.
struct SubmissionAPIRoutes: Sendable {
    let forms: FormRegistry
    let clients: APIClientStore
    let intake: SubmissionIntake
    let submissions: SubmissionStore
    let documents: DocumentStore
    let regions: RegionDirectory
    let tokens: APITokens
    let rateLimiter: RateLimiter
    let tokenRateLimit: RateLimit
    let submissionLimiter: LocalRateLimiter
    /// Whether a client is still enabled, remembered for a few seconds (a disabled client loses
    /// access within `ActiveClients.ttl`, its tokens within their lifetime anyway).
    let activeClients = ActiveClients()
    let baseURL: String

    static let maxBody = 2 * 1024 * 1024
    static let maxAttachment = 10 * 1024 * 1024

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.post("oauth/token", use: token)
        api.get("forms", use: listForms)
        api.get("forms/:id/:version/schema.json", use: schema)
        api.post("attachments", use: uploadAttachment)
        api.post("submissions", use: create)
        api.get("submissions/:id", use: read)
    }

    // MARK: OAuth 2.0 client credentials (RFC 6749 § 4.4)

    struct TokenResponse: ResponseEncodable {
        var access_token: String
        var token_type = "Bearer"
        var expires_in: Int
        var scope: String
    }

    /// OAuth errors use the RFC 6749 § 5.2 shape (clients expect it), not problem documents.
    func oauthError(_ status: HTTPResponse.Status, _ error: String, _ description: String) -> Response {
        let body = #"{"error":"\#(error)","error_description":"\#(description)"}"#
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Basic realm=\"amtsweg\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    @Sendable func token(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await enforceRateLimit(
            rateLimiter, bucket: "token:\(context.remoteAddress ?? "unknown")", limit: tokenRateLimit.limit,
            window: tokenRateLimit.window)
        let form = parseForm(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        guard form["grant_type"] == "client_credentials" else {
            return oauthError(.badRequest, "unsupported_grant_type", "Only client_credentials is supported.")
        }
        var id = form["client_id"]
        var secret = form["client_secret"]
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
            let colon = decoded.firstIndex(of: ":")
        {
            id = String(decoded[..<colon]).removingPercentEncoding
            secret = String(decoded[decoded.index(after: colon)...]).removingPercentEncoding
        }
        guard let id, let secret, let client = try await clients.authenticate(id: id, secret: secret) else {
            return oauthError(.unauthorized, "invalid_client", "Unknown client or wrong secret.")
        }
        var scopes = client.scopes
        if let asked = form["scope"], !asked.isEmpty {
            let requested = Set(asked.split(separator: " ").map(String.init))
            guard requested.isSubset(of: client.scopes) else {
                return oauthError(.badRequest, "invalid_scope", "The client may not have these scopes.")
            }
            scopes = requested
        }
        let (token, lifetime) = try await tokens.issue(client: client, scopes: scopes)
        var response = try TokenResponse(
            access_token: token, expires_in: lifetime, scope: scopes.sorted().joined(separator: " ")
        ).response(from: request, context: context)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The client behind the bearer token, with the scope checked.
    func authorise(_ request: Request, scope: String) async throws -> APITokens.Claims {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            var error = ProblemError(
                .unauthorized, "unauthorized", "Authentication required",
                detail: "Send an access token from /api/v1/oauth/token as `Authorization: Bearer …`.")
            error.headers[.wwwAuthenticate] = "Bearer realm=\"amtsweg\""
            throw error
        }
        guard let claims = await tokens.verify(String(header.dropFirst(7))),
            try await activeClients.isActive(claims.sub.value, clients: clients)
        else {
            var error = ProblemError(
                .unauthorized, "invalid-token", "Invalid access token",
                detail: "The token is expired, malformed or its client was disabled.")
            error.headers[.wwwAuthenticate] = "Bearer realm=\"amtsweg\", error=\"invalid_token\""
            throw error
        }
        guard claims.scopes.contains(scope) else {
            throw ProblemError(
                .forbidden, "insufficient-scope", "Insufficient scope", detail: "This needs the scope `\(scope)`.")
        }
        return claims
    }

    // MARK: Forms and their JSON Schemas

    @Sendable func listForms(_ request: Request, context: AppRequestContext) async throws -> Response {
        let list = FormValue.array(
            forms.forms.map { form in
                .object([
                    "id": .string(form.id), "version": .string(form.version), "title": .string(form.schema.texts.label),
                    "leikaKeys": .array(form.services.map { .string($0) }),
                    "schemaUri": .string(
                        ApplicationForm.schemaURI(baseURL: baseURL, id: form.id, version: form.version)),
                ])
            })
        return json(.object(["forms": list]))
    }

    @Sendable func schema(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let version = try context.parameters.require("version")
        guard let form = forms.form(id: id), form.version == version else {
            throw ProblemError.notFound("No form \(id) in version \(version).")
        }
        var response = json(form.jsonSchema(baseURL: baseURL), contentType: "application/schema+json")
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }

    func json(_ value: FormValue, status: HTTPResponse.Status = .ok, contentType: String = "application/json")
        -> Response
    {
        Response(
            status: status, headers: [.contentType: contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: value.jsonData())))
    }

    // MARK: Attachments

    @Sendable func uploadAttachment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let claims = try await authorise(request, scope: "submissions:write")
        let type =
            (request.headers[.contentType] ?? "").split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? ""
        guard ApplicationRoutes.defaultMediaTypes.contains(type) else {
            throw ProblemError(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported attachment type",
                detail: "Attachments must be application/pdf, image/jpeg or image/png.")
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: Self.maxAttachment) } catch {
            throw ProblemError(
                .contentTooLarge, "payload-too-large", "Attachment too large",
                detail: "An attachment may be at most \(Self.maxAttachment / 1024 / 1024) MB.")
        }
        let data = Data(buffer: body)
        guard Multipart.sniff(data) == type else {
            throw ProblemError(
                .unprocessableContent, "attachment-type-mismatch", "Attachment content does not match its type",
                detail: "The bytes are not a valid \(type) file.")
        }
        let document: StoredDocument
        do {
            document = try await documents.store(
                data, filename: request.headers[HTTPField.Name("X-Filename")!] ?? "attachment",
                contentType: type, owner: .account("client:" + claims.sub.value))
        } catch StorageError.rejectedByScanner(let name) {
            throw ProblemError(
                .unprocessableContent, "attachment-rejected", "Attachment rejected by the virus scanner", detail: name)
        }
        let hash = Hex.encode(SHA512.hash(data: data))
        return json(
            .object([
                "attachmentId": .string(document.id), "size": .number(Decimal(document.size)),
                "hash": .object(["type": .string("sha512"), "content": .string(hash)]),
            ]), status: .created)
    }

    // MARK: Submissions

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let claims = try await authorise(request, scope: "submissions:write")
        try submissionLimiter.hit(claims.sub.value)
        let key = request.headers[HTTPField.Name("Idempotency-Key")!]
        if let key, key.isEmpty || key.utf8.count > 255 || !key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) {
            throw ProblemError.badRequest(
                "Idempotency-Key must be 1 to 255 visible ASCII characters (no spaces).", pointer: nil)
        }
        let contentType = request.headers[.contentType] ?? ""
        let mediaType = contentType.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard mediaType == "application/json" else {
            throw ProblemError(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send the submission as application/json.")
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: Self.maxBody) } catch {
            throw ProblemError(
                .contentTooLarge, "payload-too-large", "Request body too large",
                detail: "A submission may be at most \(Self.maxBody / 1024 / 1024) MB; send files as attachments.")
        }
        let bytes = Data(buffer: body)
        let envelope: FormValue
        do { envelope = try FormValue.parse(bytes) } catch {
            throw ProblemError(.badRequest, "malformed-json", "Malformed JSON", detail: "\(error)")
        }
        // The same request is the same bytes: a retry sends exactly what it sent before.
        let requestHash = Hex.encode(SHA256.hash(data: bytes))
        let scope = "client:" + claims.sub.value
        let request = try SubmissionRequest(envelope, forms: forms, regions: regions, baseURL: baseURL)
        guard claims.servicesSet.contains("*") || claims.servicesSet.contains(request.leika) else {
            throw ProblemError(
                .forbidden, "service-not-allowed", "Service not allowed for this client",
                detail: "This client may not submit applications for LeiKa \(request.leika).")
        }
        // The data: validated against the form's schema and rules; nothing the schema does not define is stored.
        let issues = request.form.validate(request.data)
        if !issues.isEmpty {
            throw ProblemError(
                .unprocessableContent, "validation-failed", "The application data is not valid",
                detail: "\(issues.count) problem(s) in `data`; see `errors`.",
                errors: issues.map { Problem.FieldError(pointer: "/data" + $0.pointer, detail: $0.messageEN) })
        }
        // File fields refer to attachments this client uploaded.
        let files = Journey(form: request.form).documents(in: request.data)
        let known = try await documents.existing(ids: files.map(\.documentID), owner: .account(scope))
        for file in files {
            guard known.contains(file.documentID) else {
                throw ProblemError(
                    .unprocessableContent, "unknown-attachment", "Unknown attachment",
                    detail: "Upload the file to /api/v1/attachments first and use its attachmentId.",
                    errors: [
                        Problem.FieldError(
                            pointer: "/data" + file.pointer, detail: "No such attachment of this client.")
                    ])
            }
        }
        let result = try await intake.accept(
            form: request.form, leika: request.leika, ars: request.ars, data: request.data, accountID: nil,
            clientID: claims.sub.value, trustLevel: nil,
            metadata: String(decoding: request.metadata.jsonData(), as: UTF8.self),
            destinationID: request.destinationID,
            idempotency: key.map { (scope, $0, requestHash) }, documents: files, canonicalData: request.canonicalData)
        switch result {
        case .noAuthority:
            throw ProblemError(
                .unprocessableContent, "no-responsible-authority", "No responsible authority",
                detail: "No authority handles this service for ARS \(request.ars).",
                errors: [Problem.FieldError(pointer: "/ars", detail: "No responsible authority.")])
        case .wrongDestination(let expected):
            throw ProblemError(
                .unprocessableContent, "wrong-destination", "Destination is not responsible",
                detail: "For this service and municipality the destination is \(expected); ask the routing API.",
                errors: [Problem.FieldError(pointer: "/destinationId", detail: "Not the responsible destination.")])
        case .keyReused:
            throw ProblemError(
                .unprocessableContent, "idempotency-key-reused", "Idempotency-Key reused",
                detail: "This Idempotency-Key was used for a different request.")
        case .accepted(let submission, let created):
            // A new submission's events are known (received, routed): no read needed.
            let events =
                created
                ? [
                    SubmissionStore.Event(seq: 1, at: submission.submittedAt, kind: "received", detail: ""),
                    SubmissionStore.Event(
                        seq: 2, at: submission.submittedAt, kind: "routed", detail: submission.authorityId),
                ] : nil
            var response = json(try await status(of: submission, events: events), status: .created)
            response.headers[.location] = "/api/v1/submissions/\(submission.id)"
            if !created { response.headers[HTTPField.Name("Idempotent-Replayed")!] = "true" }
            return response
        }
    }

    func status(of submission: SubmissionStore.Submission, events known: [SubmissionStore.Event]? = nil)
        async throws -> FormValue
    {
        let events: [SubmissionStore.Event]
        if let known { events = known } else { events = try await submissions.events(of: submission.id) }
        return .object([
            "submissionId": .string(submission.id), "reference": .string(submission.reference),
            "status": .string(events.last?.kind ?? "received"), "submittedAt": .string(submission.submittedAt),
            "leikaKey": .string(submission.leika), "ars": .string(submission.ars),
            "destinationId": .string(
                RouteFinder.destinationID(authorityID: submission.authorityId)),
            "contentHash": .object(["type": .string("sha256"), "content": .string(submission.contentHash)]),
            "events": .array(
                events.map {
                    .object([
                        "seq": .number(Decimal($0.seq)), "at": .string($0.at), "kind": .string($0.kind),
                        "detail": .string($0.detail),
                    ])
                }),
        ])
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        let claims = try await authorise(request, scope: "submissions:read")
        let id = try context.parameters.require("id")
        // A client sees only what it submitted.
        guard let submission = try await submissions.find(id: id), submission.clientId == claims.sub.value else {
            throw ProblemError.notFound("No submission \(id) of this client.")
        }
        return json(try await status(of: submission))
    }
}

/// The parts of a submission request, each checked with a pointer to what is wrong.
struct SubmissionRequest {
    var destinationID: String
    var ars: String
    var leika: String
    var form: ApplicationForm
    var metadata: FormValue
    var data: FormValue
    /// The data as stored: canonical JSON (sorted keys, no whitespace).
    var canonicalData: String

    static func invalid(_ pointer: String, _ detail: String) -> ProblemError {
        ProblemError(
            .unprocessableContent, "invalid-submission", "The submission is not valid", detail: detail,
            errors: [Problem.FieldError(pointer: pointer, detail: detail)])
    }

    init(_ envelope: FormValue, forms: FormRegistry, regions: RegionDirectory, baseURL: String) throws {
        guard case .object(let top) = envelope else { throw Self.invalid("", "The body must be a JSON object.") }
        for key in top.keys.sorted() where !["destinationId", "ars", "metadata", "data"].contains(key) {
            throw Self.invalid("/\(key)", "Unknown member `\(key)`.")
        }
        guard case .string(let destination)? = top["destinationId"], UUID(uuidString: destination) != nil else {
            throw Self.invalid("/destinationId", "destinationId must be the UUID from the routing API.")
        }
        guard case .string(let ars)? = top["ars"], ars.count == 12, ars.allSatisfy(\.isASCII),
            ars.allSatisfy(\.isNumber),
            regions.municipality(ars: ars) != nil
        else {
            throw Self.invalid("/ars", "ars must be the 12-digit key of a municipality in Thuringia.")
        }
        guard case .object(let metadata)? = top["metadata"] else {
            throw Self.invalid("/metadata", "metadata (FIT-Connect metadata 1.0.0) is required.")
        }
        guard case .object(let service)? = metadata["publicServiceType"],
            case .string(let identifier)? = service["identifier"]
        else {
            throw Self.invalid("/metadata/publicServiceType/identifier", "publicServiceType.identifier is required.")
        }
        let prefix = "urn:de:fim:leika:leistung:"
        let leika = identifier.hasPrefix(prefix) ? String(identifier.dropFirst(prefix.count)) : ""
        guard leika.count == 14, leika.allSatisfy(\.isNumber), let form = forms.form(forService: leika) else {
            throw Self.invalid(
                "/metadata/publicServiceType/identifier",
                "identifier must be urn:de:fim:leika:leistung:<LeiKa key> of a service with an online form.")
        }
        guard case .object(let structure)? = metadata["contentStructure"] else {
            throw Self.invalid("/metadata/contentStructure", "contentStructure is required.")
        }
        guard case .array = structure["attachments"] else {
            throw Self.invalid("/metadata/contentStructure/attachments", "attachments must be an array (may be empty).")
        }
        guard case .object(let dataInfo)? = structure["data"],
            case .object(let schemaInfo)? = dataInfo["submissionSchema"],
            case .string(let schemaURI)? = schemaInfo["schemaUri"]
        else {
            throw Self.invalid(
                "/metadata/contentStructure/data/submissionSchema/schemaUri",
                "contentStructure.data.submissionSchema.schemaUri is required.")
        }
        let expected = ApplicationForm.schemaURI(baseURL: baseURL, id: form.id, version: form.version)
        guard schemaURI == expected || schemaURI.hasSuffix("/api/v1/forms/\(form.id)/\(form.version)/schema.json")
        else {
            throw Self.invalid(
                "/metadata/contentStructure/data/submissionSchema/schemaUri",
                "This service's data schema is \(expected).")
        }
        guard case .object(let data)? = top["data"] else { throw Self.invalid("/data", "data must be a JSON object.") }
        // The canonical bytes of the data, once: hashed here and stored as they are.
        let canonical = FormValue.object(data).jsonData()
        if case .object(let hash)? = dataInfo["hash"] {
            guard case .string("sha512")? = hash["type"], case .string(let content)? = hash["content"] else {
                throw Self.invalid("/metadata/contentStructure/data/hash", "hash must be {type: sha512, content}.")
            }
            let actual = Hex.encode(SHA512.hash(data: canonical))
            guard content.lowercased() == actual else {
                throw Self.invalid(
                    "/metadata/contentStructure/data/hash/content",
                    "The SHA-512 of the canonical data (sorted keys, no whitespace) is \(actual).")
            }
        } else {
            throw Self.invalid("/metadata/contentStructure/data/hash", "hash is required.")
        }
        self.destinationID = destination
        self.ars = ars
        self.leika = leika
        self.form = form
        self.metadata = .object(metadata)
        self.data = .object(data)
        self.canonicalData = String(decoding: canonical, as: UTF8.self)
    }
}

/// Short-lived access tokens (JWT, HS256 under a platform secret shared by all nodes).
actor APITokens {
    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var aud: AudienceClaim
        var scope: String
        var services: String
        var scopes: Set<String> { Set(scope.split(separator: " ").map(String.init)) }
        var servicesSet: Set<String> { Set(services.split(separator: " ").map(String.init)) }

        func verify(using algorithm: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
            try aud.verifyIntendedAudience(includes: APITokens.audience)
        }
    }

    static let audience = "amtsweg-api"
    static let lifetime = 900
    let keys: JWTKeyCollection

    init(secret: String) async {
        keys = await JWTKeyCollection().add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
    }

    func issue(client: APIClientStore.Client, scopes: Set<String>) async throws -> (String, Int) {
        let now = Date()
        let claims = Claims(
            sub: SubjectClaim(value: client.id),
            exp: ExpirationClaim(value: now.addingTimeInterval(Double(Self.lifetime))),
            iat: IssuedAtClaim(value: now), aud: AudienceClaim(value: [Self.audience]),
            scope: scopes.sorted().joined(separator: " "), services: client.services.sorted().joined(separator: " "))
        return (try await keys.sign(claims), Self.lifetime)
    }

    func verify(_ token: String) async -> Claims? {
        try? await keys.verify(token, as: Claims.self)
    }
}

/// A fixed-window counter per key, in this node's memory: for hot paths where a database write
/// per request would cost more than the work itself. Several nodes each count on their own.
final class LocalRateLimiter: Sendable {
    private let state = Mutex<[String: (window: Int, hits: Int)]>([:])
    let limit: RateLimit

    init(_ limit: RateLimit) { self.limit = limit }

    /// Counts a hit; throws a 429 problem when over the limit.
    func hit(_ key: String, now: Date = Date()) throws {
        let epoch = Int(now.timeIntervalSince1970)
        let window = epoch - epoch % limit.window
        let hits = state.withLock { table -> Int in
            if table.count > 10_000 { table = table.filter { $0.value.window == window } }
            let current = table[key].flatMap { $0.window == window ? $0.hits : nil } ?? 0
            table[key] = (window, current + 1)
            return current + 1
        }
        guard hits <= limit.limit else {
            var error = ProblemError(
                .tooManyRequests, "rate-limited", "Too many requests",
                detail: "Try again in \(window + limit.window - epoch) seconds.")
            error.headers[.retryAfter] = String(window + limit.window - epoch)
            throw error
        }
    }
}

/// A short-lived memory of enabled API clients, per node.
final class ActiveClients: Sendable {
    static let ttl: TimeInterval = 10
    private let checked = Mutex<[String: Date]>([:])

    func isActive(_ id: String, clients: APIClientStore, now: Date = Date()) async throws -> Bool {
        if let at = checked.withLock({ $0[id] }), now.timeIntervalSince(at) < Self.ttl { return true }
        guard try await clients.isActive(id: id) else {
            _ = checked.withLock { $0.removeValue(forKey: id) }
            return false
        }
        checked.withLock { table in
            if table.count > 10_000 { table.removeAll() }
            table[id] = now
        }
        return true
    }
}
