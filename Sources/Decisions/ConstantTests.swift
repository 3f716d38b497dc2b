import Expressions
import Foundation

/// An input entry made only of constants (`< 10`, `[1..5)`, `"a", "b"`, `not("x")`, `date("2024-01-01")`), the
/// usual case in tables service designers write, matched without the FEEL evaluator.
///
/// Why: `Decimal` comparison costs about 100–250 ns on Linux, and `UnaryTests` compares (and re-evaluates the
/// constant endpoints) on every match; here the constants are evaluated once at import and numbers are ordered by
/// a `Double` approximation when that is unambiguous (exactly otherwise). The semantics are those of `UnaryTests`
/// (`Evaluator.match` and `Value.equals`/`ordering` in Expressions): a test is true, false or null; the entry
/// matches when any test is true, a `not(…)` entry when all are false. `DifferentialTests` checks this against
/// `UnaryTests` on a grid of entries and inputs. Anything else (`?`, names, functions of variables) stays a
/// `UnaryTests`.
struct ConstantTests: Sendable {
    enum Operator: Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    enum Test: Sendable {
        case compare(Operator, Operand)
        case interval(start: Operand, startClosed: Bool, end: Operand, endClosed: Bool)
        case value(Operand)
    }

    let tests: [Test]
    let negated: Bool

