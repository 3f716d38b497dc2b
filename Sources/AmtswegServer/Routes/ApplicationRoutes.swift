import Accounts
import Applications
import Authorities
import Catalog
import Crypto
import Forms
import Foundation
import HTTPTypes
import Hummingbird
import Payments
import Regions
import Storage
import Texts

/// The online application journey: start page, one step per page, check your answers, submit,
/// confirmation and receipt. Drafts are saved at every step — for the signed-in owner, or for an
/// anonymous applicant under a resume code (kept in a cookie and shown on every page). Everything
/// is validated on the server; the pages work without JavaScript.
struct ApplicationRoutes: Sendable {
    let pages: AccountRoutes
    let forms: FormRegistry
    let catalog: ServiceCatalog
    let regions: RegionDirectory
    let authorities: AuthorityStore
    let drafts: DraftStore
    let submissions: SubmissionStore
    let documents: DocumentStore
    let intake: SubmissionIntake
    let mandates: MandateStore
    let secureCookies: Bool
    /// Fees and the payment provider (`PaymentRoutes`); a service paid before submission goes to the provider from
    /// the check page, and its draft is submitted once the payment's webhook arrives.
    let payments: PaymentDesk
    /// Once-only (consent and prefill before the form); nil without registers.
    var registers: RegisterService? = nil

    static let draftCookie = "aw_draft"
    /// Upload limit of a file field when the schema names none.
    static let defaultMaxUpload = 10 * 1024 * 1024
    static let defaultMediaTypes = ["application/pdf", "image/jpeg", "image/png"]

