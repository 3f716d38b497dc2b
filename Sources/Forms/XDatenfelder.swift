import Foundation

/// Import of FIM XDatenfelder 2.0 and 3.0.0 documents into the engine's `FormSchema`.
public enum XDatenfelder {
    /// The namespace of XDatenfelder 2.0 documents.
    public static let namespaceV2 = "urn:xoev-de:fim:standard:xdatenfelder_2"
    /// The namespace of XDatenfelder 3.0.0 documents.
    public static let namespaceV3 = "urn:xoev-de:fim:standard:xdatenfelder_3.0.0"

    /// Parses an XDatenfelder 2.0 or 3.0 document (stammdatenschema, datenfeldgruppe or datenfeld message).
    /// A document holding only a group or a field becomes a synthetic schema wrapping it (id = that element's id).
    /// codeListDirectory: where genericode files referenced by the schema live (nil = don't resolve).
    public static func parse(_ data: Data, codeListDirectory: URL? = nil) throws(ImportError) -> ImportResult {
        let tree = try XMLTree.parse(data)
        let resolver = codeListDirectory.map { CodeListResolver(directory: $0) }
        var reader = try XDFReader(tree: tree, resolver: resolver)
        return try reader.read()
    }

    /// Parses a document whose genericode code lists are given in memory (file name → bytes), as
    /// for forms compiled into the binary.
    public static func parse(_ data: Data, codeListFiles: [String: Data]) throws(ImportError) -> ImportResult {
        let tree = try XMLTree.parse(data)
        var reader = try XDFReader(tree: tree, resolver: CodeListResolver(files: codeListFiles))
        return try reader.read()
    }

    /// Reads the file and resolves code lists from genericode files in the same directory.
    public static func parse(contentsOf url: URL) throws(ImportError) -> ImportResult {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImportError(message: "Cannot read \(url.path): \(error.localizedDescription)", elementPath: "")
        }
        return try parse(data, codeListDirectory: url.deletingLastPathComponent())
    }
}

/// What kind of XDatenfelder message a document was.
public enum MessageKind: String, Sendable, Hashable, Codable {
    /// `xdatenfelder.stammdatenschema.0102`: a real schema.
    case schema
    /// `xdatenfelder.datenfeldgruppe.0103`: a single group wrapped in a synthetic schema.
    case group
    /// `xdatenfelder.datenfeld.0104`: a single field wrapped in a synthetic schema.
    case field
}

/// The outcome of an import: the model, the lenient fixes made on the way, and the raw facts the model
/// does not carry (for the quality linter).
public struct ImportResult: Sendable, Hashable {
    public var schema: FormSchema
    /// Lenient fixes made: unresolved code list, unknown optional element skipped, Präzisierung unparseable, ...
    public var warnings: [ImportWarning]
    public var messageKind: MessageKind
    /// One entry per imported element occurrence: the schema first, then every group and field in pre-order
    /// (the order of a depth-first walk over `schema.children`), rules in between as they were met
    /// (each rule once).
    public var elements: [ElementInfo]

    public init(
        schema: FormSchema, warnings: [ImportWarning] = [], messageKind: MessageKind = .schema,
        elements: [ElementInfo]? = nil
    ) {
        self.schema = schema
        self.warnings = warnings
        self.messageKind = messageKind
        self.elements = elements ?? ElementInfo.derived(from: schema)
    }
}

/// A lenient fix made during import.
public struct ImportWarning: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var elementPath: String
    /// FIM id of the element concerned, if known.
    public var elementID: String?
    public init(message: String, elementPath: String, elementID: String? = nil) {
        self.message = message
        self.elementPath = elementPath
        self.elementID = elementID
    }
    public var description: String {
        "\(message) (element \(elementPath)\(elementID.map { ", id \($0)" } ?? ""))"
    }
}

