import Foundation

/// Element names the readers look for, interned to small integers so that the readers compare and look up
/// integers instead of hashing strings. Names not listed get ids past the table, per document.
enum Name {
    static let table: [String] = [
        // XDatenfelder 2.0 / 3.0.0
        "xdatenfelder.stammdatenschema.0102", "xdatenfelder.datenfeldgruppe.0103", "xdatenfelder.datenfeld.0104",
        "header", "stammdatenschema", "datenfeldgruppe", "datenfeld", "regel", "struktur", "anzahl", "enthaelt",
        "identifikation", "id", "version", "name", "bezeichnung", "bezeichnungEingabe", "bezeichnungAusgabe",
        "beschreibung", "definition", "bezug", "status", "freigabestatus", "statusGesetztAm", "statusGesetztDurch",
        "gueltigAb", "gueltigBis", "fachlicherErsteller", "versionshinweis", "freigabedatum",
        "veroeffentlichungsdatum", "letzteAenderung", "relation", "praedikat", "objekt", "stichwort",
        "schemaelementart", "hilfetext", "hilfetextEingabe", "hilfetextAusgabe", "ableitungsmodifikationenStruktur",
        "ableitungsmodifikationenRepraesentation", "dokumentsteckbrief", "art", "feldart", "datentyp",
        "praezisierung", "inhalt", "vorbefuellung", "werte", "wert", "hilfe", "codelisteReferenz",
        "genericodeIdentification", "canonicalIdentification", "canonicalVersionUri", "codeKey", "nameKey",
        "helpKey", "maxSize", "mediaType", "script", "skript", "freitextRegel", "typ", "param", "ziel", "fehler",
        "code",
    ]
    static let ids: [String: Int] = Dictionary(
        table.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })

    static func id(_ s: String) -> Int { ids[s]! }
}

/// One element of a parsed document, stored in a flat arena (`XMLTree.nodes`) and addressed by index.
/// Children are linked (first child, next sibling) to avoid an array per element.
struct XMLNode {
    /// Interned local name: index into `XMLTree.names`.
    var name: Int32
    /// Index into `XMLTree.namespaces` (0 = no namespace).
    var namespace: Int32
    /// The name as written, e.g. "xdf:datenfeld" (one string per distinct name in a document).
    var qName: String
    var attributes: [String: String]
    /// Character data of an element without child elements (raw, not trimmed).
    var text: String
    var firstChild: Int32 = -1
    var lastChild: Int32 = -1
    var nextSibling: Int32 = -1
    var line: Int32
}

/// A compact element tree built by `XMLReader` in one pass. No entity expansion beyond the XML built-ins and
/// character references, no DTDs, nothing fetched. Character data around child elements (indentation) is dropped.
struct XMLTree {
    var nodes: [XMLNode]
    /// Local names by id: `Name.table` first, then names met in this document.
    var names: [String]
    /// Namespace URIs by index; index 0 is "" (none).
    var namespaces: [String]
    var root: Int { 0 }

    /// Reads a document with `XMLReader` (strict XML 1.0 with namespaces, UTF-8 only, no entity expansion).
    static func parse(_ data: Data) throws(ImportError) -> XMLTree {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(ImportError) -> XMLTree in try XMLReader.parse(raw.bindMemory(to: UInt8.self)) }
        }
        return try result.get()
    }

    @inline(__always) func nameID(_ i: Int) -> Int { Int(nodes[i].name) }
    func name(_ i: Int) -> String { names[Int(nodes[i].name)] }
    func namespace(_ i: Int) -> String { namespaces[Int(nodes[i].namespace)] }
    /// The name as written, e.g. "xdf:datenfeld".
    func qName(_ i: Int) -> String { nodes[i].qName }
    /// "xdf" for "xdf:datenfeld", "" without prefix.
    func prefix(_ i: Int) -> String {
        let q = nodes[i].qName
        guard let colon = q.firstIndex(of: ":") else { return "" }
        return String(q[..<colon])
    }
    func line(_ i: Int) -> Int { Int(nodes[i].line) }

    /// Child element indices in document order.
    func children(_ i: Int) -> ChildSequence { ChildSequence(nodes: nodes, first: nodes[i].firstChild) }

    func hasChildren(_ i: Int) -> Bool { nodes[i].firstChild >= 0 }

    /// Has child elements, attributes or non-blank text.
    func hasContent(_ i: Int) -> Bool {
        nodes[i].firstChild >= 0 || !nodes[i].attributes.isEmpty || !Text.isBlank(nodes[i].text)
    }

    /// The first child with the given local name, in any namespace.
    func child(_ i: Int, named name: String) -> Int? {
        guard let id = indexOfName(name) else { return nil }
        return children(i).first { Int(nodes[$0].name) == id }
    }

    func indexOfName(_ s: String) -> Int? {
        if let id = Name.ids[s] { return id }
        guard names.count > Name.table.count else { return nil }
        return names[Name.table.count...].firstIndex(of: s)
    }

    struct ChildSequence: Sequence, IteratorProtocol {
        let nodes: [XMLNode]
        var current: Int32
        init(nodes: [XMLNode], first: Int32) {
            self.nodes = nodes
            self.current = first
        }
        mutating func next() -> Int? {
            guard current >= 0 else { return nil }
            let c = Int(current)
            current = nodes[c].nextSibling
            return c
        }
    }
}

