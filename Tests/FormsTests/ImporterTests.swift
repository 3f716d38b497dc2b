import Forms
import Foundation
import Testing

@Suite("Importer: strictness")
struct StrictnessTests {
    @Test(arguments: ["2:1", "1", "a:b", "1:", ":1", "-1:2", "1:+2", "1:*:2", ""])
    func invalidCardinality(_ anzahl: String) throws {
        let e = try #require(importError { try XDatenfelder.parse(xdf2(field2(anzahl: anzahl))) })
        #expect(e.message.contains("Invalid cardinality \"\(anzahl)\""))
        #expect(e.elementPath == "xdf:stammdatenschema[S05000001]/xdf:struktur/xdf:anzahl")
    }

    @Test(arguments: [
        ("0:1", Cardinality.optional), ("1:*", Cardinality(min: 1, max: nil)), ("2:7", Cardinality(min: 2, max: 7)),
        ("3:3", Cardinality(min: 3, max: 3)), (" 0:* ", Cardinality(min: 0, max: nil)),
    ])
    func validCardinality(_ anzahl: String, _ expected: Cardinality) throws {
        let r = try XDatenfelder.parse(xdf2(field2(anzahl: anzahl)))
        #expect(r.schema.children.first?.cardinality == expected)
    }

    @Test func missingCardinality() throws {
        let xml = xdf2(field2().replacingOccurrences(of: "<xdf:anzahl>1:1</xdf:anzahl>", with: ""))
        let e = try #require(importError { try XDatenfelder.parse(xml) })
        #expect(e.message.contains("Missing <xdf:anzahl> in <xdf:struktur>"))
    }

    @Test func unknownFieldKind() throws {
        let e = try #require(importError { try XDatenfelder.parse(xdf2(field2(id: "F05000009", kind: "dropdown"))) })
        #expect(e.message.contains("Invalid value in <xdf:feldart>: dropdown"))
        #expect(e.elementPath.hasSuffix("xdf:datenfeld[F05000009]/xdf:feldart/code"))
    }

    @Test func unknownDataType() throws {
        let e = try #require(importError { try XDatenfelder.parse(xdf2(field2(id: "F05000009", type: "string"))) })
        #expect(e.message.contains("Invalid value in <xdf:datentyp>: string"))
        #expect(e.elementPath.hasSuffix("xdf:datenfeld[F05000009]/xdf:datentyp/code"))
    }

    @Test func versionSpecificCodes() throws {
        // 'hidden' and 'text_latin' exist in 3.0 only.
        #expect(importError { try XDatenfelder.parse(xdf2(field2(kind: "hidden"))) } != nil)
        #expect(importError { try XDatenfelder.parse(xdf2(field2(type: "text_latin"))) } != nil)
    }

    @Test func missingFieldKind() throws {
        let xml = xdf2(
            field2(id: "F05000009").replacingOccurrences(of: "<xdf:feldart><code>input</code></xdf:feldart>", with: ""))
        let e = try #require(importError { try XDatenfelder.parse(xml) })
        #expect(e.message.contains("Missing <xdf:feldart> in datenfeld F05000009"))
    }

