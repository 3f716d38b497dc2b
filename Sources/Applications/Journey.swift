import Expressions
import Forms
import Foundation

/// The multi-step application journey over a form, independent of HTML: which steps are shown,
/// how a posted step becomes data, how steps are merged into the draft. One top-level element
/// (usually a group) per step; rules may hide steps.
public struct Journey: Sendable {
    public let form: ApplicationForm

    public init(form: ApplicationForm) { self.form = form }

    public var schema: FormSchema { form.schema }

    /// 1-based numbers of the steps shown for this data (rules may hide some).
    public func visibleSteps(_ dynamic: DynamicRules) -> [Int] {
        schema.children.indices.filter { !dynamic.hidden.contains(schema.children[$0].element.id) }.map { $0 + 1 }
    }

    public func ref(step: Int) -> ElementRef? {
        schema.children.indices.contains(step - 1) ? schema.children[step - 1] : nil
    }

    /// The step that holds a top-level element id.
    public func step(of elementID: String) -> Int? {
        schema.children.firstIndex { $0.element.id == elementID }.map { $0 + 1 }
    }

    /// Whether a step needs a multipart form (it contains a file field).
    public func hasUpload(step: Int) -> Bool {
        guard let ref = ref(step: step) else { return false }
        return Self.containsFile(ref.element)
    }

    static func containsFile(_ element: Element) -> Bool {
        switch element {
        case .field(let f): f.dataType == .file && f.kind == .input
        case .group(let g): g.children.contains { containsFile($0.element) }
        }
    }

    /// What the rules say about the data (with today's date for checks such as "not in the future").
    public func dynamic(_ data: FormValue, today: Date = Date()) -> DynamicRules {
        form.rules.evaluate(data, schema: schema, today: Self.localDate(today))
    }

