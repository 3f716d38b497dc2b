import Foundation

/// Checks application data against a `FormSchema` (data shape: see VALIDATION.md).
///
/// Build one validator per schema and keep it: `init` compiles patterns and indexes elements, `validate`
/// only reads, so one validator can be shared across tasks.
public struct FormValidator: Sendable {
    public let schema: FormSchema
    /// Defects found in the schema (invalid patterns, unusable bounds, duplicate ids, empty code lists). The
    /// validator ignores the defective constraint; show these to the form's maintainers, not to applicants.
    public let schemaProblems: [SchemaProblem]
    /// Validation stops after this many issues (bounds the work on hostile input).
    public let maxIssues: Int

    private let root: [Node]
    private let rootIDs: Set<String>
    private let rootLabel: String
    private let pointers: [String: String]
    private let labels: [String: String]

    public init(schema: FormSchema, maxIssues: Int = 100) {
        self.schema = schema
        self.maxIssues = max(1, maxIssues)
        var compiler = Compiler()
        let (nodes, ids) = compiler.compileChildren(schema.children, parentID: schema.id, pointer: "")
        root = nodes
        rootIDs = ids
        rootLabel = displayLabel(schema.texts, id: schema.id)
        schemaProblems = compiler.problems
        pointers = compiler.pointers
        labels = compiler.labels
    }

    /// The JSON pointer of the element's first place in the schema (index 0 inside repeatable elements).
    public func pointer(for elementID: String) -> String? {
        elementID == schema.id ? "" : pointers[elementID]
    }

    /// Validates a whole submission: a JSON object keyed by the ids of the schema's top-level children.
    /// Issues come in schema order (unknown keys of an object after its known ones, sorted), then the
    /// `dynamic.checks`; at most `maxIssues`.
    public func validate(_ data: FormValue, dynamic: DynamicRules = .none) -> [ValidationIssue] {
        var run = Run(limit: maxIssues, dynamic: dynamic)
        if case .object(let members) = data {
            validateChildren(root, ids: rootIDs, members: members, base: "", &run)
        } else {
            let text = Messages.wrongType(rootLabel, .root)
            run.add(pointer: "", id: schema.id, .wrongType, text, label: rootLabel)
        }
        addChecks(dynamic.checks, within: nil, &run)
        return run.issues
    }

    /// Validates one step of a multi-step journey: the value of one top-level child of the schema.
    /// - Parameters:
    ///   - ref: a top-level child of the schema (another element is validated as given, uncompiled).
    ///   - value: its value in the data, nil when absent (`.null` is not a value and is reported).
    ///   - pointer: where it sits in the data, normally "/" + its id.
    /// Only the `dynamic.checks` for this element, its descendants or pointers below `pointer` are reported.
    public func validateGroup(
        _ ref: ElementRef, value: FormValue?, pointer: String, dynamic: DynamicRules = .none
    ) -> [ValidationIssue] {
        let node: Node
        if let compiled = root.first(where: { $0.id == ref.element.id }), compiled.min == ref.cardinality.min,
            compiled.max == ref.cardinality.max
        {
            node = compiled
        } else {
            var compiler = Compiler()
            node = compiler.compile(ref, pointer: pointer)
        }
        var run = Run(limit: maxIssues, dynamic: dynamic)
        validateRef(node, value, Location(base: pointer, token: nil), &run)
        addChecks(dynamic.checks, within: (node, pointer), &run)
        return run.issues
    }

    // MARK: - Traversal

    private func validateChildren(
        _ nodes: [Node], ids: Set<String>, members: [String: FormValue], base: String, _ run: inout Run
    ) {
        var known = 0
        for node in nodes {
            let value = members[node.id]
            if value != nil { known += 1 }
            validateRef(node, value, Location(base: base, token: node.token), &run)
            if run.isFull { return }
        }
        guard members.count > known else { return }
        var unknown: [String] = []
        for key in members.keys where !ids.contains(key) { unknown.append(key) }
        unknown.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for key in unknown {
            run.add(
                pointer: base + "/" + escapePointerToken(key), id: key, .unknownField, Messages.unknownField(key),
                label: key)
            if run.isFull { return }
        }
    }

