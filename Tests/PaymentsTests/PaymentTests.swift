import Testing

@testable import Payments

func makePayment(amount: Int = 2_500, id: String = "pay-1") throws -> Payment {
    try Payment(
        id: id, reference: "AW-2026-000123", serviceID: "bewohnerparken", applicationID: "app-1",
        amountCents: amount, createdAt: "2026-03-02T09:00:00Z")
}

func event(
    _ type: PaymentEvent.Kind, id: String = "evt-1", ref: String = "sim_1", amount: Int = 2_500,
    refundID: String? = nil
) -> PaymentEvent {
    PaymentEvent(
        id: id, type: type, providerReference: ref, reference: "AW-2026-000123", amountCents: amount,
        created: "2026-03-02T09:05:00Z", refundID: refundID)
}

@Suite struct PaymentStateTests {
    @Test func happyPath() throws {
        var p = try makePayment()
        #expect(p.status == .created)
        #expect(try p.start(providerReference: "sim_1", at: "t1") == .changed(from: .created, to: .pending))
        #expect(try p.start(providerReference: "sim_1", at: "t1b") == .unchanged)
        #expect(p.updatedAt == "t1")
        #expect(try p.succeed(at: "t2") == .changed(from: .pending, to: .succeeded))
        #expect(p.succeededAt == "t2")
        #expect(p.refundableCents == 2_500)
        #expect(try p.refund(id: "re_1", cents: 1_000, at: "t3") == .changed(from: .succeeded, to: .partiallyRefunded))
        #expect(p.refundedCents == 1_000)
        #expect(p.refundableCents == 1_500)
        #expect(
            try p.refund(id: "re_2", cents: 1_500, at: "t4") == .changed(from: .partiallyRefunded, to: .refunded))
        #expect(p.refundableCents == 0)
        #expect(p.refunds.map(\.id) == ["re_1", "re_2"])
        #expect(p.succeededAt == "t2")
    }

    @Test func invalidAmountsAreRefused() {
        #expect(throws: PaymentError.invalidAmount(0)) { try makePayment(amount: 0) }
        #expect(throws: PaymentError.invalidAmount(-5)) { try makePayment(amount: -5) }
    }

    @Test func finalStatesStayFinal() throws {
        var cancelled = try makePayment()
        _ = try cancelled.start(providerReference: "sim_1", at: "t1")
        #expect(try cancelled.cancel(at: "t2") == .changed(from: .pending, to: .cancelled))
        #expect(try cancelled.cancel(at: "t3") == .unchanged)
        #expect(throws: PaymentError.invalidTransition(from: .cancelled, to: .succeeded)) {
            try cancelled.succeed(at: "t4")
        }
        #expect(throws: PaymentError.invalidTransition(from: .cancelled, to: .failed)) {
            try cancelled.fail(reason: nil, at: "t4")
        }
        #expect(throws: PaymentError.invalidTransition(from: .cancelled, to: .pending)) {
            try cancelled.start(providerReference: "sim_2", at: "t4")
        }
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.updatedAt == "t2")

        var failed = try makePayment()
        #expect(try failed.fail(reason: "Karte abgelehnt", at: "t1") == .changed(from: .created, to: .failed))
        #expect(failed.failureReason == "Karte abgelehnt")
        #expect(try failed.fail(reason: "again", at: "t2") == .unchanged)
        #expect(throws: PaymentError.invalidTransition(from: .failed, to: .succeeded)) { try failed.succeed(at: "t") }
        #expect(throws: PaymentError.invalidTransition(from: .failed, to: .refunded)) {
            try failed.refund(id: "re", cents: 1, at: "t")
        }

        var paid = try makePayment()
        _ = try paid.succeed(at: "t1")
        #expect(throws: PaymentError.invalidTransition(from: .succeeded, to: .cancelled)) { try paid.cancel(at: "t") }
        #expect(throws: PaymentError.invalidTransition(from: .succeeded, to: .failed)) {
            try paid.fail(reason: nil, at: "t")
        }
        #expect(try paid.succeed(at: "t2") == .unchanged)
        #expect(paid.succeededAt == "t1")
    }

    @Test func startWithAnotherReferenceIsRefused() throws {
        var p = try makePayment()
        _ = try p.start(providerReference: "sim_1", at: "t1")
        #expect(throws: PaymentError.providerReferenceMismatch(expected: "sim_1", got: "sim_2")) {
            try p.start(providerReference: "sim_2", at: "t2")
        }
        #expect(p.providerReference == "sim_1")
    }

    @Test func refundLimits() throws {
        var p = try makePayment()
        #expect(throws: PaymentError.invalidTransition(from: .created, to: .refunded)) {
            try p.refund(id: "re_0", cents: 100, at: "t")
        }
        _ = try p.succeed(at: "t1")
        #expect(throws: PaymentError.refundExceedsPaid(requested: 2_501, refundable: 2_500)) {
            try p.refund(id: "re_1", cents: 2_501, at: "t2")
        }
        #expect(throws: PaymentError.invalidAmount(0)) { try p.refund(id: "re_1", cents: 0, at: "t2") }
        _ = try p.refund(id: "re_1", cents: 2_000, at: "t2")
        #expect(try p.refund(id: "re_1", cents: 2_000, at: "t3") == .unchanged, "the same refund id is a no-op")
        #expect(throws: PaymentError.refundConflict(refundID: "re_1")) { try p.refund(id: "re_1", cents: 500, at: "t") }
        #expect(throws: PaymentError.refundExceedsPaid(requested: 501, refundable: 500)) {
            try p.refund(id: "re_2", cents: 501, at: "t3")
        }
        #expect(p.refundedCents == 2_000)
        #expect(p.status == .partiallyRefunded)
        _ = try p.refund(id: "re_2", cents: 500, at: "t3")
        #expect(p.status == .refunded)
        #expect(throws: PaymentError.refundExceedsPaid(requested: 1, refundable: 0)) {
            try p.refund(id: "re_3", cents: 1, at: "t4")
        }
    }

    @Test func eventsApplyIdempotently() throws {
        var p = try makePayment()
        _ = try p.start(providerReference: "sim_1", at: "t1")
        let success = event(.paymentSucceeded, id: "evt-1")
        #expect(try p.apply(success, at: "t2") == .changed(from: .pending, to: .succeeded))
        let afterFirst = p
        #expect(try p.apply(success, at: "t3") == .unchanged)
        #expect(p == afterFirst, "the same event id changes nothing, not even updatedAt")
        // A redelivery under a new event id finds the success already there.
        #expect(try p.apply(event(.paymentSucceeded, id: "evt-2"), at: "t4") == .unchanged)
        #expect(p.status == .succeeded)
        #expect(p.eventIDs == ["evt-1", "evt-2"])

        let refund = event(.refundSucceeded, id: "evt-3", amount: 700, refundID: "re_1")
        #expect(try p.apply(refund, at: "t5") == .changed(from: .succeeded, to: .partiallyRefunded))
        #expect(try p.apply(refund, at: "t6") == .unchanged)
        // The same refund reported by another event (e.g. after the synchronous ProviderRefund was booked).
        #expect(
            try p.apply(event(.refundSucceeded, id: "evt-4", amount: 700, refundID: "re_1"), at: "t7") == .unchanged)
        #expect(p.refundedCents == 700)
        // A late failure for a paid payment is refused and leaves no trace.
        let before = p
        #expect(throws: PaymentError.invalidTransition(from: .partiallyRefunded, to: .failed)) {
            try p.apply(event(.paymentFailed, id: "evt-5"), at: "t8")
        }
        #expect(p == before)
    }

    @Test func eventsMustMatchThePayment() throws {
        var p = try makePayment()
        _ = try p.start(providerReference: "sim_1", at: "t1")
        #expect(throws: PaymentError.providerReferenceMismatch(expected: "sim_1", got: "sim_9")) {
            try p.apply(event(.paymentSucceeded, ref: "sim_9"), at: "t2")
        }
        #expect(throws: PaymentError.amountMismatch(expected: 2_500, got: 100)) {
            try p.apply(event(.paymentSucceeded, amount: 100), at: "t2")
        }
        #expect(p.status == .pending)
        #expect(p.eventIDs.isEmpty)
        var fresh = try makePayment()
        #expect(throws: PaymentError.providerReferenceMismatch(expected: nil, got: "sim_1")) {
            try fresh.apply(event(.paymentSucceeded), at: "t2")
        }
    }

    @Test func cancelAndFailureEvents() throws {
        var p = try makePayment()
        _ = try p.start(providerReference: "sim_1", at: "t1")
        var e = event(.paymentFailed)
        e.failureReason = "Limit überschritten"
        #expect(try p.apply(e, at: "t2") == .changed(from: .pending, to: .failed))
        #expect(p.failureReason == "Limit überschritten")
        var q = try makePayment()
        _ = try q.start(providerReference: "sim_1", at: "t1")
        #expect(try q.apply(event(.paymentCancelled), at: "t2") == .changed(from: .pending, to: .cancelled))
        #expect(throws: PaymentError.invalidTransition(from: .cancelled, to: .succeeded)) {
            try q.apply(event(.paymentSucceeded, id: "evt-2"), at: "t3")
        }
    }

    @Test func applicationStateKeepsTheApplicationPayable() throws {
        #expect(ApplicationPaymentState(dueCents: 0, payments: []) == .notRequired)
        #expect(ApplicationPaymentState(dueCents: 2_500, payments: []) == .due(cents: 2_500))
        var failed = try makePayment(id: "p1")
        _ = try failed.fail(reason: "abgelehnt", at: "t")
        var cancelled = try makePayment(id: "p2")
        _ = try cancelled.cancel(at: "t")
        #expect(ApplicationPaymentState(dueCents: 2_500, payments: [failed, cancelled]) == .due(cents: 2_500))
        var open = try makePayment(id: "p3")
        _ = try open.start(providerReference: "sim_3", at: "t")
        #expect(ApplicationPaymentState(dueCents: 2_500, payments: [failed, open]) == .inProgress(paymentID: "p3"))
        var paid = try makePayment(id: "p4")
        _ = try paid.succeed(at: "t")
        #expect(ApplicationPaymentState(dueCents: 2_500, payments: [failed, open, paid]) == .paid(paymentID: "p4"))
        var twice = try makePayment(id: "p5")
        _ = try twice.succeed(at: "t")
        #expect(
            ApplicationPaymentState(dueCents: 2_500, payments: [paid, twice])
                == .paidMoreThanOnce(paymentIDs: ["p4", "p5"]))
        _ = try twice.refund(id: "re", cents: 2_500, at: "t")
        #expect(ApplicationPaymentState(dueCents: 2_500, payments: [paid, twice]) == .paid(paymentID: "p4"))
    }

    @Test func references() {
        #expect(PaymentReference.make(year: 2026, sequence: 123) == "AW-2026-000123")
        #expect(PaymentReference.make(prefix: "GB", year: 2027, sequence: 1_234_567) == "GB-2027-1234567")
    }
}
