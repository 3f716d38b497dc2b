import Foundation

/// FEEL operator semantics on values: type mismatches, nulls, division by zero and overflow all
/// give null rather than an error.
extension Value {
    /// FEEL `=`: null equals only null; values of different types are incomparable (nil).
    static func equals(_ lhs: Value, _ rhs: Value) -> Bool? {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.bool(let x), .bool(let y)): return x == y
        case (.list(let x), .list(let y)):
            return x.count == y.count ? allEqual(zip(x, y)) : false
        case (.context(let x), .context(let y)):
            guard x.count == y.count, x.keys.allSatisfy({ y[$0] != nil }) else { return false }
            return allEqual(x.lazy.map { ($0.value, y[$0.key] ?? .null) })
        default:
            return ordering(lhs, rhs).map { $0 == 0 }
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

    /// -1, 0 or 1 for two numbers, strings, dates or durations of the same kind; nil otherwise.
    static func ordering(_ lhs: Value, _ rhs: Value) -> Int? {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (lhs, rhs) {
        case (.number(let x), .number(let y)): return order(x, y)
        case (.string(let x), .string(let y)): return order(x, y)
        case (.date(let x), .date(let y)): return order(x, y)
        case (.duration(.yearsMonths(let x)), .duration(.yearsMonths(let y))): return order(x, y)
        case (.duration(.daysTime(let x)), .duration(.daysTime(let y))): return order(x, y)
        default: return nil
        }
    }

    static func compare(_ comparison: ComparisonOperator, _ lhs: Value, _ rhs: Value) -> Value {
        switch comparison {
        case .equal: return equals(lhs, rhs).map(Value.bool) ?? .null
        case .notEqual: return equals(lhs, rhs).map { .bool(!$0) } ?? .null
        default:
            guard let order = ordering(lhs, rhs) else { return .null }
            switch comparison {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        }
    }

    /// Three-valued `and` of two values: false wins, then null.
    static func and(_ lhs: Value, _ rhs: Value) -> Value {
        if lhs == .bool(false) || rhs == .bool(false) { return .bool(false) }
        return lhs == .bool(true) && rhs == .bool(true) ? .bool(true) : .null
    }

    static func negated(_ value: Value) -> Value {
        switch value {
        case .number(let number): return .number(-number)
        case .duration(let duration): return duration.negated.map(Value.duration) ?? .null
        default: return .null
        }
    }

    static func arithmetic(_ operation: ArithmeticOperator, _ lhs: Value, _ rhs: Value) -> Value {
        switch (operation, lhs, rhs) {
        case (_, .number(let x), .number(let y)):
            return numeric(operation, x, y)
        case (.add, .string(let x), .string(let y)):
            return .string(x + y)
        case (.add, .date(let date), .duration(let duration)), (.add, .duration(let duration), .date(let date)):
            return shifted(date, by: duration)
        case (.subtract, .date(let date), .duration(let duration)):
            return duration.negated.map { shifted(date, by: $0) } ?? .null
        case (.subtract, .date(let x), .date(let y)):
            return .duration(.daysTime(seconds: (x.dayNumber - y.dayNumber) * 86_400))
        case (.add, .duration(let x), .duration(let y)):
            return x.adding(y).map(Value.duration) ?? .null
        case (.subtract, .duration(let x), .duration(let y)):
            return y.negated.flatMap(x.adding).map(Value.duration) ?? .null
        default:
            return .null
        }
    }

    /// Exponents of `**` must be whole numbers up to this magnitude.
    static let maxExponent = 1_000

    private static func numeric(_ operation: ArithmeticOperator, _ x: Decimal, _ y: Decimal) -> Value {
        let result: Decimal
        switch operation {
        case .add: result = x + y
        case .subtract: result = x - y
        case .multiply: result = x * y
        case .divide:
            guard !y.isZero else { return .null }
            result = x / y
        case .power:
            guard let exponent = integer(y), abs(exponent) <= maxExponent else { return .null }
            if exponent >= 0 {
                result = pow(x, exponent)
            } else {
                guard !x.isZero else { return .null }
                result = 1 / pow(x, -exponent)
            }
        }
        return result.isNaN ? .null : .number(result)
    }

    /// `date + duration`: months clamp to the month's end; days-time durations move by whole days
    /// (rounding towards the past, as a date at midnight would).
    private static func shifted(_ date: LocalDate, by duration: FEELDuration) -> Value {
        let result: LocalDate?
        switch duration {
        case .yearsMonths(let months):
            result = date.adding(months: months)
        case .daysTime(let seconds):
            let (days, rest) = seconds.quotientAndRemainder(dividingBy: 86_400)
            result = date.adding(days: rest < 0 ? days - 1 : days)
        }
        return result.map(Value.date) ?? .null
    }

    /// A whole number up to 10^15 in magnitude as an `Int`; nil otherwise.
    static func integer(_ number: Decimal) -> Int? {
        guard number.magnitude <= 1_000_000_000_000_000, rounded(number, scale: 0, .plain) == number else {
            return nil
        }
        return NSDecimalNumber(decimal: number).intValue
    }

    var integer: Int? {
        guard case .number(let number) = self else { return nil }
        return Value.integer(number)
    }

    static func rounded(_ number: Decimal, scale: Int, _ mode: NSDecimalNumber.RoundingMode) -> Decimal {
        var input = number
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, mode)
        return result
    }
}

extension FEELDuration {
    /// The sum of two durations of the same kind; nil for mixed kinds or overflow.
    func adding(_ other: FEELDuration) -> FEELDuration? {
        switch (self, other) {
        case (.yearsMonths(let x), .yearsMonths(let y)):
            let (sum, overflow) = x.addingReportingOverflow(y)
            return overflow ? nil : .yearsMonths(months: sum)
        case (.daysTime(let x), .daysTime(let y)):
            let (sum, overflow) = x.addingReportingOverflow(y)
            return overflow ? nil : .daysTime(seconds: sum)
        default:
            return nil
        }
    }

    var negated: FEELDuration? {
        switch self {
        case .yearsMonths(let months): months == .min ? nil : .yearsMonths(months: -months)
        case .daysTime(let seconds): seconds == .min ? nil : .daysTime(seconds: -seconds)
        }
    }
}

extension LocalDate {
    /// Whole months from `start` to `end`, counted like `java.time.Period.between` (FEEL's reference).
    static func months(from start: LocalDate, to end: LocalDate) -> Int {
        var months = (end.year * 12 + end.month) - (start.year * 12 + start.month)
        let days = end.day - start.day
        if months > 0 && days < 0 {
            months -= 1
        } else if months < 0 && days > 0 {
            months += 1
        }
        return months
    }
}
