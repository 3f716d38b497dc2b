import Foundation
import Testing

@testable import Payments

/// SplitMix64: a small seeded generator, so that the random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Splits one CSV text into rows of fields (RFC 4180, `;`), to read the report back.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" {
                    field.append("\"")
                    chars.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == ";" {
            row.append(field)
            field = ""
        } else if c == "\r\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(c)
        }
    }
    return rows
}

func record(
    _ date: String, _ kind: ReconciliationRecord.Kind = .payment, ref: String = "AW-2026-000001",
    service: String = "bewohnerparken", cents: Int = 2_500, status: PaymentStatus = .succeeded
) -> ReconciliationRecord {
    ReconciliationRecord(
        date: date, kind: kind, reference: ref, serviceID: service, caseID: "case-1", amountCents: cents,
        providerReference: "sim_1", refundID: kind == .refund ? "re_1" : nil, status: status)
}

@Suite struct ReconciliationTests {
    let march = try! ReconciliationPeriod(from: "2026-03-01", to: "2026-03-31")

    @Test func csvHasHeaderCRLFSemicolonsAndSignedAmounts() throws {
        let report = try ReconciliationReport(
            records: [
                record("2026-03-02", ref: "AW-2026-000002", cents: 1_250),
                record("2026-03-01"),
                record("2026-03-02", .refund, ref: "AW-2026-000002", cents: 250),
            ], period: march)
        #expect(
            report.csv()
                == "Datum;Art;Referenz;Leistung;Vorgang;Betrag;Währung;Anbieter-Referenz;Erstattungs-ID;Status\r\n"
                + "2026-03-01;Zahlung;AW-2026-000001;bewohnerparken;case-1;25.00;EUR;sim_1;;bezahlt\r\n"
                + "2026-03-02;Zahlung;AW-2026-000002;bewohnerparken;case-1;12.50;EUR;sim_1;;bezahlt\r\n"
                + "2026-03-02;Erstattung;AW-2026-000002;bewohnerparken;case-1;-2.50;EUR;sim_1;re_1;erstattet\r\n")
        #expect(report.totals.grossCents == 3_750)
        #expect(report.totals.refundCents == 250)
        #expect(report.totals.netCents == 3_500)
        #expect(report.totals.count == 3)
        let data = report.csvData()
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == report.csv())
        #expect(report.csvData(byteOrderMark: false) == Data(report.csv().utf8))
    }

    @Test func fieldsAreQuotedPerRFC4180() {
        #expect(CSVWriter.field("plain") == "plain")
        #expect(CSVWriter.field("a;b") == "\"a;b\"")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("Sag \"Hallo\"") == "\"Sag \"\"Hallo\"\"\"")
        #expect(CSVWriter.field("Zeile 1\nZeile 2") == "\"Zeile 1\nZeile 2\"")
        #expect(CSVWriter.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVWriter.line(["x", "y;z", ""]) == "x;\"y;z\";\r\n")
    }

    @Test func formulaCellsAreDefused() throws {
        for dangerous in ["=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            #expect(CSVWriter.text(dangerous) == "'" + dangerous)
        }
        #expect(CSVWriter.text("AW-1") == "AW-1")
        #expect(CSVWriter.text("") == "")
        var evil = record("2026-03-05", ref: "=cmd|' /C calc'!A0", service: "@svc", cents: 100)
        evil.caseID = "-2+3"
        evil.providerReference = "+\"x\";y"
        let report = try ReconciliationReport(
            records: [evil, record("2026-03-06", .refund, cents: 100)], period: march)
        let rows = parseCSV(report.csv())
        #expect(rows.count == 3)
        #expect(rows[1][2] == "'=cmd|' /C calc'!A0")
        #expect(rows[1][3] == "'@svc")
        #expect(rows[1][4] == "'-2+3")
        #expect(rows[1][7] == "'+\"x\";y")
        // Amounts keep their minus sign: they are numbers, not formulas.
        #expect(rows[2][5] == "-1.00")
        #expect(report.csv().contains("\"'+\"\"x\"\";y\""))
    }

    @Test func periodBoundariesAreInclusive() throws {
        let records = [
            record("2026-02-28", ref: "a"), record("2026-03-01", ref: "b"), record("2026-03-31", ref: "c"),
            record("2026-04-01", ref: "d"), record("2026-03-15", .refund, ref: "e", cents: 100),
            record("2026-03-31", .refund, ref: "f", cents: 100), record("2026-04-01", .refund, ref: "g", cents: 100),
        ]
        let report = try ReconciliationReport(records: records, period: march)
        #expect(report.rows.map(\.reference) == ["b", "e", "c", "f"])
        let day = try ReconciliationReport(
            records: records, period: ReconciliationPeriod(from: "2026-03-31", to: "2026-03-31"))
        #expect(day.rows.map(\.reference) == ["c", "f"])
        #expect(day.totals.netCents == 2_400)
        #expect(throws: ReconciliationError.emptyPeriod(from: "2026-04-01", to: "2026-03-31")) {
            try ReconciliationPeriod(from: "2026-04-01", to: "2026-03-31")
        }
        #expect(throws: ReconciliationError.invalidDate(reference: nil, date: "2026-02-29")) {
            try ReconciliationPeriod(from: "2026-02-29", to: "2026-03-31")
        }
        #expect(throws: Never.self) { try ReconciliationPeriod(from: "2028-02-29", to: "2028-02-29") }
        #expect(throws: ReconciliationError.invalidDate(reference: "x", date: "2026-3-1")) {
            try ReconciliationReport(records: [record("2026-3-1", ref: "x")], period: march)
        }
        #expect(throws: ReconciliationError.invalidAmount(reference: "x", cents: 0)) {
            try ReconciliationReport(records: [record("2026-03-01", ref: "x", cents: 0)], period: march)
        }
    }

    @Test func unbookedRecordsAreLeftOut() throws {
        let report = try ReconciliationReport(
            records: [
                record("2026-03-02", ref: "paid"), record("2026-03-02", ref: "open", status: .pending),
                record("2026-03-02", ref: "failed", status: .failed),
                record("2026-03-02", ref: "refunded", status: .refunded),
                record("2026-03-03", .refund, ref: "refunded", status: .succeeded),
                record("2026-03-03", .refund, ref: "paid", cents: 10, status: .pending),
            ], period: march)
        #expect(report.rows.map(\.reference) == ["paid", "refunded", "refunded"])
        #expect(report.unbookedCount == 3)
        #expect(report.totals.netCents == 2_500)
    }

    @Test func berlinLocalDates() {
        #expect(ReconciliationRecord.localDate(iso: "2026-03-31T21:59:59Z") == "2026-03-31")
        #expect(ReconciliationRecord.localDate(iso: "2026-03-31T22:00:00Z") == "2026-04-01", "CEST: UTC+2")
        #expect(ReconciliationRecord.localDate(iso: "2026-01-31T23:00:00Z") == "2026-02-01", "CET: UTC+1")
        #expect(ReconciliationRecord.localDate(iso: "2026-01-31T22:59:59.250Z") == "2026-01-31")
        #expect(ReconciliationRecord.localDate(iso: "2026-03-31T23:30:00+01:00") == "2026-04-01")
        #expect(ReconciliationRecord.localDate(iso: "gestern") == nil)
    }

    @Test func summaryPerService() throws {
        let report = try ReconciliationReport(
            records: [
                record("2026-03-02", ref: "1", service: "fuehrungszeugnis", cents: 1_300),
                record("2026-03-02", ref: "2", service: "bewohnerparken", cents: 3_000),
                record("2026-03-03", ref: "3", service: "bewohnerparken", cents: 3_000),
                record("2026-03-04", .refund, ref: "3", service: "bewohnerparken", cents: 500),
            ], period: march)
        #expect(report.services.map(\.serviceID) == ["bewohnerparken", "fuehrungszeugnis"])
        #expect(report.services[0].totals.netCents == 5_500)
        #expect(report.services[1].totals.grossCents == 1_300)
        #expect(
            report.summaryCSV()
                == "Leistung;Zahlungen;Summe Zahlungen;Erstattungen;Summe Erstattungen;Netto\r\n"
                + "bewohnerparken;2;60.00;1;5.00;55.00\r\n" + "fuehrungszeugnis;1;13.00;0;0.00;13.00\r\n"
                + "Summe;3;73.00;1;5.00;68.00\r\n")
    }

    /// Random payments through the state machine; the report must agree with them.
    @Test(arguments: [1, 2, 3, 42, 2026] as [UInt64])
    func totalsEqualTheStoredPayments(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let services = ["bewohnerparken", "fuehrungszeugnis", "hundesteuer", "=evil"]
        var payments: [Payment] = []
        for n in 0..<300 {
            var p = try Payment(
                id: "p\(n)", reference: PaymentReference.make(year: 2026, sequence: n),
                serviceID: services.randomElement(using: &rng)!, applicationID: "app-\(n)",
                caseID: Bool.random(using: &rng) ? "case-\(n)" : nil,
                amountCents: Int.random(in: 1...50_000, using: &rng),
                createdAt: "2026-01-01T00:00:00Z")
            func instant() -> String {
                // Any minute in February to April 2026, also around midnight.
                let t = Int.random(in: 1_769_904_000..<1_777_593_600, using: &rng) / 60 * 60
                return Date(timeIntervalSince1970: TimeInterval(t)).formatted(.iso8601)
            }
            if Bool.random(using: &rng) { _ = try p.start(providerReference: "sim_\(n)", at: instant()) }
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: _ = try p.fail(reason: "abgelehnt", at: instant())
            case 1: _ = try p.cancel(at: instant())
            case 2: break
            default:
                _ = try p.succeed(at: instant())
                for r in 0..<Int.random(in: 0...3, using: &rng) where p.refundableCents > 0 {
                    _ = try p.refund(
                        id: "re_\(n)_\(r)", cents: Int.random(in: 1...p.refundableCents, using: &rng), at: instant())
                }
            }
            payments.append(p)
        }
        let records = try payments.flatMap { try $0.reconciliationRecords() }
        let period = try ReconciliationPeriod(from: "2026-03-01", to: "2026-03-31")
        let report = try ReconciliationReport(records: records, period: period)

        // Expected, straight from the payments.
        func inPeriod(_ iso: String?) -> Bool {
            guard let iso, let day = ReconciliationRecord.localDate(iso: iso) else { return false }
            return period.contains(day)
        }
        let paid = payments.filter { $0.status.isPaid && inPeriod($0.succeededAt) }
        let refunds = payments.flatMap(\.refunds).filter { inPeriod($0.at) }
        #expect(report.totals.grossCents == paid.reduce(0) { $0 + $1.amountCents })
        #expect(report.totals.paymentCount == paid.count)
        #expect(report.totals.refundCents == refunds.reduce(0) { $0 + $1.cents })
        #expect(report.totals.refundCount == refunds.count)
        #expect(report.totals.netCents == report.totals.grossCents - report.totals.refundCents)
        #expect(report.totals.count == report.rows.count)
        #expect(report.totals.paymentCount > 20 && report.totals.refundCount > 5, "the generator covers the period")

        // Per service sums add up to the totals.
        #expect(report.services.reduce(0) { $0 + $1.totals.grossCents } == report.totals.grossCents)
        #expect(report.services.reduce(0) { $0 + $1.totals.refundCents } == report.totals.refundCents)
        #expect(report.services.reduce(0) { $0 + $1.totals.count } == report.totals.count)
        for s in report.services {
            let expected = paid.filter { $0.serviceID == s.serviceID }.reduce(0) { $0 + $1.amountCents }
            #expect(s.totals.grossCents == expected)
        }

        // The CSV says the same: one row per record, amounts adding up to the net.
        let rows = parseCSV(report.csv())
        #expect(rows.count == report.rows.count + 1)
        #expect(rows.allSatisfy { $0.count == 10 })
        let csvNet = try rows.dropFirst().reduce(0) { $0 + (try Money.parse($1[5], allowNegative: true)) }
        #expect(csvNet == report.totals.netCents)
        #expect(rows.dropFirst().allSatisfy { period.contains($0[0]) })
        #expect(rows.dropFirst().allSatisfy { $0[3] != "=evil" }, "the service id is defused")
        let summary = parseCSV(report.summaryCSV())
        #expect(
            summary.last == [
                "Summe", String(report.totals.paymentCount), Money.plain(report.totals.grossCents),
                String(report.totals.refundCount), Money.plain(report.totals.refundCents),
                Money.plain(report.totals.netCents),
            ])
    }
}
