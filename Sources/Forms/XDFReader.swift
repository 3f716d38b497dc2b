import Foundation

/// Interprets an `XMLTree` holding an XDatenfelder 2.0 or 3.0.0 message.
///
/// Policy (see README): element order is free; unknown elements inside the open, content-bearing element
/// bodies (schema, group, field, rule, header) are skipped with a warning; inside the closed XDF containers
/// (message root, `identifikation`, `struktur`, `enthaelt`, code list references, code values, relations,
/// value lists) they are an error. A single-valued element given twice is an error, unless exactly one of
/// the occurrences is an empty placeholder (then a warning). Ids, cardinalities and the codes of the XDF
/// code lists are strict.
struct XDFReader {
    let tree: XMLTree
    let version: XDFVersion
    /// Index of the document's XDF namespace in `tree.namespaces`.
    let ns: Int32
    let resolver: CodeListResolver?
    var warnings: [ImportWarning] = []
    var infos: [ElementInfo] = []
    var rules: [Rule] = []
    var ruleIndex: [String: Int] = [:]
    /// Current element path below the message root: node and, once known, its FIM id.
    var path: [(node: Int, id: String?)] = []

    let schemaSpec: Spec
    let groupSpec: Spec
    let fieldSpec: Spec
    let ruleSpec: Spec
    let structureSpec: Spec
    let fieldKinds: Set<String>
    let dataTypes: Set<String>

    init(tree: XMLTree, resolver: CodeListResolver?) throws(ImportError) {
        self.tree = tree
        self.resolver = resolver
        let r = tree.root
        let uri = tree.namespace(r)
        switch uri {
        case XDatenfelder.namespaceV2: version = .v2
        case XDatenfelder.namespaceV3: version = .v3
        default:
            let prefix = tree.prefix(r).isEmpty ? "xmlns" : tree.prefix(r)
            throw ImportError(
                message: "Unknown namespace \(prefix): \(uri.isEmpty ? "(none)" : uri) on <\(tree.qName(r))>; "
                    + "expected \(XDatenfelder.namespaceV2) or \(XDatenfelder.namespaceV3)",
                elementPath: tree.qName(r), line: tree.line(r))
        }
        ns = tree.nodes[r].namespace
        let v = version
        schemaSpec = Self.schemaSpec(v)
        groupSpec = Self.groupSpec(v)
        fieldSpec = Self.fieldSpec(v)
        ruleSpec = Self.ruleSpec(v)
        structureSpec =
            v == .v2
            ? Spec(single: ["anzahl", "bezug", "enthaelt"], closed: true)
            : Spec(single: ["anzahl", "enthaelt"], multiple: ["bezug"], closed: true)
        fieldKinds = v == .v2 ? ["input", "select", "label"] : ["input", "select", "label", "hidden", "locked"]
        dataTypes =
            v == .v2
            ? ["text", "date", "bool", "num", "num_int", "num_currency", "file", "obj"]
            : [
                "text", "text_latin", "date", "time", "datetime", "bool", "num", "num_int", "num_currency", "file",
                "obj",
            ]
    }

    // MARK: - Entry

