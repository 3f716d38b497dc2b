import Forms
import Foundation
import Testing

@Suite("JSON Schema generator")
struct GeneratorTests {
    static let schema: FormSchema = {
        let applicant = Build.group(
            "G1", label: "Antragsteller",
            [
                Build.ref(
                    Build.field(
                        "F1", label: "Familienname", Constraints(minLength: 1, maxLength: 50), hint: "Wie im Ausweis")),
                Build.ref(Build.field("F2", .date, label: "Geburtsdatum"), 0),
                Build.ref(
                    Build.field(
                        "F3", label: "Staatsangehörigkeit", kind: .select,
                        codes: [("000", "deutsch"), ("040", "österreichisch")])),
            ])
        let children = Build.group(
            "G2", label: "Kinder",
            [
                Build.ref(Build.field("F4", .textLatin, label: "Vorname", Constraints(pattern: "[A-Z].*"))),
                Build.ref(Build.field("F5", .numInt, label: "Alter", Constraints(minValue: "0", maxValue: "17")), 0),
                Build.ref(Build.field("F2", .date, label: "Geburtsdatum"), 0),
            ])
        return Build.schema([
            Build.ref(applicant),
            Build.ref(children, 0, 3),
            Build.ref(Build.field("L1", label: "Hinweis", kind: .label)),
            Build.ref(Build.field("F6", .file, label: "Nachweis"), 0),
            Build.ref(Build.field("F7", .numCurrency, label: "Miete", Constraints(minValue: "0")), 1, nil),
            Build.ref(Build.field("F8", .time, label: "Uhrzeit", Constraints(pattern: "[")), 0),
        ])
    }()

    @Test func fitConnectStyleDocument() {
        let generated = JSONSchemaGenerator.generate(
            Self.schema, id: "https://schema.example/S00000001/1.0/schema.json")
        let expected = FormValue.json(
            #"""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "https://schema.example/S00000001/1.0/schema.json",
              "title": "Testformular",
              "description": "Ein Formular für Tests",
              "type": "object",
              "properties": {
                "G1": {"$ref": "#/$defs/G1"},
                "G2": {"type": "array", "items": {"$ref": "#/$defs/G2"}, "minItems": 0, "maxItems": 3},
                "F6": {"$ref": "#/$defs/F6"},
                "F7": {"type": "array", "items": {"$ref": "#/$defs/F7"}, "minItems": 1},
                "F8": {"$ref": "#/$defs/F8"}
              },
              "required": ["G1", "F7"],
              "additionalProperties": false,
              "$defs": {
                "G1": {
                  "title": "Antragsteller", "type": "object",
                  "properties": {"F1": {"$ref": "#/$defs/F1"}, "F2": {"$ref": "#/$defs/F2"}, "F3": {"$ref": "#/$defs/F3"}},
                  "required": ["F1", "F3"], "additionalProperties": false
                },
                "F1": {"title": "Familienname", "description": "Wie im Ausweis", "type": "string", "minLength": 1, "maxLength": 50},
                "F2": {"title": "Geburtsdatum", "type": "string", "format": "date"},
                "F3": {
                  "title": "Staatsangehörigkeit", "type": "string",
                  "oneOf": [{"const": "000", "title": "deutsch"}, {"const": "040", "title": "österreichisch"}]
                },
                "G2": {
                  "title": "Kinder", "type": "object",
                  "properties": {"F4": {"$ref": "#/$defs/F4"}, "F5": {"$ref": "#/$defs/F5"}, "F2": {"$ref": "#/$defs/F2"}},
                  "required": ["F4"], "additionalProperties": false
                },
                "F4": {
                  "title": "Vorname", "type": "string",
                  "pattern": "^[\\t-\\n\\r\\u0020-\\u007E\\u00A0-\\u024F\\u02B0-\\u036F\\u1E00-\\u1EFF\\u2010-\\u2027\\u2030-\\u203A\\u20AC]*$",
                  "allOf": [{"pattern": "^(?:[A-Z].*)$"}]
                },
                "F5": {"title": "Alter", "type": "integer", "minimum": 0, "maximum": 17},
                "F6": {"title": "Nachweis", "type": "string", "format": "uuid"},
                "F7": {"title": "Miete", "type": "number", "multipleOf": 0.01, "minimum": 0},
                "F8": {
                  "title": "Uhrzeit", "type": "string",
                  "pattern": "^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?$"
                }
              }
            }
            """#)
        #expect(generated == expected, "\(generated)")
    }

    @Test func definitionsAreSharedAndLabelsLeftOut() throws {
        let generated = JSONSchemaGenerator.generate(Self.schema, id: "urn:x")
        let defs = try #require(generated["$defs"]?.objectValue)
        #expect(defs["L1"] == nil)
        #expect(generated["properties"]?["L1"] == nil)
        #expect(Set(defs.keys) == ["G1", "G2", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"])
        // The invalid pattern of F8 is left out (the validator ignores it too).
        #expect(defs["F8"]?["pattern"]?.stringValue?.hasPrefix("^(?:[01]") == true)
    }

    @Test func otherTypesAndEscapedReferences() throws {
        let schema = Build.schema([
            Build.ref(Build.field("a/b~c", .bool)),
            Build.ref(Build.field("F2", .datetime), 0),
            Build.ref(Build.field("F3", .obj), 0),
            Build.ref(Build.field("F4", .num, Constraints(minValue: "-1.5", maxValue: "1e3")), 0),
            Build.ref(Build.field("F5", kind: .select), 0),
        ])
        let generated = JSONSchemaGenerator.generate(schema, id: "urn:x")
        #expect(generated["properties"]?["a/b~c"] == ["$ref": "#/$defs/a~1b~0c"])
        #expect(generated["$defs"]?["a/b~c"] == ["title": "Feld a/b~c", "type": "boolean"])
        #expect(generated["$defs"]?["F2"] == ["title": "Feld F2", "type": "string", "format": "date-time"])
        #expect(generated["$defs"]?["F3"] == ["title": "Feld F3", "type": "object"])
        #expect(
            generated["$defs"]?["F4"] == [
                "title": "Feld F4", "type": "number", "minimum": .num("-1.5"), "maximum": 1000,
            ])
        #expect(generated["$defs"]?["F5"] == ["title": "Feld F5", "type": "string"])
        #expect(generated["required"] == ["a/b~c"])
        // Serialised canonically, numbers plainly.
        let text = generated.jsonString()
        #expect(text.contains(#""maximum":1000"#))
        #expect(text.hasPrefix(#"{"$defs":"#))
    }
}
