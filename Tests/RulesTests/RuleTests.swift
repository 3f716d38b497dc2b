import Foundation
import Rules
import Testing

@Suite("Fixed-point arithmetic (Anlage 3 Nr. 2 and 3 WoGG)")
struct FixedDecimalTests {
    @Test("Parsing and printing are exact")
    func parsing() {
        #expect(dec("0.0000462").raw == 462_000)
        #expect(dec("-0.12").description == "-0.12")
        #expect(dec("2358.3333333333").description == "2358.3333333333")
        #expect(dec("361").description == "361")
        #expect(FixedDecimal("1.00000000001") == nil)  // 11 places
        #expect(FixedDecimal("1e-5") == nil)
        #expect(FixedDecimal("") == nil)
        #expect(FixedDecimal("-") == nil)
        #expect(FixedDecimal(cents: 12_345) == dec("123.45"))
    }

    @Test("Final rounding: below 0.50 down, from 0.50 up")
    func finalRounding() {
        #expect(dec("314.4999999999").roundedToEuros() == 314)
        #expect(dec("314.5").roundedToEuros() == 315)
        #expect(dec("314.5000000001").roundedToEuros() == 315)
        #expect(dec("0.4999999999").roundedToEuros() == 0)
        #expect(dec("0.5").roundedToEuros() == 1)
    }

    @Test("Products and quotients are rounded to ten places, half away from zero")
    func tenPlaces() {
        // 0.0000166 · 2358.3333333333 = 0.03914833333333278 → 0.0391483333
        #expect(dec("0.0000166") * dec("2358.3333333333") == dec("0.0391483333"))
        // 1.15 · 0.00000000005 would be 0.0000000000575 → 0.0000000001
        #expect(dec("1.15") * dec("0.0000000001") == dec("0.0000000001"))
        #expect(dec("0.5") * dec("0.0000000001") == dec("0.0000000001"))  // exactly half → up
        #expect(dec("-0.5") * dec("0.0000000001") == dec("-0.0000000001"))
        #expect(FixedDecimal(28_300).divided(by: 12) == dec("2358.3333333333"))
        #expect(FixedDecimal(2).divided(by: 3) == dec("0.6666666667"))
        #expect(FixedDecimal(225).scaled(by: 1, over: 5) == dec("45"))
    }
}

/// A 2025 parameter set in which z4 = M / 2 exactly (a = b = c = 0, F = 0.5, no components), so the final rounding
/// of Anlage 3 Nr. 3 can be driven through the whole calculation.
func halfParameters() -> WoGGParameterSet {
    var p = WoGGParameterSet.gueltig(am: tag2025)!
    p.skalierungsfaktor = dec("0.5")
    p.koeffizienten[0] = Koeffizienten(a: 0, b: 0, c: 0)
    p.heizkostenentlastung = nil
    p.heizkostenkomponente = nil
    p.klimakomponente = nil
    return p
}

@Suite("Rounding, minimums, threshold, large households, parameter sets")
struct RuleTests {
    @Test("Rounding through the calculation: z4 = 100.4999999999 → 100 €, z4 = 100.5 → 101 €")
    func roundingEndToEnd() {
        let p = halfParameters()
        let below = Household(
            stichtag: tag2025, mietstufe: 1, wohnkosten: .miete(dec("200.9999999998")), mitglieder: [adult(0)])
        let result = Wohngeld.calculate(below, parameters: p)
        #expect(result.wert("z4") == dec("100.4999999999"))
        #expect(result.betrag == 100)
        var half = below
        half.wohnkosten = .miete(201)
        #expect(Wohngeld.calculate(half, parameters: p).wert("z4") == dec("100.5"))
        #expect(Wohngeld.calculate(half, parameters: p).betrag == 101)
    }

