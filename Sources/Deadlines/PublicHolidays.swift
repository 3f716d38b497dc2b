/// Thuringia's statutory public holidays (gesetzliche Feiertage), § 2 Abs. 1 ThürFGtG, and
/// Fronleichnam where § 10 Abs. 1 ThürFGtG keeps it (see `FronleichnamArea`).
///
/// A municipality is given by its 8-digit AGS (`"16061045"`) or 12-digit ARS (`"160610045045"`);
/// spaces are ignored. Without one, or with an unknown key, only the holidays of the whole Land
/// count. For a deadline, give the place where it must be met (usually the authority's seat).
///
/// The calendar is the law as in force since 2019, applied to every year, except that Weltkindertag
/// counts only from 2019. Years before 1995 are not modelled historically (the Buß- und Bettag, a
/// holiday until 1994, is missing).
public enum PublicHolidays {
    /// The year Weltkindertag (20 September) became a holiday: Gesetz vom 19. März 2019 (GVBl. S. 22).
    public static let weltkindertagSince = 2019

    /// Easter Sunday by the Gregorian computus (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> CivilDate? {
        guard (1...9999).contains(year) else { return nil }
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)
    }

    /// Every holiday of `year` at `municipality`, with its German name. Two holidays on one day
    /// (1 May and Christi Himmelfahrt in 2008) share an entry, "1. Mai / Christi Himmelfahrt".
    public static func thuringia(year: Int, municipality: String? = nil) -> [CivilDate: String] {
        var result: [CivilDate: String] = [:]
        for (date, name) in entries(year: year, fronleichnam: fronleichnamArea(municipality: municipality)) {
            result[date] = result[date].map { "\($0) / \(name)" } ?? name
        }
        return result
    }

    /// The holiday's name, or nil on an ordinary day.
    public static func holidayName(_ date: CivilDate, municipality: String? = nil) -> String? {
        let names = entries(year: date.year, fronleichnam: fronleichnamArea(municipality: municipality))
            .filter { $0.date == date }.map(\.name)
        return names.isEmpty ? nil : names.joined(separator: " / ")
    }

    public static func isHoliday(_ date: CivilDate, municipality: String? = nil) -> Bool {
        holidayName(date, municipality: municipality) != nil
    }

    /// Monday to Friday and not a holiday. Saturday is not a working day here: § 193 BGB and § 31
    /// Abs. 3 VwVfG move a deadline off a Saturday as off a Sunday.
    public static func isWorkingDay(_ date: CivilDate, municipality: String? = nil) -> Bool {
        !date.isWeekend && !isHoliday(date, municipality: municipality)
    }

    /// Why `date` is not a working day ("ein Samstag", "Karfreitag (gesetzlicher Feiertag)"),
    /// or nil on a working day.
    public static func nonWorkingReason(_ date: CivilDate, municipality: String? = nil) -> String? {
        if let name = holidayName(date, municipality: municipality) { return "\(name) (gesetzlicher Feiertag)" }
        if date.isWeekend { return "ein \(date.weekdayName)" }
        return nil
    }

    /// The Fronleichnam area `municipality` lies in, or nil (see `FronleichnamArea.all`).
    public static func fronleichnamArea(municipality: String?) -> FronleichnamArea? {
        guard let municipality, let ags = FronleichnamArea.ags(municipality) else { return nil }
        return FronleichnamArea.all.first { ags.hasPrefix($0.key) }
    }

    private static func entries(year: Int, fronleichnam: FronleichnamArea?) -> [(date: CivilDate, name: String)] {
        var list: [(date: CivilDate, name: String)] = []
        func fixed(_ month: Int, _ day: Int, _ name: String) {
            if let date = CivilDate(year: year, month: month, day: day) { list.append((date, name)) }
        }
        fixed(1, 1, "Neujahrstag")
        fixed(5, 1, "1. Mai")
        if year >= weltkindertagSince { fixed(9, 20, "Weltkindertag") }
        fixed(10, 3, "Tag der Deutschen Einheit")
        fixed(10, 31, "Reformationstag")
        fixed(12, 25, "1. Weihnachtsfeiertag")
        fixed(12, 26, "2. Weihnachtsfeiertag")
        if let easter = easterSunday(year: year) {
            func movable(_ offset: Int, _ name: String) {
                if let date = easter.adding(days: offset), date.year == year { list.append((date, name)) }
            }
            movable(-2, "Karfreitag")
            movable(1, "Ostermontag")
            movable(39, "Christi Himmelfahrt")
            movable(50, "Pfingstmontag")
            if let fronleichnam {
                movable(
                    60, fronleichnam.coverage == .whole ? "Fronleichnam" : "Fronleichnam (nur in Teilen der Gemeinde)")
            }
        }
        return list
    }
}
