import Accounts
import Applications
import Cases
import Catalog
import Crypto
import Deadlines
import Forms
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage
import Texts

/// Case processing on the web: the clerk's inbox and case view with the process's actions, the
/// electronic file, involving other authorities, paper intake, export; and the applicant's view
/// of their cases with the upload of requested documents.
///
/// Every route asks `Policy` first; a case the actor may not see answers 404 (its existence is not
/// revealed). Opening a case and every change are in the authority's audit chain (`CaseStore`).
struct CaseRoutes: Sendable {
    let pages: AccountRoutes
    let applications: ApplicationRoutes
    let cases: CaseStore
    let submissions: SubmissionStore
    let catalog: ServiceCatalog
    let authorities: AuthorityStore
    let clock: any WallClock
    /// Fees paid on approval: approving such a case asks the applicant to pay (account and mailbox).
    let payments: PaymentDesk?
    /// The service filter's options per language, sorted by name (computed once: the catalogue is
    /// immutable while the server runs).
    let serviceChoices: [Language: HTML.Options]
    /// Service names by LeiKa key, HTML-escaped, per language (an inbox page shows 25).
    let escapedServiceNames: [Language: [String: String]]

    init(
        pages: AccountRoutes, applications: ApplicationRoutes, cases: CaseStore, submissions: SubmissionStore,
        catalog: ServiceCatalog, authorities: AuthorityStore, clock: any WallClock, payments: PaymentDesk? = nil
    ) {
        self.payments = payments
        self.pages = pages
        self.applications = applications
        self.cases = cases
        self.submissions = submissions
        self.catalog = catalog
        self.authorities = authorities
        self.clock = clock
        var choices: [Language: HTML.Options] = [:]
        for language in [Language.de, .en] {
            choices[language] = HTML.Options(
                catalog.services.map { s in
                    (s.leika, language == .en ? (s.name.en ?? s.name.de) : s.name.de)
                }.sorted { $0.1 < $1.1 })
        }
        self.serviceChoices = choices
        var names: [Language: [String: String]] = [:]
        for language in Language.allCases {
            names[language] = Dictionary(
                catalog.services.map { s in
                    (s.leika, HTML.escape(language == .en ? (s.name.en ?? s.name.de) : s.name.de))
                }, uniquingKeysWith: { first, _ in first })
        }
        self.escapedServiceNames = names
    }

    static let maxUpload = 10 * 1024 * 1024

