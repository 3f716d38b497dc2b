/// A parsed FEEL expression, e.g. a FIM form rule or a BPMN gateway condition. Parse once, evaluate
/// often; values are immutable and safe to share across tasks.
///
/// ```swift
/// let rule = try Expression(#"F05001047 = "02" and G1.F2 > 3"#)
/// rule.names                                   // ["F05001047", "G1"]
/// try rule.evaluate(["F05001047": "02", "G1": ["F2": 4]]).isTruthy   // true
/// ```
public struct Expression: Sendable, Hashable {
    public let source: String
    /// Every variable the expression reads (the first segment of each path), so callers can check
    /// references when importing. Names used bare inside a filter (`list[key > 1]`) are included, as
    /// they may be variables; `item` inside a filter is not.
    public let names: Set<String>
    private let root: Node

    /// Parses `source`; throws an `ExpressionError` with the character offset of the problem.
    public init(_ source: String) throws {
        self.source = source
        root = try Parser.expression(source)
        var references = References()
        references.collect(root)
        names = references.names
    }

    /// Evaluates with the given variables (a missing variable is null; pass the current date as
    /// `today`). Throws only when the step budget runs out or an input exceeds a safety limit.
    public func evaluate(_ variables: [String: Value] = [:], budget: Int = 10_000) throws -> Value {
        var evaluator = Evaluator(variables: variables, budget: budget)
        return try evaluator.evaluate(root)
    }

    public static func == (lhs: Expression, rhs: Expression) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// DMN unary tests, the input entries of a decision table: `-`, `< 10`, `"a", "b"`, `[1..5]`,
/// `not("a", "b")`, `? > 3 and ? < 9`, …
public struct UnaryTests: Sendable, Hashable {
    public let source: String
    /// Every variable the tests read (`?`, the input, is not a variable).
    public let names: Set<String>
    /// nil for `-`.
    private let body: (tests: [Test], negated: Bool)?

    /// Parses `source`; throws an `ExpressionError` with the character offset of the problem.
    public init(_ source: String) throws {
        self.source = source
        body = try Parser.unaryTests(source)
        var references = References()
        for test in body?.tests ?? [] { references.collect(test) }
        names = references.names
    }

    /// Whether `input` passes: `-` always; a list of tests when any test is true; `not(…)` when the
    /// tests are false (a null result — e.g. comparing incompatible types — never matches).
    public func matches(_ input: Value, variables: [String: Value] = [:], budget: Int = 10_000) throws -> Bool {
        guard let body else { return true }
        var evaluator = Evaluator(variables: variables, input: input, budget: budget)
        return try evaluator.matchAny(body.tests, input) == .bool(!body.negated)
    }

    public static func == (lhs: UnaryTests, rhs: UnaryTests) -> Bool { lhs.source == rhs.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}
