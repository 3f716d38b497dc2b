import Foundation
import Testing
import XMLReading

/// The arena tree the FIM import reads (package API): interned names and preset namespaces.
@Suite("XMLTree")
struct XMLTreeTests {
    static let vocabulary = XMLVocabulary(names: ["root", "item", "name", "item"], namespaces: ["urn:one", "urn:two"])

    @Test func vocabularyNamesAndNamespacesKeepTheirIds() throws {
        let xml = """
            <t:root xmlns:t="urn:two" xmlns:o="urn:other">
              <item/><o:extra a="1">x</o:extra><t:name>n</t:name><o:extra/><other/>
            </t:root>
            """
        let tree = try XMLTree.parse(Data(xml.utf8), vocabulary: Self.vocabulary)
        #expect(tree.nodes.count == 6)
        #expect(tree.names.prefix(4) == ["root", "item", "name", "item"])
        // Known names get their table ids (the first of a name listed twice), others ids past the table.
        #expect(tree.nodes.map { Int($0.name) } == [0, 1, 4, 2, 4, 5])
        #expect(tree.names[4...] == ["extra", "other"])
        // Preset namespaces keep their indices (0 is none); others follow in the order met.
        #expect(tree.namespaces == ["", "urn:one", "urn:two", "urn:other"])
        #expect(tree.nodes.map(\.namespace) == [2, 0, 3, 2, 3, 0])
        #expect(tree.children(tree.root).map { tree.qName($0) } == ["item", "o:extra", "t:name", "o:extra", "other"])
        #expect(tree.name(2) == "extra" && tree.namespace(2) == "urn:other" && tree.prefix(2) == "o")
        #expect(tree.child(tree.root, named: "name") == 3)
        #expect(tree.child(tree.root, named: "other") == 5)
        #expect(tree.child(tree.root, named: "missing") == nil)
        #expect(tree.indexOfName("extra") == 4)
        #expect(tree.hasContent(2) && tree.hasContent(3) && !tree.hasContent(1) && !tree.hasContent(4))
        #expect(tree.hasChildren(0) && !tree.hasChildren(1))
        #expect(tree.line(0) == 1 && tree.line(5) == 2)
    }

    @Test func emptyVocabulary() throws {
        let tree = try XMLTree.parse(Data("<a xmlns='urn:a'><b/></a>".utf8), vocabulary: .empty)
        #expect(tree.names == ["a", "b"])
        #expect(tree.namespaces == ["", "urn:a"])
        #expect(tree.indexOfName("b") == 1)
    }

    @Test func errorsAreXMLErrors() throws {
        #expect(throws: XMLError(message: "Malformed XML: no root element", elementPath: "", line: 1)) {
            try XMLTree.parse(Data(" ".utf8), vocabulary: Self.vocabulary)
        }
    }
}
