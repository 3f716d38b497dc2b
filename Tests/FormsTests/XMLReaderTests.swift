import Foundation
import Testing

@testable import Forms

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses `xml` (UTF-8) into a tree.
private func tree(_ xml: String) throws -> XMLTree {
    try XMLTree.parse(Data(xml.utf8))
}

/// The ImportError reading `bytes` throws.
private func xmlError(_ bytes: Data, sourceLocation: SourceLocation = #_sourceLocation) -> ImportError? {
    importError({ try XMLTree.parse(bytes) }, sourceLocation: sourceLocation)
}

private func xmlError(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) -> ImportError? {
    xmlError(Data(xml.utf8), sourceLocation: sourceLocation)
}

extension XMLTree {
    /// All element indices in document order.
    var all: [Int] { Array(nodes.indices) }

    /// The first element with this qualified name.
    func first(_ qName: String) -> Int? { nodes.firstIndex { $0.qName == qName } }

    func text(_ qName: String) -> String? { first(qName).map { nodes[$0].text } }
    func attributes(_ qName: String) -> [String: String]? { first(qName).map { nodes[$0].attributes } }
}

@Suite("XML reader")
struct XMLReaderTests {
    // MARK: - What it reads

    @Test func namespacesAndPrefixScoping() throws {
        let t = try tree(
            """
            <r xmlns="urn:d" xmlns:p="urn:p" xmlns:xsi="urn:xsi" xsi:type="T" xml:lang="de">
              <a/>
              <p:b p:x="1" y="2">
                <p:c xmlns:p="urn:q"/>
                <d xmlns=""/>
                <p:f/>
              </p:b>
              <p:e/>
            </r>
            """)
        func check(_ qName: String, local: String, namespace: String, sourceLocation: SourceLocation = #_sourceLocation)
        {
            guard let i = t.first(qName) else {
                Issue.record("no <\(qName)>", sourceLocation: sourceLocation)
                return
            }
            #expect(t.name(i) == local, sourceLocation: sourceLocation)
            #expect(t.namespace(i) == namespace, sourceLocation: sourceLocation)
        }
        check("r", local: "r", namespace: "urn:d")
        check("a", local: "a", namespace: "urn:d")
        check("p:b", local: "b", namespace: "urn:p")
        check("p:c", local: "c", namespace: "urn:q")  // redeclared inside
        check("d", local: "d", namespace: "")  // default namespace undeclared
        check("p:f", local: "f", namespace: "urn:p")  // the inner p:c declaration is out of scope again
        check("p:e", local: "e", namespace: "urn:p")
        #expect(t.prefix(t.first("p:b")!) == "p")
        // Declarations are not attributes; other attributes keep the names they were written with.
        #expect(t.attributes("r") == ["xsi:type": "T", "xml:lang": "de"])
        #expect(t.attributes("p:b") == ["p:x": "1", "y": "2"])
        #expect(t.attributes("p:c") == [:])
    }

    @Test func entitiesAndCharacterReferences() throws {
        let t = try tree(
            #"<a v="&lt;&amp;&#x41;&#66;&quot;&apos;">&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#xE4;&#x1F600;</a>"#)
        #expect(t.text("a") == "<>&\"'ABä😀")
        #expect(t.attributes("a") == ["v": "<&AB\"'"])
    }

    @Test func cdata() throws {
        let t = try tree("<a>x<![CDATA[<b>&amp; ]] ]>]]>y<![CDATA[]]></a>")
        #expect(t.text("a") == "x<b>&amp; ]] ]>y")
        #expect(t.nodes.count == 1)
        // Line ends are normalised inside CDATA too, as XML 1.0 (2.11) says; libxml2 passed CR LF through there.
        #expect(try tree("<a><![CDATA[1\r\n2\r3]]></a>").text("a") == "1\n2\n3")
    }

    @Test func commentsProcessingInstructionsAndDeclarationsAreSkipped() throws {
        let t = try tree(
            """
            <?xml version="1.0" encoding="utf-8" standalone="yes"?>
            <!-- before -->
            <?xml-stylesheet href="a.xsl"?>
            <!DOCTYPE a SYSTEM "a.dtd">
            <a>x<!-- a comment with <b> and &nbsp; -->y<?pi data?>z<b/></a>
            <!-- after --><?after?>
            """)
        #expect(t.nodes.count == 2)
        #expect(t.text("a") == "")  // an element with a child element keeps no text
        #expect(try tree("<a>x<!-- c -->y<?pi data?>z</a>").text("a") == "xyz")
        #expect(try tree("\u{FEFF}<a>bom</a>").text("a") == "bom")
    }

    @Test func attributesWithBothQuotes() throws {
        let t = try tree(
            """
            <a d="1" s='2' ds="it's" sd='say "hi"' e="" ws="a\tb
            c" ref="a&#10;b&#9;c&#13;d" gt="a>b"/>
            """)
        #expect(
            t.attributes("a") == [
                "d": "1", "s": "2", "ds": "it's", "sd": "say \"hi\"", "e": "", "ws": "a b c",
                "ref": "a\nb\tc\rd", "gt": "a>b",
            ])
    }

    @Test func lineEndsAreNormalised() throws {
        let xml = Data("<a>\r\n<b>1\r\n2\r3</b>\r\n<c>&#xD;&#13;\r</c>\r<d x=\"1\r\n2\"/></a>".utf8)
        let t = try XMLTree.parse(xml)
        #expect(t.text("b") == "1\n2\n3")
        #expect(t.text("c") == "\r\r\n")  // references stay carriage returns (the XDF reader converts them later)
        #expect(t.attributes("d") == ["x": "1 2"])
        // Lines count line feeds; a lone CR does not start a line (as libxml2 counted).
        #expect(t.all.map { t.line($0) } == [1, 2, 4, 5])
    }

    @Test func textAndLines() throws {
        let t = try tree(
            """
            <a>
              <b>  kept as is  </b>
              <c
                 x="1"
              >text</c>
              <e></e>
            </a>
            """)
        #expect(t.text("a") == "")
        #expect(t.text("b") == "  kept as is  ")
        #expect(t.text("e") == "")
        // An element's line is the line of the '>' ending its start tag.
        #expect(t.all.map { t.line($0) } == [1, 2, 5, 6])
        #expect(t.children(0).map { t.qName($0) } == ["b", "c", "e"])
    }

    @Test func namespaceNames() throws {
        #expect(try tree(#"<a xmlns:p="relative/ref%20x"><p:b/></a>"#).namespace(1) == "relative/ref%20x")
        #expect(try tree(#"<a xmlns="urn:x"/>"#).namespace(0) == "urn:x")
        // libxml2 reported these, so the former XMLParser-based reader refused them too.
        #expect(xmlError(#"<a xmlns="relative"/>"#)?.message.contains("not an absolute URI") == true)
        #expect(xmlError(#"<a xmlns:p="urn:a b"/>"#)?.message.contains("is not a URI") == true)
        #expect(xmlError(#"<a xmlns:p="urn:ä"/>"#)?.message.contains("is not a URI") == true)
        #expect(xmlError(#"<a xmlns:p="urn:%zz"/>"#)?.message.contains("is not a URI") == true)
    }

    /// `QualityRules.builtIn` reads the catalogue embedded as a string and falls back to no rules on an error:
    /// the reader must read it like the file.
    @Test func embeddedQualityCatalogueIsRead() throws {
        #expect(QualityRules.builtIn.count == 142)
        #expect(
            QualityRules.builtIn
                == (try QualityRules.load(FIMData.data("quality-rules/xdfm-meldungen_1.8.genericode.xml"))))
    }

