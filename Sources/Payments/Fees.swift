import Foundation

/// Computes a fee from a decision table (DMN). Implemented outside this module; the server wires its decision
/// engine in.
public protocol FeeDecisionEvaluating: Sendable {
    /// The fee in cents that decision `decision` yields for the form inputs (field path → value).
    /// Throw `FeeError.missingInput` for an absent input so the applicant learns which one.
    func fee(decision: String, inputs: [String: String]) throws -> Int
}

/// How a service's fee is found. Codes as JSON with a `kind`:
/// `{"kind":"fixed","cents":2500}`,
/// `{"kind":"table","key":"antrag.art","entries":{"neu":3000,"verlaengerung":1500},"default":3000}`,
/// `{"kind":"decision","id":"gebuehr-anwohnerparken"}`.
public enum FeeSchedule: Sendable, Hashable, Codable {
    /// The same fee for everyone.
    case fixed(cents: Int)
    /// The fee depends on one form field (`key`, a field path): its value is looked up in `entries`. `default`
    /// applies to values the table does not list; an absent or empty input is always an error, even with a
    /// default, so that a misspelt field path cannot go unnoticed.
    case table(key: String, entries: [String: Int], default: Int?)
    /// The fee comes from the decision table `id`, evaluated by a `FeeDecisionEvaluating`.
    case decision(id: String)

    /// The fee before any discount.
    public func baseFee(inputs: [String: String], evaluator: (any FeeDecisionEvaluating)? = nil) throws(FeeError)
        -> Int
    {
        let cents: Int
        switch self {
        case .fixed(let c):
            cents = c
        case .table(let key, let entries, let fallback):
            guard let value = inputs[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw .missingInput(field: key)
            }
            guard let c = entries[value] ?? fallback else { throw .noTableEntry(field: key, value: value) }
            cents = c
        case .decision(let id):
            guard let evaluator else { throw .noEvaluator(decision: id) }
            do {
                cents = try evaluator.fee(decision: id, inputs: inputs)
            } catch let error as FeeError {
                throw error
            } catch {
                throw .decisionFailed(decision: id, message: String(describing: error))
            }
        }
        guard cents >= 0, cents <= Money.maximumCents else { throw .invalidAmount(cents) }
        return cents
    }

    /// Quotes the fee for `channel`: the base fee and, for `.digital` only, the `discount`.
    /// - Parameters:
    ///   - label: the fee line's text, e.g. "Gebühr Anwohnerparkausweis".
    ///   - legalBasis: the fee's legal basis, shown with the quote.
    public func quote(
        inputs: [String: String], channel: FeeChannel, evaluator: (any FeeDecisionEvaluating)? = nil,
        discount: DigitalDiscount? = nil, label: String = "Gebühr", legalBasis: String? = nil
    ) throws(FeeError) -> FeeQuote {
        let base = try baseFee(inputs: inputs, evaluator: evaluator)
        var lines = [FeeQuote.Line(label: label, cents: base, kind: .fee)]
        var discountCents = 0
        var discountBasis: String?
        if channel == .digital, let discount {
            discountCents = try discount.amount(of: base)
            if discountCents > 0 {
                discountBasis = discount.legalBasis
                lines.append(FeeQuote.Line(label: discount.displayLabel, cents: -discountCents, kind: .discount))
            }
        }
        let total = base - discountCents
        lines.append(FeeQuote.Line(label: "Zu zahlen", cents: total, kind: .total))
        return FeeQuote(
            baseCents: base, discountCents: discountCents, totalCents: total, channel: channel, lines: lines,
            legalBasis: legalBasis, discountLegalBasis: discountBasis)
    }

