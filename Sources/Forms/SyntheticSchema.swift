import Foundation

/// Generates realistic XDatenfelder documents of any size for benchmarks and load tests.
public enum SyntheticSchema {
    /// An XDatenfelder 2.0 stammdatenschema with exactly `fields` field occurrences and `groups` groups
    /// (distinct ids). Every fifth group is nested in the group before it; fields are spread round-robin.
    /// Field mix: text inputs with Präzisierung JSON (lengths, patterns), selects with code list references,
    /// dates with bounds, numbers with value ranges, static labels, booleans; hints on most fields; a rule on
    /// every tenth group and a schema-level rule.
    public static func xdf2(fields: Int, groups: Int) -> Data {
        let groups = max(groups, fields > 0 ? 1 : 0)
        var groupFields = [[Int]](repeating: [], count: groups)
        for f in 0..<fields { groupFields[f % max(groups, 1)].append(f) }
        // Nesting: group g (g % 5 == 4) lives inside group g - 1; all others are top level.
        var nested = [[Int]](repeating: [], count: groups)
        var topLevel: [Int] = []
        for g in 0..<groups {
            if g % 5 == 4 {
                nested[g - 1].append(g)
            } else {
                topLevel.append(g)
            }
        }

        var out = ""
        out.reserveCapacity(fields * 1_700 + groups * 1_400 + 4_000)
        out += """
            <?xml version="1.0" encoding="UTF-8"?>
            <xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2">
              <xdf:header>
                <xdf:nachrichtID>SYNTH\(fields)x\(groups)</xdf:nachrichtID>
                <xdf:erstellungszeitpunkt>2024-01-01T00:00:00Z</xdf:erstellungszeitpunkt>
              </xdf:header>
              <xdf:stammdatenschema>
                <xdf:identifikation><xdf:id>S99000001</xdf:id><xdf:version>1.0</xdf:version></xdf:identifikation>
                <xdf:name>Synthetischer Antrag (\(fields) Felder, \(groups) Gruppen)</xdf:name>
                <xdf:bezeichnungEingabe>Synthetischer Antrag</xdf:bezeichnungEingabe>
                <xdf:beschreibung>Erzeugt für Lasttests. Leistung 99999001001000.</xdf:beschreibung>
                <xdf:definition>Testschema</xdf:definition>
                <xdf:bezug>§ 1 Testgesetz</xdf:bezug>
            \(status(4))
                <xdf:fachlicherErsteller>Amtsweg</xdf:fachlicherErsteller>
                <xdf:veroeffentlichungsdatum>2024-01-01</xdf:veroeffentlichungsdatum>
                <xdf:ableitungsmodifikationenStruktur listURI="urn:xoev-de:fim:codeliste:xdatenfelder.ableitungsmodifikationenStruktur" listVersionID="1.0"><code>3</code></xdf:ableitungsmodifikationenStruktur>
                <xdf:ableitungsmodifikationenRepraesentation listURI="urn:xoev-de:fim:codeliste:xdatenfelder.ableitungsmodifikationenRepraesentation" listVersionID="1.0"><code>1</code></xdf:ableitungsmodifikationenRepraesentation>

            """
        out += rule("R99000000", indent: 4)
        for g in topLevel {
            appendGroup(g, into: &out, indent: 4, fields: groupFields, nested: nested)
        }
        out += "  </xdf:stammdatenschema>\n</xdf:xdatenfelder.stammdatenschema.0102>\n"
        return Data(out.utf8)
    }

    private static func status(_ indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        return pad
            + "<xdf:status listURI=\"urn:xoev-de:fim:codeliste:xdatenfelder.status\" listVersionID=\"1.0\">"
            + "<code>aktiv</code></xdf:status>"
    }

    private static func code(_ element: String, _ list: String, _ value: String, _ pad: String) -> String {
        "\(pad)<xdf:\(element) listURI=\"urn:xoev-de:fim:codeliste:xdatenfelder.\(list)\" listVersionID=\"1.0\">"
            + "<code>\(value)</code></xdf:\(element)>\n"
    }

