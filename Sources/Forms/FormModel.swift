import Foundation

// The Forms engine's model of an XDatenfelder document (2.0 and 3.0 read into one shape).
// FROZEN for the parallel work: parser, JSON Schema generator and validator all build on it.

/// Which XDatenfelder release a document was written in.
public enum XDFVersion: String, Sendable, Codable, Hashable {
    case v2 = "2.0"
    case v3 = "3.0.0"
}

/// "min:max" from `anzahl`; `max == nil` means unbounded ("*").
public struct Cardinality: Sendable, Codable, Hashable {
    public var min: Int
    public var max: Int?
    public init(min: Int, max: Int?) {
        self.min = min
        self.max = max
    }
    public static let one = Cardinality(min: 1, max: 1)
    public static let optional = Cardinality(min: 0, max: 1)
    public var isRequired: Bool { min >= 1 }
    public var isRepeatable: Bool { max == nil || (max ?? 1) > 1 }
}

/// Feldart.
public enum FieldKind: String, Sendable, Codable, Hashable {
    case input, select, label, hidden, locked
}

/// Datentyp.
public enum DataType: String, Sendable, Codable, Hashable {
    case text, textLatin = "text_latin", date, time, datetime, bool, num, numInt = "num_int"
    case numCurrency = "num_currency", file, obj
}

/// Präzisierung: JSON in 2.0 (`{"minLength":"1","maxLength":"50"}`), attributes in 3.0.
public struct Constraints: Sendable, Codable, Hashable {
    public var minLength: Int?
    public var maxLength: Int?
    /// Bounds for numbers (decimal, never binary floating point) or, for dates, ISO dates as text.
    public var minValue: String?
    public var maxValue: String?
    public var pattern: String?
    /// File fields (3.0 `mediaType`, `maxSize` in bytes).
    public var mediaTypes: [String]
    public var maxSize: Int?
    public init(
        minLength: Int? = nil, maxLength: Int? = nil, minValue: String? = nil, maxValue: String? = nil,
        pattern: String? = nil, mediaTypes: [String] = [], maxSize: Int? = nil
    ) {
        self.minLength = minLength
        self.maxLength = maxLength
        self.minValue = minValue
        self.maxValue = maxValue
        self.pattern = pattern
        self.mediaTypes = mediaTypes
        self.maxSize = maxSize
    }
    public static let none = Constraints()
}

/// One entry of a code list: the code and its display name.
public struct CodeListEntry: Sendable, Codable, Hashable {
    public var code: String
    public var label: String
    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }
}

/// A code list reference (`codelisteReferenz`) and, once resolved from the genericode file beside the
/// schema (or embedded values in 3.0), its entries.
public struct CodeList: Sendable, Codable, Hashable {
    /// e.g. "urn:de:xprozess:codeliste:C05000112" (2.0 `kennung`/canonical URI) or the 3.0 `listURI`.
    public var uri: String
    public var version: String?
    /// FIM id like "C05000112" when known (2.0 `identifikation/id`).
    public var id: String?
    public var entries: [CodeListEntry]
    public init(uri: String, version: String? = nil, id: String? = nil, entries: [CodeListEntry] = []) {
        self.uri = uri
        self.version = version
        self.id = id
        self.entries = entries
    }
}

/// Text shared by groups, fields, rules and the schema.
public struct ElementTexts: Sendable, Codable, Hashable {
    public var name: String
    /// bezeichnungEingabe: the label shown on the form.
    public var label: String
    /// bezeichnungAusgabe.
    public var outputLabel: String?
    public var description: String?
    public var definition: String?
    /// hilfetextEingabe: hint shown under the label.
    public var hint: String?
    /// bezug: legal basis text.
    public var legalBasis: String?
    public init(
        name: String, label: String, outputLabel: String? = nil, description: String? = nil,
        definition: String? = nil, hint: String? = nil, legalBasis: String? = nil
    ) {
        self.name = name
        self.label = label
        self.outputLabel = outputLabel
        self.description = description
        self.definition = definition
        self.hint = hint
        self.legalBasis = legalBasis
    }
}