/// Text clean-up shared by the readers: trim, normalise carriage returns (`&#xD;` in real exports).
enum Text {
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    static func isBlank(_ s: String) -> Bool {
        s.utf8.allSatisfy(isSpace)
    }

    static func trim(_ s: String) -> String {
        let u = s.utf8
        var start = u.startIndex
        var end = u.endIndex
        while start < end, isSpace(u[start]) { start = u.index(after: start) }
        while end > start, isSpace(u[u.index(before: end)]) { end = u.index(before: end) }
        if start == u.startIndex && end == u.endIndex { return s }
        return String(s[start..<end])
    }

    /// Trimmed, line breaks normalised to "\n"; nil when nothing is left.
    static func clean(_ s: String) -> String? {
        var t = trim(s)
        if t.isEmpty { return nil }
        if t.utf8.contains(0x0D) {
            t = t.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            t = trim(t)
            if t.isEmpty { return nil }
        }
        return t
    }
}

/// Ids of the names in `Name.table`.
enum N {
    static let header = Name.id("header")
    static let stammdatenschema = Name.id("stammdatenschema")
    static let datenfeldgruppe = Name.id("datenfeldgruppe")
    static let datenfeld = Name.id("datenfeld")
    static let regel = Name.id("regel")
    static let struktur = Name.id("struktur")
    static let anzahl = Name.id("anzahl")
    static let enthaelt = Name.id("enthaelt")
    static let identifikation = Name.id("identifikation")
    static let id = Name.id("id")
    static let version = Name.id("version")
    static let name = Name.id("name")
    static let bezeichnung = Name.id("bezeichnung")
    static let bezeichnungEingabe = Name.id("bezeichnungEingabe")
    static let bezeichnungAusgabe = Name.id("bezeichnungAusgabe")
    static let beschreibung = Name.id("beschreibung")
    static let definition = Name.id("definition")
    static let bezug = Name.id("bezug")
    static let status = Name.id("status")
    static let freigabestatus = Name.id("freigabestatus")
    static let statusGesetztAm = Name.id("statusGesetztAm")
    static let statusGesetztDurch = Name.id("statusGesetztDurch")
    static let gueltigAb = Name.id("gueltigAb")
    static let gueltigBis = Name.id("gueltigBis")
    static let fachlicherErsteller = Name.id("fachlicherErsteller")
    static let versionshinweis = Name.id("versionshinweis")
    static let freigabedatum = Name.id("freigabedatum")
    static let veroeffentlichungsdatum = Name.id("veroeffentlichungsdatum")
    static let letzteAenderung = Name.id("letzteAenderung")
    static let relation = Name.id("relation")
    static let praedikat = Name.id("praedikat")
    static let objekt = Name.id("objekt")
    static let stichwort = Name.id("stichwort")
    static let schemaelementart = Name.id("schemaelementart")
    static let hilfetext = Name.id("hilfetext")
    static let hilfetextEingabe = Name.id("hilfetextEingabe")
    static let hilfetextAusgabe = Name.id("hilfetextAusgabe")
    static let ableitungsmodifikationenStruktur = Name.id("ableitungsmodifikationenStruktur")
    static let ableitungsmodifikationenRepraesentation = Name.id("ableitungsmodifikationenRepraesentation")
    static let dokumentsteckbrief = Name.id("dokumentsteckbrief")
    static let art = Name.id("art")
    static let feldart = Name.id("feldart")
    static let datentyp = Name.id("datentyp")
    static let praezisierung = Name.id("praezisierung")
    static let inhalt = Name.id("inhalt")
    static let vorbefuellung = Name.id("vorbefuellung")
    static let werte = Name.id("werte")
    static let wert = Name.id("wert")
    static let hilfe = Name.id("hilfe")
    static let codelisteReferenz = Name.id("codelisteReferenz")
    static let genericodeIdentification = Name.id("genericodeIdentification")
    static let canonicalIdentification = Name.id("canonicalIdentification")
    static let canonicalVersionUri = Name.id("canonicalVersionUri")
    static let codeKey = Name.id("codeKey")
    static let nameKey = Name.id("nameKey")
    static let helpKey = Name.id("helpKey")
    static let maxSize = Name.id("maxSize")
    static let mediaType = Name.id("mediaType")
    static let script = Name.id("script")
    static let skript = Name.id("skript")
    static let freitextRegel = Name.id("freitextRegel")
    static let typ = Name.id("typ")
    static let param = Name.id("param")
    static let ziel = Name.id("ziel")
    static let fehler = Name.id("fehler")
    static let code = Name.id("code")
}