    /// Inputs on which Foundation's `XMLParser` on Linux crashed the process (a force unwrap in
    /// `_NSXMLParserStartElementNs`, `strlen(NULL)` in `_NSXMLParserProcessingInstruction`).
    @Test func inputsThatCrashedXMLParser() throws {
        #expect(try tree("<a><?pi?>x</a>").text("a") == "x")
        var badName = Data(
            #"<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2">"#.utf8)
        badName.append(contentsOf: Array("\n<w".utf8) + [0xE8] + Array(">t</w".utf8) + [0xE8])
        badName.append(contentsOf: Array("></xdf:xdatenfelder.stammdatenschema.0102>".utf8))
        let e = try #require(importError { try XDatenfelder.parse(badName) })
        #expect(e.message.contains("invalid UTF-8"))
        #expect(e.line == 2)
    }

    @Test func nestingUpToTheLimit() throws {
        let depth = XMLReader.maxDepth
        let ok = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(try tree(ok).nodes.count == depth)
        let deep = "<a>" + ok + "</a>"
        let e = try #require(xmlError(deep))
        #expect(e.message.contains("nested deeper than \(depth)"))
        #expect(e.line == 1)
    }

    // MARK: - What it refuses

    @Test func mismatchedEndTag() throws {
        let e = try #require(xmlError("<a>\n  <b>\n  </c>\n</a>"))
        #expect(e.message.hasPrefix("Malformed XML"))
        #expect(e.message.contains("</c>") && e.message.contains("<b>"))
        #expect(e.elementPath == "a/b")
        #expect(e.line == 3)
    }

    @Test func unclosedElement() throws {
        let e = try #require(xmlError("<a>\n  <b>x</b>\n  <c>\n"))
        #expect(e.message.contains("<c>") && e.message.contains("not closed"))
        #expect(e.line == 3)
        let tag = try #require(xmlError("<a>\n<b x='1'"))
        #expect(tag.message.contains("<b>"))
        #expect(tag.line == 2)
    }

    @Test func unknownEntity() throws {
        let e = try #require(xmlError("<a>\n<b>&nbsp;</b></a>"))
        #expect(e.message.contains("&nbsp;") && e.message.contains("<b>"))
        #expect(e.line == 2)
        #expect(xmlError("<a>&amp</a>")?.message.contains("malformed entity reference") == true)
        #expect(xmlError("<a x='&foo;'/>")?.message.contains("unknown entity &foo;") == true)
    }

    @Test(arguments: ["&#0;", "&#x1;", "&#xD800;", "&#xFFFE;", "&#x110000;", "&#99999999999;", "&#;", "&#x;", "&#12a;"])
    func invalidCharacterReference(_ reference: String) throws {
        let e = try #require(xmlError("<a>\n<b>\(reference)</b></a>"))
        #expect(e.message.contains("character reference"))
        #expect(e.line == 2)
    }

    @Test func doctypeWithEntitiesIsRefused() throws {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            ]>
            <lolz>&lol2;</lolz>
            """
        let e = try #require(xmlError(laughs))
        #expect(e.message.contains("DOCTYPE") && e.message.contains("internal subset"))
        #expect(e.line == 2)
    }

    @Test func otherEncodingsAreRefused() throws {
        var latin1 = Data(#"<?xml version="1.0" encoding="ISO-8859-1"?>"#.utf8)
        latin1.append(contentsOf: Array("\n<a>".utf8) + [0xE4] + Array("</a>".utf8))
        let e = try #require(xmlError(latin1))
        #expect(e.message.contains("ISO-8859-1") && e.message.contains("only UTF-8"))
        #expect(e.line == 1)
        #expect(
            xmlError(Data([0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00, 0x2F, 0x00, 0x3E, 0x00]))?.message.contains("UTF-16")
                == true)
        let invalid = try #require(xmlError(Data(Array("<a>\n\n".utf8) + [0xC3, 0x28] + Array("</a>".utf8))))
        #expect(invalid.message.contains("invalid UTF-8"))
        #expect(invalid.line == 3)
        #expect(try tree(#"<?xml version="1.0" encoding="UTF-8"?><a/>"#).nodes.count == 1)
    }

    @Test func duplicateAttribute() throws {
        let e = try #require(xmlError("<a>\n<b x='1' y='2' x=\"3\"/></a>"))
        #expect(e.message.contains("duplicate attribute x in <b>"))
        #expect(e.elementPath == "a/b")
        #expect(e.line == 2)
        // The same local name in the same namespace under two prefixes is a duplicate too.
        let ns = try #require(xmlError(#"<a xmlns:p="urn:x" xmlns:q="urn:x" p:z="1" q:z="2"/>"#))
        #expect(ns.message.contains("duplicate attribute z"))
        #expect(
            xmlError(#"<a xmlns:p="urn:x" xmlns:p="urn:y"/>"#)?.message.contains("duplicate attribute xmlns:p") == true)
        // Many attributes: checked with a set, not pairwise.
        let many = (0..<40).map { " p:a\($0)='1'" }.joined()
        #expect(try tree("<a xmlns:p='urn:x' xmlns:q='urn:x'\(many)/>").nodes[0].attributes.count == 40)
        let prefixed = xmlError("<a xmlns:p='urn:x' xmlns:q='urn:x'\(many) q:a7='2'/>")
        #expect(prefixed?.message.contains("duplicate attribute a7 in the namespace urn:x") == true)
        let plain = xmlError("<a\(many.replacingOccurrences(of: "p:", with: "")) a39='2'/>")
        #expect(plain?.message.contains("duplicate attribute a39 in <a>") == true)
    }

    @Test func lessThanInAttributeValue() throws {
        let e = try #require(xmlError("<a>\n<b x=\"1<2\"/></a>"))
        #expect(e.message.contains("'<'") && e.message.contains("attribute x") && e.message.contains("<b>"))
        #expect(e.line == 2)
    }

    @Test(arguments: [
        ("<a>x</a>\ntext", "text after the root element <a>", 2),
        ("<a/>\n<b/>", "more than one root element: <b> after <a>", 2),
        ("", "no root element", 1),
        ("  \n<!-- only a comment -->", "no root element", 2),
        ("text<a/>", "text before the root element", 1),
        ("<a>\n<p:b/></a>", "unbound namespace prefix p in <p:b>", 2),
        ("<a p:x='1'/>", "unbound namespace prefix p in the attribute p:x of <a>", 1),
        ("<a xmlns:p=''/>", "empty namespace URI for the prefix p", 1),
        ("<a:b:c xmlns:a='u'/>", "invalid element name", 1),
        ("<a>]]></a>", "']]>' in character data", 1),
        ("<a><!-- a -- b --></a>", "'--' inside a comment", 1),
        ("<a><!-- open</a>", "unterminated comment", 1),
        ("<a><?xml version='1.0'?></a>", "XML declaration is only allowed at the very start", 1),
        ("<?xml version='1.1'?><a/>", "XML version 1.1", 1),
        ("<a x='1'y='2'/>", "expected whitespace", 1),
        ("<a x=1/>", "is not quoted", 1),
        ("<a><!DOCTYPE a></a>", "invalid markup", 1),
        ("<a>\u{1}</a>", "U+0001 is not allowed", 1),
        ("<1a/>", "invalid element name", 1),
        ("<a></a >\n</a>", "after the root element <a>", 2),
    ])
    func malformed(_ xml: String, _ message: String, _ line: Int) throws {
        let e = try #require(xmlError(xml))
        #expect(e.message.contains(message), "\(e.message)")
        #expect(e.line == line)
    }

    @Test func oversizedDocumentIsRefused() throws {
        let big = Data(count: XMLReader.maxDocumentSize + 1)
        let e = try #require(xmlError(big))
        #expect(e.message.contains("MiB"))
    }

    // MARK: - Same trees as Foundation's XMLParser

    /// Every FIM document we hold (exports, fixtures, genericode, the XSDs) and a synthetic schema read into the
    /// same tree as the `XMLParser`-based builder this reader replaced.
    @Test func sameTreeAsXMLParser() throws {
        let root = try #require(FIMData.root)
        let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }
            .filter { ["xml", "xsd"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
        #expect(files.count >= 30)
        var documents = try files.map { ($0.lastPathComponent, try Data(contentsOf: $0)) }
        documents.append(("synthetic", SyntheticSchema.xdf2(fields: 40, groups: 8)))
        documents.append(
            (
                "tricky",
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!-- c --><r xmlns="urn:d" xmlns:p="urn:p"
                       a="1" p:b='x &amp; y&#10;z'>
                      <p:x>t&lt;&#xD;
                    u<![CDATA[<c>]]></p:x><y xmlns="">  </y><p:z xmlns:p="urn:q"><w/>tail</p:z>
                    </r>
                    """.utf8)
            ))
        documents.append(
            ("carriage returns", Data("<a>\r\n<b>1\r\n2\r3</b>\r\n<c>&#xD;\r</c>\r<d x=\"1\r\n2\"/></a>".utf8)))
        for (name, data) in documents {
            let expected = try #require(ReferenceTree(data), "XMLParser rejected \(name)")
            let actual = try XMLTree.parse(data)
            #expect(actual.nodes.count == expected.nodes.count, "\(name)")
            for (i, e) in zip(actual.nodes.indices, expected.nodes) {
                let same =
                    actual.qName(i) == e.qName && actual.name(i) == e.local && actual.namespace(i) == e.namespace
                    && actual.nodes[i].attributes == e.attributes && actual.nodes[i].text == e.text
                    && actual.line(i) == e.line && actual.children(i).map { $0 } == e.children
                #expect(same, "\(name): element \(i) <\(e.qName)> differs")
                if !same { break }
            }
        }
    }
}

/// The tree as Foundation's `XMLParser` (libxml2) reports it, built as the former `XMLTree` builder did: the
/// oracle for `sameTreeAsXMLParser`.
private final class ReferenceTree: NSObject, XMLParserDelegate {
    struct Node {
        var qName: String
        var local: String
        var namespace: String
        var attributes: [String: String]
        var text = ""
        var line: Int
        var children: [Int] = []
    }
    var nodes: [Node] = []
    var stack: [Int] = []
    var failed = false

    init?(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        if !parser.parse() || failed || nodes.isEmpty { return nil }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        let index = nodes.count
        nodes.append(
            Node(
                qName: qName ?? elementName, local: elementName, namespace: namespaceURI ?? "",
                attributes: attributeDict, line: parser.lineNumber))
        if let parent = stack.last {
            nodes[parent].text = ""
            nodes[parent].children.append(index)
        }
        stack.append(index)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let top = stack.last, nodes[top].children.isEmpty else { return }
        nodes[top].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard let top = stack.last, nodes[top].children.isEmpty else { return }
        nodes[top].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        failed = true
    }
}
