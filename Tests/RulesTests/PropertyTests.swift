import Rules
import Testing

/// SplitMix64: a tiny seeded generator so failures are reproducible without dependencies.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func bool() -> Bool { next() & 1 == 1 }
}

func randomHousehold(_ rng: inout SplitMix64) -> Household {
    let size = rng.int(1...15)
    var members: [HouseholdMember] = []
    for index in 0..<size {
        let earner = index < 2 || rng.int(0...5) == 0
        let excluded = index > 0 && rng.int(0...9) == 0
        members.append(
            HouseholdMember(
                rolle: index == 0 ? .antragsteller : .kind, alter: index < 2 ? 35 : rng.int(0...24),
                status: excluded ? .ausgeschlossenTransferleistung : .beruecksichtigt,
                jahreseinkommen: earner ? FixedDecimal(cents: Int64(rng.int(0...6_000_000))) : .zero,
                zahltSteuern: rng.bool(), zahltKrankenPflegeversicherung: rng.bool(),
                zahltRentenversicherung: rng.bool(), freibetraege: rng.int(0...7) == 0 ? [.schwerbehinderung] : []))
    }
    let year = [2021, 2022, 2023, 2024, 2025, 2026][rng.int(0...5)]
    return Household(
        stichtag: LocalDate(year: year, month: rng.int(1...12), day: 1), mietstufe: rng.int(1...7),
        wohnkosten: .miete(FixedDecimal(cents: Int64(rng.int(0...250_000)))), mitglieder: members,
        alleinerziehend: rng.int(0...5) == 0)
}

@Suite("Properties over 5 000 seeded random households")
struct PropertyTests {
    @Test("Whole euros, never negative, never above M, 0 below the threshold, status consistent")
    func invariants() {
        var rng = SplitMix64(state: 20_250_101)
        for _ in 0..<5_000 {
            let household = randomHousehold(&rng)
            let result = Wohngeld.calculate(household)
            #expect(result.betrag >= 0)
            if result.status == .anspruch {
                #expect(result.betrag >= 10)
                let m = result.wert("M")!
                #expect(FixedDecimal(Int(result.betrag)) <= m, "\(household)")
            } else {
                #expect(result.betrag == 0)
            }
            if let gerundet = result.wert("gerundet"), gerundet > 0, gerundet < 10,
                household.mitglieder.filter({ $0.status == .beruecksichtigt }).count <= 12
            {
                #expect(result.status == .unterBagatellgrenze)
            }
        }
    }

    @Test("The amount never rises when one member's income rises")
    func monotoneInIncome() {
        var rng = SplitMix64(state: 42)
        for _ in 0..<5_000 {
            let household = randomHousehold(&rng)
            guard let index = household.mitglieder.indices.randomElement(using: &rng) else { continue }
            var richer = household
            richer.mitglieder[index].jahreseinkommen += FixedDecimal(cents: Int64(rng.int(1...1_000_000)))
            let before = Wohngeld.calculate(household).betrag
            let after = Wohngeld.calculate(richer).betrag
            #expect(after <= before, "\(household) +income at \(index): \(before) → \(after)")
        }
    }
}

@Suite("Extreme inputs")
struct ExtremeInputTests {
    @Test("Inputs at the validation limits do not overflow; beyond them they are rejected")
    func limits() {
        var members = [adult(dec("10000000"), criteria: 0)]
        for _ in 0..<99 { members.append(child()) }
        let rich = Household(stichtag: tag2025, mietstufe: 7, wohnkosten: .miete(100_000), mitglieder: members)
        #expect(Wohngeld.calculate(rich).status == .keinBetragNachFormel)
        let poor = Household(
            stichtag: tag2025, mietstufe: 7, wohnkosten: .miete(100_000),
            mitglieder: [adult(0)] + (0..<99).map { _ in child() })
        #expect(Wohngeld.calculate(poor).status == .anspruch)
        var tooMany = poor
        tooMany.mitglieder.append(child())
        #expect(Wohngeld.calculate(tooMany).status == .ungueltigeEingabe)
        var tooRich = rich
        tooRich.mitglieder[1].jahreseinkommen = 1
        #expect(Wohngeld.calculate(tooRich).status == .ungueltigeEingabe)
        let oneRich = Household(
            stichtag: tag2025, mietstufe: 1, wohnkosten: .miete(dec("100000")), mitglieder: [adult(dec("10000000"))])
        #expect(Wohngeld.calculate(oneRich).betrag == 0)
    }
}

extension SplitMix64: RandomNumberGenerator {}
