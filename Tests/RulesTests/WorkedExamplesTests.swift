import Rules
import Testing

/// Worked examples for 2025 (parameter set of the 2. Fortschreibung, BGBl. 2024 I Nr. 314), one per household size.
///
/// Each expectation was computed by hand from § 19 Abs. 1 WoGG, Anlage 1 (Höchstbeträge), Anlage 2 (a, b, c),
/// Anlage 3 (minimums, 10-decimal fixed point, half-up rounding), § 12 Abs. 1, 6, 7 (Klimakomponente,
/// Heizkostenentlastung, Heizkostenkomponente) and checked with the independent oracle `scripts/rules/reference.py`
/// (Python `decimal`).
@Suite("Worked examples 2025, household sizes 1–6")
struct WorkedExamplesTests {
    struct Expected {
        var m: String
        var y: String
        var z1: String
        var z2: String
        var z3: String
        var z4: String
        var betrag: Int64
    }

    func check(_ household: Household, _ expected: Expected) {
        let result = Wohngeld.calculate(household)
        #expect(result.status == .anspruch)
        #expect(result.wert("M") == dec(expected.m))
        #expect(result.wert("Y") == dec(expected.y))
        #expect(result.wert("z1") == dec(expected.z1))
        #expect(result.wert("z2") == dec(expected.z2))
        #expect(result.wert("z3") == dec(expected.z3))
        #expect(result.wert("z4") == dec(expected.z4))
        #expect(result.betrag == expected.betrag)
    }

