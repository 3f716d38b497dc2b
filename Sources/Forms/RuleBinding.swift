import Expressions
import Foundation

/// Executable conditions attached to a FIM schema's rules — stored beside the schema
/// (`<schema>.rules.json`), never by editing the FIM file. Each binding names a FIM rule and says,
/// in the shared FEEL subset (module `Expressions`), when it applies and what it does: make
/// elements required, show elements only then, or check plausibility.
///
/// ```json
/// { "schema": "S05000058", "version": "1.0",
///   "rules": [ { "rule": "R05000281", "when": "G05000498.F05001047 = \"02\"", "require": ["G05000499"] } ] }
/// ```
public struct RuleBinding: Sendable {
    public struct Check: Sendable {
        public var field: String
        public var assertion: Expressions.Expression
        public var messageDE: String
        public var messageEN: String
    }

    public struct Entry: Sendable {
        public var rule: String
        public var when: Expressions.Expression?
        public var require: [String]
        public var show: [String]
        public var check: Check?
    }

    /// How each FIM rule of the schema fared at import.
    public struct Report: Sendable, Hashable {
        public enum Status: String, Sendable, Hashable {
            /// A binding makes it executable.
            case executable
            /// Free text only: a person must apply it (reported, never silently ignored).
            case notExecutable = "not-executable"
        }
        public var rule: String
        public var text: String
        public var status: Status
    }

    public let entries: [Entry]
    public let report: [Report]
    /// Element id → where it sits in the data, for checks on nested fields.
    let pointers: [String: String]

    public static let none = RuleBinding(entries: [], report: [], pointers: [:])

    init(entries: [Entry], report: [Report], pointers: [String: String]) {
        self.entries = entries
        self.report = report
        self.pointers = pointers
    }

    struct File: Decodable {
        struct CheckFile: Decodable {
            var field: String
            var assert: String
            var de: String
            var en: String
        }
        struct EntryFile: Decodable {
            var rule: String
            var when: String?
            var require: [String]?
            var show: [String]?
            var check: CheckFile?
        }
        var schema: String
        var version: String?
        var rules: [EntryFile]
    }

    public struct BindingError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Reads a binding file for `schema`. Fails — naming the rule — when an expression does not
    /// parse, names an element the schema lacks, or binds a rule the schema does not have.
    public static func load(_ data: Data?, for schema: FormSchema) throws -> RuleBinding {
        let index = ElementIndex(schema)
        var entries: [Entry] = []
        if let data {
            let file: File
            do { file = try JSONDecoder().decode(File.self, from: data) } catch {
                throw BindingError(message: "rules file is not valid: \(error)")
            }
            guard file.schema == schema.id else {
                throw BindingError(message: "rules file is for \(file.schema), not \(schema.id)")
            }
            let known = Set(schema.rules.map(\.id))
            for e in file.rules {
                guard known.contains(e.rule) else {
                    throw BindingError(message: "rule \(e.rule): the schema has no such rule")
                }
                func compile(_ source: String, _ what: String) throws -> Expressions.Expression {
                    let expression: Expressions.Expression
                    do { expression = try Expressions.Expression(source) } catch {
                        throw BindingError(message: "rule \(e.rule): \(what) does not parse: \(error)")
                    }
                    for name in expression.names where index.topLevel[name] == nil && name != "today" {
                        throw BindingError(
                            message:
                                "rule \(e.rule): \(what) names \(name), which is not a top-level element of \(schema.id)"
                        )
                    }
                    return expression
                }
                func resolve(_ paths: [String]) throws -> [String] {
                    try paths.map { path in
                        guard let id = index.resolve(path) else {
                            throw BindingError(message: "rule \(e.rule): element \(path) is not in \(schema.id)")
                        }
                        return id
                    }
                }
                let require = try resolve(e.require ?? [])
                let show = try resolve(e.show ?? [])
                let checkField = try resolve([e.check?.field].compactMap { $0 }).first
                entries.append(
                    Entry(
                        rule: e.rule, when: try e.when.map { try compile($0, "condition") },
                        require: require, show: show,
                        check: try e.check.map {
                            Check(
                                field: checkField ?? $0.field, assertion: try compile($0.assert, "check"),
                                messageDE: $0.de,
                                messageEN: $0.en)
                        }))
            }
        }
        let bound = Set(entries.map(\.rule))
        let report = schema.rules.map {
            Report(rule: $0.id, text: $0.text, status: bound.contains($0.id) ? .executable : .notExecutable)
        }
        return RuleBinding(entries: entries, report: report, pointers: index.pointers)
    }

