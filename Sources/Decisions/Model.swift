import Expressions

/// An imported DMN model: its decisions (decision tables and literal expressions, parsed and checked once) and
/// input data. Immutable and `Sendable`: import once, evaluate from any task.
public struct DecisionModel: Sendable {
    /// `definitions/@id`, `@name` and `@namespace`.
    public let id: String?
    public let name: String?
    public let namespace: String?
    /// The DMN version the model namespace names: "1.1" … "1.5".
    public let dmnVersion: String
    /// In document order.
    public let decisions: [Decision]
    public let inputData: [InputData]
    let indexByID: [String: Int]
    /// For each decision: the indices of every decision it depends on, dependencies first, itself last.
    let plans: [[Int]]

    public func decision(id: String) -> Decision? { indexByID[id].map { decisions[$0] } }

    /// The first decision with this name (names are what FEEL and the TCK use; ids are what BPMN uses).
    public func decision(named name: String) -> Decision? { decisions.first { $0.name == name } }
}

/// A DMN `decision` with supported decision logic.
public struct Decision: Sendable {
    public let id: String
    /// The decision's name, which is also the variable its result is bound to in the decisions that require it.
    public let name: String
    public let logic: Logic
    /// Ids of the decisions this one requires (`informationRequirement/requiredDecision`), in document order.
    public let requiredDecisions: [String]
    /// Ids of the input data this one requires (`informationRequirement/requiredInput`).
    public let requiredInputs: [String]
    public let line: Int
    let requiredIndices: [Int]

    public enum Logic: Sendable {
        case decisionTable(DecisionTable)
        case literalExpression(LiteralExpression)
    }
}

/// A DMN `inputData`: a named input of the model.
public struct InputData: Sendable, Hashable {
    public let id: String
    public let name: String
    public let typeRef: String?

    public init(id: String, name: String, typeRef: String? = nil) {
        self.id = id
        self.name = name
        self.typeRef = typeRef
    }
}

/// A FEEL literal expression decision.
public struct LiteralExpression: Sendable {
    public let source: String
    let expression: Compiled
}

/// The hit policies of DMN 1.3 (8.2.11). Single hit: `unique`, `any`, `priority`, `first`; multiple hit:
/// `collect` (optionally aggregated), `ruleOrder`, `outputOrder`.
public enum HitPolicy: String, Sendable, Hashable, CaseIterable {
    case unique = "UNIQUE"
    case first = "FIRST"
    case priority = "PRIORITY"
    case any = "ANY"
    case collect = "COLLECT"
    case ruleOrder = "RULE ORDER"
    case outputOrder = "OUTPUT ORDER"

    /// The letter shown in a table's corner: U, F, P, A, C, R, O.
    public var letter: String {
        switch self {
        case .unique: "U"
        case .first: "F"
        case .priority: "P"
        case .any: "A"
        case .collect: "C"
        case .ruleOrder: "R"
        case .outputOrder: "O"
        }
    }
}

/// The aggregations of the COLLECT hit policy: C+, C<, C>, C#.
public enum Aggregation: String, Sendable, Hashable, CaseIterable {
    case sum = "SUM"
    case min = "MIN"
    case max = "MAX"
    case count = "COUNT"

    public var symbol: String {
        switch self {
        case .sum: "+"
        case .min: "<"
        case .max: ">"
        case .count: "#"
        }
    }
}

/// A decision table, as written (sources for display) and compiled (every expression and unary test parsed once).
public struct DecisionTable: Sendable {
    public let id: String?
    public let hitPolicy: HitPolicy
    public let aggregation: Aggregation?
    public let inputs: [Input]
    public let outputs: [Output]
    public let rules: [Rule]
    /// Whether any input has `inputValues` (then `-` matches only values among them, DMN 1.3 10.3.2.9.4).
    let checksInputValues: Bool
    /// For PRIORITY and OUTPUT ORDER: the outputs that have output values, in column order.
    let rankedOutputs: [Int]

    public struct Input: Sendable {
        public let id: String?
        public let label: String?
        /// The `inputExpression` text.
        public let expression: String
        public let typeRef: String?
        /// The `inputValues` text, if any.
        public let inputValues: String?
        let compiled: Compiled
        let allowed: UnaryTests?
    }

    public struct Output: Sendable {
        public let id: String?
        public let name: String?
        public let label: String?
        public let typeRef: String?
        /// The `outputValues` text, if any: the priority order for PRIORITY and OUTPUT ORDER.
        public let outputValues: String?
        /// The `defaultOutputEntry` text, if any: the value when no rule matches.
        public let defaultOutput: String?
        let ranking: [UnaryTests]
        let compiledDefault: Compiled?
    }

    public struct Rule: Sendable {
        public let id: String?
        /// The input entries (unary tests) and output entries (expressions) as written; an empty entry is `-`.
        public let inputEntries: [String]
        public let outputEntries: [String]
        let tests: [Test]
        let results: [Compiled]
    }

    /// An input entry: `-` (matches anything, or any allowed value when the input has input values), constant
    /// tests (matched directly), or other tests (matched by `UnaryTests`).
    enum Test: Sendable {
        case any
        case constant(ConstantTests)
        case tests(UnaryTests)
    }
}

/// A parsed FEEL expression with the cheap cases taken apart: a constant (no names: evaluated at import) and a
/// single variable (read directly).
enum Compiled: Sendable {
    case constant(Value)
    case variable(String)
    case expression(Expressions.Expression)

    var names: Set<String> {
        switch self {
        case .constant: []
        case .variable(let name): [name]
        case .expression(let expression): expression.names
        }
    }
}
