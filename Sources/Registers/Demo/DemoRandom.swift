/// A seeded random source of our own (SplitMix64) with its own range and choice functions, so the
/// demo data are the same on every platform and Swift version for the same seed.
public struct DemoRandom: Sendable {
    private var state: UInt64

    /// A source seeded with `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound` (rejection sampling: no modulo bias). `bound` must be positive.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        let limit = UInt64.max - UInt64.max % b
        while true {
            let x = next()
            if x < limit { return Int(x % b) }
        }
    }

    /// Uniform in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A uniformly chosen element; `items` must not be empty.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index drawn with the given non-negative weights (not all zero).
    public mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var x = below(max(total, 1))
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    /// A day in `from...to`, uniformly.
    public mutating func day(from: RegisterDate, to: RegisterDate) -> RegisterDate {
        let a = DayNumber.of(from)
        let b = DayNumber.of(to)
        return DayNumber.date(a + below(max(b - a + 1, 1)))
    }
}

/// Days since 0000-03-01 (proleptic Gregorian), for date arithmetic.
enum DayNumber {
    static func of(_ d: RegisterDate) -> Int {
        let y = d.month <= 2 ? d.year - 1 : d.year
        let m = d.month <= 2 ? d.month + 9 : d.month - 3
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d.day - 1
    }

    static func date(_ n: Int) -> RegisterDate {
        var y = (10000 * n + 14780) / 3_652_425
        var ddd = n - (365 * y + y / 4 - y / 100 + y / 400)
        if ddd < 0 {
            y -= 1
            ddd = n - (365 * y + y / 4 - y / 100 + y / 400)
        }
        let mi = (100 * ddd + 52) / 3060
        let month = (mi + 2) % 12 + 1
        let year = y + (mi + 2) / 12
        let day = ddd - (mi * 306 + 5) / 10 + 1
        return RegisterDate(year: year, month: month, day: day)!
    }
}

extension RegisterDate {
    /// This day plus `days` (negative: earlier).
    public func adding(days: Int) -> RegisterDate { DayNumber.date(DayNumber.of(self) + days) }

    /// The same day `years` later (29 February becomes 28 February in a common year).
    public func adding(years: Int) -> RegisterDate {
        RegisterDate(
            year: year + years, month: month, day: min(day, RegisterDate.days(inMonth: month, year: year + years)))
            ?? self
    }
}