    mutating func read() throws(ImportError) -> ImportResult {
        let r = tree.root
        let payloadNames = [N.stammdatenschema, N.datenfeldgruppe, N.datenfeld]
        let payload: Int
        if tree.nodes[r].namespace == ns && payloadNames.contains(tree.nameID(r)) {
            payload = r
        } else {
            let messages: Set<String> = [
                "xdatenfelder.stammdatenschema.0102", "xdatenfelder.datenfeldgruppe.0103",
                "xdatenfelder.datenfeld.0104",
            ]
            guard messages.contains(tree.name(r)) else {
                throw ImportError(
                    message: "Unsupported XDatenfelder message <\(tree.qName(r))>; expected a stammdatenschema, "
                        + "datenfeldgruppe or datenfeld message",
                    elementPath: tree.qName(r), line: tree.line(r))
            }
            var found: Int?
            for c in tree.children(r) {
                let inNS = tree.nodes[c].namespace == ns
                if inNS && tree.nameID(c) == N.header { continue }
                guard inNS, payloadNames.contains(tree.nameID(c)) else {
                    throw ImportError(
                        message: "Unexpected element <\(tree.qName(c))> in <\(tree.qName(r))>",
                        elementPath: "\(tree.qName(r))/\(tree.qName(c))", line: tree.line(c))
                }
                if found != nil {
                    throw ImportError(
                        message: "Duplicate element <\(tree.qName(c))> in <\(tree.qName(r))>",
                        elementPath: "\(tree.qName(r))/\(tree.qName(c))", line: tree.line(c))
                }
                found = c
            }
            guard let found else {
                throw ImportError(
                    message: "Missing <stammdatenschema>, <datenfeldgruppe> or <datenfeld> in <\(tree.qName(r))>",
                    elementPath: tree.qName(r), line: tree.line(r))
            }
            payload = found
        }

        switch tree.nameID(payload) {
        case N.stammdatenschema:
            let schema = try readSchema(payload)
            return ImportResult(schema: schema, warnings: warnings, messageKind: .schema, elements: infos)
        case N.datenfeldgruppe:
            infos.append(ElementInfo(kind: .schema, id: "", elementPath: tree.qName(payload)))
            let group = try readGroup(payload, parentID: nil, cardinalityText: nil, structureLegalBasis: nil)
            infos[0].id = group.id
            infos[0].version = group.version
            let schema = wrap(.group(group), texts: group.texts, id: group.id, version: group.version)
            return ImportResult(schema: schema, warnings: warnings, messageKind: .group, elements: infos)
        default:
            infos.append(ElementInfo(kind: .schema, id: "", elementPath: tree.qName(payload)))
            let field = try readField(payload, parentID: nil, cardinalityText: nil, structureLegalBasis: nil)
            infos[0].id = field.id
            infos[0].version = field.version
            let schema = wrap(.field(field), texts: field.texts, id: field.id, version: field.version)
            return ImportResult(schema: schema, warnings: warnings, messageKind: .field, elements: infos)
        }
    }

    private func wrap(_ element: Element, texts: ElementTexts, id: String, version: String?) -> FormSchema {
        let keys = Self.leikaKeys(in: [texts.description, texts.definition, texts.legalBasis].compactMap { $0 })
        return FormSchema(
            id: id, version: version, xdfVersion: self.version, texts: texts, leikaKeys: keys,
            children: [ElementRef(element: element, cardinality: .one)], rules: rules)
    }

    // MARK: - Paths, messages

    func pathString(_ extra: Int? = nil) -> String {
        var parts = path.map { step in tree.qName(step.node) + (step.id.map { "[\($0)]" } ?? "") }
        if let extra { parts.append(tree.qName(extra)) }
        return parts.joined(separator: "/")
    }

    var currentID: String? {
        for step in path.reversed() {
            if let id = step.id { return id }
        }
        return nil
    }

    func error(_ message: String, at node: Int, extra: Bool = false) -> ImportError {
        ImportError(message: message, elementPath: pathString(extra ? node : nil), line: tree.line(node))
    }

    mutating func warn(_ message: String, at node: Int? = nil) {
        warnings.append(ImportWarning(message: message, elementPath: pathString(node), elementID: currentID))
    }

    /// The qualified name an element called `name` would have as a child of `node` ("xdf:id").
    func qualified(_ name: String, under node: Int) -> String {
        let p = tree.prefix(node)
        return p.isEmpty ? name : p + ":" + name
    }

    // MARK: - Children

    struct Spec {
        /// By name id: 0 unknown, 1 single-valued, 2 repeatable.
        var kinds: [UInt8]
        /// Closed: any other child is an error (else skipped with a warning).
        var closed: Bool

        init(single: Set<String>, multiple: Set<String> = [], closed: Bool) {
            kinds = [UInt8](repeating: 0, count: Name.table.count)
            for s in single { kinds[Name.id(s)] = 1 }
            for m in multiple { kinds[Name.id(m)] = 2 }
            self.closed = closed
        }

        @inline(__always) func kind(_ name: Int) -> UInt8 { name < kinds.count ? kinds[name] : 0 }
    }

    static let identificationSpec = Spec(single: ["id", "version"], closed: true)
    static let enthaeltSpec = Spec(single: ["datenfeld", "datenfeldgruppe"], closed: true)
    static let relationSpec = Spec(single: ["praedikat", "objekt"], closed: true)
    static let genericodeIdentificationSpec = Spec(
        single: ["canonicalIdentification", "version", "canonicalVersionUri"], closed: true)
    static let referenceSpecV2 = Spec(single: ["identifikation", "genericodeIdentification"], closed: true)
    static let valuesSpec = Spec(single: [], multiple: ["wert"], closed: true)
    static let valueSpec = Spec(single: ["code", "name", "hilfe"], closed: true)

    /// The known children of an element, in document order (an ignored empty duplicate left out).
    struct Children {
        var entries: [(name: Int, node: Int)] = []