    private static func rule(_ id: String, indent: Int) -> String {
        let p = String(repeating: " ", count: indent)
        return """
            \(p)<xdf:regel>
            \(p)  <xdf:identifikation><xdf:id>\(id)</xdf:id><xdf:version>1.0</xdf:version></xdf:identifikation>
            \(p)  <xdf:name>Regel \(id)</xdf:name>
            \(p)  <xdf:bezeichnungEingabe></xdf:bezeichnungEingabe>
            \(p)  <xdf:beschreibung></xdf:beschreibung>
            \(p)  <xdf:definition>Wenn das erste Feld der Gruppe befüllt ist, ist das zweite Pflicht.</xdf:definition>
            \(p)  <xdf:bezug></xdf:bezug>
            \(status(indent + 2))
            \(p)  <xdf:fachlicherErsteller>Amtsweg</xdf:fachlicherErsteller>
            \(p)  <xdf:script>function script() {&#xD;
            \(p)  }</xdf:script>
            \(p)</xdf:regel>

            """
    }

    private static func appendGroup(_ g: Int, into out: inout String, indent: Int, fields: [[Int]], nested: [[Int]]) {
        let p = String(repeating: " ", count: indent)
        let id = "G99" + pad(g, 6)
        let cardinality = g % 7 == 3 ? "0:1" : (g % 11 == 5 ? "1:*" : "1:1")
        out += """
            \(p)<xdf:struktur>
            \(p)  <xdf:anzahl>\(cardinality)</xdf:anzahl>
            \(p)  <xdf:bezug></xdf:bezug>
            \(p)  <xdf:enthaelt>
            \(p)    <xdf:datenfeldgruppe>
            \(p)      <xdf:identifikation><xdf:id>\(id)</xdf:id><xdf:version>1.0</xdf:version></xdf:identifikation>
            \(p)      <xdf:name>Gruppe \(g + 1)</xdf:name>
            \(p)      <xdf:bezeichnungEingabe>Angaben zu Abschnitt \(g + 1)</xdf:bezeichnungEingabe>
            \(p)      <xdf:bezeichnungAusgabe>Abschnitt \(g + 1)</xdf:bezeichnungAusgabe>
            \(p)      <xdf:beschreibung></xdf:beschreibung>
            \(p)      <xdf:definition></xdf:definition>
            \(p)      <xdf:bezug>§ \(g + 1) Testverordnung</xdf:bezug>
            \(status(indent + 6))
            \(p)      <xdf:fachlicherErsteller>Amtsweg</xdf:fachlicherErsteller>
            \(code("schemaelementart", "schemaelementart", "RNG", p + "      "))\
            \(p)      <xdf:hilfetextEingabe>Bitte machen Sie Angaben zu Abschnitt \(g + 1).</xdf:hilfetextEingabe>
            \(p)      <xdf:hilfetextAusgabe></xdf:hilfetextAusgabe>

            """
        if g % 10 == 0 { out += rule("R99" + pad(g + 1, 6), indent: indent + 6) }
        for f in fields[g] { appendField(f, into: &out, indent: indent + 6) }
        for child in nested[g] { appendGroup(child, into: &out, indent: indent + 6, fields: fields, nested: nested) }
        out += "\(p)    </xdf:datenfeldgruppe>\n\(p)  </xdf:enthaelt>\n\(p)</xdf:struktur>\n"
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private static func appendField(_ f: Int, into out: inout String, indent: Int) {
        let p = String(repeating: " ", count: indent)
        let id = "F99" + pad(f, 6)
        let variant = f % 10
        let kind: String
        let type: String
        var precision = ""
        var content = ""
        var reference = ""
        var name = "Angabe \(f + 1)"
        switch variant {
        case 0, 1, 2:
            kind = "input"
            type = "text"
            precision = #"{"minLength":"1","maxLength":"\#(50 + f % 70)"}"#
            name = ["Familienname", "Vorname", "Straße"][variant] + " \(f + 1)"
        case 3:
            kind = "input"
            type = "text"
            precision = #"{"minLength":"5","pattern":"([0]{1}[1-9]{1}|[1-9]{1}[0-9]{1})[0-9]{3}","maxLength":"5"}"#
            name = "Postleitzahl \(f + 1)"
        case 4, 5:
            kind = "select"
            type = "text"
            let list = "C99" + pad(f % 20, 6)
            reference = """
                \(p)  <xdf:codelisteReferenz>
                \(p)    <xdf:identifikation><xdf:id>\(list)</xdf:id></xdf:identifikation>
                \(p)    <xdf:genericodeIdentification>
                \(p)      <xdf:canonicalIdentification>urn:de:amtsweg:codeliste:test\(f % 20)</xdf:canonicalIdentification>
                \(p)      <xdf:version>2024-01-01</xdf:version>
                \(p)      <xdf:canonicalVersionUri>urn:de:amtsweg:codeliste:test\(f % 20)_2024-01-01</xdf:canonicalVersionUri>
                \(p)    </xdf:genericodeIdentification>
                \(p)  </xdf:codelisteReferenz>

                """
            name = "Auswahl \(f + 1)"
        case 6:
            kind = "input"
            type = "date"
            precision = #"{"minValue":"1900-01-01","maxValue":"2100-12-31"}"#
            name = "Datum \(f + 1)"
        case 7:
            kind = "input"
            type = f % 20 == 7 ? "num_currency" : "num_int"
            precision = #"{"minValue":0,"maxValue":"99999"}"#
            name = "Anzahl \(f + 1)"
        case 8:
            kind = "label"
            type = "text"
            content = "Hinweis: Die folgenden Angaben sind freiwillig (\(f + 1))."
            name = "Hinweistext \(f + 1)"
        default:
            kind = "input"
            type = "bool"
            name = "Bestätigung \(f + 1)"
        }
        let cardinality = f % 9 == 4 ? "0:1" : (f % 13 == 6 ? "0:*" : "1:1")
        out += """
            \(p)<xdf:struktur>
            \(p)  <xdf:anzahl>\(cardinality)</xdf:anzahl>
            \(p)  <xdf:bezug></xdf:bezug>
            \(p)  <xdf:enthaelt>
            \(p)    <xdf:datenfeld>
            \(p)      <xdf:identifikation><xdf:id>\(id)</xdf:id><xdf:version>1.0</xdf:version></xdf:identifikation>
            \(p)      <xdf:name>\(name)</xdf:name>
            \(p)      <xdf:bezeichnungEingabe>\(name)</xdf:bezeichnungEingabe>
            \(p)      <xdf:bezeichnungAusgabe>\(name)</xdf:bezeichnungAusgabe>
            \(p)      <xdf:beschreibung></xdf:beschreibung>
            \(p)      <xdf:definition></xdf:definition>
            \(p)      <xdf:bezug>§ \(f % 40 + 1) Testverordnung</xdf:bezug>
            \(status(indent + 6))
            \(p)      <xdf:fachlicherErsteller>Amtsweg</xdf:fachlicherErsteller>
            \(code("schemaelementart", "schemaelementart", "RNG", p + "      "))\
            \(p)      <xdf:hilfetextEingabe>\(f % 4 == 3 ? "" : "Geben Sie \(name) an.")</xdf:hilfetextEingabe>
            \(p)      <xdf:hilfetextAusgabe></xdf:hilfetextAusgabe>
            \(code("feldart", "feldart", kind, p + "      "))\
            \(code("datentyp", "datentyp", type, p + "      "))\
            \(p)      <xdf:praezisierung>\(precision)</xdf:praezisierung>
            \(p)      <xdf:inhalt>\(content)</xdf:inhalt>
            \(reference.isEmpty ? "" : indentBlock(reference, by: 4))\
            \(p)    </xdf:datenfeld>
            \(p)  </xdf:enthaelt>
            \(p)</xdf:struktur>

            """
    }

    private static func indentBlock(_ s: String, by n: Int) -> String {
        let pad = String(repeating: " ", count: n)
        return s.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }
            .joined(separator: "\n")
    }
}
