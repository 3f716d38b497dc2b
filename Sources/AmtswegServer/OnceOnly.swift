import Accounts
import Applications
import Crypto
import Forms
import Foundation
import Registers
import Storage
import Synchronization

/// The registers a running Amtsweg can ask (the demo registers over their own tables), the
/// retrieval log's store, and how long a register may take. Tests swap adapters (e.g. a
/// `FaultInjectingAdapter`) and the timeout while the application runs.
public final class RegisterService: Sendable {
    public let store: RegisterStore
    public let clock: any WallClock
    let pepper: SymmetricKey
    private let state: Mutex<(catalog: RegisterCatalog, timeout: Duration)>

    public init(store: RegisterStore, clock: any WallClock, pepper: SymmetricKey, timeout: Duration = .seconds(3)) {
        self.store = store
        self.clock = clock
        self.pepper = pepper
        let catalog = RegisterCatalog.demo(source: store.source, clock: { clock.now() })
        state = Mutex((catalog, timeout))
    }

    /// The registers by id.
    public var catalog: RegisterCatalog { state.withLock { $0.catalog } }

    /// Adds or replaces a register (a real one, or a demo one wrapped with faults).
    public func replace(_ adapter: any RegisterAdapter) { state.withLock { $0.catalog.register(adapter) } }

    /// How long one register may take before the applicant is offered retry or manual entry.
    public var timeout: Duration {
        get { state.withLock { $0.timeout } }
        set { state.withLock { $0.timeout = newValue } }
    }

    var retriever: ConsentGatedRetriever {
        ConsentGatedRetriever(catalog: catalog, subjectPepper: pepper, clock: { [clock] in clock.now() })
    }
}

/// Once-only for the Wohngeld application (form S99100001): the retrieval plan the applicant
/// consents to, the register queries, and merging a prefill into the draft's form data.
enum OnceOnly {
    /// Wohngeld (LeiKa).
    static let wohngeld = "99107023037000"
    static let purposeDE = "Prüfung Ihres Anspruchs auf Wohngeld"
    /// What a clerk's own retrieval is for.
    static let clerkPurpose = "Prüfung im Verwaltungsverfahren"

    /// Services with a consent step before the form.
    static func offers(_ leika: String) -> Bool { leika == wohngeld }

    static let requests: [RegisterID: Set<DataCategory>] = [
        .melderegister: [.name, .birth, .address, .household],
        .einkommensnachweise: [.incomeWage, .incomePension],
    ]

    static func plan(_ catalog: RegisterCatalog) throws -> RetrievalPlan {
        try RetrievalPlan.make(
            serviceID: wohngeld, serviceName: "Wohngeld", purposeID: DemoPurpose.wohngeld, purpose: purposeDE,
            requests: requests, catalog: catalog)
    }

    /// The applicant's identity as the eID asserted it (the Test-eID in demo mode); nil when unknown.
    static func identity(subject: String?) -> PersonQuery? {
        guard let subject, subject.hasPrefix("test-eid:"),
            let person = TestIdentity.all.first(where: { $0.subject == subject }),
            let born = RegisterDate(person.birthDate)
        else { return nil }
        return .identity(familienname: person.familyName, vorname: person.givenName, geburtsdatum: born)
    }

    /// The identity the applicant entered in a Wohngeld form (name, first name, date of birth).
    static func identity(formData: FormValue) -> PersonQuery? {
        let a = formData["G99100001"]
        guard let family = a?["F05000059"]?.stringValue, let given = a?["F05000060"]?.stringValue,
            let born = a?["F05000351"]?.stringValue.flatMap(RegisterDate.init)
        else { return nil }
        return .identity(familienname: family, vorname: given, geburtsdatum: born)
    }

    // MARK: Evidence shown to a clerk

    /// Evidence entries in reading order: person, address, then household members by number.
    static func evidenceRows(_ data: [String: String]) -> [(key: String, value: String)] {
        func rank(_ key: String) -> (Int, Int, String) {
            let parts = key.split(separator: ".")
            switch parts.first {
            case "person": return (0, 0, key)
            case "address": return (1, 0, key)
            case "household": return (2, parts.count > 1 ? Int(parts[1]) ?? 0 : 0, key)
            default: return (3, 0, key)
            }
        }
        return data.sorted { rank($0.key) < rank($1.key) }.map { (key: $0.key, value: $0.value) }
    }

    /// The label of an evidence key from the catalogue (`evidence_person_vorname`; household
    /// members numbered from 1); the key itself when the catalogue has none.
    static func label(_ key: String, _ text: (String) -> String) -> String {
        let parts = key.split(separator: ".").map(String.init)
        if parts.count == 3, parts[0] == "household", let n = Int(parts[1]) {
            return "\(text("evidence_household")) \(n + 1): \(text("evidence_household_\(parts[2])"))"
        }
        let catalogKey = "evidence_" + parts.joined(separator: "_")
        let label = text(catalogKey)
        return label == catalogKey ? key : label
    }

