import Forms
import Foundation
import Testing

/// Random schemas and random valid data for them, from a seeded generator (deterministic).
struct RandomForms {
    var rng: SeededRNG
    private var counter = 0

    init(seed: UInt64) { rng = SeededRNG(seed: seed) }

    static let codes: [(String, String)] = (1...6).map { (String(format: "%03d", $0), "Eintrag \($0)") }
    static let cardinalities: [Cardinality] = [
        .one, .optional, Cardinality(min: 0, max: nil), Cardinality(min: 1, max: 3), Cardinality(min: 2, max: 2),
    ]

    mutating func schema() -> FormSchema {
        Build.schema((0..<(1 + rng.next(5))).map { _ in ref(depth: 0) })
    }

    mutating func ref(depth: Int) -> ElementRef {
        counter += 1
        let number = counter
        let cardinality = Self.cardinalities[rng.next(Self.cardinalities.count)]
        if depth < 3, rng.next(3) == 0 {
            let children = (0..<(1 + rng.next(4))).map { _ in ref(depth: depth + 1) }
            return ElementRef(element: Build.group("G\(number)", children), cardinality: cardinality)
        }
        let id = "F\(number)"
        let element: Element
        switch rng.next(14) {
        case 0: element = Build.field(id, .text, Constraints(minLength: 2, maxLength: 12))
        case 1: element = Build.field(id, .text, Constraints(pattern: "[A-Z]{2}[0-9]{3}"))
        case 2: element = Build.field(id, .textLatin, Constraints(maxLength: 30))
        case 3: element = Build.field(id, .date, Constraints(minValue: "1900-01-01", maxValue: "2099-12-31"))
        case 4: element = Build.field(id, .time)
        case 5: element = Build.field(id, .datetime)
        case 6: element = Build.field(id, .bool)
        case 7: element = Build.field(id, .num, Constraints(minValue: "-1000", maxValue: "1000"))
        case 8: element = Build.field(id, .numInt, Constraints(minValue: "0"))
        case 9: element = Build.field(id, .numCurrency, Constraints(maxValue: "99999.99"))
        case 10: element = Build.field(id, .file)
        case 11: element = Build.field(id, .obj)
        case 12: element = Build.field(id, kind: .select, codes: Self.codes)
        default: element = Build.field(id, kind: .label)
        }
        return ElementRef(element: element, cardinality: cardinality)
    }

    /// Valid data for the schema's children: optional elements sometimes absent (never null: null
    /// is not a value).
    mutating func data(_ children: [ElementRef]) -> FormValue {
        var members: [String: FormValue] = [:]
        for ref in children {
            if case .field(let f) = ref.element, f.kind == .label { continue }
            let c = ref.cardinality
            if c.min == 0, rng.next(3) == 0 { continue }
            if c.isRepeatable {
                let upper = min(c.max ?? (c.min + 2), c.min + 2)
                let count = c.min + rng.next(upper - c.min + 1)
                members[ref.element.id] = .array((0..<count).map { _ in value(ref.element) })
            } else {
                members[ref.element.id] = value(ref.element)
            }
        }
        return .object(members)
    }

    mutating func value(_ element: Element) -> FormValue {
        switch element {
        case .group(let g): return data(g.children)
        case .field(let f): return fieldValue(f)
        }
    }

    mutating func fieldValue(_ f: Field) -> FormValue {
        if f.kind == .select { return .string(Self.codes[rng.next(Self.codes.count)].0) }
        switch f.dataType {
        case .text:
            if f.constraints.pattern != nil { return .string(letters("ABCXYZ", 2) + letters("0123456789", 3)) }
            return .string(letters("abcäöü😀 -", 2 + rng.next(11)))
        case .textLatin: return .string(letters("aßéŁőñ –„“", rng.next(31)))
        case .date:
            let y = 1900 + rng.next(200)
            let m = 1 + rng.next(12)
            let d = 1 + rng.next(m == 2 ? 28 : 30)
            return .string(String(format: "%04d-%02d-%02d", y, m, d))
        case .time:
            let t = String(format: "%02d:%02d", rng.next(24), rng.next(60))
            return .string(rng.next(2) == 0 ? t : t + String(format: ":%02d", rng.next(60)))
        case .datetime:
            let zone = ["Z", "+01:00", "-05:30", "z"][rng.next(4)]
            return .string(
                String(
                    format: "20%02d-%02d-%02dT%02d:%02d:%02d", rng.next(100), 1 + rng.next(12), 1 + rng.next(28),
                    rng.next(24), rng.next(60), rng.next(60)) + zone)
        case .bool: return .bool(rng.next(2) == 0)
        case .num: return .number(Decimal(rng.next(2_000_001) - 1_000_000) / 1000)
        case .numInt: return .number(Decimal(rng.next(1_000_000)))
        case .numCurrency: return .number(Decimal(rng.next(9_999_999)) / 100)
        case .file:
            let hex = letters("0123456789abcdef", 32)
            let parts = [8, 4, 4, 4, 12].reduce(into: ([String](), hex[...])) { acc, n in
                acc.0.append(String(acc.1.prefix(n)))
                acc.1 = acc.1.dropFirst(n)
            }.0
            return .string(parts.joined(separator: "-"))
        case .obj: return ["beliebig": [.number(Decimal(rng.next(10))), nil]]
        }
    }

