import Foundation
import XMLReading

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
    /// The names and the XDatenfelder namespaces, for `XMLReader`.
    static let vocabulary = XMLVocabulary(
        names: table, namespaces: [XDatenfelder.namespaceV2, XDatenfelder.namespaceV3])

    static func id(_ s: String) -> Int { vocabulary.ids[s]! }
}

/// The reader's tree and the reader itself live in `XMLReading`; the FIM readers see them under these names.
typealias XMLTree = XMLReading.XMLTree
typealias XMLReader = XMLReading.XMLReader

extension XMLTree {
    /// Reads a document with `XMLReader` (strict XML 1.0 with namespaces, UTF-8 only, no entity expansion), with
    /// the FIM names (`Name.table`, ids as in `N`) and the XDatenfelder namespaces (indices 1 and 2) known.
    static func parse(_ data: Data) throws(ImportError) -> XMLTree {
        do {
            return try parse(data, vocabulary: Name.vocabulary)
        } catch {
            throw ImportError(message: error.message, elementPath: error.elementPath, line: error.line)
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
