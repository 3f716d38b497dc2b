import Deadlines
import Foundation
import Testing

@Suite("Deadlines by §§ 187–193 BGB and § 31 VwVfG")
struct DeadlineTests {
    /// (start, period, counting, municipality, nominal end, effective end)
    static let workedExamples: [(String, Deadline.Period, Deadline.Counting, String?, String, String)] = [
        // § 187 Abs. 1, § 188 Abs. 1: days after receipt.
        ("2026-03-03", .days(10), .event, nil, "2026-03-13", "2026-03-13"),
        ("2026-03-03", .days(1), .event, nil, "2026-03-04", "2026-03-04"),
        // § 188 Abs. 2: weeks end on the same weekday.
        ("2026-03-03", .weeks(2), .event, nil, "2026-03-17", "2026-03-17"),
        // § 188 Abs. 2, 3: month ends.
        ("2026-01-31", .months(1), .event, nil, "2026-02-28", "2026-03-02"),
        ("2024-01-31", .months(1), .event, nil, "2024-02-29", "2024-02-29"),
        ("2023-01-31", .months(1), .event, nil, "2023-02-28", "2023-02-28"),
        ("2026-03-31", .months(1), .event, nil, "2026-04-30", "2026-04-30"),
        ("2026-08-31", .months(6), .event, nil, "2027-02-28", "2027-03-01"),
        ("2024-02-29", .years(1), .event, nil, "2025-02-28", "2025-02-28"),
        ("2023-02-28", .years(1), .event, nil, "2024-02-28", "2024-02-28"),
        // Karfreitag, Saturday, Easter Sunday, Ostermontag: to Tuesday.
        ("2026-03-20", .weeks(2), .event, nil, "2026-04-03", "2026-04-07"),
        ("2026-04-02", .days(4), .event, nil, "2026-04-06", "2026-04-07"),
        // Christmas and New Year.
        ("2026-12-10", .weeks(2), .event, nil, "2026-12-24", "2026-12-24"),
        ("2026-11-26", .months(1), .event, nil, "2026-12-26", "2026-12-28"),
        ("2026-12-11", .weeks(2), .event, nil, "2026-12-25", "2026-12-28"),
        ("2022-11-24", .months(1), .event, nil, "2022-12-24", "2022-12-27"),
        ("2026-12-01", .months(1), .event, nil, "2027-01-01", "2027-01-04"),
        ("2026-12-21", .days(10), .event, nil, "2026-12-31", "2026-12-31"),
        // Weltkindertag: 2019 on a Friday, 2018 an ordinary Thursday.
        ("2019-09-06", .weeks(2), .event, nil, "2019-09-20", "2019-09-23"),
        ("2018-09-06", .weeks(2), .event, nil, "2018-09-20", "2018-09-20"),
        // Fronleichnam where the deadline must be met.
        ("2026-05-21", .weeks(2), .event, Key.heiligenstadt, "2026-06-04", "2026-06-05"),
        ("2026-05-21", .weeks(2), .event, Key.heiligenstadtARS, "2026-06-04", "2026-06-05"),
        ("2026-05-21", .weeks(2), .event, Key.erfurt, "2026-06-04", "2026-06-04"),
        ("2026-05-21", .weeks(2), .event, nil, "2026-06-04", "2026-06-04"),
        // § 187 Abs. 2: the first day counts.
        ("2026-03-01", .months(1), .beginningOfDay, nil, "2026-03-31", "2026-03-31"),
        ("2026-03-02", .days(10), .beginningOfDay, nil, "2026-03-11", "2026-03-11"),
        ("2026-03-02", .weeks(1), .beginningOfDay, nil, "2026-03-08", "2026-03-09"),
        ("2026-01-31", .months(1), .beginningOfDay, nil, "2026-02-28", "2026-03-02"),
        ("2026-01-30", .months(1), .beginningOfDay, nil, "2026-02-28", "2026-03-02"),
        ("2026-01-29", .months(1), .beginningOfDay, nil, "2026-02-28", "2026-03-02"),
        ("2024-01-30", .months(1), .beginningOfDay, nil, "2024-02-29", "2024-02-29"),
        ("2026-01-15", .months(1), .beginningOfDay, nil, "2026-02-14", "2026-02-16"),
        ("2000-03-01", .years(1), .beginningOfDay, nil, "2001-02-28", "2001-02-28"),
    ]

    @Test("Worked examples", arguments: workedExamples)
    func worked(
        start: String, period: Deadline.Period, counting: Deadline.Counting, municipality: String?,
        nominal: String, effective: String
    ) throws {
        let deadline = try Deadline.end(
            start: date(start), period: period, counting: counting, municipality: municipality)
        #expect(deadline.nominalEnd == date(nominal))
        #expect(deadline.effectiveEnd == date(effective))
    }

    @Test("Age: a person born on 1 January 2000 is 18 at the end of 31 December 2017")
    func age() throws {
        let adult = try Deadline.end(start: date("2000-01-01"), period: .years(18), counting: .beginningOfDay)
        #expect(adult.nominalEnd == date("2017-12-31"))
        let leapling = try Deadline.end(start: date("2000-02-29"), period: .years(18), counting: .beginningOfDay)
        #expect(leapling.nominalEnd == date("2018-02-28"))
    }

