import Deadlines
import Foundation
import Testing

@Suite("CivilDate")
struct CivilDateTests {
    @Test("Validates year, month and day")
    func validation() {
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2026, month: 0, day: 1) == nil)
        #expect(CivilDate(year: 0, month: 1, day: 1) == nil)
        #expect(CivilDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(CivilDate(year: 1, month: 1, day: 1) == .minimum)
        #expect(CivilDate(year: 9999, month: 12, day: 31) == .maximum)
    }

    @Test(
        "Parses only YYYY-MM-DD",
        arguments: [
            ("2026-03-03", true), ("0001-01-01", true), ("9999-12-31", true), ("2026-3-03", false),
            ("2026-03-3", false), ("26-03-03", false), ("2026-02-30", false), ("2026/03/03", false),
            ("2026-03-03T00:00", false), (" 2026-03-03", false), ("+026-03-03", false), ("0000-01-01", false),
            ("", false),
        ])
    func parsing(text: String, valid: Bool) {
        let parsed = CivilDate(iso: text)
        #expect((parsed != nil) == valid)
        if let parsed { #expect(parsed.iso == text) }
    }

    @Test("Formats ISO and German")
    func formatting() {
        #expect(date("0042-07-05").iso == "0042-07-05")
        #expect(date("2026-03-03").german == "03.03.2026")
        #expect(date("2026-03-03").description == "2026-03-03")
    }

    @Test(
        "ISO weekday, 1 = Monday",
        arguments: [
            ("1970-01-01", 4), ("2026-03-02", 1), ("2026-03-03", 2), ("2026-03-08", 7), ("2000-01-01", 6),
            ("0001-01-01", 1), ("9999-12-31", 5), ("1969-12-29", 1),
        ])
    func weekday(text: String, expected: Int) {
        #expect(date(text).weekday == expected)
    }

    @Test("Day numbers count from 1970-01-01")
    func dayNumbers() {
        #expect(date("1970-01-01").dayNumber == 0)
        #expect(date("1970-01-02").dayNumber == 1)
        #expect(date("1969-12-31").dayNumber == -1)
        #expect(date("2000-03-01").dayNumber == 11_017)
        #expect(CivilDate(dayNumber: CivilDate.maximum.dayNumber + 1) == nil)
        #expect(CivilDate(dayNumber: CivilDate.minimum.dayNumber - 1) == nil)
    }

    @Test("Adds days across month, year and leap day")
    func addingDays() {
        #expect(date("2024-02-28").adding(days: 1) == date("2024-02-29"))
        #expect(date("2023-02-28").adding(days: 1) == date("2023-03-01"))
        #expect(date("2026-12-31").adding(days: 1) == date("2027-01-01"))
        #expect(date("2026-03-03").adding(days: -3) == date("2026-02-28"))
        #expect(date("2000-01-01").adding(days: 366) == date("2001-01-01"))
        #expect(CivilDate.maximum.adding(days: 1) == nil)
        #expect(CivilDate.minimum.adding(days: -1) == nil)
        #expect(date("2026-03-03").adding(days: .max) == nil)
        #expect(date("2026-03-03").days(until: date("2026-03-17")) == 14)
    }

    @Test("Adds months and years, clamping to the month's last day")
    func addingMonths() {
        #expect(date("2026-01-31").adding(months: 1) == date("2026-02-28"))
        #expect(date("2024-01-31").adding(months: 1) == date("2024-02-29"))
        #expect(date("2026-03-31").adding(months: 1) == date("2026-04-30"))
        #expect(date("2026-03-31").adding(months: -1) == date("2026-02-28"))
        #expect(date("2026-11-15").adding(months: 3) == date("2027-02-15"))
        #expect(date("2026-01-15").adding(months: -13) == date("2024-12-15"))
        #expect(date("2024-02-29").adding(years: 1) == date("2025-02-28"))
        #expect(date("2024-02-29").adding(years: 4) == date("2028-02-29"))
        #expect(date("9999-12-01").adding(months: 1) == nil)
        #expect(date("0001-01-31").adding(months: -1) == nil)
        #expect(date("2026-01-01").adding(years: .max) == nil)
    }

    @Test("Orders chronologically")
    func ordering() {
        #expect(date("2026-03-03") < date("2026-03-04"))
        #expect(date("2025-12-31") < date("2026-01-01"))
        #expect(!(date("2026-03-03") < date("2026-03-03")))
        #expect(
            [date("2026-05-01"), date("2024-12-31"), date("2026-01-31")].sorted().map(\.iso) == [
                "2024-12-31", "2026-01-31", "2026-05-01",
            ])
    }

    @Test("Codes as the ISO string and rejects invalid dates")
    func codable() throws {
        let encoded = try JSONEncoder().encode([date("2026-03-03")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2026-03-03"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: encoded) == [date("2026-03-03")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
