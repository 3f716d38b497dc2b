import Foundation

/// Where a form value comes from.
public enum Provenance: Sendable, Hashable, Codable {
    /// Retrieved from a register: verified.
    case register(RegisterID, issuedAt: Date)
    /// Entered or changed by the applicant: not verified.
    case selfDeclared
}

/// A form field's value with its provenance.
public struct PrefillValue: Sendable, Hashable, Codable {
    public var value: String
    public var source: Provenance

    public init(value: String, source: Provenance) {
        self.value = value
        self.source = source
    }

    /// From a register.
    public var isVerified: Bool {
        if case .register = source { return true }
        return false
    }
}

/// Declares which evidence key fills which form field. Field paths name groups and fields by their
/// FIM ids, dot-separated; a repeated group carries its index: `G99100003[0].F99100007`.
///
/// A rule may be a pattern: `*` as one segment of the evidence key (`household.*.vorname`) with
/// `[*]` once in the field path (`G99100003[*].F99100006`). Each evidence entry gets the next free
/// index of the target group, in rule order: two sources mapped to one group (wages and pensions to
/// the income lines) are numbered one after the other, without gaps.
public struct PrefillMapping: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral {
    /// How a value is written into the field.
    public enum Conversion: Sendable, Hashable, Codable {
        /// As is.
        case none
        /// Euro cents ("185000") to euro with two decimals ("1850.00").
        case centsToEuro
        /// Through a code list; a value not listed leaves the field empty for the applicant.
        case code([String: String])
        /// This value whenever the evidence key is present (e.g. the kind of an income line).
        case constant(String)

        func apply(_ value: String) -> String? {
            switch self {
            case .none: return value
            case .constant(let c): return c
            case .code(let table): return table[value]
            case .centsToEuro:
                guard let cents = Int(value) else { return nil }
                let sign = cents < 0 ? "-" : ""
                let m = cents.magnitude
                let rest = m % 100
                return "\(sign)\(m / 100).\(rest < 10 ? "0" : "")\(rest)"
            }
        }
    }

    /// One line of the table.
    public struct Rule: Sendable, Hashable, Codable {
        public var evidenceKey: String
        public var fieldPath: String
        public var conversion: Conversion

        public init(_ evidenceKey: String, _ fieldPath: String, _ conversion: Conversion = .none) {
            self.evidenceKey = evidenceKey
            self.fieldPath = fieldPath
            self.conversion = conversion
        }
    }

    /// The rules, applied in order.
    public var rules: [Rule]

    /// A mapping of `rules`.
    public init(rules: [Rule]) { self.rules = rules }

    /// `[evidenceKey: fieldPath]`, values as is, in the literal's order.
    public init(dictionaryLiteral elements: (String, String)...) {
        rules = elements.map { Rule($0.0, $0.1) }
    }

    /// The Wohngeld application (form S99100001): applicant, address, household members, and the
    /// applicant's wages and pensions as income lines of person 1.
    public static let wohngeld: PrefillMapping = {
        let applicant = "G99100001"
        let income = "G99100004[0]"
        let line = "\(income).G99100005[*]"
        let relation: [String: String] = [
            "ehegatte": "01", "lebenspartner": "02", "partner": "03", "kind": "04", "elternteil": "07",
            "geschwister": "10",
        ]
        return PrefillMapping(rules: [
            Rule(EvidenceKey.familienname, "\(applicant).F05000059"),
            Rule(EvidenceKey.vorname, "\(applicant).F05000060"),
            Rule(EvidenceKey.geburtsdatum, "\(applicant).F05000351"),
            Rule(EvidenceKey.strasse, "\(applicant).G05000428.F00000053"),
            Rule(EvidenceKey.hausnummer, "\(applicant).G05000428.F00000016"),
            Rule(EvidenceKey.hausnummerzusatz, "\(applicant).G05000428.F00000084"),
            Rule(EvidenceKey.plz, "\(applicant).G00000113.F00000054"),
            Rule(EvidenceKey.ort, "\(applicant).G00000113.F00000035"),
            Rule("household.*.familienname", "G99100003[*].F99100005"),
            Rule("household.*.vorname", "G99100003[*].F99100006"),
            Rule("household.*.geburtsdatum", "G99100003[*].F99100007"),
            Rule("household.*.beziehung", "G99100003[*].F99100008", .code(relation)),
            Rule("income.wage.*.monthlyGrossCents", "\(income).F99100010", .constant("1")),
            Rule("income.wage.*.monthlyGrossCents", "\(line).F99100014", .constant("01")),
            Rule("income.wage.*.monthlyGrossCents", "\(line).F99100016", .centsToEuro),
            Rule("income.pension.*.monthlyGrossCents", "\(income).F99100010", .constant("1")),
            Rule("income.pension.*.monthlyGrossCents", "\(line).F99100014", .constant("02")),
            Rule("income.pension.*.monthlyGrossCents", "\(line).F99100016", .centsToEuro),
        ])
    }()
}