        func first(_ name: Int) -> Int? {
            for e in entries where e.name == name { return e.node }
            return nil
        }

        func all(_ name: Int) -> [Int] { entries.filter { $0.name == name }.map(\.node) }
    }

    /// Sorts the children of `i` by the spec (the path must already include `i`).
    mutating func children(of i: Int, _ spec: Spec) throws(ImportError) -> Children {
        var out = Children()
        for c in tree.children(i) {
            let name = tree.nameID(c)
            let kind = tree.nodes[c].namespace == ns ? spec.kind(name) : 0
            if kind == 0 {
                if spec.closed {
                    let uri = tree.namespace(c)
                    let where_ = tree.nodes[c].namespace == ns || uri.isEmpty ? "" : " (namespace \(uri))"
                    throw error(
                        "Unexpected element <\(tree.qName(c))>\(where_) in <\(tree.qName(i))>", at: c, extra: true)
                }
                warn("Unknown element <\(tree.qName(c))> in <\(tree.qName(i))> skipped", at: c)
                continue
            }
            if kind == 1, let k = out.entries.firstIndex(where: { $0.name == name }) {
                let first = out.entries[k].node
                let a = tree.hasContent(first)
                let b = tree.hasContent(c)
                guard a != b else {
                    throw error("Duplicate element <\(tree.qName(c))> in <\(tree.qName(i))>", at: c, extra: true)
                }
                warn("Element <\(tree.qName(c))> given twice; the empty occurrence is ignored", at: c)
                if b { out.entries[k].node = c }
                continue
            }
            out.entries.append((name, c))
        }
        return out
    }

    func text(_ node: Int?) -> String? {
        node.flatMap { Text.clean(tree.nodes[$0].text) }
    }

    func text(_ ch: Children, _ name: Int) -> String? { text(ch.first(name)) }

    func texts(_ ch: Children, _ name: Int) -> [String] { ch.all(name).compactMap { text($0) } }

    // MARK: - Identification and codes

    /// Reads `identifikation` (or any ElementIdentifikation such as 3.0 `objekt`): id required and non-empty.
    mutating func readIdentification(_ i: Int) throws(ImportError) -> (id: String, version: String?) {
        path.append((i, nil))
        defer { path.removeLast() }
        let ch = try children(of: i, Self.identificationSpec)
        guard let idNode = ch.first(N.id) else {
            throw error("Missing <\(qualified("id", under: i))> in <\(tree.qName(i))>", at: i)
        }
        guard let id = text(idNode) else {
            throw error("Missing content in <\(tree.qName(idNode))> (empty id)", at: idNode, extra: true)
        }
        return (id, text(ch, N.version))
    }

    /// Finds and reads the `identifikation` child of an element before anything else, so that later messages
    /// can name the element's id.
    mutating func identify(_ i: Int) throws(ImportError) -> (id: String, version: String?) {
        path.append((i, nil))
        defer { path.removeLast() }
        for c in tree.children(i) where tree.nameID(c) == N.identifikation && tree.nodes[c].namespace == ns {
            return try readIdentification(c)
        }
        throw error("Missing <\(qualified("identifikation", under: i))> in <\(tree.qName(i))>", at: i)
    }

    /// Reads a code-typed element (`<xdf:feldart><code>select</code></xdf:feldart>`; `code` is unqualified).
    /// Returns nil when absent or empty; throws when the code is not in `allowed`.
    mutating func readCode(_ i: Int?, allowed: Set<String>?) throws(ImportError) -> String? {
        guard let i else { return nil }
        var codeNode: Int?
        for c in tree.children(i) {
            let namespace = tree.nodes[c].namespace
            guard tree.nameID(c) == N.code, namespace == 0 || namespace == ns else {
                path.append((i, nil))
                defer { path.removeLast() }
                throw error("Unexpected element <\(tree.qName(c))> in <\(tree.qName(i))>", at: c, extra: true)
            }
            if codeNode != nil {
                path.append((i, nil))
                defer { path.removeLast() }
                throw error("Duplicate element <\(tree.qName(c))> in <\(tree.qName(i))>", at: c, extra: true)
            }
            codeNode = c
        }
        guard let codeNode, let value = text(codeNode) else { return nil }
        if let allowed, !allowed.contains(value) {
            path.append((i, nil))
            defer { path.removeLast() }
            let expected = allowed.sorted().joined(separator: ", ")
            throw error(
                "Invalid value in <\(tree.qName(i))>: \(value) (expected one of \(expected))", at: codeNode,
                extra: true)
        }
        return value
    }

