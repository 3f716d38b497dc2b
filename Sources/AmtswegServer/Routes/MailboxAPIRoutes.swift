import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage

/// The mailbox API, authenticated by the session cookie: list, read and reply for the owner;
/// send and read the inbox for an authority's clerks. State-changing calls need
/// `application/json` (a cross-site form cannot send it without a CORS preflight, which we never
/// allow) and are refused when the browser reports a cross-site request.
struct MailboxAPIRoutes: Sendable {
    let accounts: AccountStore
    let mailbox: Mailbox
    let documents: DocumentStore

    /// Attachments: PDF, images and plain text, at most five, 10 MB each.
    static let attachmentTypes: Set<String> = ["application/pdf", "image/png", "image/jpeg", "text/plain"]
    static let maxAttachments = 5
    static let maxAttachmentBytes = 10 * 1024 * 1024

    func register(on router: Router<AppRequestContext>) {
        router.get("/api/v1/me/messages", use: list)
        router.get("/api/v1/me/messages/:id", use: read)
        router.post("/api/v1/me/messages/:id/replies", use: reply)
        router.post("/api/v1/authorities/:id/messages", use: send)
        router.get("/api/v1/authorities/:id/messages", use: inbox)
    }

    struct MessageJSON: Encodable {
        var id: String
        var authorityId: String
        var direction: String
        var subject: String
        var body: String
        var caseId: String?
        var inReplyTo: String?
        var createdAt: String
        var readAt: String?
        /// The account that wrote it: the clerk, the owner, or an agent acting with a mandate.
        var sentBy: String?

        init(_ m: Mailbox.Message) {
            id = m.id
            authorityId = m.authorityID
            direction = m.direction
            subject = m.subject
            body = m.body
            caseId = m.caseID
            inReplyTo = m.inReplyTo
            createdAt = m.createdAt
            readAt = m.readAt
            sentBy = m.sentBy
        }
    }

    struct Page: Encodable { var items: [MessageJSON] }
    struct Created: Encodable { var id: String }

    func actor(_ context: AppRequestContext) throws -> Actor {
        guard let actor = context.actor else {
            throw ProblemError(
                .unauthorized, "unauthenticated", "Not signed in",
                detail: "Log in first; this API uses the session cookie.")
        }
        return actor
    }

    func forbidden(_ why: String) -> ProblemError { ProblemError(.forbidden, "forbidden", "Forbidden", detail: why) }

    func jsonBody<T: Decodable>(
        _ request: Request, _ context: AppRequestContext, as type: T.Type, limit: Int? = nil
    ) async throws -> T {
        if request.headers[.secFetchSite] == "cross-site" { throw forbidden("Cross-site requests are not accepted.") }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ProblemError(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send application/json.")
        }
        let body = try await request.body.collect(upTo: limit ?? context.maxUploadSize)
        guard let value = try? JSONDecoder().decode(T.self, from: Data(buffer: body)) else {
            throw ProblemError(
                .badRequest, "malformed-json", "Malformed JSON", detail: "The body is not the expected object.")
        }
        return value
    }

    func messageID(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty, id.count <= 64 else {
            throw ProblemError.badRequest("id must be 1–64 characters.", pointer: "/id")
        }
        return id
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try actor(context)
        guard Policy.readMailbox(actor: actor, ownerAccountID: actor.accountID).allowed else {
            throw forbidden("Only citizens have a mailbox.")
        }
        return try APIRoutes.encodeJSON(
            Page(items: try await mailbox.list(owner: actor.accountID).map(MessageJSON.init)))
    }

    @Sendable func read(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try actor(context)
        let id = try messageID(context)
        guard Policy.readMailbox(actor: actor, ownerAccountID: actor.accountID).allowed else {
            throw forbidden("Only citizens have a mailbox.")
        }
        guard let message = try await mailbox.open(id: id, owner: actor.accountID) else {
            throw ProblemError.notFound("No message \(id) in your mailbox.")
        }
        return try APIRoutes.encodeJSON(MessageJSON(message))
    }

    struct ReplyInput: Decodable { var body: String? }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try actor(context)
        let id = try messageID(context)
        let input = try await jsonBody(request, context, as: ReplyInput.self)
        guard Policy.readMailbox(actor: actor, ownerAccountID: actor.accountID).allowed else {
            throw forbidden("Only citizens have a mailbox.")
        }
        let body = (input.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, body.unicodeScalars.count <= 5000 else {
            throw ProblemError(
                .unprocessableContent, "validation", "Validation failed", detail: "Some fields are invalid.",
                errors: [.init(pointer: "/body", detail: "required, at most 5000 characters")])
        }
        guard let replyID = try await mailbox.reply(to: id, owner: actor.accountID, body: body) else {
            throw ProblemError.notFound("No message \(id) in your mailbox.")
        }
        var response = try APIRoutes.encodeJSON(Created(id: replyID))
        response.status = .created
        return response
    }

