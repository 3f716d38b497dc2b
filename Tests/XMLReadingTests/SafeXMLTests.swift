import Foundation
import Testing
import XMLReading

/// Parses `xml` (UTF-8).
private func parse(_ xml: String) throws -> SafeXML.Element {
    try SafeXML.parse(Data(xml.utf8))
}

/// The XMLError reading `data` throws (the test fails if it throws none).
private func xmlError(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) -> XMLError? {
    do throws(XMLError) {
        let element = try SafeXML.parse(data)
        Issue.record("expected an XMLError, got <\(element.qualifiedName)>", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

private func xmlError(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLError? {
    xmlError(Data(xml.utf8), sourceLocation: sourceLocation)
}

extension SafeXML.Element {
    /// This element and all below it, depth first in document order.
    var all: [SafeXML.Element] { [self] + children.flatMap(\.all) }

    /// The first element (this one or below) with this qualified name.
    func first(_ qualifiedName: String) -> SafeXML.Element? { all.first { $0.qualifiedName == qualifiedName } }
}

/// Locates `shared/data/bpmn` by walking up from this file (a work tree in /work/dev/…, /work/main, or a CI
/// clone at $d/p with shared/ at $d/shared).
enum BPMNData {
    static let root: URL? = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !dir.path.isEmpty {
            let candidate = dir.appendingPathComponent("shared/data/bpmn")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue
            {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    /// Every `*.bpmn` and `*.bpmn20.xml` file, sorted by name.
    static func files() throws -> [URL] {
        let root = try #require(root, "shared/data/bpmn not found above \(#filePath)")
        return try FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.contains(".bpmn") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func parse(_ name: String) throws -> SafeXML.Element {
        let root = try #require(root, "shared/data/bpmn not found above \(#filePath)")
        return try SafeXML.parse(Data(contentsOf: root.appendingPathComponent(name)))
    }
}

let bpmnModel = "http://www.omg.org/spec/BPMN/20100524/MODEL"

@Suite("SafeXML")
struct SafeXMLTests {
    // MARK: - What it reads

    @Test func namespacesAndPrefixesAreResolved() throws {
        let root = try parse(
            """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns="urn:default"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
              <bpmn:process id="p">
                <task/>
                <bpmn:extensionElements xmlns:bpmn="urn:redeclared">
                  <bpmn:inner/>
                </bpmn:extensionElements>
                <camunda:properties/>
                <plain xmlns=""/>
              </bpmn:process>
            </bpmn:definitions>
            """)
        #expect(root.localName == "definitions")
        #expect(root.namespace == bpmnModel)
        #expect(root.qualifiedName == "bpmn:definitions")
        let process = try #require(root.children.first)
        #expect(process.localName == "process" && process.namespace == bpmnModel)
        #expect(
            process.children.map(\.qualifiedName) == ["task", "bpmn:extensionElements", "camunda:properties", "plain"])
        #expect(process.children.map(\.localName) == ["task", "extensionElements", "properties", "plain"])
        #expect(
            process.children.map(\.namespace) == [
                "urn:default", "urn:redeclared", "http://camunda.org/schema/1.0/bpmn", "",
            ])
        // The redeclaration is in scope below it.
        #expect(root.first("bpmn:inner")?.namespace == "urn:redeclared")
        // An unprefixed element without a default namespace has none.
        #expect(try parse("<a><b/></a>").children[0].namespace == "")
    }

    @Test func attributesKeepTheNamesAsWritten() throws {
        let root = try parse(
            """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                id="d" xml:lang="de">
              <userTask id="t" name='Check "it"' camunda:assignee="kermit" />
              <conditionExpression xsi:type="tFormalExpression">x</conditionExpression>
            </definitions>
            """)
        // The xmlns declarations are not attributes; xml:lang is.
        #expect(root.attributes == ["id": "d", "xml:lang": "de"])
        #expect(root.children[0].attributes == ["id": "t", "name": "Check \"it\"", "camunda:assignee": "kermit"])
        #expect(root.children[1].attributes == ["xsi:type": "tFormalExpression"])
        #expect(root.children[0].children.isEmpty && root.children[0].text == "")
    }

    @Test func cdataIsText() throws {
        let root = try parse(
            """
            <process>
              <script><![CDATA[if (a < b && c) { x = "]]" }]]></script>
              <conditionExpression xsi:type="tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><![CDATA[${x == 1}]]></conditionExpression>
              <mixed>a &amp; <![CDATA[<b>]]> c</mixed>
              <spaced>
                <![CDATA[${input <= 1}]]>
              </spaced>
              <empty><![CDATA[]]></empty>
            </process>
            """)
        #expect(root.first("script")?.text == #"if (a < b && c) { x = "]]" }"#)
        #expect(root.first("conditionExpression")?.text == "${x == 1}")
        #expect(root.first("mixed")?.text == "a & <b> c")
        // Raw: the white space around a CDATA section stays.
        #expect(root.first("spaced")?.text == "\n    ${input <= 1}\n  ")
        #expect(root.first("empty")?.text == "")
        // Line ends are normalised inside CDATA too.
        #expect(try parse("<a><![CDATA[1\r\n2\r3]]></a>").text == "1\n2\n3")
    }

    @Test func textOfElementsWithAndWithoutChildren() throws {
        let root = try parse(
            """
            <process>
              <documentation>A process &lt;with&gt; documentation</documentation>
              <task>before<incoming>f1</incoming>after</task>
              <!-- a comment --><?pi data?>
              <text>x<!-- c -->y<?pi?>z</text>
            </process>
            """)
        #expect(root.text == "")
        #expect(root.first("documentation")?.text == "A process <with> documentation")
        // Character data beside child elements is not kept.
        #expect(root.first("task")?.text == "")
        #expect(root.first("incoming")?.text == "f1")
        #expect(root.first("text")?.text == "xyz")
        #expect(root.children.count == 3)
    }

    @Test func entityAndCharacterReferences() throws {
        let root = try parse(
            #"<a v="&lt;&amp;&#x41;&#66;&quot;&apos;&#10;">&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#xE4;&#x1F600;</a>"#)
        #expect(root.text == "<>&\"'ABä😀")
        #expect(root.attributes == ["v": "<&AB\"'\n"])
        // Attribute values are normalised: tab, CR, LF written literally become spaces.
        #expect(try parse("<a v=\"1\t2\r\n3\n4\"/>").attributes == ["v": "1 2 3 4"])
    }

    @Test func lines() throws {
        let root = try parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions>
              <process
                 id="p">
                <task/>
              </process>

              <message/>
            </definitions>
            """)
        #expect(root.line == 2)
        // The line of the '>' that ends the start tag.
        #expect(root.all.map(\.line) == [2, 4, 5, 8])
    }

    @Test func prologAndEpilogAreSkipped() throws {
        let root = try parse(
            """
            \u{FEFF}<?xml version="1.0" encoding="utf-8" standalone="yes"?>
            <!-- exported -->
            <!DOCTYPE definitions SYSTEM "bpmn.dtd">
            <definitions/>
            <!-- after -->
            """)
        #expect(root.localName == "definitions" && root.children.isEmpty)
    }

    @Test func nestingUpToTheLimit() throws {
        let depth = XMLReader.maxDepth
        #expect(depth == 256)
        let ok = String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
        var element = try parse(ok)
        var levels = 1
        while let child = element.children.first {
            element = child
            levels += 1
        }
        #expect(levels == depth)
        #expect(element.text == "x")
        let e = try #require(xmlError("<r>\n" + ok + "</r>"))
        #expect(e.message == "Unsupported XML: elements nested deeper than 256 levels (at <a>)")
        #expect(e.elementPath.split(separator: "/").count == depth)
        #expect(e.line == 2)
    }

    // MARK: - What it refuses

    @Test func unclosedElement() throws {
        let e = try #require(xmlError("<definitions>\n  <process>\n    <task>\n"))
        #expect(e.message == "Malformed XML: unexpected end of document: <task> (line 3) is not closed")
        #expect(e.elementPath == "definitions/process/task")
        #expect(e.line == 3)
        let tag = try #require(xmlError("<a>\n<b x='1'"))
        #expect(tag.message == "Malformed XML: unexpected end of document in the start tag <b>")
        #expect(tag.elementPath == "a/b")
        #expect(tag.line == 2)
    }

    @Test func mismatchedEndTag() throws {
        let e = try #require(xmlError("<bpmn:a xmlns:bpmn='urn:b'>\n  <bpmn:b>\n  </bpmn:c>\n</bpmn:a>"))
        #expect(e.message == "Malformed XML: end tag </bpmn:c> does not match the start tag <bpmn:b> on line 2")
        #expect(e.elementPath == "bpmn:a/bpmn:b")
        #expect(e.line == 3)
        #expect(e.description == "\(e.message) (element bpmn:a/bpmn:b, line 3)")
    }

    @Test func doctypeWithAnInternalSubsetIsRefused() throws {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            ]>
            <lolz>&lol2;</lolz>
            """
        let e = try #require(xmlError(laughs))
        #expect(e.message.hasPrefix("Unsupported XML: a DOCTYPE with an internal subset"))
        #expect(e.elementPath == "")
        #expect(e.line == 2)
        // An external entity is never fetched: without a declaration it is unknown.
        let external = try #require(xmlError("<!DOCTYPE a SYSTEM 'file:///etc/passwd'>\n<a>&xxe;</a>"))
        #expect(external.message.contains("unknown entity &xxe;"))
        #expect(external.line == 2)
    }

    @Test func invalidUTF8IsRefused() throws {
        let e = try #require(xmlError(Data(Array("<a>\n\n".utf8) + [0xC3, 0x28] + Array("</a>".utf8))))
        #expect(e.message == "Malformed XML: invalid UTF-8 (byte 0xC3)")
        #expect(e.line == 3)
        let utf16 = try #require(xmlError(Data([0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0x2F, 0x00, 0x3E, 0x00])))
        #expect(utf16.message.contains("UTF-16"))
        let latin1 = try #require(xmlError(#"<?xml version="1.0" encoding="ISO-8859-1"?><a/>"#))
        #expect(latin1.message.contains("ISO-8859-1") && latin1.message.contains("only UTF-8"))
    }

    @Test func emptyDocument() throws {
        let e = try #require(xmlError(Data()))
        #expect(e.message == "Malformed XML: no root element (the document is empty)")
        #expect(e.elementPath == "")
        #expect(e.line == 1)
        let blank = try #require(xmlError("  \n<!-- only a comment -->\n"))
        #expect(blank.message == "Malformed XML: no root element")
        #expect(blank.line == 3)
    }

    @Test(arguments: [
        ("<a>x</a>\ntext", "text after the root element <a>", 2),
        ("<a/>\n<b/>", "more than one root element: <b> after <a>", 2),
        ("<a>\n<p:b/></a>", "unbound namespace prefix p in <p:b>", 2),
        ("<a>\n<b x='1' x='2'/></a>", "duplicate attribute x in <b>", 2),
        ("<a x=\"1<2\"/>", "'<' in the value of the attribute x in <a>", 1),
        ("<a>\n&nbsp;</a>", "unknown entity &nbsp;", 2),
        ("<a>&#0;</a>", "is not an allowed XML character", 1),
        ("<a><![CDATA[open</a>", "unterminated CDATA section", 1),
        ("<a>]]></a>", "']]>' in character data", 1),
        ("<a>\u{1}</a>", "U+0001 is not allowed", 1),
    ])
    func malformed(_ xml: String, _ message: String, _ line: Int) throws {
        let e = try #require(xmlError(xml))
        #expect(e.message.hasPrefix("Malformed XML: "), "\(e.message)")
        #expect(e.message.contains(message), "\(e.message)")
        #expect(e.line == line)
    }

    @Test func oversizedDocumentIsRefused() throws {
        let e = try #require(xmlError(Data(count: XMLReader.maxDocumentSize + 1)))
        #expect(e.message == "Unsupported XML: the document has 67108865 bytes, more than the 64 MiB accepted")
        #expect(e.line == nil)
        #expect(e.description == "\(e.message) (element )")
    }

    // MARK: - Real BPMN 2.0 files

    @Test func everyBPMNFileIsRead() throws {
        let files = try BPMNData.files()
        #expect(files.count >= 30)
        for file in files {
            let root = try SafeXML.parse(Data(contentsOf: file))
            #expect(root.localName == "definitions", "\(file.lastPathComponent)")
            #expect(root.namespace == bpmnModel, "\(file.lastPathComponent)")
            let processes = root.children.filter { $0.localName == "process" && $0.namespace == bpmnModel }
            #expect(!processes.isEmpty, "\(file.lastPathComponent)")
            for flow in root.all where flow.localName == "sequenceFlow" {
                #expect(
                    flow.attributes["sourceRef"] != nil && flow.attributes["targetRef"] != nil,
                    "\(file.lastPathComponent): line \(flow.line)")
            }
        }
    }

    @Test func camundaExclusiveGateway() throws {
        let root = try BPMNData.parse("c7__ExclusiveGatewayTest.testDivergingExclusiveGateway.bpmn20.xml")
        #expect(root.qualifiedName == "definitions")
        let process = try #require(root.first("process"))
        #expect(process.attributes["id"] == "exclusiveGwDiverging")
        let conditions = root.all.filter { $0.localName == "conditionExpression" }
        #expect(conditions.map(\.text) == ["${input == 1}", "${input == 2}", "${input == 3}"])
        #expect(conditions.allSatisfy { $0.attributes["xsi:type"] == "tFormalExpression" })
        #expect(conditions.first?.line == 17)
        let tasks = process.children.filter { $0.localName == "userTask" }
        #expect(tasks.compactMap { $0.attributes["name"] } == ["Task 1", "Task 2", "Task 3"])
    }

    @Test func cdataConditionsInRealFiles() throws {
        let inclusive = try BPMNData.parse("c7__InclusiveGatewayTest.testDivergingInclusiveGateway.bpmn20.xml")
        let conditions = inclusive.all.filter { $0.localName == "conditionExpression" }
        #expect(
            conditions.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) } == [
                "${input <= 1}", "${input <= 2}", "${input <= 3}",
            ])
        let miwg = try BPMNData.parse("miwg__C.1.1.bpmn")
        let approved = try #require(miwg.all.first { $0.attributes["id"] == "invoiceApproved" })
        let condition = try #require(approved.children.first { $0.localName == "conditionExpression" })
        #expect(condition.text == "bpmn:getDataObject('approved')")
        #expect(condition.namespace == bpmnModel)
        // Extension elements keep their own namespaces and prefixes.
        let strings = miwg.all.filter { $0.qualifiedName == "camunda:string" }
        #expect(strings.first?.namespace == "http://activiti.org/bpmn")
        #expect(strings.first?.text.trimmingCharacters(in: .whitespacesAndNewlines) == "Hello World")
        #expect(strings.last?.text.trimmingCharacters(in: .whitespacesAndNewlines) == "<p>Hello World</p><br>")
    }

    @Test func prefixedBPMNFromTheModeler() throws {
        let root = try BPMNData.parse("spiff__standard_loop.bpmn")
        #expect(root.qualifiedName == "bpmn:definitions")
        #expect(root.attributes["modeler:executionPlatform"] == "Camunda Platform")
        #expect(root.attributes.keys.allSatisfy { !$0.hasPrefix("xmlns") })
        let start = try #require(root.first("bpmn:startEvent"))
        #expect(start.children.first { $0.localName == "outgoing" }?.text == "Flow_0m77cxj")
        let spiff = try BPMNData.parse("spiff__boundary_timer_on_task.bpmn")
        #expect(spiff.all.filter { $0.localName == "script" }.map(\.text).contains("timer_called = True"))
    }
}
