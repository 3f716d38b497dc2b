import Assistant
import Authorities
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Regions
import Storage
import Texts

/// The assistant: `/assistent` (a form post, no JavaScript needed) and `POST /api/v1/assistant`.
struct AssistantRoutes: Sendable {
    let assistant: Assistant
    let authorities: AuthorityStore
    let log: AssistantLog
    let views: Views
    let csrf: CSRF
    let rateLimiter: RateLimiter
    let rateLimit: RateLimit

    var regions: RegionDirectory { assistant.finder.regions }

    /// Counts this request against the per-client limit for questions and ratings.
    func limitAsker(_ context: AppRequestContext) async throws {
        try await enforceRateLimit(
            rateLimiter, bucket: "assistant:\(context.remoteAddress ?? "unknown")", limit: rateLimit.limit,
            window: rateLimit.window)
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("/assistent") { request, context in
            page(request, context, form: [:], errors: [], answer: nil, status: .ok)
        }
        router.post("/assistent", use: ask)
        router.post("/assistent/bewertung", use: rate)
        router.get("/assistent/danke") { request, context in
            views.page(
                "message", request: request, context: context,
                title: Texts.Catalog.text("assistant_thanks", context.language),
                values: [
                    "heading": Texts.Catalog.text("assistant_thanks", context.language),
                    "text": Texts.Catalog.text("assistant_thanks_text", context.language), "robotsNoIndex": true,
                ])
        }
        router.post("/api/v1/assistant", use: askAPI)
        router.post("/api/v1/assistant/feedback", use: rateAPI)
    }

    // MARK: Page

