import Foundation

/// A FEEL value. Numbers are decimal (`Decimal`), never binary floating point.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case date(LocalDate)
    case duration(FEELDuration)
    case list([Value])
    case context([String: Value])
}

extension Value {
    /// The value of a boolean; nil for null and every other type (FEEL treats them as "not true").
    public var isTruthy: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The text FEEL's `string()` gives: strings unquoted, dates and durations in ISO form; nil for null.
    var text: String? {
        switch self {
        case .null: nil
        case .string(let string): string
        case .date(let date): date.iso
        case .duration(let duration): duration.iso
        default: description
        }
    }
}

extension Value: CustomStringConvertible {
    /// The value as a FEEL literal, e.g. `"a\"b"`, `12.5`, `date("2024-01-31")`, `{a: 1, "b c": [true, null]}`.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return value.description
        case .string(let value): return Self.quoted(value)
        case .date(let value): return "date(\"\(value.iso)\")"
        case .duration(let value): return "duration(\"\(value.iso)\")"
        case .list(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .context(let entries):
            let rendered = entries.sorted { $0.key < $1.key }.map { key, value in
                (Lexer.isName(key) ? key : Self.quoted(key)) + ": " + value.description
            }
            return "{" + rendered.joined(separator: ", ") + "}"
        }
    }

    private static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension Value: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .context(Dictionary(elements) { _, last in last })
    }
}