    private func validateRef(_ node: Node, _ value: FormValue?, _ location: Location, _ run: inout Run) {
        let present = value != nil
        if run.hasHidden, run.dynamic.hidden.contains(node.id) {
            if present { run.add(location.pointer, node, .notApplicable, Messages.notApplicable(node.label)) }
            return
        }
        // null is not a value: what is not answered is left out (the published JSON Schema says the same).
        if case .null? = value {
            if effectiveMinimum(node, run) >= 1 {
                run.add(location.pointer, node, .required, Messages.required(node.label, node.subject))
            } else {
                run.add(location.pointer, node, .wrongType, Messages.nullValue(node.label))
            }
            return
        }
        guard present, let value else {
            if effectiveMinimum(node, run) >= 1 {
                run.add(location.pointer, node, .required, Messages.required(node.label, node.subject))
            }
            return
        }
        guard node.repeatable else {
            validateSingle(node, value, location, &run)
            return
        }
        guard case .array(let items) = value else {
            run.add(location.pointer, node, .wrongType, Messages.notAList(node.label))
            return
        }
        let minimum = effectiveMinimum(node, run)
        if items.count < minimum {
            run.add(location.pointer, node, .tooFewItems, Messages.tooFewItems(node.label, minimum))
        } else if let maximum = node.max, items.count > maximum {
            run.add(location.pointer, node, .tooManyItems, Messages.tooManyItems(node.label, maximum))
        }
        if run.isFull { return }
        let base = location.pointer
        for index in 0..<Swift.min(items.count, node.max ?? items.count) {
            validateSingle(node, items[index], Location(base: base, token: String(index)), &run)
            if run.isFull { return }
        }
    }

    private func effectiveMinimum(_ node: Node, _ run: Run) -> Int {
        guard node.min < 1, run.hasRequired else { return node.min }
        if run.required.contains(node.id) || !node.descendantIDs.isDisjoint(with: run.required) { return 1 }
        return node.min
    }

    private func validateSingle(_ node: Node, _ value: FormValue, _ location: Location, _ run: inout Run) {
        if case .null = value {  // an item of an array
            run.add(location.pointer, node, .required, Messages.required(node.label, node.subject))
            return
        }
        switch node.body {
        case .group(let children, let ids):
            guard case .object(let members) = value else {
                run.add(location.pointer, node, .wrongType, Messages.wrongType(node.label, .group))
                return
            }
            validateChildren(children, ids: ids, members: members, base: location.pointer, &run)
        case .field(let rule):
            if let (code, text) = rule.check(value, label: node.label) {
                run.add(location.pointer, node, code, text)
            }
        }
    }

    private func addChecks(_ checks: [PlausibilityFailure], within scope: (Node, String)?, _ run: inout Run) {
        for check in checks {
            if run.isFull { return }
            let pointer = check.pointer ?? self.pointer(for: check.elementID) ?? ""
            if let (node, base) = scope {
                let inside =
                    check.elementID == node.id || node.descendantIDs.contains(check.elementID)
                    || (check.pointer.map { $0 == base || $0.hasPrefix(base + "/") } ?? false)
                if !inside { continue }
            }
            let label = check.elementID == schema.id ? rootLabel : (labels[check.elementID] ?? check.elementID)
            run.add(
                pointer: pointer, id: check.elementID, .rule, Messages.Text(de: check.messageDE, en: check.messageEN),
                label: label)
        }
    }
}

// MARK: - Run state

private struct Location {
    var base: String
    var token: String?
    var pointer: String {
        guard let token else { return base }
        return base + "/" + token
    }
}

private struct Run {
    var issues: [ValidationIssue] = []
    let limit: Int
    let dynamic: DynamicRules
    let hasHidden: Bool
    let hasRequired: Bool
    /// `dynamic.required` without hidden ids.
    let required: Set<String>

    init(limit: Int, dynamic: DynamicRules) {
        self.limit = limit
        self.dynamic = dynamic
        hasHidden = !dynamic.hidden.isEmpty
        required = dynamic.hidden.isEmpty ? dynamic.required : dynamic.required.subtracting(dynamic.hidden)
        hasRequired = !required.isEmpty
    }

    var isFull: Bool { issues.count >= limit }

    mutating func add(_ pointer: String, _ node: Node, _ code: IssueCode, _ text: Messages.Text) {
        add(pointer: pointer, id: node.id, code, text, label: node.label)
    }

