import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Texts

/// Mandates: grant, revoke, and act for someone — their mailbox, with a banner saying for whom,
/// replies recorded as written by the agent.
struct MandateRoutes: Sendable {
    let pages: AccountRoutes
    let mandates: MandateStore
    let mailbox: Mailbox

    func register(on router: Router<AppRequestContext>) {
        router.get("/konto/vollmachten", use: list)
        router.post("/konto/vollmachten", use: grant)
        router.post("/konto/vollmachten/:mandate/widerrufen", use: revoke)
        router.get("/konto/vollmachten/:mandate/postfach", use: mailboxPage)
        router.get("/konto/vollmachten/:mandate/postfach/:id", use: messagePage)
        router.post("/konto/vollmachten/:mandate/postfach/:id/antwort", use: reply)
    }

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }

    func citizen(_ request: Request, _ context: AppRequestContext) throws -> Actor {
        guard let actor = context.actor, actor.kind == .citizen else { throw HTTPError(.forbidden) }
        return actor
    }

    func listPage(
        _ request: Request, _ context: AppRequestContext, _ actor: Actor,
        errors: [(field: String, message: String)] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let granted = try await mandates.granted(by: actor.accountID)
        let received = try await mandates.received(by: actor.accountID)
        return pages.form(
            "mandates", request, context, title: t("mandate_title", context),
            values: [
                "granted": granted.map {
                    [
                        "id": $0.id, "name": $0.agentName, "kind": t("mandate_kind_\($0.kind.rawValue)", context),
                        "until": $0.validUntil?.prefix(10) ?? "",
                    ] as [String: Any]
                },
                "hasGranted": !granted.isEmpty,
                "received": received.map {
                    ["id": $0.id, "name": $0.principalName, "kind": t("mandate_kind_\($0.kind.rawValue)", context)]
                },
                "hasReceived": !received.isEmpty,
                "kinds": MandateStore.Kind.allCases.map {
                    [
                        "value": $0.rawValue, "label": t("mandate_kind_\($0.rawValue)", context),
                        "checked": $0 == .attorney,
                    ]
                },
            ], errors: errors, status: status)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        return try await listPage(request, context, try citizen(request, context))
    }

    @Sendable func grant(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        let actor = try citizen(request, context)
        let fields = try await pages.csrf.verifiedForm(request, context)
        let agent = (fields["agent"] ?? "").trimmingCharacters(in: .whitespaces)
        let kind = MandateStore.Kind(rawValue: fields["kind"] ?? "") ?? .attorney
        var until: Date? = nil
        if let raw = fields["until"], !raw.isEmpty {
            guard let date = Timestamp.date(raw + "T23:59:59Z"), date > pages.accounts.clock.now() else {
                return try await listPage(
                    request, context, actor, errors: [("until", t("mandate_error_until", context))],
                    status: .unprocessableContent)
            }
            until = date
        }
        guard !agent.isEmpty, agent.count <= 64,
            case .granted = try await mandates.grant(
                principal: actor.accountID, agent: agent, kind: kind, validUntil: until)
        else {
            return try await listPage(
                request, context, actor, errors: [("agent", t("mandate_error_agent", context))],
                status: .unprocessableContent)
        }
        return pages.redirect("/konto/vollmachten" + pages.lq(context))
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        let actor = try citizen(request, context)
        _ = try await pages.csrf.verifiedForm(request, context)
        guard let id = context.parameters.get("mandate"), id.count <= 64,
            try await mandates.revoke(id: id, principal: actor.accountID)
        else { throw HTTPError(.notFound) }
        return pages.redirect("/konto/vollmachten" + pages.lq(context))
    }

    /// The agent's active mandate from the path; 404 for anyone else, or once revoked or expired.
    func mandate(_ context: AppRequestContext, _ actor: Actor) async throws -> MandateStore.Mandate {
        guard let id = context.parameters.get("mandate"), id.count <= 64,
            let mandate = try await mandates.active(id: id, agent: actor.accountID)
        else { throw HTTPError(.notFound) }
        return mandate
    }

    @Sendable func mailboxPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        let actor = try citizen(request, context)
        let mandate = try await mandate(context, actor)
        try await mandates.recordUse(mandate, what: "opened the mailbox")
        return try await pages.renderMailbox(
            request, context, owner: mandate.principalID, ownerName: mandate.principalName,
            base: "/konto/vollmachten/\(mandate.id)/postfach", extra: ["actingFor": mandate.principalName])
    }

    @Sendable func messagePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        let actor = try citizen(request, context)
        let mandate = try await mandate(context, actor)
        guard let id = context.parameters.get("id"), id.count <= 64,
            let message = try await mailbox.open(id: id, owner: mandate.principalID)
        else { throw HTTPError(.notFound) }
        try await mandates.recordUse(mandate, what: "read message \(id)")
        return try await pages.renderMessage(
            request, context, message, base: "/konto/vollmachten/\(mandate.id)/postfach",
            canReply: message.direction == "in", extra: ["actingFor": mandate.principalName])
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        let actor = try citizen(request, context)
        let fields = try await pages.csrf.verifiedForm(request, context)
        let mandate = try await mandate(context, actor)
        let body = (fields["body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, body.unicodeScalars.count <= 5000 else {
            throw HTTPError(.unprocessableContent, message: t("mailbox_reply_error", context))
        }
        guard let id = context.parameters.get("id"), id.count <= 64,
            try await mailbox.reply(to: id, owner: mandate.principalID, body: body, actingAgent: actor.accountID) != nil
        else { throw HTTPError(.notFound) }
        return pages.redirect("/konto/vollmachten/\(mandate.id)/postfach" + pages.lq(context))
    }
}
