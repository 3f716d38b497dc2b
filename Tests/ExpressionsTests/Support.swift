import Expressions
import Foundation

/// Parses and evaluates `source`.
func evaluate(_ source: String, _ variables: [String: Value] = [:]) throws -> Value {
    try Expression(source).evaluate(variables)
}

/// A number value from its decimal text (never through `Double`).
func number(_ text: String) -> Value { .number(Decimal(string: text)!) }

func date(_ iso: String) -> Value { .date(LocalDate(iso: iso)!) }

func duration(_ iso: String) -> Value { .duration(FEELDuration(iso: iso)!) }

/// The error `Expression(source)` throws, or nil when it parses.
func parseError(_ source: String) -> ExpressionError? {
    do {
        _ = try Expression(source)
        return nil
    } catch {
        return error as? ExpressionError
    }
}
