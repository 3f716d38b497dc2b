import Rules

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Prints the median nanoseconds per `Wohngeld.calculate` over a fixed mix of households.
func nanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

let stichtag = LocalDate(year: 2025, month: 6, day: 1)
var households: [Household] = []
for size in 1...6 {
    let members = (0..<size).map { index in
        HouseholdMember(
            rolle: index == 0 ? .antragsteller : (index == 1 ? .partner : .kind),
            alter: index < 2 ? 40 : 10,
            jahreseinkommen: index < 2 ? FixedDecimal(14_000 + 1_000 * size) : .zero,
            zahltSteuern: index == 0, zahltKrankenPflegeversicherung: index < 2, zahltRentenversicherung: index < 2)
    }
    households.append(
        Household(
            stichtag: stichtag, mietstufe: 1 + size % 7, wohnkosten: .miete(FixedDecimal(400 + 120 * size)),
            mitglieder: members))
}

let rounds = 31
let perRound = 20_000
var samples: [Double] = []
var checksum: Int64 = 0
for _ in 0..<rounds {
    let start = nanoseconds()
    for index in 0..<perRound {
        checksum &+= Wohngeld.calculate(households[index % households.count]).betrag
    }
    samples.append(Double(nanoseconds() - start) / Double(perRound))
}
samples.sort()
let median = samples[rounds / 2]
print(
    "wohngeld-bench: median \(Int(median.rounded())) ns per calculation (\(rounds) rounds × \(perRound), checksum \(checksum))"
)