    @Test("Minimum Y (Anlage 3 Nr. 1): no income → Y = 396 for one person in 2025")
    func minimumY() {
        let result = Wohngeld.calculate(
            Household(stichtag: tag2025, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(0)]))
        #expect(result.wert("gesamteinkommenMonatlich") == 0)
        #expect(result.wert("Y") == 396)
        // z1 = 0.04 + 0.0004797 · 585.6 + 0.0000408 · 396 = 0.04 + 0.28091232 + 0.0161568 = 0.33706912
        // z2 = 133.47937152; z3 = 452.12062848; z4 = 519.938722752 → 519.9387227520 → 520 €
        #expect(result.wert("z4") == dec("519.938722752"))
        #expect(result.betrag == 520)
    }

    @Test("Minimum M (Anlage 3 Nr. 1) in a mixed household: 1 of 5 members considered, rent 0")
    func minimumMInMixedHousehold() {
        // M for 5 members: 0 + 29.40 + 196 = 225.40; share 1/5 → 45.08 < minimum for n = 1 (54) → M = 54.
        // Y = 396 (minimum). z1 = 0.04 + 0.0004797 · 54 + 0.0000408 · 396 = 0.0820606; z2 = 32.4959976;
        // z3 = 21.5040024; z4 = 24.72960276 → 25 €.
        let excluded = HouseholdMember.Status.ausgeschlossenTransferleistung
        let household = Household(
            stichtag: tag2025, mietstufe: 2, wohnkosten: .miete(0),
            mitglieder: [
                adult(0), adult(0, rolle: .partner, status: excluded), child(status: excluded),
                child(status: excluded), child(status: excluded),
            ])
        let result = Wohngeld.calculate(household)
        #expect(result.wert("n") == 1)
        #expect(result.wert("mVorMindestbetrag") == dec("225.4"))
        #expect(result.wert("mAnteil") == dec("45.08"))
        #expect(result.wert("M") == 54)
        #expect(result.betrag == 25)
    }

    @Test("§ 21 Nr. 1: 9 € becomes 0 with the reason; 12 € is paid")
    func threshold() {
        // 1 person, M = 585.60, Y = 18 120 / 12 = 1 510: z4 = 9.19346432 → 9 € < 10 € → no claim.
        let base = Household(
            stichtag: tag2025, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(18_120, criteria: 0)])
        let result = Wohngeld.calculate(base)
        #expect(result.wert("z4") == dec("9.19346432"))
        #expect(result.wert("gerundet") == 9)
        #expect(result.betrag == 0)
        #expect(result.status == .unterBagatellgrenze)
        #expect(result.begruendung.contains("§ 21 Nr. 1 WoGG"))
        // Y = 18 060 / 12 = 1 505: z4 = 11.74602916 → 12 €.
        var paid = base
        paid.mitglieder = [adult(18_060, criteria: 0)]
        #expect(Wohngeld.calculate(paid).betrag == 12)
        #expect(Wohngeld.calculate(paid).status == .anspruch)
    }

    @Test("Formula result ≤ 0 → no Wohngeld")
    func noAmount() {
        let result = Wohngeld.calculate(
            Household(stichtag: tag2025, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(60_000)]))
        #expect(result.betrag == 0)
        #expect(result.status == .keinBetragNachFormel)
        #expect(result.wert("z4")! < 0)
    }

    @Test("§ 19 Abs. 3: 13 members get the amount computed for 12 members + 65 €")
    func thirteenMembers() {
        // § 19 Abs. 3 with the Länderhinweis zu WoGVwV 19.31: first the Wohngeld for 12 members.
        // Anlage 1, Mietstufe I, 12 members: 694 + 7 · 82 = 1 268; Klimakomponente 39.20 + 7 · 4.80 = 72.80
        // → cap 1 340.80 > rent 1 200. Heizkosten: 29.40 + 7 · 3.60 = 54.60; 196 + 7 · 24 = 364.
        // M = 1 200 + 54.60 + 364 = 1 618.60. Y = 48 000 / 12 = 4 000 (0 % deduction).
        // a, b, c for 12: z1 = −0.12 + 0.0001107 · 1618.6 + 0.0000221 · 4000 = −0.12 + 0.17917902 + 0.0884
        //   = 0.14757902; z2 = 590.31608; z3 = 1028.28392; z4 = 1182.526508 → 1 183 € + 1 · 65 € = 1 248 €.
        var members = [adult(48_000, criteria: 0), adult(0, rolle: .partner)]
        for _ in 0..<11 { members.append(child()) }
        let result = Wohngeld.calculate(
            Household(stichtag: tag2025, mietstufe: 1, wohnkosten: .miete(1_200), mitglieder: members))
        #expect(result.wert("hoechstbetrag") == 1_268)
        #expect(result.wert("M") == dec("1618.6"))
        #expect(result.wert("z4") == dec("1182.526508"))
        #expect(result.wert("zuschlagUeber12") == 65)
        #expect(result.betrag == 1_248)
    }

    @Test("Result capped at M: 12 members, no rent, no income (z1 < 0)")
    func cappedAtM() {
        // M = 0 + (29.40 + 7 · 3.60) + (196 + 7 · 24) = 54.60 + 364 = 418.60; Y = minimum 2 943.
        // z1 = −0.12 + 0.0001107 · 418.6 + 0.0000221 · 2943 = −0.00862068; z4 = 510.566260426 > M → 418 €.
        var members = [adult(0)]
        for _ in 0..<11 { members.append(child()) }
        let result = Wohngeld.calculate(
            Household(stichtag: tag2025, mietstufe: 1, wohnkosten: .miete(0), mitglieder: members))
        #expect(result.wert("M") == dec("418.6"))
        #expect(result.wert("z4") == dec("510.566260426"))
        #expect(result.wert("begrenztAufM") == 418)
        #expect(result.betrag == 418)
    }

    @Test("Parameter set switches at 2025-01-01; 2023 set applies during 2023 and 2024; none before 2021")
    func parameterSwitch() {
        func household(_ date: LocalDate) -> Household {
            Household(stichtag: date, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(15_000)])
        }
        let old = Wohngeld.calculate(household(LocalDate(year: 2024, month: 12, day: 31)))
        let new = Wohngeld.calculate(household(LocalDate(year: 2025, month: 1, day: 1)))
        #expect(old.wert("hoechstbetrag") == 438)
        #expect(new.wert("hoechstbetrag") == 456)
        #expect(old.wert("b") == dec("0.0004991"))
        #expect(new.wert("b") == dec("0.0004797"))
        // 2024: M = min(500, 438 + 19.20) + 14.40 + 96 = 567.60; Y = 875.
        // z1 = 0.04 + 0.0004991 · 567.6 + 0.0000462 · 875 = 0.04 + 0.28328916 + 0.040425 = 0.36371416
        // z2 = 318.24989; z3 = 249.35011; z4 = 286.7526265 → 287 €.
        #expect(old.betrag == 287)
        #expect(new.betrag == 315)
        #expect(WoGGParameterSet.gueltig(am: LocalDate(year: 2023, month: 1, day: 1))?.gueltigAb.year == 2023)
        #expect(WoGGParameterSet.gueltig(am: LocalDate(year: 2022, month: 12, day: 31))?.gueltigAb.year == 2022)
        let none = Wohngeld.calculate(household(LocalDate(year: 2020, month: 12, day: 31)))
        #expect(none.status == .keinParametersatz)
        #expect(
            WoGGParameterSet.alle.map(\.gueltigAb.description) == [
                "2021-01-01", "2022-01-01", "2023-01-01", "2025-01-01",
            ])
    }

    @Test(
        "§ 17 allowances: 1 800 € (Nr. 1), 750 € (Nr. 2), 1 320 € once (Nr. 3), child earnings capped at 1 200 € (Nr. 4)"
    )
    func allowances() {
        let household = Household(
            stichtag: tag2025, mietstufe: 1, wohnkosten: .miete(600),
            mitglieder: [
                adult(20_000, freibetraege: [.schwerbehinderung, .nsVerfolgung]),
                HouseholdMember(
                    rolle: .kind, alter: 17, jahreseinkommen: 800, freibetraege: [.erwerbseinnahmenKind(800)]),
                child(),
            ],
            alleinerziehend: true)
        let result = Wohngeld.calculate(household)
        // 20 000 · 0.7 = 14 000 + 800 = 14 800; Freibeträge 1 800 + 750 + 800 + 1 320 = 4 670 → 10 130.
        #expect(result.wert("summeJahreseinkommen") == 14_800)
        #expect(result.wert("freibetraege") == 4_670)
        #expect(result.wert("gesamteinkommen") == 10_130)
        #expect(result.wert("Y") == dec("906"))  // 10 130 / 12 = 844.1666666667 < minimum 906 for 3 persons
        var older = household
        older.mitglieder[1].alter = 25
        #expect(Wohngeld.calculate(older).status == .ungueltigeEingabe)
    }

    @Test("§ 17a Grundrentenfreibetrag: 100 € + 30 % above 100 €, capped at half of Regelbedarfsstufe 1, × 12")
    func grundrente() {
        func freibetrag(_ rente: FixedDecimal, _ date: LocalDate = tag2025) -> WohngeldResult {
            Wohngeld.calculate(
                Household(
                    stichtag: date, mietstufe: 1, wohnkosten: .miete(400),
                    mitglieder: [adult(12_000, freibetraege: [.grundrente(renteMonatlich: rente)])]))
        }
        #expect(freibetrag(80).wert("freibetrag.grundrente") == 960)  // 80 · 12
        #expect(freibetrag(300).wert("freibetrag.grundrente") == 1_920)  // (100 + 0.3 · 200) · 12
        #expect(freibetrag(2_000).wert("freibetrag.grundrente") == 3_378)  // 281.50 · 12 (563 / 2)
        // 2023: Regelbedarfsstufe 1 = 502 → cap 251 · 12 = 3 012.
        #expect(freibetrag(2_000, LocalDate(year: 2023, month: 6, day: 1)).wert("freibetrag.grundrente") == 3_012)
        #expect(freibetrag(300, LocalDate(year: 2027, month: 1, day: 1)).status == .ungueltigeEingabe)
    }

    @Test("Excluded members (§ 7) do not count; all excluded → no claim")
    func exclusions() {
        let excluded = HouseholdMember.Status.ausgeschlossenTransferleistung
        let all = Household(
            stichtag: tag2025, mietstufe: 1, wohnkosten: .miete(500), mitglieder: [adult(0, status: excluded)])
        #expect(Wohngeld.calculate(all).status == .keineZuBeruecksichtigendenMitglieder)
        let mixed = Household(
            stichtag: tag2025, mietstufe: 1, wohnkosten: .miete(800),
            mitglieder: [adult(12_000), adult(50_000, rolle: .partner, status: excluded)])
        let result = Wohngeld.calculate(mixed)
        // Income of the excluded partner is ignored: 12 000 · 0.7 = 8 400.
        #expect(result.wert("summeJahreseinkommen") == 8_400)
        // M for 2 members: min(800, 437 + 24.80) + 18.60 + 124 = 604.40; share 1/2 = 302.20.
        #expect(result.wert("mVorMindestbetrag") == dec("604.4"))
        #expect(result.wert("M") == dec("302.2"))
        #expect(result.wert("a") == dec("0.04"))  // coefficients for one considered member
    }

    @Test("Invalid Mietstufe and negative rent are rejected")
    func invalidInput() {
        var household = Household(stichtag: tag2025, mietstufe: 8, wohnkosten: .miete(500), mitglieder: [adult(0)])
        #expect(Wohngeld.calculate(household).status == .ungueltigeEingabe)
        household.mietstufe = 1
        household.wohnkosten = .belastung(-1)
        #expect(Wohngeld.calculate(household).status == .ungueltigeEingabe)
        household.wohnkosten = .belastung(500)
        #expect(Wohngeld.calculate(household).status == .anspruch)
        #expect(Wohngeld.calculate(household).trace.first { $0.key == "wohnkosten" }?.norm == "§ 10 WoGG")
    }

    @Test("Every trace entry has a German label and a legal reference; the result round-trips through JSON")
    func traceAndJSON() throws {
        let result = Wohngeld.calculate(
            Household(stichtag: tag2025, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(15_000)]))
        for entry in result.trace {
            #expect(!entry.label.isEmpty)
            #expect(entry.norm.contains("WoGG") || entry.norm.contains("WoGV"))
        }
        for key in [
            "n", "hoechstbetrag", "klimakomponente", "heizkostenentlastung", "heizkostenkomponente", "M",
            "einkommen.jahreseinkommen", "Y", "a", "b", "c", "z1", "z2", "z3", "z4", "gerundet", "bagatellgrenze",
        ] {
            #expect(result.wert(key) != nil, "missing \(key)")
        }
        let data = try JSONEncoder().encode(result)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""value":"314.598853""#))
        #expect(try JSONDecoder().decode(WohngeldResult.self, from: data) == result)
        let household = Household(stichtag: tag2025, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(15_000)])
        let encoded = try JSONEncoder().encode(household)
        #expect(try JSONDecoder().decode(Household.self, from: encoded) == household)
    }

    @Test("A household decodes from API-style JSON (amounts as strings or integers)")
    func householdFromJSON() throws {
        let json = """
            {"stichtag": "2025-03-01", "mietstufe": 3, "alleinerziehend": false,
             "wohnkosten": {"art": "miete", "betrag": "500.00"},
             "mitglieder": [{"rolle": "antragsteller", "alter": 40, "status": "beruecksichtigt",
                             "jahreseinkommen": 15000, "zahltSteuern": true,
                             "zahltKrankenPflegeversicherung": true, "zahltRentenversicherung": true,
                             "freibetraege": [{"art": "nsVerfolgung"}]}]}
            """
        let household = try JSONDecoder().decode(Household.self, from: Data(json.utf8))
        let result = Wohngeld.calculate(household)
        #expect(result.wert("freibetraege") == 750)
        #expect(result.wert("Y") == dec("812.5"))  // (10 500 − 750) / 12
        let bad = json.replacingOccurrences(of: #""art": "miete""#, with: #""art": "kauf""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Household.self, from: Data(bad.utf8)) }
    }

    @Test("§ 17 Nr. 3 needs a child under 18 in the household")
    func singleParentNeedsChild() {
        let household = Household(
            stichtag: tag2025, mietstufe: 1, wohnkosten: .miete(500), mitglieder: [adult(10_000), child(19)],
            alleinerziehend: true)
        #expect(Wohngeld.calculate(household).status == .ungueltigeEingabe)
    }
}
