/// Why a DMN document was refused at import: malformed XML, an element we do not support, unparsable FEEL, an
/// unknown hit policy, entries that do not fit the table, a missing or cyclic requirement. `elementID` is the `id`
/// of the DMN element at fault (or of the nearest enclosing element that has one) and `line` the 1-based line of its
/// start tag; for FEEL errors `rule` is the 1-based rule number (nil outside rules) and `column` the 1-based
/// character position in the entry's text.
public struct DMNError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var elementID: String?
    public var line: Int?
    public var rule: Int?
    public var column: Int?

    public init(_ message: String, elementID: String? = nil, line: Int? = nil, rule: Int? = nil, column: Int? = nil) {
        self.message = message
        self.elementID = elementID
        self.line = line
        self.rule = rule
        self.column = column
    }

    public var description: String {
        var place: [String] = []
        if let line { place.append("line \(line)") }
        if let elementID { place.append("element '\(elementID)'") }
        return place.isEmpty ? message : "\(message) (\(place.joined(separator: ", ")))"
    }
}

/// Why an evaluation failed. Import has already checked everything static, so these are the run-time failures:
/// an unknown decision id, a violated hit policy (more than one rule matched a UNIQUE table, or an ANY table's
/// matched rules disagree; `rules` names them), or an expression that ran out of its step budget or exceeded a
/// safety limit. `decisionID` is the decision that failed, which may be a required decision of the one asked for.
public struct DecisionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case unknownDecision
        case uniqueViolation
        case anyConflict
        case expressionFailed
    }

    public var kind: Kind
    public var decisionID: String
    public var message: String
    /// The rules involved (UNIQUE and ANY violations; the rule whose entry failed for `expressionFailed`).
    public var rules: [RuleReference]

    public init(_ kind: Kind, decisionID: String, message: String, rules: [RuleReference] = []) {
        self.kind = kind
        self.decisionID = decisionID
        self.message = message
        self.rules = rules
    }

    public var description: String { "decision '\(decisionID)': \(message)" }
}

/// A rule of a decision table: its 0-based `index`, its 1-based `number` as shown in the table, and its `id`.
public struct RuleReference: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let id: String?
    public var number: Int { index + 1 }

    public init(index: Int, id: String?) {
        self.index = index
        self.id = id
    }

    public var description: String { id.map { "rule \(number) ('\($0)')" } ?? "rule \(number)" }
}