    @Test func invalidStatus() throws {
        let xml = xdf2(
            #"<xdf:status listURI="urn:xoev-de:fim:codeliste:xdatenfelder.status"><code>gelöscht</code></xdf:status>"#)
        let e = try #require(importError { try XDatenfelder.parse(xml) })
        #expect(e.message.contains("Invalid value in <xdf:status>: gelöscht"))
    }

    @Test func invalidElementType() throws {
        let xml = xdf2(field2(extra: "<xdf:schemaelementart><code>XYZ</code></xdf:schemaelementart>"))
        let e = try #require(importError { try XDatenfelder.parse(xml) })
        #expect(e.message.contains("<xdf:schemaelementart>: XYZ"))
    }

    @Test func unknownElementInClosedContainer() throws {
        let xml = xdf2(field2().replacingOccurrences(of: "<xdf:anzahl>", with: "<xdf:extra>x</xdf:extra><xdf:anzahl>"))
        let e = try #require(importError { try XDatenfelder.parse(xml) })
        #expect(e.message.contains("Unexpected element <xdf:extra> in <xdf:struktur>"))
        let code = xdf2(field2(extra: "<xdf:schemaelementart><code>HAR</code><name>x</name></xdf:schemaelementart>"))
        #expect(importError { try XDatenfelder.parse(code) }?.message.contains("Unexpected element <name>") == true)
    }

    @Test func emptyEnthaelt() throws {
        let xml = xdf2("<xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt/></xdf:struktur>")
        let e = try #require(importError { try XDatenfelder.parse(xml) })
        #expect(e.message.contains("<xdf:enthaelt> is empty"))
    }

    @Test func missingIdentification() throws {
        let xml = xdf2(
            field2().replacingOccurrences(
                of: "<xdf:identifikation><xdf:id>F05000001</xdf:id><xdf:version>1.0</xdf:version></xdf:identifikation>",
                with: ""))
        let e = try #require(importError { try XDatenfelder.parse(xml) })
        #expect(e.message.contains("Missing <xdf:identifikation> in <xdf:datenfeld>"))
        #expect(e.elementPath == "xdf:stammdatenschema[S05000001]/xdf:struktur/xdf:enthaelt/xdf:datenfeld")
    }

    @Test func malformedXML() throws {
        let e = try #require(importError { try XDatenfelder.parse(Data("<xdf:a xmlns:xdf='x'><b></xdf:a>".utf8)) })
        #expect(e.message.hasPrefix("Malformed XML"))
    }

    @Test func unsupportedMessage() throws {
        let xml = #"<xdf:xdatenfelder.codeliste.0105 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2"/>"#
        let e = try #require(importError { try XDatenfelder.parse(Data(xml.utf8)) })
        #expect(e.message.contains("Unsupported XDatenfelder message"))
    }
}

@Suite("Importer: leniency")
struct LeniencyTests {
    @Test func elementOrderIsFree() throws {
        let body = """
            <xdf:struktur>
              <xdf:enthaelt>
                <xdf:datenfeld>
                  <xdf:datentyp><code>date</code></xdf:datentyp>
                  <xdf:hilfetextEingabe>  Tag der Geburt  </xdf:hilfetextEingabe>
                  <xdf:feldart><code>input</code></xdf:feldart>
                  <xdf:name>Geburtsdatum</xdf:name>
                  <xdf:identifikation><xdf:version>1.0</xdf:version><xdf:id>F05000003</xdf:id></xdf:identifikation>
                </xdf:datenfeld>
              </xdf:enthaelt>
              <xdf:anzahl>0:1</xdf:anzahl>
            </xdf:struktur>
            <xdf:beschreibung>Nach der Struktur</xdf:beschreibung>
            """
        let r = try XDatenfelder.parse(xdf2(body))
        let f = try #require(r.schema.field("F05000003"))
        #expect(f.dataType == .date)
        #expect(f.texts.hint == "Tag der Geburt")
        #expect(f.texts.label == "Geburtsdatum")  // no bezeichnungEingabe: falls back to the name
        #expect(r.info("F05000003")?.hasInputLabel == false)
        #expect(r.schema.texts.description == "Nach der Struktur")
        #expect(r.schema.children[0].cardinality == .optional)
    }

    @Test func unknownElementsInOpenBodiesAreSkipped() throws {
        let xml = xdf2(
            field2(id: "F05000004", extra: "<xdf:zukunft>neu</xdf:zukunft><x:fremd xmlns:x='urn:x'>y</x:fremd>")
                + "<xdf:unbekannt/>")
        let r = try XDatenfelder.parse(xml)
        #expect(r.schema.field("F05000004") != nil)
        try #require(r.warnings.count == 3)
        // The schema's own children are sorted before its structures are read.
        #expect(r.warnings[0].message.contains("<xdf:unbekannt>"))
        #expect(r.warnings[0].elementID == "S05000001")
        #expect(r.warnings[1].message.contains("<xdf:zukunft>"))
        #expect(r.warnings[1].elementID == "F05000004")
        #expect(r.warnings[1].elementPath.hasSuffix("xdf:datenfeld[F05000004]/xdf:zukunft"))
        #expect(r.warnings[2].message.contains("<x:fremd>"))
    }