    func register(on router: Router<AppRequestContext>) {
        router.get("/behoerde/vorgaenge", use: inbox)
        router.get("/behoerde/vorgaenge/neu", use: intakePage)
        router.post("/behoerde/vorgaenge/neu", use: intake)
        router.post("/behoerde/vorgaenge/neu/antrag", use: intakeApplication)
        router.get("/behoerde/vorgaenge/:id", use: view)
        router.get("/behoerde/vorgaenge/:id/export.zip", use: export)
        router.get("/behoerde/vorgaenge/:id/akte/:doc/:version", use: document)
        router.get("/behoerde/vorgaenge/:id/anlage/:doc", use: attachment)
        router.post("/behoerde/vorgaenge/:id/zuweisen", use: assign)
        router.post("/behoerde/vorgaenge/:id/pruefen", use: check)
        router.post("/behoerde/vorgaenge/:id/entscheiden", use: decide)
        router.post("/behoerde/vorgaenge/:id/abschliessen", use: close)
        router.post("/behoerde/vorgaenge/:id/stichprobe", use: sampleCheck)
        router.get("/behoerde/stichproben", use: sampleStatistics)
        router.post("/behoerde/vorgaenge/:id/vermerk", use: note)
        router.post("/behoerde/vorgaenge/:id/dokumente", use: upload)
        router.post("/behoerde/vorgaenge/:id/beteiligen", use: share)
        router.get("/behoerde/beteiligungen", use: involvements)
        router.post("/behoerde/beteiligungen/:share/antwort", use: answer)
        router.get("/konto/vorgaenge", use: myCases)
        router.get("/konto/vorgaenge/:id", use: myCase)
        router.get("/konto/vorgaenge/:id/akte/:doc/:version", use: myDocument)
        router.post("/konto/vorgaenge/:id/unterlagen", use: submitDocuments)
    }

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }
    func lq(_ context: AppRequestContext) -> String { pages.lq(context) }
    func serviceName(_ leika: String, _ context: AppRequestContext) -> String {
        applications.serviceName(leika, context)
    }
    func date(_ iso: String, _ context: AppRequestContext) -> String {
        ApplicationRoutes.displayDate(iso, context.language)
    }
    func time(_ ts: String, _ context: AppRequestContext) -> String {
        ApplicationRoutes.displayTime(ts, context.language)
    }
    func today() -> String { CivilDate.berlin(clock.now()).iso }

    /// The clerk, or the response that ends the request (login for the anonymous, 403 for others).
    func clerk(_ request: Request, _ context: AppRequestContext) throws -> (Actor, String)? {
        guard let actor = context.actor else { return nil }
        guard Policy.workCases(actor: actor).allowed, let authorityID = actor.authorityID else {
            throw HTTPError(.forbidden)
        }
        return (actor, authorityID)
    }

    func staffLogin(_ context: AppRequestContext) -> Response {
        pages.redirect("/mitarbeiter/anmelden" + lq(context))
    }

    // MARK: Inbox

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (actor, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        var parameters: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { parameters[String(k)] = String(v) }
        let today = self.today()
        let query = InboxQuery(parameters: parameters, me: actor.accountID, today: today)
        let page = try await cases.inbox(authorityID: authorityID, query)
        let keep = query.parameters + (context.language == .en && context.languageFromQuery ? [("lang", "en")] : [])
        func link(_ extra: [(String, String)]) -> String {
            let all = keep + extra
            return "/behoerde/vorgaenge"
                + (all.isEmpty
                    ? "" : "?" + all.map { "\($0.0)=\(AccountRoutes.queryEncode($0.1))" }.joined(separator: "&"))
        }
        let statusValue: String = {
            switch query.status {
            case .open: "open"
            case .closed: "closed"
            case .status(let s): s.rawValue
            }
        }()
        let assigneeValue: String = {
            switch query.assignee {
            case .anyone: ""
            case .unassigned: "none"
            case .account(let id): id == actor.accountID ? "me" : id
            }
        }()
        return pages.form(
            "caseInbox", request, context, title: t("cases_inbox_title", context),
            values: [
                // The rows are written here rather than by the template engine: 25 rows of ten
                // values each were most of an inbox page's cost in Mustache's dynamic lookups.
                "rowsHTML": rowsHTML(page.items, context, today: today),
                "hasItems": !page.items.isEmpty,
                "next": page.next.map { link([("after", $0.token)]) } ?? "",
                "first": query.after == nil ? "" : link([]),
                // Option lists too (86 services): Mustache sections cost more than the query.
                "statusOptionsHTML": HTML.options(
                    (["open", "closed"] + CaseStatus.allCases.filter { $0 != .closed }.map(\.rawValue)).map {
                        ($0, t("cases_filter_status_\($0)", context))
                    }, selected: statusValue),
                "assigneeOptionsHTML": HTML.options(
                    [("", "cases_filter_anyone"), ("me", "cases_filter_me"), ("none", "cases_filter_none")].map {
                        ($0.0, t($0.1, context))
                    }, selected: assigneeValue),
                "sortOptionsHTML": HTML.options(
                    InboxQuery.Sort.allCases.map { ($0.rawValue, t("cases_sort_\($0.rawValue)", context)) },
                    selected: query.sort.rawValue),
                "serviceOptionsHTML": serviceChoices[context.language]?.html(selected: query.service) ?? "",
                "overdueChecked": query.overdueOn != nil,
            ])
    }

    /// The inbox table's rows, every value HTML-escaped.
    func rowsHTML(_ items: [CaseStore.Summary], _ context: AppRequestContext, today: String) -> String {
        let overdue = HTML.escape(t("cases_overdue", context))
        let unassigned = t("cases_unassigned", context)
        let q = lq(context)
        var out = ""
        out.reserveCapacity(items.count * 400)
        for c in items {
            out +=
                "<tr data-case><td><a href=\"/behoerde/vorgaenge/\(HTML.escape(c.id))\(q)\">\(HTML.escape(c.number))</a></td><td>"
            out += escapedServiceNames[context.language]?[c.leika] ?? HTML.escape(c.leika)
            if c.channel.enteredByStaff {
                out += " <span class=\"meta\">(\(HTML.escape(t("case_channel_\(c.channel.rawValue)", context))))</span>"
            }
            out +=
                "</td><td>\(HTML.escape(c.applicantName))</td><td>\(HTML.escape(time(c.receivedAt, context)))</td><td>"
            out += HTML.escape(date(c.deadline, context))
            if c.status.isOpen && c.deadline < today { out += " <strong class=\"flag\">\(overdue)</strong>" }
            out += "</td><td>\(HTML.escape(t("case_status_\(c.status.rawValue)", context)))</td>"
            out += "<td>\(HTML.escape(c.assigneeName ?? unassigned))</td></tr>\n"
        }
        return out
    }

    // MARK: One case

    /// The case for this clerk (their authority's, or shared with it), opening it in the audit trail.
    func opened(_ request: Request, _ context: AppRequestContext, _ actor: Actor, _ authorityID: String) async throws
        -> (CaseStore.Record, CaseStore.Access)
    {
        let id = try context.parameters.require("id")
        guard let found = try await cases.open(id, staff: actor.accountID, authorityID: authorityID) else {
            throw HTTPError(.notFound)
        }
        return found
    }

    @Sendable func view(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (actor, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let (record, access) = try await opened(request, context, actor, authorityID)
        return try await page(request, context, record, access, actor: actor)
    }

    func page(
        _ request: Request, _ context: AppRequestContext, _ record: CaseStore.Record, _ access: CaseStore.Access,
        actor: Actor, errors: [(field: String, message: String)] = [], status: HTTPResponse.Status = .ok,
        posted: [String: String] = [:]
    ) async throws -> Response {
        let documents = try await cases.documents(of: record.id)
        let attachments = try await cases.attachments(of: record)
        let authority = try await authorities.authority(id: record.authorityID)
        var values: [String: Any] = [
            "id": record.id, "number": record.number, "service": serviceName(record.leika, context),
            "authority": authority?.name ?? record.authorityID, "applicant": record.applicantName,
            "received": time(record.receivedAt, context), "deadline": date(record.deadline, context),
            "overdue": record.status.isOpen && record.deadline < today(),
            "status": t("case_status_\(record.status.rawValue)", context),
            "channel": t("case_channel_\(record.channel.rawValue)", context),
            "lq": lq(context),
        ]
        var submission: SubmissionStore.Submission?
        if let sid = record.submissionID { submission = try await submissions.find(id: sid) }
        func documentRows(_ list: [CaseStore.Document]) -> [[String: Any]] {
            list.map { d in
                [
                    "title": d.kind == "attachment" ? "\(t("case_attachment", context)) (\(d.title))" : d.title,
                    "filename": d.filename, "version": d.version, "size": "\(max(1, d.size / 1024)) KB",
                    "at": time(d.createdAt, context), "sha": String(d.sha256.prefix(16)),
                    "href": d.kind == "attachment"
                        ? "/behoerde/vorgaenge/\(record.id)/anlage/\(d.id)"
                        : "/behoerde/vorgaenge/\(record.id)/akte/\(d.id)/\(d.version)",
                ]
            }
        }
        switch access {
        case .involved(let shares):
            let parts = Set(shares.flatMap(\.parts))
            values["involved"] = true
            values["shares"] = shares.map { s in
                [
                    "task": s.task, "answered": s.answer != nil, "answer": s.answer ?? "",
                    "action": "/behoerde/beteiligungen/\(s.id)/antwort\(lq(context))",
                ] as [String: Any]
            }
            if parts.contains("data"), let submission {
                values["sections"] = applications.answerSections(submission, context)
            }
            // The application's attachments belong to its data.
            let visible =
                (parts.contains("data") ? attachments : []) + documents.filter { parts.contains("document:\($0.id)") }
            values["documents"] = documentRows(visible)
            values["hasDocs"] = !visible.isEmpty
        case .responsible:
            values["responsible"] = true
            if let submission {
                values["sections"] = applications.answerSections(submission, context)
                values["reference"] = submission.reference
            }
            values["documents"] = documentRows(attachments + documents)
            values["hasDocs"] = !(attachments + documents).isEmpty
            let messages = try await cases.messages(of: record.id)
            values["hasMessages"] = !messages.isEmpty
            values["messages"] = messages.map { m in
                [
                    "subject": m.subject, "at": time(m.createdAt, context),
                    "direction": t(m.direction == "in" ? "case_message_sent" : "case_message_reply", context),
                    "paragraphs": m.body.split(separator: "\n").map(String.init),
                ] as [String: Any]
            }
            let staff = try await pages.accounts.staff(of: record.authorityID)
            values["staffOptions"] = staff.filter { $0.roles.contains(.clerk) || $0.roles.contains(.teamLead) }.map {
                ["id": $0.accountID, "name": $0.displayName, "selected": $0.accountID == record.assigneeID]
            }
            let tasks = try await cases.openTasks(of: record)
            values["canCheck"] = tasks.contains(DefaultProcess.Task.check)
            values["canDecide"] = tasks.contains(DefaultProcess.Task.decide)
            values["canClose"] = tasks.contains(DefaultProcess.Task.close)
            values["canSampleCheck"] =
                tasks.contains(DefaultProcess.Task.sampleCheck) || tasks.contains(DefaultProcess.Task.sampleCheckAfter)
            if let p = record.proposal {
                values["proposal"] =
                    [
                        "outcome": p.outcome.map { t("case_outcome_\($0.rawValue)", context) } ?? "–", "tenor": p.tenor,
                        "judgement": p.needsJudgement, "hasJudgement": !p.needsJudgement.isEmpty,
                        "rows": p.calculation.map { ["label": $0.label, "norm": $0.norm, "value": $0.value] },
                    ] as [String: Any]
            }
            values["canRequest"] = record.applicantAccountID != nil
            // Once-only: the clerk may check the resident register (`OnceOnlyRoutes.clerkRetrieval`).
            values["canQueryRegister"] = record.applicantAccountID != nil && record.leika == OnceOnly.wohngeld
            values["tasks"] = tasks.map { t("case_task_\($0)", context) }.joined(separator: ", ")
            let names = Dictionary(staff.map { ($0.accountID, $0.displayName) }, uniquingKeysWith: { a, _ in a })
            values["assignee"] = record.assigneeID.map { names[$0] ?? $0 } ?? ""
            values["mine"] = record.assigneeID == actor.accountID
            if let request = record.request {
                values["request"] = ["text": request.text, "deadline": date(request.deadline, context)]
            }
            if let decision = record.decision {
                values["decision"] = [
                    "outcome": t("case_outcome_\(decision.outcome.rawValue)", context), "reasons": decision.reasons,
                    "at": time(decision.decidedAt, context), "automated": decision.automated,
                ]
            }
            values["events"] = try await cases.events(of: record.id).map { e in
                [
                    "kind": t("case_event_\(e.kind)", context), "detail": e.detail, "at": time(e.at, context),
                ]
            }
            let shareList = try await cases.shares(of: record.id)
            values["hasShares"] = !shareList.isEmpty
            values["shareList"] = shareList.map { s in
                [
                    "authority": s.authorityID, "task": s.task, "at": time(s.sharedAt, context),
                    "answer": s.answer ?? t("case_share_open", context),
                ]
            }
            values["shareDocuments"] = documents.filter { $0.version == 1 }.map { ["id": $0.id, "title": $0.title] }
            values["outcomes"] = DecisionOutcome.allCases.map {
                [
                    "value": $0.rawValue, "label": t("case_outcome_\($0.rawValue)", context),
                    "checked": posted["outcome"] == $0.rawValue,
                ]
            }
            values["postedReasons"] = posted["reasons"] ?? ""
            values["postedRequest"] = posted["request"] ?? ""
            values["postedDays"] = posted["days"] ?? "14"
            values["postedCompleteYes"] = posted["complete"] == "yes"
            values["postedCompleteNo"] = posted["complete"] == "no"
            values["postedShareAuthority"] = posted["authority"] ?? ""
            values["postedShareTask"] = posted["task"] ?? ""
        case .applicant:
            throw HTTPError(.notFound)
        }
        values["hasSections"] = !((values["sections"] as? [[String: Any]]) ?? []).isEmpty
        return pages.form(
            "caseView", request, context, title: "\(t("case_title", context)) \(record.number)", values: values,
            errors: errors, status: status)
    }

    /// A form post on a case by its responsible clerk: CSRF-checked, then the action; problems come
    /// back as the case page with the errors linked to their fields.
    func act(
        _ request: Request, _ context: AppRequestContext,
        _ body:
            @Sendable (CaseStore.Record, Actor, String, [String: String]) async throws -> [(
                field: String, message: String
            )]
    ) async throws -> Response {
        let fields = try await pages.csrf.verifiedForm(request, context)
        guard let (actor, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let id = try context.parameters.require("id")
        guard let record = try await cases.record(id), record.authorityID == authorityID else {
            throw HTTPError(.notFound)
        }
        var errors: [(field: String, message: String)]
        do {
            errors = try await body(record, actor, authorityID, fields)
        } catch CaseStore.CaseError.notPossible {
            errors = [("actions", t("case_error_not_possible", context))]
        } catch CaseStore.CaseError.notFound {
            throw HTTPError(.notFound)
        }
        guard errors.isEmpty else {
            let fresh = try await cases.record(id) ?? record
            return try await page(
                request, context, fresh, .responsible, actor: actor, errors: errors, status: .unprocessableContent,
                posted: fields)
        }
        return pages.redirect("/behoerde/vorgaenge/\(id)\(lq(context))")
    }

    @Sendable func assign(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { record, actor, authorityID, fields in
            let to: String? =
                switch fields["assignee"] ?? "" {
                case "me": actor.accountID
                case "": nil
                case let other: other
                }
            try await cases.assign(record.id, to: to, by: actor.accountID, authorityID: authorityID)
            return []
        }
    }

    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { record, actor, authorityID, fields in
            switch fields["complete"] {
            case "yes":
                try await cases.check(record.id, complete: true, by: actor.accountID, authorityID: authorityID)
                return []
            case "no":
                let (days, problems) = CaseInput.documentRequest(
                    text: fields["request"] ?? "", days: fields["days"] ?? "")
                guard problems.isEmpty, let days else { return problems.map { ($0.field, t($0.key, context)) } }
                try await cases.check(
                    record.id, complete: false,
                    request: (fields["request"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                    days: days, by: actor.accountID, authorityID: authorityID)
                return []
            default:
                return [("complete_yes", t("case_error_complete", context))]
            }
        }
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { record, actor, authorityID, fields in
            let reasons = (fields["reasons"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let (outcome, problems) = CaseInput.decision(outcome: fields["outcome"], reasons: reasons)
            guard problems.isEmpty, let outcome else {
                return problems.map { ($0.field == "outcome" ? "outcome_approved" : $0.field, t($0.key, context)) }
            }
            try await cases.decide(
                record.id, outcome: outcome, reasons: reasons, by: actor.accountID, authorityID: authorityID)
            if outcome != .rejected, let payments {
                // The fee may depend on the application's answers (a table or a decision).
                let data = try await record.submissionID.asyncMap { try await submissions.find(id: $0) }??.data
                try await payments.requestOnApproval(
                    record, data: data.flatMap { try? FormValue.parse(Data($0.utf8)) },
                    serviceName: serviceName(record.leika, context), clerk: actor.accountID, mailbox: pages.mailbox)
            }
            return []
        }
    }

    @Sendable func sampleCheck(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { record, actor, authorityID, fields in
            let reason = (fields["sample_reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            switch fields["agree"] {
            case "yes":
                try await cases.sampleCheck(
                    record.id, agree: true, reason: reason, by: actor.accountID, authorityID: authorityID)
                return []
            case "no":
                guard !reason.isEmpty, reason.count <= CaseInput.maxText else {
                    return [("sample_reason", t("case_error_sample_reason", context))]
                }
                try await cases.sampleCheck(
                    record.id, agree: false, reason: reason, by: actor.accountID, authorityID: authorityID)
                return []
            default:
                return [("agree_yes", t("case_error_sample", context))]
            }
        }
    }

    @Sendable func sampleStatistics(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (_, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let stats = try await cases.sampleStatistics(authorityID: authorityID)
        return pages.form(
            "caseSamples", request, context, title: t("cases_samples_title", context),
            values: [
                "rows": stats.map { s in
                    [
                        "service": serviceName(s.leika, context), "checked": s.checked, "disagreed": s.disagreed,
                        "open": s.open,
                        "rate": s.checked == 0 ? "–" : "\((s.disagreed * 1000 / s.checked + 5) / 10) %",
                    ] as [String: Any]
                },
                "hasRows": !stats.isEmpty,
            ])
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { record, actor, authorityID, _ in
            try await cases.close(record.id, by: actor.accountID, authorityID: authorityID)
            return []
        }
    }

    @Sendable func note(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { record, actor, authorityID, fields in
            let text = (fields["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= CaseInput.maxText else {
                return [("note", t("case_error_note", context))]
            }
            try await cases.addNote(record.id, text: text, by: actor.accountID, authorityID: authorityID)
            return []
        }
    }

    @Sendable func share(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await act(request, context) { record, actor, authorityID, fields in
            let other = (fields["authority"] ?? "").trimmingCharacters(in: .whitespaces)
            let task = (fields["task"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            var parts: [String] = fields["part_data"] == "1" ? ["data"] : []
            for (k, v) in fields where k.hasPrefix("part_doc_") && v == "1" {
                parts.append("document:\(k.dropFirst("part_doc_".count))")
            }
            var errors: [(String, String)] = []
            let known = try await authorities.authority(id: other) != nil
            if other == authorityID || !known {
                errors.append(("authority", t("case_error_authority", context)))
            }
            if task.isEmpty || task.count > CaseInput.maxText { errors.append(("task", t("case_error_task", context))) }
            if parts.isEmpty { errors.append(("part_data", t("case_error_parts", context))) }
            guard errors.isEmpty else { return errors }
            try await cases.share(
                record.id, with: other, parts: parts.sorted(), task: task, by: actor.accountID, authorityID: authorityID
            )
            return []
        }
    }

    /// Multipart: a document for the file (a new one, or a new version of `document`).
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (actor, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let (fields, files) = try await multipart(request)
        guard pages.csrf.verify(request: request, submitted: fields[CSRF.field]) else { throw HTTPError(.forbidden) }
        let id = try context.parameters.require("id")
        guard let record = try await cases.record(id), record.authorityID == authorityID else {
            throw HTTPError(.notFound)
        }
        guard let file = files.first, !file.data.isEmpty, file.data.count <= Self.maxUpload else {
            return try await page(
                request, context, record, .responsible, actor: actor,
                errors: [("file", t("case_error_file", context))], status: .unprocessableContent)
        }
        let title = (fields["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            try await cases.addDocument(
                id, documentID: (fields["document"] ?? "").isEmpty ? nil : fields["document"],
                title: title.isEmpty ? file.filename : String(title.prefix(200)), data: file.data,
                filename: file.filename, contentType: file.contentType, by: actor.accountID, authorityID: authorityID)
        } catch CaseStore.CaseError.notFound {
            throw HTTPError(.notFound)
        }
        return pages.redirect("/behoerde/vorgaenge/\(id)\(lq(context))")
    }

    struct File {
        var filename: String
        var contentType: String
        var data: Data
    }

    /// The text fields and the files of a multipart form; only PDF, JPEG and PNG (by their bytes).
    func multipart(_ request: Request) async throws -> ([String: String], [File]) {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { throw HTTPError(.unsupportedMediaType) }
        let body = try await request.body.collect(upTo: Self.maxUpload * 3 + 64 * 1024)
        let parts: [Multipart.Part]
        do { parts = try Multipart.parse(body: Data(buffer: body), contentType: contentType, maxParts: 20) } catch {
            throw HTTPError(.badRequest)
        }
        var fields: [String: String] = [:]
        var files: [File] = []
        for part in parts {
            if let filename = part.filename {
                guard !part.data.isEmpty else { continue }
                guard let type = Multipart.sniff(part.data) else {
                    files.append(File(filename: filename, contentType: "", data: Data()))
                    continue
                }
                files.append(File(filename: String(filename.prefix(255)), contentType: type, data: part.data))
            } else {
                fields[part.name] = String(decoding: part.data, as: UTF8.self)
            }
        }
        return (fields, files)
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (actor, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let (record, access) = try await opened(request, context, actor, authorityID)
        let doc = try context.parameters.require("doc")
        let version = try context.parameters.require("version", as: Int.self)
        if case .involved(let shares) = access, !shares.contains(where: { $0.parts.contains("document:\(doc)") }) {
            throw HTTPError(.notFound)
        }
        guard let (d, data) = try await cases.documentContent(caseID: record.id, documentID: doc, version: version)
        else {
            throw HTTPError(.notFound)
        }
        return Self.download(d, data)
    }

    @Sendable func attachment(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (actor, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let (record, access) = try await opened(request, context, actor, authorityID)
        if case .involved(let shares) = access, !shares.contains(where: { $0.parts.contains("data") }) {
            throw HTTPError(.notFound)
        }
        let doc = try context.parameters.require("doc")
        guard let (d, data) = try await cases.attachmentContent(record: record, documentID: doc) else {
            throw HTTPError(.notFound)
        }
        return Self.download(d, data)
    }

    static func download(_ d: CaseStore.Document, _ data: Data) -> Response {
        let safe = CaseArchive.safeName(d.filename)
        return Response(
            status: .ok,
            headers: [
                .contentType: d.contentType, .contentDisposition: "attachment; filename=\"\(safe)\"",
                .cacheControl: "no-store", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (actor, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let (record, access) = try await opened(request, context, actor, authorityID)
        guard case .responsible = access else { throw HTTPError(.notFound) }
        let authority = try await authorities.authority(id: record.authorityID)
        let zip = try await cases.export(
            record.id, authorityName: authority?.name ?? record.authorityID,
            serviceName: catalog.service(leika: record.leika)?.name.de ?? record.leika)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/zip",
                .contentDisposition: "attachment; filename=\"vorgang-\(record.number).zip\"", .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(bytes: zip)))
    }

    // MARK: Involvement

    @Sendable func involvements(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (_, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let list = try await cases.involvements(authorityID: authorityID)
        return pages.form(
            "caseInvolvements", request, context, title: t("cases_involvements_title", context),
            values: [
                "items": list.map { (s, c) in
                    [
                        "href": "/behoerde/vorgaenge/\(c.id)\(lq(context))", "number": c.number,
                        "service": serviceName(c.leika, context), "task": s.task, "at": time(s.sharedAt, context),
                        "state": s.answer == nil ? t("case_share_open", context) : t("case_share_answered", context),
                    ]
                },
                "hasItems": !list.isEmpty,
            ])
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await pages.csrf.verifiedForm(request, context)
        guard let (actor, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let shareID = try context.parameters.require("share")
        let statement = (fields["statement"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let caseID = try await cases.involvements(authorityID: authorityID, limit: 1000).first { $0.0.id == shareID }?.1
            .id
        guard let caseID else { throw HTTPError(.notFound) }
        guard !statement.isEmpty, statement.count <= CaseInput.maxText else {
            guard let (record, access) = try await cases.open(caseID, staff: actor.accountID, authorityID: authorityID)
            else { throw HTTPError(.notFound) }
            return try await page(
                request, context, record, access, actor: actor,
                errors: [("statement", t("case_error_statement", context))], status: .unprocessableContent)
        }
        do {
            try await cases.answer(share: shareID, statement: statement, by: actor.accountID, authorityID: authorityID)
        } catch CaseStore.CaseError.notFound {
            throw HTTPError(.notFound)
        }
        return pages.redirect("/behoerde/vorgaenge/\(caseID)\(lq(context))")
    }

    // MARK: Paper, phone, counter

    @Sendable func intakePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard try clerk(request, context) != nil else { return staffLogin(context) }
        return try await intakeForm(request, context, fields: [:], errors: [])
    }

    /// Step 1: how the application came, for whom, where; the scan and a note.
    func intakeForm(
        _ request: Request, _ context: AppRequestContext, fields: [String: String],
        errors: [(field: String, message: String)], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        pages.form(
            "caseIntake", request, context, title: t("case_intake_title", context),
            values: [
                "services": catalog.services.sorted { $0.leika < $1.leika }.map {
                    [
                        "value": $0.leika, "label": applications.name($0.name, context),
                        "selected": $0.leika == fields["service"],
                    ]
                },
                "channels": [Channel.paper, .phone, .counter].map {
                    [
                        "value": $0.rawValue, "label": t("case_channel_\($0.rawValue)", context),
                        "checked": $0.rawValue == (fields["channel"] ?? "paper"),
                    ]
                },
                "name": fields["name"] ?? "", "ars": fields["ars"] ?? "", "note": fields["note"] ?? "",
            ], errors: errors, status: status)
    }

    /// What step 1 records about an application a clerk enters.
    struct Entry {
        var leika: String
        var channel: Cases.Channel
        var name: String
        var ars: String
        var note: String
    }

    /// Step 1's fields, checked; with the service's online form, if it has one. An application with a
    /// form becomes a submission routed like an online one, so the clerk's authority must be the one
    /// responsible for the service in that municipality.
    func checkEntry(_ fields: [String: String], authorityID: String, _ context: AppRequestContext) async throws -> (
        Entry?, ApplicationForm?, [(field: String, message: String)]
    ) {
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let ars = (fields["ars"] ?? "").trimmingCharacters(in: .whitespaces)
        let leika = fields["service"] ?? ""
        let channel = Channel(rawValue: fields["channel"] ?? "").flatMap { $0.enteredByStaff ? $0 : nil }
        let service = catalog.service(leika: leika)
        let form = applications.forms.form(forService: leika)
        var errors: [(field: String, message: String)] = []
        if service == nil { errors.append(("service", t("case_error_service", context))) }
        if name.isEmpty || name.count > 200 { errors.append(("name", t("case_error_name", context))) }
        if ars.count != 12 || !ars.allSatisfy(\.isASCII) || !ars.allSatisfy(\.isNumber) {
            errors.append(("ars", t("case_error_ars", context)))
        } else if let service, form != nil {
            let responsible = try await applications.intake.responsible(service, ars: ars)
            if let responsible, responsible.id != authorityID {
                errors.append(
                    ("ars", t("case_error_ars_other", context).replacingOccurrences(of: "{}", with: responsible.name)))
            } else if responsible == nil {
                errors.append(("ars", t("case_error_ars", context)))
            }
        } else if !ars.hasPrefix(try await authorities.authority(id: authorityID)?.servedARS ?? "∅") {
            errors.append(("ars", t("case_error_ars", context)))
        }
        if channel == nil { errors.append(("channel_paper", t("case_error_channel", context))) }
        guard errors.isEmpty, let channel else { return (nil, form, errors) }
        return (
            Entry(
                leika: leika, channel: channel, name: name, ars: ars,
                note: String((fields["note"] ?? "").prefix(CaseInput.maxText))), form, []
        )
    }

    @Sendable func intake(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (actor, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let (fields, files) = try await multipart(request)
        guard pages.csrf.verify(request: request, submitted: fields[CSRF.field]) else { throw HTTPError(.forbidden) }
        var (entry, form, errors) = try await checkEntry(fields, authorityID: authorityID, context)
        if files.contains(where: { $0.data.isEmpty || $0.data.count > Self.maxUpload }) {
            errors.append(("file", t("case_error_file", context)))
        }
        guard errors.isEmpty, let entry else {
            return try await intakeForm(request, context, fields: fields, errors: errors, status: .unprocessableContent)
        }
        guard let form else {
            // A service without an online form: the scan and the note are the application.
            let id = try await cases.enter(
                authorityID: authorityID, leika: entry.leika, ars: entry.ars, applicantName: entry.name,
                applicantAccountID: nil, channel: entry.channel,
                document: files.first.map { ($0.data, $0.filename, $0.contentType) }, note: entry.note,
                by: actor.accountID)
            return pages.redirect("/behoerde/vorgaenge/\(id)\(lq(context))")
        }
        // Step 2 takes the answers in the service's form; the scan waits meanwhile as a document of
        // this authority, and step 1's answers travel in the page.
        var scanID = ""
        if let file = files.first {
            do {
                scanID =
                    try await applications.documents.store(
                        file.data, filename: file.filename, contentType: file.contentType,
                        owner: .authority(authorityID)
                    ).id
            } catch StorageError.rejectedByScanner {
                return try await intakeForm(
                    request, context, fields: fields, errors: [("file", t("case_error_file", context))],
                    status: .unprocessableContent)
            }
        }
        return intakeAnswers(
            request, context, entry: entry, form: form, scanID: scanID, token: Identifier.uuidV7(at: clock.now()),
            data: .object([:]), issues: [])
    }

    /// Step 2: the service's whole form on one page, as the online journey renders its steps.
    func intakeAnswers(
        _ request: Request, _ context: AppRequestContext, entry: Entry, form: ApplicationForm, scanID: String,
        token: String, data: FormValue, issues: [ValidationIssue]
    ) -> Response {
        let journey = Journey(form: form)
        let dynamic = journey.dynamic(data, today: clock.now())
        let (errorsByName, summary) = FormRenderer.errors(issues, form: form, language: context.language)
        let renderer = FormRenderer(language: context.language, errors: errorsByName, forStaff: true)
        var answers: [String: FormValue] = [:]
        if case .object(let o) = data { answers = o }
        let steps = journey.visibleSteps(dynamic)
        let sections = steps.compactMap { step -> [String: Any]? in
            guard let ref = journey.ref(step: step) else { return nil }
            var section: [String: Any] = ["html": renderer.step(ref, value: answers[ref.element.id], single: false)]
            // A group gets its heading; a single question has its label.
            if ref.element.isGroup {
                section["heading"] = renderer.label(ref.element.texts)
                if let hint = ref.element.texts.hint, !hint.isEmpty { section["intro"] = hint }
            }
            return section
        }
        var hidden = ""
        for (name, value) in [
            ("service", entry.leika), ("channel", entry.channel.rawValue), ("name", entry.name), ("ars", entry.ars),
            ("note", entry.note), ("scan", scanID), ("token", token),
        ] {
            hidden += "<input type=\"hidden\" name=\"\(name)\" value=\"\(HTML.escape(value))\">"
        }
        // Files uploaded already, by document id; before the file inputs, so a new upload replaces one.
        for (documentID, pointer) in journey.documents(in: data) {
            hidden +=
                "<input type=\"hidden\" name=\"\(HTML.escape(FormRenderer.name(ofPointer: pointer)))\" value=\"\(HTML.escape(documentID))\">"
        }
        let service = serviceName(entry.leika, context)
        let place = applications.regions.municipality(ars: entry.ars).map { "\($0.name) (\(entry.ars))" } ?? entry.ars
        return pages.form(
            "caseIntakeForm", request, context, title: "\(t("case_intake_form_title", context)) – \(service)",
            values: [
                "serviceName": service, "channel": t("case_channel_\(entry.channel.rawValue)", context),
                "applicant": entry.name, "place": place, "hasScan": !scanID.isEmpty, "hasNote": !entry.note.isEmpty,
                "note": entry.note, "hiddenHTML": hidden, "sections": sections, "lq": lq(context),
                "multipart": steps.contains { journey.hasUpload(step: $0) },
            ], errors: summary, status: issues.isEmpty ? .ok : .unprocessableContent)
    }

    /// Step 2 posted: the answers are read and validated as the online journey does, and the
    /// application is submitted through the same intake (routing, immutable submission, its case
    /// opened in the same commit), recorded as entered by this clerk.
    @Sendable func intakeApplication(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (actor, authorityID) = try clerk(request, context) else { return staffLogin(context) }
        let (posted, parts) = try await intakeParts(request)
        guard pages.csrf.verify(request: request, submitted: posted[CSRF.field]) else { throw HTTPError(.forbidden) }
        let (checked, checkedForm, entryErrors) = try await checkEntry(posted, authorityID: authorityID, context)
        guard entryErrors.isEmpty, let entry = checked, let form = checkedForm else {
            return try await intakeForm(
                request, context, fields: posted,
                errors: entryErrors.isEmpty ? [("service", t("case_error_service", context))] : entryErrors,
                status: .unprocessableContent)
        }
        let owner = Owner.authority(authorityID)
        let scanID = posted["scan"] ?? ""
        var scan: (StoredDocument, Data)? = nil
        if !scanID.isEmpty {
            // Only a scan this authority holds (the id travels in the page).
            scan = try await applications.documents.content(id: scanID, owner: owner)
            if scan == nil {
                return try await intakeForm(
                    request, context, fields: posted, errors: [("file", t("case_error_file", context))],
                    status: .unprocessableContent)
            }
        }
        if posted["action"] == "back" { return try await intakeForm(request, context, fields: posted, errors: []) }
        let journey = Journey(form: form)
        let action = Journey.Action(posted["action"])
        let (uploaded, uploadIssues) = try await applications.storeUploads(parts, form: form, owner: owner)
        let fields = journey.apply(action, to: posted.merging(uploaded) { _, id in id })
        let now = clock.now()
        // What the rules require depends on the answers: read with what the first reading requires.
        var data = FormValue.object([:])
        var required = journey.dynamic(data, today: now).required
        for _ in 0..<2 {
            data = .object([:])
            for (index, ref) in form.schema.children.enumerated() {
                let value = journey.read(step: index + 1, fields: fields, previous: nil, required: required)
                data = Journey.setting(ref.element.id, to: value, in: data)
            }
            required = journey.dynamic(data, today: now).required
        }
        data = Journey.pruning(data, hidden: journey.dynamic(data, today: now).hidden)
        let token = posted["token"].flatMap { $0.isEmpty || $0.count > 64 ? nil : $0 } ?? Identifier.uuidV7(at: now)
        guard action == .next else {
            return intakeAnswers(
                request, context, entry: entry, form: form, scanID: scanID, token: token, data: data, issues: [])
        }
        var issues = uploadIssues
        // Only documents this authority holds may be referred to (their ids travel in the page).
        let referred = journey.documents(in: data)
        let known = try await applications.documents.existing(ids: referred.map(\.documentID), owner: owner)
        for (documentID, pointer) in referred where !known.contains(documentID) {
            let id = pointer.split(separator: "/").last(where: { Int($0) == nil }).map(String.init) ?? ""
            issues.append(
                ValidationIssue(
                    pointer: pointer, elementID: id, code: .wrongType, messageDE: t("case_error_file", context),
                    messageEN: Texts.Catalog.text("case_error_file", .en), label: ""))
        }
        issues += form.validate(data, today: now).filter { issue in !issues.contains { $0.pointer == issue.pointer } }
        guard issues.isEmpty else {
            return intakeAnswers(
                request, context, entry: entry, form: form, scanID: scanID, token: token, data: data, issues: issues)
        }
        let canonical = String(decoding: data.jsonData(), as: UTF8.self)
        // A second click on "create" with the same page gives the same submission (and case).
        let requestHash = Hex.encode(
            SHA256.hash(
                data: Data(
                    [entry.leika, entry.channel.rawValue, entry.name, entry.ars, entry.note, scanID, canonical]
                        .joined(separator: "\u{0}").utf8)))
        let result = try await applications.intake.accept(
            form: form, leika: entry.leika, ars: entry.ars, data: data, accountID: nil, trustLevel: nil,
            idempotency: (scope: "staff:\(actor.accountID)", key: token, requestHash: requestHash),
            canonicalData: canonical, provenance: #"{"default":"staff"}"#,
            staffEntry: SubmissionStore.StaffEntry(
                channel: entry.channel.rawValue, applicantName: entry.name, enteredBy: actor.accountID,
                enclosure: .init(
                    scan: scan.map { ($0.1, $0.0.filename, $0.0.contentType) }, note: entry.note)),
            onlyFor: authorityID)
        switch result {
        case .accepted(let submission, _):
            guard let id = try await cases.caseID(submission: submission.id) else {
                throw HTTPError(.internalServerError)
            }
            return pages.redirect("/behoerde/vorgaenge/\(id)\(lq(context))")
        case .noAuthority, .wrongDestination:
            return try await intakeForm(
                request, context, fields: posted, errors: [("ars", t("case_error_ars", context))],
                status: .unprocessableContent)
        case .keyReused:
            throw HTTPError(.conflict)
        }
    }

    /// Step 2's fields and file parts: multipart when the form has a file field, else URL-encoded.
    func intakeParts(_ request: Request) async throws -> ([String: String], [Multipart.Part]) {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            let body = try await request.body.collect(upTo: 1024 * 1024)
            return (parseForm(String(buffer: body)), [])
        }
        let body = try await request.body.collect(upTo: ApplicationRoutes.defaultMaxUpload * 2 + 1024 * 1024)
        let parts: [Multipart.Part]
        do { parts = try Multipart.parse(body: Data(buffer: body), contentType: contentType) } catch {
            throw HTTPError(.badRequest)
        }
        var fields: [String: String] = [:]
        for part in parts where part.filename == nil { fields[part.name] = String(decoding: part.data, as: UTF8.self) }
        return (fields, parts.filter { $0.filename != nil })
    }

    // MARK: The applicant

    func citizen(_ request: Request, _ context: AppRequestContext) throws -> Actor? {
        guard let actor = context.actor else { return nil }
        guard actor.kind == .citizen else { throw HTTPError(.forbidden) }
        return actor
    }

    @Sendable func myCases(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { return pages.redirect("/anmelden") }
        let list = try await cases.cases(ofApplicant: actor.accountID)
        return pages.form(
            "myCases", request, context, title: t("my_cases_title", context),
            values: [
                "items": list.map { c in
                    [
                        "href": "/konto/vorgaenge/\(c.id)\(lq(context))", "number": c.number,
                        "service": serviceName(c.leika, context), "received": time(c.receivedAt, context),
                        "status": t("case_status_\(c.status.rawValue)", context),
                        "action": c.status == .awaitingApplicant,
                    ] as [String: Any]
                },
                "hasItems": !list.isEmpty,
            ])
    }

    @Sendable func myCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { return pages.redirect("/anmelden") }
        return try await applicantPage(request, context, actor: actor, errors: [])
    }

    func applicantPage(
        _ request: Request, _ context: AppRequestContext, actor: Actor, errors: [(field: String, message: String)],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let record = try await cases.applicantCase(id, accountID: actor.accountID),
            Policy.readOwnCase(actor: actor, applicantAccountID: record.applicantAccountID).allowed
        else { throw HTTPError(.notFound) }
        let authority = try await authorities.authority(id: record.authorityID)
        let events = try await cases.events(of: id, applicantView: true)
        let own = try await cases.documents(of: id).filter { $0.author == actor.accountID }
        var values: [String: Any] = [
            "id": id, "number": record.number, "service": serviceName(record.leika, context),
            "authority": authority?.name ?? record.authorityID, "received": time(record.receivedAt, context),
            "status": t("case_status_\(record.status.rawValue)", context),
            "statusHelp": t("case_status_help_\(record.status.rawValue)", context),
            "timeline": events.map { e in
                ["text": t("case_public_\(e.kind)", context), "at": time(e.at, context)]
            },
            "documents": own.map { d in
                [
                    "title": d.title, "at": time(d.createdAt, context),
                    "href": "/konto/vorgaenge/\(id)/akte/\(d.id)/\(d.version)",
                ]
            },
            "hasDocuments": !own.isEmpty, "lq": lq(context),
        ]
        if let r = record.request, record.status == .awaitingApplicant {
            values["request"] = [
                "text": r.text, "deadline": date(r.deadline, context),
                "action": "/konto/vorgaenge/\(id)/unterlagen\(lq(context))",
            ]
        }
        if let d = record.decision, record.status == .decided || record.status == .closed {
            values["decision"] = [
                "outcome": t("case_outcome_\(d.outcome.rawValue)", context), "reasons": d.reasons,
                "automated": d.automated,
            ]
        }
        return pages.form(
            "myCase", request, context, title: "\(t("case_title", context)) \(record.number)", values: values,
            errors: errors, status: status)
    }

    @Sendable func myDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { return pages.redirect("/anmelden") }
        let id = try context.parameters.require("id")
        guard try await cases.applicantCase(id, accountID: actor.accountID) != nil else { throw HTTPError(.notFound) }
        guard
            let (d, data) = try await cases.documentContent(
                caseID: id, documentID: try context.parameters.require("doc"),
                version: try context.parameters.require("version", as: Int.self)),
            d.author == actor.accountID
        else { throw HTTPError(.notFound) }
        return Self.download(d, data)
    }

    @Sendable func submitDocuments(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { return pages.redirect("/anmelden") }
        let (fields, files) = try await multipart(request)
        guard pages.csrf.verify(request: request, submitted: fields[CSRF.field]) else { throw HTTPError(.forbidden) }
        let id = try context.parameters.require("id")
        guard !files.isEmpty, files.allSatisfy({ !$0.data.isEmpty && $0.data.count <= Self.maxUpload }) else {
            return try await applicantPage(
                request, context, actor: actor, errors: [("documents", t("case_error_upload", context))],
                status: .unprocessableContent)
        }
        do {
            try await cases.submitDocuments(
                id, files: files.map { ($0.data, $0.filename, $0.contentType) }, accountID: actor.accountID)
        } catch CaseStore.CaseError.notFound {
            throw HTTPError(.notFound)
        } catch CaseStore.CaseError.notPossible {
            return try await applicantPage(
                request, context, actor: actor, errors: [("documents", t("case_error_no_request", context))],
                status: .unprocessableContent)
        }
        return pages.redirect("/konto/vorgaenge/\(id)\(lq(context))")
    }
}
