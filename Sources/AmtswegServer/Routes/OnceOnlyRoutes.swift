import Accounts
import Applications
import Forms
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Registers
import SQLKit
import Storage
import Texts

/// Once-only on the web: the consent step before the Wohngeld form (what will be requested, from
/// which register, for which service and purpose, on which legal basis; agree, or enter by hand),
/// the retrieval with a timeout (a slow or failing register keeps the draft and offers retry or
/// manual entry), the data-protection cockpit `/konto/datenschutz` with its Art. 15 download, and
/// a clerk's own retrieval from the case view. Every retrieval goes to the subject's hash chain.
struct OnceOnlyRoutes: Sendable {
    let pages: AccountRoutes
    let applications: ApplicationRoutes
    let caseRoutes: CaseRoutes
    let registers: RegisterService

    func register(on router: Router<AppRequestContext>) {
        router.get("/antraege/:draft/einwilligung", use: consentPage)
        router.post("/antraege/:draft/einwilligung", use: consent)
        router.get("/konto/datenschutz", use: cockpit)
        router.get("/konto/datenschutz.json", use: cockpitExport)
        router.post("/behoerde/vorgaenge/:id/melderegister", use: clerkRetrieval)
    }

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }
    func lq(_ context: AppRequestContext) -> String { applications.lq(context) }
    func english(_ context: AppRequestContext) -> Bool { context.language == .en }

    // MARK: Consent step

    func registerName(_ id: RegisterID, _ context: AppRequestContext) -> String {
        guard let d = registers.catalog.adapter(id)?.descriptor else { return id.rawValue }
        return english(context) ? d.nameEN : d.name
    }

    func consentValues(_ loaded: ApplicationRoutes.Loaded, _ context: AppRequestContext, plan: RetrievalPlan)
        async throws -> [String: Any]
    {
        let language: Registers.Language = english(context) ? .en : .de
        let state = try await registers.store.state(draft: loaded.draft.id)
        let delivered = Set(
            state?.prefill.fields.values.compactMap { v -> RegisterID? in
                if case .register(let r, _) = v.source { return r }
                return nil
            } ?? [])
        let account = try await loaded.draft.accountId.asyncMap { try await pages.accounts.account(id: $0) }
        return [
            "draftId": loaded.draft.id, "serviceName": applications.name(loaded.service.name, context),
            "purpose": english(context) ? "Checking your entitlement to housing benefit" : plan.purpose,
            "registers": plan.items.map { item -> [String: Any] in
                [
                    "name": registerName(item.register, context), "operator": item.operatorName,
                    "categories": item.categories.map { $0.label(language) }.joined(separator: ", "),
                    "legalBasis": item.legalBasis, "done": delivered.contains(item.register),
                ]
            },
            "failed": state?.consent == .failed,
            "canRetrieve": OnceOnly.identity(subject: (account ?? nil)?.subject) != nil,
            "step1": "/antraege/\(loaded.draft.id)/schritt/1\(lq(context))",
        ]
    }

    @Sendable func consentPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await applications.load(request, context)
        guard OnceOnly.offers(loaded.draft.leika) else { throw HTTPError(.notFound) }
        let plan = try OnceOnly.plan(registers.catalog)
        return pages.form(
            "onceOnlyConsent", request, context, title: t("consent_title", context),
            values: try await consentValues(loaded, context, plan: plan))
    }

    @Sendable func consent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let loaded = try await applications.load(request, context)
        guard OnceOnly.offers(loaded.draft.leika) else { throw HTTPError(.notFound) }
        let fields = try await pages.csrf.verifiedForm(request, context)
        let plan = try OnceOnly.plan(registers.catalog)
        let consentRequest = ConsentRequest(plan: plan)
        let now = registers.clock.now()
        let step1 = "/antraege/\(loaded.draft.id)/schritt/1\(lq(context))"
        var state = try await registers.store.state(draft: loaded.draft.id) ?? RegisterStore.DraftState()
        let account = try await loaded.draft.accountId.asyncMap { try await pages.accounts.account(id: $0) }
        let identity = OnceOnly.identity(subject: (account ?? nil)?.subject)
        guard fields["action"] == "agree", let identity, let accountID = loaded.draft.accountId else {
            // Declined (or nothing to ask with): the applicant enters everything by hand. What a
            // register already delivered stays, marked as such.
            let declined = Consent.declined(consentRequest, at: now)
            if state.consent != .granted { state.consent = .declined }
            let store = registers.store
            let draftID = loaded.draft.id
            let accountID = loaded.draft.accountId
            let finalState = state
            try await store.database.transaction { db in
                try await store.recordConsent(
                    declined, draft: draftID, accountID: accountID, serviceID: plan.serviceID, on: db)
                try await store.save(draft: draftID, state: finalState, on: db)
            }
            return pages.redirect(step1)
        }
        let consent = Consent.granted(consentRequest, at: now)
        // Registers that already answered (a retry after a partial failure) are not asked again.
        let done = Set(
            state.prefill.fields.values.compactMap { v -> RegisterID? in
                if case .register(let r, _) = v.source { return r }
                return nil
            })
        guard let service = applications.catalog.service(leika: loaded.draft.leika),
            let authority = try await applications.intake.responsible(service, ars: loaded.draft.ars)
        else { throw HTTPError(.notFound) }
        let requester = Requester(
            authority: Party(id: authority.id, name: authority.name), subject: RetrievalSubject.account(accountID))
        let retriever = registers.retriever
        let timeout = registers.timeout
        var evidence: [Evidence] = []
        var records: [RetrievalRecord] = []
        var failed: [RegisterID] = []
        await withTaskGroup(of: (RegisterID, Result<Retrieval, any Error>).self) { group in
            for item in plan.items where !done.contains(item.register) {
                let query = RegisterQuery.person(identity, categories: Set(item.categories))
                group.addTask {
                    do {
                        let r = try await Registers.withTimeout(timeout) {
                            try await retriever.retrieve(
                                query, from: item.register, plan: plan, consent: consent, requester: requester)
                        }
                        return (item.register, .success(r))
                    } catch {
                        return (item.register, .failure(error))
                    }
                }
            }
            var results: [RegisterID: Result<Retrieval, any Error>] = [:]
            for await (register, result) in group { results[register] = result }
            // In plan order: the resident register's household before the income lines.
            for item in plan.items {
                switch results[item.register] {
                case .success(let r)?:
                    evidence.append(r.evidence)
                    records.append(r.record)
                case .failure(let error)?:
                    // Operational log only: which register and why, no personal data.
                    context.logger.notice(
                        "register retrieval failed", metadata: ["register": "\(item.register)", "error": "\(error)"])
                    failed.append(item.register)
                case nil: break
                }
            }
        }
        state.prefill.apply(evidence, mapping: .wohngeld)
        state.consent = failed.isEmpty ? .granted : .failed
        let data = OnceOnly.merge(state.prefill, into: loaded.data, form: loaded.form)
        // What the applicant had typed already stays, and is self-declared where it differs.
        OnceOnly.reconcile(&state.prefill, with: data)
        let dataJSON = String(decoding: data.jsonData(), as: UTF8.self)
        let store = registers.store
        let draftID = loaded.draft.id
        let finalState = state
        let newRecords = records
        try await store.database.transaction { db in
            try await store.recordConsent(
                consent, draft: draftID, accountID: accountID, serviceID: plan.serviceID, on: db)
            try await store.append(newRecords, on: db)
            try await store.save(draft: draftID, state: finalState, on: db)
            try await db.raw("UPDATE drafts SET data = \(bind: dataJSON) WHERE id = \(bind: draftID)").run()
        }
        guard failed.isEmpty else {
            var values = try await consentValues(loaded, context, plan: plan)
            values["failedRegisters"] = failed.map { registerName($0, context) }.joined(separator: ", ")
            return pages.form(
                "onceOnlyConsent", request, context, title: t("consent_title", context), values: values,
                errors: [("retry", t("consent_error_unavailable", context))], status: .serviceUnavailable)
        }
        return pages.redirect(step1)
    }

    // MARK: Cockpit

    func citizen(_ request: Request, _ context: AppRequestContext) throws -> Actor? {
        guard let actor = context.actor else { return nil }
        guard actor.kind != .staff else { throw HTTPError(.forbidden) }
        return actor
    }

    static func day(_ text: String?) -> Date? {
        guard let text, let d = RegisterDate(text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        return calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day))
    }

    @Sendable func cockpit(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        let subject = RetrievalSubject.account(actor.accountID)
        let query = request.uri.queryParameters
        let fromText = query["von"].map(String.init) ?? ""
        let toText = query["bis"].map(String.init) ?? ""
        let authority = query["behoerde"].map(String.init) ?? ""
        var errors: [(field: String, message: String)] = []
        let from = Self.day(fromText)
        let toDay = Self.day(toText)
        if !fromText.isEmpty && from == nil { errors.append(("von", t("cockpit_error_date", context))) }
        if !toText.isEmpty && toDay == nil { errors.append(("bis", t("cockpit_error_date", context))) }
        let all = try await registers.store.records(subject: subject)
        let list = RetrievalLog.filter(
            all, from: from, to: toDay.map { $0.addingTimeInterval(86_400) },
            authority: authority.isEmpty ? nil : authority)
        let language: Registers.Language = english(context) ? .en : .de
        var authorities: [String: String] = [:]
        for r in all { authorities[r.authorityID] = r.authorityName }
        let options = authorities.sorted { $0.value < $1.value }.map {
            ["id": $0.key, "name": $0.value, "selected": $0.key == authority] as [String: Any]
        }
        return pages.form(
            "onceOnlyCockpit", request, context, title: t("cockpit_title", context),
            values: [
                "rows": list.map { r -> [String: Any] in
                    [
                        "at": ApplicationRoutes.displayTime(Timestamp.string(r.at), context.language),
                        "authority": r.authorityName, "clerk": r.clerkName ?? "",
                        "register": registerName(r.register, context), "issuer": r.issuer,
                        "categories": r.categories.map { $0.label(language) }.joined(separator: ", "),
                        "service": r.serviceName, "caseNumber": r.caseNumber ?? "", "purpose": r.purpose,
                        "legalBasis": r.legalBasis,
                    ]
                },
                "hasRows": !list.isEmpty, "authorities": options, "von": fromText, "bis": toText,
                "count": String(list.count),
            ], errors: errors, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Art. 15 GDPR: the signed-in person's own records (and the anchor), nobody else's.
    @Sendable func cockpitExport(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        let data = try await registers.store.export(subject: RetrievalSubject.account(actor.accountID))
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"datenabrufe.json\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: A clerk's retrieval

    /// The clerk asks the resident register about the case's applicant, "Prüfung im
    /// Verwaltungsverfahren": the answer is shown once (not stored), the retrieval logged with the
    /// clerk and shown in the applicant's cockpit. Another authority's case answers 404.
    @Sendable func clerkRetrieval(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await pages.csrf.verifiedForm(request, context)
        guard let (actor, authorityID) = try caseRoutes.clerk(request, context) else {
            return caseRoutes.staffLogin(context)
        }
        let id = try context.parameters.require("id")
        guard let record = try await caseRoutes.cases.record(id), record.authorityID == authorityID else {
            throw HTTPError(.notFound)
        }
        func refused(_ status: HTTPResponse.Status) async throws -> Response {
            try await caseRoutes.page(
                request, context, record, .responsible, actor: actor,
                errors: [("register", t("case_register_error", context))], status: status, posted: fields)
        }
        guard let applicant = record.applicantAccountID, record.leika == OnceOnly.wohngeld else {
            return try await refused(.unprocessableContent)
        }
        var identity: PersonQuery?
        if let sid = record.submissionID, let s = try await applications.submissions.find(id: sid),
            let data = try? FormValue.parse(Data(s.data.utf8))
        {
            identity = OnceOnly.identity(formData: data)
        }
        if identity == nil {
            identity = OnceOnly.identity(subject: try await pages.accounts.account(id: applicant)?.subject)
        }
        guard let identity, let adapter = registers.catalog.adapter(.melderegister) else {
            return try await refused(.unprocessableContent)
        }
        let authority = try await applications.authorities.all().first { $0.id == authorityID }
        let categories: Set<DataCategory> = [.name, .birth, .address, .household]
        let legalBasis = "§ 34 Abs. 1 BMG i. V. m. § 20 SGB X (Amtsermittlung)"
        let retrievalContext = RetrievalContext(
            authority: Party(id: authorityID, name: authority?.name ?? authorityID),
            clerk: Party(id: actor.accountID, name: actor.displayName), serviceID: record.leika,
            serviceName: "Wohngeld", purposeID: DemoPurpose.wohngeld, purpose: OnceOnly.clerkPurpose,
            legalBasis: legalBasis, caseNumber: record.number)
        let evidence: Evidence
        do {
            evidence = try await Registers.withTimeout(registers.timeout) {
                try await adapter.query(.person(identity, categories: categories), context: retrievalContext)
            }.restricted(to: categories)
        } catch {
            context.logger.notice("clerk register retrieval failed", metadata: ["error": "\(error)"])
            return try await refused(.serviceUnavailable)
        }
        let sealed = try await registers.store.append([
            RetrievalRecord(
                id: UUID().uuidString.lowercased(), subject: RetrievalSubject.account(applicant),
                at: registers.clock.now(), authorityID: authorityID, authorityName: retrievalContext.authority.name,
                clerkID: actor.accountID, clerkName: actor.displayName, register: .melderegister,
                registerName: adapter.descriptor.name, issuer: evidence.issuer, categories: categories,
                serviceID: record.leika, serviceName: "Wohngeld", caseNumber: record.number,
                purpose: OnceOnly.clerkPurpose, legalBasis: legalBasis,
                outcome: evidence.deliveredCategories.isSuperset(of: categories) ? .delivered : .partial)
        ])
        return pages.form(
            "onceOnlyClerkResult", request, context, title: t("case_register_result_title", context),
            values: [
                "id": record.id, "number": record.number, "register": registerName(.melderegister, context),
                "issuer": evidence.issuer, "purpose": OnceOnly.clerkPurpose, "legalBasis": legalBasis,
                "at": ApplicationRoutes.displayTime(
                    Timestamp.string(sealed.first?.at ?? registers.clock.now()), context.language),
                "rows": OnceOnly.evidenceRows(evidence.data).map { row in
                    ["label": OnceOnly.label(row.key) { key in t(key, context) }, "value": row.value]
                },
            ])
    }
}

/// A draft's once-only state on the form pages: notes per prefilled field, corrections, and the
/// submission's provenance.
struct OnceOnlyDraft: Sendable {
    let registers: RegisterService

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }

    func registerName(_ id: RegisterID, _ context: AppRequestContext) -> String {
        guard let d = registers.catalog.adapter(id)?.descriptor else { return id.rawValue }
        return context.language == .en ? d.nameEN : d.name
    }

    // MARK: Notes on the form and corrections

    /// Per input name of a prefilled field: where its value comes from.
    func notes(draft: String, _ context: AppRequestContext) async throws -> [String: String] {
        guard let state = try await registers.store.state(draft: draft) else { return [:] }
        var out: [String: String] = [:]
        for (path, value) in state.prefill.fields {
            switch value.source {
            case .register(let r, _):
                out[OnceOnly.inputName(path)] = t("prefill_from_register", context).replacingOccurrences(
                    of: "{}", with: registerName(r, context))
            case .selfDeclared:
                out[OnceOnly.inputName(path)] = t("prefill_self_declared", context)
            }
        }
        return out
    }

    /// After a step was saved: a prefilled value the applicant changed becomes self-declared (and
    /// the register's own value, typed back, verified again).
    func correct(draft: String, element: String, data: FormValue) async throws {
        guard var state = try await registers.store.state(draft: draft), !state.prefill.fields.isEmpty else { return }
        var changed = false
        for (path, value) in state.prefill.fields where OnceOnly.segments(path).first?.0 == element {
            let now = OnceOnly.text(OnceOnly.get(data, path), registerText: value.value)
            if now != value.value {
                state.prefill.applyCorrection(field: path, newValue: now)
                changed = true
            }
        }
        if changed { try await registers.store.save(draft: draft, state: state) }
    }

    /// The provenance a submission of this draft carries (nil: no once-only step, as before).
    func provenance(draft: String, data: FormValue) async throws -> String? {
        guard let state = try await registers.store.state(draft: draft) else { return nil }
        return OnceOnly.provenance(state.prefill, consent: state.consent, data: data)
    }
}
