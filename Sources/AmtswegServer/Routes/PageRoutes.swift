import Authorities
import Foundation
import HTTPTypes
import Hummingbird
import Regions
import SQLKit
import Storage
import Texts

/// The server-rendered pages. Every page works without JavaScript.
struct PageRoutes: Sendable {
    let regions: RegionDirectory
    let authorities: AuthorityStore
    let views: Views
    let csrf: CSRF
    let database: Database
    let rateLimiter: RateLimiter
    let clock: any WallClock
    let rateLimit: RateLimit

    /// Barrier reports are kept one year (privacy notice), then deleted by the retention job.
    static let barrierReportRetention: TimeInterval = 365 * 86_400
    static let maxQueryLength = 100
    /// The twelve largest municipalities, for the start page.
    static let popular: [[String: String]] = RegionDirectory.thuringia.municipalities
        .sorted { $0.population > $1.population }.prefix(12).map { ["ars": $0.ars, "name": $0.name] }

    func register(on router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.get("/gemeinden", use: search)
        router.get("/gemeinden/:ars", use: municipality)
        router.get("/impressum") { request, context in
            views.page(
                "content", request: request, context: context, title: Catalog.text("imprint_title", context.language),
                values: ["content": Pages.imprint(context.language)])
        }
        router.get("/datenschutz") { request, context in
            views.page(
                "content", request: request, context: context, title: Catalog.text("privacy_title", context.language),
                values: ["content": Pages.privacy(context.language)])
        }
        // Leichte Sprache is a form of German: the whole page is German (links to it say
        // hreflang="de"), and its language switch leads to the English start page.
        router.get("/leichte-sprache") { request, context in
            var response = views.page(
                "content", request: request, context: context.inGerman, title: "Leichte Sprache",
                values: ["content": Pages.easyLanguage, "navEasy": true, "switchHref": "/?lang=en"])
            response.headers[.contentLanguage] = "de"
            return response
        }
        router.get("/barrierefreiheit") { request, context in
            accessibilityPage(request, context, form: [:], errors: [], status: .ok)
        }
        router.post("/barrierefreiheit/meldung", use: reportBarrier)
        router.get("/barrierefreiheit/danke") { request, context in
            views.page(
                "message", request: request, context: context,
                title: Catalog.text("report_thanks_title", context.language),
                values: [
                    "heading": Catalog.text("report_thanks_title", context.language),
                    "text": Catalog.text("report_thanks_text", context.language), "robotsNoIndex": true,
                ])
        }
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        return views.page(
            "home", request: request, context: context, title: Catalog.text("nav_home", context.language),
            values: ["popular": Self.popular, "navHome": true])
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = context.language
        let title = Catalog.text("search_heading", language)
        guard let raw = request.uri.queryParameters["q"].map(String.init) else {
            return views.page(
                "search", request: request, context: context, title: title, values: ["navMunicipalities": true])
        }
        let query = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var values: [String: Any] = ["query": String(raw.prefix(Self.maxQueryLength)), "navMunicipalities": true]
        if query.isEmpty {
            values["error"] = Catalog.text("search_empty", language)
            return views.page(
                "search", request: request, context: context,
                title: "\(Catalog.text("error_summary_title", language)): \(title)", values: values)
        }
        if query.count > Self.maxQueryLength {
            values["error"] = Catalog.text("search_too_long", language)
            return views.page(
                "search", request: request, context: context,
                title: "\(Catalog.text("error_summary_title", language)): \(title)", values: values)
        }
        let results = regions.search(query, limit: 50)
        values["hasQuery"] = true
        values["count"] = results.count
        values["hasResults"] = !results.isEmpty
        values["several"] = query.count == 5 && query.allSatisfy(\.isNumber) && results.count > 1
        values["results"] = results.map { m -> [String: Any] in
            [
                "ars": m.ars, "name": m.name, "kreis": regions.kreis(key: m.kreisKey)?.name ?? "",
                "postcodes": m.postcodes.joined(separator: ", "),
            ]
        }
        return views.page("search", request: request, context: context, title: "\(title): \(query)", values: values)
    }

