import Testing

@testable import Rules

@Suite("Mietstufen (WoGV annex, Thuringia)")
struct MietstufenTests {
    let day = LocalDate(year: 2025, month: 6, day: 1)

    @Test("Named towns and Kreis values as in the annex")
    func values() throws {
        let cases: [(String, Int, Bool)] = [
            ("160510000000", 3, true),  // Erfurt
            ("160530000000", 3, true),  // Jena
            ("160550000000", 3, true),  // Weimar
            ("160520000000", 1, true),  // Gera
            ("160540000000", 2, true),  // Suhl
            ("160630105105", 2, true),  // Eisenach (kreisangehörig since 2021, still named)
            ("160700004004", 2, true),  // Arnstadt
            ("160710001001", 1, true),  // Apolda: named, below its Kreis Weimarer Land (II)
        ]
        for (ars, stufe, named) in cases {
            let e = try #require(Mietstufen.thuringia(ars: ars, on: day), "\(ars)")
            #expect(e.stufe == stufe, "\(ars)")
            #expect(e.namedInAnnex == named, "\(ars)")
        }
        // Small municipalities take their Kreis's level: Weimarer Land II, Saale-Holzland-Kreis I.
        let weimarerLand = Mietstufen.municipalities.filter { $0.hasPrefix("16071") && $0 != "160710001001" }
        #expect(!weimarerLand.isEmpty)
        #expect(weimarerLand.allSatisfy { Mietstufen.thuringia(ars: $0, on: day)?.stufe == 2 })
        let holzland = Mietstufen.municipalities.filter { $0.hasPrefix("16074") }
        #expect(holzland.allSatisfy { Mietstufen.thuringia(ars: $0, on: day)?.stufe == 1 })
    }

    @Test("601 municipalities, levels I–III only in Thuringia; unknown keys and early dates give nil")
    func coverage() {
        #expect(Mietstufen.municipalities.count == 601)
        let levels = Mietstufen.municipalities.compactMap { Mietstufen.thuringia(ars: $0, on: day)?.stufe }
        #expect(levels.count == 601)
        #expect(Set(levels) == [1, 2, 3])
        #expect(levels.filter { $0 == 3 }.count == 3)
        #expect(Mietstufen.thuringia(ars: "091620000000", on: day) == nil)
        #expect(Mietstufen.thuringia(ars: "160510000000", on: LocalDate(year: 2022, month: 12, day: 31)) == nil)
    }
}
