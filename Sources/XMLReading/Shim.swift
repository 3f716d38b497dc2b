// TEMPORARY shim (replaced by the extracted reader before commit).
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

public struct XMLError: Error, Sendable { public let message: String; public let elementPath: String; public let line: Int? }

public enum SafeXML {
    public struct Element: Sendable {
        public let localName: String
        public let namespace: String
        public let qualifiedName: String
        public let attributes: [String: String]
        public let text: String
        public let children: [Element]
        public let line: Int
    }
    public static func parse(_ data: Data) throws(XMLError) -> Element {
        let p = XMLParser(data: data)
        let d = Delegate(); p.delegate = d; p.shouldProcessNamespaces = true; p.shouldReportNamespacePrefixes = false
        guard p.parse(), let root = d.root else { throw XMLError(message: p.parserError?.localizedDescription ?? "parse error", elementPath: "", line: p.lineNumber) }
        return root
    }
    final class Delegate: NSObject, XMLParserDelegate {
        final class B { var ln = "", ns = "", qn = "", attrs: [String: String] = [:], text = "", children: [Element] = [], line = 0 }
        var stack: [B] = []; var root: Element?
        func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName q: String?, attributes a: [String: String] = [:]) {
            let b = B(); b.ln = e; b.ns = namespaceURI ?? ""; b.qn = q ?? e; b.attrs = a; b.line = parser.lineNumber; stack.append(b)
        }
        func parser(_ parser: XMLParser, foundCharacters s: String) { stack.last?.text += s }
        func parser(_ parser: XMLParser, foundCDATA d: Data) { stack.last?.text += String(decoding: d, as: UTF8.self) }
        func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName q: String?) {
            let b = stack.removeLast()
            let el = Element(localName: b.ln, namespace: b.ns, qualifiedName: b.qn, attributes: b.attrs, text: b.children.isEmpty ? b.text : "", children: b.children, line: b.line)
            if let p = stack.last { p.children.append(el) } else { root = el }
        }
    }
}
