import Forms
import Foundation
import Testing

@Suite("Parser fixtures: XDatenfelder 2.0")
struct FixtureV2Tests {
    @Test func minimal() throws {
        let r = try FIMData.fixture("v2/minimal.xml")
        let s = r.schema
        #expect(s.id == "T1234")
        #expect(s.version == "1.0")
        #expect(s.xdfVersion == .v2)
        #expect(r.messageKind == .schema)
        #expect(s.texts.name == "Test")
        #expect(s.texts.label == "Test")
        #expect(s.texts.description == nil)  // empty element → nil
        #expect(s.texts.legalBasis == nil)
        #expect(s.children.isEmpty)
        #expect(s.rules.isEmpty)
        #expect(s.leikaKeys.isEmpty)
        #expect(r.info("T1234")?.status == "aktiv")
        #expect(r.info("T1234")?.derivationStructure == "3")
        #expect(r.info("T1234")?.derivationRepresentation == "1")
    }

    @Test func label() throws {
        let r = try FIMData.fixture("v2/label.xml")
        let f = try #require(r.schema.field("F123"))
        #expect(f.kind == .label)
        #expect(f.dataType == .text)
        #expect(f.content == "Hinweis Inhalt")
        #expect(f.constraints == .none)  // empty praezisierung
        #expect(f.codeList == nil)
        #expect(f.texts.outputLabel == "Hinweis")
        #expect(f.texts.hint == nil)
        #expect(r.schema.ref("F123")?.cardinality == .one)
        #expect(r.info("F123")?.elementType == "RNG")
        #expect(r.warnings.isEmpty)
    }

    @Test func dataFieldRule() throws {
        let r = try FIMData.fixture("v2/data-field-rule.xml")
        let f = try #require(r.schema.field("F123"))
        #expect(f.ruleIDs == ["R60000037"])
        #expect(r.schema.rules.count == 1)
        let rule = try #require(r.schema.rules.first)
        #expect(rule.id == "R60000037")
        #expect(rule.version == "1.2")
        #expect(rule.texts.name == "MindestEineAngabe")
        #expect(rule.texts.definition == "Eine Definition")
        #expect(rule.text == "Eine Definition")
        #expect(rule.script == nil)  // "function script() {}" is empty
    }

    @Test func simple() throws {
        let r = try FIMData.fixture("v2/simple.xml")
        let s = r.schema
        #expect(s.texts.description == "Eine Beschreibung")
        #expect(s.texts.definition == "Eine Definition")
        #expect(s.texts.legalBasis == "Bezug")
        #expect(s.rules.map(\.id) == ["R60000037"])
        #expect(s.children.count == 1)
        let g = try #require(s.group("G00000082"))
        #expect(g.version == "1.3")
        #expect(g.texts.name == "Natürliche Person (abstrakt, umfassend)")
        #expect(g.texts.label == "Natürliche Person")
        #expect(g.texts.outputLabel == "Natürliche Person")
        #expect(g.ruleIDs.isEmpty)  // the rule is schema-level
        #expect(s.children[0].cardinality == .one)
        #expect(g.children.count == 1)
        let f = try #require(s.field("F60000227"))
        #expect(f.version == "1.1")
        #expect(f.texts.name == "Familienname")
        #expect(f.texts.hint == "Hilfe Eingabe")
        #expect(f.texts.legalBasis == "Ein Bezug")
        #expect(f.kind == .input)
        #expect(f.dataType == .text)
        #expect(f.constraints == Constraints(minLength: 1, maxLength: 120))
        #expect(f.content == nil)
        #expect(r.info("G00000082")?.elementType == "ABS")
        #expect(r.info("F60000227")?.elementType == "HAR")
        #expect(r.info("F60000227")?.creator == "FIM-Baustein Datenfelder")
        #expect(r.info("F60000227")?.parentID == "G00000082")
        #expect(r.info("F60000227")?.precision == ["minLength": "1", "maxLength": "120"])
        #expect(r.warnings.isEmpty)
    }

    @Test func select() throws {
        let r = try FIMData.fixture("v2/select.xml")
        let f = try #require(r.schema.field("F123"))
        #expect(f.kind == .select)
        #expect(f.dataType == .text)
        #expect(f.codeList == CodeList(uri: "urn:de:example", version: "1", id: "C123", entries: []))
        #expect(r.warnings.isEmpty)  // no directory given: not resolved, no warning

        // With a directory that has no such genericode file: lenient, a warning names the list.
        let dir = try FIMData.url("parser-fixtures/v2")
        let resolved = try XDatenfelder.parse(FIMData.data("parser-fixtures/v2/select.xml"), codeListDirectory: dir)
        #expect(resolved.schema.field("F123")?.codeList?.entries == [])
        #expect(resolved.warnings.contains { $0.message.contains("C123") && $0.elementID == "F123" })
    }