    @Sendable func municipality(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = context.language
        guard let ars = context.parameters.get("ars"), let m = regions.municipality(ars: ars) else {
            throw ProblemError.notFound("No municipality with this regional key.")
        }
        let kreis = regions.kreis(key: m.kreisKey)
        let chain = regions.containment(of: m).dropFirst().map {
            [
                "name": $0.type == .land ? Catalog.text("land_name", language) : $0.name,
                "typeLabel": Catalog.text("type_\($0.type.rawValue)", language),
            ]
        }
        let responsible = try await authorities.chain(for: m.ars).map { a -> [String: Any] in
            // Mustache treats "" as true, so absent values are left out rather than empty.
            var values: [String: Any] = [
                "name": a.name, "levelLabel": Catalog.text("level_\(a.level.rawValue)", language),
                "postcode": a.address.postcode, "locality": a.address.locality,
                "hasContact": a.contact.phone != nil || a.contact.email != nil || a.contact.website != nil,
                "openingHours": a.openingHours, "hasHours": !a.openingHours.isEmpty,
            ]
            if let street = a.address.street { values["street"] = street }
            if let phone = a.contact.phone { values["phone"] = phone }
            if let email = a.contact.email { values["email"] = email }
            if let website = a.contact.website { values["website"] = website }
            return values
        }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: language == .de ? "de_DE" : "en_GB")
        let values: [String: Any] = [
            "name": m.name, "ars": m.ars, "ags": m.ags, "postcodes": m.postcodes.joined(separator: ", "),
            "population": formatter.string(from: NSNumber(value: m.population)) ?? String(m.population),
            "typeLabel": m.isKreisfrei
                ? Catalog.text("municipality_kreisfrei", language) : Catalog.text("type_gemeinde", language),
            "kreisLabel": m.isKreisfrei
                ? Catalog.text("land_name", language)
                : "\(Catalog.text("municipality_kreis", language)) \(kreis?.name ?? "")",
            "chain": chain, "authorities": responsible,
        ]
        return views.page("municipality", request: request, context: context, title: m.name, values: values)
    }

    func accessibilityPage(
        _ request: Request, _ context: AppRequestContext, form: [String: String],
        errors: [(field: String, message: String)],
        status: HTTPResponse.Status
    ) -> Response {
        let (nonce, setCookie) = csrf.nonce(for: request)
        var values: [String: Any] = [
            "content": Pages.accessibility(context.language), "csrfToken": csrf.token(for: nonce),
            "page": form["page"] ?? "", "message": form["message"] ?? "", "email": form["email"] ?? "",
            "hasErrors": !errors.isEmpty, "errors": errors.map { ["field": $0.field, "message": $0.message] },
        ]
        for error in errors { values["\(error.field)Error"] = error.message }
        let title = Catalog.text("accessibility_title", context.language)
        var response = views.page(
            "accessibility", request: request, context: context,
            title: errors.isEmpty ? title : "\(Catalog.text("error_summary_title", context.language)): \(title)",
            values: values, status: status)
        response.headers[.cacheControl] = "no-store"
        if let setCookie { response.headers.append(HTTPField(name: .setCookie, value: setCookie)) }
        return response
    }

    @Sendable func reportBarrier(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = context.language
        try await enforceRateLimit(
            rateLimiter, bucket: "form:barrier:\(context.remoteAddress ?? "unknown")", limit: rateLimit.limit,
            window: rateLimit.window)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let form = parseForm(String(buffer: body))
        guard csrf.verify(request: request, submitted: form[CSRF.field]) else {
            return accessibilityPage(
                request, context, form: form, errors: [("message", Catalog.text("csrf_failed", language))],
                status: .forbidden)
        }
        let report = BarrierReportInput(page: form["page"], message: form["message"], contactEmail: form["email"])
        let problems = report.validate()
        if !problems.isEmpty {
            let errors = problems.map { field -> (field: String, message: String) in
                switch field {
                case "page": ("page", Catalog.text("report_error_page", language))
                case "contactEmail": ("email", Catalog.text("report_error_email", language))
                default: ("message", Catalog.text("report_error_message", language))
                }
            }
            return accessibilityPage(request, context, form: form, errors: errors, status: .unprocessableContent)
        }
        _ = try await report.store(database: database, clock: clock)
        let lq = context.language == .en ? "?lang=en" : ""
        return Response(status: .seeOther, headers: [.location: "/barrierefreiheit/danke\(lq)"])
    }
}

/// A report of an accessibility barrier (BITV 2.0 feedback mechanism), from the form or the API.
struct BarrierReportInput: Codable, Sendable {
    var page: String?
    var message: String?
    var contactEmail: String?

    /// Names of invalid fields.
    func validate() -> [String] {
        var invalid: [String] = []
        if let page, page.unicodeScalars.count > 500 { invalid.append("page") }
        // A message needs at least one visible character (OpenAPI: pattern "\\S", maxLength 5000).
        let text = message ?? ""
        if text.unicodeScalars.count > 5000 || !text.contains(where: { !$0.isWhitespace }) { invalid.append("message") }
        if let email = contactEmail, !email.isEmpty, !Self.looksLikeEmail(email) { invalid.append("contactEmail") }
        return invalid
    }

    /// The same rule the OpenAPI document states: `^[^\s@]+@[^\s@]+\.[^\s@]+$`, at most 254 characters.
    static func looksLikeEmail(_ s: String) -> Bool {
        guard s.unicodeScalars.count <= 254 else { return false }
        return s.wholeMatch(of: /[^\s@]+@[^\s@]+\.[^\s@]+/) != nil
    }

    struct Stored: Codable, Sendable {
        var id: String
        var createdAt: String
        var deleteAfter: String
    }

    func store(
        database: Database, clock: any WallClock,
        idempotency: (@Sendable (Stored, any SQLDatabase) async throws -> Void)? = nil
    ) async throws -> Stored {
        let now = clock.now()
        let stored = Stored(
            id: Identifier.uuidV7(at: now), createdAt: Timestamp.string(now),
            deleteAfter: Timestamp.string(now.addingTimeInterval(PageRoutes.barrierReportRetention)))
        let page = (page ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let message = (message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let email = contactEmail?.nilIfEmpty
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO barrier_reports (id, page, message, contact_email, created_at, delete_after)
                VALUES (\(bind: stored.id), \(bind: page), \(bind: message), \(bind: email), \(bind: stored.createdAt), \(bind: stored.deleteAfter))
                """
            ).run()
            try await idempotency?(stored, db)
        }
        return stored
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

func enforceRateLimit(_ limiter: RateLimiter, bucket: String, limit: Int, window: Int) async throws {
    let decision = try await limiter.hit(bucket, limit: limit, window: window)
    guard decision.allowed else {
        var error = ProblemError(
            .tooManyRequests, "rate-limited", "Too many requests",
            detail: "Try again in \(decision.retryAfter) seconds.")
        error.headers[.retryAfter] = String(decision.retryAfter)
        throw error
    }
}
