import Foundation

/// One money movement for the reconciliation report: a payment received or a refund paid out.
public struct ReconciliationRecord: Sendable, Hashable, Codable {
    /// A payment received or a refund paid out.
    public enum Kind: String, Sendable, Hashable, Codable {
        case payment, refund

        /// "Zahlung" or "Erstattung".
        public var label: String { self == .payment ? "Zahlung" : "Erstattung" }
    }

    /// The local date in Europe/Berlin, `YYYY-MM-DD` (see `localDate(iso:)`).
    public var date: String
    public var kind: Kind
    /// The payment reference, e.g. "AW-2026-000123".
    public var reference: String
    public var serviceID: String
    /// The case or, before there is one, the application.
    public var caseID: String
    /// Positive, also for a refund.
    public var amountCents: Int
    public var providerReference: String
    /// The provider's refund id (refunds only).
    public var refundID: String?
    /// For a payment its current status; for a refund `succeeded` once paid out (`pending`, `failed` otherwise).
    public var status: PaymentStatus

    public init(
        date: String, kind: Kind, reference: String, serviceID: String, caseID: String, amountCents: Int,
        providerReference: String, refundID: String? = nil, status: PaymentStatus
    ) {
        self.date = date
        self.kind = kind
        self.reference = reference
        self.serviceID = serviceID
        self.caseID = caseID
        self.amountCents = amountCents
        self.providerReference = providerReference
        self.refundID = refundID
        self.status = status
    }

    /// Money actually moved: a payment whose status `isPaid`, or a `succeeded` refund. Only these are reported.
    public var isBooked: Bool {
        switch kind {
        case .payment: status.isPaid
        case .refund: status == .succeeded
        }
    }

    /// The amount with its sign for the report: negative for a refund.
    public var signedCents: Int { kind == .payment ? amountCents : -amountCents }

    /// Europe/Berlin, the time zone of every date in a reconciliation report.
    public static let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// The calendar day of an ISO 8601 instant (`2026-03-31T22:30:00Z`, with or without fractional seconds or
    /// with an offset) in `timeZone`, Europe/Berlin by default: "2026-04-01". Nil if it cannot be read.
    public static func localDate(iso: String, timeZone: TimeZone = ReconciliationRecord.berlin) -> String? {
        let date =
            (try? Date.ISO8601FormatStyle().parse(iso))
            ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(iso))
        guard let date else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        guard let y = c.year, let m = c.month, let d = c.day else { return nil }
        return CivilDay.iso(year: y, month: m, day: d)
    }
}

extension Payment {
    /// The payment's money movements: the payment itself if it was paid (dated `succeededAt`) and each refund
    /// (dated its `at`), with local dates in `timeZone`. Failed, cancelled and open payments moved no money and
    /// yield nothing. `caseID` falls back to `applicationID`.
    public func reconciliationRecords(timeZone: TimeZone = ReconciliationRecord.berlin) throws(ReconciliationError)
        -> [ReconciliationRecord]
    {
        guard status.isPaid, let paidAt = succeededAt else { return [] }
        func day(_ iso: String) throws(ReconciliationError) -> String {
            guard let d = ReconciliationRecord.localDate(iso: iso, timeZone: timeZone) else {
                throw .invalidDate(reference: reference, date: iso)
            }
            return d
        }
        let provider = providerReference ?? ""
        var records = [
            ReconciliationRecord(
                date: try day(paidAt), kind: .payment, reference: reference, serviceID: serviceID,
                caseID: caseID ?? applicationID, amountCents: amountCents, providerReference: provider,
                status: status)
        ]
        for r in refunds {
            records.append(
                ReconciliationRecord(
                    date: try day(r.at), kind: .refund, reference: reference, serviceID: serviceID,
                    caseID: caseID ?? applicationID, amountCents: r.cents, providerReference: provider,
                    refundID: r.id, status: .succeeded))
        }
        return records
    }
}

