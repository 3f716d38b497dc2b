import Accounts
import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Payments
import Storage
import Texts

/// Paying fees: the simulated provider's page, the signed webhook (API), the return page that shows
/// the payment's stored state (the redirect itself proves nothing), the applicant's open payments
/// with "pay now", and the authority's payments page with refunds and the reconciliation report (CSV).
///
/// Every event goes through `deliver`: `PaymentDesk.receive` (signature, tolerance, stored event id,
/// `Payment.apply`), then the follow-up — a paid draft is submitted. The simulator's page calls it
/// in process with the very bytes and header it would POST.
struct PaymentRoutes: Sendable {
    let pages: AccountRoutes
    let applications: ApplicationRoutes
    let desk: PaymentDesk
    let clock: any WallClock

    static let maxWebhookBody = 64 * 1024

    func register(on router: Router<AppRequestContext>) {
        router.post("/api/v1/payments/webhooks/simulator", use: webhook)
        router.get("/zahlung/simulator/:ref", use: simulatorPage)
        router.post("/zahlung/simulator/:ref", use: simulatorChoice)
        router.get("/zahlung/:id", use: returnPage)
        router.get("/konto/zahlungen", use: myPayments)
        router.post("/konto/zahlungen/:application/bezahlen", use: payNow)
        router.get("/behoerde/zahlungen", use: authorityPayments)
        router.get("/behoerde/zahlungen.csv", use: reconciliationCSV)
        router.post("/behoerde/zahlungen/:id/erstatten", use: refund)
    }

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }
    func lq(_ context: AppRequestContext) -> String { applications.lq(context) }
    func serviceName(_ leika: String, _ context: AppRequestContext) -> String {
        applications.serviceName(leika, context)
    }

    // MARK: Webhook

    struct WebhookAnswer: Encodable {
        let result: String
        let status: String?
    }

    @Sendable func webhook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maxWebhookBody)
        let outcome = try await deliver(
            body: Data(buffer: body), signature: request.headers[HTTPField.Name(WebhookSigner.headerName)!])
        switch outcome {
        case .applied(let stored, let transition):
            return try APIRoutes.encodeJSON(
                WebhookAnswer(
                    result: transition == .unchanged ? "unchanged" : "applied",
                    status: stored.payment.status.rawValue))
        case .duplicate(let stored):
            return try APIRoutes.encodeJSON(
                WebhookAnswer(result: "duplicate", status: stored?.payment.status.rawValue))
        }
    }

    /// The one path every provider event takes.
    @discardableResult
    func deliver(body: Data, signature: String?) async throws -> PaymentStore.EventOutcome {
        let outcome = try await desk.receive(body: body, signature: signature)
        if case .applied(let stored, .changed(_, .succeeded)) = outcome {
            _ = try await applications.submitPaid(stored)
        }
        return outcome
    }

    func deliver(_ delivery: WebhookDelivery) async throws {
        let name = WebhookSigner.headerName.lowercased()
        try await deliver(
            body: delivery.body, signature: delivery.headers.first { $0.key.lowercased() == name }?.value)
    }

    // MARK: The simulated provider's page

    @Sendable func simulatorPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ref = try context.parameters.require("ref")
        guard ref.count <= 64, let payment = try await desk.simulator({ try? $0.payment(ref) }) else {
            throw HTTPError(.notFound)
        }
        guard payment.status == .pending else { return pages.redirect(payment.request.returnURL + lq(context)) }
        return pages.form(
            "paymentSimulator", request, context, title: t("pay_sim_title", context),
            values: [
                "ref": ref, "reference": payment.request.reference, "description": payment.request.description,
                "amount": Money.german(payment.request.amountCents),
            ])
    }

    @Sendable func simulatorChoice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let ref = try context.parameters.require("ref")
        let fields = try await pages.csrf.verifiedForm(request, context)
        let outcome: SimulatedProvider.Outcome
        switch fields["outcome"] {
        case "success": outcome = .success
        case "failure": outcome = .failure(reason: "Karte abgelehnt (Simulation)")
        case "cancel": outcome = .cancel
        default: throw HTTPError(.badRequest)
        }
        guard ref.count <= 64, let payment = try await desk.simulator({ try? $0.payment(ref) }) else {
            throw HTTPError(.notFound)
        }
        guard payment.status == .pending else { return pages.redirect(payment.request.returnURL + lq(context)) }
        let completion = try await desk.simulator { try $0.complete(ref, outcome: outcome) }
        // The provider's webhook, through the same verification as one from outside.
        try await deliver(completion.webhook)
        return pages.redirect(completion.redirectURL + lq(context))
    }

    // MARK: The applicant

    func citizen(_ request: Request, _ context: AppRequestContext) throws -> Actor? {
        guard let actor = context.actor else { return nil }
        guard actor.kind != .staff else { throw HTTPError(.forbidden) }
        return actor
    }

    /// The return page: the payment as stored, never what the redirect claims.
    @Sendable func returnPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        let id = try context.parameters.require("id")
        guard var stored = try await desk.store.find(id: id, owner: .account(actor.accountID)) else {
            throw HTTPError(.notFound)
        }
        // A paid draft whose submission did not happen yet (e.g. an error after the event) is submitted now.
        if stored.payment.status.isPaid, stored.timing == .beforeSubmission, stored.submissionID == nil,
            let submission = try await applications.submitPaid(stored)
        {
            stored.submissionID = submission.id
        }
        let status = stored.payment.status
        var values: [String: Any] = [
            "reference": stored.payment.reference, "serviceName": serviceName(stored.leika, context),
            "amount": Money.german(stored.payment.amountCents),
            "statusLabel": t("pay_status_\(status.rawValue)", context),
            "paid": status.isPaid, "open": status.isOpen, "failed": status == .failed || status == .cancelled,
            "applicationId": stored.applicationID, "beforeSubmission": stored.timing == .beforeSubmission,
        ]
        if let submissionID = stored.submissionID, stored.timing == .beforeSubmission {
            values["submissionHref"] = "/antraege/eingereicht/\(submissionID)\(lq(context))"
        }
        return pages.form(
            "paymentReturn", request, context,
            title: t(status.isPaid ? "pay_return_paid" : "pay_return_title", context),
            values: values)
    }

    /// What an application's payments add up to, for the account.
    struct OpenItem {
        var applicationID: String
        var latest: PaymentStore.Stored
        var state: ApplicationPaymentState
    }

    static func group(_ payments: [PaymentStore.Stored]) -> [OpenItem] {
        var order: [String] = []
        var byApplication: [String: [PaymentStore.Stored]] = [:]
        for p in payments.sorted(by: { ($0.payment.createdAt, $0.id) < ($1.payment.createdAt, $1.id) }) {
            if byApplication[p.applicationID] == nil { order.append(p.applicationID) }
            byApplication[p.applicationID, default: []].append(p)
        }
        return order.reversed().compactMap { id in
            guard let all = byApplication[id], let latest = all.last else { return nil }
            return OpenItem(
                applicationID: id, latest: latest,
                state: ApplicationPaymentState(dueCents: latest.quote.totalCents, payments: all.map(\.payment)))
        }
    }

    @Sendable func myPayments(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        let items = Self.group(try await desk.store.payments(ofAccount: actor.accountID))
        var open: [[String: Any]] = []
        var done: [[String: Any]] = []
        for item in items {
            let row: [String: Any] = [
                "applicationId": item.applicationID, "serviceName": serviceName(item.latest.leika, context),
                "reference": item.latest.payment.reference, "amount": Money.german(item.latest.quote.totalCents),
                "statusLabel": t("pay_status_\(item.latest.payment.status.rawValue)", context),
                "when": t(
                    item.latest.timing == .beforeSubmission ? "pay_timing_before" : "pay_timing_approval", context),
                "href": "/zahlung/\(item.latest.id)\(lq(context))",
            ]
            switch item.state {
            case .due, .inProgress: open.append(row)
            case .paid, .paidMoreThanOnce, .notRequired: done.append(row)
            }
        }
        return pages.form(
            "myPayments", request, context, title: t("pay_mine_title", context),
            values: ["open": open, "hasOpen": !open.isEmpty, "done": done, "hasDone": !done.isEmpty])
    }

    /// "Pay now": continues the open attempt, or starts a new one for the same application.
    @Sendable func payNow(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        guard let actor = try citizen(request, context) else { throw HTTPError(.forbidden) }
        _ = try await pages.csrf.verifiedForm(request, context)
        let applicationID = try context.parameters.require("application")
        let all = try await desk.store.payments(ofApplication: applicationID, owner: .account(actor.accountID))
        guard let latest = all.last else { throw HTTPError(.notFound) }
        let state = ApplicationPaymentState(dueCents: latest.quote.totalCents, payments: all.map(\.payment))
        let description = "\(serviceName(latest.leika, context)) – \(t("pay_fee", context))"
        switch state {
        case .paid(let id):
            return pages.redirect("/zahlung/\(id)\(lq(context))")
        case .paidMoreThanOnce:
            return pages.redirect("/zahlung/\(latest.id)\(lq(context))")
        case .notRequired:
            throw HTTPError(.notFound)
        case .inProgress(let id):
            guard let open = all.first(where: { $0.id == id }) else { throw HTTPError(.notFound) }
            if open.payment.status == .created {
                return pages.redirect(
                    try await desk.start(open, description: description, trustLevel: actor.level.rawValue))
            }
            if let ref = open.payment.providerReference,
                try await desk.simulator({ try? $0.payment(ref).status }) == .pending
            {
                return pages.redirect("/zahlung/simulator/\(ref)\(lq(context))")
            }
            return pages.redirect("/zahlung/\(id)\(lq(context))")
        case .due:
            if latest.timing == .beforeSubmission {
                // The draft must still be there (it is what gets submitted once paid).
                guard try await applications.drafts.find(id: applicationID) != nil else { throw HTTPError(.notFound) }
            }
            let fresh = try await desk.store.create(
                PaymentStore.New(
                    provider: PaymentDesk.provider, applicationID: applicationID, submissionID: latest.submissionID,
                    caseID: latest.payment.caseID, leika: latest.leika, authorityID: latest.authorityID,
                    accountID: actor.accountID, timing: latest.timing, trustLevel: actor.level.rawValue,
                    quote: latest.quote))
            return pages.redirect(
                try await desk.start(fresh, description: description, trustLevel: actor.level.rawValue))
        }
    }

    // MARK: The authority

    func staff(_ context: AppRequestContext) throws -> (Actor, String) {
        let actor = try applications.staffOfAuthority(context)
        guard let authorityID = actor.authorityID else { throw HTTPError(.forbidden) }
        return (actor, authorityID)
    }

    /// The period from the query (`from`, `to`, YYYY-MM-DD); the current month by default.
    func requestedPeriod(_ request: Request) -> (ReconciliationPeriod?, String, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ReconciliationRecord.berlin
        let c = calendar.dateComponents([.year, .month, .day], from: clock.now())
        let today = String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
        let from = request.uri.queryParameters["from"].map(String.init) ?? String(today.prefix(8)) + "01"
        let to = request.uri.queryParameters["to"].map(String.init) ?? today
        return (try? ReconciliationPeriod(from: from, to: to), from, to)
    }

    @Sendable func authorityPayments(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        let (_, authorityID) = try staff(context)
        let (period, from, to) = requestedPeriod(request)
        var values: [String: Any] = ["from": from, "to": to]
        var errors: [(field: String, message: String)] = []
        if let period {
            let report = try await desk.store.report(authorityID: authorityID, period: period)
            let recent = try await desk.store.payments(ofAuthority: authorityID, limit: 500)
            let stored = Dictionary(recent.map { ($0.payment.reference, $0) }, uniquingKeysWith: { a, _ in a })
            values["rows"] = report.rows.map { r -> [String: Any] in
                var row: [String: Any] = [
                    "date": ApplicationRoutes.displayDate(r.date, context.language),
                    "kind": t(r.kind == .payment ? "pay_kind_payment" : "pay_kind_refund", context),
                    "reference": r.reference, "service": serviceName(r.serviceID, context),
                    "amount": Money.german(r.signedCents),
                ]
                if r.kind == .payment, let p = stored[r.reference], p.payment.refundableCents > 0 {
                    row["refundAction"] = "/behoerde/zahlungen/\(p.id)/erstatten\(lq(context))"
                    row["refundable"] = Money.german(p.payment.refundableCents)
                    row["refundKey"] = Identifier.uuidV7()
                }
                return row
            }
            values["hasRows"] = !report.rows.isEmpty
            values["gross"] = Money.german(report.totals.grossCents)
            values["refunds"] = Money.german(report.totals.refundCents)
            values["net"] = Money.german(report.totals.netCents)
            values["csvHref"] =
                "/behoerde/zahlungen.csv?from=\(period.from)&to=\(period.to)\(lq(context).isEmpty ? "" : "&lang=en")"
            values["report"] = true
        } else {
            errors = [("from", t("pay_error_period", context))]
        }
        return pages.form(
            "authorityPayments", request, context, title: t("pay_staff_title", context), values: values,
            errors: errors, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    @Sendable func reconciliationCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        let (_, authorityID) = try staff(context)
        guard let period = requestedPeriod(request).0 else { throw HTTPError(.badRequest) }
        let report = try await desk.store.report(authorityID: authorityID, period: period)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"zahlungen-\(period.from)-\(period.to).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: report.csvData())))
    }

    /// Refunds what is left of a payment. The form's key makes a repeated click one refund; the
    /// provider's `refund.succeeded` webhook books it (once).
    @Sendable func refund(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let login = pages.requireSignedIn(request, context) { return login }
        let (actor, authorityID) = try staff(context)
        let fields = try await pages.csrf.verifiedForm(request, context)
        let id = try context.parameters.require("id")
        guard let stored = try await desk.store.find(id: id, owner: .authority(authorityID)) else {
            throw HTTPError(.notFound)
        }
        guard let key = fields["refund_key"], !key.isEmpty, key.count <= 64,
            let ref = stored.payment.providerReference, stored.payment.refundableCents > 0
        else { throw HTTPError(.badRequest) }
        let amount = stored.payment.refundableCents
        let deliveries = try await desk.simulator { simulator -> [WebhookDelivery] in
            _ = try await simulator.refund(providerReference: ref, amount: amount, idempotencyKey: "refund:\(key)")
            return simulator.takeDeliveries()
        }
        try await pages.audit.record(
            "payment.refund_requested", accountID: actor.accountID, authorityID: authorityID,
            detail: "\(stored.payment.reference) \(Money.plain(amount)) EUR")
        for delivery in deliveries { try await deliver(delivery) }
        let back = request.uri.queryParameters["lang"] == "en" ? "?lang=en" : ""
        return pages.redirect("/behoerde/zahlungen\(back)")
    }
}