    @Test("1 person, Mietstufe III, rent 500 €, Einkünfte 15 000 €/year, 30 % deduction")
    func onePerson() {
        // M: Höchstbetrag(1, III) 456 + Klimakomponente 19.20 = 475.20 < 500 → 475.20;
        //    + Heizkostenentlastung 14.40 + Heizkostenkomponente 96 = 585.60 (≥ minimum 54).
        // Y: 15 000 · (1 − 0.30) = 10 500 / 12 = 875 (≥ minimum 396).
        // z1 = 0.04 + 0.0004797 · 585.6 + 0.0000408 · 875 = 0.04 + 0.28091232 + 0.0357 = 0.35661232
        // z2 = 0.35661232 · 875 = 312.03578;  z3 = 585.6 − 312.03578 = 273.56422
        // z4 = 1.15 · 273.56422 = 314.598853 → 315 €
        let household = Household(
            stichtag: tag2025, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(15_000)])
        check(
            household,
            .init(
                m: "585.6", y: "875", z1: "0.35661232", z2: "312.03578", z3: "273.56422", z4: "314.598853", betrag: 315)
        )
    }

    @Test("2 persons, Mietstufe II, rent 550 €, one earner 18 000 €/year, 30 %")
    func twoPersons() {
        // M: 493 + 24.80 = 517.80 < 550 → 517.80 + 18.60 + 124 = 660.40
        // Y: 18 000 · 0.7 = 12 600 / 12 = 1 050
        // z1 = 0.03 + 0.0003571 · 660.4 + 0.0000304 · 1050 = 0.03 + 0.23582884 + 0.03192 = 0.29774884
        // z2 = 0.29774884 · 1050 = 312.636282;  z3 = 660.4 − 312.636282 = 347.763718
        // z4 = 1.15 · 347.763718 = 399.9282757 → 400 €
        let household = Household(
            stichtag: tag2025, mietstufe: 2, wohnkosten: .miete(550),
            mitglieder: [adult(18_000), adult(0, criteria: 0, rolle: .partner)])
        check(
            household,
            .init(
                m: "660.4", y: "1050", z1: "0.29774884", z2: "312.636282", z3: "347.763718", z4: "399.9282757",
                betrag: 400))
    }

    @Test("3 persons, single parent with two children, Mietstufe IV, rent 700 €, 24 000 €/year, 20 %")
    func threePersons() {
        // M: 737 + 29.60 = 766.60 > 700 → 700 + 22.20 + 148 = 870.20
        // Y: 24 000 · 0.8 = 19 200 − 1 320 (§ 17 Nr. 3) = 17 880 / 12 = 1 490
        // z1 = 0.02 + 0.0002917 · 870.2 + 0.0000245 · 1490 = 0.02 + 0.25383734 + 0.036505 = 0.31034234
        // z2 = 0.31034234 · 1490 = 462.4100866;  z3 = 870.2 − 462.4100866 = 407.7899134
        // z4 = 1.15 · 407.7899134 = 468.95840041 → 469 €
        let household = Household(
            stichtag: tag2025, mietstufe: 4, wohnkosten: .miete(700),
            mitglieder: [adult(24_000, criteria: 2), child(6), child(12)], alleinerziehend: true)
        check(
            household,
            .init(
                m: "870.2", y: "1490", z1: "0.31034234", z2: "462.4100866", z3: "407.7899134", z4: "468.95840041",
                betrag: 469))
    }

    @Test("4 persons, Mietstufe I, rent 750 €, 30 000 € (30 %) + 6 000 € (10 %)")
    func fourPersons() {
        // M: 608 + 34.40 = 642.40 < 750 → 642.40 + 25.80 + 172 = 840.20
        // Y: 30 000 · 0.7 + 6 000 · 0.9 = 21 000 + 5 400 = 26 400 / 12 = 2 200
        // z1 = 0.01 + 0.0002163 · 840.2 + 0.0000176 · 2200 = 0.01 + 0.18173526 + 0.03872 = 0.23045526
        // z2 = 0.23045526 · 2200 = 507.001572;  z3 = 840.2 − 507.001572 = 333.198428
        // z4 = 1.15 · 333.198428 = 383.1781922 → 383 €
        let household = Household(
            stichtag: tag2025, mietstufe: 1, wohnkosten: .miete(750),
            mitglieder: [adult(30_000), adult(6_000, criteria: 1, rolle: .partner), child(), child(3)])
        check(
            household,
            .init(
                m: "840.2", y: "2200", z1: "0.23045526", z2: "507.001572", z3: "333.198428", z4: "383.1781922",
                betrag: 383))
    }

    @Test("5 persons, Mietstufe V, rent 1 000 €, 36 000 €/year, 30 %")
    func fivePersons() {
        // M: 1 080 + 39.20 = 1 119.20 > 1 000 → 1 000 + 29.40 + 196 = 1 225.40
        // Y: 36 000 · 0.7 = 25 200 / 12 = 2 100
        // z1 = 0 + 0.0001907 · 1225.4 + 0.0000172 · 2100 = 0.23368378 + 0.03612 = 0.26980378
        // z2 = 0.26980378 · 2100 = 566.587938;  z3 = 1225.4 − 566.587938 = 658.812062
        // z4 = 1.15 · 658.812062 = 757.6338713 → 758 €
        let household = Household(
            stichtag: tag2025, mietstufe: 5, wohnkosten: .miete(1_000),
            mitglieder: [adult(36_000), adult(0, criteria: 0, rolle: .partner), child(), child(), child()])
        check(
            household,
            .init(
                m: "1225.4", y: "2100", z1: "0.26980378", z2: "566.587938", z3: "658.812062", z4: "757.6338713",
                betrag: 758))
    }

    @Test("6 persons, Mietstufe VI, rent 1 400 €, 40 000 € (30 %), child of 17 earns 1 500 € (§ 17 Nr. 4)")
    func sixPersons() {
        // Höchstbetrag(6, VI) = 1 183 + 149 = 1 332; Klimakomponente 39.20 + 4.80 = 44 → cap 1 376 < 1 400.
        // M: 1 376 + Heizkostenentlastung (29.40 + 3.60 = 33) + Heizkostenkomponente (196 + 24 = 220) = 1 629
        // Y: 40 000 · 0.7 = 28 000 + child 1 500 (no criteria) = 29 500 − 1 200 (§ 17 Nr. 4 cap) = 28 300
        //    / 12 = 2 358.3333333333 (ten places, half-up)
        // z1 = −0.01 + 0.0001722 · 1629 + 0.0000166 · 2358.3333333333
        //    = −0.01 + 0.2805138 + 0.0391483333 (0.03914833333328 rounded) = 0.3096621333
        // z2 = 0.3096621333 · 2358.3333333333 = 730.2865310325 (rounded from 730.28653103…)
        // z3 = 1629 − 730.2865310325 = 898.7134689675
        // z4 = 1.15 · 898.7134689675 = 1033.5204893126 (rounded from 1033.520489312625) → 1 034 €
        let working = HouseholdMember(
            rolle: .kind, alter: 17, jahreseinkommen: 1_500, freibetraege: [.erwerbseinnahmenKind(1_500)])
        let household = Household(
            stichtag: tag2025, mietstufe: 6, wohnkosten: .miete(1_400),
            mitglieder: [adult(40_000), adult(0, criteria: 0, rolle: .partner), working, child(), child(), child()])
        check(
            household,
            .init(
                m: "1629", y: "2358.3333333333", z1: "0.3096621333", z2: "730.2865310325", z3: "898.7134689675",
                z4: "1033.5204893126", betrag: 1034))
    }
}
