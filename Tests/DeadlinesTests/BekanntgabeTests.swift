import Deadlines
import Testing

@Suite("Bekanntgabefiktion, § 41 Abs. 2 VwVfG")
struct BekanntgabeTests {
    @Test("Posted since 2025: the fourth day, even a Saturday (default)")
    func fourthDay() throws {
        let notice = try Bekanntgabe.deemed(dispatched: date("2026-03-03"), channel: .post)
        #expect(notice.date == date("2026-03-07"))
        #expect(
            notice.steps.map(\.reference) == ["§ 41 Abs. 2 Satz 1 VwVfG", "§ 41 Abs. 2 VwVfG (BSG, B 14 AS 12/09 R)"])
        #expect(
            notice.steps[0].text
                == "Aufgabe zur Post am 03.03.2026 (Dienstag); der Bescheid gilt am vierten Tag danach als "
                + "bekannt gegeben, 07.03.2026 (Samstag).")
    }

    @Test("Posted before 2025: the third day")
    func thirdDay() throws {
        #expect(try Bekanntgabe.deemed(dispatched: date("2024-12-19"), channel: .post).date == date("2024-12-22"))
        #expect(try Bekanntgabe.deemed(dispatched: date("2024-12-31"), channel: .post).date == date("2025-01-03"))
        #expect(try Bekanntgabe.deemed(dispatched: date("2025-01-01"), channel: .post).date == date("2025-01-05"))
    }

    @Test("Electronic: the fourth day after sending; portal retrieval: the day after")
    func channels() throws {
        #expect(try Bekanntgabe.deemed(dispatched: date("2026-04-24"), channel: .electronic).date == date("2026-04-28"))
        let retrieved = try Bekanntgabe.deemed(dispatched: date("2026-03-03"), channel: .retrieval)
        #expect(retrieved.date == date("2026-03-04"))
        #expect(retrieved.steps.map(\.reference) == ["§ 41 Abs. 2a Satz 3 VwVfG"])
    }

    @Test("The BFH rule moves a non-working deemed day to the next working day")
    func bfhRule() throws {
        let notice = try Bekanntgabe.deemed(
            dispatched: date("2026-03-03"), channel: .post, weekendRule: .nextWorkingDay)
        #expect(notice.date == date("2026-03-09"))
        // Posted on Gründonnerstag 2026: the fourth day is Easter Monday, so Tuesday.
        let easter = try Bekanntgabe.deemed(
            dispatched: date("2026-04-02"), channel: .post, weekendRule: .nextWorkingDay)
        #expect(easter.date == date("2026-04-07"))
        #expect(try Bekanntgabe.deemed(dispatched: date("2026-04-02"), channel: .post).date == date("2026-04-06"))
    }

    @Test("A deadline after notice counts from the deemed day")
    func afterNotice() throws {
        let deadline = try Deadline.afterNotice(dispatched: date("2026-03-03"), channel: .post, period: .months(1))
        #expect(deadline.start == date("2026-03-07"))
        #expect(deadline.effectiveEnd == date("2026-04-07"))
        #expect(deadline.steps.first?.reference == "§ 41 Abs. 2 Satz 1 VwVfG")
        #expect(deadline.steps.count == 5)
        let lenient = try Deadline.afterNotice(
            dispatched: date("2026-03-03"), channel: .post, period: .months(1), weekendRule: .nextWorkingDay)
        #expect(lenient.start == date("2026-03-09"))
        #expect(lenient.effectiveEnd == date("2026-04-09"))
        // Two weeks after a letter posted Thursday 2026-05-14 (Himmelfahrt): deemed Monday 18 May,
        // end Monday 1 June.
        let twoWeeks = try Deadline.afterNotice(dispatched: date("2026-05-14"), channel: .post, period: .weeks(2))
        #expect(twoWeeks.start == date("2026-05-18"))
        #expect(twoWeeks.effectiveEnd == date("2026-06-01"))
    }
}
