import Deadlines
import Testing

@Suite("Public holidays in Thuringia")
struct HolidayTests {
    /// Easter Sundays 2000–2030, checked against the Maundy Thursdays (+3 days) listed in
    /// gadael/icsdb (germany-thuringia-nonworkingdays.ics) and against the published dates.
    static let easter: [(Int, String)] = [
        (2000, "2000-04-23"), (2001, "2001-04-15"), (2002, "2002-03-31"), (2003, "2003-04-20"),
        (2004, "2004-04-11"), (2005, "2005-03-27"), (2006, "2006-04-16"), (2007, "2007-04-08"),
        (2008, "2008-03-23"), (2009, "2009-04-12"), (2010, "2010-04-04"), (2011, "2011-04-24"),
        (2012, "2012-04-08"), (2013, "2013-03-31"), (2014, "2014-04-20"), (2015, "2015-04-05"),
        (2016, "2016-03-27"), (2017, "2017-04-16"), (2018, "2018-04-01"), (2019, "2019-04-21"),
        (2020, "2020-04-12"), (2021, "2021-04-04"), (2022, "2022-04-17"), (2023, "2023-04-09"),
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
        (2028, "2028-04-16"), (2029, "2029-04-01"), (2030, "2030-04-21"),
    ]

    @Test("Easter Sunday by the Gregorian computus", arguments: easter)
    func easterSunday(year: Int, expected: String) {
        #expect(PublicHolidays.easterSunday(year: year) == date(expected))
    }

    @Test("Easter extremes and range")
    func easterExtremes() {
        #expect(PublicHolidays.easterSunday(year: 1818) == date("1818-03-22"))  // earliest possible
        #expect(PublicHolidays.easterSunday(year: 1943) == date("1943-04-25"))  // latest possible
        #expect(PublicHolidays.easterSunday(year: 2285) == date("2285-03-22"))
        #expect(PublicHolidays.easterSunday(year: 0) == nil)
        #expect(PublicHolidays.easterSunday(year: 10_000) == nil)
        for year in 1583...4099 {
            let sunday = PublicHolidays.easterSunday(year: year)
            #expect(sunday?.weekday == 7)
            #expect(sunday.map { $0 >= date("\(year)-03-22") && $0 <= date("\(year)-04-25") } == true)
        }
    }

    @Test("The eleven holidays of 2026 in Erfurt, with German names")
    func erfurt2026() {
        let expected: [CivilDate: String] = [
            date("2026-01-01"): "Neujahrstag",
            date("2026-04-03"): "Karfreitag",
            date("2026-04-06"): "Ostermontag",
            date("2026-05-01"): "1. Mai",
            date("2026-05-14"): "Christi Himmelfahrt",
            date("2026-05-25"): "Pfingstmontag",
            date("2026-09-20"): "Weltkindertag",
            date("2026-10-03"): "Tag der Deutschen Einheit",
            date("2026-10-31"): "Reformationstag",
            date("2026-12-25"): "1. Weihnachtsfeiertag",
            date("2026-12-26"): "2. Weihnachtsfeiertag",
        ]
        #expect(PublicHolidays.thuringia(year: 2026, municipality: Key.erfurt) == expected)
        #expect(PublicHolidays.thuringia(year: 2026, municipality: Key.erfurtARS) == expected)
        #expect(PublicHolidays.thuringia(year: 2026) == expected)
    }

