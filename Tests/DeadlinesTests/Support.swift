import Deadlines

/// A date literal for tests; a typo is a test failure, not a silent nil.
func date(_ iso: String) -> CivilDate {
    guard let date = CivilDate(iso: iso) else { fatalError("not a date: \(iso)") }
    return date
}

/// Municipality keys from the GV100AD, territorial status 28.02.2026.
enum Key {
    static let erfurt = "16051000"
    static let erfurtARS = "160510000000"
    static let heiligenstadt = "16061045"
    static let heiligenstadtARS = "160610045045"
    static let uderARS = "160615051119"  // re-keyed in February 2026 (was 160615051097)
    static let geisa = "16063032"
    static let dermbach = "16063015"
    static let suedeichsfeld = "16064074"
    static let muehlhausen = "16064046"
}

/// SplitMix64: a small seeded generator, so a failing property test can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