    struct SendInput: Decodable {
        var recipientAccountId: String?
        var subject: String?
        var body: String?
        var caseId: String?
        var attachments: [AttachmentInput]?
    }

    struct AttachmentInput: Decodable {
        var filename: String?
        var mediaType: String?
        var contentBase64: String?
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try actor(context)
        let authorityID = try messageID(context)
        let input = try await jsonBody(
            request, context, as: SendInput.self,
            limit: 28 * 1024 * 1024)
        guard Policy.sendMessage(actor: actor, authorityID: authorityID).allowed else {
            throw forbidden("Only clerks and team leads of this authority send its messages.")
        }
        var invalid: [Problem.FieldError] = []
        let subject = (input.subject ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let body = (input.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let recipient = input.recipientAccountId ?? ""
        var account: AccountStore.Account? = nil
        if !recipient.isEmpty && recipient.count <= 64 { account = try await accounts.account(id: recipient) }
        if account?.kind != .citizen && account?.kind != .organisation {
            invalid.append(.init(pointer: "/recipientAccountId", detail: "a citizen or organisation account id"))
        }
        if subject.isEmpty || subject.count > 200 {
            invalid.append(.init(pointer: "/subject", detail: "1–200 characters"))
        }
        if body.isEmpty || body.unicodeScalars.count > 10_000 {
            invalid.append(.init(pointer: "/body", detail: "1–10000 characters"))
        }
        if let c = input.caseId, c.count > 64 {
            invalid.append(.init(pointer: "/caseId", detail: "at most 64 characters"))
        }
        var files: [(name: String, type: String, data: Data)] = []
        let given = input.attachments ?? []
        if given.count > Self.maxAttachments {
            invalid.append(.init(pointer: "/attachments", detail: "at most \(Self.maxAttachments) attachments"))
        }
        for (i, a) in given.prefix(Self.maxAttachments).enumerated() {
            let name = (a.filename ?? "").trimmingCharacters(in: .whitespaces)
            let type = (a.mediaType ?? "").lowercased()
            let data = a.contentBase64.flatMap { Data(base64Encoded: $0) }
            if name.isEmpty || name.count > 255 || name.contains("/") || name.contains("\\") {
                invalid.append(.init(pointer: "/attachments/\(i)/filename", detail: "1–255 characters, no path"))
            }
            if !Self.attachmentTypes.contains(type) {
                invalid.append(
                    .init(
                        pointer: "/attachments/\(i)/mediaType",
                        detail: "one of \(Self.attachmentTypes.sorted().joined(separator: ", "))"))
            }
            guard let data, !data.isEmpty, data.count <= Self.maxAttachmentBytes else {
                invalid.append(.init(pointer: "/attachments/\(i)/contentBase64", detail: "base64, at most 10 MB"))
                continue
            }
            files.append((name, type, data))
        }
        guard invalid.isEmpty, let account else {
            throw ProblemError(
                .unprocessableContent, "validation", "Validation failed", detail: "Some fields are invalid.",
                errors: invalid)
        }
        var stored: [StoredDocument] = []
        for file in files {
            do {
                stored.append(
                    try await documents.store(
                        file.data, filename: file.name, contentType: file.type, owner: .account(account.id)))
            } catch StorageError.rejectedByScanner(let name) {
                throw ProblemError(
                    .unprocessableContent, "validation", "Validation failed", detail: "An attachment was rejected.",
                    errors: [.init(pointer: "/attachments", detail: "rejected by the virus scanner (\(name))")])
            }
        }
        let id = try await mailbox.send(
            to: account.id, from: authorityID, by: actor.accountID, subject: subject, body: body, caseID: input.caseId,
            attachments: stored)
        var response = try APIRoutes.encodeJSON(Created(id: id))
        response.status = .created
        return response
    }

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try actor(context)
        let authorityID = try messageID(context)
        guard Policy.readAuthorityInbox(actor: actor, authorityID: authorityID).allowed else {
            throw forbidden("Only clerks and team leads of this authority read its inbox.")
        }
        return try APIRoutes.encodeJSON(
            Page(items: try await mailbox.authorityMessages(authorityID: authorityID).map(MessageJSON.init)))
    }
}
