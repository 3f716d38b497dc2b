import Foundation

/// Walks a parsed tree. Every node evaluated and every list element visited by a filter, path or
/// list function costs one step; running out of steps throws instead of running on.
struct Evaluator {
    private let variables: [String: Value]
    private let input: Value
    private let budget: Int
    private var remaining: Int
    /// The elements of the filters being evaluated, innermost last.
    private var elements: [Value] = []

    init(variables: [String: Value], input: Value = .null, budget: Int) {
        self.variables = variables
        self.input = input
        self.budget = budget
        self.remaining = budget
    }

    mutating func charge(_ steps: Int = 1) throws {
        remaining -= steps
        if remaining < 0 { throw ExpressionError("evaluation exceeded its budget of \(budget) steps") }
    }

    mutating func evaluate(_ node: Node) throws -> Value {
        try charge()
        switch node {
        case .literal(let value):
            return value
        case .name(let name):
            return lookup(name)
        case .input:
            return input
        case .list(let nodes):
            return .list(try nodes.map { try evaluate($0) })
        case .context(let entries):
            return .context(try Dictionary(uniqueKeysWithValues: entries.map { ($0.key, try evaluate($0.value)) }))
        case .path(let base, let key):
            return try member(try evaluate(base), key)
        case .filter(let base, let predicate):
            return try filter(try evaluate(base), by: predicate)
        case .call(let function, let arguments):
            return try call(function, try arguments.map { try evaluate($0) })
        case .negate(let operand):
            return Value.negated(try evaluate(operand))
        case .arithmetic(let first, let rest):
            var result = try evaluate(first)
            for (operation, operand) in rest { result = Value.arithmetic(operation, result, try evaluate(operand)) }
            return result
        case .compare(let comparison, let lhs, let rhs):
            return Value.compare(comparison, try evaluate(lhs), try evaluate(rhs))
        case .between(let operand, let low, let high):
            let value = try evaluate(operand)
            let aboveLow = Value.compare(.greaterOrEqual, value, try evaluate(low))
            return Value.and(aboveLow, Value.compare(.lessOrEqual, value, try evaluate(high)))
        case .within(let operand, let tests):
            return try matchAny(tests, try evaluate(operand))
        case .and(let operands):
            return try junction(operands, deciding: false)
        case .or(let operands):
            return try junction(operands, deciding: true)
        case .conditional(let condition, let then, let otherwise):
            return try evaluate(try evaluate(condition) == .bool(true) ? then : otherwise)
        }
    }

    /// Inside filters, `item` is the element and a context element's keys are names; then variables.
    private func lookup(_ name: String) -> Value {
        for element in elements.reversed() {
            if name == "item" { return element }
            if case .context(let entries) = element, let value = entries[name] { return value }
        }
        return variables[name] ?? .null
    }

    /// FEEL `and` (`deciding` false) or `or` (`deciding` true): the deciding value wins, else any
    /// non-boolean operand makes the result null.
    private mutating func junction(_ operands: [Node], deciding: Bool) throws -> Value {
        var unknown = false
        for operand in operands {
            switch try evaluate(operand) {
            case .bool(deciding): return .bool(deciding)
            case .bool: continue
            default: unknown = true
            }
        }
        return unknown ? .null : .bool(!deciding)
    }

    /// `value.key`: a context entry, a date or duration component, or the key of every element of a list.
    private mutating func member(_ value: Value, _ key: String) throws -> Value {
        let component: Int?
        switch value {
        case .context(let entries):
            return entries[key] ?? .null
        case .list(let items):
            try charge(items.count)
            return .list(try items.map { try member($0, key) })
        case .date(let date):
            component =
                switch key {
                case "year": date.year
                case "month": date.month
                case "day": date.day
                case "weekday": date.weekday
                default: nil
                }
        case .duration(.yearsMonths(let months)):
            component =
                switch key {
                case "years": months / 12
                case "months": months % 12
                default: nil
                }
        case .duration(.daysTime(let seconds)):
            component =
                switch key {
                case "days": seconds / 86_400
                case "hours": seconds % 86_400 / 3_600
                case "minutes": seconds % 3_600 / 60
                case "seconds": seconds % 60
                default: nil
                }
        default:
            return .null
        }
        return component.map { .number(Decimal($0)) } ?? .null
    }

    /// `base[predicate]`: a 1-based index (negative from the end) when the predicate, evaluated in the
    /// enclosing scope, is a number; otherwise the elements for which it is true. A non-list base acts
    /// as a one-element list.
    private mutating func filter(_ base: Value, by predicate: Node) throws -> Value {
        let items: [Value]
        switch base {
        case .null: return .null
        case .list(let list): items = list
        default: items = [base]
        }
        if case .number(let number) = try evaluate(predicate) {
            guard let position = Value.integer(number), position != 0, position.magnitude <= items.count else {
                return .null
            }
            return items[position > 0 ? position - 1 : items.count + position]
        }
        var kept: [Value] = []
        for item in items {
            elements.append(item)
            defer { elements.removeLast() }
            if try evaluate(predicate) == .bool(true) { kept.append(item) }
        }
        return .list(kept)
    }

    /// Matches `value` against positive unary tests: true if any is true, else null if any is null.
    mutating func matchAny(_ tests: [Test], _ value: Value) throws -> Value {
        var unknown = false
        for test in tests {
            switch try match(test, value) {
            case .bool(true): return .bool(true)
            case .bool(false): continue
            default: unknown = true
            }
        }
        return unknown ? .null : .bool(false)
    }

    private mutating func match(_ test: Test, _ value: Value) throws -> Value {
        switch test {
        case .compare(let comparison, let endpoint):
            return Value.compare(comparison, value, try evaluate(endpoint))
        case .interval(let start, let startClosed, let end, let endClosed):
            let low = Value.compare(startClosed ? .greaterOrEqual : .greater, value, try evaluate(start))
            if low == .bool(false) { return low }
            return Value.and(low, Value.compare(endClosed ? .lessOrEqual : .less, value, try evaluate(end)))
        case .value(let node):
            let expected = try evaluate(node)
            switch (expected, value) {
            case (.list, .list):
                return Value.compare(.equal, value, expected)
            case (.list(let items), _):
                try charge(items.count)
                return .bool(items.contains { Value.equals(value, $0) == true })
            default:
                return Value.compare(.equal, value, expected)
            }
        case .condition(let node):
            let result = try evaluate(node)
            return result.isTruthy.map(Value.bool) ?? .null
        }
    }
}
