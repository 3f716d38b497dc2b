import Foundation
import Storage
import Testing
import Texts

@testable import AmtswegServer

@Suite("Times as people in Germany read them")
struct BerlinTimeTests {
    /// The reference: Foundation's formatter with the Europe/Berlin zone (what we replaced).
    func reference(_ date: Date, _ language: Language) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
        formatter.locale = Locale(identifier: language == .en ? "en_GB" : "de_DE")
        formatter.dateFormat = language == .en ? "d MMMM yyyy, HH:mm" : "dd.MM.yyyy, HH:mm 'Uhr'"
        return formatter.string(from: date)
    }

    @Test("Agrees with Foundation over 2,000 instants, across every summer-time switch 2020–2035")
    func agrees() {
        var generator = SystemRandomNumberGenerator()
        var instants: [Date] = (0..<2000).map { _ in
            Date(timeIntervalSince1970: Double(Int.random(in: 1_577_836_800...2_082_758_400, using: &generator)))
        }
        // Minutes around each switch (last Sundays of March and October, 01:00 UTC).
        for year in 2020...2035 {
            for month in [3, 10] {
                let day = BerlinTime.lastSunday(year, month)
                let switchAt = Double(BerlinTime.dayNumber(year, month, day) * 86_400 + 3600)
                for delta in [-61.0, -60, -1, 0, 1, 59, 60] {
                    instants.append(Date(timeIntervalSince1970: switchAt + delta * 60))
                }
            }
        }
        for date in instants {
            let ts = Timestamp.string(date)
            for language in [Language.de, .en] {
                #expect(BerlinTime.format(ts, language) == reference(date, language), "\(ts)")
            }
        }
        #expect(BerlinTime.format("not a time", .de) == nil)
        #expect(BerlinTime.format("2027-13-01T00:00:00.000Z", .de) == nil)
    }
}