/// A reporting period: local dates (Europe/Berlin), both inclusive.
public struct ReconciliationPeriod: Sendable, Hashable, Codable {
    /// `YYYY-MM-DD`.
    public let from: String
    /// `YYYY-MM-DD`, inclusive.
    public let to: String

    /// Both dates must be valid `YYYY-MM-DD` and `from` ≤ `to`.
    public init(from: String, to: String) throws(ReconciliationError) {
        guard CivilDay.isValid(from) else { throw .invalidDate(reference: nil, date: from) }
        guard CivilDay.isValid(to) else { throw .invalidDate(reference: nil, date: to) }
        guard from <= to else { throw .emptyPeriod(from: from, to: to) }
        self.from = from
        self.to = to
    }

    /// Whether the `YYYY-MM-DD` date falls in the period.
    public func contains(_ date: String) -> Bool { from <= date && date <= to }
}

/// Sums over a set of records.
public struct ReconciliationTotals: Sendable, Hashable, Codable {
    /// All payments received.
    public var grossCents: Int = 0
    /// All refunds paid out (positive).
    public var refundCents: Int = 0
    public var paymentCount: Int = 0
    public var refundCount: Int = 0

    public init() {}

    /// `grossCents - refundCents`.
    public var netCents: Int { grossCents - refundCents }
    /// Rows: payments and refunds.
    public var count: Int { paymentCount + refundCount }

    mutating func add(_ r: ReconciliationRecord) {
        switch r.kind {
        case .payment:
            grossCents += r.amountCents
            paymentCount += 1
        case .refund:
            refundCents += r.amountCents
            refundCount += 1
        }
    }
}

/// The payments and refunds of a period for the authority's cash office, as values and as CSV.
///
/// Only booked records (`ReconciliationRecord.isBooked`) dated in the period count; the others are left out, so
/// that the rows' amounts add up to `totals.netCents`.
///
/// CSV: RFC 4180 (CRLF line ends, fields with `"`, `;`, `,`, CR or LF quoted, `"` doubled), UTF-8, a header row,
/// and `;` as separator because German Excel expects it. Amounts are plain (`12.50`, refunds `-12.50`). A text
/// cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so that a spreadsheet does not run it as a
/// formula (CSV injection); amounts are never altered.
public struct ReconciliationReport: Sendable, Hashable {
    /// The totals of one service.
    public struct ServiceTotals: Sendable, Hashable, Codable {
        public var serviceID: String
        public var totals: ReconciliationTotals
    }

    public let period: ReconciliationPeriod
    /// Booked records in the period, by date, reference, payment before refund, refund id.
    public let rows: [ReconciliationRecord]
    public let totals: ReconciliationTotals
    /// Per service, by service id.
    public let services: [ServiceTotals]
    /// Records in the period left out because no money moved (open, failed, cancelled, pending refunds).
    public let unbookedCount: Int

    /// Builds the report. Every record must have a valid date and a positive amount.
    public init(records: [ReconciliationRecord], period: ReconciliationPeriod) throws(ReconciliationError) {
        var rows: [ReconciliationRecord] = []
        var unbooked = 0
        for r in records {
            guard CivilDay.isValid(r.date) else { throw .invalidDate(reference: r.reference, date: r.date) }
            guard r.amountCents > 0, r.amountCents <= Money.maximumCents else {
                throw .invalidAmount(reference: r.reference, cents: r.amountCents)
            }
            guard period.contains(r.date) else { continue }
            if r.isBooked { rows.append(r) } else { unbooked += 1 }
        }
        rows.sort { a, b in
            if a.date != b.date { return a.date < b.date }
            if a.reference != b.reference { return a.reference < b.reference }
            if a.kind != b.kind { return a.kind == .payment }
            return (a.refundID ?? "") < (b.refundID ?? "")
        }
        var totals = ReconciliationTotals()
        var perService: [String: ReconciliationTotals] = [:]
        for r in rows {
            totals.add(r)
            perService[r.serviceID, default: ReconciliationTotals()].add(r)
        }
        self.period = period
        self.rows = rows
        self.totals = totals
        self.services = perService.sorted { $0.key < $1.key }.map { ServiceTotals(serviceID: $0.key, totals: $0.value) }
        self.unbookedCount = unbooked
    }