    @Test("Explains each step with its legal reference, in German")
    func explanation() throws {
        let deadline = try Deadline.end(start: date("2026-03-03"), period: .weeks(2), counting: .event)
        #expect(
            deadline.explanation == [
                "§ 187 Abs. 1 BGB: Ereignis am 03.03.2026 (Dienstag); dieser Tag wird nicht mitgerechnet, "
                    + "die Frist beginnt am 04.03.2026 (Mittwoch).",
                "§ 188 Abs. 2 BGB: Eine Frist von 2 Wochen endet mit Ablauf des Tages, der durch seine "
                    + "Benennung dem Ereignistag entspricht (Dienstag), 17.03.2026 (Dienstag).",
                "§ 31 Abs. 3 VwVfG, § 193 BGB: 17.03.2026 (Dienstag) ist ein Werktag; das Fristende "
                    + "verschiebt sich nicht.",
            ])
    }

    @Test("Explains the Easter chain day by day")
    func easterExplanation() throws {
        let deadline = try Deadline.end(start: date("2026-03-20"), period: .weeks(2), counting: .event)
        #expect(
            deadline.steps.last?.description
                == "§ 31 Abs. 3 Satz 1 VwVfG, § 193 BGB: 03.04.2026 ist Karfreitag (gesetzlicher Feiertag), "
                + "04.04.2026 ist ein Samstag, 05.04.2026 ist ein Sonntag, 06.04.2026 ist Ostermontag "
                + "(gesetzlicher Feiertag); die Frist endet mit Ablauf des nächsten Werktags, 07.04.2026 (Dienstag).")
    }

    @Test("Explains § 188 Abs. 3 when the month lacks the day")
    func monthEndExplanation() throws {
        let deadline = try Deadline.end(start: date("2026-01-31"), period: .months(1), counting: .event)
        #expect(
            deadline.steps[1].description
                == "§ 188 Abs. 2, 3 BGB: Eine Frist von einem Monat endet mit Ablauf des Tages, der durch seine "
                + "Zahl dem Ereignistag entspricht; der Februar 2026 hat keinen 31. Tag, daher endet sie mit "
                + "Ablauf seines letzten Tages, 28.02.2026 (Samstag).")
    }

    @Test("A fixed date communicated under § 31 Abs. 3 Satz 2 VwVfG is not moved")
    func fixedDate() throws {
        let fixed = try Deadline.end(
            start: date("2026-01-31"), period: .months(1), counting: .event, fixedDate: true)
        #expect(fixed.nominalEnd == date("2026-02-28"))
        #expect(fixed.effectiveEnd == date("2026-02-28"))
        #expect(fixed.steps.last?.reference == "§ 31 Abs. 3 Satz 2 VwVfG")
        #expect(fixed.steps.last?.text.hasSuffix("obwohl er ein Samstag ist.") == true)
        let onHoliday = try Deadline.end(
            start: date("2026-03-20"), period: .weeks(2), counting: .event, fixedDate: true)
        #expect(onHoliday.effectiveEnd == date("2026-04-03"))
        let onWorkingDay = try Deadline.end(
            start: date("2026-03-03"), period: .weeks(2), counting: .event, fixedDate: true)
        #expect(onWorkingDay.effectiveEnd == date("2026-03-17"))
    }

    @Test("Overdue only after the last day has passed")
    func overdue() throws {
        let deadline = try Deadline.end(start: date("2026-01-31"), period: .months(1), counting: .event)
        #expect(!deadline.isOverdue(today: date("2026-02-28")))
        #expect(!deadline.isOverdue(today: date("2026-03-02")))
        #expect(deadline.isOverdue(today: date("2026-03-03")))
        #expect(!Deadline.isOverdue(end: date("2026-03-17"), today: date("2026-03-17")))
        #expect(Deadline.isOverdue(end: date("2026-03-17"), today: date("2026-03-18")))
        #expect(!Deadline.isOverdue(end: date("2026-03-17"), today: date("2025-12-01")))
    }

    @Test("Rejects empty and negative periods and ends beyond 9999")
    func failures() {
        #expect(throws: Deadline.Failure.nonPositivePeriod) {
            try Deadline.end(start: date("2026-03-03"), period: .days(0), counting: .event)
        }
        #expect(throws: Deadline.Failure.nonPositivePeriod) {
            try Deadline.end(start: date("2026-03-03"), period: .months(-1), counting: .event)
        }
        #expect(throws: Deadline.Failure.outOfRange) {
            try Deadline.end(start: date("9999-12-30"), period: .months(1), counting: .event)
        }
        #expect(throws: Deadline.Failure.outOfRange) {
            try Deadline.end(start: date("2026-03-03"), period: .years(.max), counting: .event)
        }
        #expect(throws: Deadline.Failure.outOfRange) {
            try Deadline.end(start: date("2026-03-03"), period: .days(.max), counting: .event)
        }
        #expect(throws: Deadline.Failure.outOfRange) {
            try Deadline.end(start: date("9999-12-31"), period: .days(1), counting: .event)
        }
    }

    @Test("Round-trips through Codable")
    func codable() throws {
        let deadline = try Deadline.end(
            start: date("2026-05-21"), period: .weeks(2), counting: .event, municipality: Key.heiligenstadt)
        let data = try JSONEncoder().encode(deadline)
        #expect(try JSONDecoder().decode(Deadline.self, from: data) == deadline)
    }
}
