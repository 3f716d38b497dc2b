import Foundation

/// What is wrong with a value.
public enum IssueCode: String, Sendable, Hashable, Codable, CaseIterable {
    case required, unknownField, wrongType, tooShort, tooLong, belowMinimum, aboveMaximum, patternMismatch
    case notInCodeList, tooFewItems, tooManyItems, invalidDate, invalidTime, invalidDateTime, notInteger
    case tooManyDecimals, invalidCharacters, notApplicable, rule
}

/// One problem with submitted data, ready for an error summary.
public struct ValidationIssue: Sendable, Hashable, Codable {
    /// RFC 6901 JSON pointer to the value (or to where it is missing), e.g. "/G05000499/F05001050" or
    /// "/G1/0/F2"; "" is the whole submission.
    public var pointer: String
    /// The FIM id of the element (for unknown fields: the unknown key).
    public var elementID: String
    public var code: IssueCode
    public var messageDE: String
    public var messageEN: String
    /// The element's label (bezeichnungEingabe), for error summaries.
    public var label: String

    public init(
        pointer: String, elementID: String, code: IssueCode, messageDE: String, messageEN: String, label: String
    ) {
        self.pointer = pointer
        self.elementID = elementID
        self.code = code
        self.messageDE = messageDE
        self.messageEN = messageEN
        self.label = label
    }

    /// The message in `language` ("en…" → English, anything else → German).
    public func message(language: String) -> String {
        language.lowercased().hasPrefix("en") ? messageEN : messageDE
    }
}

/// A plausibility rule that failed, found by executable rules evaluated outside this module.
public struct PlausibilityFailure: Sendable, Hashable, Codable {
    public var elementID: String
    /// Where to show the message; when nil, the element's first place in the schema (index 0 inside
    /// repeatable groups), or "" when the id is the schema's or unknown.
    public var pointer: String?
    public var messageDE: String
    public var messageEN: String

    public init(elementID: String, pointer: String? = nil, messageDE: String, messageEN: String) {
        self.elementID = elementID
        self.pointer = pointer
        self.messageDE = messageDE
        self.messageEN = messageEN
    }
}

/// Outcome of executable rules (evaluated elsewhere) that changes validation for one submission.
public struct DynamicRules: Sendable, Hashable {
    /// Element ids that do not apply: they must be absent (present → `.notApplicable`); never required.
    public var hidden: Set<String>
    /// Element ids that must be given (minimum occurrence treated as at least 1). An absent optional group
    /// that contains such an element is itself reported as required.
    public var required: Set<String>
    /// Failed plausibility checks, reported as issues with code `.rule`.
    public var checks: [PlausibilityFailure]

    public init(hidden: Set<String> = [], required: Set<String> = [], checks: [PlausibilityFailure] = []) {
        self.hidden = hidden
        self.required = required
        self.checks = checks
    }

    public static let none = DynamicRules()
}

/// A defect in the schema found while preparing the validator (the validator works around it).
public struct SchemaProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public var elementID: String
    public var message: String

    public init(elementID: String, message: String) {
        self.elementID = elementID
        self.message = message
    }

    public var description: String { "\(elementID): \(message)" }
}
