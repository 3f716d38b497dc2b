/// The identification number (IdNr, § 139b AO; the Registermodernisierung's cross-register id):
/// eleven digits, the first not 0, the last a check digit after ISO/IEC 7064 MOD 11,10. The demo
/// registers use it as register id.
public enum IdentificationNumber {
    /// The check digit of ten digits.
    public static func checkDigit(_ first10: [Int]) -> Int {
        var product = 10
        for d in first10 {
            var sum = (d + product) % 10
            if sum == 0 { sum = 10 }
            product = (sum * 2) % 11
        }
        let check = 11 - product
        return check == 10 ? 0 : check
    }

    /// Eleven digits, the first not 0, exactly one digit of the first ten repeated (twice, or three
    /// times but not all adjacent), correct check digit.
    public static func isValid(_ id: String) -> Bool {
        guard id.isDigits(count: 11) else { return false }
        let digits = id.utf8.map { Int($0) - 48 }
        guard digits[0] != 0 else { return false }
        let first10 = Array(digits[0..<10])
        let counts = Dictionary(grouping: first10, by: { $0 }).mapValues(\.count)
        let repeated = counts.values.filter { $0 > 1 }
        guard repeated.count == 1, repeated[0] <= 3 else { return false }
        for i in 0..<8 where first10[i] == first10[i + 1] && first10[i] == first10[i + 2] { return false }
        return checkDigit(first10) == digits[10]
    }

    /// Completes ten digits with their check digit.
    public static func complete(_ first10: String) -> String {
        first10 + String(checkDigit(first10.utf8.map { Int($0) - 48 }))
    }

    /// A random valid IdNr: nine distinct digits, one of them twice, the first not 0.
    public static func random(_ rng: inout DemoRandom) -> String {
        while true {
            var digits = Array(0...9)
            for i in stride(from: 9, to: 0, by: -1) { digits.swapAt(i, rng.below(i + 1)) }
            // Drop the last digit, repeat one of the others in its place.
            digits[9] = digits[rng.below(9)]
            for i in stride(from: 9, to: 0, by: -1) { digits.swapAt(i, rng.below(i + 1)) }
            if digits[0] == 0 { continue }
            let id = digits.map(String.init).joined()
            return complete(id)
        }
    }
}
