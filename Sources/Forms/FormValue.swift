import Foundation

/// A JSON value with exact decimal numbers: the application data of a form submission.
///
/// Numbers are kept as `Decimal` from the text they were parsed from (never through `Double`), so
/// `0.1` stays exactly 0.1 and amounts of money keep their cents.
public indirect enum FormValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([FormValue])
    case object([String: FormValue])
}

// MARK: - Accessors

extension FormValue {
    /// The member `key` of an object; `nil` for a missing member or when this is not an object.
    public subscript(key: String) -> FormValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The item at `index` of an array; `nil` when out of range or when this is not an array.
    public subscript(index: Int) -> FormValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var decimalValue: Decimal? {
        if case .number(let d) = self { return d }
        return nil
    }

    public var arrayValue: [FormValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var objectValue: [String: FormValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The JSON type name, as JSON Schema spells it ("null", "boolean", "number", "string", "array", "object").
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// This value with every object member whose value is `null` removed, recursively (array items are kept).
    ///
    /// The validator treats `null` like an absent member; the generated JSON Schema describes the data
    /// in this normalised form, so store and forward `removingNulls()` of validated data.
    public func removingNulls() -> FormValue {
        switch self {
        case .array(let items):
            return .array(items.map { $0.removingNulls() })
        case .object(let members):
            var out: [String: FormValue] = [:]
            out.reserveCapacity(members.count)
            for (key, value) in members where !value.isNull {
                out[key] = value.removingNulls()
            }
            return .object(out)
        default:
            return self
        }
    }
}

// MARK: - Literals

extension FormValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension FormValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension FormValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
}

extension FormValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension FormValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: FormValue...) { self = .array(elements) }
}

extension FormValue: ExpressibleByDictionaryLiteral {
    /// A repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, FormValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension FormValue: CustomStringConvertible {
    /// Compact JSON with sorted keys.
    public var description: String {
        String(decoding: jsonData(sortedKeys: true), as: UTF8.self)
    }
}