    static let statusV2: Set<String> = ["aktiv", "inaktiv", "inVorbereitung"]
    /// urn:xoev-de:xprozess:codeliste:status: 1 in Planung … 6 fachlich freigegeben (gold), 7 inaktiv,
    /// 8 vorgesehen zum Löschen.
    static let statusV3: Set<String> = ["1", "2", "3", "4", "5", "6", "7", "8"]
    static let elementTypes: Set<String> = ["ABS", "HAR", "RNG"]
    static let derivationStructure: Set<String> = ["0", "1", "2", "3"]
    static let derivationRepresentation: Set<String> = ["0", "1"]
    static let prefills: Set<String> = ["keine", "optional", "verpflichtend"]
    static let groupKinds: Set<String> = ["X"]
    static let ruleTypes: Set<String> = ["B", "K", "M", "V"]

    // MARK: - Element specs

    static func commonSingle(_ version: XDFVersion) -> Set<String> {
        switch version {
        case .v2:
            [
                "identifikation", "name", "bezeichnungEingabe", "bezeichnungAusgabe", "beschreibung", "definition",
                "bezug", "status", "gueltigAb", "gueltigBis", "fachlicherErsteller", "versionshinweis",
                "freigabedatum", "veroeffentlichungsdatum",
            ]
        case .v3:
            [
                "identifikation", "name", "beschreibung", "definition", "freigabestatus", "statusGesetztAm",
                "statusGesetztDurch", "gueltigAb", "gueltigBis", "versionshinweis", "veroeffentlichungsdatum",
                "letzteAenderung",
            ]
        }
    }
    static func commonMultiple(_ version: XDFVersion) -> Set<String> {
        version == .v2 ? [] : ["bezug", "relation", "stichwort"]
    }
    static func schemaElementSingle(_ version: XDFVersion) -> Set<String> {
        version == .v2
            ? ["schemaelementart", "hilfetextEingabe", "hilfetextAusgabe"]
            : ["bezeichnungEingabe", "bezeichnungAusgabe", "schemaelementart", "hilfetextEingabe", "hilfetextAusgabe"]
    }

    static func schemaSpec(_ version: XDFVersion) -> Spec {
        let extra: Set<String> =
            version == .v2
            ? ["hilfetext", "ableitungsmodifikationenStruktur", "ableitungsmodifikationenRepraesentation"]
            : [
                "bezeichnung", "hilfetext", "ableitungsmodifikationenStruktur",
                "ableitungsmodifikationenRepraesentation", "dokumentsteckbrief",
            ]
        return Spec(
            single: commonSingle(version).union(extra), multiple: commonMultiple(version).union(["regel", "struktur"]),
            closed: false)
    }
    static func groupSpec(_ version: XDFVersion) -> Spec {
        Spec(
            single: commonSingle(version).union(schemaElementSingle(version)).union(version == .v2 ? [] : ["art"]),
            multiple: commonMultiple(version).union(["regel", "struktur"]), closed: false)
    }
    static func fieldSpec(_ version: XDFVersion) -> Spec {
        let extra: Set<String> =
            version == .v2
            ? ["feldart", "datentyp", "praezisierung", "inhalt", "codelisteReferenz"]
            : [
                "feldart", "datentyp", "praezisierung", "inhalt", "vorbefuellung", "werte", "codelisteReferenz",
                "codeKey", "nameKey", "helpKey", "maxSize",
            ]
        return Spec(
            single: commonSingle(version).union(schemaElementSingle(version)).union(extra),
            multiple: commonMultiple(version).union(version == .v2 ? ["regel"] : ["regel", "mediaType"]),
            closed: false)
    }
    static func ruleSpec(_ version: XDFVersion) -> Spec {
        switch version {
        case .v2:
            Spec(single: commonSingle(version).union(["script"]), closed: false)
        case .v3:
            Spec(
                single: [
                    "identifikation", "name", "beschreibung", "freitextRegel", "fachlicherErsteller",
                    "letzteAenderung", "typ", "skript",
                ],
                multiple: ["bezug", "stichwort", "param", "ziel", "fehler"], closed: false)
        }
    }

    // MARK: - Shared element parts

