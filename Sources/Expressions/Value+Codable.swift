import Foundation

/// JSON for values: null, booleans, numbers, strings, lists and contexts as themselves; dates and
/// durations, which JSON lacks, as `{"@date": "2026-11-26"}` and `{"@duration": "P7D"}`.
extension Value: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Decimal.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let list = try? container.decode([Value].self) {
            self = .list(list)
        } else {
            let context = try container.decode([String: Value].self)
            if context.count == 1, case .string(let iso)? = context["@date"], let date = LocalDate(iso: iso) {
                self = .date(date)
            } else if context.count == 1, case .string(let iso)? = context["@duration"],
                let duration = FEELDuration(iso: iso)
            {
                self = .duration(duration)
            } else {
                self = .context(context)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .date(let value): try container.encode(["@date": value.iso])
        case .duration(let value): try container.encode(["@duration": value.iso])
        case .list(let values): try container.encode(values)
        case .context(let entries): try container.encode(entries)
        }
    }
}