    private mutating func letters(_ alphabet: String, _ count: Int) -> String {
        let characters = Array(alphabet)
        return String((0..<count).map { _ in characters[rng.next(characters.count)] })
    }
}

/// A place in the data: an object key or an array index.
enum PathStep: Hashable {
    case key(String)
    case index(Int)
}

/// Every present value that belongs to a schema element, with its path and whether it is a field.
func slots(_ value: FormValue, _ children: [ElementRef], path: [PathStep] = []) -> [([PathStep], Element, Bool)] {
    guard case .object(let members) = value else { return [] }
    var out: [([PathStep], Element, Bool)] = []
    for ref in children {
        guard let v = members[ref.element.id], !v.isNull else { continue }
        let here = path + [.key(ref.element.id)]
        func add(_ item: FormValue, _ itemPath: [PathStep]) {
            out.append((itemPath, ref.element, false))
            if case .group(let g) = ref.element { out += slots(item, g.children, path: itemPath) }
        }
        if ref.cardinality.isRepeatable, case .array(let items) = v {
            out.append((here, ref.element, true))  // the array itself
            for (i, item) in items.enumerated() { add(item, here + [.index(i)]) }
        } else {
            add(v, here)
        }
    }
    return out
}

func replacing(_ value: FormValue, at path: ArraySlice<PathStep>, with new: FormValue) -> FormValue {
    guard let step = path.first else { return new }
    switch (step, value) {
    case (.key(let k), .object(var members)):
        members[k] = replacing(members[k] ?? .null, at: path.dropFirst(), with: new)
        return .object(members)
    case (.index(let i), .array(var items)):
        items[i] = replacing(items[i], at: path.dropFirst(), with: new)
        return .array(items)
    default:
        return value
    }
}

func pointer(_ path: [PathStep]) -> String {
    path.map { step in
        switch step {
        case .key(let k): "/" + k
        case .index(let i): "/\(i)"
        }
    }.joined()
}

/// A value of the wrong JSON type for the element (or for a list, when `isList`).
func wrongTyped(_ element: Element, isList: Bool) -> FormValue {
    if isList { return "keine Liste" }
    switch element {
    case .group: return 42
    case .field(let f):
        if f.kind == .select { return .bool(true) }
        switch f.dataType {
        case .text, .textLatin, .date, .time, .datetime, .file: return .bool(false)
        case .bool: return "ja"
        case .num, .numInt, .numCurrency: return "12,50"
        case .obj: return ["x"]
        }
    }
}

@Suite("Properties")
struct PropertyTests {
    @Test func randomValidDataHasNoIssuesAndOneWrongTypeGivesOneIssue() throws {
        var forms = RandomForms(seed: 20_241_126)
        var mutations = 0
        for _ in 0..<300 {
            let schema = forms.schema()
            let validator = FormValidator(schema: schema)
            #expect(validator.schemaProblems.isEmpty)
            for _ in 0..<4 {
                let data = forms.data(schema.children)
                let issues = validator.validate(data)
                #expect(issues.isEmpty, "\(issues) for \(data)")
                let candidates = slots(data, schema.children)
                guard !candidates.isEmpty else { continue }
                let (path, element, isList) = candidates[forms.rng.next(candidates.count)]
                let mutated = replacing(data, at: path[...], with: wrongTyped(element, isList: isList))
                let found = validator.validate(mutated)
                #expect(found.count == 1, "\(found) for \(mutated)")
                #expect(found.first?.code == .wrongType)
                #expect(found.first?.pointer == pointer(path))
                #expect(found.first?.elementID == element.id)
                mutations += 1
            }
        }
        #expect(mutations > 500)
    }

    @Test func validDataSurvivesTheCanonicalRoundTrip() throws {
        var forms = RandomForms(seed: 99)
        for _ in 0..<100 {
            let schema = forms.schema()
            let data = forms.data(schema.children)
            let reparsed = try FormValue.parse(data.jsonData())
            #expect(reparsed == data)
            #expect(FormValidator(schema: schema).validate(reparsed).isEmpty)
        }
    }
}
