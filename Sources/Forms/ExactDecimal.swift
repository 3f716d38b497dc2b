import Foundation

/// Builds a `Decimal` exactly from decimal digits (at most 38 significant digits, Decimal's precision).
struct DecimalDigits {
    private var high: UInt64 = 0
    private var low: UInt64 = 0
    private var lowCount = 0
    private(set) var count = 0

    static let maxDigits = 38
    static let exponentRange = -128...127

    mutating func append(_ digit: UInt8) {
        if count < 19 {
            high = high &* 10 &+ UInt64(digit)
        } else if count < Self.maxDigits {
            low = low &* 10 &+ UInt64(digit)
            lowCount += 1
        }
        count += 1
    }

    /// The value `digits × 10^exponent`, or nil when it cannot be held exactly.
    /// The caller strips trailing zeros first so that the exponent is as large as possible.
    func make(negative: Bool, exponent: Int) -> Decimal? {
        if count == 0 || (high == 0 && low == 0) { return Decimal.zero }
        guard count <= Self.maxDigits, Self.exponentRange.contains(exponent) else { return nil }
        var significand = Decimal(high)
        if lowCount > 0 {
            significand = significand * Decimal(sign: .plus, exponent: lowCount, significand: 1) + Decimal(low)
        }
        let value = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: significand)
        return value.isNaN ? nil : value
    }
}

/// Decimal helpers shared by the validator, the generator and form encoding.
enum ExactDecimal {
    /// Parses a plain decimal literal ("-12.50", "1e3", "0,5") as written in schema constraints.
    static func parseLiteral(_ text: String) -> Decimal? {
        var s = text.trimmingCharacters(in: .whitespaces)
        if !s.contains("."), s.contains(",") { s = s.replacingOccurrences(of: ",", with: ".") }
        if s.hasPrefix("+") { s.removeFirst() }
        if s.hasPrefix(".") { s = "0" + s }
        if s.hasPrefix("-.") { s = "-0" + s.dropFirst() }
        guard let value = try? FormValue.parse(s.utf8), case .number(let d) = value else { return nil }
        return d
    }

    /// Whether `value` has no more than `places` digits after the decimal point.
    static func hasAtMostDecimalPlaces(_ value: Decimal, _ places: Int) -> Bool {
        if value.isNaN { return false }
        if value.exponent >= -places { return true }
        var result = Decimal()
        var input = value
        NSDecimalRound(&result, &input, places, .plain)
        return result == value
    }

    /// Plain decimal notation ("1234.5", "-0.01"), never an exponent.
    static func plainString(_ value: Decimal) -> String {
        value.description
    }

    /// Formats `value` for people: German "1.234,5", English "1,234.5".
    /// - Parameter minimumFractionDigits: pads the fraction with zeros (2 for money).
    static func formatted(_ value: Decimal, german: Bool, minimumFractionDigits: Int = 0) -> String {
        let plain = plainString(value)
        var digits = Substring(plain)
        var negative = false
        if digits.hasPrefix("-") {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts.first.map(String.init) ?? "0"
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.count < minimumFractionDigits { fraction.append("0") }
        let groupSeparator: Character = german ? "." : ","
        var grouped = ""
        for (offset, character) in integerPart.enumerated() {
            if offset > 0, (integerPart.count - offset) % 3 == 0 { grouped.append(groupSeparator) }
            grouped.append(character)
        }
        var out = negative ? "-" : ""
        out += grouped
        if !fraction.isEmpty {
            out += german ? "," : "."
            out += fraction
        }
        return out
    }
}
