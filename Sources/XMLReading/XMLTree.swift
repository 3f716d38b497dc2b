import Foundation

/// The local names and namespace URIs a reader of one kind of document looks for, known before any document is
/// read. `XMLReader` interns local names to small integers: the names given here get the ids 0..<names.count in
/// every document (so a reader compares integers, not strings), names not listed get ids past them, per
/// document. The namespaces given here (none of them "") get the indices 1... in every document (0 is "", no
/// namespace).
///
/// Build one per kind of document and keep it (a `static let`): the lookup table is built once.
package struct XMLVocabulary: Sendable {
    /// Local names by id.
    package let names: [String]
    /// Ids by local name (the first id when a name is listed twice).
    package let ids: [String: Int]
    /// Namespace URIs by index; index 0 is "" (none), then the namespaces given.
    package let namespaces: [String]

    package init(names: [String], namespaces: [String]) {
        self.names = names
        self.ids = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        self.namespaces = [""] + namespaces
    }

    /// No names or namespaces known in advance (`SafeXML`).
    package static let empty = XMLVocabulary(names: [], namespaces: [])
}

/// One element of a parsed document, stored in a flat arena (`XMLTree.nodes`) and addressed by index.
/// Children are linked (first child, next sibling) to avoid an array per element.
///
/// Public (read-only) only so that the accessors the FIM import calls per element are inlined into it:
/// `@inlinable` on `package` declarations is not inlined across modules (checked with Swift 6.3). Trees are made by the
/// package API (`XMLTree.parse(_:vocabulary:)`); other engines use `SafeXML`.
public struct XMLNode: Sendable {
    /// Interned local name: index into `XMLTree.names`.
    public internal(set) var name: Int32
    /// Index into `XMLTree.namespaces` (0 = no namespace).
    public internal(set) var namespace: Int32
    /// The name as written, e.g. "xdf:datenfeld" (one string per distinct name in a document).
    public internal(set) var qName: String
    /// Attributes by name as written (e.g. "xsi:type"); `xmlns` declarations are not attributes.
    public internal(set) var attributes: [String: String]
    /// Character data of an element without child elements (raw, not trimmed; CDATA included).
    public internal(set) var text: String
    public internal(set) var firstChild: Int32 = -1
    public internal(set) var lastChild: Int32 = -1
    public internal(set) var nextSibling: Int32 = -1
    /// The line of the `>` that ends the start tag (1-based).
    public internal(set) var line: Int32

    init(
        name: Int32, namespace: Int32, qName: String, attributes: [String: String], text: String, line: Int32
    ) {
        self.name = name
        self.namespace = namespace
        self.qName = qName
        self.attributes = attributes
        self.text = text
        self.line = line
    }
}

/// A compact element tree built by `XMLReader` in one pass. No entity expansion beyond the XML built-ins and
/// character references, no DTDs, nothing fetched. Character data around child elements (indentation) is
/// dropped. Nodes are in document order: the root is node 0, a parent comes before its children.
///
/// Public (read-only) for inlining, as `XMLNode`.
public struct XMLTree: Sendable {
    public internal(set) var nodes: [XMLNode]
    /// Local names by id: the vocabulary's names first, then names met in this document.
    public internal(set) var names: [String]
    /// Namespace URIs by index; index 0 is "" (none), then the vocabulary's namespaces.
    public internal(set) var namespaces: [String]
    /// The vocabulary the document was read with.
    package let vocabulary: XMLVocabulary
    @inlinable public var root: Int { 0 }

    init(nodes: [XMLNode], names: [String], namespaces: [String], vocabulary: XMLVocabulary) {
        self.nodes = nodes
        self.names = names
        self.namespaces = namespaces
        self.vocabulary = vocabulary
    }

    /// Reads a document with `XMLReader` (strict XML 1.0 with namespaces, UTF-8 only, no entity expansion).
    package static func parse(_ data: Data, vocabulary: XMLVocabulary) throws(XMLError) -> XMLTree {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(XMLError) -> XMLTree in
                try XMLReader.parse(raw.bindMemory(to: UInt8.self), vocabulary: vocabulary)
            }
        }
        return try result.get()
    }

    /// Id of the local name (index into `names`; ids below `vocabulary.names.count` are the vocabulary's).
    @inlinable @inline(__always) public func nameID(_ i: Int) -> Int { Int(nodes[i].name) }
    @inlinable public func name(_ i: Int) -> String { names[Int(nodes[i].name)] }
    @inlinable public func namespace(_ i: Int) -> String { namespaces[Int(nodes[i].namespace)] }
    /// The name as written, e.g. "xdf:datenfeld".
    @inlinable public func qName(_ i: Int) -> String { nodes[i].qName }
    /// "xdf" for "xdf:datenfeld", "" without prefix.
    public func prefix(_ i: Int) -> String {
        let q = nodes[i].qName
        guard let colon = q.firstIndex(of: ":") else { return "" }
        return String(q[..<colon])
    }
    @inlinable public func line(_ i: Int) -> Int { Int(nodes[i].line) }

    /// Child element indices in document order.
    @inlinable public func children(_ i: Int) -> ChildSequence {
        ChildSequence(nodes: nodes, first: nodes[i].firstChild)
    }

    @inlinable public func hasChildren(_ i: Int) -> Bool { nodes[i].firstChild >= 0 }

    /// Has child elements, attributes or text other than XML white space.
    public func hasContent(_ i: Int) -> Bool {
        nodes[i].firstChild >= 0 || !nodes[i].attributes.isEmpty
            || !nodes[i].text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    }

    /// The first child with the given local name, in any namespace.
    package func child(_ i: Int, named name: String) -> Int? {
        guard let id = indexOfName(name) else { return nil }
        return children(i).first { Int(nodes[$0].name) == id }
    }

    /// The id of a local name in this document, nil when no element has it (and the vocabulary does not list it).
    package func indexOfName(_ s: String) -> Int? {
        if let id = vocabulary.ids[s] { return id }
        let known = vocabulary.names.count
        guard names.count > known else { return nil }
        return names[known...].firstIndex(of: s)
    }

    public struct ChildSequence: Sequence, IteratorProtocol {
        @usableFromInline let nodes: [XMLNode]
        @usableFromInline var current: Int32
        @inlinable init(nodes: [XMLNode], first: Int32) {
            self.nodes = nodes
            self.current = first
        }
        @inlinable public mutating func next() -> Int? {
            guard current >= 0 else { return nil }
            let c = Int(current)
            current = nodes[c].nextSibling
            return c
        }
    }
}