    @Test("Fronleichnam in an Eichsfeld municipality, not in Erfurt")
    func fronleichnam() {
        let corpusChristi = date("2026-06-04")
        #expect(PublicHolidays.holidayName(corpusChristi, municipality: Key.heiligenstadt) == "Fronleichnam")
        #expect(PublicHolidays.isHoliday(corpusChristi, municipality: Key.heiligenstadtARS))
        #expect(PublicHolidays.isHoliday(corpusChristi, municipality: Key.uderARS))
        #expect(PublicHolidays.isHoliday(corpusChristi, municipality: "16 0 61 045"))
        #expect(PublicHolidays.isHoliday(corpusChristi, municipality: Key.geisa))
        #expect(!PublicHolidays.isHoliday(corpusChristi, municipality: Key.erfurt))
        #expect(!PublicHolidays.isHoliday(corpusChristi, municipality: Key.muehlhausen))
        #expect(!PublicHolidays.isHoliday(corpusChristi))
        #expect(!PublicHolidays.isHoliday(corpusChristi, municipality: "Heiligenstadt"))
        #expect(PublicHolidays.thuringia(year: 2026, municipality: Key.heiligenstadt).count == 12)
        #expect(PublicHolidays.isHoliday(date("2025-06-19"), municipality: Key.heiligenstadt))
        #expect(!PublicHolidays.isHoliday(date("2025-06-18"), municipality: Key.heiligenstadt))
    }

    @Test("Municipalities covered only in part say so")
    func partialCoverage() {
        #expect(
            PublicHolidays.holidayName(date("2026-06-04"), municipality: Key.suedeichsfeld)
                == "Fronleichnam (nur in Teilen der Gemeinde)")
        #expect(PublicHolidays.fronleichnamArea(municipality: Key.dermbach)?.coverage != .whole)
        #expect(PublicHolidays.fronleichnamArea(municipality: Key.heiligenstadt)?.evidence == .official)
        #expect(PublicHolidays.fronleichnamArea(municipality: Key.erfurt) == nil)
    }

    @Test("Weltkindertag since 2019 only")
    func weltkindertag() {
        #expect(!PublicHolidays.isHoliday(date("2018-09-20")))
        #expect(PublicHolidays.holidayName(date("2019-09-20")) == "Weltkindertag")
        #expect(PublicHolidays.holidayName(date("2020-09-20")) == "Weltkindertag")
        #expect(PublicHolidays.thuringia(year: 2018).count == 10)
        #expect(PublicHolidays.thuringia(year: 2020).count == 11)
    }

    @Test("Reformationstag every year, not only the nationwide 2017")
    func reformationstag() {
        for year in [2016, 2017, 2018, 2026] {
            #expect(PublicHolidays.holidayName(date("\(year)-10-31")) == "Reformationstag")
        }
    }

    @Test("Two holidays on one day share the entry")
    func collision() {
        let holidays = PublicHolidays.thuringia(year: 2008)
        #expect(holidays[date("2008-05-01")] == "1. Mai / Christi Himmelfahrt")
        #expect(holidays.count == 9)
    }

    @Test("Working days: Monday to Friday and not a holiday")
    func workingDays() {
        #expect(PublicHolidays.isWorkingDay(date("2026-12-24")))  // Heiligabend, a Thursday
        #expect(PublicHolidays.isWorkingDay(date("2026-12-31")))  // Silvester
        #expect(!PublicHolidays.isWorkingDay(date("2026-12-25")))
        #expect(!PublicHolidays.isWorkingDay(date("2026-03-07")))  // Saturday
        #expect(!PublicHolidays.isWorkingDay(date("2026-03-08")))  // Sunday
        #expect(PublicHolidays.isWorkingDay(date("2026-04-02")))  // Gründonnerstag
        #expect(!PublicHolidays.isWorkingDay(date("2026-04-03")))
        #expect(PublicHolidays.isWorkingDay(date("2026-11-18")))  // Buß- und Bettag: not in Thuringia
        #expect(PublicHolidays.isWorkingDay(date("2026-01-06")))  // Heilige Drei Könige: not in Thuringia
        #expect(PublicHolidays.isWorkingDay(date("2026-11-02")))
        #expect(PublicHolidays.isWorkingDay(date("2026-06-04"), municipality: Key.erfurt))
        #expect(!PublicHolidays.isWorkingDay(date("2026-06-04"), municipality: Key.heiligenstadt))
        #expect(PublicHolidays.nonWorkingReason(date("2026-03-07")) == "ein Samstag")
        #expect(PublicHolidays.nonWorkingReason(date("2026-04-03")) == "Karfreitag (gesetzlicher Feiertag)")
        #expect(PublicHolidays.nonWorkingReason(date("2026-03-09")) == nil)
    }
}