    /// The rows as CSV: Datum;Art;Referenz;Leistung;Vorgang;Betrag;Währung;Anbieter-Referenz;Erstattungs-ID;Status.
    public func csv() -> String {
        var out = CSVWriter.line([
            "Datum", "Art", "Referenz", "Leistung", "Vorgang", "Betrag", "Währung", "Anbieter-Referenz",
            "Erstattungs-ID", "Status",
        ])
        for r in rows {
            out += CSVWriter.line([
                CSVWriter.text(r.date), CSVWriter.text(r.kind.label), CSVWriter.text(r.reference),
                CSVWriter.text(r.serviceID),
                CSVWriter.text(r.caseID), Money.plain(r.signedCents), Money.currency,
                CSVWriter.text(r.providerReference),
                CSVWriter.text(r.refundID ?? ""), CSVWriter.text(r.kind == .refund ? "erstattet" : r.status.label),
            ])
        }
        return out
    }

    /// The sums as CSV, one row per service and a last row "Summe":
    /// Leistung;Zahlungen;Summe Zahlungen;Erstattungen;Summe Erstattungen;Netto.
    public func summaryCSV() -> String {
        var out = CSVWriter.line([
            "Leistung", "Zahlungen", "Summe Zahlungen", "Erstattungen", "Summe Erstattungen", "Netto",
        ])
        func line(_ name: String, _ t: ReconciliationTotals) -> String {
            CSVWriter.line([
                CSVWriter.text(name), String(t.paymentCount), Money.plain(t.grossCents), String(t.refundCount),
                Money.plain(t.refundCents), Money.plain(t.netCents),
            ])
        }
        for s in services { out += line(s.serviceID, s.totals) }
        out += line("Summe", totals)
        return out
    }

    /// `csv()` as UTF-8 bytes, by default with a byte order mark so that Excel recognises UTF-8 (umlauts).
    public func csvData(byteOrderMark: Bool = true) -> Data {
        (byteOrderMark ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(csv().utf8)
    }
}

/// Why a report could not be made.
public enum ReconciliationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not a `YYYY-MM-DD` date (or, from `Payment.reconciliationRecords`, not an ISO 8601 instant).
    case invalidDate(reference: String?, date: String)
    case invalidAmount(reference: String, cents: Int)
    /// `from` after `to`.
    case emptyPeriod(from: String, to: String)

    public var description: String {
        switch self {
        case .invalidDate(let ref, let d): "\(ref.map { "\($0): " } ?? "")\"\(d)\" is not a valid date."
        case .invalidAmount(let ref, let c): "\(ref): \(c) ct is not a valid amount."
        case .emptyPeriod(let f, let t): "The period \(f) … \(t) ends before it begins."
        }
    }
}

/// CSV cells and lines (RFC 4180, `;`-separated).
public enum CSVWriter {
    /// The field separator: `;`, as German Excel expects.
    public static let separator: Character = ";"

    /// A text cell protected against formula injection: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'`.
    public static func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    /// A field quoted if it contains `"`, `;`, `,`, CR or LF, with `"` doubled.
    public static func field(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { "\";,\r\n".unicodeScalars.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Fields joined by `;`, quoted as needed, ending in CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(separator)) + "\r\n"
    }
}

/// `YYYY-MM-DD` checks without Foundation's calendar.
enum CivilDay {
    static func isValid(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return false }
        func num(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard (48...57).contains(u[i]) else { return nil }
                n = n * 10 + Int(u[i] - 48)
            }
            return n
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10), y >= 1, (1...12).contains(m) else {
            return false
        }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }

    static func iso(year: Int, month: Int, day: Int) -> String {
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