    static func localDate(_ date: Date) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)!
    }

    // MARK: Reading a posted step

    /// The value of one step's element from posted HTML fields. Input names are paths of element
    /// ids joined by "." with the index of a repeated element (`G1.0.F2`); a date's parts end in
    /// `~day`, `~month`, `~year`; a repeated element's count is in `<path>~count`.
    /// `previous` keeps what the page does not post (locked and hidden fields, earlier uploads).
    public func read(step: Int, fields: [String: String], previous: FormValue?, required: Set<String>) -> FormValue? {
        guard let ref = ref(step: step) else { return nil }
        return readRef(ref, name: ref.element.id, fields: fields, previous: previous, required: required)
    }

    func readRef(_ ref: ElementRef, name: String, fields: [String: String], previous: FormValue?, required: Set<String>)
        -> FormValue?
    {
        if ref.cardinality.isRepeatable {
            var previousItems: [FormValue] = []
            if case .array(let a) = previous { previousItems = a }
            let count = min(Int(fields[name + "~count"] ?? "") ?? previousItems.count, ref.cardinality.max ?? 100, 100)
            var items: [FormValue] = []
            for i in 0..<max(0, count) {
                let item = readSingle(
                    ref.element, name: "\(name).\(i)", fields: fields,
                    previous: i < previousItems.count ? previousItems[i] : nil, required: required)
                items.append(item ?? (ref.element.isGroup ? .object([:]) : .null))
            }
            return items.isEmpty ? nil : .array(items)
        }
        let value = readSingle(ref.element, name: name, fields: fields, previous: previous, required: required)
        // An optional group left entirely empty (nested groups included) is absent, unless a rule
        // made it required.
        if let value, Self.isBlank(value), !ref.cardinality.isRequired, !required.contains(ref.element.id) {
            return nil
        }
        return value
    }

    /// True for a group value without a single entered value anywhere inside.
    static func isBlank(_ value: FormValue) -> Bool {
        switch value {
        case .object(let o): o.values.allSatisfy(isBlank)
        case .array(let a): a.allSatisfy(isBlank)
        case .null: true
        default: false
        }
    }

    func readSingle(
        _ element: Element, name: String, fields: [String: String], previous: FormValue?, required: Set<String>
    )
        -> FormValue?
    {
        switch element {
        case .group(let g):
            var object: [String: FormValue] = [:]
            var previousObject: [String: FormValue] = [:]
            if case .object(let o) = previous { previousObject = o }
            for child in g.children {
                if let v = readRef(
                    child, name: "\(name).\(child.element.id)", fields: fields,
                    previous: previousObject[child.element.id],
                    required: required)
                {
                    object[child.element.id] = v
                }
            }
            return .object(object)
        case .field(let f):
            switch f.kind {
            case .label: return nil
            case .hidden, .locked: return previous
            case .input, .select: break
            }
            let raw: String?
            if f.dataType == .date {
                let parts = [fields[name + "~day"], fields[name + "~month"], fields[name + "~year"]]
                if parts.allSatisfy({ ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }) {
                    raw = nil
                } else {
                    raw = FormEncoding.value(for: f, day: parts[0], month: parts[1], year: parts[2])
                }
            } else if f.dataType == .file {
                // The server stores the upload first and posts its document id under the name;
                // without a new upload the earlier one stays.
                raw = fields[name] ?? previous?.stringValue
            } else {
                raw = fields[name]
            }
            guard let raw, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            let value = FormEncoding.coerce(raw, for: f)
            return value == .null ? nil : value
        }
    }

    /// A step's action besides "continue": add another repeated item, or remove one.
    public enum Action: Sendable, Equatable {
        case next
        case add(path: String)
        case remove(path: String, index: Int)

        public init(_ raw: String?) {
            guard let raw else {
                self = .next
                return
            }
            if raw.hasPrefix("add:") {
                self = .add(path: String(raw.dropFirst(4)))
            } else if raw.hasPrefix("remove:"), let dot = raw.lastIndex(of: "."),
                let index = Int(raw[raw.index(after: dot)...])
            {
                self = .remove(path: String(raw[raw.index(raw.startIndex, offsetBy: 7)..<dot]), index: index)
            } else {
                self = .next
            }
        }
    }

    /// Applies an add/remove to the posted fields by changing the count (and shifting items).
    public func apply(_ action: Action, to fields: [String: String]) -> [String: String] {
        var fields = fields
        switch action {
        case .next: break
        case .add(let path):
            let count = Int(fields[path + "~count"] ?? "0") ?? 0
            fields[path + "~count"] = String(min(count + 1, 100))
        case .remove(let path, let index):
            let count = Int(fields[path + "~count"] ?? "0") ?? 0
            guard index >= 0, index < count else { return fields }
            var shifted: [String: String] = [:]
            let prefix = path + "."
            for (key, value) in fields {
                guard key.hasPrefix(prefix), let rest = Optional(key.dropFirst(prefix.count)),
                    let dot = rest.firstIndex(where: { $0 == "." || $0 == "~" }) ?? Optional(rest.endIndex),
                    let i = Int(rest[rest.startIndex..<dot])
                else {
                    shifted[key] = value
                    continue
                }
                if i == index { continue }
                let newIndex = i > index ? i - 1 : i
                shifted[prefix + String(newIndex) + rest[dot...]] = value
            }
            shifted[path + "~count"] = String(count - 1)
            fields = shifted
        }
        return fields
    }

    // MARK: Data

    /// The data with one top-level element set (or removed).
    public static func setting(_ id: String, to value: FormValue?, in data: FormValue) -> FormValue {
        var object: [String: FormValue] = [:]
        if case .object(let o) = data { object = o }
        object[id] = value
        return .object(object)
    }

    /// Removes every element the rules hide: data the law does not ask for in this case is not kept.
    public static func pruning(_ data: FormValue, hidden: Set<String>) -> FormValue {
        guard !hidden.isEmpty else { return data }
        switch data {
        case .object(let o):
            var out: [String: FormValue] = [:]
            for (k, v) in o where !hidden.contains(k) { out[k] = pruning(v, hidden: hidden) }
            return .object(out)
        case .array(let a): return .array(a.map { pruning($0, hidden: hidden) })
        default: return data
        }
    }

    /// Every file field's value with its pointer (uploaded document ids).
    public func documents(in data: FormValue) -> [(documentID: String, pointer: String)] {
        var out: [(String, String)] = []
        func walk(_ element: Element, _ value: FormValue, _ pointer: String) {
            switch (element, value) {
            case (.field(let f), .string(let s)) where f.dataType == .file: out.append((s, pointer))
            case (.group(let g), .object(let o)):
                for child in g.children {
                    if let v = o[child.element.id] { walkRef(child, v, pointer + "/" + child.element.id) }
                }
            default: break
            }
        }
        func walkRef(_ ref: ElementRef, _ value: FormValue, _ pointer: String) {
            if ref.cardinality.isRepeatable, case .array(let items) = value {
                for (i, item) in items.enumerated() { walk(ref.element, item, "\(pointer)/\(i)") }
            } else {
                walk(ref.element, value, pointer)
            }
        }
        if case .object(let o) = data {
            for ref in schema.children {
                if let v = o[ref.element.id] { walkRef(ref, v, "/" + ref.element.id) }
            }
        }
        return out
    }
}
