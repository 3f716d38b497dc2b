/// A deadline counted as the law counts it: § 31 VwVfG (applied in Thuringia by § 1 Abs. 1
/// ThürVwVfG) with §§ 187–193 BGB. Every computation keeps its steps, with their legal
/// references, in German for the clerk.
public struct Deadline: Sendable, Hashable, Codable {
    public enum Period: Sendable, Hashable, Codable {
        case days(Int)
        case weeks(Int)
        case months(Int)
        case years(Int)
    }

    /// How the first day is found (§ 187 BGB).
    public enum Counting: Sendable, Hashable, Codable {
        /// § 187 Abs. 1: the period follows an event in the course of a day (receipt of a letter,
        /// Bekanntgabe); that day is not counted.
        case event
        /// § 187 Abs. 2: the period starts at the beginning of a day ("ab 1. März", age); that day counts.
        case beginningOfDay
    }

    /// One step of the computation: "§ 188 Abs. 2 BGB: …".
    public struct Step: Sendable, Hashable, Codable, CustomStringConvertible {
        public let reference: String
        public let text: String
        public var description: String { "\(reference): \(text)" }
    }

    public enum Failure: Error, Sendable, Hashable {
        /// The period must be at least one day, week, month or year.
        case nonPositivePeriod
        /// The end would lie outside years 1…9999.
        case outOfRange
    }

    /// The event day (`.event`) or the first day (`.beginningOfDay`).
    public let start: CivilDate
    public let period: Period
    public let counting: Counting
    /// The end by §§ 187, 188 BGB.
    public let nominalEnd: CivilDate
    /// The end after § 31 Abs. 3 VwVfG / § 193 BGB: the deadline runs to the end of this day.
    public let effectiveEnd: CivilDate
    public let steps: [Step]

    /// The steps as lines for display.
    public var explanation: [String] { steps.map(\.description) }

    /// Counts `period` from `start`.
    ///
    /// - Parameters:
    ///   - municipality: AGS or ARS of the place where the deadline must be met (its holidays
    ///     count for § 193 BGB); nil counts only the holidays of the whole Land.
    ///   - fixedDate: the authority told the person the end date "unter Hinweis auf" § 31 Abs. 3
    ///     VwVfG, stating that it holds even on a weekend or holiday (§ 31 Abs. 3 Satz 2): no shift.
    public static func end(
        start: CivilDate, period: Period, counting: Counting, municipality: String? = nil, fixedDate: Bool = false
    ) throws(Failure) -> Deadline {
        try end(
            start: start, period: period, counting: counting, municipality: municipality, fixedDate: fixedDate,
            before: [])
    }

    /// A deadline that runs from the Bekanntgabe of a letter (§ 31 Abs. 2 VwVfG: from the day after
    /// it), whose Bekanntgabe `Bekanntgabe.deemed` infers from its dispatch.
    public static func afterNotice(
        dispatched: CivilDate, channel: Bekanntgabe.Channel, period: Period, municipality: String? = nil,
        fixedDate: Bool = false, weekendRule: Bekanntgabe.WeekendRule = .noExtension
    ) throws(Failure) -> Deadline {
        let notice = try Bekanntgabe.deemed(
            dispatched: dispatched, channel: channel, municipality: municipality, weekendRule: weekendRule)
        return try end(
            start: notice.date, period: period, counting: .event, municipality: municipality, fixedDate: fixedDate,
            before: notice.steps)
    }

    /// Whether the deadline is over on `today`: it runs to the end of `effectiveEnd`.
    public func isOverdue(today: CivilDate) -> Bool { Deadline.isOverdue(end: effectiveEnd, today: today) }

    /// Whether a deadline running to the end of `end` is over on `today`.
    public static func isOverdue(end: CivilDate, today: CivilDate) -> Bool { today > end }

    private static func end(
        start: CivilDate, period: Period, counting: Counting, municipality: String?, fixedDate: Bool, before: [Step]
    ) throws(Failure) -> Deadline {
        let count: Int
        switch period {
        case .days(let n), .weeks(let n), .months(let n), .years(let n): count = n
        }
        guard count >= 1 else { throw .nonPositivePeriod }
        var steps = before

        switch counting {
        case .event:
            guard let first = start.adding(days: 1) else { throw .outOfRange }
            steps.append(
                Step(
                    reference: "§ 187 Abs. 1 BGB",
                    text: "Ereignis am \(show(start)); dieser Tag wird nicht mitgerechnet, "
                        + "die Frist beginnt am \(show(first))."))
        case .beginningOfDay:
            steps.append(
                Step(
                    reference: "§ 187 Abs. 2 BGB",
                    text: "Die Frist beginnt mit dem Beginn des \(show(start)); dieser Tag wird mitgerechnet."))
        }

        let nominal = try nominalEnd(start: start, period: period, counting: counting, steps: &steps)
        var effective = nominal
        if PublicHolidays.isWorkingDay(nominal, municipality: municipality) {
            steps.append(
                Step(
                    reference: "§ 31 Abs. 3 VwVfG, § 193 BGB",
                    text: "\(show(nominal)) ist ein Werktag; das Fristende verschiebt sich nicht."))
        } else if fixedDate {
            steps.append(
                Step(
                    reference: "§ 31 Abs. 3 Satz 2 VwVfG",
                    text: "Die Behörde hat den \(nominal.german) unter Hinweis auf § 31 Abs. 3 VwVfG als Fristende "
                        + "mitgeteilt; die Frist endet deshalb an diesem Tag, obwohl er "
                        + "\(reason(nominal, municipality)) ist."))
        } else {
            var skipped: [String] = []
            while let reason = PublicHolidays.nonWorkingReason(effective, municipality: municipality) {
                skipped.append("\(effective.german) ist \(reason)")
                guard let next = effective.adding(days: 1) else { throw .outOfRange }
                effective = next
            }
            steps.append(
                Step(
                    reference: "§ 31 Abs. 3 Satz 1 VwVfG, § 193 BGB",
                    text: skipped.joined(separator: ", ")
                        + "; die Frist endet mit Ablauf des nächsten Werktags, \(show(effective))."))
        }
        return Deadline(
            start: start, period: period, counting: counting, nominalEnd: nominal, effectiveEnd: effective,
            steps: steps)
    }

