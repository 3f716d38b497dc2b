import Texts

/// Our UTC timestamps (`2027-01-01T10:00:00.000Z`) as people in Germany read them, without
/// `DateFormatter` (creating one per row cost a third of an inbox page): the EU summer time rule
/// (last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC) gives UTC+2, else UTC+1.
enum BerlinTime {
    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    static func format(_ timestamp: String, _ language: Language) -> String? {
        let u = Array(timestamp.utf8)
        guard u.count >= 16, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (48...57).contains(u[i]) else { return nil }
                n = n * 10 + Int(u[i] - 48)
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60
        else { return nil }
        let days = dayNumber(year, month, day)
        let minutes = (days * 24 + hour) * 60 + minute
        let summerStart = (dayNumber(year, 3, lastSunday(year, 3)) * 24 + 1) * 60
        let summerEnd = (dayNumber(year, 10, lastSunday(year, 10)) * 24 + 1) * 60
        let local = minutes + (minutes >= summerStart && minutes < summerEnd ? 120 : 60)
        let localDays = local.floorDiv(1440)
        let (y, m, d) = civil(localDays)
        let hh = local.floorMod(1440) / 60
        let mm = local.floorMod(60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return language == .en
            ? "\(d) \(englishMonths[m - 1]) \(y), \(two(hh)):\(two(mm))"
            : "\(two(d)).\(two(m)).\(y), \(two(hh)):\(two(mm)) Uhr"
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    static func dayNumber(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The day of the month of the last Sunday (March and October have 31 days).
    static func lastSunday(_ year: Int, _ month: Int) -> Int {
        let last = dayNumber(year, month, 31)
        let weekday = (last + 4).floorMod(7)  // 1970-01-01 was a Thursday (4); 0 = Sunday
        return 31 - weekday
    }
}

extension Int {
    fileprivate func floorDiv(_ d: Int) -> Int { self >= 0 ? self / d : (self - d + 1) / d }
    fileprivate func floorMod(_ d: Int) -> Int { self - floorDiv(d) * d }
}
