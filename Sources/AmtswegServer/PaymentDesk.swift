import Cases
import Catalog
import Forms
import Foundation
import HTTPTypes
import Payments
import Storage

/// Which services cost what, and when the applicant pays. The catalogue's fixed fees (with their
/// digital discount in cents) are paid on approval; the two demo entries for the resident parking
/// permit, whose fee the catalogue leaves to the municipality, are sample values ("Musterwert").
struct FeeConfiguration: Sendable {
    var fees: [String: ServiceFee]
    /// Evaluates `FeeSchedule.decision` fees (DMN decision tables).
    var decisions: (any FeeDecisionEvaluating)? = nil

    /// The quote for `leika` with the application's data as the schedule's inputs.
    func quote(_ leika: String, data: FormValue?, channel: FeeChannel) throws(FeeError) -> FeeQuote? {
        guard let fee = fees[leika] else { return nil }
        return try fee.quote(inputs: data.map(FeeInputs.flatten) ?? [:], channel: channel, evaluator: decisions)
    }

    func fee(_ leika: String) -> ServiceFee? { fees[leika] }

    /// The fee when the applicant pays before submitting (nil: no payment in the journey).
    func beforeSubmission(_ leika: String) -> ServiceFee? {
        guard let fee = fees[leika], fee.timing == .beforeSubmission else { return nil }
        return fee
    }

    /// A catalogue fee as a `ServiceFee`: only a fixed amount; its digital discount in cents.
    static func serviceFee(_ fee: Fee, timing: FeeTiming, label: String) -> ServiceFee? {
        guard fee.kind == .fixed, let cents = fee.amountCents, cents > 0, cents <= Int64(Money.maximumCents) else {
            return nil
        }
        let discount = fee.digitalDiscountCents.flatMap { d -> DigitalDiscount? in
            d > 0 ? DigitalDiscount(.cents(Int(d)), legalBasis: fee.note?.de ?? "Gebührenordnung") : nil
        }
        return ServiceFee(schedule: .fixed(cents: Int(cents)), timing: timing, discount: discount, label: label)
    }

    static let renewParkingPermit = "99108001020000"
    static let parkingPermit = "99108001001000"

    static func standard(_ catalog: ServiceCatalog) throws -> FeeConfiguration {
        var fees: [String: ServiceFee] = [:]
        for service in catalog.services {
            if let fee = serviceFee(service.fee, timing: .onApproval, label: "Gebühr") { fees[service.leika] = fee }
        }
        let discount = DigitalDiscount(.basisPoints(1000), legalBasis: "§ 3 Abs. 2 ThürVwKostG (Musterwert)")
        // Renewing the permit: paid before the application is submitted; the fee by the period of
        // validity the applicant chose (code list C05000108: 1 = 12 months, 2 = 24 months).
        fees[renewParkingPermit] = ServiceFee(
            schedule: .table(key: validityField, entries: ["1": 3000, "2": 5500], default: nil),
            timing: .beforeSubmission, discount: discount,
            label: "Gebühr Bewohnerparkausweis (Musterwert)", legalBasis: "§ 6a Abs. 5a StVG, örtliche Gebührenordnung")
        // A new permit: paid once the authority approves it; the fee from a DMN decision table
        // (data/fees/bewohnerparkausweis-gebuehr.dmn).
        fees[parkingPermit] = ServiceFee(
            schedule: .decision(id: "bewohnerparkausweis-gebuehr"), timing: .onApproval, discount: discount,
            label: "Gebühr Bewohnerparkausweis (Musterwert)", legalBasis: "§ 6a Abs. 5a StVG, örtliche Gebührenordnung")
        return FeeConfiguration(fees: fees, decisions: try DMNFeeDecisions.builtIn())
    }

    /// The permit's period of validity in the form S05000058.
    static let validityField = "G05000493.F05001064"
}

/// Payments on the server: fee quotes, the simulated provider (its state in the database, so it
/// survives restarts and serves several nodes), starting a payment, and applying a webhook through
/// one path — verification, the stored event id, `Payment.apply` — whether the event arrives from
/// outside or from the simulator in process.
struct PaymentDesk: Sendable {
    let store: PaymentStore
    let fees: FeeConfiguration
    let secrets: WebhookSecrets
    let clock: any WallClock

