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
    ///
    /// Exact for all operands without 128-bit division: the 128-bit product n of the magnitudes is divided by
    /// 10^10 = 2^10 · 5^10 as ⌊⌊n / 2^10⌋ / 5^10⌋, the second step as a long division in 32-bit digits by the constant
    /// 5^10 (< 2^24), which the compiler turns into multiplications. The remainder (< 10^10) is exact in the low 64
    /// bits. Traps like Int64 arithmetic when the result overflows.
    public static func * (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
        let product = lhs.raw.magnitude.multipliedFullWidth(by: rhs.raw.magnitude)
        let negative = (lhs.raw < 0) != (rhs.raw < 0)
        let quotient: UInt64
        if product.high == 0 {
            quotient = product.low / UInt64(scale)
        } else {
            let five10: UInt64 = 9_765_625
            // m = ⌊n / 2^10⌋ = high' · 2^64 + low'
            let high = product.high >> 10
            let low = product.high << 54 | product.low >> 10
            // A quotient ≥ 2^64 cannot be an Int64; high < 5^10 keeps every partial dividend below 2^56.
            precondition(high < five10, "FixedDecimal overflow")
            let upper = high << 32 | low >> 32
            let q1 = upper / five10
            let lower = (upper &- q1 &* five10) << 32 | low & 0xFFFF_FFFF
            quotient = q1 << 32 | lower / five10
        }
        let remainder = product.low &- quotient &* UInt64(scale)
        return FixedDecimal(raw: signed(quotient + (remainder &* 2 >= UInt64(scale) ? 1 : 0), negative: negative))
    }

    /// Product with an integer (exact).
    public static func * (lhs: FixedDecimal, rhs: Int) -> FixedDecimal {
        FixedDecimal(raw: lhs.raw * Int64(rhs))
    }

    /// Quotient by an integer, rounded half away from zero to ten decimal places.
    public func divided(by divisor: Int) -> FixedDecimal {
        guard divisor > 0 else { return FixedDecimal(raw: Int64(Self.divideRounded(Int128(raw), Int128(divisor)))) }
        return FixedDecimal(raw: Self.divideRounded(magnitude: raw.magnitude, by: UInt64(divisor), negative: raw < 0))
    }

    /// `self · numerator / denominator`, rounded once, half away from zero, to ten decimal places.
    public func scaled(by numerator: Int, over denominator: Int) -> FixedDecimal {
        FixedDecimal(raw: Int64(Self.divideRounded(Int128(raw) * Int128(numerator), Int128(denominator))))
    }

    /// Anlage 3 Nr. 3 WoGG: below 0.50 round down, from 0.50 up to whole euros (half away from zero).
    public func roundedToEuros() -> Int64 {
        Self.divideRounded(magnitude: raw.magnitude, by: UInt64(Self.scale), negative: raw < 0)
    }

    /// Whole euros, rounded towards minus infinity.
    public func flooredToEuros() -> Int64 {
        raw >= 0 ? raw / Self.scale : -((-raw + Self.scale - 1) / Self.scale)
    }

    /// `magnitude / divisor` rounded half away from zero, with the sign applied (divisor ≥ 1, < 2^63).
    @inline(__always)
    private static func divideRounded(magnitude: UInt64, by divisor: UInt64, negative: Bool) -> Int64 {
        let quotient = magnitude / divisor
        let remainder = magnitude &- quotient &* divisor
        return signed(quotient &+ (remainder &* 2 >= divisor ? 1 : 0), negative: negative)
    }

    /// The signed value of a magnitude; traps when it does not fit (−2^63 is allowed).
    @inline(__always)
    private static func signed(_ magnitude: UInt64, negative: Bool) -> Int64 {
        if negative {
            precondition(magnitude <= UInt64(1) << 63, "FixedDecimal overflow")
            return Int64(bitPattern: 0 &- magnitude)
        }
        return Int64(magnitude)
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
