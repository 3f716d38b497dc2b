import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdOTP
import Mail
import Storage
import Texts

/// Login (Test-eID in demo mode, staff with password and TOTP), logout, the account page and the
/// mailbox. Every state-changing form carries a CSRF token; sessions rotate on login and logout.
struct AccountRoutes: Sendable {
    let accounts: AccountStore
    let oidc: OIDCProvider?
    let staffOIDC: OIDCProvider?
    let audit: AuditTrail
    let mailbox: Mailbox
    let documents: DocumentStore
    let authorities: AuthorityStore
    let views: Views
    let csrf: CSRF
    let rateLimiter: RateLimiter
    let loginRateLimit: RateLimit
    let demo: Bool
    let secureCookies: Bool

    /// Counts this request against the per-client limit for logins.
    func limitLogins(_ context: AppRequestContext) async throws {
        try await enforceRateLimit(
            rateLimiter, bucket: "login:\(context.remoteAddress ?? "unknown")", limit: loginRateLimit.limit,
            window: loginRateLimit.window)
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("/anmelden", use: loginChoice)
        router.get("/anmelden/eid", use: eidStart)
        router.get("/anmelden/eid/callback", use: eidCallback)
        router.get("/anmelden/test-eid", use: testEIDForm)
        router.post("/anmelden/test-eid", use: testEIDLogin)
        router.get("/mitarbeiter/anmelden") { request, context in
            staffForm(request, context, email: "", errors: [], status: .ok)
        }
        router.post("/mitarbeiter/anmelden", use: staffLogin)
        router.get("/mitarbeiter/anmelden/oidc", use: staffOIDCStart)
        router.get("/mitarbeiter/anmelden/oidc/callback", use: staffOIDCCallback)
        router.post("/abmelden", use: logout)
        router.post("/konto/benachrichtigung", use: setNotificationEmail)
        router.post("/konto/loeschen", use: deleteAccount)
        router.get("/konto/geloescht") { request, context in
            views.page(
                "message", request: request, context: context, title: t("account_deleted_title", context),
                values: [
                    "heading": t("account_deleted_title", context), "text": t("account_deleted_text", context),
                    "robotsNoIndex": true,
                ])
        }
        router.get("/konto", use: accountPage)
        router.get("/konto/postfach", use: mailboxPage)
        router.get("/konto/postfach/:id", use: messagePage)
        router.get("/konto/postfach/:id/anhang/:doc", use: attachment)
        router.post("/konto/postfach/:id/antwort", use: reply)
        router.get("/behoerde/postausgang") { request, context in
            try outboxForm(request, context, form: [:], errors: [], sent: false, status: .ok)
        }
        router.post("/behoerde/postausgang", use: send)
    }

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }

    /// Renders `template` with a CSRF token (and its cookie when new), never cached.
    func form(
        _ template: String, _ request: Request, _ context: AppRequestContext, title: String, values: [String: Any],
        errors: [(field: String, message: String)] = [], status: HTTPResponse.Status = .ok
    ) -> Response {
        let (nonce, setCookie) = csrf.nonce(for: request)
        var all = values
        all["csrfToken"] = csrf.token(for: nonce)
        all["hasErrors"] = !errors.isEmpty
        all["errors"] = errors.map { ["field": $0.field, "message": $0.message] }
        all["navAccount"] = true
        for error in errors { all["\(error.field)Error"] = error.message }
        if let actor = context.actor { all["signedInAs"] = actor.displayName }
        var response = views.page(
            template, request: request, context: context,
            title: errors.isEmpty ? title : "\(t("error_summary_title", context)): \(title)", values: all,
            status: status)
        response.headers[.cacheControl] = "no-store"
        if let setCookie { response.headers.append(HTTPField(name: .setCookie, value: setCookie)) }
        return response
    }

    func redirect(_ location: String, setCookie: String? = nil) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        if let setCookie { response.headers.append(HTTPField(name: .setCookie, value: setCookie)) }
        return response
    }

    /// Only local paths: an open redirect would let a phishing link borrow our login.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"), raw.count <= 200 else {
            return "/konto"
        }
        return raw
    }

    func lq(_ context: AppRequestContext) -> String { context.language == .en ? "?lang=en" : "" }

    static func queryEncode(_ s: String) -> String {
        percentEncode(s, keepingSlash: true)
    }

    // MARK: Login

    @Sendable func loginChoice(_ request: Request, context: AppRequestContext) async throws -> Response {
        form(
            "login", request, context, title: t("login_title", context),
            values: [
                "demo": demo, "eid": oidc != nil,
                "nextQuery": Self.queryEncode(Self.safeNext(request.uri.queryParameters["next"].map(String.init))),
                "stepUp": request.uri.queryParameters["level"].flatMap { LevelOfAssurance(rawValue: String($0)) }
                    .map {
                        t("login_step_up", context).replacingOccurrences(
                            of: "{level}", with: t("trust_\($0.rawValue)", context))
                    } ?? "",
                "levelQuery": request.uri.queryParameters["level"].flatMap { LevelOfAssurance(rawValue: String($0)) }
                    .map { "&level=\($0.rawValue)" } ?? "",
            ])
    }

    /// Starts the eID login: state, nonce and PKCE verifier are kept server-side (used once).
    @Sendable func eidStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let oidc else { throw HTTPError(.notFound) }
        try await limitLogins(context)
        let state = OIDCProvider.random()
        let nonce = OIDCProvider.random()
        let verifier = OIDCProvider.random()
        let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
        let level = request.uri.queryParameters["level"].flatMap { LevelOfAssurance(rawValue: String($0)) }
        try await accounts.rememberLogin(state: state, nonce: nonce, verifier: verifier, next: next)
        return redirect(try await oidc.authorizationURL(state: state, nonce: nonce, verifier: verifier, minimum: level))
    }

    func eidFailed(_ request: Request, _ context: AppRequestContext, reason: String) async throws -> Response {
        try await audit.record("login.failed", accountID: nil, detail: "eid: \(reason)")
        var response = views.page(
            "message", request: request, context: context, title: t("eid_failed_title", context),
            values: [
                "heading": t("eid_failed_title", context), "text": t("eid_failed_text", context), "robotsNoIndex": true,
            ],
            status: .badRequest)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func eidCallback(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let oidc else { throw HTTPError(.notFound) }
        let query = request.uri.queryParameters
        guard let state = query["state"].map(String.init), !state.isEmpty,
            let pending = try await accounts.consumeLogin(state: state)
        else { return try await eidFailed(request, context, reason: "unknown or used state") }
        if let error = query["error"] {
            return try await eidFailed(request, context, reason: "provider error \(error.prefix(60))")
        }
        guard let code = query["code"].map(String.init), !code.isEmpty, code.count <= 2048 else {
            return try await eidFailed(request, context, reason: "no code")
        }
        let claims: IDTokenClaims
        do {
            claims = try await oidc.redeem(
                code: code, verifier: pending.verifier, nonce: pending.nonce, now: accounts.clock.now())
        } catch {
            return try await eidFailed(request, context, reason: "\(error)".prefix(200).description)
        }
        guard let level = oidc.settings.mapping.level(for: claims.acr) else {
            return try await eidFailed(request, context, reason: "unknown acr \(claims.acr ?? "none")")
        }
        let name =
            claims.name
            ?? [claims.given_name, claims.family_name].compactMap { $0 }.joined(separator: " ").nilIfEmpty
            ?? claims.sub.value
        let account = try await accounts.citizen(
            subject: "oidc:\(claims.iss.value)|\(claims.sub.value)", displayName: name)
        let token = try await accounts.startSession(
            accountID: account.id, level: level, replacing: context.sessionToken)
        try await audit.record(
            "login", accountID: account.id, detail: "eid acr=\(claims.acr ?? "") level=\(level.rawValue)")
        return redirect(pending.next, setCookie: SessionMiddleware.cookie(token, secure: secureCookies))
    }

    @Sendable func testEIDForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard demo else { throw HTTPError(.notFound) }
        return testEIDPage(request, context, errors: [], status: .ok)
    }

    func testEIDPage(
        _ request: Request, _ context: AppRequestContext, errors: [(field: String, message: String)],
        status: HTTPResponse.Status
    ) -> Response {
        form(
            "testEID", request, context, title: t("testeid_title", context),
            values: [
                "people": TestIdentity.all.enumerated().map { i, p in
                    ["id": p.id, "name": p.displayName, "birth": p.birthDate, "checked": i == 0]
                },
                "levels": LevelOfAssurance.allCases.map { l in
                    [
                        "value": l.rawValue, "label": t("trust_\(l.rawValue)", context),
                        "checked": l
                            == (request.uri.queryParameters["level"].flatMap { LevelOfAssurance(rawValue: String($0)) }
                                ?? .substantial)
                            ,
                    ]
                },
                "next": Self.safeNext(request.uri.queryParameters["next"].map(String.init)),
            ], errors: errors, status: status)
    }

    @Sendable func testEIDLogin(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard demo else { throw HTTPError(.notFound) }
        try await limitLogins(context)
        let fields = parseForm(String(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
        guard csrf.verify(request: request, submitted: fields[CSRF.field]) else {
            return testEIDPage(request, context, errors: [("person", t("csrf_failed", context))], status: .forbidden)
        }
        guard let person = TestIdentity.all.first(where: { $0.id == fields["person"] }),
            let level = fields["level"].flatMap(LevelOfAssurance.init(rawValue:))
        else {
            return testEIDPage(
                request, context, errors: [("person", t("testeid_error", context))], status: .unprocessableContent)
        }
        let account = try await accounts.citizen(subject: person.subject, displayName: person.displayName)
        let token = try await accounts.startSession(
            accountID: account.id, level: level, replacing: context.sessionToken)
        try await audit.record("login", accountID: account.id, detail: "test-eid level=\(level.rawValue)")
        return redirect(
            Self.safeNext(fields["next"]), setCookie: SessionMiddleware.cookie(token, secure: secureCookies))
    }

    func staffForm(
        _ request: Request, _ context: AppRequestContext, email: String, errors: [(field: String, message: String)],
        status: HTTPResponse.Status
    ) -> Response {
        form(
            "staffLogin", request, context, title: t("staff_login_title", context),
            values: ["email": email, "directory": staffOIDC != nil], errors: errors, status: status)
    }

    @Sendable func staffLogin(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await limitLogins(context)
        let fields = parseForm(String(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        guard csrf.verify(request: request, submitted: fields[CSRF.field]) else {
            return staffForm(
                request, context, email: email, errors: [("email", t("csrf_failed", context))], status: .forbidden)
        }
        let password = fields["password"] ?? ""
        let code = (fields["code"] ?? "").filter(\.isNumber)
        let failed = [(field: "email", message: t("staff_login_failed", context))]
        guard !email.isEmpty, email.count <= 254, !password.isEmpty, password.count <= 128,
            let credentials = try await accounts.staffCredentials(email: email)
        else {
            // The same answer and roughly the same work whether or not the account exists.
            _ = Bcrypt.verify(password, hash: Self.dummyHash)
            try await audit.record("login.failed", accountID: nil, detail: "staff unknown account")
            return staffForm(request, context, email: email, errors: failed, status: .unauthorized)
        }
        let now = accounts.clock.now()
        if let locked = credentials.lockedUntil, locked > now {
            try await audit.record("login.locked", accountID: credentials.account.id, detail: "staff")
            let minutes = Int((locked.timeIntervalSince(now) / 60).rounded(.up))
            return staffForm(
                request, context, email: email,
                errors: [
                    (
                        "email",
                        t("staff_login_locked", context).replacingOccurrences(of: "{minutes}", with: String(minutes))
                    )
                ],
                status: .forbidden)
        }
        let passwordOK = Bcrypt.verify(password, hash: credentials.passwordHash)
        let totp = TOTP(secret: credentials.totpSecret)
        let codeOK = [-30.0, 0, 30].contains {
            String(format: "%06d", totp.compute(date: now.addingTimeInterval($0))) == code
        }
        guard passwordOK && codeOK else {
            let lockedUntil = try await accounts.recordFailedLogin(accountID: credentials.account.id)
            try await audit.record(
                "login.failed", accountID: credentials.account.id, authorityID: credentials.authorityID,
                detail: passwordOK ? "staff wrong code" : "staff wrong password")
            if lockedUntil != nil {
                try await audit.record(
                    "account.locked", accountID: credentials.account.id, authorityID: credentials.authorityID)
            }
            return staffForm(request, context, email: email, errors: failed, status: .unauthorized)
        }
        try await accounts.recordSuccessfulLogin(accountID: credentials.account.id)
        let token = try await accounts.startSession(
            accountID: credentials.account.id, level: .substantial, replacing: context.sessionToken)
        try await audit.record(
            "login", accountID: credentials.account.id, authorityID: credentials.authorityID,
            detail: "staff password+totp")
        return redirect("/konto", setCookie: SessionMiddleware.cookie(token, secure: secureCookies))
    }

    static let dummyHash = Bcrypt.hash("not a real password", cost: 10)

    /// Staff login through the authority's own directory (OIDC): the account must exist already.
    @Sendable func staffOIDCStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let staffOIDC else { throw HTTPError(.notFound) }
        try await limitLogins(context)
        let state = OIDCProvider.random()
        let nonce = OIDCProvider.random()
        let verifier = OIDCProvider.random()
        try await accounts.rememberLogin(state: state, nonce: nonce, verifier: verifier, next: "/konto")
        return redirect(try await staffOIDC.authorizationURL(state: state, nonce: nonce, verifier: verifier))
    }

    @Sendable func staffOIDCCallback(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let staffOIDC else { throw HTTPError(.notFound) }
        let query = request.uri.queryParameters
        guard let state = query["state"].map(String.init), !state.isEmpty,
            let pending = try await accounts.consumeLogin(state: state),
            let code = query["code"].map(String.init), !code.isEmpty, code.count <= 2048
        else { return try await eidFailed(request, context, reason: "staff directory: unknown state or no code") }
        let claims: IDTokenClaims
        do {
            claims = try await staffOIDC.redeem(
                code: code, verifier: pending.verifier, nonce: pending.nonce, now: accounts.clock.now())
        } catch {
            return try await eidFailed(request, context, reason: "staff directory: \(error)".prefix(200).description)
        }
        guard let email = claims.email, let credentials = try await accounts.staffCredentials(email: email) else {
            return try await eidFailed(request, context, reason: "staff directory: no staff account for this person")
        }
        if let locked = credentials.lockedUntil, locked > accounts.clock.now() {
            return try await eidFailed(request, context, reason: "staff directory: account locked")
        }
        let token = try await accounts.startSession(
            accountID: credentials.account.id, level: .substantial, replacing: context.sessionToken)
        try await audit.record(
            "login", accountID: credentials.account.id, authorityID: credentials.authorityID, detail: "staff directory")
        return redirect("/konto", setCookie: SessionMiddleware.cookie(token, secure: secureCookies))
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try await csrf.verifiedForm(request, context)
        if let token = context.sessionToken {
            try await accounts.endSession(token: token)
            try await audit.record(
                "logout", accountID: context.actor?.accountID, authorityID: context.actor?.authorityID)
        }
        return redirect("/" + lq(context), setCookie: SessionMiddleware.clearingCookie(secure: secureCookies))
    }

    // MARK: Account and mailbox

    /// Step-up: a login below `level` is sent to log in again at that level and then back to
    /// `next` (which carries what was entered, so nothing is lost).
    func requireLevel(_ level: LevelOfAssurance, next: String, _ context: AppRequestContext) -> Response? {
        guard let actor = context.actor, actor.level < level else { return nil }
        let language = context.language == .en ? "&lang=en" : ""
        return redirect("/anmelden?level=\(level.rawValue)&next=\(Self.queryEncode(next))\(language)")
    }

    func requireSignedIn(_ request: Request, _ context: AppRequestContext) -> Response? {
        guard context.actor == nil else { return nil }
        let language = context.languageFromQuery && context.language == .en ? "&lang=en" : ""
        return redirect("/anmelden?next=\(Self.queryEncode(request.uri.path))\(language)")
    }

    @Sendable func accountPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = requireSignedIn(request, context) { return login }
        let actor = context.actor!
        let history = try await audit.events(accountID: actor.accountID, limit: 20).map { e in
            [
                "at": String(e.at.prefix(16)).replacingOccurrences(of: "T", with: " "),
                "event": t("audit_\(e.event)", context),
            ]
        }
        var authorityName: String? = nil
        if let id = actor.authorityID { authorityName = try await authorities.authority(id: id)?.name }
        return form(
            "account", request, context, title: t("account_title", context),
            values: [
                "name": actor.displayName, "accountID": actor.accountID,
                "kind": t("account_kind_\(actor.kind.rawValue)", context),
                "level": t("trust_\(actor.level.rawValue)", context),
                "since": String(context.accountCreatedAt?.prefix(10) ?? ""),
                "isCitizen": actor.kind == .citizen, "isStaff": actor.kind == .staff,
                "isAuthorityAdmin": actor.roles.contains(.authorityAdmin),
                "authorityName": authorityName ?? "",
                "roles": actor.roles.map { t("role_\($0.rawValue)", context) }.sorted().joined(separator: ", "),
                "history": history,
                "unread": actor.kind == .citizen ? try await mailbox.unreadCount(owner: actor.accountID) : 0,
                "notificationEmail": try await accounts.notificationEmail(accountID: actor.accountID) ?? "",
            ])
    }

    @Sendable func deleteAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = requireSignedIn(request, context) { return login }
        let actor = context.actor!
        let fields = try await csrf.verifiedForm(request, context)
        guard actor.kind == .citizen else { throw HTTPError(.forbidden) }
        guard fields["confirm"] == "1" else {
            throw HTTPError(.unprocessableContent, message: t("account_delete_confirm_missing", context))
        }
        try await accounts.deleteCitizen(accountID: actor.accountID)
        return redirect(
            "/konto/geloescht" + lq(context), setCookie: SessionMiddleware.clearingCookie(secure: secureCookies))
    }

    @Sendable func setNotificationEmail(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = requireSignedIn(request, context) { return login }
        let actor = context.actor!
        let fields = try await csrf.verifiedForm(request, context)
        guard actor.kind == .citizen else { throw HTTPError(.forbidden) }
        let email = (fields["notification_email"] ?? "").trimmingCharacters(in: .whitespaces)
        guard email.isEmpty || MailMessage.isSafeAddress(email) else {
            throw HTTPError(.unprocessableContent, message: t("report_error_email", context))
        }
        try await accounts.setNotificationEmail(accountID: actor.accountID, email: email.isEmpty ? nil : email)
        try await audit.record(
            "account.notification-email", accountID: actor.accountID, detail: email.isEmpty ? "cleared" : "set")
        return redirect("/konto" + lq(context))
    }

    @Sendable func mailboxPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = requireSignedIn(request, context) { return login }
        let actor = context.actor!
        guard Policy.readMailbox(actor: actor, ownerAccountID: actor.accountID).allowed else {
            throw HTTPError(.forbidden)
        }
        return try await renderMailbox(
            request, context, owner: actor.accountID, ownerName: t("mailbox_you", context), base: "/konto/postfach")
    }

    /// A mailbox's list page — the own one, an organisation's or a principal's (`extra` adds its banner).
    func renderMailbox(
        _ request: Request, _ context: AppRequestContext, owner: String, ownerName: String, base: String,
        extra: [String: Any] = [:]
    ) async throws -> Response {
        let names = Dictionary(try await authorities.all().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let messages = try await mailbox.list(owner: owner).map { m in
            [
                "id": m.id, "subject": m.subject,
                "from": m.direction == "in" ? (names[m.authorityID] ?? m.authorityID) : ownerName,
                "date": String(m.createdAt.prefix(10)), "unread": m.readAt == nil && m.direction == "in",
            ] as [String: Any]
        }
        var values: [String: Any] = ["messages": messages, "empty": messages.isEmpty, "base": base]
        values.merge(extra) { _, new in new }
        return form("mailbox", request, context, title: t("mailbox_title", context), values: values)
    }

    /// One opened message; `attachmentsOf` lists its downloads (only the owner's own mailbox has them).
    func renderMessage(
        _ request: Request, _ context: AppRequestContext, _ message: Mailbox.Message, base: String, canReply: Bool,
        attachmentsOf owner: String? = nil, extra: [String: Any] = [:]
    ) async throws -> Response {
        let sender = try await authorities.authority(id: message.authorityID)?.name ?? message.authorityID
        var files: [[String: String]] = []
        if let owner {
            files = try await mailbox.attachments(of: message.id, owner: owner).map { d in
                [
                    "url": "\(base)/\(message.id)/anhang/\(d.id)", "name": d.filename,
                    "size": "\(max(1, d.size / 1024)) KB",
                ]
            }
        }
        var values: [String: Any] = [
            "attachments": files, "hasAttachments": !files.isEmpty,
            "id": message.id, "subject": message.subject, "from": sender,
            "date": String(message.createdAt.prefix(16)).replacingOccurrences(of: "T", with: " "),
            "paragraphs": message.body.split(separator: "\n", omittingEmptySubsequences: true).map(String.init),
            "canReply": canReply, "base": base,
        ]
        // A message about a case links to it (for the applicant's own mailbox).
        if owner != nil, base == "/konto/postfach", let caseID = message.caseID {
            values["caseHref"] = "/konto/vorgaenge/\(caseID)\(lq(context))#unterlagen"
        }
        values.merge(extra) { _, new in new }
        return form("message_view", request, context, title: message.subject, values: values)
    }

    @Sendable func messagePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = requireSignedIn(request, context) { return login }
        let actor = context.actor!
        guard Policy.readMailbox(actor: actor, ownerAccountID: actor.accountID).allowed else {
            throw HTTPError(.forbidden)
        }
        // Scoped to the owner in SQL: someone else's message id is simply not found.
        guard let id = context.parameters.get("id"), id.count <= 64,
            let message = try await mailbox.open(id: id, owner: actor.accountID)
        else { throw HTTPError(.notFound) }
        return try await renderMessage(
            request, context, message, base: "/konto/postfach", canReply: message.direction == "in",
            attachmentsOf: actor.accountID)
    }

    /// An attachment of one of the owner's messages, as a download (never rendered inline).
    @Sendable func attachment(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = requireSignedIn(request, context) { return login }
        let actor = context.actor!
        guard Policy.readMailbox(actor: actor, ownerAccountID: actor.accountID).allowed else {
            throw HTTPError(.forbidden)
        }
        guard let id = context.parameters.get("id"), let doc = context.parameters.get("doc"), id.count <= 64,
            doc.count <= 64,
            try await mailbox.attachments(of: id, owner: actor.accountID).contains(where: { $0.id == doc }),
            let (document, data) = try await documents.content(id: doc, owner: .account(actor.accountID))
        else { throw HTTPError(.notFound) }
        let filename = document.filename.replacingOccurrences(of: "\"", with: "")
        let safeName = filename.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 32 } ? filename : "anhang"
        return Response(
            status: .ok,
            headers: [
                .contentType: document.contentType, .cacheControl: "private, no-store",
                .contentDisposition: "attachment; filename=\"\(safeName)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = requireSignedIn(request, context) { return login }
        let actor = context.actor!
        let fields = try await csrf.verifiedForm(request, context)
        guard Policy.readMailbox(actor: actor, ownerAccountID: actor.accountID).allowed,
            let id = context.parameters.get("id"), id.count <= 64
        else { throw HTTPError(.notFound) }
        let body = (fields["body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, body.unicodeScalars.count <= 5000 else {
            throw HTTPError(.unprocessableContent, message: t("mailbox_reply_error", context))
        }
        guard try await mailbox.reply(to: id, owner: actor.accountID, body: body) != nil else {
            throw HTTPError(.notFound)
        }
        return redirect("/konto/postfach" + lq(context))
    }

    // MARK: Staff outbox

    func outboxForm(
        _ request: Request, _ context: AppRequestContext, form fields: [String: String],
        errors: [(field: String, message: String)], sent: Bool, status: HTTPResponse.Status
    ) throws -> Response {
        guard let actor = context.actor else {
            return redirect("/mitarbeiter/anmelden" + lq(context))
        }
        guard let authorityID = actor.authorityID, Policy.sendMessage(actor: actor, authorityID: authorityID).allowed
        else {
            throw HTTPError(.forbidden)
        }
        return form(
            "outbox", request, context, title: t("outbox_title", context),
            values: [
                "recipient": fields["recipient"] ?? "", "subject": fields["subject"] ?? "",
                "body": fields["body"] ?? "",
                "sent": sent,
            ], errors: errors, status: status)
    }

    /// Largest attachment a clerk can add on the outbox page.
    static let maxOutboxAttachment = 10 * 1024 * 1024

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        // The form is multipart (it can carry a file); a plain form post works too.
        var fields: [String: String]
        var file: Multipart.Part? = nil
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            let body = try await request.body.collect(upTo: Self.maxOutboxAttachment + 256 * 1024)
            let parts = try Multipart.parse(body: Data(buffer: body), contentType: contentType)
            fields = [:]
            for part in parts {
                if part.filename == nil {
                    fields[part.name] = String(decoding: part.data, as: UTF8.self)
                } else if part.name == "attachment", !part.data.isEmpty {
                    file = part
                }
            }
            guard csrf.verify(request: request, submitted: fields[CSRF.field]) else { throw HTTPError(.forbidden) }
        } else {
            fields = try await csrf.verifiedForm(request, context)
        }
        guard let actor = context.actor else { return redirect("/mitarbeiter/anmelden" + lq(context)) }
        guard let authorityID = actor.authorityID, Policy.sendMessage(actor: actor, authorityID: authorityID).allowed
        else {
            throw HTTPError(.forbidden)
        }
        var errors: [(field: String, message: String)] = []
        let recipient = (fields["recipient"] ?? "").trimmingCharacters(in: .whitespaces)
        let subject = (fields["subject"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let body = (fields["body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let account = recipient.isEmpty || recipient.count > 64 ? nil : try await accounts.account(id: recipient)
        if account?.kind != .citizen && account?.kind != .organisation {
            errors.append(("recipient", t("outbox_error_recipient", context)))
        }
        if subject.isEmpty || subject.count > 200 { errors.append(("subject", t("outbox_error_subject", context))) }
        if body.isEmpty || body.unicodeScalars.count > 10_000 {
            errors.append(("body", t("outbox_error_body", context)))
        }
        // An attachment: PDF, JPEG or PNG by its bytes, at most 10 MB.
        let fileType = file.flatMap { Multipart.sniff($0.data) }
        if let file, file.data.count > Self.maxOutboxAttachment || fileType == nil {
            errors.append(("attachment", t("outbox_error_attachment", context)))
        }
        guard errors.isEmpty, let account else {
            return try outboxForm(
                request, context, form: fields, errors: errors, sent: false, status: .unprocessableContent)
        }
        // The copy the recipient receives is theirs (their mailbox's documents).
        var attachments: [StoredDocument] = []
        if let file, let fileType {
            do {
                attachments.append(
                    try await documents.store(
                        file.data, filename: file.filename ?? "anhang", contentType: fileType,
                        owner: .account(account.id)))
            } catch StorageError.rejectedByScanner {
                return try outboxForm(
                    request, context, form: fields, errors: [("attachment", t("outbox_error_attachment", context))],
                    sent: false, status: .unprocessableContent)
            }
        }
        _ = try await mailbox.send(
            to: account.id, from: authorityID, by: actor.accountID, subject: subject, body: body,
            attachments: attachments)
        return try outboxForm(request, context, form: [:], errors: [], sent: true, status: .ok)
    }
}