    static let provider = "simulator"
    static let webhookPath = "/api/v1/payments/webhooks/simulator"

    var verifier: WebhookVerifier { WebhookVerifier(secrets: secrets) }

    /// Runs `body` with the simulator restored from the database; its new state is stored after.
    func simulator<T: Sendable>(_ body: @escaping @Sendable (SimulatedProvider) async throws -> T) async throws -> T {
        let secrets = self.secrets
        let clock = self.clock
        return try await store.withProviderState(Self.provider) { state in
            let restored =
                try state.map { try JSONDecoder().decode(SimulatedProvider.State.self, from: Data($0.utf8)) }
                ?? SimulatedProvider.State()
            let simulator = SimulatedProvider(
                configuration: .init(webhookPath: Self.webhookPath), secrets: secrets, clock: { clock.now() },
                restoring: restored)
            let result = try await body(simulator)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return (String(decoding: try encoder.encode(simulator.snapshot()), as: UTF8.self), result)
        }
    }

    /// Registers `stored` with the provider and marks it pending; returns the provider page.
    func start(_ stored: PaymentStore.Stored, description: String, trustLevel: String?) async throws -> String {
        let request = PaymentRequest(
            reference: stored.payment.reference, amountCents: stored.payment.amountCents, description: description,
            returnURL: "/zahlung/\(stored.id)", idempotencyKey: stored.id)
        let created = try await simulator { try await $0.createPayment(request) }
        _ = try await store.start(
            id: stored.id, providerReference: created.providerReference, trustLevel: trustLevel)
        return created.redirectURL
    }

    /// Verifies and applies one webhook. Throws a `ProblemError` (400/401 for the signature and
    /// body, 404 for an unknown payment, 409 for an event the payment's state refuses).
    func receive(body: Data, signature: String?) async throws -> PaymentStore.EventOutcome {
        let event: PaymentEvent
        do {
            event = try verifier.verify(body: body, signatureHeader: signature, now: clock.now())
        } catch {
            throw ProblemError(
                HTTPResponse.Status(code: error.httpStatus), error.slug, error.title, detail: error.description)
        }
        do {
            return try await store.apply(event, provider: Self.provider)
        } catch PaymentStore.PaymentStoreError.unknownPayment(let reference) {
            throw ProblemError.notFound("No payment with the provider reference \(reference).")
        } catch PaymentStore.PaymentStoreError.refused(let error) {
            throw ProblemError(.conflict, "payment-event-refused", "Event refused", detail: error.description)
        }
    }

    /// After an approval: if the service's fee is due on approval, records the payment request for the applicant's
    /// account (once per application) and tells them in the mailbox. No account (paper applicants): nothing here,
    /// the authority bills as before.
    func requestOnApproval(
        _ record: CaseStore.Record, data: FormValue?, serviceName: String, clerk: String, mailbox: Mailbox
    ) async throws {
        guard let fee = fees.fee(record.leika), fee.timing == .onApproval, let accountID = record.applicantAccountID
        else { return }
        let channel: FeeChannel = record.channel == .online || record.channel == .api ? .digital : .paper
        // Answers that do not determine the fee (a paper case entered without the field): no online
        // payment request; the authority bills as for paper applications.
        guard let quote = try? fees.quote(record.leika, data: data, channel: channel) ?? nil else { return }
        guard !quote.isFree else { return }
        let applicationID = record.submissionID ?? record.id
        guard try await store.payments(ofApplication: applicationID, owner: .account(accountID)).isEmpty else { return }
        let stored = try await store.create(
            PaymentStore.New(
                provider: Self.provider, applicationID: applicationID, submissionID: record.submissionID,
                caseID: record.id, leika: record.leika, authorityID: record.authorityID, accountID: accountID,
                timing: .onApproval, quote: quote))
        _ = try await mailbox.send(
            to: accountID, from: record.authorityID, by: clerk,
            subject: "Gebühr zu Ihrem Antrag \(record.number)",
            body: """
                Ihr Antrag „\(serviceName)“ wurde bewilligt. Die Gebühr beträgt \(Money.german(quote.totalCents)) \
                (Zahlungsreferenz \(stored.payment.reference)). Sie können sie in Ihrem Konto unter „Zahlungen“ \
                (/konto/zahlungen) online bezahlen.
                """, caseID: record.id)
    }
}
