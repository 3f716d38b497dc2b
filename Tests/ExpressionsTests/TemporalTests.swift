import Expressions
import Testing

@Suite("Dates and durations")
struct TemporalTests {
    static let arithmeticCases: [(String, Value)] = [
        (#"date("2024-03-01") - date("2024-02-01")"#, duration("P29D")),
        (#"(date("2024-03-01") - date("2024-02-01")).days"#, 29),
        (#"date("2023-03-01") - date("2023-02-01")"#, duration("P28D")),
        (#"date("2024-01-01") - date("2024-01-31")"#, duration("-P30D")),
        (#"date("2024-01-31") + duration("P1M")"#, date("2024-02-29")),
        (#"date("2023-01-31") + duration("P1M")"#, date("2023-02-28")),
        (#"date("2024-02-29") + duration("P1Y")"#, date("2025-02-28")),
        (#"duration("P3D") + date("2024-12-30")"#, date("2025-01-02")),
        (#"date("2024-03-01") - duration("P1D")"#, date("2024-02-29")),
        (#"date("2024-03-01") - duration("PT1H")"#, date("2024-02-29")),
        (#"date("2024-03-01") + duration("PT23H")"#, date("2024-03-01")),
        (#"date("2000-01-01") + duration("P366D")"#, date("2001-01-01")),
        (#"date("9999-12-31") + duration("P1D")"#, .null),
        (#"duration("P1Y") + duration("P2M")"#, duration("P1Y2M")),
        (#"duration("P1Y") - duration("P2M")"#, duration("P10M")),
        (#"duration("P1D") + duration("PT12H")"#, duration("P1DT12H")),
        (#"duration("P1Y") + duration("P1D")"#, .null),
        (#"-duration("P1D")"#, duration("-P1D")),
        (#"date("2024-01-01") + 1"#, .null),
        (#"date("2024-01-01") < date("2024-01-02")"#, true),
        (#"date("2024-01-01") = date(2024, 1, 1)"#, true),
        (#"duration("P1Y") < duration("P13M")"#, true),
        (#"duration("P12M") = duration("P1Y")"#, true),
        (#"duration("P1D") > duration("PT23H")"#, true),
        (#"duration("P1Y") = duration("P365D")"#, .null),
    ]

    @Test("Date and duration arithmetic and comparison", arguments: arithmeticCases)
    func arithmetic(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    static let componentsCases: [(String, Value)] = [
        (#"date("2024-01-31").year"#, 2024),
        (#"date("2024-01-31").month"#, 1),
        (#"date("2024-01-31").day"#, 31),
        (#"date("2024-01-31").weekday"#, 3),
        (#"date("1970-01-01").weekday"#, 4),
        (#"date("2024-01-31").hours"#, .null),
        (#"duration("P1Y2M").years"#, 1),
        (#"duration("P1Y2M").months"#, 2),
        (#"duration("-P14M").years"#, -1),
        (#"duration("P1DT2H3M4S").days"#, 1),
        (#"duration("P1DT2H3M4S").hours"#, 2),
        (#"duration("P1DT2H3M4S").minutes"#, 3),
        (#"duration("P1DT2H3M4S").seconds"#, 4),
        (#"duration("P1Y").days"#, .null),
    ]

    @Test("Components as paths (.years, .days, .month, …)", arguments: componentsCases)
    func component(source: String, expected: Value) throws {
        #expect(try evaluate(source) == expected)
    }

    static let agesCases: [(birth: String, today: String, adult: Bool)] = [
        ("2006-05-15", "2024-05-14", false),
        ("2006-05-15", "2024-05-15", true),
        ("2006-05-15", "2030-01-01", true),
        ("2008-02-29", "2026-02-28", false),
        ("2008-02-29", "2026-03-01", true),
        ("2024-01-01", "2024-01-01", false),
    ]

    @Test("Age check with the 'today' variable", arguments: agesCases)
    func age(_ age: (birth: String, today: String, adult: Bool)) throws {
        let rule = try Expression("years and months duration(birth, today).years >= 18")
        #expect(rule.names == ["birth", "today"])
        let result = try rule.evaluate(["birth": date(age.birth), "today": date(age.today)])
        #expect(result == .bool(age.adult))
    }

    @Test("Day arithmetic is consistent across four centuries")
    func dayArithmetic() throws {
        let rule = try Expression(#"date("1900-01-01") + duration(text) - date("1900-01-01")"#)
        for days in stride(from: 0, through: 146_097, by: 997) {
            let result = try rule.evaluate(["text": .string("P\(days)D")])
            #expect(result == .duration(.daysTime(seconds: days * 86_400)))
        }
        #expect(try evaluate(#"date("2000-03-01") - date("2000-02-28")"#) == duration("P2D"))
        #expect(try evaluate(#"date("1900-03-01") - date("1900-02-28")"#) == duration("P1D"))
    }

    @Test("LocalDate parses only valid YYYY-MM-DD")
    func localDate() {
        #expect(LocalDate(iso: "2024-02-29")?.iso == "2024-02-29")
        #expect(LocalDate(iso: "0001-01-01")?.year == 1)
        for invalid in [
            "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "0000-01-01", "24-01-01", "2024-1-01",
            "2024/01/01", "2024-01-01T00:00", "",
        ] {
            #expect(LocalDate(iso: invalid) == nil, "\(invalid)")
        }
        #expect(LocalDate(year: 2024, month: 1, day: 2)! < LocalDate(year: 2024, month: 2, day: 1)!)
        #expect(LocalDate(year: 2024, month: 6, day: 3)?.weekday == 1)
    }

    static let durationsCases: [(String, FEELDuration?)] = [
        ("P1Y", .yearsMonths(months: 12)),
        ("P2M", .yearsMonths(months: 2)),
        ("P1Y2M", .yearsMonths(months: 14)),
        ("-P1Y", .yearsMonths(months: -12)),
        ("P0Y", .yearsMonths(months: 0)),
        ("P3D", .daysTime(seconds: 259_200)),
        ("PT4H", .daysTime(seconds: 14_400)),
        ("P1DT1H1M1S", .daysTime(seconds: 90_061)),
        ("PT90M", .daysTime(seconds: 5_400)),
        ("P0D", .daysTime(seconds: 0)),
        ("", nil), ("P", nil), ("PT", nil), ("P1", nil), ("1Y", nil), ("P1Y1D", nil), ("P1M1Y", nil),
        ("P1DT", nil), ("PT1D", nil), ("P1.5D", nil), ("P1YT1H", nil), ("P-1Y", nil), ("P1234567890D", nil),
        ("P1W", nil), ("p1y", nil),
    ]

    @Test("FEELDuration parses the two ISO 8601 duration kinds", arguments: durationsCases)
    func parseDuration(text: String, expected: FEELDuration?) {
        #expect(FEELDuration(iso: text) == expected)
    }

    static let canonicalCases: [(FEELDuration, String)] = [
        (.yearsMonths(months: 14), "P1Y2M"),
        (.yearsMonths(months: 12), "P1Y"),
        (.yearsMonths(months: 0), "P0M"),
        (.yearsMonths(months: -12), "-P1Y"),
        (.daysTime(seconds: 0), "PT0S"),
        (.daysTime(seconds: 90_061), "P1DT1H1M1S"),
        (.daysTime(seconds: 29 * 86_400), "P29D"),
        (.daysTime(seconds: -5_400), "-PT1H30M"),
        (.daysTime(seconds: 86_400 + 5), "P1DT5S"),
    ]

    @Test("FEELDuration prints its canonical ISO form", arguments: canonicalCases)
    func printDuration(duration: FEELDuration, text: String) {
        #expect(duration.iso == text)
        #expect(FEELDuration(iso: text) == duration)
    }
}