    mutating func add(pointer: String, id: String, _ code: IssueCode, _ text: Messages.Text, label: String) {
        guard issues.count < limit else { return }
        issues.append(
            ValidationIssue(
                pointer: pointer, elementID: id, code: code, messageDE: text.de, messageEN: text.en, label: label))
    }
}

// MARK: - Compiled schema

final class Node: Sendable {
    enum Body: Sendable {
        case group([Node], Set<String>)
        case field(FieldRule)
    }

    let id: String
    /// The id escaped as an RFC 6901 reference token.
    let token: String
    let label: String
    let min: Int
    let max: Int?
    let repeatable: Bool
    let body: Body
    /// Ids of every element below this one.
    let descendantIDs: Set<String>

    init(id: String, label: String, cardinality: Cardinality, body: Body, descendantIDs: Set<String>) {
        self.id = id
        self.token = escapePointerToken(id)
        self.label = label
        self.min = cardinality.min
        self.max = cardinality.max
        self.repeatable = cardinality.isRepeatable
        self.body = body
        self.descendantIDs = descendantIDs
    }

    var subject: Subject {
        switch body {
        case .group: .group
        case .field(let rule): .field(rule.kind)
        }
    }
}

/// The checks for one field's value (a class: shared, never copied on the hot path).
final class FieldRule: Sendable {
    let kind: ValueKind
    let codes: Set<String>
    let minLength: Int?
    let maxLength: Int?
    let minNumber: Decimal?
    let maxNumber: Decimal?
    let minDate: String?
    let maxDate: String?
    let minTime: Int?
    let maxTime: Int?
    /// Bounds as written in the schema, for messages.
    let minText: String?
    let maxText: String?
    let regex: NSRegularExpression?

    init(_ spec: FieldSpec) {
        kind = spec.kind
        codes = spec.codes
        minLength = spec.minLength
        maxLength = spec.maxLength
        minNumber = spec.minNumber
        maxNumber = spec.maxNumber
        minDate = spec.minDate
        maxDate = spec.maxDate
        minTime = spec.minTime
        maxTime = spec.maxTime
        minText = spec.minText
        maxText = spec.maxText
        regex = spec.regex
    }

    /// The first problem with `value` (non-null), or nil.
    func check(_ value: FormValue, label: String) -> (IssueCode, Messages.Text)? {
        switch kind {
        case .text, .textLatin:
            guard case .string(let s) = value else { return (.wrongType, Messages.wrongType(label, .field(kind))) }
            if minLength != nil || maxLength != nil {
                // Lengths count Unicode code points, as XML Schema and JSON Schema do (not grapheme
                // clusters: "é" written as e + combining accent is two).
                let bytes = s.utf8.count  // a code point has at least one UTF-8 byte: count only when needed
                if let maxLength, bytes > maxLength, s.unicodeScalars.count > maxLength {
                    return (.tooLong, Messages.tooLong(label, maxLength))
                }
                if let minLength, bytes < minLength || s.unicodeScalars.count < minLength {
                    return (.tooShort, Messages.tooShort(label, minLength))
                }
            }
            if kind == .textLatin, ValueFormats.firstNonLatin(s) != nil {
                return (.invalidCharacters, Messages.invalidCharacters(label))
            }
            return checkPattern(s, label)
        case .select:
            guard case .string(let s) = value else { return (.wrongType, Messages.wrongType(label, .field(kind))) }
            return codes.contains(s) ? nil : (.notInCodeList, Messages.notInCodeList(label))
        case .date:
            guard case .string(let s) = value else { return (.wrongType, Messages.wrongType(label, .field(kind))) }
            guard ValueFormats.date(s) != nil else { return (.invalidDate, Messages.invalidDate(label)) }
            if let minDate, s < minDate { return (.belowMinimum, Messages.belowMinimum(label, kind, bound: minDate)) }
            if let maxDate, s > maxDate { return (.aboveMaximum, Messages.aboveMaximum(label, kind, bound: maxDate)) }
            return checkPattern(s, label)
        case .time:
            guard case .string(let s) = value else { return (.wrongType, Messages.wrongType(label, .field(kind))) }
            guard let seconds = ValueFormats.time(s) else { return (.invalidTime, Messages.invalidTime(label)) }
            if let minTime, seconds < minTime {
                return (.belowMinimum, Messages.belowMinimum(label, kind, bound: minText ?? ""))
            }
            if let maxTime, seconds > maxTime {
                return (.aboveMaximum, Messages.aboveMaximum(label, kind, bound: maxText ?? ""))
            }
            return checkPattern(s, label)
        case .dateTime:
            guard case .string(let s) = value else { return (.wrongType, Messages.wrongType(label, .field(kind))) }
            guard ValueFormats.dateTime(s) else { return (.invalidDateTime, Messages.invalidDateTime(label)) }
            return checkPattern(s, label)
        case .bool:
            guard case .bool = value else { return (.wrongType, Messages.wrongType(label, .field(kind))) }
            return nil
        case .number, .integer, .currency:
            guard case .number(let d) = value, !d.isNaN else {
                return (.wrongType, Messages.wrongType(label, .field(kind)))
            }
            if kind == .integer, !ExactDecimal.hasAtMostDecimalPlaces(d, 0) {
                return (.notInteger, Messages.notInteger(label))
            }
            if kind == .currency, !ExactDecimal.hasAtMostDecimalPlaces(d, 2) {
                return (.tooManyDecimals, Messages.tooManyDecimals(label))
            }
            if let minNumber, d < minNumber {
                return (.belowMinimum, Messages.belowMinimum(label, kind, bound: minText ?? ""))
            }
            if let maxNumber, d > maxNumber {
                return (.aboveMaximum, Messages.aboveMaximum(label, kind, bound: maxText ?? ""))
            }
            return nil
        case .file:
            guard case .string(let s) = value, ValueFormats.uuid(s) else {
                return (.wrongType, Messages.wrongType(label, .field(kind)))
            }
            return nil
        case .object:
            guard case .object = value else { return (.wrongType, Messages.wrongType(label, .field(kind))) }
            return nil
        }
    }

