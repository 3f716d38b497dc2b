import Foundation

/// A calendar day without time or time zone, in the proleptic Gregorian calendar, years 1…9999.
///
/// Arithmetic works on an integer day number (days since 1970-01-01, H. Hinnant's civil-date
/// algorithms), never on `Foundation.Calendar`. Results that would leave years 1…9999 are `nil`.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The smallest and largest representable days.
    public static let minimum = CivilDate(unchecked: 1, 1, 1)
    public static let maximum = CivilDate(unchecked: 9999, 12, 31)

    /// A valid date, or nil (month 1…12, day within the month, year 1…9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.init(unchecked: year, month, day)
    }

    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day).
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day with this day number (days since 1970-01-01), or nil outside years 1…9999.
    public init?(dayNumber: Int) {
        guard (CivilDate.minimum.dayNumber...CivilDate.maximum.dayNumber).contains(dayNumber) else { return nil }
        let (year, month, day) = CivilDate.civil(fromDays: dayNumber)
        self.init(unchecked: year, month, day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `DD.MM.YYYY`, as German administrative texts write a date.
    public var german: String {
        let parts = iso.split(separator: "-")
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }

    public var description: String { iso }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int { CivilDate.days(fromCivil: year, month, day) }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let offset = (dayNumber % 7 + 7 + 3) % 7  // 1970-01-01 was a Thursday.
        return offset + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday >= 6 }

    /// The German name of the weekday ("Montag" … "Sonntag").
    public var weekdayName: String {
        ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"][weekday - 1]
    }

    /// The last day of this date's month.
    public var lastDayOfMonth: CivilDate {
        CivilDate(unchecked: year, month, CivilDate.daysInMonth(year: year, month: month))
    }

    /// `days` later (earlier when negative), or nil outside years 1…9999.
    public func adding(days: Int) -> CivilDate? {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        return overflow ? nil : CivilDate(dayNumber: sum)
    }

    /// The same day `months` later (earlier when negative); a day the target month lacks becomes
    /// its last day (31 January + 1 month = 28 or 29 February). Nil outside years 1…9999.
    public func adding(months: Int) -> CivilDate? {
        guard abs(months) <= 12 * 10_000 else { return nil }
        let index = (year * 12 + (month - 1)) + months
        let targetYear = index >= 0 ? index / 12 : (index - 11) / 12
        let targetMonth = index - targetYear * 12 + 1
        guard (1...9999).contains(targetYear) else { return nil }
        let lastDay = CivilDate.daysInMonth(year: targetYear, month: targetMonth)
        return CivilDate(unchecked: targetYear, targetMonth, min(day, lastDay))
    }

    /// The same day `years` later (earlier when negative); 29 February becomes 28 February in a
    /// common year. Nil outside years 1…9999.
    public func adding(years: Int) -> CivilDate? {
        guard abs(years) <= 10_000 else { return nil }
        return adding(months: years * 12)
    }

    /// Whole days from this date to `other` (negative when `other` is earlier).
    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// 28…31; 0 for a month outside 1…12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    /// Today's date in `timeZone` (German authorities count in Europe/Berlin).
    public static func today(in timeZone: TimeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt) -> CivilDate {
        day(of: Date(), in: timeZone)
    }

    /// The calendar day in Germany at this instant.
    public static func berlin(_ date: Date) -> CivilDate {
        day(of: date, in: TimeZone(identifier: "Europe/Berlin") ?? .gmt)
    }

    static func day(of date: Date, in timeZone: TimeZone) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? .minimum
    }

    // MARK: Codable, as the ISO string

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Not a date YYYY-MM-DD in years 1…9999: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    // MARK: Day numbers (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms")

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12  // March = 0 … February = 11
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
