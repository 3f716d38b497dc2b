import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import Storage
import Texts

/// Organisation accounts: create one, authorise members with roles, read the shared mailbox.
struct OrganisationRoutes: Sendable {
    let pages: AccountRoutes
    let organisations: OrganisationStore
    let mailbox: Mailbox

    func register(on router: Router<AppRequestContext>) {
        router.get("/konto/organisationen", use: list)
        router.post("/konto/organisationen", use: create)
        router.get("/konto/organisationen/:org", use: show)
        router.post("/konto/organisationen/:org/mitglieder", use: setRoles)
        router.get("/konto/organisationen/:org/postfach", use: mailboxPage)
        router.get("/konto/organisationen/:org/postfach/:id", use: messagePage)
        router.get("/api/v1/organisations/:org/messages", use: mailboxAPI)
    }

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }

    func roleList(_ roles: Set<OrganisationRole>, _ context: AppRequestContext) -> String {
        roles.map { t("org_role_\($0.rawValue)", context) }.sorted().joined(separator: ", ")
    }

    func citizen(_ request: Request, _ context: AppRequestContext) throws -> Actor? {
        guard let actor = context.actor else { return nil }
        guard actor.kind == .citizen else { throw HTTPError(.forbidden) }
        return actor
    }

    func organisationID(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("org"), !id.isEmpty, id.count <= 64 else { throw HTTPError(.notFound) }
        return id
    }

    func listPage(
        _ request: Request, _ context: AppRequestContext, _ actor: Actor, errors: [(field: String, message: String)],
        status: HTTPResponse.Status
    ) async throws -> Response {
        let memberships = try await organisations.memberships(of: actor.accountID)
        return pages.form(
            "organisations", request, context, title: t("org_title", context),
            values: [
                "draftName": String((request.uri.queryParameters["name"].map(String.init) ?? "").prefix(200)),
                "hasMemberships": !memberships.isEmpty,
                "memberships": memberships.map {
                    ["id": $0.organisationID, "name": $0.organisationName, "roles": roleList($0.roles, context)]
                },
            ], errors: errors, status: status)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        return try await listPage(request, context, actor, errors: [], status: .ok)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        let fields = try await pages.csrf.verifiedForm(request, context)
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            return try await listPage(
                request, context, actor, errors: [("name", t("org_error_name", context))], status: .unprocessableContent
            )
        }
        // Step-up: log in at substantial, then come back with the name already filled in.
        if let stepUp = pages.requireLevel(
            .substantial, next: "/konto/organisationen?name=\(AccountRoutes.queryEncode(name))", context)
        {
            return stepUp
        }
        let id = try await organisations.create(name: name, by: actor.accountID)
        return pages.redirect("/konto/organisationen/\(id)" + pages.lq(context))
    }

    func detailPage(
        _ request: Request, _ context: AppRequestContext, _ actor: Actor, organisation id: String,
        errors: [(field: String, message: String)], status: HTTPResponse.Status
    ) async throws -> Response {
        // Non-members learn nothing, not even that the organisation exists.
        guard let roles = try await organisations.roles(of: actor.accountID, in: id),
            let account = try await pages.accounts.account(id: id)
        else { throw HTTPError(.notFound) }
        let members = try await organisations.members(of: id)
        return pages.form(
            "organisation", request, context, title: account.displayName,
            values: [
                "id": id, "name": account.displayName, "yourRoles": roleList(roles, context),
                "canReadMailbox": Policy.readOrganisationMailbox(actor: actor, memberRoles: roles).allowed,
                "isAdmin": Policy.manageOrganisation(actor: actor, memberRoles: roles).allowed,
                "members": members.map { ["name": $0.displayName, "roles": roleList($0.roles, context)] },
                "roleChoices": OrganisationRole.allCases.map {
                    ["value": $0.rawValue, "label": t("org_role_\($0.rawValue)", context)]
                },
            ], errors: errors, status: status)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        return try await detailPage(
            request, context, actor, organisation: try organisationID(context), errors: [], status: .ok)
    }

    @Sendable func setRoles(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        let id = try organisationID(context)
        let fields = try await pages.csrf.verifiedForm(request, context)
        let roles = try await organisations.roles(of: actor.accountID, in: id)
        guard roles != nil else { throw HTTPError(.notFound) }
        guard Policy.manageOrganisation(actor: actor, memberRoles: roles).allowed else { throw HTTPError(.forbidden) }
        let member = (fields["member"] ?? "").trimmingCharacters(in: .whitespaces)
        let chosen = Set(OrganisationRole.allCases.filter { fields["role_\($0.rawValue)"] == "1" })
        guard !member.isEmpty, member.count <= 64,
            try await organisations.setRoles(chosen, of: member, in: id, by: actor.accountID)
        else {
            return try await detailPage(
                request, context, actor, organisation: id, errors: [("member", t("org_error_member", context))],
                status: .unprocessableContent)
        }
        return pages.redirect("/konto/organisationen/\(id)" + pages.lq(context))
    }

    /// The member's roles if they may read the mailbox; otherwise 404 for non-members, 403 for members without the role.
    func requireMailbox(_ actor: Actor, _ id: String) async throws {
        let roles = try await organisations.roles(of: actor.accountID, in: id)
        guard roles != nil else { throw HTTPError(.notFound) }
        guard Policy.readOrganisationMailbox(actor: actor, memberRoles: roles).allowed else {
            throw HTTPError(.forbidden)
        }
    }

    @Sendable func mailboxPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        let id = try organisationID(context)
        try await requireMailbox(actor, id)
        let org = try await pages.accounts.account(id: id)
        return try await pages.renderMailbox(
            request, context, owner: id, ownerName: org?.displayName ?? "",
            base: "/konto/organisationen/\(id)/postfach",
            extra: ["orgName": org?.displayName ?? ""])
    }

    @Sendable func messagePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        let id = try organisationID(context)
        try await requireMailbox(actor, id)
        guard let messageID = context.parameters.get("id"), messageID.count <= 64,
            let message = try await mailbox.open(id: messageID, owner: id)
        else { throw HTTPError(.notFound) }
        return try await pages.renderMessage(
            request, context, message, base: "/konto/organisationen/\(id)/postfach", canReply: false)
    }

    @Sendable func mailboxAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let actor = context.actor else {
            throw ProblemError(
                .unauthorized, "unauthenticated", "Not signed in",
                detail: "Log in first; this API uses the session cookie.")
        }
        let id = try organisationID(context)
        let roles = actor.kind == .citizen ? try await organisations.roles(of: actor.accountID, in: id) : nil
        guard Policy.readOrganisationMailbox(actor: actor, memberRoles: roles).allowed else {
            throw ProblemError(.forbidden, "forbidden", "Forbidden", detail: "Members with the mailbox role only.")
        }
        return try APIRoutes.encodeJSON(
            MailboxAPIRoutes.Page(items: try await mailbox.list(owner: id).map(MailboxAPIRoutes.MessageJSON.init)))
    }
}
