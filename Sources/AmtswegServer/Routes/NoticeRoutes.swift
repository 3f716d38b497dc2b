import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage
import Texts

/// Anyone can check a notice: the public page `/bescheide/pruefen` (upload the PDF, or look up its
/// number) and the API `POST /api/v1/notices/verify` (the PDF as the body) say whether it is
/// genuine — the seal verifies over the whole file and the exact file is in the register of issued
/// notices — which authority issued it and when. Nothing uploaded is stored.
struct NoticeRoutes: Sendable {
    let pages: AccountRoutes
    let notices: NoticeStore
    let authorities: AuthorityStore
    let limiter: LocalRateLimiter

    static let maxSize = 20 * 1024 * 1024

    func register(on router: Router<AppRequestContext>) {
        router.get("/bescheide/pruefen", use: page)
        router.post("/bescheide/pruefen", use: check)
        router.post("/api/v1/notices/verify", use: verifyAPI)
        router.get("/api/v1/notices/:number", use: lookupAPI)
    }

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let number = request.uri.queryParameters["nummer"].map(String.init) ?? ""
        var values: [String: Any] = ["number": number]
        if !number.isEmpty {
            try limiter.hit("notices:\(context.remoteAddress ?? "unknown")")
            if let n = try await notices.notice(number: String(number.prefix(40))) {
                values["lookup"] = try await describe(n, context)
            } else {
                values["lookupMissing"] = true
            }
        }
        return pages.form("noticeCheck", request, context, title: t("nv_title", context), values: values)
    }

    func describe(_ n: NoticeStore.Notice, _ context: AppRequestContext) async throws -> [String: Any] {
        [
            "number": n.number, "authority": try await authorities.authority(id: n.authorityId)?.name ?? n.authorityId,
            "issued": ApplicationRoutes.displayTime(n.issuedAt, context.language),
        ]
    }

    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        try limiter.hit("notices:\(context.remoteAddress ?? "unknown")")
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { throw HTTPError(.unsupportedMediaType) }
        let body = try await request.body.collect(upTo: Self.maxSize + 64 * 1024)
        let parts: [Multipart.Part]
        do { parts = try Multipart.parse(body: Data(buffer: body), contentType: contentType, maxParts: 5) } catch {
            throw HTTPError(.badRequest)
        }
        let token = parts.first { $0.name == CSRF.field }.map { String(decoding: $0.data, as: UTF8.self) }
        guard pages.csrf.verify(request: request, submitted: token) else { throw HTTPError(.forbidden) }
        guard let file = parts.first(where: { $0.name == "pdf" && $0.filename != nil }), !file.data.isEmpty else {
            return pages.form(
                "noticeCheck", request, context, title: t("nv_title", context), values: ["number": ""],
                errors: [("pdf", t("nv_error_file", context))], status: .unprocessableContent)
        }
        let result = try await notices.verify(file.data)
        var values: [String: Any] = ["number": "", "checked": true, "genuine": result.genuine]
        if let n = result.notice, result.genuine { values["lookup"] = try await describe(n, context) }
        if let signer = result.signer { values["signer"] = signer }
        return pages.form("noticeCheck", request, context, title: t("nv_title", context), values: values)
    }

    struct VerifyAnswer: Encodable {
        let genuine: Bool
        let number: String?
        let authorityId: String?
        let issuedAt: String?
        let signer: String?
        let problems: [String]
    }

    @Sendable func verifyAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        try limiter.hit("notices:\(context.remoteAddress ?? "unknown")")
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/pdf") == true else {
            throw ProblemError(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send the notice as application/pdf.")
        }
        let body = try await request.body.collect(upTo: Self.maxSize)
        let result = try await notices.verify(Data(buffer: body))
        return try APIRoutes.encodeJSON(
            VerifyAnswer(
                genuine: result.genuine, number: result.genuine ? result.notice?.number : nil,
                authorityId: result.genuine ? result.notice?.authorityId : nil,
                issuedAt: result.genuine ? result.notice?.issuedAt : nil, signer: result.signer,
                problems: result.problems))
    }

    struct LookupAnswer: Encodable {
        let number: String
        let authorityId: String
        let issuedAt: String
        let sha256: String
    }

    @Sendable func lookupAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        try limiter.hit("notices:\(context.remoteAddress ?? "unknown")")
        let number = try context.parameters.require("number")
        guard number.count <= 40, let n = try await notices.notice(number: number) else {
            throw ProblemError.notFound("No notice \(number.prefix(40)).")
        }
        return try APIRoutes.encodeJSON(
            LookupAnswer(number: n.number, authorityId: n.authorityId, issuedAt: n.issuedAt, sha256: n.sha256))
    }
}
