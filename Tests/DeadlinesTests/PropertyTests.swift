import Deadlines
import Foundation
import Testing

@Suite("Properties over seeded random inputs")
struct PropertyTests {
    static let municipalities: [String?] = [
        nil, Key.erfurt, Key.heiligenstadt, Key.heiligenstadtARS, Key.geisa, Key.suedeichsfeld,
    ]

    @Test("Day numbers round-trip over the whole range", arguments: [1, 2, 3] as [UInt64])
    func dayNumberRoundTrip(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let range = CivilDate.minimum.dayNumber...CivilDate.maximum.dayNumber
        for _ in 0..<20_000 {
            let number = Int.random(in: range, using: &random)
            let day = try #require(CivilDate(dayNumber: number))
            #expect(day.dayNumber == number)
            #expect(CivilDate(year: day.year, month: day.month, day: day.day) == day)
            #expect(CivilDate(iso: day.iso) == day)
            #expect(day.adding(days: 1).map { $0 > day } ?? (day == .maximum))
        }
    }

    @Test("Dates and weekdays agree with Foundation's Gregorian calendar (1600–2400)")
    func foundationOracle() throws {
        var random = SeededGenerator(seed: 42)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(secondsFromGMT: 0))
        let epoch = try #require(calendar.date(from: DateComponents(year: 1970, month: 1, day: 1)))
        let range = date("1600-01-01").dayNumber...date("2400-12-31").dayNumber
        for _ in 0..<5_000 {
            let number = Int.random(in: range, using: &random)
            let day = try #require(CivilDate(dayNumber: number))
            let instant = try #require(calendar.date(byAdding: .day, value: number, to: epoch))
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: instant)
            #expect(parts.year == day.year && parts.month == day.month && parts.day == day.day)
            // Foundation: 1 = Sunday … 7 = Saturday; ISO: 1 = Monday … 7 = Sunday.
            #expect(parts.weekday.map { ($0 + 5) % 7 + 1 } == day.weekday)
        }
    }

    @Test("Adding months keeps the day or clamps it to the month's end")
    func monthArithmetic() throws {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let start = try #require(CivilDate(dayNumber: Int.random(in: -25_000...50_000, using: &random)))
            let months = Int.random(in: -600...600, using: &random)
            let moved = try #require(start.adding(months: months))
            #expect((moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months)
            #expect(moved.day == min(start.day, CivilDate.daysInMonth(year: moved.year, month: moved.month)))
        }
    }

    @Test(
        "Deadlines: the effective end is a working day at most four days after the nominal end",
        arguments: [11, 12, 13, 14] as [UInt64])
    func deadlineProperties(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let range = date("1900-01-01").dayNumber...date("2100-12-31").dayNumber
        for _ in 0..<3_000 {
            let start = try #require(CivilDate(dayNumber: Int.random(in: range, using: &random)))
            let n = Int.random(in: 1...40, using: &random)
            let period: Deadline.Period = [.days(n), .weeks(n), .months(n), .years(n % 10 + 1)][
                Int.random(in: 0...3, using: &random)]
            let counting: Deadline.Counting = Bool.random(using: &random) ? .event : .beginningOfDay
            let municipality = Self.municipalities.randomElement(using: &random) ?? nil
            let deadline = try Deadline.end(
                start: start, period: period, counting: counting, municipality: municipality)
            let nominal = deadline.nominalEnd
            let effective = deadline.effectiveEnd
            #expect(PublicHolidays.isWorkingDay(effective, municipality: municipality))
            #expect(effective >= nominal)
            #expect(nominal.days(until: effective) <= 4)
            var day = nominal
            while day < effective {
                #expect(!PublicHolidays.isWorkingDay(day, municipality: municipality))
                day = try #require(day.adding(days: 1))
            }
            #expect(nominal >= start)
            #expect(deadline.steps.count == 3)

            // § 187 Abs. 2 ends exactly one day before § 187 Abs. 1 from the same day, except
            // where § 188 Abs. 3 clamps both to the same month end.
            let other: Deadline.Counting = counting == .event ? .beginningOfDay : .event
            let twin = try Deadline.end(start: start, period: period, counting: other)
            let (eventEnd, dayEnd) = counting == .event ? (nominal, twin.nominalEnd) : (twin.nominalEnd, nominal)
            #expect(eventEnd.adding(days: -1) == dayEnd || (eventEnd == dayEnd && eventEnd == eventEnd.lastDayOfMonth))

            let fixed = try Deadline.end(
                start: start, period: period, counting: counting, municipality: municipality, fixedDate: true)
            #expect(fixed.effectiveEnd == nominal)
        }
    }

    @Test(
        "n days after an event never end before start + n; weeks keep the weekday",
        arguments: [21, 22] as [UInt64])
    func daysAndWeeks(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let range = date("1950-01-01").dayNumber...date("2080-12-31").dayNumber
        for _ in 0..<5_000 {
            let start = try #require(CivilDate(dayNumber: Int.random(in: range, using: &random)))
            let n = Int.random(in: 1...400, using: &random)
            let days = try Deadline.end(start: start, period: .days(n), counting: .event)
            let plain = try #require(start.adding(days: n))
            #expect(days.nominalEnd == plain)
            #expect(days.effectiveEnd >= plain)
            let weeks = try Deadline.end(start: start, period: .weeks(n), counting: .event)
            #expect(weeks.nominalEnd.weekday == start.weekday)
            #expect(start.days(until: weeks.nominalEnd) == 7 * n)
        }
    }

    @Test(
        "Every year has 9 to 11 holiday entries (Fronleichnam adds one), all in that year",
        arguments: Array(1995...2100))
    func holidayLists(year: Int) {
        let plain = PublicHolidays.thuringia(year: year)
        let eichsfeld = PublicHolidays.thuringia(year: year, municipality: Key.heiligenstadt)
        #expect((9...11).contains(plain.count))
        #expect(eichsfeld.count == plain.count + 1)
        #expect(plain.keys.allSatisfy { $0.year == year })
        #expect(Set(plain.keys).isSubset(of: Set(eichsfeld.keys)))
    }
}
