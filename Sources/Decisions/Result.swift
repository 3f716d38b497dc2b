import Expressions

/// The result of evaluating a decision: its value and the explanation shown to clerks.
public struct DecisionResult: Sendable, Hashable {
    public let decisionID: String
    /// The decision's name: the variable DMN binds the result to.
    public let name: String
    public let value: Value
    /// One entry per decision evaluated: the required decisions first (each once, in the order they ran), the
    /// decision asked for last.
    public let trace: [DecisionTrace]

    /// The result as variables, `[name: value]`, e.g. for a BPMN business-rule task's result variable.
    public var variables: [String: Value] { [name: value] }
}

/// How one decision reached its value.
public struct DecisionTrace: Sendable, Hashable {
    public let decisionID: String
    public let decisionName: String
    /// nil for a literal expression.
    public let hitPolicy: HitPolicy?
    public let aggregation: Aggregation?
    /// A decision table's inputs as evaluated, in column order; for a literal expression, the variables it read.
    public let inputs: [EvaluatedInput]
    /// The rules that matched, in rule order (FIRST stops at the first match). Empty for a literal expression.
    public let matchedRules: [MatchedRule]
    /// Whether no rule matched and the outputs' default entries gave the value.
    public let usedDefaultOutput: Bool
    /// Ids of the decisions whose results this decision read.
    public let requiredDecisions: [String]
    public let value: Value
}

/// One input column (or variable) and its value.
public struct EvaluatedInput: Sendable, Hashable {
    /// The input's label, or its expression when it has none.
    public let label: String
    public let expression: String
    public let value: Value
}

/// A rule whose input entries all matched.
public struct MatchedRule: Sendable, Hashable {
    public let rule: RuleReference
    /// The rule's output: the value of its single output entry, or a context of the named outputs.
    public let output: Value
    /// Whether the rule's output is part of the result: false for the rules PRIORITY passed over.
    public let hit: Bool
}