    /// Texts and common facts of a schema, group or field.
    mutating func readCommon(
        _ ch: Children, kind: ElementInfo.Kind, id: String, version: String?, node: Int
    ) throws(ImportError) -> (ElementTexts, ElementInfo) {
        let name = text(ch, N.name) ?? ""
        let label = text(ch, kind == .schema && self.version == .v3 ? N.bezeichnung : N.bezeichnungEingabe)
        var legal: String?
        var links: [String] = []
        switch self.version {
        case .v2:
            legal = text(ch, N.bezug)
        case .v3:
            let all = texts(ch, N.bezug)
            legal = all.isEmpty ? nil : all.joined(separator: "\n")
            links = ch.all(N.bezug).compactMap { tree.nodes[$0].attributes["link"].flatMap(Text.clean) }
        }
        let t = ElementTexts(
            name: name, label: label ?? name, outputLabel: text(ch, N.bezeichnungAusgabe),
            description: text(ch, N.beschreibung), definition: text(ch, N.definition),
            hint: text(ch, kind == .schema ? N.hilfetext : N.hilfetextEingabe), legalBasis: legal)
        var info = ElementInfo(
            kind: kind, id: id, version: version, elementPath: pathString(), line: tree.line(node),
            hasInputLabel: label != nil, legalBasisLinks: links)
        switch self.version {
        case .v2:
            info.status = try readCode(ch.first(N.status), allowed: Self.statusV2)
            info.creator = text(ch, N.fachlicherErsteller)
        case .v3:
            info.status = try readCode(ch.first(N.freigabestatus), allowed: Self.statusV3)
            info.statusSetOn = text(ch, N.statusGesetztAm)
            info.creator = text(ch, N.statusGesetztDurch)
            for r in ch.all(N.relation) {
                info.relations.append(try readRelation(r))
            }
        }
        info.publishedOn = text(ch, N.veroeffentlichungsdatum)
        if kind != .schema {
            info.elementType = try readCode(ch.first(N.schemaelementart), allowed: Self.elementTypes)
        }
        return (t, info)
    }

    mutating func readRelation(_ i: Int) throws(ImportError) -> ElementInfo.Relation {
        path.append((i, nil))
        defer { path.removeLast() }
        let ch = try children(of: i, Self.relationSpec)
        let predicate = try readCode(ch.first(N.praedikat), allowed: nil)
        var object: String?
        if let o = ch.first(N.objekt), tree.hasContent(o) {
            object = try readIdentification(o).id
        }
        return ElementInfo.Relation(predicate: predicate, objectID: object)
    }

    // MARK: - Schema

    mutating func readSchema(_ i: Int) throws(ImportError) -> FormSchema {
        let (id, ver) = try identify(i)
        path.append((i, id))
        defer { path.removeLast() }
        let ch = try children(of: i, schemaSpec)
        var (t, info) = try readCommon(ch, kind: .schema, id: id, version: ver, node: i)
        info.derivationStructure = try readCode(
            ch.first(N.ableitungsmodifikationenStruktur), allowed: Self.derivationStructure)
        info.derivationRepresentation = try readCode(
            ch.first(N.ableitungsmodifikationenRepraesentation), allowed: Self.derivationRepresentation)
        if let d = ch.first(N.dokumentsteckbrief), tree.hasContent(d) {
            info.documentProfileID = try readIdentification(d).id
        }
        if version == .v3, !info.hasInputLabel, let l = text(ch, N.bezeichnungEingabe) {
            t.label = l
            info.hasInputLabel = true
        }
        infos.append(info)

        var children: [ElementRef] = []
        for (name, c) in ch.entries {
            switch name {
            case N.regel: _ = try readRule(c, owner: id)
            case N.struktur: children.append(try readStructure(c, parentID: id))
            default: continue
            }
        }

        var leikaSources = [t.description, t.definition, t.legalBasis].compactMap { $0 }
        for s in ch.all(N.stichwort) {
            if let v = text(s) { leikaSources.append(v) }
            if let u = tree.nodes[s].attributes["uri"] { leikaSources.append(u) }
        }
        return FormSchema(
            id: id, version: ver, xdfVersion: version, texts: t, leikaKeys: Self.leikaKeys(in: leikaSources),
            children: children, rules: rules)
    }

    /// 14-digit LeiKa keys (starting with 99) in free text, in order of appearance, without duplicates.
    static func leikaKeys(in sources: [String]) -> [String] {
        var keys: [String] = []
        for s in sources {
            let u = Array(s.utf8)
            var i = 0
            while i < u.count {
                guard u[i] >= 0x30 && u[i] <= 0x39 else {
                    i += 1
                    continue
                }
                var j = i
                while j < u.count, u[j] >= 0x30 && u[j] <= 0x39 { j += 1 }
                if j - i == 14, u[i] == 0x39, u[i + 1] == 0x39 {
                    let key = String(decoding: u[i..<j], as: UTF8.self)
                    if !keys.contains(key) { keys.append(key) }
                }
                i = j
            }
        }
        return keys
    }

