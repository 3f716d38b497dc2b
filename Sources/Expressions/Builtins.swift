import Foundation

/// The built-in functions. Raw values are the FEEL names, some of which contain spaces.
enum Builtin: String, Sendable {
    case not
    case contains
    case startsWith = "starts with"
    case endsWith = "ends with"
    case stringLength = "string length"
    case upperCase = "upper case"
    case lowerCase = "lower case"
    case substring
    case matches
    case count
    case sum
    case min
    case max
    case mean
    case listContains = "list contains"
    case date
    case duration
    case yearsAndMonthsDuration = "years and months duration"
    case abs
    case floor
    case ceiling
    case decimal
    case number
    case string

    /// The most words in a built-in's name.
    static let maxWords = 4
    /// `matches()` refuses longer inputs and patterns (an evaluation error, not null).
    static let maxMatchLength = 1_000
    /// `decimal(n, scale)` accepts scales in `-maxScale...maxScale`.
    static let maxScale = 32

    private var arity: ClosedRange<Int> {
        switch self {
        case .contains, .startsWith, .endsWith, .matches, .listContains, .yearsAndMonthsDuration, .decimal: 2...2
        case .substring: 2...3
        case .date: 1...3
        case .sum, .min, .max, .mean: 1...Int.max
        default: 1...1
        }
    }

    func accepts(_ count: Int) -> Bool { arity.contains(count) && !(self == .date && count == 2) }

    var arityDescription: String {
        switch self {
        case .date: "1 or 3 arguments"
        case .sum, .min, .max, .mean: "at least 1 argument"
        default:
            arity.count == 1
                ? "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")"
                : "\(arity.lowerBound) or \(arity.upperBound) arguments"
        }
    }

    /// The compiled pattern, or nil when it is invalid or too long.
    static func regex(_ pattern: String) -> NSRegularExpression? {
        pattern.count <= maxMatchLength ? try? NSRegularExpression(pattern: pattern) : nil
    }
}

extension Evaluator {
    /// Applies a built-in to evaluated arguments; the parser has checked the argument count.
    /// Arguments of the wrong type give null, as in FEEL.
    mutating func call(_ function: Builtin, _ arguments: [Value]) throws -> Value {
        switch function {
        case .not:
            return arguments[0].isTruthy.map { .bool(!$0) } ?? .null
        case .contains:
            return Self.strings(arguments) { $1.isEmpty || $0.contains($1) }
        case .startsWith:
            return Self.strings(arguments) { $0.hasPrefix($1) }
        case .endsWith:
            return Self.strings(arguments) { $0.hasSuffix($1) }
        case .stringLength:
            guard case .string(let text) = arguments[0] else { return .null }
            return .number(Decimal(text.count))
        case .upperCase:
            guard case .string(let text) = arguments[0] else { return .null }
            return .string(text.uppercased())
        case .lowerCase:
            guard case .string(let text) = arguments[0] else { return .null }
            return .string(text.lowercased())
        case .substring:
            return Self.substring(arguments)
        case .matches:
            return try Self.matches(arguments[0], arguments[1])
        case .count:
            guard case .list(let items) = arguments[0] else { return .null }
            return .number(Decimal(items.count))
        case .sum:
            guard let numbers = try numbers(arguments) else { return .null }
            return Self.finite(numbers.reduce(0, +))
        case .mean:
            guard let numbers = try numbers(arguments), !numbers.isEmpty else { return .null }
            return Self.finite(numbers.reduce(0, +) / Decimal(numbers.count))
        case .min, .max:
            return try extreme(arguments, largest: function == .max)
        case .listContains:
            guard case .list(let items) = arguments[0] else { return .null }
            try charge(items.count)
            return .bool(items.contains { Value.equals($0, arguments[1]) == true })
        case .date:
            return Self.date(arguments)
        case .duration:
            switch arguments[0] {
            case .string(let text): return FEELDuration(iso: text).map(Value.duration) ?? .null
            case .duration: return arguments[0]
            default: return .null
            }
        case .yearsAndMonthsDuration:
            guard case .date(let start) = arguments[0], case .date(let end) = arguments[1] else { return .null }
            return .duration(.yearsMonths(months: LocalDate.months(from: start, to: end)))
        case .abs:
            guard case .number(let number) = arguments[0] else { return .null }
            return .number(number.magnitude)
        case .floor, .ceiling:
            guard case .number(let number) = arguments[0] else { return .null }
            return .number(Value.rounded(number, scale: 0, function == .floor ? .down : .up))
        case .decimal:
            guard case .number(let number) = arguments[0], let scale = arguments[1].integer,
                (-Builtin.maxScale...Builtin.maxScale).contains(scale)
            else { return .null }
            return Self.finite(Value.rounded(number, scale: scale, .bankers))
        case .number:
            guard case .string(let text) = arguments[0] else { return .null }
            return Self.number(text)
        case .string:
            return arguments[0].text.map(Value.string) ?? .null
        }
    }

