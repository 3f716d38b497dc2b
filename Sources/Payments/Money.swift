/// Amounts in euro cents. Every amount in this module is an `Int` of cents, never a `Double`.
public enum Money {
    /// The currency of every amount: Amtsweg charges in euro only.
    public static let currency = "EUR"

    /// The largest amount accepted when parsing: 1 000 000 000,00 € (10¹¹ cents).
    public static let maximumCents = 100_000_000_000

    /// German display form with thousands separators: `1.234,50 €`, `12,50 €`, `-3,00 €`.
    public static func german(_ cents: Int) -> String {
        let (sign, euros, rest) = parts(cents)
        var digits = String(euros)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return "\(sign)\(digits)\(grouped),\(rest) €"
    }

    /// Plain machine form for CSV and APIs, no grouping, point as decimal separator: `12.50`, `-3.00`.
    public static func plain(_ cents: Int) -> String {
        let (sign, euros, rest) = parts(cents)
        return "\(sign)\(euros).\(rest)"
    }

    private static func parts(_ cents: Int) -> (sign: String, euros: UInt, rest: String) {
        let magnitude = cents.magnitude
        let rest = magnitude % 100
        return (cents < 0 ? "-" : "", magnitude / 100, rest < 10 ? "0\(rest)" : "\(rest)")
    }

    /// Why a text is not an amount. `description` is a German sentence for the form.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Nothing but white space.
        case empty
        /// A character that is neither a digit nor a separator, e.g. `12a`.
        case invalidCharacter(Character)
        /// More than two digits after the decimal separator, e.g. `12.505` or `1.234`.
        case tooManyFractionDigits(String)
        /// Separators in impossible places, e.g. `1,2,3`, `,50` or `12.`.
        case misplacedSeparator(String)
        /// A minus sign where negative amounts are not allowed.
        case negative(String)
        /// More than `Money.maximumCents`.
        case tooLarge(String)

        public var description: String {
            switch self {
            case .empty: "Bitte einen Betrag angeben."
            case .invalidCharacter(let c): "Der Betrag enthält das unzulässige Zeichen „\(c)“."
            case .tooManyFractionDigits(let t): "„\(t)“ hat mehr als zwei Nachkommastellen."
            case .misplacedSeparator(let t): "„\(t)“ ist kein Betrag: Trennzeichen an falscher Stelle."
            case .negative(let t): "„\(t)“: negative Beträge sind hier nicht zulässig."
            case .tooLarge(let t): "„\(t)“ ist zu groß."
            }
        }
    }

    /// Parses a decimal euro amount into cents.
    ///
    /// Accepts `12`, `12.5`, `12,50`, an optional trailing `€` or `EUR`, surrounding white space and, when both
    /// separators occur, thousands grouping in threes (`1.234,50`, `1,234.50`). With one kind of separator it is
    /// the decimal separator if it occurs once, so `1.234` is refused (three fraction digits) rather than guessed;
    /// if it occurs more than once it groups thousands (`1.234.567`).
    public static func parse(_ text: String, allowNegative: Bool = false) throws(ParseError) -> Int {
        var s = Substring(text).trimmingWhitespace()
        if s.hasSuffix("€") {
            s = s.dropLast().trimmingWhitespace()
        } else if s.uppercased().hasSuffix("EUR") {
            s = s.dropLast(3).trimmingWhitespace()
        }
        guard !s.isEmpty else { throw .empty }
        var negative = false
        if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s = s.dropFirst()
            if negative && !allowNegative { throw .negative(text) }
        }
        guard !s.isEmpty else { throw .misplacedSeparator(text) }
        for c in s where !(c.isASCII && (c.isNumber || c == "." || c == ",")) { throw .invalidCharacter(c) }

        let decimalSeparator: Character?
        if s.contains(".") && s.contains(",") {
            decimalSeparator = s.lastIndex(of: ".")! > s.lastIndex(of: ",")! ? "." : ","
        } else if s.contains(".") {
            decimalSeparator = s.count(where: { $0 == "." }) == 1 ? "." : nil
        } else if s.contains(",") {
            decimalSeparator = s.count(where: { $0 == "," }) == 1 ? "," : nil
        } else {
            decimalSeparator = nil
        }
        var integerPart = s
        var fraction: Substring = ""
        if let sep = decimalSeparator {
            let parts = s.split(separator: sep, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[1].isEmpty else { throw .misplacedSeparator(text) }
            integerPart = parts[0]
            fraction = parts[1]
            guard fraction.allSatisfy(\.isNumber) else { throw .misplacedSeparator(text) }
            guard fraction.count <= 2 else { throw .tooManyFractionDigits(text) }
        }
        // Whatever separator is left in the integer part groups thousands.
        let groups = integerPart.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        if groups.count > 1 {
            guard !groups[0].isEmpty, groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw .misplacedSeparator(text)
            }
        }
        let digits = groups.joined()
        guard !digits.isEmpty else { throw .misplacedSeparator(text) }
        var cents = 0
        for c in digits + fraction.padding(toLength: 2) {
            let (times, o1) = cents.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(c.asciiValue! - 48))
            guard !o1, !o2, sum <= maximumCents else { throw .tooLarge(text) }
            cents = sum
        }
        return negative ? -cents : cents
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var s = self
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return s
    }

    fileprivate func padding(toLength n: Int) -> String {
        String(self) + String(repeating: "0", count: Swift.max(0, n - count))
    }
}