/// Raw facts about one imported element that the frozen model does not hold (status, Strukturelementart,
/// creators, raw Präzisierung, ...). Used by `Linter`; all fields except kind/id are optional facts.
public struct ElementInfo: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case schema, group, field, rule
    }
    public struct Relation: Sendable, Hashable {
        /// `praedikat` code, e.g. "ERS".
        public var predicate: String?
        /// `objekt/id`.
        public var objectID: String?
        public init(predicate: String?, objectID: String?) {
            self.predicate = predicate
            self.objectID = objectID
        }
    }

    public var kind: Kind
    public var id: String
    public var version: String?
    public var elementPath: String
    public var line: Int?
    /// Id of the group or schema whose `struktur` holds this occurrence; for rules the owning element.
    public var parentID: String?
    /// `anzahl` as written in the `struktur` holding this occurrence.
    public var cardinalityText: String?
    /// `bezug` of the `struktur` holding this occurrence.
    public var structureLegalBasis: String?
    /// `schemaelementart` code: ABS, HAR or RNG.
    public var elementType: String?
    /// 2.0 `status` (aktiv, inaktiv, inVorbereitung) or 3.0 `freigabestatus` code ("1"..."8").
    public var status: String?
    /// 3.0 `statusGesetztAm`.
    public var statusSetOn: String?
    /// 2.0 `fachlicherErsteller` (also 3.0 rules), 3.0 `statusGesetztDurch`.
    public var creator: String?
    /// `veroeffentlichungsdatum`.
    public var publishedOn: String?
    /// False when `bezeichnungEingabe` (3.0 schema: `bezeichnung`) was missing or empty; the model's label
    /// then falls back to the name.
    public var hasInputLabel: Bool
    /// 3.0 group `art` ("X" = Auswahlgruppe).
    public var groupKind: String?
    /// 3.0 field `vorbefuellung`.
    public var prefill: String?
    /// 3.0 rule `typ`.
    public var ruleType: String?
    /// Präzisierung as written (2.0 JSON members, 3.0 attributes), before conversion.
    public var precision: [String: String]
    /// 3.0 `codeKey`, `nameKey`, `helpKey`: columns of the referenced code list.
    public var codeKey: String?
    public var nameKey: String?
    public var helpKey: String?
    /// Columns named by codeKey/nameKey/helpKey that the resolved genericode file does not have.
    public var missingCodeListColumns: [String]
    /// 3.0 `bezug/@link` values.
    public var legalBasisLinks: [String]
    public var relations: [Relation]
    /// Schema only: `ableitungsmodifikationenStruktur` / `...Repraesentation` codes.
    public var derivationStructure: String?
    public var derivationRepresentation: String?
    /// 3.0 schema only: `dokumentsteckbrief/id`.
    public var documentProfileID: String?
    /// True for infos synthesised from a model built in code (`derived(from:)`): no raw facts are known, so
    /// the linter skips the checks for missing raw facts (status, Strukturelementart, ...).
    public var isDerived: Bool

    public init(
        kind: Kind, id: String, version: String? = nil, elementPath: String = "", line: Int? = nil,
        parentID: String? = nil, cardinalityText: String? = nil, structureLegalBasis: String? = nil,
        elementType: String? = nil, status: String? = nil, statusSetOn: String? = nil, creator: String? = nil,
        publishedOn: String? = nil, hasInputLabel: Bool = true, groupKind: String? = nil, prefill: String? = nil,
        ruleType: String? = nil, precision: [String: String] = [:], codeKey: String? = nil, nameKey: String? = nil,
        helpKey: String? = nil, missingCodeListColumns: [String] = [], legalBasisLinks: [String] = [],
        relations: [Relation] = [], derivationStructure: String? = nil, derivationRepresentation: String? = nil,
        documentProfileID: String? = nil, isDerived: Bool = false
    ) {
        self.kind = kind
        self.id = id
        self.version = version
        self.elementPath = elementPath
        self.line = line
        self.parentID = parentID
        self.cardinalityText = cardinalityText
        self.structureLegalBasis = structureLegalBasis
        self.elementType = elementType
        self.status = status
        self.statusSetOn = statusSetOn
        self.creator = creator
        self.publishedOn = publishedOn
        self.hasInputLabel = hasInputLabel
        self.groupKind = groupKind
        self.prefill = prefill
        self.ruleType = ruleType
        self.precision = precision
        self.codeKey = codeKey
        self.nameKey = nameKey
        self.helpKey = helpKey
        self.missingCodeListColumns = missingCodeListColumns
        self.legalBasisLinks = legalBasisLinks
        self.relations = relations
        self.derivationStructure = derivationStructure
        self.derivationRepresentation = derivationRepresentation
        self.documentProfileID = documentProfileID
        self.isDerived = isDerived
    }

    /// Minimal infos for a schema built in code (no raw facts): schema, groups and fields in pre-order with
    /// synthesised paths, then the rules.
    public static func derived(from schema: FormSchema) -> [ElementInfo] {
        var out = [
            ElementInfo(kind: .schema, id: schema.id, version: schema.version, elementPath: schema.id, isDerived: true)
        ]
        func walk(_ refs: [ElementRef], parent: String, path: String) {
            for ref in refs {
                switch ref.element {
                case .field(let f):
                    out.append(
                        ElementInfo(
                            kind: .field, id: f.id, version: f.version, elementPath: "\(path)/\(f.id)",
                            parentID: parent, cardinalityText: ref.cardinality.text, isDerived: true))
                case .group(let g):
                    out.append(
                        ElementInfo(
                            kind: .group, id: g.id, version: g.version, elementPath: "\(path)/\(g.id)",
                            parentID: parent, cardinalityText: ref.cardinality.text, isDerived: true))
                    walk(g.children, parent: g.id, path: "\(path)/\(g.id)")
                }
            }
        }
        walk(schema.children, parent: schema.id, path: schema.id)
        for rule in schema.rules {
            out.append(
                ElementInfo(kind: .rule, id: rule.id, version: rule.version, elementPath: rule.id, isDerived: true))
        }
        return out
    }
}

extension Cardinality {
    /// "min:max" as written in `anzahl` ("*" for unbounded).
    public var text: String { "\(min):\(max.map(String.init) ?? "*")" }

    /// Parses `anzahl` ("0:1", "1:*"); nil unless the format is `\d+:(\*|\d+)` with max ≥ min.
    public init?(anzahl: String) {
        let parts = anzahl.split(separator: ":", omittingEmptySubsequences: false)
        func digits(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int(s)
        }
        guard parts.count == 2, let lo = digits(parts[0]) else { return nil }
        if parts[1] == "*" {
            self.init(min: lo, max: nil)
        } else if let hi = digits(parts[1]), hi >= lo {
            self.init(min: lo, max: hi)
        } else {
            return nil
        }
    }
}

extension Element {
    /// The element's version (internal helper; the frozen model has `id` and `texts` only).
    var version: String? {
        switch self {
        case .field(let f): f.version
        case .group(let g): g.version
        }
    }
}
