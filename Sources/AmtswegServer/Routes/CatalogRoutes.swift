import Authorities
import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Regions
import Storage
import Texts

/// Service pages, service search and the services API.
struct CatalogRoutes: Sendable {
    let finder: ServiceFinder
    let authorities: AuthorityStore
    let views: Views
    let publicBaseURL: String?
    /// Services with an online application form (LeiKa keys).
    let onlineForms: Set<String>
    /// Each service's list entry as JSON without its closing brace: the catalogue is immutable,
    /// so encoding it once at start keeps JSONEncoder off the search hot path.
    let summaryFragments: [String: String]

    init(
        finder: ServiceFinder, authorities: AuthorityStore, views: Views, publicBaseURL: String?,
        onlineForms: Set<String> = []
    ) {
        self.onlineForms = onlineForms
        self.finder = finder
        self.authorities = authorities
        self.views = views
        self.publicBaseURL = publicBaseURL
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fragments: [String: String] = [:]
        for s in finder.catalog.services {
            if let data = try? encoder.encode(ServiceSummaryJSON(s, authority: nil)) {
                fragments[s.leika] = String(decoding: data.dropLast(), as: UTF8.self)
            }
        }
        self.summaryFragments = fragments
    }

    var catalog: ServiceCatalog { finder.catalog }
    var regions: RegionDirectory { finder.regions }