public struct Field: Sendable, Codable, Hashable {
    public var id: String
    public var version: String?
    public var texts: ElementTexts
    public var kind: FieldKind
    public var dataType: DataType
    public var constraints: Constraints
    public var codeList: CodeList?
    /// `inhalt`: default value, or the text of a label field.
    public var content: String?
    /// Ids of rules attached to this field.
    public var ruleIDs: [String]
    public init(
        id: String, version: String? = nil, texts: ElementTexts, kind: FieldKind, dataType: DataType,
        constraints: Constraints = .none, codeList: CodeList? = nil, content: String? = nil, ruleIDs: [String] = []
    ) {
        self.id = id
        self.version = version
        self.texts = texts
        self.kind = kind
        self.dataType = dataType
        self.constraints = constraints
        self.codeList = codeList
        self.content = content
        self.ruleIDs = ruleIDs
    }
}

public struct Group: Sendable, Codable, Hashable {
    public var id: String
    public var version: String?
    public var texts: ElementTexts
    public var children: [ElementRef]
    public var ruleIDs: [String]
    public init(id: String, version: String? = nil, texts: ElementTexts, children: [ElementRef], ruleIDs: [String] = [])
    {
        self.id = id
        self.version = version
        self.texts = texts
        self.children = children
        self.ruleIDs = ruleIDs
    }
}

public indirect enum Element: Sendable, Codable, Hashable {
    case field(Field)
    case group(Group)
    public var id: String {
        switch self {
        case .field(let f): f.id
        case .group(let g): g.id
        }
    }
    public var isGroup: Bool {
        if case .group = self { return true }
        return false
    }

    public var texts: ElementTexts {
        switch self {
        case .field(let f): f.texts
        case .group(let g): g.texts
        }
    }
}

/// A child inside a `struktur`: the element and how often it may occur there.
public struct ElementRef: Sendable, Codable, Hashable {
    public var element: Element
    public var cardinality: Cardinality
    public init(element: Element, cardinality: Cardinality) {
        self.element = element
        self.cardinality = cardinality
    }
}

/// A FIM rule (Regel). In real exports `script` is usually empty and `definition`/`description` hold
/// free text; executable conditions are attached beside the schema (never by editing the FIM file).
public struct Rule: Sendable, Codable, Hashable {
    public var id: String
    public var version: String?
    public var texts: ElementTexts
    public var script: String?
    public init(id: String, version: String? = nil, texts: ElementTexts, script: String? = nil) {
        self.id = id
        self.version = version
        self.texts = texts
        self.script = script
    }
    /// The human-readable rule text: definition, else description, else name.
    public var text: String {
        for t in [texts.definition, texts.description] {
            if let t, !t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return t }
        }
        return texts.name
    }
}

/// A whole Stammdatenschema (or, for a document that holds a single group or field, a synthetic schema
/// wrapping it so the rest of the engine sees one shape).
public struct FormSchema: Sendable, Codable, Hashable {
    public var id: String
    public var version: String?
    public var xdfVersion: XDFVersion
    public var texts: ElementTexts
    /// LeiKa / Leistungsschlüssel named by the schema (3.0 `bezug`/`stichwort`, or found in the text in 2.0).
    public var leikaKeys: [String]
    /// Top-level children (usually groups) in order.
    public var children: [ElementRef]
    /// Every rule in the document, by id, in document order.
    public var rules: [Rule]
    public init(
        id: String, version: String?, xdfVersion: XDFVersion, texts: ElementTexts, leikaKeys: [String] = [],
        children: [ElementRef], rules: [Rule] = []
    ) {
        self.id = id
        self.version = version
        self.xdfVersion = xdfVersion
        self.texts = texts
        self.leikaKeys = leikaKeys
        self.children = children
        self.rules = rules
    }
}

/// An import failure: names the element (path of XML element names, and the FIM id if known).
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// e.g. "xdf:stammdatenschema/xdf:struktur/xdf:enthaelt/xdf:datenfeld/xdf:identifikation/xdf:id"
    public var elementPath: String
    public var line: Int?
    public init(message: String, elementPath: String, line: Int? = nil) {
        self.message = message
        self.elementPath = elementPath
        self.line = line
    }
    public var description: String {
        "\(message) (element \(elementPath)\(line.map { ", line \($0)" } ?? ""))"
    }
}
