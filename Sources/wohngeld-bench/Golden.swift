import Foundation
import Rules

/// Golden output for refactorings of the engine: `--dump FILE OUT` writes one JSON line per household of FILE
/// (`WohngeldResult` encoded: betrag, status, begruendung, full trace); `--dump-fuzz N OUT` does the same for N
/// seeded random households that cover the edge cases (every Freibetrag, > 12 members, mixed households, extreme
/// and negative amounts, invalid input, Stichtage before 2021 and in every parameter period). Compare two dumps
/// with `cmp`.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func fuzzHouseholds(_ count: Int, seed: UInt64 = 20_261_127) -> [Household] {
    var rng = SplitMix64(state: seed)
    func amount(_ rng: inout SplitMix64) -> FixedDecimal {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0: return FixedDecimal(raw: Int64.random(in: -10_000_000_000_000...10_000_000_000_000, using: &rng))
        case 1: return FixedDecimal(raw: Int64.random(in: 0...100_000_000_000_000_000, using: &rng))  // ≤ 10 M €
        case 2..<5: return FixedDecimal(raw: Int64.random(in: 0...30_000_000_000_000_000, using: &rng))  // ≤ 3 M €
        case 5..<15: return FixedDecimal(raw: Int64.random(in: 0...1_000_000_000_000, using: &rng))  // ≤ 100 €
        case 15..<25: return .zero
        default: return FixedDecimal(cents: Int64.random(in: 0...8_000_000, using: &rng))  // ≤ 80 000 €
        }
    }
    var result: [Household] = []
    result.reserveCapacity(count)
    for _ in 0..<count {
        let year = Int.random(in: 0..<50, using: &rng) == 0 ? 2020 : Int.random(in: 2021...2026, using: &rng)
        let stichtag = LocalDate(
            year: year, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))
        let size: Int
        switch Int.random(in: 0..<20, using: &rng) {
        case 0: size = Int.random(in: 9...20, using: &rng)
        case 1: size = Int.random(in: 0...130, using: &rng)
        default: size = Int.random(in: 1...8, using: &rng)
        }
        var members: [HouseholdMember] = []
        for index in 0..<size {
            var freibetraege: [HouseholdMember.Freibetrag] = []
            for _ in 0..<Int.random(in: 0...3, using: &rng) where Int.random(in: 0..<3, using: &rng) == 0 {
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: freibetraege.append(.schwerbehinderung)
                case 1: freibetraege.append(.nsVerfolgung)
                case 2: freibetraege.append(.erwerbseinnahmenKind(amount(&rng)))
                default: freibetraege.append(.grundrente(renteMonatlich: amount(&rng)))
                }
            }
            let rolle: HouseholdMember.Rolle =
                index == 0
                ? .antragsteller
                : [.partner, .kind, .sonstiges][
                    Int.random(in: 0..<3, using: &rng)]
            let status: HouseholdMember.Status =
                Int.random(in: 0..<8, using: &rng) == 0
                ? (Bool.random(using: &rng) ? .ausgeschlossenTransferleistung : .ausgeschlossenSonstiges)
                : .beruecksichtigt
            members.append(
                HouseholdMember(
                    rolle: rolle, alter: Bool.random(using: &rng) ? Int.random(in: 0...95, using: &rng) : nil,
                    status: status, jahreseinkommen: amount(&rng), zahltSteuern: Bool.random(using: &rng),
                    zahltKrankenPflegeversicherung: Bool.random(using: &rng),
                    zahltRentenversicherung: Bool.random(using: &rng), freibetraege: freibetraege))
        }
        let kosten =
            Int.random(in: 0..<12, using: &rng) == 0
            ? amount(&rng)
            : FixedDecimal(
                cents: Int64.random(in: 0...250_000, using: &rng))
        result.append(
            Household(
                stichtag: stichtag,
                mietstufe: Int.random(in: 0..<50, using: &rng) == 0 ? 8 : Int.random(in: 1...7, using: &rng),
                wohnkosten: Bool.random(using: &rng) ? .miete(kosten) : .belastung(kosten), mitglieder: members,
                alleinerziehend: Int.random(in: 0..<6, using: &rng) == 0))
    }
    return result
}

func dump(_ households: [Household], to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var out = Data()
    for household in households {
        out.append(try encoder.encode(Wohngeld.calculate(household)))
        out.append(0x0A)
    }
    try out.write(to: URL(fileURLWithPath: path))
}