    func page(
        _ request: Request, _ context: AppRequestContext, form: [String: String],
        errors: [(field: String, message: String)],
        answer: (id: String, answer: Answer, language: AnswerLanguage)?, status: HTTPResponse.Status
    ) -> Response {
        let language = context.language
        let (nonce, setCookie) = csrf.nonce(for: request)
        var values: [String: Any] = [
            "csrfToken": csrf.token(for: nonce), "question": form["question"] ?? "", "ort": form["ort"] ?? "",
            "easy": form["leicht"] == "1", "hasErrors": !errors.isEmpty,
            "errors": errors.map { ["field": $0.field, "message": $0.message] }, "navAssistant": true,
        ]
        for error in errors { values["\(error.field)Error"] = error.message }
        if let (id, answer, answerLanguage) = answer {
            values["answered"] = true
            values["answerID"] = id
            values["answerLang"] = answerLanguage == .en ? "en" : "de"
            values["isHandover"] = answer.kind == .handover
            values["statements"] = answer.statements.map { s in
                [
                    "text": s.text, "url": s.source.url, "title": s.source.title,
                    "isPhone": s.source.url.hasPrefix("tel:"),
                ]
            }
            values["related"] = answer.services.dropFirst().map { s in
                ["url": "/leistungen/\(s.leika)", "name": language == .en ? (s.name.en ?? s.name.de) : s.name.de]
            }
            values["hasRelated"] = answer.services.count > 1
            if let handover = answer.handover, let authority = handover.authority, let place = answer.place {
                var entry: [String: Any] = [
                    "name": authority.name, "postcode": authority.address.postcode,
                    "locality": authority.address.locality, "url": "/gemeinden/\(place.ars)",
                ]
                if let street = authority.address.street, !street.isEmpty { entry["street"] = street }
                values["handoverAuthority"] = entry
            }
        }
        let title = Texts.Catalog.text("assistant_title", language)
        var response = views.page(
            "assistant", request: request, context: context,
            title: errors.isEmpty ? title : "\(Texts.Catalog.text("error_summary_title", language)): \(title)",
            values: values, status: status)
        response.headers[.cacheControl] = "no-store"
        if let setCookie { response.headers.append(HTTPField(name: .setCookie, value: setCookie)) }
        return response
    }

    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = context.language
        try await limitAsker(context)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let form = parseForm(String(buffer: body))
        guard csrf.verify(request: request, submitted: form[CSRF.field]) else {
            return page(
                request, context, form: form, errors: [("question", Texts.Catalog.text("csrf_failed", language))],
                answer: nil, status: .forbidden)
        }
        let question = (form["question"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [(field: String, message: String)] = []
        if question.isEmpty || question.unicodeScalars.count > Self.maxQuestion {
            errors.append(("question", Texts.Catalog.text("assistant_error_question", language)))
        }
        var place: Municipality? = nil
        let ort = (form["ort"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !ort.isEmpty {
            let found =
                ort.count == 5 && ort.allSatisfy(\.isNumber)
                ? regions.municipalities(postcode: ort) : regions.search(String(ort.prefix(100)), limit: 5)
            let exact = found.filter { Folding.keys($0.name).contains(Folding.stripped(ort)) }
            if found.count == 1 { place = found[0] } else if exact.count == 1 { place = exact[0] }
            if place == nil { errors.append(("ort", Texts.Catalog.text("assistant_error_place", language))) }
        }
        if !errors.isEmpty {
            return page(request, context, form: form, errors: errors, answer: nil, status: .unprocessableContent)
        }
        let answerLanguage: AnswerLanguage = form["leicht"] == "1" ? .ls : (language == .en ? .en : .de)
        let answer = assistant.answer(
            question, language: answerLanguage, municipalityARS: place?.ars, authorities: try await authorities.all())
        let id = try await record(answer, language: answerLanguage)
        return page(request, context, form: form, errors: [], answer: (id, answer, answerLanguage), status: .ok)
    }

    @Sendable func rate(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await limitAsker(context)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let form = parseForm(String(buffer: body))
        guard csrf.verify(request: request, submitted: form[CSRF.field]) else {
            return page(
                request, context, form: [:],
                errors: [("question", Texts.Catalog.text("csrf_failed", context.language))],
                answer: nil, status: .forbidden)
        }
        guard let id = form["id"], id.count <= 64, let helpful = form["helpful"], ["yes", "no"].contains(helpful) else {
            throw HTTPError(.badRequest)
        }
        _ = try await log.feedback(id: id, helpful: helpful == "yes")
        let lq = context.language == .en ? "?lang=en" : ""
        return Response(status: .seeOther, headers: [.location: "/assistent/danke\(lq)"])
    }

    func record(_ answer: Answer, language: AnswerLanguage) async throws -> String {
        try await log.record(
            language: language.rawValue, terms: answer.logTerms, intents: answer.intents.map(\.rawValue),
            outcome: answer.kind.rawValue, leika: answer.kind == .service ? answer.services.first?.leika : nil,
            confidence: answer.confidence)
    }

    static let maxQuestion = 500

    // MARK: API

    struct QuestionJSON: Decodable {
        var question: String?
        var language: String?
        var ars: String?
    }

    struct AnswerJSON: Encodable {
        struct StatementJSON: Encodable {
            var text: String
            var source: Source
        }
        struct ServiceRef: Encodable {
            var leika: String
            var name: String
            var url: String
        }
        struct HandoverJSON: Encodable {
            var phone: String
            var authority: APIRoutes.AuthorityJSON?
        }
        var id: String
        var kind: String
        var confidence: Double
        var statements: [StatementJSON]
        var services: [ServiceRef]
        var place: APIRoutes.RegionRefJSON?
        var handover: HandoverJSON?
    }

    struct FeedbackJSON: Decodable {
        var id: String?
        var helpful: Bool?
    }

    func requireJSON(_ request: Request) throws {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ProblemError(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send application/json.")
        }
    }

    @Sendable func askAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await limitAsker(context)
        try requireJSON(request)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        guard let input = try? JSONDecoder().decode(QuestionJSON.self, from: Data(buffer: body)) else {
            throw ProblemError(.badRequest, "malformed-json", "Malformed JSON", detail: "Send {\"question\": \"…\"}.")
        }
        var invalid: [Problem.FieldError] = []
        let question = (input.question ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if question.isEmpty || question.unicodeScalars.count > Self.maxQuestion {
            invalid.append(.init(pointer: "/question", detail: "required, 1–\(Self.maxQuestion) characters"))
        }
        let language = AnswerLanguage(rawValue: input.language ?? "de")
        if language == nil { invalid.append(.init(pointer: "/language", detail: "one of de, en, ls")) }
        var place: Municipality? = nil
        if let ars = input.ars {
            place = regions.municipality(ars: ars)
            if place == nil {
                invalid.append(.init(pointer: "/ars", detail: "a 12-digit ARS of a Thuringian municipality"))
            }
        }
        guard invalid.isEmpty, let language else {
            throw ProblemError(
                .unprocessableContent, "validation", "Validation failed", detail: "Some fields are invalid.",
                errors: invalid)
        }
        let answer = assistant.answer(
            question, language: language, municipalityARS: place?.ars, authorities: try await authorities.all())
        let id = try await record(answer, language: language)
        let json = AnswerJSON(
            id: id, kind: answer.kind.rawValue, confidence: (answer.confidence * 100).rounded() / 100,
            statements: answer.statements.map { .init(text: $0.text, source: $0.source) },
            services: answer.services.map {
                .init(
                    leika: $0.leika, name: language == .en ? ($0.name.en ?? $0.name.de) : $0.name.de,
                    url: "/leistungen/\($0.leika)")
            },
            place: answer.place.map { APIRoutes.RegionRefJSON(ars: $0.ars, name: $0.name, type: "gemeinde") },
            handover: answer.handover.map {
                .init(phone: $0.phone, authority: $0.authority.map(APIRoutes.AuthorityJSON.init))
            })
        return try APIRoutes.encodeJSON(json)
    }

    @Sendable func rateAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await limitAsker(context)
        try requireJSON(request)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        guard let input = try? JSONDecoder().decode(FeedbackJSON.self, from: Data(buffer: body)) else {
            throw ProblemError(
                .badRequest, "malformed-json", "Malformed JSON", detail: "Send {\"id\": \"…\", \"helpful\": true}.")
        }
        var invalid: [Problem.FieldError] = []
        if input.id == nil || input.id!.isEmpty || input.id!.count > 64 {
            invalid.append(.init(pointer: "/id", detail: "the id of an answer"))
        }
        if input.helpful == nil { invalid.append(.init(pointer: "/helpful", detail: "true or false")) }
        guard invalid.isEmpty, let id = input.id, let helpful = input.helpful else {
            throw ProblemError(
                .unprocessableContent, "validation", "Validation failed", detail: "Some fields are invalid.",
                errors: invalid)
        }
        switch try await log.feedback(id: id, helpful: helpful) {
        case .recorded: return Response(status: .noContent)
        case .unknown: throw ProblemError.notFound("No answer with id \(id).")
        case .alreadyRated:
            throw ProblemError(
                .conflict, "already-rated", "Already rated", detail: "This answer has been rated already.")
        }
    }
}