    func register(on router: Router<AppRequestContext>) {
        router.get("/leistungen/:leika/antrag", use: startPage)
        router.post("/leistungen/:leika/antrag", use: start)
        router.get("/antraege/fortsetzen", use: resumePage)
        router.post("/antraege/fortsetzen", use: resume)
        router.get("/antraege/:draft/schritt/:step", use: stepPage)
        router.post("/antraege/:draft/schritt/:step", use: saveStep)
        router.get("/antraege/:draft/pruefen", use: checkPage)
        router.post("/antraege/:draft/absenden", use: submit)
        router.get("/antraege/eingereicht/:id", use: confirmation)
        router.get("/antraege/eingereicht/:id/quittung", use: receipt)
        router.get("/konto/antraege", use: myApplications)
        router.get("/behoerde/eingang", use: inbox)
        router.get("/behoerde/eingang/:id", use: inboxItem)
    }

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }
    func lq(_ context: AppRequestContext) -> String {
        context.languageFromQuery && context.language == .en ? "?lang=en" : ""
    }
    func name(_ text: LocalizedText, _ context: AppRequestContext) -> String {
        context.language == .en ? (text.en ?? text.de) : text.de
    }

    // MARK: Start

    @Sendable func startPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let leika = try context.parameters.require("leika")
        guard let service = catalog.service(leika: leika), forms.form(forService: leika) != nil else {
            throw HTTPError(.notFound)
        }
        guard let ars = request.uri.queryParameters["ars"].map(String.init), let place = regions.municipality(ars: ars)
        else {
            return pages.redirect("/leistungen/\(leika)\(lq(context))#ort")
        }
        let authority = catalog.responsibleAuthority(
            for: service, municipalityARS: place.ars, authorities: try await authorities.all())
        let anonymous = anonymousAllowed(service)
        var values: [String: Any] = [
            "leika": leika, "ars": place.ars, "placeName": place.name, "serviceName": name(service.name, context),
            "anonymous": anonymous, "signedIn": context.actor != nil,
            "level": t("level_\(Self.required(service).rawValue)", context),
        ]
        if let authority { values["authorityName"] = authority.name }
        return try await renderStart(request, context, service: service, values: values, errors: [], status: .ok)
    }

    /// The start page; a signed-in citizen chooses whom the application is for.
    func renderStart(
        _ request: Request, _ context: AppRequestContext, service: Service, values: [String: Any],
        errors: [(field: String, message: String)], status: HTTPResponse.Status
    ) async throws -> Response {
        var values = values
        if let actor = context.actor, actor.kind == .citizen {
            let received = try await mandates.received(by: actor.accountID)
            values["canActFor"] = true
            values["mandates"] = received.map {
                [
                    "value": "mandate:\($0.id)",
                    "label": "\($0.principalName) (\(t("mandate_kind_\($0.kind.rawValue)", context)))",
                ]
            }
            values["forSelf"] = (values["for"] as? String ?? "self") == "self"
            values["forChild"] = values["for"] as? String == "child"
        }
        return pages.form(
            "applicationStart", request, context, title: name(service.name, context), values: values, errors: errors,
            status: status)
    }

    /// Whom the applicant acts for, from the start form: nil for themselves.
    func actingFor(_ fields: [String: String], actor: Actor?, _ context: AppRequestContext) async throws -> (
        ActingFor?, [(field: String, message: String)]
    ) {
        let choice = fields["for"] ?? "self"
        guard let actor, actor.kind == .citizen, choice != "self" else { return (nil, []) }
        if choice.hasPrefix("mandate:") {
            // Only a mandate this person holds and that is still valid.
            guard let mandate = try await mandates.active(id: String(choice.dropFirst(8)), agent: actor.accountID)
            else {
                return (nil, [("for", t("apply_for_error_mandate", context))])
            }
            return (
                ActingFor(
                    kind: .mandate, name: mandate.principalName, mandateID: mandate.id,
                    principalAccountID: mandate.principalID), []
            )
        }
        guard choice == "child" else { return (nil, [("for", t("apply_for_error_mandate", context))]) }
        var errors: [(field: String, message: String)] = []
        let childName = (fields["child_name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if childName.isEmpty || childName.count > 100 {
            errors.append(("child_name", t("apply_child_error_name", context)))
        }
        let birth = Self.isoDate(
            day: fields["child_birth~day"], month: fields["child_birth~month"], year: fields["child_birth~year"])
        let today = Timestamp.string(pages.accounts.clock.now()).prefix(10)
        // A child: born, and not yet 18.
        guard let birth, birth <= today, Self.yearsBetween(birth, String(today)) < 18 else {
            errors.append(("child_birth", t("apply_child_error_birth", context)))
            return (nil, errors)
        }
        guard errors.isEmpty else { return (nil, errors) }
        return (ActingFor(kind: .child, name: childName, birthDate: birth), [])
    }

    static func isoDate(day: String?, month: String?, year: String?) -> String? {
        guard let d = Int((day ?? "").trimmingCharacters(in: .whitespaces)),
            let m = Int((month ?? "").trimmingCharacters(in: .whitespaces)),
            let y = Int((year ?? "").trimmingCharacters(in: .whitespaces)), (1900...2999).contains(y),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= days[m - 1] else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// Whole years from one ISO date to another.
    static func yearsBetween(_ from: String, _ to: String) -> Int {
        let a = from.split(separator: "-").compactMap { Int($0) }
        let b = to.split(separator: "-").compactMap { Int($0) }
        guard a.count == 3, b.count == 3 else { return 0 }
        return b[0] - a[0] - ((b[1], b[2]) < (a[1], a[2]) ? 1 : 0)
    }

    // Services at the lowest trust level (and without the written form) accept applicants without
    // an account: they give a postal address and get a receipt; all others need a login at the
    // service's level (`allowsAnonymous`, `required`).

    /// The level a service asks for: its catalogue level, and "high" where the law prescribes the
    /// written form (only then does the online application replace it, § 3a Abs. 2 ThürVwVfG).
    static func required(_ service: Service) -> LevelOfAssurance {
        if service.writtenForm != nil { return .high }
        return LevelOfAssurance(rawValue: service.trustLevel.rawValue) ?? .substantial
    }

    static func allowsAnonymous(_ service: Service) -> Bool {
        service.trustLevel == .low && service.writtenForm == nil
    }

    /// A service paid before submission needs an account: a failed payment is picked up from there.
    func anonymousAllowed(_ service: Service) -> Bool {
        Self.allowsAnonymous(service) && payments.fees.beforeSubmission(service.leika) == nil
    }

    /// The fee quote for a service paid before submission (digital channel), from the application's
    /// data (a fee by table or decision reads its fields): nil if none or free; an error when the
    /// data do not determine the fee — the application is then not submitted unpaid.
    func quoteBeforeSubmission(_ leika: String, data: FormValue) throws(FeeError) -> FeeQuote? {
        guard payments.fees.beforeSubmission(leika) != nil,
            let quote = try payments.fees.quote(leika, data: data, channel: .digital), !quote.isFree
        else { return nil }
        return quote
    }

    /// The quote's lines for the page (fee, discount with its legal basis, total).
    static func feeValues(_ quote: FeeQuote, _ language: Language) -> [String: Any] {
        [
            "feeLines": quote.lines.map { line -> [String: Any] in
                // The fee's own label is configuration text; the discount and total lines have catalogue texts.
                var label = line.label
                switch line.kind {
                case .total: label = Texts.Catalog.text("pay_total", language)
                case .discount:
                    let rate = line.label.firstRange(of: " (").map { String(line.label[$0.lowerBound...]) } ?? ""
                    label = Texts.Catalog.text("pay_discount", language) + rate
                case .fee: break
                }
                return [
                    "label": label, "amount": line.formatted, "total": line.kind == .total,
                    "discount": line.kind == .discount,
                ]
            },
            "feeLegalBasis": quote.legalBasis ?? "", "discountLegalBasis": quote.discountLegalBasis ?? "",
            "feeTotal": Money.german(quote.totalCents),
        ]
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let leika = try context.parameters.require("leika")
        guard let service = catalog.service(leika: leika), let form = forms.form(forService: leika) else {
            throw HTTPError(.notFound)
        }
        let fields = try await pages.csrf.verifiedForm(request, context)
        guard let ars = fields["ars"], regions.municipality(ars: ars) != nil else { throw HTTPError(.badRequest) }
        let next = "/leistungen/\(leika)/antrag?ars=\(ars)\(lq(context).isEmpty ? "" : "&lang=en")"
        if context.actor == nil && !anonymousAllowed(service) {
            return pages.redirect(
                "/anmelden?level=\(Self.required(service).rawValue)&next=\(AccountRoutes.queryEncode(next))\(lq(context).isEmpty ? "" : "&lang=en")"
            )
        }
        if context.actor != nil, let stepUp = pages.requireLevel(Self.required(service), next: next, context) {
            return stepUp
        }
        let (acting, errors) = try await actingFor(fields, actor: context.actor, context)
        if !errors.isEmpty {
            var values: [String: Any] = [
                "leika": leika, "ars": ars, "placeName": regions.municipality(ars: ars)?.name ?? ars,
                "serviceName": name(service.name, context), "anonymous": anonymousAllowed(service),
                "signedIn": context.actor != nil, "level": t("level_\(Self.required(service).rawValue)", context),
                "for": fields["for"] ?? "self", "childName": fields["child_name"] ?? "",
                "childDay": fields["child_birth~day"] ?? "", "childMonth": fields["child_birth~month"] ?? "",
                "childYear": fields["child_birth~year"] ?? "",
            ]
            values["forMandate"] = fields["for"]
            _ = form
            return try await renderStart(
                request, context, service: service, values: values, errors: errors, status: .unprocessableContent)
        }
        let (draft, code) = try await drafts.create(
            leika: leika, ars: ars, accountID: context.actor?.accountID, actingFor: acting?.json)
        var target = "/antraege/\(draft.id)/schritt/1\(lq(context))"
        if registers != nil, OnceOnly.offers(leika), draft.accountId != nil {
            // Once-only: what would be asked of which register comes first, the applicant decides.
            target = "/antraege/\(draft.id)/einwilligung\(lq(context))"
        }
        guard let code else { return pages.redirect(target) }
        return pages.redirect(target, setCookie: draftCookie(code))
    }

    func draftCookie(_ code: String) -> String {
        "\(Self.draftCookie)=\(code); Path=/antraege; Max-Age=\(Int(drafts.lifetime)); HttpOnly; SameSite=Lax\(secureCookies ? "; Secure" : "")"
    }

    // MARK: Resume (anonymous)

    @Sendable func resumePage(_ request: Request, context: AppRequestContext) async throws -> Response {
        pages.form("applicationResume", request, context, title: t("resume_title", context), values: [:])
    }

    @Sendable func resume(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await pages.csrf.verifiedForm(request, context)
        // A resume code is a secret like a password: guessing is rate-limited like logins.
        try await pages.limitLogins(context)
        let code = fields["code"] ?? ""
        guard let draft = try await drafts.find(resumeCode: code) else {
            return pages.form(
                "applicationResume", request, context, title: t("resume_title", context), values: ["code": code],
                errors: [("code", t("resume_error", context))], status: .unprocessableContent)
        }
        return pages.redirect(
            "/antraege/\(draft.id)/schritt/\(draft.step)\(lq(context))",
            setCookie: draftCookie(DraftStore.normalise(code)))
    }

    // MARK: Steps

    /// The draft, if this browser may see it: its owner, or the holder of its resume code.
    func authorisedDraft(_ request: Request, _ context: AppRequestContext) async throws -> DraftStore.Draft {
        let id = try context.parameters.require("draft")
        guard let draft = try await drafts.find(id: id) else { throw HTTPError(.notFound) }
        if let owner = draft.accountId {
            guard context.actor?.accountID == owner else { throw HTTPError(.notFound) }
        } else {
            guard let hash = draft.resumeHash, let code = request.cookies[Self.draftCookie]?.value,
                constantTimeEquals(DraftStore.hash(code), hash)
            else { throw HTTPError(.notFound) }
        }
        return draft
    }

    struct Loaded {
        var draft: DraftStore.Draft
        var form: ApplicationForm
        var service: Service
        var data: FormValue
        var journey: Journey { Journey(form: form) }
    }

    func load(_ request: Request, _ context: AppRequestContext) async throws -> Loaded {
        let draft = try await authorisedDraft(request, context)
        guard let form = forms.form(forService: draft.leika), let service = catalog.service(leika: draft.leika) else {
            throw HTTPError(.notFound)
        }
        let data = (try? FormValue.parse(Data(draft.data.utf8))) ?? .object([:])
        return Loaded(draft: draft, form: form, service: service, data: data)
    }

    @Sendable func stepPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(request, context)
        guard let step = Int(try context.parameters.require("step")), loaded.journey.ref(step: step) != nil else {
            throw HTTPError(.notFound)
        }
        let notes = try await registers.asyncMap {
            try await OnceOnlyDraft(registers: $0).notes(draft: loaded.draft.id, context)
        }
        return renderStep(request, context, loaded, step: step, data: loaded.data, issues: [], notes: notes ?? [:])
    }

    func renderStep(
        _ request: Request, _ context: AppRequestContext, _ loaded: Loaded, step: Int, data: FormValue,
        issues: [ValidationIssue], notes: [String: String] = [:]
    ) -> Response {
        let journey = loaded.journey
        let ref = journey.ref(step: step)!
        let dynamic = journey.dynamic(data)
        let visible = journey.visibleSteps(dynamic)
        let position = (visible.firstIndex(of: step) ?? 0) + 1
        let previous = visible.last { $0 < step }
        let single = Self.isSingleQuestion(ref)
        let (errorsByName, summary) = FormRenderer.errors(issues, form: loaded.form, language: context.language)
        let renderer = FormRenderer(language: context.language, errors: errorsByName, notes: notes)
        var value: FormValue? = nil
        if case .object(let o) = data { value = o[ref.element.id] }
        let title = renderer.label(ref.element.texts)
        var values: [String: Any] = [
            "draftId": loaded.draft.id, "step": step,
            "stepText": String(format: t("form_step_of", context), position, visible.count),
            "serviceName": name(loaded.service.name, context), "heading": title, "single": single,
            "formHTML": renderer.step(ref, value: value, single: single),
            "multipart": journey.hasUpload(step: step),
            "back": previous.map { "/antraege/\(loaded.draft.id)/schritt/\($0)\(lq(context))" }
                ?? "/leistungen/\(loaded.draft.leika)/antrag?ars=\(loaded.draft.ars)\(lq(context).isEmpty ? "" : "&lang=en")",
        ]
        if let hint = ref.element.texts.hint, !single, !hint.isEmpty { values["intro"] = hint }
        if loaded.draft.accountId == nil, let code = request.cookies[Self.draftCookie]?.value {
            values["resumeCode"] = code
        }
        return pages.form(
            "applicationStep", request, context, title: "\(title) – \(name(loaded.service.name, context))",
            values: values, errors: summary, status: issues.isEmpty ? .ok : .unprocessableContent)
    }

    /// A step with one question gets that question as its page heading (GOV.UK "one thing per page").
    static func isSingleQuestion(_ ref: ElementRef) -> Bool {
        if ref.cardinality.isRepeatable { return false }
        switch ref.element {
        case .field: return true
        case .group(let g):
            return g.children.count == 1 && !g.children[0].cardinality.isRepeatable
                && { if case .field = g.children[0].element { return true } else { return false } }()
        }
    }

    @Sendable func saveStep(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(request, context)
        let journey = loaded.journey
        guard let step = Int(try context.parameters.require("step")), let ref = journey.ref(step: step) else {
            throw HTTPError(.notFound)
        }
        var (fields, uploadIssues) = try await readPost(request, context, loaded, ref: ref)
        guard pages.csrf.verify(request: request, submitted: fields[CSRF.field]) else { throw HTTPError(.forbidden) }
        let action = Journey.Action(fields["action"])
        fields = journey.apply(action, to: fields)
        var previous: FormValue? = nil
        if case .object(let o) = loaded.data { previous = o[ref.element.id] }
        let before = journey.dynamic(loaded.data)
        let value = journey.read(step: step, fields: fields, previous: previous, required: before.required)
        var data = Journey.setting(ref.element.id, to: value, in: loaded.data)
        let dynamic = journey.dynamic(data)
        data = Journey.pruning(data, hidden: dynamic.hidden)
        let stepValue: FormValue? = if case .object(let o) = data { o[ref.element.id] } else { nil }
        var issues: [ValidationIssue] = []
        if action == .next {
            issues = uploadIssues
            issues += loaded.form.validator.validateGroup(
                ref, value: stepValue, pointer: "/" + ref.element.id, dynamic: dynamic
            ).filter { issue in !uploadIssues.contains { $0.pointer == issue.pointer } }
        }
        // Saved whatever happens (one write): nothing typed is lost, even with errors on the page;
        // a valid step also records the step it leads to.
        let nextStep = journey.visibleSteps(dynamic).first { $0 > step }
        let advances = action == .next && issues.isEmpty
        try await drafts.save(
            id: loaded.draft.id, data: String(decoding: data.jsonData(), as: UTF8.self),
            step: max(loaded.draft.step, advances ? (nextStep ?? step) : step))
        // A prefilled value the applicant changed is self-declared from now on.
        let onceOnly = registers.map { OnceOnlyDraft(registers: $0) }
        try await onceOnly?.correct(draft: loaded.draft.id, element: ref.element.id, data: data)
        guard advances else {
            let notes = try await onceOnly?.notes(draft: loaded.draft.id, context)
            return renderStep(request, context, loaded, step: step, data: data, issues: issues, notes: notes ?? [:])
        }
        if let nextStep { return pages.redirect("/antraege/\(loaded.draft.id)/schritt/\(nextStep)\(lq(context))") }
        return pages.redirect("/antraege/\(loaded.draft.id)/pruefen\(lq(context))")
    }

    /// The posted fields; for a step with a file field the multipart body, whose files are stored
    /// as documents (type and size checked) and posted on as their document ids.
    func readPost(_ request: Request, _ context: AppRequestContext, _ loaded: Loaded, ref: ElementRef) async throws
        -> ([String: String], [ValidationIssue])
    {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            let body = try await request.body.collect(upTo: 1024 * 1024)
            return (parseForm(String(buffer: body)), [])
        }
        let body = try await request.body.collect(upTo: Self.defaultMaxUpload * 2 + 1024 * 1024)
        let parts = try Multipart.parse(body: Data(buffer: body), contentType: contentType)
        var fields: [String: String] = [:]
        for part in parts where part.filename == nil {
            fields[part.name] = String(decoding: part.data, as: UTF8.self)
        }
        let (ids, issues) = try await storeUploads(
            parts, form: loaded.form, owner: .account(loaded.draft.accountId ?? "draft:\(loaded.draft.id)"))
        fields.merge(ids) { _, id in id }
        return (fields, issues)
    }

    /// The file parts of a posted form that belong to file fields of `form`, checked (size, type by
    /// their bytes, virus scanner) and stored as documents of `owner`: their document ids by input
    /// name, and an issue per refused file.
    func storeUploads(_ parts: [Multipart.Part], form: ApplicationForm, owner: Owner) async throws -> (
        [String: String], [ValidationIssue]
    ) {
        var fields: [String: String] = [:]
        var issues: [ValidationIssue] = []
        for part in parts {
            guard let filename = part.filename else { continue }
            if filename.isEmpty && part.data.isEmpty { continue }
            let id = part.name.split(separator: ".").last.map(String.init) ?? part.name
            guard case .field(let field)? = form.element(id: id), field.dataType == .file else { continue }
            let label = field.texts.label.isEmpty ? field.texts.name : field.texts.label
            let pointer = "/" + part.name.split(separator: ".").joined(separator: "/")
            let maxSize = field.constraints.maxSize ?? Self.defaultMaxUpload
            let allowed = field.constraints.mediaTypes.isEmpty ? Self.defaultMediaTypes : field.constraints.mediaTypes
            // The bytes decide the type; a claimed PDF that is not one is refused.
            let type =
                Multipart.sniff(part.data)
                ?? (Self.defaultMediaTypes.contains(part.contentType) ? "application/octet-stream" : part.contentType)
            if part.data.count > maxSize {
                issues.append(
                    ValidationIssue(
                        pointer: pointer, elementID: id, code: .tooLong,
                        messageDE: "„\(label)“ darf höchstens \(maxSize / 1024 / 1024) MB groß sein.",
                        messageEN: "“\(label)” must be \(maxSize / 1024 / 1024) MB or smaller.", label: label))
                continue
            }
            guard allowed.contains(type) else {
                issues.append(
                    ValidationIssue(
                        pointer: pointer, elementID: id, code: .wrongType,
                        messageDE: "„\(label)“ muss eine PDF-, JPG- oder PNG-Datei sein.",
                        messageEN: "“\(label)” must be a PDF, JPG or PNG file.", label: label))
                continue
            }
            do {
                let document = try await documents.store(
                    part.data, filename: filename, contentType: type, owner: owner)
                fields[part.name] = document.id
            } catch StorageError.rejectedByScanner {
                issues.append(
                    ValidationIssue(
                        pointer: pointer, elementID: id, code: .wrongType,
                        messageDE: "„\(label)“ wurde vom Virenschutz abgelehnt.",
                        messageEN: "“\(label)” was rejected by the virus scanner.", label: label))
            }
        }
        return (fields, issues)
    }

    // MARK: Check and submit

    @Sendable func checkPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(request, context)
        return renderCheck(request, context, loaded, issues: [])
    }

    func renderCheck(_ request: Request, _ context: AppRequestContext, _ loaded: Loaded, issues: [ValidationIssue])
        -> Response
    {
        let journey = loaded.journey
        let dynamic = journey.dynamic(loaded.data)
        var sections: [[String: Any]] = []
        for step in journey.visibleSteps(dynamic) {
            let ref = journey.ref(step: step)!
            var value: FormValue? = nil
            if case .object(let o) = loaded.data { value = o[ref.element.id] }
            let rows = AnswerRows(language: context.language).rows(ref, value: value).map { row -> [String: Any] in
                [
                    "label": row.label, "value": row.value,
                    "change": "/antraege/\(loaded.draft.id)/schritt/\(step)\(lq(context))#\(row.anchor)",
                ]
            }
            sections.append([
                "heading": FormRenderer(language: context.language, errors: [:]).label(ref.element.texts), "rows": rows,
                "hasRows": !rows.isEmpty,
            ])
        }
        let summary = issues.map { issue -> (field: String, message: String) in
            let step = journey.step(of: issue.pointer.split(separator: "/").first.map(String.init) ?? "") ?? 1
            return (
                "/antraege/\(loaded.draft.id)/schritt/\(step)\(lq(context))",
                context.language == .en ? issue.messageEN : issue.messageDE
            )
        }
        var values: [String: Any] = [
            "draftId": loaded.draft.id, "sections": sections, "serviceName": name(loaded.service.name, context),
            "anonymous": loaded.draft.accountId == nil,
        ]
        if let quote = try? quoteBeforeSubmission(loaded.draft.leika, data: loaded.data) {
            values["fee"] = Self.feeValues(quote, context.language)
            values["payFirst"] = true
        }
        if loaded.draft.accountId == nil, let code = request.cookies[Self.draftCookie]?.value {
            values["resumeCode"] = code
        }
        if !summary.isEmpty {
            // The summary links go to the steps (other pages), so they are rendered here, not as anchors.
            values["stepErrors"] = summary.map { ["href": $0.field, "message": $0.message] }
            values["hasStepErrors"] = true
        }
        return pages.form(
            "applicationCheck", request, context, title: t("check_title", context), values: values, errors: [],
            status: issues.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await load(request, context)
        _ = try await pages.csrf.verifiedForm(request, context)
        if loaded.draft.accountId != nil,
            let stepUp = pages.requireLevel(
                Self.required(loaded.service), next: "/antraege/\(loaded.draft.id)/pruefen", context)
        {
            return stepUp
        }
        var issues = loaded.form.validate(loaded.data)
        if let acting = ActingFor.decode(loaded.draft.actingFor), acting.kind == .mandate, let actor = context.actor,
            try await mandates.active(id: acting.mandateID ?? "", agent: actor.accountID) == nil
        {
            // The mandate was revoked or has expired since the draft was started.
            issues.append(
                ValidationIssue(
                    pointer: "", elementID: "", code: .rule, messageDE: t("apply_for_error_revoked", context),
                    messageEN: t("apply_for_error_revoked", context), label: ""))
        }
        var quote: FeeQuote? = nil
        if issues.isEmpty {
            do {
                quote = try quoteBeforeSubmission(loaded.draft.leika, data: loaded.data)
            } catch {
                issues.append(
                    ValidationIssue(
                        pointer: "", elementID: "", code: .rule,
                        messageDE: "Die Gebühr lässt sich aus den Angaben nicht bestimmen: \(error.description)",
                        messageEN: "The fee cannot be determined from the answers: \(error.description)", label: ""))
            }
        }
        if !issues.isEmpty { return renderCheck(request, context, loaded, issues: issues) }
        if let quote, let fee = payments.fees.fee(loaded.draft.leika) {
            return try await startPayment(loaded, quote: quote, timing: fee.timing, context)
        }
        let result = try await intake.accept(
            form: loaded.form, leika: loaded.draft.leika, ars: loaded.draft.ars, data: loaded.data,
            accountID: loaded.draft.accountId, trustLevel: context.actor?.level.rawValue,
            receiptHash: loaded.draft.resumeHash, actingFor: loaded.draft.actingFor,
            provenance: try await registers.asyncMap {
                try await OnceOnlyDraft(registers: $0).provenance(draft: loaded.draft.id, data: loaded.data)
            } ?? nil)
        guard case .accepted(let submission, _) = result else { throw HTTPError(.internalServerError) }
        try await drafts.delete(id: loaded.draft.id)
        return pages.redirect("/antraege/eingereicht/\(submission.id)\(lq(context))")
    }

    /// Payment before submission: the draft stays as it is (awaiting payment) and the applicant goes to the provider.
    func startPayment(_ loaded: Loaded, quote: FeeQuote, timing: FeeTiming, _ context: AppRequestContext) async throws
        -> Response
    {
        guard let accountID = loaded.draft.accountId, let actor = context.actor else { throw HTTPError(.forbidden) }
        guard let authority = try await intake.responsible(loaded.service, ars: loaded.draft.ars) else {
            throw HTTPError(.unprocessableContent)
        }
        let all = try await payments.store.payments(ofApplication: loaded.draft.id, owner: .account(accountID))
        // Paid already, or under way: the return page says where it stands.
        if let current = all.last(where: { $0.payment.status.isPaid || $0.payment.status == .pending }) {
            return pages.redirect("/zahlung/\(current.id)\(lq(context))")
        }
        let stored = try await payments.store.create(
            PaymentStore.New(
                provider: PaymentDesk.provider, applicationID: loaded.draft.id, leika: loaded.draft.leika,
                authorityID: authority.id, accountID: accountID, timing: timing, trustLevel: actor.level.rawValue,
                quote: quote))
        let description = "\(name(loaded.service.name, context)) – \(t("pay_fee", context))"
        return pages.redirect(
            try await payments.start(stored, description: description, trustLevel: actor.level.rawValue) + lq(context))
    }

    /// Submits the draft a paid payment was for, as the check page's "submit" would (idempotent: the payment's
    /// application id is the submission's idempotency key). Nil when there is nothing (left) to submit.
    func submitPaid(_ stored: PaymentStore.Stored) async throws -> SubmissionStore.Submission? {
        guard stored.timing == .beforeSubmission, stored.payment.status.isPaid else { return nil }
        if let id = stored.submissionID { return try await submissions.find(id: id) }
        guard let draft = try await drafts.find(id: stored.applicationID),
            let form = forms.form(forService: draft.leika),
            let data = try? FormValue.parse(Data(draft.data.utf8))
        else { return nil }
        let canonical = String(decoding: data.jsonData(), as: UTF8.self)
        let result = try await intake.accept(
            form: form, leika: draft.leika, ars: draft.ars, data: data, accountID: draft.accountId,
            trustLevel: stored.trustLevel, receiptHash: draft.resumeHash,
            idempotency: (
                scope: "payment", key: draft.id, requestHash: Hex.encode(SHA256.hash(data: Data(canonical.utf8)))
            ),
            actingFor: draft.actingFor,
            // Register provenance (once-only) travels with a paid draft as with any other.
            provenance: try await registers.asyncMap {
                try await OnceOnlyDraft(registers: $0).provenance(draft: draft.id, data: data)
            } ?? nil)
        guard case .accepted(let submission, let created) = result else { return nil }
        try await payments.store.linkSubmission(applicationID: draft.id, submissionID: submission.id)
        if created {
            try await submissions.record("payment.received", detail: stored.payment.reference, for: submission.id)
        }
        try await drafts.delete(id: draft.id)
        return submission
    }

    // MARK: Confirmation and receipt

    func authorisedSubmission(_ request: Request, _ context: AppRequestContext) async throws
        -> SubmissionStore.Submission
    {
        let id = try context.parameters.require("id")
        guard let submission = try await submissions.find(id: id) else { throw HTTPError(.notFound) }
        if let owner = submission.accountId {
            guard context.actor?.accountID == owner else { throw HTTPError(.notFound) }
        } else {
            guard let hash = submission.receiptHash, let code = request.cookies[Self.draftCookie]?.value,
                constantTimeEquals(DraftStore.hash(code), hash)
            else { throw HTTPError(.notFound) }
        }
        return submission
    }

    func submissionValues(_ submission: SubmissionStore.Submission, _ context: AppRequestContext) async throws
        -> [String: Any]
    {
        let authority = try await authorities.all().first { $0.id == submission.authorityId }
        let service = catalog.service(leika: submission.leika)
        // The electronic replacement of the written form: the law asks for it, and the applicant
        // logged in with the eID at trust level high (§ 3a Abs. 2 ThürVwVfG).
        let writtenForm = service?.writtenForm
        let replacesWrittenForm = writtenForm != nil && submission.trustLevel == LevelOfAssurance.high.rawValue
        var actingFor = ""
        if let acting = ActingFor.decode(submission.actingFor) {
            actingFor =
                acting.kind == .child
                ? "\(acting.name) (\(t("apply_for_child_short", context)), \(acting.birthDate.map { Self.displayDate($0, context.language) } ?? ""))"
                : "\(acting.name) (\(t("apply_for_mandate_short", context)))"
        }
        let submittedBy = try await submission.accountId.asyncMap {
            try await pages.accounts.account(id: $0)?.displayName
        }
        return [
            "actingFor": actingFor, "submittedBy": (submittedBy ?? nil) ?? "",
            "writtenForm": writtenForm ?? "", "replacesWrittenForm": replacesWrittenForm,
            "id": submission.id, "reference": submission.reference,
            "serviceName": service.map { name($0.name, context) } ?? submission.leika,
            "authorityName": authority?.name ?? submission.authorityId,
            "submittedAt": Self.displayTime(submission.submittedAt, context.language),
            "contentHash": submission.contentHash, "anonymous": submission.accountId == nil,
        ]
    }

    static func displayDate(_ iso: String, _ language: Language) -> String {
        // YYYY-MM-DD, by bytes (an inbox page formats 25 of them).
        let b = Array(iso.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else {
            let p = iso.split(separator: "-")
            guard p.count == 3 else { return iso }
            return language == .en ? "\(p[2])/\(p[1])/\(p[0])" : "\(p[2]).\(p[1]).\(p[0])"
        }
        let separator = UInt8(ascii: language == .en ? "/" : ".")
        return String(decoding: [b[8], b[9], separator, b[5], b[6], separator, b[0], b[1], b[2], b[3]], as: UTF8.self)
    }

    static func displayTime(_ timestamp: String, _ language: Language) -> String {
        if let fast = BerlinTime.format(timestamp, language) { return fast }
        guard let date = Timestamp.date(timestamp) else { return timestamp }
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
        formatter.locale = Locale(identifier: language == .en ? "en_GB" : "de_DE")
        formatter.dateFormat = language == .en ? "d MMMM yyyy, HH:mm" : "dd.MM.yyyy, HH:mm 'Uhr'"
        return formatter.string(from: date)
    }

    @Sendable func confirmation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let submission = try await authorisedSubmission(request, context)
        return pages.form(
            "applicationConfirmation", request, context, title: t("confirmation_title", context),
            values: try await submissionValues(submission, context))
    }

    /// The receipt: everything that was submitted, with reference, time and content hash; printable.
    @Sendable func receipt(_ request: Request, context: AppRequestContext) async throws -> Response {
        let submission = try await authorisedSubmission(request, context)
        var values = try await submissionValues(submission, context)
        values["sections"] = answerSections(submission, context)
        return pages.form("applicationReceipt", request, context, title: t("receipt_title", context), values: values)
    }

    func answerSections(_ submission: SubmissionStore.Submission, _ context: AppRequestContext) -> [[String: Any]] {
        guard let form = forms.form(id: submission.formId),
            let data = try? FormValue.parse(Data(submission.data.utf8)), case .object(let o) = data
        else { return [] }
        return form.schema.children.compactMap { ref -> [String: Any]? in
            guard let value = o[ref.element.id] else { return nil }
            let rows = AnswerRows(language: context.language).rows(ref, value: value).map {
                ["label": $0.label, "value": $0.value]
            }
            return [
                "heading": FormRenderer(language: context.language, errors: [:]).label(ref.element.texts), "rows": rows,
            ]
        }
    }

    /// A service's name in the request's language (its LeiKa key when the catalogue lacks it).
    func serviceName(_ leika: String, _ context: AppRequestContext) -> String {
        catalog.service(leika: leika).map { name($0.name, context) } ?? leika
    }

    // MARK: Account and authority views

    @Sendable func myApplications(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = context.actor, actor.kind != .staff else { throw HTTPError(.forbidden) }
        let open = try await drafts.drafts(ofAccount: actor.accountID)
        let sent = try await submissions.submissions(ofAccount: actor.accountID)
        func serviceName(_ leika: String) -> String { self.serviceName(leika, context) }
        return pages.form(
            "myApplications", request, context, title: t("my_applications_title", context),
            values: [
                "drafts": open.map {
                    [
                        "href": "/antraege/\($0.id)/schritt/\($0.step)\(lq(context))", "name": serviceName($0.leika),
                        "expires": Self.displayTime($0.expiresAt, context.language),
                    ]
                },
                "hasDrafts": !open.isEmpty,
                "submissions": sent.map {
                    [
                        "href": "/antraege/eingereicht/\($0.id)\(lq(context))", "name": serviceName($0.leika),
                        "reference": $0.reference, "at": Self.displayTime($0.submittedAt, context.language),
                    ]
                },
                "hasSubmissions": !sent.isEmpty,
            ])
    }

    func staffOfAuthority(_ context: AppRequestContext) throws -> Actor {
        guard let actor = context.actor, actor.kind == .staff, actor.authorityID != nil,
            !actor.roles.isDisjoint(with: [.clerk, .teamLead, .authorityAdmin])
        else { throw HTTPError(.forbidden) }
        return actor
    }

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        let actor = try staffOfAuthority(context)
        let items = try await submissions.inbox(ofAuthority: actor.authorityID!)
        return pages.form(
            "authorityInbox", request, context, title: t("inbox_title", context),
            values: [
                "items": items.map {
                    [
                        "href": "/behoerde/eingang/\($0.id)\(lq(context))", "reference": $0.reference,
                        "name": catalog.service(leika: $0.leika).map { name($0.name, context) } ?? $0.leika,
                        "at": Self.displayTime($0.submittedAt, context.language),
                    ]
                },
                "hasItems": !items.isEmpty,
            ])
    }

    @Sendable func inboxItem(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        let actor = try staffOfAuthority(context)
        let id = try context.parameters.require("id")
        // Tenant isolation: another authority's submission does not exist for this clerk.
        guard let submission = try await submissions.find(id: id), submission.authorityId == actor.authorityID else {
            throw HTTPError(.notFound)
        }
        var values = try await submissionValues(submission, context)
        values["sections"] = answerSections(submission, context)
        values["intact"] = SubmissionStore.verify(submission)
        values["events"] = try await submissions.events(of: id).map {
            ["kind": $0.kind, "at": Self.displayTime($0.at, context.language)]
        }
        return pages.form(
            "authorityInboxItem", request, context, title: values["reference"] as? String ?? "", values: values)
    }
}