    /// nil unless `source` is a valid unary tests entry whose tests are all constant.
    init?(_ source: String) {
        guard (try? UnaryTests(source)) != nil else { return nil }
        var text = Substring(source.trimmingCharacters(in: .whitespacesAndNewlines))
        negated = Self.isNegation(text)
        if negated {
            text = text.dropFirst(3).drop(while: \.isWhitespace).dropFirst().dropLast()
        }
        var tests: [Test] = []
        for part in Self.split(String(text)) {
            guard let test = Self.test(part.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
            tests.append(test)
        }
        guard !tests.isEmpty else { return nil }
        self.tests = tests
    }

    /// Whether `input` passes, as `UnaryTests.matches` decides.
    func matches(_ input: Operand) -> Bool {
        var unknown = false
        for test in tests {
            switch Self.evaluate(test, input) {
            case true?:
                return !negated
            case false?:
                continue
            case nil:
                unknown = true
            }
        }
        return negated && !unknown
    }

    // MARK: Parsing

    private static func isNegation(_ text: Substring) -> Bool {
        guard text.hasPrefix("not"), text.hasSuffix(")") else { return false }
        return text.dropFirst(3).drop(while: \.isWhitespace).first == "("
    }

    /// Splits at the commas outside string literals, joining parts back until each parses (`[1, 2]`, `f(a, b)`).
    static func split(_ text: String) -> [String] {
        let parts = CommaSplit.split(text)
        var tests: [String] = []
        var pending: String?
        for part in parts {
            let candidate = pending.map { $0 + "," + part } ?? part
            if (try? UnaryTests(candidate)) != nil {
                tests.append(candidate)
                pending = nil
            } else {
                pending = candidate
            }
        }
        if let pending { tests.append(pending) }
        return tests
    }

    private static let operators: [(String, Operator)] = [
        ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("!=", .notEqual), ("<", .less), (">", .greater),
        ("=", .equal),
    ]

    private static func test(_ text: String) -> Test? {
        for (symbol, comparison) in operators where text.hasPrefix(symbol) {
            return constant(String(text.dropFirst(symbol.count))).map { .compare(comparison, $0) }
        }
        if let first = text.first, "[(]".contains(first), let last = text.last, "])[".contains(last),
            let range = rangeOperator(in: text)
        {
            let start = text[text.index(after: text.startIndex)..<range.lowerBound]
            let end = text[range.upperBound..<text.index(before: text.endIndex)]
            guard let low = constant(String(start)), let high = constant(String(end)) else { return nil }
            return .interval(start: low, startClosed: first == "[", end: high, endClosed: last == "]")
        }
        return constant(text).map { .value($0) }
    }

    /// The first `..` outside string literals.
    private static func rangeOperator(in text: String) -> Range<String.Index>? {
        var inString = false
        var escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
            } else if character == ".", next < text.endIndex, text[next] == "." {
                return index..<text.index(after: next)
            }
            index = next
        }
        return nil
    }

    /// A FEEL expression without names, evaluated now.
    private static func constant(_ text: String) -> Operand? {
        guard let expression = try? Expressions.Expression(text), expression.names.isEmpty,
            let value = try? expression.evaluate()
        else { return nil }
        return Operand(value)
    }

    // MARK: Semantics (as Evaluator.match in Expressions)

    private static func evaluate(_ test: Test, _ input: Operand) -> Bool? {
        switch test {
        case .compare(let comparison, let endpoint):
            return compare(comparison, input, endpoint)
        case .interval(let start, let startClosed, let end, let endClosed):
            let low = compare(startClosed ? .greaterOrEqual : .greater, input, start)
            if low == false { return false }
            let high = compare(endClosed ? .lessOrEqual : .less, input, end)
            if high == false { return false }
            return low == true && high == true ? true : nil
        case .value(let expected):
            switch (expected.value, input.value) {
            case (.list, .list):
                return equals(input.value, expected.value)
            case (.list(let items), _):
                return items.contains { equals(input.value, $0) == true }
            default:
                return compare(.equal, input, expected)
            }
        }
    }

    private static func compare(_ comparison: Operator, _ lhs: Operand, _ rhs: Operand) -> Bool? {
        switch comparison {
        case .equal: return equals(lhs, rhs)
        case .notEqual: return equals(lhs, rhs).map { !$0 }
        default:
            guard let order = ordering(lhs, rhs) else { return nil }
            switch comparison {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
    }

    private static func equals(_ lhs: Operand, _ rhs: Operand) -> Bool? {
        if case .number = lhs.value, case .number = rhs.value { return ordering(lhs, rhs).map { $0 == 0 } }
        return equals(lhs.value, rhs.value)
    }

    /// FEEL `=`: null equals only null; values of different types are incomparable (nil).
    static func equals(_ lhs: Value, _ rhs: Value) -> Bool? {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.bool(let x), .bool(let y)): return x == y
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            return allEqual(zip(x, y))
        case (.context(let x), .context(let y)):
            guard x.count == y.count, x.keys.allSatisfy({ y[$0] != nil }) else { return false }
            return allEqual(x.lazy.map { ($0.value, y[$0.key] ?? .null) })
        default:
            return DecisionTable.order(lhs, rhs).map { $0 == 0 }
        }
    }

    private static func allEqual(_ pairs: some Sequence<(Value, Value)>) -> Bool? {
        var unknown = false
        for (x, y) in pairs {
            switch equals(x, y) {
            case false?: return false
            case nil: unknown = true
            case true?: continue
            }
        }
        return unknown ? nil : true
    }

    private static func ordering(_ lhs: Operand, _ rhs: Operand) -> Int? {
        if case .number(let x) = lhs.value, case .number(let y) = rhs.value {
            if let a = lhs.approximation, let b = rhs.approximation, abs(a - b) > max(abs(a), abs(b)) * 1e-9 {
                return a < b ? -1 : 1
            }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        return DecisionTable.order(lhs.value, rhs.value)
    }
}

/// A value with, for a number, its `Double` approximation (computed once, used to order clearly different numbers).
struct Operand: Sendable {
    let value: Value
    let approximation: Double?

    init(_ value: Value) {
        self.value = value
        if case .number(let number) = value, !number.isNaN {
            approximation = NSDecimalNumber(decimal: number).doubleValue
        } else {
            approximation = nil
        }
    }
}

/// Splits at commas outside string literals (entries such as `"a,b", "c"`); the parts are joined
/// again where a part alone is not a valid test (a comma inside a range or a function call).
enum CommaSplit {
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
            } else if character == "," {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }
}