    // MARK: - Structure

    mutating func readStructure(_ i: Int, parentID: String) throws(ImportError) -> ElementRef {
        path.append((i, nil))
        defer { path.removeLast() }
        let ch = try children(of: i, structureSpec)
        guard let anzahlNode = ch.first(N.anzahl) else {
            throw error("Missing <\(qualified("anzahl", under: i))> in <\(tree.qName(i))>", at: i)
        }
        let anzahl = text(anzahlNode) ?? ""
        guard let cardinality = Cardinality(anzahl: anzahl) else {
            throw error(
                "Invalid cardinality \"\(anzahl)\" in <\(tree.qName(anzahlNode))>: expected \"min:max\" with max "
                    + "\"*\" or a number ≥ min",
                at: anzahlNode, extra: true)
        }
        let legalParts = texts(ch, N.bezug)
        let legal = legalParts.isEmpty ? nil : legalParts.joined(separator: "\n")
        guard let enthaelt = ch.first(N.enthaelt) else {
            throw error("Missing <\(qualified("enthaelt", under: i))> in <\(tree.qName(i))>", at: i)
        }
        path.append((enthaelt, nil))
        defer { path.removeLast() }
        let inner = try children(of: enthaelt, Self.enthaeltSpec)
        guard inner.entries.count == 1 else {
            let what = inner.entries.isEmpty ? "is empty" : "holds both a datenfeld and a datenfeldgruppe"
            throw error(
                "<\(tree.qName(enthaelt))> \(what); it must hold exactly one datenfeld or datenfeldgruppe",
                at: enthaelt)
        }
        let (name, child) = inner.entries[0]
        let element: Element
        if name == N.datenfeld {
            element = .field(
                try readField(child, parentID: parentID, cardinalityText: anzahl, structureLegalBasis: legal))
        } else {
            element = .group(
                try readGroup(child, parentID: parentID, cardinalityText: anzahl, structureLegalBasis: legal))
        }
        return ElementRef(element: element, cardinality: cardinality)
    }

    // MARK: - Group

    mutating func readGroup(
        _ i: Int, parentID: String?, cardinalityText: String?, structureLegalBasis: String?
    ) throws(ImportError) -> Group {
        let (id, ver) = try identify(i)
        path.append((i, id))
        defer { path.removeLast() }
        let ch = try children(of: i, groupSpec)
        let (t, common) = try readCommon(ch, kind: .group, id: id, version: ver, node: i)
        var info = common
        info.parentID = parentID
        info.cardinalityText = cardinalityText
        info.structureLegalBasis = structureLegalBasis
        info.groupKind = try readCode(ch.first(N.art), allowed: Self.groupKinds)
        infos.append(info)

        var children: [ElementRef] = []
        var ruleIDs: [String] = []
        for (name, c) in ch.entries {
            switch name {
            case N.regel: ruleIDs.append(try readRule(c, owner: id))
            case N.struktur: children.append(try readStructure(c, parentID: id))
            default: continue
            }
        }
        return Group(id: id, version: ver, texts: t, children: children, ruleIDs: ruleIDs)
    }

    // MARK: - Field

