import Foundation

/// Describes the application data of a `FormSchema` as a JSON Schema (draft 2020-12), in the way
/// FIT-Connect publishes FIM schemas: every element once under `$defs`, referenced by `$ref`.
public struct JSONSchemaGenerator: Sendable {
    public static let draft = "https://json-schema.org/draft/2020-12/schema"

    /// - Parameters:
    ///   - schema: the form schema.
    ///   - id: the `$id` (an absolute URL under which the schema is published).
    /// - Returns: the JSON Schema; serialise it with `jsonData()`.
    ///
    /// The schema describes data as `FormValidator` accepts it after `removingNulls()`; rules the JSON Schema
    /// cannot express (dynamic rules, date and time bounds) are checked only by the validator. Invalid
    /// patterns are left out, as the validator ignores them too.
    public static func generate(_ schema: FormSchema, id: String) -> FormValue {
        var generator = JSONSchemaGenerator()
        let (properties, required) = generator.properties(schema.children)
        var document: [String: FormValue] = [
            "$schema": .string(draft),
            "$id": .string(id),
            "title": .string(displayLabel(schema.texts, id: schema.id)),
            "type": "object",
            "properties": .object(properties),
            "additionalProperties": false,
            "$defs": .object(generator.definitions),
        ]
        if let description = nonEmpty(schema.texts.description) ?? nonEmpty(schema.texts.hint) {
            document["description"] = .string(description)
        }
        if !required.isEmpty { document["required"] = .array(required.map { .string($0) }) }
        return .object(document)
    }

    private var definitions: [String: FormValue] = [:]

    private mutating func properties(_ children: [ElementRef]) -> ([String: FormValue], [String]) {
        var properties: [String: FormValue] = [:]
        var required: [String] = []
        for ref in children {
            if case .field(let field) = ref.element, field.kind == .label { continue }
            let id = ref.element.id
            if properties[id] != nil { continue }
            define(ref.element)
            let reference: FormValue = ["$ref": .string("#/$defs/" + Self.fragmentToken(id))]
            if ref.cardinality.isRepeatable {
                var array: [String: FormValue] = [
                    "type": "array", "items": reference,
                    "minItems": .number(Decimal(Swift.max(0, ref.cardinality.min))),
                ]
                if let max = ref.cardinality.max { array["maxItems"] = .number(Decimal(max)) }
                properties[id] = .object(array)
            } else {
                properties[id] = reference
            }
            if ref.cardinality.min >= 1 { required.append(id) }
        }
        return (properties, required)
    }

    private mutating func define(_ element: Element) {
        guard definitions[element.id] == nil else { return }
        definitions[element.id] = .null  // placeholder: claims the id before descending
        switch element {
        case .group(let group):
            let (properties, required) = properties(group.children)
            var definition: [String: FormValue] = [
                "title": .string(displayLabel(group.texts, id: group.id)),
                "type": "object",
                "properties": .object(properties),
                "additionalProperties": false,
            ]
            if let hint = nonEmpty(group.texts.hint) { definition["description"] = .string(hint) }
            if !required.isEmpty { definition["required"] = .array(required.map { .string($0) }) }
            definitions[group.id] = .object(definition)
        case .field(let field):
            definitions[field.id] = .object(Self.fieldDefinition(field))
        }
    }

    static let timePattern = "^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?$"

    private static func fieldDefinition(_ field: Field) -> [String: FormValue] {
        var d: [String: FormValue] = ["title": .string(displayLabel(field.texts, id: field.id))]
        if let hint = nonEmpty(field.texts.hint) { d["description"] = .string(hint) }
        let c = field.constraints
        let kind = valueKind(field)
        var patterns: [String] = []
        switch kind {
        case .select:
            d["type"] = "string"
            d["oneOf"] = .array(
                (field.codeList?.entries ?? []).map { ["const": .string($0.code), "title": .string($0.label)] })
        case .text, .textLatin:
            d["type"] = "string"
            if let min = c.minLength, min > 0 { d["minLength"] = .number(Decimal(min)) }
            if let max = c.maxLength, max >= 0 { d["maxLength"] = .number(Decimal(max)) }
            if kind == .textLatin { patterns.append(ValueFormats.latinPattern) }
        case .date:
            d["type"] = "string"
            d["format"] = "date"
        case .time:
            // No "format": "time": that is RFC 3339 full-time (seconds and offset required), so validators
            // asserting formats would reject the local "HH:MM" times forms use.
            d["type"] = "string"
            patterns.append(timePattern)
        case .dateTime:
            d["type"] = "string"
            d["format"] = "date-time"
        case .bool:
            d["type"] = "boolean"
        case .number, .integer, .currency:
            d["type"] = kind == .integer ? "integer" : "number"
            if kind == .currency { d["multipleOf"] = .number(Decimal(string: "0.01")!) }
            if let min = c.minValue.flatMap(ExactDecimal.parseLiteral) { d["minimum"] = .number(min) }
            if let max = c.maxValue.flatMap(ExactDecimal.parseLiteral) { d["maximum"] = .number(max) }
        case .file:
            d["type"] = "string"
            d["format"] = "uuid"
        case .object:
            d["type"] = "object"
        }
        if let pattern = c.pattern, appliesPattern(kind), (try? NSRegularExpression(pattern: pattern)) != nil {
            patterns.append("^(?:" + pattern + ")$")
        }
        if let first = patterns.first { d["pattern"] = .string(first) }
        if patterns.count > 1 { d["allOf"] = .array(patterns.dropFirst().map { ["pattern": .string($0)] }) }
        return d
    }

    /// An element id as a JSON pointer token inside a URI fragment (RFC 6901 escaping, then percent-encoding).
    static func fragmentToken(_ id: String) -> String {
        let escaped = escapePointerToken(id)
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~!$&'()*+,;=:@/")
        return escaped.addingPercentEncoding(withAllowedCharacters: allowed) ?? escaped
    }
}

private func nonEmpty(_ s: String?) -> String? {
    guard let s else { return nil }
    let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
}