    @Test func schemaRule() throws {
        let r = try FIMData.fixture("v2/rule.xml")
        #expect(r.schema.rules.map(\.id) == ["R60000037"])
        #expect(r.schema.rules[0].texts.label == "MindestEineAngabe")
        #expect(r.schema.children.isEmpty)
        #expect(r.info("R60000037")?.parentID == "T1234")
    }

    @Test func dataGroupRule() throws {
        let r = try FIMData.fixture("v2/data-group-rule.xml")
        let g = try #require(r.schema.group("G00000082"))
        #expect(g.ruleIDs == ["R60000037"])
        #expect(g.children.isEmpty)
        #expect(r.schema.rules.map(\.id) == ["R60000037"])
        #expect(r.schema.rules[0].texts.definition == "Eine Definition")
    }

    @Test func unknownNamespace() throws {
        let e = try #require(importError { try FIMData.fixture("v2/unknown-namespace.xml") })
        #expect(e.message.contains("Unknown namespace"))
        #expect(e.message.contains("urn:xoev-de:fim:standard:xdatenfelder_unknown"))
        #expect(e.elementPath == "xdf:xdatenfelder.stammdatenschema.0102")
    }

    @Test func duplicateOptionalValue() throws {
        let e = try #require(importError { try FIMData.fixture("v2/duplicate-optional-value.xml") })
        #expect(e.message.contains("Duplicate element <xdf:beschreibung>"))
        #expect(e.elementPath == "xdf:stammdatenschema[T1234]/xdf:beschreibung")
        #expect(e.line == 15)
    }

    @Test func duplicateRequiredValue() throws {
        let e = try #require(importError { try FIMData.fixture("v2/duplicate-required-value.xml") })
        #expect(e.message.contains("Duplicate element <xdf:name>"))
        #expect(e.elementPath == "xdf:stammdatenschema[T1234]/xdf:name")
        #expect(e.line == 13)
    }
}

@Suite("Parser fixtures: XDatenfelder 3.0.0")
struct FixtureV3Tests {
    @Test func simple() throws {
        let r = try FIMData.fixture("v3/simple.xml")
        let s = r.schema
        // A datenfeldgruppe message becomes a synthetic schema wrapping the group.
        #expect(r.messageKind == .group)
        #expect(s.id == "G60000000088")
        #expect(s.version == "1.2.0")
        #expect(s.xdfVersion == .v3)
        #expect(s.children.count == 1)
        #expect(s.children[0].cardinality == .one)
        let root = try #require(s.group("G60000000088"))
        #expect(root.texts.name == "Anschrift Inland")
        #expect(root.texts.label == "Anschrift in Deutschland")
        #expect(root.texts.hint == "Eingabehilfe")
        #expect(root.texts.legalBasis == "Rechtsbezug")
        #expect(root.ruleIDs == ["R60000000019"])
        #expect(s.texts == root.texts)

        let inner = try #require(s.ref("G60000000086"))
        #expect(inner.cardinality == .optional)
        let innerGroup = try #require(s.group("G60000000086"))
        #expect(innerGroup.texts.description == nil)
        #expect(
            innerGroup.texts.hint
                == "Geben Sie die Anschrift mit Straße, Hausnummer, Postleitzahl und Ort an. Eine Angabe eines "
                + "Postfachs ist nicht möglich.")

