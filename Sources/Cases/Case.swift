import Foundation

/// Where a case stands, as the inbox filters it and the applicant reads it.
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    /// Received; nobody has looked at it yet.
    case received
    /// A clerk checks or decides it.
    case inReview = "in_review"
    /// Documents were requested; the process waits for the applicant.
    case awaitingApplicant = "awaiting_applicant"
    /// Decided; the notice is on its way or delivered.
    case decided
    /// Closed: nothing more happens; the retention period runs.
    case closed

    public var isOpen: Bool { self != .closed }
}

/// How the application reached the authority. Every channel ends in the same case.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case online
    case api
    /// Entered by a clerk from a paper application.
    case paper
    /// Entered by a clerk during a phone call.
    case phone
    /// Entered by a clerk at the counter.
    case counter

    /// Entered by staff on the applicant's behalf (recorded as such).
    public var enteredByStaff: Bool { self == .paper || self == .phone || self == .counter }
}

/// The operative outcome of a decision.
public enum DecisionOutcome: String, Sendable, Codable, CaseIterable {
    case approved
    case rejected
    case partlyApproved = "partly_approved"
}

public struct Decision: Sendable, Codable, Equatable {
    public var outcome: DecisionOutcome
    public var reasons: String
    public var decidedBy: String
    public var decidedAt: String
    /// Decided without a person (automated decision, § 35a VwVfG).
    public var automated: Bool

    public init(
        outcome: DecisionOutcome, reasons: String, decidedBy: String, decidedAt: String, automated: Bool = false
    ) {
        self.outcome = outcome
        self.reasons = reasons
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.automated = automated
    }
}

/// Checks a clerk's input for an action before anything is written; each problem names its field.
public enum CaseInput {
    public struct Problem: Sendable, Equatable {
        public let field: String
        public let key: String
        public init(field: String, key: String) {
            self.field = field
            self.key = key
        }
    }

    public static let maxText = 10_000

    /// A decision needs reasons (§ 39 VwVfG) unless it grants in full what was applied for.
    public static func decision(outcome: String?, reasons: String) -> (DecisionOutcome?, [Problem]) {
        guard let outcome = outcome.flatMap(DecisionOutcome.init(rawValue:)) else {
            return (nil, [Problem(field: "outcome", key: "case_error_outcome")])
        }
        let trimmed = reasons.trimmingCharacters(in: .whitespacesAndNewlines)
        if outcome != .approved && trimmed.isEmpty {
            return (outcome, [Problem(field: "reasons", key: "case_error_reasons")])
        }
        if trimmed.count > maxText { return (outcome, [Problem(field: "reasons", key: "case_error_too_long")]) }
        return (outcome, [])
    }

    /// A document request names what is missing; the deadline is counted from today (§ 31 VwVfG).
    public static func documentRequest(text: String, days: String) -> (Int?, [Problem]) {
        var problems: [Problem] = []
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { problems.append(Problem(field: "request", key: "case_error_request")) }
        if trimmed.count > maxText { problems.append(Problem(field: "request", key: "case_error_too_long")) }
        let n = Int(days.trimmingCharacters(in: .whitespaces))
        guard let n, (7...90).contains(n) else {
            problems.append(Problem(field: "days", key: "case_error_days"))
            return (nil, problems)
        }
        return (n, problems)
    }
}