    /// What the rules say for this data: hidden and required elements, failed plausibility checks.
    /// A condition that cannot be evaluated (a runtime error) counts as not met; a check that
    /// cannot be evaluated (missing data) does not fail — the required-field checks report that.
    public func evaluate(_ data: FormValue, schema: FormSchema, today: LocalDate) -> DynamicRules {
        guard !entries.isEmpty else { return .none }
        var variables = ValueConversion.variables(data, schema: schema)
        variables["today"] = .date(today)
        var result = DynamicRules.none
        var shown: Set<String> = []
        var notShown: Set<String> = []
        for entry in entries {
            let applies = entry.when.map { ((try? $0.evaluate(variables)) ?? .null) == .bool(true) } ?? true
            guard applies else {
                notShown.formUnion(entry.show)
                continue
            }
            result.required.formUnion(entry.require)
            shown.formUnion(entry.show)
            if let check = entry.check, case .bool(false) = (try? check.assertion.evaluate(variables)) ?? .null {
                result.checks.append(
                    PlausibilityFailure(
                        elementID: check.field, pointer: pointers[check.field], messageDE: check.messageDE,
                        messageEN: check.messageEN))
            }
        }
        // An element stays visible if any rule that applies shows it.
        result.hidden = notShown.subtracting(shown)
        return result
    }
}

/// Where each element sits: its first JSON pointer (repeatable parents are indexed 0).
struct ElementIndex {
    var pointers: [String: String] = [:]
    var topLevel: [String: ElementRef] = [:]

    init(_ schema: FormSchema) {
        for ref in schema.children {
            topLevel[ref.element.id] = ref
            walk(ref, prefix: "")
        }
    }

    /// The element id a path names: a dotted path of ids from the top level (`G1.G2.F3`), or a bare
    /// id found anywhere; nil when the path does not exist.
    func resolve(_ path: String) -> String? {
        let parts = path.split(separator: ".").map(String.init)
        guard parts.count > 1 else { return pointers[path] == nil ? nil : path }
        guard var ref = topLevel[parts[0]] else { return nil }
        for part in parts.dropFirst() {
            guard case .group(let g) = ref.element, let child = g.children.first(where: { $0.element.id == part })
            else { return nil }
            ref = child
        }
        return ref.element.id
    }

    private mutating func walk(_ ref: ElementRef, prefix: String) {
        let pointer = prefix + "/" + ref.element.id + (ref.cardinality.isRepeatable ? "/0" : "")
        if pointers[ref.element.id] == nil { pointers[ref.element.id] = prefix + "/" + ref.element.id }
        if case .group(let g) = ref.element {
            for child in g.children { walk(child, prefix: pointer) }
        }
    }
}

/// Application data (JSON) as expression values, typed by the schema: dates become dates,
/// groups contexts, repeated elements lists.
public enum ValueConversion {
    public static func variables(_ data: FormValue, schema: FormSchema) -> [String: Value] {
        guard case .object(let object) = data else { return [:] }
        var out: [String: Value] = [:]
        for ref in schema.children {
            if let v = object[ref.element.id] { out[ref.element.id] = value(v, ref) }
        }
        return out
    }

    static func value(_ v: FormValue, _ ref: ElementRef) -> Value {
        if ref.cardinality.isRepeatable, case .array(let items) = v {
            return .list(items.map { value($0, ref.element) })
        }
        return value(v, ref.element)
    }

    static func value(_ v: FormValue, _ element: Element) -> Value {
        switch (element, v) {
        case (_, .null): return .null
        case (.group(let g), .object(let object)):
            var context: [String: Value] = [:]
            for child in g.children {
                if let cv = object[child.element.id] { context[child.element.id] = value(cv, child) }
            }
            return .context(context)
        case (.field(let f), .string(let s)) where f.dataType == .date:
            return LocalDate(iso: s).map(Value.date) ?? .string(s)
        case (_, .string(let s)): return .string(s)
        case (_, .number(let n)): return .number(n)
        case (_, .bool(let b)): return .bool(b)
        case (_, .array(let items)): return .list(items.map { value($0, element) })
        case (_, .object(let object)): return .context(object.mapValues { plain($0) })
        }
    }

    static func plain(_ v: FormValue) -> Value {
        switch v {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .array(let a): .list(a.map(plain))
        case .object(let o): .context(o.mapValues(plain))
        }
    }
}