/// Form values prefilled from evidence, each with its provenance. The applicant may correct any
/// value: a different value becomes self-declared; the register's own value keeps (or regains) the
/// register provenance. Values compare exactly, after trimming surrounding white space.
public struct Prefill: Sendable, Hashable, Codable {
    /// Field path → value with provenance.
    public private(set) var fields: [String: PrefillValue] = [:]
    /// The values as the registers delivered them, to recognise a correction back to them.
    private var delivered: [String: PrefillValue] = [:]

    /// An empty prefill.
    public init() {}

    /// Prefills from `evidence` through `mapping`.
    public init(evidence: [Evidence], mapping: PrefillMapping) {
        apply(evidence, mapping: mapping)
    }

    /// Fills fields from `evidence` (in order) through `mapping` (in rule order). A field already
    /// filled keeps its value; indices of `[*]` groups continue after those already present.
    public mutating func apply(_ evidence: [Evidence], mapping: PrefillMapping) {
        var next: [String: Int] = [:]
        var assigned: [String: Int] = [:]
        for rule in mapping.rules {
            for (n, e) in evidence.enumerated() {
                for (key, index) in Self.matches(rule.evidenceKey, in: e.data) {
                    guard let raw = e.data[key], let value = rule.conversion.apply(raw) else { continue }
                    var path = rule.fieldPath
                    if let star = path.range(of: "[*]") {
                        let group = String(path[..<star.lowerBound])
                        let sourceList = "\(n)|\(rule.evidenceKey.split(separator: "*").first ?? "")|\(index)"
                        let slot: Int
                        if let s = assigned["\(group)|\(sourceList)"] {
                            slot = s
                        } else {
                            slot = next[group] ?? firstFreeIndex(group)
                            next[group] = slot + 1
                            assigned["\(group)|\(sourceList)"] = slot
                        }
                        path.replaceSubrange(star, with: "[\(slot)]")
                    }
                    if fields[path] != nil { continue }
                    let v = PrefillValue(value: value, source: .register(e.register, issuedAt: e.issuedAt))
                    fields[path] = v
                    delivered[path] = v
                }
            }
        }
    }

    /// The applicant sets `field` to `newValue`: self-declared when it differs from the register's
    /// value, register provenance when equal to it. Returns the field's value afterwards.
    @discardableResult
    public mutating func applyCorrection(field: String, newValue: String) -> PrefillValue {
        let value = newValue.trimmingWhitespace
        if let current = fields[field], current.value == value { return current }
        if let original = delivered[field], original.value == value {
            fields[field] = original
            return original
        }
        let v = PrefillValue(value: value, source: .selfDeclared)
        fields[field] = v
        return v
    }

    /// The field holds a value from a register.
    public func isVerified(_ field: String) -> Bool { fields[field]?.isVerified ?? false }

    /// Field path → value, for the form.
    public var values: [String: String] { fields.mapValues(\.value) }

    /// Which fields are verified and which self-declared, for the automated-decision policy.
    public var summary: VerificationSummary {
        VerificationSummary(
            verified: fields.filter { $0.value.isVerified }.keys.sorted(),
            selfDeclared: fields.filter { !$0.value.isVerified }.keys.sorted())
    }

    private func firstFreeIndex(_ group: String) -> Int {
        var n = 0
        while fields.keys.contains(where: { $0.hasPrefix("\(group)[\(n)]") }) { n += 1 }
        return n
    }

    /// The keys of `data` matching `pattern`, with the index `*` stood for (0 without `*`), by index.
    static func matches(_ pattern: String, in data: [String: String]) -> [(String, Int)] {
        guard pattern.contains("*") else { return data[pattern] == nil ? [] : [(pattern, 0)] }
        let parts = pattern.split(separator: ".", omittingEmptySubsequences: false)
        var out: [(String, Int)] = []
        for key in data.keys {
            let segments = key.split(separator: ".", omittingEmptySubsequences: false)
            guard segments.count == parts.count else { continue }
            var index: Int?
            var ok = true
            for (p, s) in zip(parts, segments) {
                if p == "*" {
                    guard let i = Int(s), i >= 0, s.allSatisfy(\.isNumber) else {
                        ok = false
                        break
                    }
                    index = i
                } else if p != s {
                    ok = false
                    break
                }
            }
            if ok, let index { out.append((key, index)) }
        }
        return out.sorted { $0.1 < $1.1 }
    }
}

/// Verified and self-declared fields of a prefill: evidence from registers counts as verified for
/// the automated-decision policy, self-declared values do not.
public struct VerificationSummary: Sendable, Hashable, Codable {
    public var verified: [String]
    public var selfDeclared: [String]

    public init(verified: [String], selfDeclared: [String]) {
        self.verified = verified
        self.selfDeclared = selfDeclared
    }

    /// No field is self-declared.
    public var isFullyVerified: Bool { selfDeclared.isEmpty }

    /// Every field of `required` is present and verified (a missing field is not verified): the
    /// `verified` input of the automated decision.
    public func allVerified(_ required: some Sequence<String>) -> Bool {
        let ok = Set(verified)
        return required.allSatisfy { ok.contains($0) }
    }
}