    private enum CodingKeys: String, CodingKey {
        case kind, cents, key, entries, `default`, id
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "fixed": self = .fixed(cents: try c.decode(Int.self, forKey: .cents))
        case "table":
            self = .table(
                key: try c.decode(String.self, forKey: .key),
                entries: try c.decode([String: Int].self, forKey: .entries),
                default: try c.decodeIfPresent(Int.self, forKey: .default))
        case "decision": self = .decision(id: try c.decode(String.self, forKey: .id))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c, debugDescription: "unknown fee schedule kind \"\(other)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .fixed(let cents):
            try c.encode("fixed", forKey: .kind)
            try c.encode(cents, forKey: .cents)
        case .table(let key, let entries, let fallback):
            try c.encode("table", forKey: .kind)
            try c.encode(key, forKey: .key)
            try c.encode(entries, forKey: .entries)
            try c.encodeIfPresent(fallback, forKey: .default)
        case .decision(let id):
            try c.encode("decision", forKey: .kind)
            try c.encode(id, forKey: .id)
        }
    }
}

/// When the applicant pays.
public enum FeeTiming: String, Sendable, Hashable, Codable, CaseIterable {
    /// Before the application is submitted. Until paid it stays saved in the account, marked "awaiting payment".
    case beforeSubmission
    /// After the authority approves; the account shows the open fee.
    case onApproval
}

/// How the application reaches the authority. Only `.digital` earns the digital discount.
public enum FeeChannel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Online through Amtsweg.
    case digital
    /// A paper form by post.
    case paper
    /// In person at the authority.
    case counter
}

/// A reduction for applying online, as a share or a fixed amount, with its legal basis. JSON:
/// `{"reduction":{"basisPoints":1000},"label":"…","legalBasis":"§ 3 Abs. 2 ThürVwKostG (Musterwert)"}`.
/// The legal basis is configuration text; this module knows no norm of its own, and the example is a placeholder.
///
/// Rounding: a percentage is rounded half-up to the cent: 10 % of 12,45 € is 1,245 €, so 1,25 €.
/// A discount never exceeds the base fee, so the total is never negative.
public struct DigitalDiscount: Sendable, Hashable, Codable {
    /// The size of the discount.
    public enum Reduction: Sendable, Hashable, Codable {
        /// A share in basis points: 1000 = 10 %, 1 = 0,01 %. 0…10 000.
        case basisPoints(Int)
        /// A fixed amount in cents, at most the base fee.
        case cents(Int)

        private enum CodingKeys: String, CodingKey {
            case basisPoints, cents
        }