    mutating func readField(
        _ i: Int, parentID: String?, cardinalityText: String?, structureLegalBasis: String?
    ) throws(ImportError) -> Field {
        let (id, ver) = try identify(i)
        path.append((i, id))
        defer { path.removeLast() }
        let ch = try children(of: i, fieldSpec)
        let (t, common) = try readCommon(ch, kind: .field, id: id, version: ver, node: i)
        var info = common
        info.parentID = parentID
        info.cardinalityText = cardinalityText
        info.structureLegalBasis = structureLegalBasis

        guard let kindNode = ch.first(N.feldart) else {
            throw error("Missing <\(qualified("feldart", under: i))> in datenfeld \(id)", at: i)
        }
        guard let kindCode = try readCode(kindNode, allowed: fieldKinds), let kind = FieldKind(rawValue: kindCode)
        else {
            throw error("Missing code in <\(tree.qName(kindNode))> of datenfeld \(id)", at: kindNode, extra: true)
        }
        guard let typeNode = ch.first(N.datentyp) else {
            throw error("Missing <\(qualified("datentyp", under: i))> in datenfeld \(id)", at: i)
        }
        guard let typeCode = try readCode(typeNode, allowed: dataTypes), let dataType = DataType(rawValue: typeCode)
        else {
            throw error("Missing code in <\(tree.qName(typeNode))> of datenfeld \(id)", at: typeNode, extra: true)
        }

        var constraints = Constraints()
        if let p = ch.first(N.praezisierung) {
            constraints = readPrecision(p, info: &info)
        }
        if version == .v3 {
            if let s = ch.first(N.maxSize), let v = text(s) {
                if let n = Int(v), n > 0 {
                    constraints.maxSize = n
                } else {
                    warn("maxSize is not a positive integer and was ignored: \(v)", at: s)
                }
                info.precision["maxSize"] = v
            }
            constraints.mediaTypes += texts(ch, N.mediaType)
            info.prefill = try readCode(ch.first(N.vorbefuellung), allowed: Self.prefills)
            info.codeKey = text(ch, N.codeKey)
            info.nameKey = text(ch, N.nameKey)
            info.helpKey = text(ch, N.helpKey)
        }

        var codeList: CodeList?
        if let r = ch.first(N.codelisteReferenz) {
            codeList = try readCodeListReference(r, info: &info)
        }
        if let w = ch.first(N.werte) {
            let values = try readValues(w)
            if codeList != nil {
                warn("Field has both codelisteReferenz and werte; the embedded werte are used", at: w)
            }
            codeList = CodeList(uri: "", entries: values)
        }
        if kind == .select && codeList == nil {
            warn("Select field without code list or values")
        }

        infos.append(info)
        var ruleIDs: [String] = []
        for r in ch.all(N.regel) {
            ruleIDs.append(try readRule(r, owner: id))
        }
        return Field(
            id: id, version: ver, texts: t, kind: kind, dataType: dataType, constraints: constraints,
            codeList: codeList, content: text(ch, N.inhalt), ruleIDs: ruleIDs)
    }

    /// 2.0: JSON text; 3.0: attributes. Lenient: unparseable or unknown parts become warnings.
    mutating func readPrecision(_ p: Int, info: inout ElementInfo) -> Constraints {
        var raw: [(key: String, value: String)] = []
        switch version {
        case .v2:
            guard let json = text(p) else { return Constraints() }
            guard let members = FlatJSON.parseObject(json) else {
                warn("Präzisierung is not a JSON object and was ignored: \(json)", at: p)
                return Constraints()
            }
            for (k, v) in members {
                if let s = v.text { raw.append((k, s)) }
            }
        case .v3:
            let attributes = tree.nodes[p].attributes
            let known = ["minLength", "maxLength", "minValue", "maxValue", "pattern"]
            for k in known {
                if let v = attributes[k] { raw.append((k, v)) }
            }
            for k in attributes.keys.sorted() where !known.contains(k) {
                warn("Unknown Präzisierung attribute \"\(k)\" ignored", at: p)
            }
            if let body = text(p) {
                warn("Text content of Präzisierung ignored: \(body)", at: p)
            }
        }
        let (c, problems) = Precision.constraints(from: raw)
        for problem in problems { warn(problem, at: p) }
        for (k, v) in raw { info.precision[k] = v }
        return c
    }

    mutating func readCodeListReference(_ r: Int, info: inout ElementInfo) throws(ImportError) -> CodeList? {
        path.append((r, nil))
        defer { path.removeLast() }
        var ref = CodeListResolver.Reference()
        switch version {
        case .v2:
            let ch = try children(of: r, Self.referenceSpecV2)
            if let ident = ch.first(N.identifikation) {
                path.append((ident, nil))
                let ich = try children(of: ident, Self.identificationSpec)
                path.removeLast()
                ref.id = text(ich, N.id)
            }
            if let g = ch.first(N.genericodeIdentification) {
                path.append((g, nil))
                let gch = try children(of: g, Self.genericodeIdentificationSpec)
                path.removeLast()
                ref.canonicalURI = text(gch, N.canonicalIdentification)
                ref.version = text(gch, N.version)
                ref.canonicalVersionURI = text(gch, N.canonicalVersionUri)
            }
        case .v3:
            let ch = try children(of: r, Self.genericodeIdentificationSpec)
            ref.canonicalURI = text(ch, N.canonicalIdentification)
            ref.version = text(ch, N.version)
            ref.canonicalVersionURI = text(ch, N.canonicalVersionUri)
        }
        if ref.id == nil && ref.canonicalURI == nil && ref.canonicalVersionURI == nil {
            warn("Empty <\(tree.qName(r))> ignored")
            return nil
        }
        var list = CodeList(uri: ref.canonicalURI ?? "", version: ref.version, id: ref.id)
        guard let resolver else { return list }
        let name = ref.id ?? ref.canonicalVersionURI ?? ref.canonicalURI ?? ""
        switch resolver.resolve(ref) {
        case .found(let table, _, let note):
            if let note { warn("Code list \(name): \(note)") }
            for (key, column) in [("codeKey", info.codeKey), ("nameKey", info.nameKey), ("helpKey", info.helpKey)] {
                if let column, !table.hasColumn(column) {
                    info.missingCodeListColumns.append(column)
                    warn("Code list \(name) has no column \"\(column)\" named by \(key)")
                }
            }
            let resolved = table.codeList(codeColumn: info.codeKey, labelColumn: info.nameKey)
            list.entries = resolved.entries
            if list.uri.isEmpty { list.uri = resolved.uri }
            if list.version == nil { list.version = resolved.version }
        case .notFound:
            warn("Code list \(name) not found in \(resolver.location); its entries are left empty")
        }
        return list
    }