    private func checkPattern(_ s: String, _ label: String) -> (IssueCode, Messages.Text)? {
        guard let regex else { return nil }
        let range = NSRange(location: 0, length: s.utf16.count)
        return regex.firstMatch(in: s, options: [], range: range) == nil
            ? (.patternMismatch, Messages.patternMismatch(label)) : nil
    }
}

/// The checks for one field while they are being compiled.
struct FieldSpec {
    var kind: ValueKind
    var codes: Set<String> = []
    var minLength: Int?
    var maxLength: Int?
    var minNumber: Decimal?
    var maxNumber: Decimal?
    var minDate: String?
    var maxDate: String?
    var minTime: Int?
    var maxTime: Int?
    var minText: String?
    var maxText: String?
    var regex: NSRegularExpression?
}

// MARK: - Compiler

/// Turns the schema into `Node`s once, collecting schema problems.
private struct Compiler {
    var problems: [SchemaProblem] = []
    var pointers: [String: String] = [:]
    var labels: [String: String] = [:]
    private var seen: [String: Element] = [:]

    mutating func compileChildren(_ refs: [ElementRef], parentID: String, pointer: String) -> ([Node], Set<String>) {
        var nodes: [Node] = []
        var ids: Set<String> = []
        for ref in refs {
            if case .field(let field) = ref.element, field.kind == .label { continue }
            let id = ref.element.id
            guard ids.insert(id).inserted else {
                problems.append(
                    SchemaProblem(elementID: parentID, message: "contains \(id) more than once; only the first is used")
                )
                continue
            }
            let childPointer = pointer + "/" + escapePointerToken(id)
            nodes.append(compile(ref, pointer: childPointer))
        }
        return (nodes, ids)
    }

    mutating func compile(_ ref: ElementRef, pointer: String) -> Node {
        let element = ref.element
        let cardinality = ref.cardinality
        if let earlier = seen[element.id] {
            if earlier != element {
                problems.append(SchemaProblem(elementID: element.id, message: "id used for different definitions"))
            }
        } else {
            seen[element.id] = element
            pointers[element.id] = cardinality.isRepeatable ? pointer + "/0" : pointer
            labels[element.id] = displayLabel(element.texts, id: element.id)
        }
        if cardinality.min < 0 || (cardinality.max.map { $0 < cardinality.min } ?? false) {
            problems.append(SchemaProblem(elementID: element.id, message: "invalid cardinality \(cardinality)"))
        }
        let label = displayLabel(element.texts, id: element.id)
        switch element {
        case .group(let group):
            let base = cardinality.isRepeatable ? pointer + "/0" : pointer
            let (children, ids) = compileChildren(group.children, parentID: group.id, pointer: base)
            var descendants = ids
            for child in children { descendants.formUnion(child.descendantIDs) }
            return Node(
                id: group.id, label: label, cardinality: cardinality, body: .group(children, ids),
                descendantIDs: descendants)
        case .field(let field):
            return Node(
                id: field.id, label: label, cardinality: cardinality, body: .field(fieldRule(field)), descendantIDs: [])
        }
    }

