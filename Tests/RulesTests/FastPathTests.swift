import Foundation
import Rules
import Testing

/// The reference arithmetic of `FixedDecimal` as it was written before the 64-bit fast paths: Int128 product or
/// numerator, divided with rounding half away from zero.
private func referenceDivide(_ numerator: Int128, _ denominator: Int128) -> Int128 {
    let negative = (numerator < 0) != (denominator < 0)
    let (q, r) = numerator.magnitude.quotientAndRemainder(dividingBy: denominator.magnitude)
    let rounded = r * 2 >= denominator.magnitude ? q + 1 : q
    return negative ? -Int128(rounded) : Int128(rounded)
}

/// nil when the exact result does not fit Int64 (the operation traps then).
private func referenceProduct(_ a: Int64, _ b: Int64) -> Int64? {
    Int64(exactly: referenceDivide(Int128(a) * Int128(b), Int128(FixedDecimal.scale)))
}

@Suite("Fast paths: 64-bit arithmetic, compact trace, trace off, parameter references")
struct FastPathTests {
    @Test("Products equal the Int128 reference, including every branch and the edges of the Int64 range")
    func productsMatchReference() {
        var rng = SplitMix64(state: 7_2026_1127)
        var operands: [Int64] = [
            0, 1, -1, 2, 5_000_000_000, -5_000_000_000, 9_999_999_999, 10_000_000_000, -10_000_000_000,
            3_000_000_000, 15_000_000_000, 4_294_967_295, 4_294_967_296, 9_765_625, 1 << 32, 1 << 40, 1 << 50,
            Int64.max, Int64.min + 1, -(1 << 62), 1 << 62, 922_337_203 * 10_000_000_000,
        ]
        for _ in 0..<2_000 {
            // magnitudes from 1 to 2^63 so that products cover < 2^64, < 2^74 and far beyond
            let bits = rng.int(0...63)
            var value = Int64(bitPattern: rng.next() >> UInt64(64 - max(bits, 1)))
            if rng.bool() { value = value == .min ? value : -value }
            operands.append(value)
        }
        var checked = 0
        for a in operands {
            for b in operands.prefix(200) {
                guard let expected = referenceProduct(a, b) else { continue }  // would trap in both implementations
                let product = FixedDecimal(raw: a) * FixedDecimal(raw: b)
                #expect(product.raw == expected, "\(a) · \(b)")
                if product.raw != expected { return }
                checked += 1
            }
        }
        #expect(checked > 50_000)
        // Exactly half a unit of the tenth place, both signs, in each branch (product < 2^64, < 2^74, larger).
        for (a, b) in [
            (Int64(5_000_000_000), Int64(1)), (Int64(15_000_000_000), Int64(1_000_000_001)),
            (Int64(5_000_000_000), Int64(3_000_000_000_000_001)),
        ] {
            for signs in [(1, 1), (-1, 1), (1, -1), (-1, -1)] {
                let x = a * Int64(signs.0)
                let y = b * Int64(signs.1)
                #expect((FixedDecimal(raw: x) * FixedDecimal(raw: y)).raw == referenceProduct(x, y))
            }
        }
    }

    @Test("Quotients and final rounding equal the Int128 reference")
    func quotientsMatchReference() {
        var rng = SplitMix64(state: 11_2026)
        var values: [Int64] = [
            0, 1, -1, 5, -5, 6, -6, Int64.max, Int64.min, Int64.min + 1, 5_000_000_000, -5_000_000_000,
        ]
        for _ in 0..<20_000 { values.append(Int64(bitPattern: rng.next()) >> UInt64(rng.int(0...63))) }
        for value in values {
            let x = FixedDecimal(raw: value)
            for divisor in [1, 2, 3, 7, 12, 1_000, Int(Int64.max)] {
                let expected = referenceDivide(Int128(value), Int128(divisor))
                #expect(x.divided(by: divisor).raw == Int64(expected), "\(value) / \(divisor)")
            }
            for divisor in [-1, -12] where value != .min {
                #expect(x.divided(by: divisor).raw == Int64(referenceDivide(Int128(value), Int128(divisor))))
            }
            #expect(x.roundedToEuros() == Int64(referenceDivide(Int128(value), Int128(FixedDecimal.scale))))
        }
    }

    @Test("referenz(am:) selects the same set as gueltig(am:) and as a linear search over alle")
    func parameterReferences() {
        let alle = WoGGParameterSet.alle
        for year in 2019...2028 {
            for month in [0, 1, 2, 6, 12, 13] {
                for day in [0, 1, 15, 31, 32] {
                    let date = LocalDate(year: year, month: month, day: day)
                    let expected = alle.lastIndex { $0.gueltigAb <= date }
                    #expect(WoGGParameterSet.referenz(am: date)?.index == expected)
                    #expect(WoGGParameterSet.gueltig(am: date) == expected.map { alle[$0] })
                    #expect(WoGGParameterSet.referenz(am: date)?.gueltigAb == expected.map { alle[$0].gueltigAb })
                }
            }
        }
    }