/// Check-your-answers rows: label, shown value, the input to jump to.
struct AnswerRows {
    let language: Language
    struct Row {
        var label: String
        var value: String
        var anchor: String
    }

    func rows(_ ref: ElementRef, value: FormValue?) -> [Row] {
        var out: [Row] = []
        walkRef(ref, name: ref.element.id, value: value, prefix: "", into: &out)
        return out
    }

    private func label(_ t: ElementTexts) -> String { t.label.isEmpty ? t.name : t.label }

    private func walkRef(_ ref: ElementRef, name: String, value: FormValue?, prefix: String, into out: inout [Row]) {
        if ref.cardinality.isRepeatable {
            guard case .array(let items) = value else { return }
            for (i, item) in items.enumerated() {
                walk(
                    ref.element, name: "\(name).\(i)", value: item, prefix: "\(label(ref.element.texts)) \(i + 1): ",
                    into: &out)
            }
        } else {
            walk(ref.element, name: name, value: value, prefix: prefix, into: &out)
        }
    }

    private func walk(_ element: Element, name: String, value: FormValue?, prefix: String, into out: inout [Row]) {
        switch element {
        case .group(let g):
            guard case .object(let o) = value else { return }
            for child in g.children {
                walkRef(
                    child, name: "\(name).\(child.element.id)", value: o[child.element.id], prefix: prefix, into: &out)
            }
        case .field(let f):
            guard f.kind != .label, f.kind != .hidden, let value, value != .null else { return }
            out.append(
                Row(
                    label: prefix + label(f.texts),
                    value: f.dataType == .file
                        ? Catalog.text("form_file_attached", language)
                        : FormEncoding.display(value, for: f, language: language.rawValue),
                    anchor: FormRenderer.anchor(name: name, element: element)))
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