        /// Decodes `{"basisPoints":1000}` or `{"cents":500}`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let bp = try c.decodeIfPresent(Int.self, forKey: .basisPoints) {
                self = .basisPoints(bp)
            } else if let cents = try c.decodeIfPresent(Int.self, forKey: .cents) {
                self = .cents(cents)
            } else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: c.codingPath, debugDescription: "a reduction needs basisPoints or cents"))
            }
        }

        /// Encodes `{"basisPoints":1000}` or `{"cents":500}`.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .basisPoints(let bp): try c.encode(bp, forKey: .basisPoints)
            case .cents(let cents): try c.encode(cents, forKey: .cents)
            }
        }
    }

    /// A share or a fixed amount.
    public var reduction: Reduction
    /// The line's text, e.g. "Ermäßigung für digitale Antragstellung".
    public var label: String
    /// The legal basis shown with the discount.
    public var legalBasis: String

    /// A discount; `legalBasis` is shown with it.
    public init(
        _ reduction: Reduction, legalBasis: String, label: String = "Ermäßigung für digitale Antragstellung"
    ) {
        self.reduction = reduction
        self.label = label
        self.legalBasis = legalBasis
    }

    /// The discount in cents on `base` cents, rounded half-up to the cent and capped at `base`.
    public func amount(of base: Int) throws(FeeError) -> Int {
        switch reduction {
        case .basisPoints(let bp):
            guard (0...10_000).contains(bp) else { throw .invalidDiscount("\(bp) basis points is not 0…10000") }
            let (product, overflow) = base.multipliedReportingOverflow(by: bp)
            guard !overflow else { throw .invalidAmount(base) }
            return (product + 5_000) / 10_000
        case .cents(let c):
            guard c >= 0 else { throw .invalidDiscount("negative discount \(c) ct") }
            return min(c, base)
        }
    }

    /// `label` with the rate, e.g. "Ermäßigung für digitale Antragstellung (10 %)"; a fixed amount adds nothing.
    public var displayLabel: String {
        guard case .basisPoints(let bp) = reduction else { return label }
        var rate = String(bp / 100)
        let rest = bp % 100
        if rest != 0 { rate += "," + (rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0\(rest)" : "\(rest)")) }
        return "\(label) (\(rate) %)"
    }
}

/// A fee ready to show and charge. `lines` are the fee, the discount (negative) if any, and the total.
public struct FeeQuote: Sendable, Hashable, Codable {
    /// One display line.
    public struct Line: Sendable, Hashable, Codable {
        /// The line's role, for styling.
        public enum Kind: String, Sendable, Hashable, Codable {
            case fee, discount, total
        }
        public var label: String
        /// Negative for a discount.
        public var cents: Int
        public var kind: Kind
        /// The amount in German form, e.g. "-2,50 €".
        public var formatted: String { Money.german(cents) }

        public init(label: String, cents: Int, kind: Kind) {
            self.label = label
            self.cents = cents
            self.kind = kind
        }
    }

    /// The fee before the discount.
    public var baseCents: Int
    /// The discount granted (0 off the digital channel).
    public var discountCents: Int
    /// `baseCents - discountCents`; what the applicant pays.
    public var totalCents: Int
    public var channel: FeeChannel
    public var lines: [Line]
    /// The fee's legal basis, if configured.
    public var legalBasis: String?
    /// The discount's legal basis, present only when a discount was granted.
    public var discountLegalBasis: String?

    /// Nothing to pay: no payment is started.
    public var isFree: Bool { totalCents == 0 }
}

/// A service's fee configuration: schedule, timing, discount and texts. Codable for the service catalogue.
public struct ServiceFee: Sendable, Hashable, Codable {
    public var schedule: FeeSchedule
    public var timing: FeeTiming
    public var discount: DigitalDiscount?
    /// The fee line's text, e.g. "Gebühr Anwohnerparkausweis".
    public var label: String
    /// The fee's legal basis, e.g. a tariff number of the authority's fee schedule.
    public var legalBasis: String?

    /// A service's fee; `discount` applies only to the digital channel.
    public init(
        schedule: FeeSchedule, timing: FeeTiming, discount: DigitalDiscount? = nil, label: String = "Gebühr",
        legalBasis: String? = nil
    ) {
        self.schedule = schedule
        self.timing = timing
        self.discount = discount
        self.label = label
        self.legalBasis = legalBasis
    }

    /// Quotes the fee for these inputs and channel (see `FeeSchedule.quote`).
    public func quote(
        inputs: [String: String], channel: FeeChannel, evaluator: (any FeeDecisionEvaluating)? = nil
    ) throws(FeeError) -> FeeQuote {
        try schedule.quote(
            inputs: inputs, channel: channel, evaluator: evaluator, discount: discount, label: label,
            legalBasis: legalBasis)
    }
}

/// Why no fee could be quoted. `description` is an English sentence for logs and problem documents.
public enum FeeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The form input `field` (a field path) is absent or empty.
    case missingInput(field: String)
    /// The table has no entry for `value` and no default.
    case noTableEntry(field: String, value: String)
    /// A decision schedule was quoted without an evaluator.
    case noEvaluator(decision: String)
    /// The evaluator threw something other than a `FeeError`.
    case decisionFailed(decision: String, message: String)
    /// A configured or computed fee is negative or larger than `Money.maximumCents`.
    case invalidAmount(Int)
    /// The discount is misconfigured.
    case invalidDiscount(String)

    public var description: String {
        switch self {
        case .missingInput(let f): "The fee needs the input \"\(f)\", which is missing."
        case .noTableEntry(let f, let v): "The fee table for \"\(f)\" has no entry for \"\(v)\" and no default."
        case .noEvaluator(let d): "The fee comes from decision \"\(d)\", but no decision evaluator is configured."
        case .decisionFailed(let d, let m): "The fee decision \"\(d)\" failed: \(m)"
        case .invalidAmount(let c): "\(c) ct is not a valid fee."
        case .invalidDiscount(let m): "Invalid digital discount: \(m)."
        }
    }
}
