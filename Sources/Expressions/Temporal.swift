/// A calendar date without time of day or zone (FEEL `date`), proleptic Gregorian, years 1…9999.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid calendar date, or nil (e.g. 2023-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.days(inMonth: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO 8601 calendar form `YYYY-MM-DD`, nothing else.
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

    /// The date as `YYYY-MM-DD`.
    public var iso: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public var description: String { iso }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((dayNumber % 7) + 10) % 7 + 1 }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01, or nil outside years 1…9999 (`civil_from_days`).
    init?(dayNumber: Int) {
        guard abs(dayNumber) < 10_000_000 else { return nil }
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// Adds calendar months, clamping the day to the end of the month (2024-01-31 + 1 month = 2024-02-29).
    func adding(months: Int) -> LocalDate? {
        guard abs(months) < 1_000_000 else { return nil }
        let total = year * 12 + (month - 1) + months
        let (newYear, newMonth) = (total / 12, total % 12 + 1)
        guard (1...9999).contains(newYear) else { return nil }
        return LocalDate(year: newYear, month: newMonth, day: min(day, Self.days(inMonth: newMonth, year: newYear)))
    }

    func adding(days: Int) -> LocalDate? {
        guard abs(days) < 10_000_000 else { return nil }
        return LocalDate(dayNumber: dayNumber + days)
    }
}

/// A FEEL duration: either years and months (`P1Y2M`) or days and time (`P3DT4H`). The two kinds
/// do not mix: they are never equal, ordered or added to each other.
public enum FEELDuration: Sendable, Hashable, CustomStringConvertible {
    /// A years-and-months duration, as a signed number of months.
    case yearsMonths(months: Int)
    /// A days-and-time duration, as a signed number of whole seconds.
    case daysTime(seconds: Int)

    /// Parses `[-]P[nY][nM]` or `[-]P[nD][T[nH][nM][nS]]` (whole numbers of at most nine digits each).
    public init?(iso: String) {
        var bytes = Array(iso.utf8)[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        guard bytes.popFirst() == UInt8(ascii: "P"), !bytes.isEmpty else { return nil }
        var months = 0
        var seconds = 0
        var inTime = false
        var componentsAfterT = 0
        var lastRank = -1
        while !bytes.isEmpty {
            if bytes.first == UInt8(ascii: "T") {
                guard !inTime else { return nil }
                inTime = true
                bytes = bytes.dropFirst()
                continue
            }
            let digits = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard (1...9).contains(digits.count), let value = Int(String(decoding: digits, as: UTF8.self)) else {
                return nil
            }
            bytes = bytes.dropFirst(digits.count)
            let ranks = inTime ? Self.timeRanks : Self.dateRanks
            guard let designator = bytes.popFirst(), let rank = ranks[designator], rank > lastRank else { return nil }
            // Years and months (ranks 0, 1) never combine with days and time (ranks 2…5).
            guard lastRank < 0 || (lastRank <= 1) == (rank <= 1) else { return nil }
            lastRank = rank
            if inTime { componentsAfterT += 1 }
            months += [12, 1, 0, 0, 0, 0][rank] * value
            seconds += [0, 0, 86_400, 3_600, 60, 1][rank] * value
        }
        guard lastRank >= 0, !(inTime && componentsAfterT == 0) else { return nil }
        self =
            lastRank <= 1
            ? .yearsMonths(months: negative ? -months : months)
            : .daysTime(seconds: negative ? -seconds : seconds)
    }

    private static let dateRanks: [UInt8: Int] = [UInt8(ascii: "Y"): 0, UInt8(ascii: "M"): 1, UInt8(ascii: "D"): 2]
    private static let timeRanks: [UInt8: Int] = [UInt8(ascii: "H"): 3, UInt8(ascii: "M"): 4, UInt8(ascii: "S"): 5]

    /// The canonical ISO 8601 form, e.g. `P1Y2M`, `P29D`, `-PT1H30M`, `P0M`, `PT0S`.
    public var iso: String {
        switch self {
        case .yearsMonths(let months):
            let magnitude = months.magnitude
            let (years, rest) = magnitude.quotientAndRemainder(dividingBy: 12)
            let body = (years > 0 ? "\(years)Y" : "") + (rest > 0 || years == 0 ? "\(rest)M" : "")
            return (months < 0 ? "-P" : "P") + body
        case .daysTime(let seconds):
            let magnitude = seconds.magnitude
            let (days, dayRest) = magnitude.quotientAndRemainder(dividingBy: 86_400)
            let (hours, hourRest) = dayRest.quotientAndRemainder(dividingBy: 3_600)
            let (minutes, secs) = hourRest.quotientAndRemainder(dividingBy: 60)
            var body = days > 0 ? "\(days)D" : ""
            if dayRest > 0 || days == 0 {
                body += "T" + (hours > 0 ? "\(hours)H" : "") + (minutes > 0 ? "\(minutes)M" : "")
                body += secs > 0 || dayRest == 0 ? "\(secs)S" : ""
            }
            return (seconds < 0 ? "-P" : "P") + body
        }
    }

    public var description: String { iso }
}