        let f = try #require(s.field("F60000000243"))
        #expect(s.ref("F60000000243")?.cardinality == .one)
        #expect(f.texts.label == "Straße")
        #expect(
            f.texts.description
                == "Kompatibilität zu EPA in TR XhD v 1.4 sollte Feldlänge min. 50. Bei XInneres 8 ist die Feldlänge "
                + "<= 55 Zeichen.")
        #expect(f.texts.legalBasis == "XInneres.Meldeanschrift.strasse Version 8")
        #expect(f.kind == .input)
        #expect(f.dataType == .text)
        #expect(f.constraints == Constraints(minLength: 1, maxLength: 55))
        #expect(f.ruleIDs == ["R60000000019"])

        // The same rule at group and field level is one rule.
        #expect(s.rules.count == 1)
        let rule = s.rules[0]
        #expect(rule.version == "1.2.0")
        #expect(rule.texts.description == "Eine Regelbeschreibung")
        #expect(rule.texts.definition?.hasPrefix("Es muss entweder Feldgruppe G60000086") == true)
        #expect(rule.texts.legalBasis == "Eine Bezugsquelle")
        #expect(rule.script == "some script content")

        let info = try #require(r.info("G60000000088"))
        #expect(info.status == "6")
        #expect(info.statusSetOn == "2021-03-05")
        #expect(info.creator == "FIM Baustein Datenfelder")
        #expect(info.elementType == "HAR")
        #expect(info.relations == [ElementInfo.Relation(predicate: "ERS", objectID: "G60000000088")])
        #expect(r.info("R60000000019")?.ruleType == "V")
        #expect(r.info("R60000000019")?.legalBasisLinks == ["some reference link"])
        #expect(r.info("F60000000243")?.prefill == "keine")
        #expect(r.warnings.isEmpty)
    }

    @Test func input() throws {
        let r = try FIMData.fixture("v3/input.xml")
        let f = try #require(r.schema.field("F60000000243"))
        #expect(r.schema.ref("F60000000243")?.cardinality == .optional)
        #expect(f.kind == .select)
        #expect(f.dataType == .text)
        #expect(
            f.constraints
                == Constraints(
                    minLength: 0, maxLength: 1, minValue: "0", maxValue: "1", pattern: "abc",
                    mediaTypes: ["application/json"], maxSize: 10))
        // `inhalt` is given twice, once empty: the one with content wins (with a warning).
        #expect(f.content == "Some Content")
        #expect(f.codeList == nil)  // the codelisteReferenz is empty
        let info = try #require(r.info("F60000000243"))
        #expect(info.codeKey == "CodeKey")
        #expect(info.nameKey == "NameKey")
        #expect(info.helpKey == "HelpKey")
        #expect(info.prefill == "keine")
        #expect(info.precision["maxSize"] == "10")
        let messages = r.warnings.map(\.message)
        #expect(messages.contains { $0.contains("<xdf:inhalt> given twice") })
        #expect(messages.contains { $0.contains("Empty <xdf:codelisteReferenz>") })
        #expect(messages.contains { $0.contains("Select field without code list") })
        #expect(messages.contains { $0.contains("Text content of Präzisierung ignored: Constraints") })
        #expect(r.warnings.allSatisfy { $0.elementID == "F60000000243" })
    }

    @Test func emptyID() throws {
        let e = try #require(importError { try FIMData.fixture("v3/empty-id-node.xml") })
        #expect(e.message.contains("<xdf:id>"))
        #expect(e.message.contains("empty id"))
        #expect(e.elementPath == "xdf:datenfeldgruppe/xdf:identifikation/xdf:id")
        #expect(e.line == 10)
    }

    @Test func duplicateID() throws {
        let e = try #require(importError { try FIMData.fixture("v3/duplicate-id-node.xml") })
        #expect(e.message.contains("Duplicate element <xdf:id>"))
        #expect(e.elementPath == "xdf:datenfeldgruppe/xdf:identifikation/xdf:id")
        #expect(e.line == 11)
    }

    @Test func missingID() throws {
        let e = try #require(importError { try FIMData.fixture("v3/missing-id-node.xml") })
        #expect(e.message.contains("Missing <xdf:id> in <xdf:identifikation>"))
        #expect(e.elementPath == "xdf:datenfeldgruppe/xdf:identifikation")
    }

    @Test func unknownNamespace() throws {
        let e = try #require(importError { try FIMData.fixture("v3/unknown-namespace.xml") })
        #expect(e.message.contains("Unknown namespace xdf: urn:xoev-de:fim:standard:xdatenfelder_unknown"))
        #expect(e.elementPath == "xdf:xdatenfelder.datenfeldgruppe.0103")
    }

    @Test func unexpectedNode() throws {
        let e = try #require(importError { try FIMData.fixture("v3/unexpected-node.xml") })
        #expect(e.message.contains("Unexpected element <xdf:unknown> in <xdf:identifikation>"))
        #expect(e.elementPath == "xdf:datenfeldgruppe/xdf:identifikation/xdf:unknown")
        #expect(e.line == 11)
    }

    @Test func invalidFreigabestatus() throws {
        let e = try #require(importError { try FIMData.fixture("v3/invalid-freigabestatus.xml") })
        #expect(e.message.contains("Invalid value in <xdf:freigabestatus>: 10"))
        #expect(e.elementPath == "xdf:datenfeldgruppe[G123]/xdf:freigabestatus/code")
        #expect(e.line == 18)
    }
}