    // MARK: Field paths ("G1[0].F2") in form data

    /// Path segments: ("G99100003", 0), ("F99100005", nil).
    static func segments(_ path: String) -> [(String, Int?)] {
        path.split(separator: ".").map { part -> (String, Int?) in
            if let open = part.firstIndex(of: "["), let close = part.firstIndex(of: "]"),
                let i = Int(part[part.index(after: open)..<close])
            {
                return (String(part[..<open]), i)
            }
            return (String(part), nil)
        }
    }

    /// The input name of a field path ("G1[0].F2" → "G1.0.F2").
    static func inputName(_ path: String) -> String {
        segments(path).map { segment -> String in
            guard let i = segment.1 else { return segment.0 }
            return "\(segment.0).\(i)"
        }.joined(separator: ".")
    }

    static func get(_ data: FormValue, _ path: String) -> FormValue? {
        var current: FormValue? = data
        for (key, index) in segments(path) {
            current = current?[key]
            if let index { current = current?[index] }
        }
        return current
    }

    static func set(_ data: FormValue, _ path: String, _ value: FormValue) -> FormValue {
        func put(_ node: FormValue?, _ rest: ArraySlice<(String, Int?)>) -> FormValue {
            guard let first = rest.first else { return value }
            let (key, index) = first
            var object = node?.objectValue ?? [:]
            if let index {
                var items = object[key]?.arrayValue ?? []
                while items.count <= index { items.append(.object([:])) }
                items[index] = put(items[index], rest.dropFirst())
                object[key] = .array(items)
            } else {
                object[key] = put(object[key], rest.dropFirst())
            }
            return .object(object)
        }
        return put(data, ArraySlice(segments(path)))
    }

    /// A prefilled text as the form stores it (numbers as numbers, yes/no as booleans).
    static func formValue(_ text: String, field: Field?) -> FormValue {
        switch field?.dataType {
        case .num, .numInt, .numCurrency: Decimal(string: text).map { .number($0) } ?? .string(text)
        case .bool: .bool(text == "true")
        default: .string(text)
        }
    }

    /// A form value as the prefill compares it: the register's text when the number is the same.
    static func text(_ value: FormValue?, registerText: String?) -> String {
        switch value {
        case .number(let d):
            if let r = registerText, Decimal(string: r) == d { return r }
            return "\(d)"
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        default: return ""
        }
    }

    /// `data` with every prefilled field not yet present filled in.
    static func merge(_ prefill: Prefill, into data: FormValue, form: ApplicationForm) -> FormValue {
        var out = data
        for (path, value) in prefill.fields.sorted(by: { $0.key < $1.key }) where get(out, path) == nil {
            let id = segments(path).last?.0 ?? ""
            var field: Field?
            if case .field(let f)? = form.element(id: id) { field = f }
            out = set(out, path, formValue(value.value, field: field))
        }
        return out
    }

    /// Brings the provenance in line with `data`: a prefilled field whose value in the form differs
    /// from the prefill (typed before the retrieval, changed, or removed) is self-declared.
    static func reconcile(_ prefill: inout Prefill, with data: FormValue) {
        for (path, value) in prefill.fields {
            let now = text(get(data, path), registerText: value.value)
            if now != value.value { prefill.applyCorrection(field: path, newValue: now) }
        }
    }

    /// The submission's provenance: per prefilled field its source, and whether every income
    /// amount is register-verified (the automated decision's `verified`).
    static func provenance(_ prefill: Prefill, consent: RegisterStore.DraftState.ConsentState?, data: FormValue)
        -> String
    {
        var prefill = prefill
        reconcile(&prefill, with: data)
        var fields: [String: String] = [:]
        for (path, v) in prefill.fields {
            switch v.source {
            case .register(let r, _): fields[path] = "register:\(r.rawValue)"
            case .selfDeclared: fields[path] = "self-declared"
            }
        }
        var amounts: [String] = []
        if case .array(let incomes)? = data["G99100004"] {
            for (i, entry) in incomes.enumerated() {
                if case .array(let lines)? = entry["G99100005"] {
                    for j in lines.indices { amounts.append("G99100004[\(i)].G99100005[\(j)].F99100016") }
                }
            }
        }
        let verified = !amounts.isEmpty && prefill.summary.allVerified(amounts)
        let object: [String: Any] = [
            "default": "entered", "consent": consent?.rawValue ?? "none", "fields": fields, "incomeVerified": verified,
        ]
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: json, as: UTF8.self)
    }
}