    private mutating func fieldRule(_ field: Field) -> FieldRule {
        let c = field.constraints
        var rule = FieldSpec(kind: valueKind(field))
        if field.kind == .select, field.codeList?.entries.isEmpty ?? true {
            problems.append(
                SchemaProblem(
                    elementID: field.id,
                    message: "select field without code list entries; checked as \(field.dataType.rawValue)"))
        }
        switch rule.kind {
        case .select:
            rule.codes = Set(field.codeList?.entries.map(\.code) ?? [])
        case .text, .textLatin:
            rule.minLength = c.minLength.flatMap { $0 > 0 ? $0 : nil }
            rule.maxLength = c.maxLength.flatMap { $0 >= 0 ? $0 : nil }
        case .number, .integer, .currency:
            rule.minNumber = bound(c.minValue, field, "minValue", ExactDecimal.parseLiteral)
            rule.maxNumber = bound(c.maxValue, field, "maxValue", ExactDecimal.parseLiteral)
        case .date:
            rule.minDate = bound(c.minValue, field, "minValue") { ValueFormats.date($0) != nil ? $0 : nil }
            rule.maxDate = bound(c.maxValue, field, "maxValue") { ValueFormats.date($0) != nil ? $0 : nil }
        case .time:
            rule.minTime = bound(c.minValue, field, "minValue", ValueFormats.time)
            rule.maxTime = bound(c.maxValue, field, "maxValue", ValueFormats.time)
        default:
            break
        }
        rule.minText = c.minValue?.trimmingCharacters(in: .whitespaces)
        rule.maxText = c.maxValue?.trimmingCharacters(in: .whitespaces)
        if let pattern = c.pattern, appliesPattern(rule.kind) {
            rule.regex = compilePattern(pattern, field: field)
        }
        return FieldRule(rule)
    }

    private mutating func bound<T>(
        _ text: String?, _ field: Field, _ name: String, _ parse: (String) -> T?
    ) -> T? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        guard let value = parse(trimmed) else {
            problems.append(
                SchemaProblem(
                    elementID: field.id,
                    message: "\(name) \"\(text)\" is not a valid \(field.dataType.rawValue) bound; ignored"))
            return nil
        }
        return value
    }

    private mutating func compilePattern(_ pattern: String, field: Field) -> NSRegularExpression? {
        guard (try? NSRegularExpression(pattern: pattern)) != nil,
            let regex = try? NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z")
        else {
            problems.append(SchemaProblem(elementID: field.id, message: "invalid pattern \"\(pattern)\"; ignored"))
            return nil
        }
        return regex
    }
}

/// Whether a field kind is checked (and described in JSON Schema) with its `pattern`.
func appliesPattern(_ kind: ValueKind) -> Bool {
    switch kind {
    case .text, .textLatin, .date, .time, .dateTime: true
    default: false
    }
}

/// How a field's value is checked: select fields with code list entries by code, others by data type.
func valueKind(_ field: Field) -> ValueKind {
    if field.kind == .select, let entries = field.codeList?.entries, !entries.isEmpty { return .select }
    switch field.dataType {
    case .text: return .text
    case .textLatin: return .textLatin
    case .date: return .date
    case .time: return .time
    case .datetime: return .dateTime
    case .bool: return .bool
    case .num: return .number
    case .numInt: return .integer
    case .numCurrency: return .currency
    case .file: return .file
    case .obj: return .object
    }
}

/// The label to show for an element: bezeichnungEingabe, else name, else id.
func displayLabel(_ texts: ElementTexts, id: String) -> String {
    for candidate in [texts.label, texts.name] {
        let trimmed = candidate.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { return trimmed }
    }
    return id
}

/// Escapes a key as an RFC 6901 reference token ("~" → "~0", "/" → "~1").
func escapePointerToken(_ key: String) -> String {
    guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
    return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}