    @Test("Trace off, parameter reference and explicit parameter set give the same result as calculate(_:)")
    func variantsAgree() throws {
        var rng = SplitMix64(state: 20_261_127)
        let sorted = JSONEncoder()
        sorted.outputFormatting = [.sortedKeys]
        for _ in 0..<3_000 {
            var household = randomHousehold(&rng)
            if rng.int(0...9) == 0 {
                household.mitglieder[0].freibetraege.append(
                    .grundrente(renteMonatlich: FixedDecimal(rng.int(0...2_000))))
            }
            if rng.int(0...9) == 0 {
                household.mitglieder[0].freibetraege.append(.nsVerfolgung)
            }
            if household.mitglieder.count > 1, rng.int(0...9) == 0 {
                household.mitglieder[1].alter = 17
                household.mitglieder[1].freibetraege.append(.erwerbseinnahmenKind(FixedDecimal(rng.int(0...3_000))))
            }
            let full = Wohngeld.calculate(household)
            let off = Wohngeld.calculate(household, trace: .none)
            #expect(off.betrag == full.betrag && off.status == full.status && off.begruendung == full.begruendung)
            #expect(off.trace.isEmpty && off.traceCount == 0 && off.wert("M") == nil)
            let referenz = try #require(WoGGParameterSet.referenz(am: household.stichtag))
            #expect(Wohngeld.calculate(household, parameters: referenz) == full)
            #expect(Wohngeld.calculate(household, parameters: referenz, trace: .none) == off)
            #expect(Wohngeld.calculate(household, parameters: referenz.parameterSet) == full)
            #expect(Wohngeld.calculate(household, parameters: referenz.parameterSet, trace: .none) == off)
            #expect(full.traceCount == full.trace.count)
            // The compact trace reads like one built from strings: same entries, same hash, same JSON.
            let eager = WohngeldResult(
                betrag: full.betrag, status: full.status, begruendung: full.begruendung, trace: full.trace)
            #expect(eager == full && eager.hashValue == full.hashValue)
            #expect(try sorted.encode(eager) == sorted.encode(full))
            for entry in full.trace where entry.mitglied == nil {
                #expect(full.wert(entry.key) == eager.wert(entry.key))
            }
        }
    }

    @Test("Reason texts and the label of z4 are the same as before the compact trace")
    func texts() {
        let claim = Wohngeld.calculate(
            Household(stichtag: tag2025, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(0)]))
        #expect(claim.begruendung == "Monatliches Wohngeld: 520 € (§ 19 WoGG).")
        #expect(claim.trace.first { $0.key == "z4" }?.label == "z4 = 1.15 · z3 (ungerundetes Wohngeld)")
        #expect(claim.trace.first { $0.key == "z4" }?.norm == "§ 19 Abs. 1 WoGG, Anlage 3 Nr. 2")
        #expect(
            claim.trace.first { $0.key == "M" }?.label == "M – zu berücksichtigende monatliche Miete oder Belastung")
        let small = Wohngeld.calculate(
            Household(
                stichtag: tag2025, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(18_120, criteria: 0)]))
        #expect(
            small.begruendung
                == "Das Wohngeld würde 9 € und damit weniger als 10 € monatlich betragen; ein Anspruch besteht nicht (§ 21 Nr. 1 WoGG)."
        )
        let none = Wohngeld.calculate(
            Household(
                stichtag: LocalDate(year: 2020, month: 12, day: 31), mietstufe: 3, wohnkosten: .miete(500),
                mitglieder: [adult(0)]))
        #expect(none.begruendung == "Für den Stichtag 2020-12-31 ist kein Parametersatz hinterlegt (ab 2021-01-01).")
        // What-if sets: the label shows their F.
        var half = WoGGParameterSet.gueltig(am: tag2025)!
        half.skalierungsfaktor = dec("0.5")
        let whatIf = Wohngeld.calculate(
            Household(stichtag: tag2025, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(0)]),
            parameters: half)
        #expect(whatIf.trace.first { $0.key == "z4" }?.label == "z4 = 0.5 · z3 (ungerundetes Wohngeld)")
    }

    @Test("Assigned trace and reason replace the computed ones; betrag and status stay independent of the text")
    func assignments() {
        var result = Wohngeld.calculate(
            Household(stichtag: tag2025, mietstufe: 3, wohnkosten: .miete(500), mitglieder: [adult(0)]))
        let text = result.begruendung
        result.betrag = 1
        #expect(result.begruendung == text)  // the text was the engine's, not derived from the field
        result.begruendung = "geändert"
        #expect(result.begruendung == "geändert")
        let entry = TraceEntry(key: "x", label: "X", value: 1, norm: "§ 1")
        result.trace = [entry]
        #expect(result.trace == [entry] && result.traceCount == 1 && result.wert("x") == 1 && result.wert("M") == nil)
        result.trace = []
        #expect(result.trace.isEmpty && result.wert("x") == nil)
    }
}