    private static func strings(_ arguments: [Value], _ test: (String, String) -> Bool) -> Value {
        guard case .string(let text) = arguments[0], case .string(let other) = arguments[1] else { return .null }
        return .bool(test(text, other))
    }

    private static func finite(_ number: Decimal) -> Value {
        number.isNaN ? .null : .number(number)
    }

    /// `substring(s, start, length?)`: `start` is 1-based, negative counts from the end; in characters.
    private static func substring(_ arguments: [Value]) -> Value {
        guard case .string(let text) = arguments[0], let start = arguments[1].integer, start != 0 else {
            return .null
        }
        let characters = Array(text)
        let from = start > 0 ? start - 1 : characters.count + start
        var to = characters.count
        if arguments.count == 3 {
            guard let length = arguments[2].integer, length >= 0 else { return .null }
            to = from + length
        }
        let lower = Swift.min(Swift.max(from, 0), characters.count)
        let upper = Swift.min(Swift.max(to, lower), characters.count)
        return .string(String(characters[lower..<upper]))
    }

    /// `matches(input, pattern)`: whether the pattern matches anywhere in the input (as XPath `fn:matches`).
    private static func matches(_ input: Value, _ pattern: Value) throws -> Value {
        guard case .string(let text) = input, case .string(let pattern) = pattern else { return .null }
        guard text.count <= Builtin.maxMatchLength, pattern.count <= Builtin.maxMatchLength else {
            throw ExpressionError("matches() accepts at most \(Builtin.maxMatchLength) characters of input and pattern")
        }
        guard let regex = Builtin.regex(pattern) else { return .null }
        return .bool(regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
    }

    private static func date(_ arguments: [Value]) -> Value {
        if arguments.count == 3 {
            guard let year = arguments[0].integer, let month = arguments[1].integer, let day = arguments[2].integer
            else { return .null }
            return LocalDate(year: year, month: month, day: day).map(Value.date) ?? .null
        }
        switch arguments[0] {
        case .string(let text): return LocalDate(iso: text).map(Value.date) ?? .null
        case .date: return arguments[0]
        default: return .null
        }
    }

    /// `number("12.5")`: an optional `-`, digits and an optional fraction, nothing else.
    private static func number(_ text: String) -> Value {
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : text[...]
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digitsOnly = parts.allSatisfy { $0.allSatisfy { ("0"..."9").contains($0) } }
        let wellFormed = !parts[0].isEmpty || parts.count == 2
        guard digitsOnly, wellFormed, parts.last?.isEmpty == false, unsigned.count <= Lexer.maxDigits + 1,
            let value = Decimal(string: text)
        else { return .null }
        return .number(value)
    }

    /// The list argument of `sum`, `min`, … — or the arguments themselves (`max(a, b, c)`).
    private static func items(_ arguments: [Value]) -> [Value] {
        if arguments.count == 1, case .list(let items) = arguments[0] { return items }
        return arguments
    }

    private mutating func numbers(_ arguments: [Value]) throws -> [Decimal]? {
        let items = Self.items(arguments)
        try charge(items.count)
        var numbers: [Decimal] = []
        for item in items {
            guard case .number(let number) = item else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    private mutating func extreme(_ arguments: [Value], largest: Bool) throws -> Value {
        let items = Self.items(arguments)
        try charge(items.count)
        guard var best = items.first, Value.ordering(best, best) != nil else { return .null }
        for item in items.dropFirst() {
            guard let order = Value.ordering(item, best) else { return .null }
            if largest ? order > 0 : order < 0 { best = item }
        }
        return best
    }
}
