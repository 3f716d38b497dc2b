import Foundation

/// The strict XML reader for engines that want a plain element tree (BPMN, …): the same reader and limits as the
/// FIM import (UTF-8 only, no DTD internal subset so no entity is ever declared or expanded, nothing fetched, at
/// most 256 nested elements and 64 MiB), without a vocabulary.
public enum SafeXML {
    /// A read-only element tree. Namespaces resolved; attribute names as written (e.g. "xsi:type",
    /// "camunda:assignee"; xmlns declarations are not attributes).
    public struct Element: Sendable {
        public let localName: String
        public let namespace: String  // namespace URI, "" when none
        public let qualifiedName: String  // as written, e.g. "bpmn:task"
        public let attributes: [String: String]
        public let text: String  // character data of an element without child elements (raw); "" otherwise
        public let children: [Element]
        public let line: Int
    }

    /// Parses a whole UTF-8 document with the strict reader (same limits: depth, size, no DTD internal subset).
    ///
    /// `text` is the character data of an element without child elements exactly as the document holds it: CDATA
    /// sections included (without their markers), references decoded, comments and processing instructions left
    /// out, nothing trimmed; line ends normalised (CR LF and CR → LF). An element with child elements has the text
    /// "". `line` is the 1-based line of the `>` that ends the element's start tag.
    public static func parse(_ data: Data) throws(XMLError) -> Element {
        let tree = try XMLTree.parse(data, vocabulary: .empty)
        return element(tree.root, in: tree)
    }

    /// The element at `i` with its subtree (recursion depth is bounded by `XMLReader.maxDepth`).
    private static func element(_ i: Int, in tree: XMLTree) -> Element {
        let node = tree.nodes[i]
        return Element(
            localName: tree.names[Int(node.name)], namespace: tree.namespaces[Int(node.namespace)],
            qualifiedName: node.qName, attributes: node.attributes, text: node.text,
            children: tree.children(i).map { element($0, in: tree) }, line: Int(node.line))
    }
}