    func register(on router: Router<AppRequestContext>) {
        router.get("/leistungen", use: searchPage)
        router.get("/leistungen/:leika", use: servicePage)
        router.get("/leistungen/:leika/leichte-sprache", use: easyServicePage)
        router.get("/sitemap.xml", use: sitemap)
        router.get("/api/v1/services", use: listServices)
        router.get("/api/v1/services/:leika", use: serviceJSON)
        router.get("/api/v1/catalog") { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "application/json",
                    .contentDisposition: #"attachment; filename="amtsweg-catalog.json""#,
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: try catalog.export())))
        }
    }

    static func text(_ t: LocalizedText, _ language: Language) -> String {
        language == .en ? (t.en?.isEmpty == false ? t.en! : t.de) : t.de
    }

    // MARK: Pages

    @Sendable func searchPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = context.language
        let query = (request.uri.queryParameters["q"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        guard query.count <= PageRoutes.maxQueryLength else {
            throw ProblemError.badRequest("q must be at most \(PageRoutes.maxQueryLength) characters.", pointer: "/q")
        }
        let lqa = context.languageFromQuery && language == .en ? "&lang=en" : ""
        let lq = context.languageFromQuery && language == .en ? "?lang=en" : ""
        var values: [String: Any] = ["serviceQuery": query, "navServices": true, "lqa": lqa]
        // Filters: unknown values mean "all" (a hand-edited link should not end in an error page).
        let group = request.uri.queryParameters["group"].flatMap { TargetGroup(rawValue: String($0)) }
        let situation = request.uri.queryParameters["lifeSituation"].map(String.init)
            .flatMap { ServiceCatalog.lifeSituations.contains($0) ? $0 : nil }
        values["groups"] =
            [["value": "", "label": Catalog.text("filter_all", language), "selected": group == nil]]
            + TargetGroup.allCases.map {
                [
                    "value": $0.rawValue, "label": Catalog.text("filter_\($0.rawValue)", language),
                    "selected": $0 == group,
                ]
            }
        values["situations"] =
            [["value": "", "label": Catalog.text("filter_all", language), "selected": situation == nil]]
            + ServiceCatalog.lifeSituations.sorted().map {
                ["value": $0, "label": Catalog.text("life_\($0)", language), "selected": $0 == situation]
            }
        var services: [Service]
        var place: Municipality? = nil
        if let ars = request.uri.queryParameters["ars"].map(String.init) {
            place = regions.municipality(ars: ars)
        }
        if query.isEmpty {
            services = catalog.services.filter {
                (group == nil || $0.targetGroups.contains(group!))
                    && (situation == nil || $0.lifeSituations.contains(situation!))
            }.sorted { Self.text($0.name, language) < Self.text($1.name, language) }
            values["heading"] = Catalog.text("services_title", language)
            values["listHeading"] = Catalog.text("services_title", language)
        } else {
            let answer = finder.find(query, group: group, lifeSituation: situation, limit: 20)
            services = answer.services
            place = place ?? answer.place
            values["heading"] = Catalog.text("services_search_heading", language)
            values["listHeading"] = "\(Catalog.text("services_results_for", language)) „\(query)“"
            if place == nil, !answer.placeCandidates.isEmpty {
                values["hasCandidates"] = true
                values["queryEncoded"] = percentEncode(query)
                values["candidates"] = answer.placeCandidates.map { ["ars": $0.ars, "name": $0.name] }
            }
        }
        let suffix: String
        if let place {
            values["place"] = ["ars": place.ars, "name": place.name]
            suffix = "?ars=\(place.ars)\(lqa)"
        } else {
            suffix = lq
        }
        values["hasResults"] = !services.isEmpty
        values["results"] = services.map {
            [
                "leika": $0.leika, "name": Self.text($0.name, language), "summary": Self.text($0.summary, language),
                "suffix": suffix,
            ]
        }
        return views.page(
            "services", request: request, context: context, title: values["heading"] as? String ?? "", values: values)
    }

    func service(_ context: AppRequestContext) throws -> Service {
        guard let leika = context.parameters.get("leika"), let service = catalog.service(leika: leika) else {
            throw ProblemError.notFound("No service with this LeiKa key.")
        }
        return service
    }

    @Sendable func servicePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderService(try service(context), plain: false, request: request, context: context)
    }

    @Sendable func easyServicePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        var response = try await renderService(
            try service(context), plain: true, request: request, context: context.inGerman)
        response.headers[.contentLanguage] = "de"
        return response
    }

    func renderService(_ s: Service, plain: Bool, request: Request, context: AppRequestContext) async throws -> Response
    {
        let language = context.language
        func text(_ t: LocalizedText) -> String {
            plain ? (t.ls?.isEmpty == false ? t.ls! : t.de) : Self.text(t, language)
        }
        let lqa = context.languageFromQuery && language == .en ? "&lang=en" : ""
        var values: [String: Any] = [
            "leika": s.leika, "name": text(s.name), "summary": text(s.summary), "description": text(s.description),
            "documents": s.documents.map(text), "hasDocuments": !s.documents.isEmpty, "legalBasis": s.legalBasis,
            "fee": feeText(s.fee, language: plain ? .de : language),
            "trustLevel": Catalog.text("trust_\(s.trustLevel.rawValue)", plain ? .de : language),
            "lqa": lqa, "navServices": true,
        ]
        if plain {
            // Leichte Sprache is German; its language switch leads to the English service page.
            values["switchHref"] = "/leistungen/\(s.leika)?lang=en"
        } else {
            values["easyLink"] = "/leistungen/\(s.leika)/leichte-sprache"
        }
        if let note = s.fee.note { values["feeNote"] = text(note) }
        if let deadline = s.deadline { values["deadline"] = text(deadline) }
        if let time = s.processingTime { values["processingTime"] = text(time) }
        if let body = s.responsibleBody { values["body"] = text(body) }
        if let note = s.responsibilityNote { values["note"] = text(note) }
        // The municipality: ?ars= or a name/postcode typed into ?ort=.
        var place: Municipality? = request.uri.queryParameters["ars"].flatMap { regions.municipality(ars: String($0)) }
        if place == nil, let ort = request.uri.queryParameters["ort"].map(String.init), !ort.isEmpty {
            values["ort"] = String(ort.prefix(100))
            let found = regions.search(String(ort.prefix(100)), limit: 40)
            if found.count == 1 || (found.first.map { Folding.keys($0.name).contains(Folding.stripped(ort)) } ?? false)
            {
                place = found.first
            } else {
                values["hasPlaceCandidates"] = !found.isEmpty
                values["placeCandidates"] = found.map { ["ars": $0.ars, "name": $0.name] }
            }
        }
        var authority: Authority? = nil
        if let place {
            authority = catalog.responsibleAuthority(
                for: s, municipalityARS: place.ars, authorities: try await authorities.all())
            if let a = authority {
                var values2: [String: Any] = [
                    "authorityName": a.name, "postcode": a.address.postcode, "locality": a.address.locality,
                    "placeArs": place.ars, "placeName": place.name,
                ]
                if let street = a.address.street { values2["street"] = street }
                if let o = catalog.override(for: s, municipalityARS: place.ars) {
                    values2["overrideReason"] = text(o.reason)
                }
                values["authority"] = values2
            }
        }
        values["applyOnline"] = onlineForms.contains(s.leika)
        values["jsonLD"] = jsonLD(s, language: plain ? .de : language, authority: authority, place: place)
        return views.page("service", request: request, context: context, title: text(s.name), values: values)
    }

    func feeText(_ fee: Fee, language: Language) -> String {
        func euro(_ cents: Int64) -> String {
            let formatted = String(format: "%.2f", Double(cents) / 100)
            return language == .de ? formatted.replacingOccurrences(of: ".", with: ",") + " €" : "€" + formatted
        }
        var text: String
        switch fee.kind {
        case .free: text = Catalog.text("fee_free", language)
        case .fixed: text = fee.amountCents.map(euro) ?? Catalog.text("fee_unknown", language)
        case .range:
            text = "\(fee.minCents.map(euro) ?? "?") – \(fee.maxCents.map(euro) ?? "?")"
        case .municipal: text = Catalog.text("fee_municipal", language)
        case .unknown: text = Catalog.text("fee_unknown", language)
        }
        if let discount = fee.digitalDiscountCents {
            text += " (\(Catalog.text("fee_digital_discount", language)): \(euro(discount)))"
        }
        return text
    }

    /// schema.org `GovernmentService` for search engines. JSONEncoder escapes `/`, so the data
    /// cannot close its script element.
    func jsonLD(_ s: Service, language: Language, authority: Authority?, place: Municipality?) -> String {
        var object: [String: JSONValue] = [
            "@context": "https://schema.org", "@type": "GovernmentService",
            "name": .string(Self.text(s.name, language)),
            "description": .string(Self.text(s.summary, language)), "identifier": .string(s.leika),
            "serviceType": .string(Self.text(s.name, language)),
            "audience": .object([
                "@type": "Audience",
                "audienceType": .string(s.targetGroups.map(\.rawValue).joined(separator: ", ")),
            ]),
            "areaServed": .object(["@type": "State", "name": "Thüringen"]),
        ]
        if let base = publicBaseURL { object["url"] = .string("\(base)/leistungen/\(s.leika)") }
        if let authority {
            object["provider"] = .object([
                "@type": "GovernmentOrganization", "name": .string(authority.name),
                "address": .object([
                    "@type": "PostalAddress", "postalCode": .string(authority.address.postcode),
                    "addressLocality": .string(authority.address.locality), "addressCountry": "DE",
                ]),
            ])
        }
        if let place { object["areaServed"] = .object(["@type": "City", "name": .string(place.name)]) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(JSONValue.object(object)), as: UTF8.self)) ?? "{}"
    }

    // MARK: Sitemap

    @Sendable func sitemap(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = publicBaseURL ?? "http://\(request.head.authority ?? "localhost")"
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"# + "\n"
        var paths = [
            "/", "/leistungen", "/gemeinden", "/impressum", "/datenschutz", "/barrierefreiheit", "/leichte-sprache",
        ]
        paths += catalog.services.flatMap { ["/leistungen/\($0.leika)", "/leistungen/\($0.leika)/leichte-sprache"] }
        paths += regions.municipalities.map { "/gemeinden/\($0.ars)" }
        for path in paths { xml += "<url><loc>\(base)\(path)</loc></url>\n" }
        xml += "</urlset>\n"
        return Response(
            status: .ok,
            headers: [.contentType: "application/xml; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    // MARK: API

    struct ServiceJSON: Codable {
        var leika: String
        var name: LocalizedText
        var summary: LocalizedText
        var description: LocalizedText
        var targetGroups: [String]
        var lifeSituations: [String]
        var documents: [LocalizedText]
        var fee: Fee
        var deadline: LocalizedText?
        var processingTime: LocalizedText?
        var legalBasis: [String]
        var trustLevel: String
        var ozgMaturity: Int
        var responsibility: String
        var responsibleBody: LocalizedText?
        var responsibleAuthority: APIRoutes.AuthorityJSON?

        init(_ s: Service, authority: Authority?) {
            leika = s.leika
            name = s.name
            summary = s.summary
            description = s.description
            targetGroups = s.targetGroups.map(\.rawValue)
            lifeSituations = s.lifeSituations
            documents = s.documents
            fee = s.fee
            deadline = s.deadline
            processingTime = s.processingTime
            legalBasis = s.legalBasis
            trustLevel = s.trustLevel.rawValue
            ozgMaturity = s.ozgMaturity
            responsibility = s.responsibility.rawValue
            responsibleBody = s.responsibleBody
            responsibleAuthority = authority.map(APIRoutes.AuthorityJSON.init)
        }
    }

    /// A list entry: enough to show a result and its responsible authority; the full record is
    /// one request away at `/api/v1/services/{leikaKey}`.
    struct ServiceSummaryJSON: Codable {
        var leika: String
        var name: LocalizedText
        var summary: LocalizedText
        var targetGroups: [String]
        var responsibility: String
        var responsibleAuthority: APIRoutes.AuthorityJSON?

        init(_ s: Service, authority: Authority?) {
            leika = s.leika
            name = s.name
            summary = s.summary
            targetGroups = s.targetGroups.map(\.rawValue)
            responsibility = s.responsibility.rawValue
            responsibleAuthority = authority.map(APIRoutes.AuthorityJSON.init)
        }
    }

    struct ServiceListJSON: Codable {
        var items: [ServiceSummaryJSON]
        var place: APIRoutes.RegionRefJSON?
        var placeCandidates: [APIRoutes.RegionRefJSON]?
        var nextCursor: String?
    }

    func municipalityParameter(_ request: Request) throws -> Municipality? {
        guard let ars = request.uri.queryParameters["ars"].map(String.init) else { return nil }
        return try requireMunicipality(ars: ars, in: regions)
    }

    @Sendable func listServices(_ request: Request, context: AppRequestContext) async throws -> Response {
        let limit = try APIRoutes.limit(request)
        let cursor = try Cursor.decode(request.uri.queryParameters["cursor"].map(String.init))
        let q = request.uri.queryParameters["q"].map(String.init) ?? ""
        guard q.count <= PageRoutes.maxQueryLength else {
            throw ProblemError.badRequest("q must be at most \(PageRoutes.maxQueryLength) characters.", pointer: "/q")
        }
        var group: TargetGroup? = nil
        if let raw = request.uri.queryParameters["group"].map(String.init) {
            guard let g = TargetGroup(rawValue: raw) else {
                throw ProblemError.badRequest("group must be citizens or companies.", pointer: "/group")
            }
            group = g
        }
        var lifeSituation: String? = nil
        if let raw = request.uri.queryParameters["lifeSituation"].map(String.init) {
            guard ServiceCatalog.lifeSituations.contains(raw) else {
                throw ProblemError.badRequest(
                    "lifeSituation must be one of \(ServiceCatalog.lifeSituations.sorted().joined(separator: ", ")).",
                    pointer: "/lifeSituation")
            }
            lifeSituation = raw
        }
        var place = try municipalityParameter(request)
        var services: [Service]
        var candidates: [Municipality] = []
        let offset = cursor?.offset ?? 0
        if q.trimmingCharacters(in: .whitespaces).isEmpty {
            services = catalog.services.filter {
                (group == nil || $0.targetGroups.contains(group!))
                    && (lifeSituation == nil || $0.lifeSituations.contains(lifeSituation!))
            }.sorted { $0.leika < $1.leika }
        } else {
            let answer = finder.find(q, group: group, lifeSituation: lifeSituation, limit: min(offset + limit + 1, 200))
            services = answer.services
            place = place ?? answer.place
            candidates = answer.placeCandidates
        }
        let page = Array(services.dropFirst(offset).prefix(limit))
        let next = services.count > offset + limit ? Cursor(after: nil, offset: offset + limit).encoded : nil
        var chain: [Authority] = []
        var all: [Authority] = []
        if let place {
            all = try await authorities.all()
            chain = AuthoritySeed.chain(for: place.ars, in: all)
        }
        let items = page.map { s in
            ServiceSummaryJSON(
                s,
                authority: place.flatMap {
                    catalog.responsibleAuthority(for: s, municipalityARS: $0.ars, chain: chain, authorities: all)
                })
        }
        // Assembled from the precomputed entries; only authorities, place and cursor are encoded now.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var authorityJSON: [String: String] = [:]
        var json = #"{"items":["#
        for (i, s) in page.enumerated() {
            if i > 0 { json += "," }
            json += summaryFragments[s.leika] ?? "{"
            if let a = items[i].responsibleAuthority {
                if authorityJSON[a.id] == nil {
                    authorityJSON[a.id] = String(decoding: try encoder.encode(a), as: UTF8.self)
                }
                json += #","responsibleAuthority":"# + authorityJSON[a.id]!
            }
            json += "}"
        }
        json += "]"
        if let place {
            let ref = APIRoutes.RegionRefJSON(ars: place.ars, name: place.name, type: "gemeinde")
            json += #","place":"# + String(decoding: try encoder.encode(ref), as: UTF8.self)
        }
        if !candidates.isEmpty {
            let refs = candidates.map { APIRoutes.RegionRefJSON(ars: $0.ars, name: $0.name, type: "gemeinde") }
            json += #","placeCandidates":"# + String(decoding: try encoder.encode(refs), as: UTF8.self)
        }
        if let next { json += #","nextCursor":"# + String(decoding: try encoder.encode(next), as: UTF8.self) }
        json += "}"
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    @Sendable func serviceJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let leika = context.parameters.get("leika") ?? ""
        guard leika.count == 14, leika.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ProblemError.badRequest("leikaKey must have 14 digits.", pointer: "/leikaKey")
        }
        guard let s = catalog.service(leika: leika) else {
            throw ProblemError.notFound("No service with LeiKa key \(leika).")
        }
        let place = try municipalityParameter(request)
        var authority: Authority? = nil
        if let place {
            authority = catalog.responsibleAuthority(
                for: s, municipalityARS: place.ars, authorities: try await authorities.all())
        }
        return try APIRoutes.encodeJSON(ServiceJSON(s, authority: authority))
    }
}

/// A minimal JSON value for building documents like JSON-LD.
enum JSONValue: Encodable, ExpressibleByStringLiteral {
    case string(String)
    case object([String: JSONValue])

    init(stringLiteral value: String) { self = .string(value) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .object(let o): try container.encode(o)
        }
    }
}