    mutating func readValues(_ w: Int) throws(ImportError) -> [CodeListEntry] {
        path.append((w, nil))
        defer { path.removeLast() }
        let ch = try children(of: w, Self.valuesSpec)
        var entries: [CodeListEntry] = []
        for v in ch.all(N.wert) {
            path.append((v, nil))
            let vch = try children(of: v, Self.valueSpec)
            path.removeLast()
            guard let code = text(vch, N.code) else {
                warn("Value without code ignored", at: v)
                continue
            }
            entries.append(CodeListEntry(code: code, label: text(vch, N.name) ?? code))
        }
        return entries
    }

    // MARK: - Rule

    /// Reads a `regel`, registers it once by id, returns its id.
    mutating func readRule(_ i: Int, owner: String?) throws(ImportError) -> String {
        let (id, ver) = try identify(i)
        path.append((i, id))
        defer { path.removeLast() }
        let ch = try children(of: i, ruleSpec)
        if let existing = ruleIndex[id] {
            if rules[existing].version != ver {
                warn(
                    "Rule \(id) appears in versions \(rules[existing].version ?? "none") and \(ver ?? "none"); "
                        + "the first is kept")
            }
            return id
        }
        let name = text(ch, N.name) ?? ""
        var info = ElementInfo(kind: .rule, id: id, version: ver, elementPath: pathString(), line: tree.line(i))
        info.parentID = owner
        let texts: ElementTexts
        let script: String?
        switch version {
        case .v2:
            texts = ElementTexts(
                name: name, label: text(ch, N.bezeichnungEingabe) ?? name,
                outputLabel: text(ch, N.bezeichnungAusgabe), description: text(ch, N.beschreibung),
                definition: text(ch, N.definition), legalBasis: text(ch, N.bezug))
            script = Self.normalisedScript(text(ch, N.script))
            info.status = try readCode(ch.first(N.status), allowed: Self.statusV2)
            info.creator = text(ch, N.fachlicherErsteller)
            info.publishedOn = text(ch, N.veroeffentlichungsdatum)
        case .v3:
            let legal = self.texts(ch, N.bezug)
            texts = ElementTexts(
                name: name, label: name, description: text(ch, N.beschreibung),
                definition: text(ch, N.freitextRegel), legalBasis: legal.isEmpty ? nil : legal.joined(separator: "\n"))
            script = Self.normalisedScript(text(ch, N.skript))
            info.ruleType = try readCode(ch.first(N.typ), allowed: Self.ruleTypes)
            info.creator = text(ch, N.fachlicherErsteller)
            info.legalBasisLinks = ch.all(N.bezug).compactMap { tree.nodes[$0].attributes["link"].flatMap(Text.clean) }
        }
        ruleIndex[id] = rules.count
        rules.append(Rule(id: id, version: ver, texts: texts, script: script))
        infos.append(info)
        return id
    }

    /// Trimmed script; nil when empty or an empty function (`function script() { }`).
    static func normalisedScript(_ s: String?) -> String? {
        guard let s = s.flatMap(Text.clean) else { return nil }
        if s.hasPrefix("function"), s.hasSuffix("}"), let open = s.firstIndex(of: "{") {
            let body = s[s.index(after: open)..<s.index(before: s.endIndex)]
            if body.allSatisfy(\.isWhitespace) { return nil }
        }
        return s
    }
}
