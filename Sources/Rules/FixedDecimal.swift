/// An exact decimal number with ten places after the decimal point, stored as a scaled integer.
///
/// Anlage 3 Nr. 2 WoGG requires the intermediate values z1…z4 of the § 19 formula to be computed "als
/// Festkommazahlen mit zehn Nachkommastellen". Every product and quotient is rounded half away from zero to ten
/// places (the statute does not name the rounding of the 11th place; see README). Range: ±922 337 203 (Int64 raw).
public struct FixedDecimal: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// 10^10: one unit of the last (tenth) decimal place is `1 / scale`.
    public static let scale: Int64 = 10_000_000_000

    /// The value times 10^10.
    public var raw: Int64

    public init(raw: Int64) { self.raw = raw }

    public init(integerLiteral value: Int64) { self.raw = value * Self.scale }

    /// Whole euros.
    public init(_ value: Int) { self.raw = Int64(value) * Self.scale }

    /// An amount in cents.
    public init(cents: Int64) { self.raw = cents * (Self.scale / 100) }

    /// Parses "123", "-0.5", "0.0000462" (at most ten decimal places, no exponent).
    public init?(_ text: String) {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var integer: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var digits = 0
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            digits += 1
            if seenPoint {
                fractionDigits += 1
                if fractionDigits > 10 { return nil }
                fraction = fraction * 10 + digit
            } else {
                let (next, overflow) = integer.multipliedReportingOverflow(by: 10)
                if overflow || next > 922_337_202 { return nil }
                integer = next + digit
            }
        }
        guard digits > 0 else { return nil }
        for _ in fractionDigits..<10 { fraction *= 10 }
        let value = integer * Self.scale + fraction
        self.raw = negative ? -value : value
    }

    public static let zero = FixedDecimal(raw: 0)

    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool { lhs.raw < rhs.raw }

    public static func + (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
        FixedDecimal(raw: lhs.raw + rhs.raw)
    }

    public static func - (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
        FixedDecimal(raw: lhs.raw - rhs.raw)
    }

    public static prefix func - (value: FixedDecimal) -> FixedDecimal { FixedDecimal(raw: -value.raw) }

    public static func += (lhs: inout FixedDecimal, rhs: FixedDecimal) { lhs.raw += rhs.raw }

    public static func -= (lhs: inout FixedDecimal, rhs: FixedDecimal) { lhs.raw -= rhs.raw }

    /// Product rounded half away from zero to ten decimal places.
    public static func * (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
        let product = Int128(lhs.raw) * Int128(rhs.raw)
        return FixedDecimal(raw: Int64(divideRounded(product, Int128(scale))))
    }

    /// Product with an integer (exact).
    public static func * (lhs: FixedDecimal, rhs: Int) -> FixedDecimal {
        FixedDecimal(raw: lhs.raw * Int64(rhs))
    }

    /// Quotient by an integer, rounded half away from zero to ten decimal places.
    public func divided(by divisor: Int) -> FixedDecimal {
        FixedDecimal(raw: Int64(Self.divideRounded(Int128(raw), Int128(divisor))))
    }

    /// `self · numerator / denominator`, rounded once, half away from zero, to ten decimal places.
    public func scaled(by numerator: Int, over denominator: Int) -> FixedDecimal {
        FixedDecimal(raw: Int64(Self.divideRounded(Int128(raw) * Int128(numerator), Int128(denominator))))
    }

    /// Anlage 3 Nr. 3 WoGG: below 0.50 round down, from 0.50 round up to whole euros (half away from zero).
    public func roundedToEuros() -> Int64 {
        Self.divideRounded(Int128(raw), Int128(Self.scale)).toInt64
    }

    /// Whole euros, rounded towards minus infinity.
    public func flooredToEuros() -> Int64 {
        raw >= 0 ? raw / Self.scale : -((-raw + Self.scale - 1) / Self.scale)
    }

    private static func divideRounded(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude
        let d = denominator.magnitude
        let (q, r) = n.quotientAndRemainder(dividingBy: d)
        let rounded = r * 2 >= d ? q + 1 : q
        return negative ? -Int128(rounded) : Int128(rounded)
    }

    /// Shortest exact decimal text, e.g. "833.3333333333", "19.2", "361", "-0.022".
    public var description: String {
        let magnitude = raw.magnitude
        let integer = magnitude / UInt64(Self.scale)
        var fraction = magnitude % UInt64(Self.scale)
        var text = raw < 0 ? "-" : ""
        text += String(integer)
        if fraction != 0 {
            var places = 10
            while fraction % 10 == 0 {
                fraction /= 10
                places -= 1
            }
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return text
    }
}

extension Int128 {
    fileprivate var toInt64: Int64 { Int64(self) }
}

extension FixedDecimal: Codable {
    /// Encoded as a JSON string holding the exact decimal text, so no precision is lost in transit.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let value = FixedDecimal(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not a decimal with at most 10 places: \(text)")
            }
            self = value
        } else {
            self = FixedDecimal(Int(try container.decode(Int64.self)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