    @Test func precisionJSON() throws {
        let cases: [(String, Constraints)] = [
            (
                #"{"minLength":"1","maxLength":"50","pattern":"[0-9]*"}"#,
                Constraints(minLength: 1, maxLength: 50, pattern: "[0-9]*")
            ),
            (#"{"minLength":2,"maxLength":10.0}"#, Constraints(minLength: 2, maxLength: 10)),
            (
                #" { "minValue" : -1.5 , "maxValue":"99999999999999999999.25" } "#,
                Constraints(minValue: "-1.5", maxValue: "99999999999999999999.25")
            ),
            (
                #"{"minValue":"2020-01-01","maxValue":"2030-12-31"}"#,
                Constraints(minValue: "2020-01-01", maxValue: "2030-12-31")
            ),
            (#"{"pattern":"\\d{5}\u00e4\"","minLength":null}"#, Constraints(pattern: "\\d{5}ä\"")),
            ("{}", Constraints()),
        ]
        for (json, expected) in cases {
            let r = try XDatenfelder.parse(xdf2(field2(extra: "<xdf:praezisierung>\(json)</xdf:praezisierung>")))
            #expect(r.schema.field("F05000001")?.constraints == expected, "\(json)")
            #expect(r.warnings.isEmpty, "\(json): \(r.warnings)")
        }
    }

    @Test(arguments: [#"{"minLength":"1","#, "minLength=1", #"{"minLength":"eins"}"#, #"{"foo":"1"}"#, #"["a"]"#])
    func unparseablePrecisionIsAWarning(_ json: String) throws {
        let r = try XDatenfelder.parse(xdf2(field2(extra: "<xdf:praezisierung>\(json)</xdf:praezisierung>")))
        #expect(r.schema.field("F05000001")?.constraints.minLength == nil)
        try #require(r.warnings.count == 1)
        #expect(r.warnings[0].message.contains("Präzisierung"))
        #expect(r.warnings[0].elementID == "F05000001")
    }

    @Test func placeholderDuplicates() throws {
        let r = try XDatenfelder.parse(xdf2(field2(extra: "<xdf:inhalt>a</xdf:inhalt><xdf:inhalt/>")))
        #expect(r.schema.field("F05000001")?.content == "a")
        #expect(r.warnings.count == 1)
        #expect(
            importError {
                try XDatenfelder.parse(xdf2(field2(extra: "<xdf:inhalt>a</xdf:inhalt><xdf:inhalt>b</xdf:inhalt>")))
            } != nil)
    }

    @Test func whitespaceAndCarriageReturns() throws {
        let r = try XDatenfelder.parse(
            xdf2("<xdf:definition>\n   Zeile 1&#xD;\n   Zeile 2&#xD;\n&#xD;\n </xdf:definition>"))
        #expect(r.schema.texts.definition == "Zeile 1\n   Zeile 2")
    }

    @Test func scriptNormalisation() throws {
        func rule(_ script: String) -> String {
            """
            <xdf:regel>
              <xdf:identifikation><xdf:id>R05000001</xdf:id></xdf:identifikation>
              <xdf:name>R</xdf:name>
              <xdf:script>\(script)</xdf:script>
            </xdf:regel>
            """
        }
        for empty in ["", "   ", "function script() {}", "function script() {&#xD;\n  &#xD;\n  }", "function(){ }"] {
            #expect(try XDatenfelder.parse(xdf2(rule(empty))).schema.rules.first?.script == nil, "\(empty)")
        }
        let real = "function script() { return x > 1; }"
        #expect(try XDatenfelder.parse(xdf2(rule(real))).schema.rules.first?.script == real)
    }

    @Test func rulesDeduplicatedAcrossLevels() throws {
        let rule = """
            <xdf:regel><xdf:identifikation><xdf:id>R05000001</xdf:id><xdf:version>1.0</xdf:version></xdf:identifikation>
            <xdf:name>R</xdf:name><xdf:definition>Text</xdf:definition></xdf:regel>
            """
        let otherVersion = rule.replacingOccurrences(of: "1.0", with: "2.0")
        let r = try XDatenfelder.parse(
            xdf2(rule + field2(id: "F05000001", extra: rule) + field2(id: "F05000002", extra: otherVersion)))
        #expect(r.schema.rules.map(\.id) == ["R05000001"])
        #expect(r.schema.rules[0].version == "1.0")
        #expect(r.schema.field("F05000001")?.ruleIDs == ["R05000001"])
        #expect(r.schema.field("F05000002")?.ruleIDs == ["R05000001"])
        try #require(r.warnings.count == 1)
        #expect(r.warnings[0].message.contains("versions 1.0 and 2.0"))
    }

    @Test func reusedElementsAreFine() throws {
        let r = try XDatenfelder.parse(xdf2(field2(id: "F05000001") + field2(id: "F05000001", anzahl: "0:1")))
        #expect(r.schema.children.count == 2)
        #expect(r.schema.children.map(\.cardinality) == [.one, .optional])
        #expect(r.warnings.isEmpty)
    }

    @Test func fieldMessageBecomesSyntheticSchema() throws {
        let xml = """
            <xdf:xdatenfelder.datenfeld.0104 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2">
              <xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header>
              <xdf:datenfeld>
                <xdf:identifikation><xdf:id>F05000007</xdf:id><xdf:version>2.1</xdf:version></xdf:identifikation>
                <xdf:name>Einzelfeld</xdf:name>
                <xdf:bezug>Leistung 99123456789012</xdf:bezug>
                <xdf:feldart><code>input</code></xdf:feldart>
                <xdf:datentyp><code>num_int</code></xdf:datentyp>
                <xdf:praezisierung>{"minValue":"0","maxValue":"10"}</xdf:praezisierung>
              </xdf:datenfeld>
            </xdf:xdatenfelder.datenfeld.0104>
            """
        let r = try XDatenfelder.parse(Data(xml.utf8))
        #expect(r.messageKind == .field)
        #expect(r.schema.id == "F05000007")
        #expect(r.schema.version == "2.1")
        #expect(r.schema.texts.name == "Einzelfeld")
        #expect(r.schema.leikaKeys == ["99123456789012"])
        #expect(r.schema.children.count == 1)
        #expect(r.schema.children[0].cardinality == .one)
        #expect(r.schema.field("F05000007")?.constraints == Constraints(minValue: "0", maxValue: "10"))
    }

    @Test func leikaKeys() throws {
        let xml = xdf2(
            "<xdf:beschreibung>Leistungen 99108001001000, 991080010010001 (zu lang), 9910800100100 (zu kurz)</xdf:beschreibung>"
                + "<xdf:bezug>99108001020000 und nochmals 99108001001000</xdf:bezug>")
        #expect(try XDatenfelder.parse(xml).schema.leikaKeys == ["99108001001000", "99108001020000"])
    }

    @Test func v3SchemaWithLeikaAndEmbeddedValues() throws {
        let xml = """
            <xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">
              <xdf:header><xdf:nachrichtID>1</xdf:nachrichtID></xdf:header>
              <xdf:stammdatenschema>
                <xdf:identifikation><xdf:id>S60000000001</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
                <xdf:name>Schema</xdf:name>
                <xdf:bezug link="https://www.gesetze-im-internet.de/stvo_2013/__45.html">§ 45 StVO</xdf:bezug>
                <xdf:bezug>§ 46 StVO</xdf:bezug>
                <xdf:freigabestatus><code>6</code></xdf:freigabestatus>
                <xdf:letzteAenderung>2024-01-01T00:00:00Z</xdf:letzteAenderung>
                <xdf:stichwort uri="urn:xoev-de:fim:codeliste:leika">99108001001000</xdf:stichwort>
                <xdf:bezeichnung>Antrag</xdf:bezeichnung>
                <xdf:hilfetext>Hilfe</xdf:hilfetext>
                <xdf:ableitungsmodifikationenStruktur><code>0</code></xdf:ableitungsmodifikationenStruktur>
                <xdf:ableitungsmodifikationenRepraesentation><code>0</code></xdf:ableitungsmodifikationenRepraesentation>
                <xdf:dokumentsteckbrief><xdf:id>D60000000001</xdf:id></xdf:dokumentsteckbrief>
                <xdf:struktur>
                  <xdf:anzahl>1:1</xdf:anzahl>
                  <xdf:bezug>§ 1</xdf:bezug>
                  <xdf:enthaelt>
                    <xdf:datenfeld>
                      <xdf:identifikation><xdf:id>F60000000001</xdf:id></xdf:identifikation>
                      <xdf:name>Farbe</xdf:name>
                      <xdf:freigabestatus><code>2</code></xdf:freigabestatus>
                      <xdf:bezeichnungEingabe>Farbe</xdf:bezeichnungEingabe>
                      <xdf:schemaelementart><code>RNG</code></xdf:schemaelementart>
                      <xdf:feldart><code>select</code></xdf:feldart>
                      <xdf:datentyp><code>text_latin</code></xdf:datentyp>
                      <xdf:vorbefuellung><code>optional</code></xdf:vorbefuellung>
                      <xdf:werte>
                        <xdf:wert><xdf:code>r</xdf:code><xdf:name>Rot</xdf:name></xdf:wert>
                        <xdf:wert><xdf:code>g</xdf:code><xdf:name>Grün</xdf:name><xdf:hilfe>wie Gras</xdf:hilfe></xdf:wert>
                      </xdf:werte>
                    </xdf:datenfeld>
                  </xdf:enthaelt>
                </xdf:struktur>
              </xdf:stammdatenschema>
            </xdf:xdatenfelder.stammdatenschema.0102>
            """
        let r = try XDatenfelder.parse(Data(xml.utf8))
        #expect(r.schema.xdfVersion == .v3)
        #expect(r.schema.texts.label == "Antrag")
        #expect(r.schema.texts.hint == "Hilfe")
        #expect(r.schema.texts.legalBasis == "§ 45 StVO\n§ 46 StVO")
        #expect(r.schema.leikaKeys == ["99108001001000"])
        let f = try #require(r.schema.field("F60000000001"))
        #expect(f.dataType == .textLatin)
        #expect(
            f.codeList
                == CodeList(
                    uri: "", entries: [CodeListEntry(code: "r", label: "Rot"), CodeListEntry(code: "g", label: "Grün")])
        )
        let schemaInfo = try #require(r.elements.first)
        #expect(schemaInfo.documentProfileID == "D60000000001")
        #expect(schemaInfo.legalBasisLinks == ["https://www.gesetze-im-internet.de/stvo_2013/__45.html"])
        #expect(r.info("F60000000001")?.structureLegalBasis == "§ 1")
        #expect(r.info("F60000000001")?.status == "2")
        #expect(r.warnings.isEmpty, "\(r.warnings)")
    }

    @Test func v3CodeListReferenceResolvedFromDirectory() throws {
        let body = """
            <xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt><xdf:datenfeld>
              <xdf:identifikation><xdf:id>F60000000002</xdf:id></xdf:identifikation>
              <xdf:name>Staat</xdf:name>
              <xdf:feldart><code>select</code></xdf:feldart>
              <xdf:datentyp><code>text</code></xdf:datentyp>
              <xdf:codelisteReferenz>
                <xdf:canonicalIdentification>urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat</xdf:canonicalIdentification>
                <xdf:version>2020-05-11</xdf:version>
              </xdf:codelisteReferenz>
              <xdf:codeKey>iso-3</xdf:codeKey>
              <xdf:nameKey>staatenname-kurz</xdf:nameKey>
              <xdf:helpKey>gibtsnicht</xdf:helpKey>
            </xdf:datenfeld></xdf:enthaelt></xdf:struktur>
            """
        let r = try XDatenfelder.parse(xdf3Group(body), codeListDirectory: FIMData.exampleDirectory)
        let list = try #require(r.schema.field("F60000000002")?.codeList)
        #expect(list.entries.count == 197)
        #expect(list.entries.first == CodeListEntry(code: "DEU", label: "Deutschland"))
        #expect(r.info("F60000000002")?.missingCodeListColumns == ["gibtsnicht"])
        try #require(r.warnings.count == 1)
        #expect(r.warnings[0].message.contains("gibtsnicht"))
    }

    @Test func codeListFoundByIdentificationWhenTheFileNameDoesNotMatch() throws {
        func select(_ id: String, _ listID: String, _ uri: String, _ version: String, _ versionURI: String) -> String {
            field2(
                id: id, kind: "select",
                extra: """
                    <xdf:codelisteReferenz>
                      <xdf:identifikation><xdf:id>\(listID)</xdf:id></xdf:identifikation>
                      <xdf:genericodeIdentification>
                        <xdf:canonicalIdentification>\(uri)</xdf:canonicalIdentification>
                        <xdf:version>\(version)</xdf:version>
                        <xdf:canonicalVersionUri>\(versionURI)</xdf:canonicalVersionUri>
                      </xdf:genericodeIdentification>
                    </xdf:codelisteReferenz>
                    """)
        }
        let body =
            select("F05000001", "C99999999", "Halterdaten", "0.1", "Halterdaten_0.1")
            + select("F05000002", "C05000108", "urn:de:anders", "1", "urn:de:anders_1")
            + select("F05000003", "C99999998", "urn:de:gibtsnicht", "1", "urn:de:gibtsnicht_1")
        let r = try XDatenfelder.parse(xdf2(body), codeListDirectory: FIMData.exampleDirectory)
        // By CanonicalVersionUri (no file named C99999999).
        #expect(r.schema.field("F05000001")?.codeList?.entries.map(\.code) == ["01", "02"])
        // By file name; the identification differs: used, with a warning.
        #expect(r.schema.field("F05000002")?.codeList?.entries.map(\.label) == ["12 Monate", "24 Monate"])
        #expect(r.warnings.contains { $0.elementID == "F05000002" && $0.message.contains("C05000108_genericode.xml") })
        // Not found: entries stay empty, the reference is kept, a warning names it.
        let missing = try #require(r.schema.field("F05000003")?.codeList)
        #expect(missing == CodeList(uri: "urn:de:gibtsnicht", version: "1", id: "C99999998"))
        #expect(r.warnings.contains { $0.elementID == "F05000003" && $0.message.contains("C99999998 not found") })
        #expect(r.warnings.count == 2)
    }

    @Test func unreadableFile() throws {
        let e = try #require(
            importError { try XDatenfelder.parse(contentsOf: URL(fileURLWithPath: "/nonexistent/S1.xml")) })
        #expect(e.message.contains("Cannot read /nonexistent/S1.xml"))
    }
}

@Suite("Synthetic schema")
struct SyntheticTests {
    @Test func thousandFieldsInTwoHundredGroups() throws {
        let data = SyntheticSchema.xdf2(fields: 1_000, groups: 200)
        let r = try XDatenfelder.parse(data)
        #expect(r.schema.allFields.count == 1_000)
        #expect(Set(r.schema.allFields.map(\.id)).count == 1_000)
        #expect(r.schema.allGroups.count == 200)
        #expect(r.schema.children.count == 160)  // every fifth group is nested
        #expect(r.schema.allFields.filter { $0.kind == .select }.allSatisfy { $0.codeList?.id != nil })
        #expect(r.schema.allFields.contains { $0.constraints.pattern != nil })
        #expect(r.schema.allFields.contains { $0.constraints.minValue == "0" && $0.dataType == .numInt })
        #expect(r.schema.allFields.filter { $0.texts.hint != nil }.count == 750)
        #expect(r.schema.rules.count == 21)
        #expect(r.schema.leikaKeys == ["99999001001000"])
        #expect(r.warnings.isEmpty)
    }

    @Test(arguments: [(0, 0), (1, 1), (7, 3), (50, 10)])
    func smallSizes(_ fields: Int, _ groups: Int) throws {
        let r = try XDatenfelder.parse(SyntheticSchema.xdf2(fields: fields, groups: groups))
        #expect(r.schema.allFields.count == fields)
        #expect(r.schema.allGroups.count == groups)
    }
}
