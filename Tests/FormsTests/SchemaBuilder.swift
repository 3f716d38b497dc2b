import Forms
import Foundation

/// Small builders for schemas in tests (the XDatenfelder parser is not part of this package).
enum Build {
    static func texts(_ label: String, hint: String? = nil) -> ElementTexts {
        ElementTexts(name: label, label: label, hint: hint)
    }

    static func field(
        _ id: String, _ type: DataType = .text, label: String? = nil, kind: FieldKind = .input,
        _ constraints: Constraints = .none, codes: [(String, String)] = [], hint: String? = nil
    ) -> Element {
        let codeList =
            codes.isEmpty
            ? nil : CodeList(uri: "urn:test:\(id)", entries: codes.map { CodeListEntry(code: $0.0, label: $0.1) })
        return .field(
            Field(
                id: id, texts: texts(label ?? "Feld \(id)", hint: hint), kind: kind, dataType: type,
                constraints: constraints, codeList: codeList))
    }

    /// A text field with constraints.
    static func field(_ id: String, _ constraints: Constraints) -> Element {
        field(id, .text, constraints)
    }

    static func group(_ id: String, label: String? = nil, _ children: [ElementRef]) -> Element {
        .group(Group(id: id, texts: texts(label ?? "Gruppe \(id)"), children: children))
    }

    /// A child with cardinality min...max (max nil = unbounded).
    static func ref(_ element: Element, _ min: Int = 1, _ max: Int? = 1) -> ElementRef {
        ElementRef(element: element, cardinality: Cardinality(min: min, max: max))
    }

    static func schema(_ children: [ElementRef], id: String = "S00000001", label: String = "Testformular")
        -> FormSchema
    {
        FormSchema(
            id: id, version: "1.0", xdfVersion: .v3,
            texts: ElementTexts(name: label, label: label, description: "Ein Formular für Tests"), children: children)
    }

    /// A schema with one top-level optional field, for one-field cases.
    static func single(_ element: Element, _ min: Int = 0, _ max: Int? = 1) -> FormSchema {
        schema([ref(element, min, max)])
    }
}

extension Decimal {
    /// An exact decimal from text (test convenience).
    static func d(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }
}

extension FormValue {
    static func num(_ text: String) -> FormValue { .number(.d(text)) }

    /// Parses JSON text (test convenience; crashes on invalid input).
    static func json(_ text: String) -> FormValue {
        do { return try FormValue.parse(text.utf8) } catch { fatalError("\(error) in \(text)") }
    }
}