    /// § 188 BGB.
    private static func nominalEnd(
        start: CivilDate, period: Period, counting: Counting, steps: inout [Step]
    ) throws(Failure) -> CivilDate {
        let event = counting == .event
        let months: Int
        let length: String
        switch period {
        case .days(let n):
            guard let end = start.adding(days: event ? n : n - 1) else { throw .outOfRange }
            steps.append(
                Step(
                    reference: "§ 188 Abs. 1 BGB",
                    text: "Eine Frist von \(plural(n, "einem Tag", "Tagen")) endet mit Ablauf ihres letzten Tages, "
                        + "\(show(end))."))
            return end
        case .weeks(let n):
            guard let corresponding = start.adding(days: 7 * n), let end = corresponding.adding(days: event ? 0 : -1)
            else { throw .outOfRange }
            let rule =
                event
                ? "des Tages, der durch seine Benennung dem Ereignistag entspricht (\(start.weekdayName))"
                : "des Tages vor dem Tag, der durch seine Benennung dem Anfangstag entspricht"
            steps.append(
                Step(
                    reference: "§ 188 Abs. 2 BGB",
                    text: "Eine Frist von \(plural(n, "einer Woche", "Wochen")) endet mit Ablauf \(rule), \(show(end))."
                ))
            return end
        case .months(let n):
            guard n <= 120_000 else { throw .outOfRange }
            months = n
            length = plural(n, "einem Monat", "Monaten")
        case .years(let n):
            guard n <= 10_000 else { throw .outOfRange }
            months = 12 * n
            length = plural(n, "einem Jahr", "Jahren")
        }
        // The month in which the period ends, and the day in it that corresponds by its number to
        // the start day (§ 187 Abs. 1), or the day before that one (§ 187 Abs. 2).
        guard let firstOfMonth = CivilDate(year: start.year, month: start.month, day: 1)?.adding(months: months)
        else { throw .outOfRange }
        let wanted = event ? start.day : start.day - 1
        let lastDay = CivilDate.daysInMonth(year: firstOfMonth.year, month: firstOfMonth.month)
        let rule =
            event
            ? "des Tages, der durch seine Zahl dem Ereignistag entspricht"
            : "des Tages vor dem Tag, der durch seine Zahl dem Anfangstag entspricht"
        if wanted == 0 {
            // § 187 Abs. 2 from the 1st: the day before the 1st is the last day of the previous month.
            guard let end = firstOfMonth.adding(days: -1) else { throw .outOfRange }
            steps.append(
                Step(
                    reference: "§ 188 Abs. 2 BGB",
                    text: "Eine Frist von \(length) endet mit Ablauf \(rule), \(show(end))."))
            return end
        }
        if wanted > lastDay {
            let end = firstOfMonth.lastDayOfMonth
            steps.append(
                Step(
                    reference: "§ 188 Abs. 2, 3 BGB",
                    text: "Eine Frist von \(length) endet mit Ablauf \(rule); der \(monthName(end)) hat keinen "
                        + "\(wanted). Tag, daher endet sie mit Ablauf seines letzten Tages, \(show(end))."))
            return end
        }
        guard let end = CivilDate(year: firstOfMonth.year, month: firstOfMonth.month, day: wanted) else {
            throw .outOfRange
        }
        steps.append(
            Step(
                reference: "§ 188 Abs. 2 BGB", text: "Eine Frist von \(length) endet mit Ablauf \(rule), \(show(end)).")
        )
        return end
    }

    /// "17.03.2026 (Dienstag)".
    static func show(_ date: CivilDate) -> String { "\(date.german) (\(date.weekdayName))" }

    private static func reason(_ date: CivilDate, _ municipality: String?) -> String {
        PublicHolidays.nonWorkingReason(date, municipality: municipality) ?? "ein Werktag"
    }

    private static func plural(_ n: Int, _ one: String, _ many: String) -> String {
        n == 1 ? one : "\(n) \(many)"
    }

    private static func monthName(_ date: CivilDate) -> String {
        let names = [
            "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
            "November", "Dezember",
        ]
        return "\(names[date.month - 1]) \(date.year)"
    }
}
