import Foundation

/// A strict, non-validating XML 1.0 reader with namespaces that builds an `XMLTree` straight from UTF-8 bytes.
///
/// It replaces Foundation's `XMLParser`, whose libxml2 callbacks and per-callback strings took about 30 ms of a
/// 2 MB import (and crashed the process on two inputs). It reads what XDatenfelder, genericode and BPMN documents
/// use and refuses everything else with an `XMLError` (message, element path, line), never with a partial tree:
/// - UTF-8 only: a byte order mark is fine, another encoding in the XML declaration is refused, and so are
///   invalid UTF-8 and the characters XML forbids (control characters, U+FFFE, U+FFFF).
/// - The XML declaration, comments, processing instructions and an external DOCTYPE are skipped. A DOCTYPE
///   with an internal subset is refused: no entity is ever declared, so none is ever expanded ("billion
///   laughs"), and nothing is ever fetched.
/// - Only the five predefined entities and character references are decoded. Line ends are normalised first
///   (CR LF and CR → LF), so `&#xD;` stays a CR; attribute values are normalised as XML says (tab, CR, LF → space).
/// - Namespaces are resolved with their scoping: an element gets its local name and namespace URI, as
///   `XMLParser` with `shouldProcessNamespaces` reported them; attributes keep their names as written, and the
///   `xmlns` declarations are not attributes.
/// - Bounded: at most `maxDepth` nested elements and `maxDocumentSize` bytes.
///
/// An element's line is the line of the `>` that ends its start tag, as libxml2 reported it, so error
/// positions did not move with the switch.
package struct XMLReader {
    /// At most this many nested elements.
    package static let maxDepth = 256
    /// At most this many bytes.
    package static let maxDocumentSize = 64 << 20
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    /// Reads a whole document. The vocabulary's names and namespaces get the same ids in every document.
    package static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, vocabulary: XMLVocabulary
    ) throws(XMLError) -> XMLTree {
        guard bytes.count <= maxDocumentSize else {
            throw XMLError(
                message: "Unsupported XML: the document has \(bytes.count) bytes, more than the "
                    + "\(maxDocumentSize >> 20) MiB accepted",
                elementPath: "")
        }
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            throw XMLError(
                message: "Malformed XML: no root element (the document is empty)", elementPath: "", line: 1)
        }
        var reader = XMLReader(base: base, end: bytes.count, vocabulary: vocabulary)
        try reader.readDocument()
        return reader.finish()
    }

    private let base: UnsafePointer<UInt8>
    private let end: Int
    private var pos = 0

    private let vocabulary: XMLVocabulary
    private var nodes: [XMLNode] = []
    private var names: [String]
    private var extraNames: [String: Int] = [:]
    private var namespaces: [String]
    /// Offsets of the line feeds, to turn the offsets kept in `XMLNode.line` while reading into lines.
    private var newlines: [Int32] = []
    private var qNames = QNameTable()

    /// An open element: its node, where its name is written (to match the end tag), its namespace bindings.
    private struct Open {
        var node: Int32
        var nameStart: Int32
        var nameLength: Int32
        var bindingMark: Int32
    }
    private var stack: [Open] = []

    /// A namespace declaration in scope. The default namespace has an empty prefix.
    private struct Binding {
        var prefixStart: Int
        var prefixLength: Int
        var uri: String
        /// Index into `namespaces` once an element used it, else -1.
        var index: Int32
    }
    private var bindings: [Binding] = []

    /// Character data of the innermost open element while it has no child element: one slice of the input
    /// (the common case, no copy), or pieces copied into `textBuffer`.
    private enum TextState { case empty, slice, buffer }
    private var collecting = false
    private var textState = TextState.empty
    private var textStart = 0
    private var textEnd = 0
    private var textBuffer: [UInt8] = []

    /// The start tag being read: its name, and its attributes as written.
    private struct Attribute {
        var nameStart: Int
        var nameLength: Int
        /// Offset of the colon, -1 without prefix.
        var colon: Int
        var value: String
    }
    private var tagStart = 0
    private var tagLength = 0
    private var attributes: [Attribute] = []
    private var valueBuffer: [UInt8] = []

    private init(base: UnsafePointer<UInt8>, end: Int, vocabulary: XMLVocabulary) {
        self.base = base
        self.end = end
        self.vocabulary = vocabulary
        self.names = vocabulary.names
        self.namespaces = vocabulary.namespaces
    }

    // MARK: - Document

    private mutating func readDocument() throws(XMLError) {
        if end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
            pos = 3
        } else if end >= 2
            && (base[0] == 0 || base[1] == 0 || (base[0] == 0xFE && base[1] == 0xFF)
                || (base[0] == 0xFF && base[1] == 0xFE))
        {
            throw unsupported("the document is not UTF-8 (UTF-16 or UTF-32); only UTF-8 is accepted", at: 0)
        }
        // The declaration first: a document in another encoding gets that message, not "invalid UTF-8".
        if startsWith("<?xml", at: pos) && Self.isSpace(peek(pos + 5)) { try readXMLDeclaration() }
        try checkCharacters()
        nodes.reserveCapacity(min(end / 28 + 16, 1 << 18))
        stack.reserveCapacity(32)

        var sawDoctype = false
        while true {
            skipSpace()
            guard pos < end else { throw failure("no root element", at: pos) }
            guard base[pos] == Byte.lt else { throw failure("text before the root element", at: pos) }
            if peek(pos + 1) == Byte.question {
                try skipProcessingInstruction()
            } else if startsWith("<!--", at: pos) {
                try skipComment()
            } else if startsWith("<!DOCTYPE", at: pos) {
                guard !sawDoctype else { throw failure("a second DOCTYPE", at: pos) }
                try skipDoctype()
                sawDoctype = true
            } else {
                break
            }
        }

        try readStartTag()
        while !stack.isEmpty {
            try readText()
            switch peek(pos + 1) {
            case Byte.slash: try readEndTag()
            case Byte.question: try skipProcessingInstruction()
            case Byte.bang:
                if startsWith("<!--", at: pos) {
                    try skipComment()
                } else if startsWith("<![CDATA[", at: pos) {
                    try readCDATA()
                } else {
                    throw failure(
                        "invalid markup \(quoted(pos, 9)) in <\(nodes[Int(stack[stack.count - 1].node)].qName)>",
                        at: pos)
                }
            default: try readStartTag()
            }
        }

        let root = nodes[0].qName
        while true {
            skipSpace()
            guard pos < end else { break }
            guard base[pos] == Byte.lt else { throw failure("text after the root element <\(root)>", at: pos) }
            if peek(pos + 1) == Byte.question {
                try skipProcessingInstruction()
            } else if startsWith("<!--", at: pos) {
                try skipComment()
            } else if let nameEnd = scanName(from: pos + 1) {
                throw failure("more than one root element: <\(string(pos + 1, nameEnd))> after <\(root)>", at: pos)
            } else {
                throw failure("markup \(quoted(pos, 9)) after the root element <\(root)>", at: pos)
            }
        }
    }

    private mutating func finish() -> XMLTree {
        newlines.withUnsafeBufferPointer { lineFeeds in
            var k = 0
            for i in nodes.indices {
                let offset = nodes[i].line
                while k < lineFeeds.count && lineFeeds[k] < offset { k += 1 }
                nodes[i].line = Int32(k + 1)
            }
        }
        return XMLTree(nodes: nodes, names: names, namespaces: namespaces, vocabulary: vocabulary)
    }

    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`: version 1.0, encoding UTF-8 (or none).
    private mutating func readXMLDeclaration() throws(XMLError) {
        let open = pos
        pos += 5
        var seen = 0
        while true {
            let spaced = skipSpace()
            if peek(pos) == Byte.question && peek(pos + 1) == Byte.gt {
                pos += 2
                break
            }
            guard spaced, let nameEnd = scanName(from: pos) else {
                throw failure("malformed XML declaration", at: pos)
            }
            let name = string(pos, nameEnd)
            pos = nameEnd
            skipSpace()
            guard peek(pos) == Byte.equals else { throw failure("malformed XML declaration (\(name))", at: pos) }
            pos += 1
            skipSpace()
            let quote = peek(pos)
            guard quote == Byte.quote || quote == Byte.apostrophe, let close = find(quote, from: pos + 1) else {
                throw failure("malformed XML declaration (\(name))", at: pos)
            }
            let value = string(pos + 1, close)
            pos = close + 1
            switch name {
            case "version" where seen == 0:
                guard value == "1.0" else { throw unsupported("XML version \(value); only 1.0 is accepted", at: open) }
                seen = 1
            case "encoding" where seen == 1:
                guard value.lowercased() == "utf-8" else {
                    throw unsupported(
                        "the XML declaration names the encoding \"\(value)\"; only UTF-8 is accepted", at: open)
                }
                seen = 2
            case "standalone" where seen == 1 || seen == 2:
                guard value == "yes" || value == "no" else {
                    throw failure("malformed XML declaration (standalone=\"\(value)\")", at: open)
                }
                seen = 3
            default:
                throw failure("malformed XML declaration (\(name))", at: open)
            }
        }
        guard seen > 0 else { throw failure("XML declaration without a version", at: open) }
    }

    /// Checks the whole input once: valid UTF-8, only characters XML allows. Notes the line feeds on the way.
    private mutating func checkCharacters() throws(XMLError) {
        newlines.reserveCapacity(end / 40 + 16)
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i < end {
            if end - i >= 8 {
                // Eight ASCII bytes of at least 0x20 at once: the common case.
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                if w & high == 0 && (w &- 0x2020_2020_2020_2020) & ~w & high == 0 {
                    i += 8
                    continue
                }
            }
            let b = base[i]
            if b < 0x80 {
                if b < 0x20 {
                    if b == Byte.lf {
                        newlines.append(Int32(truncatingIfNeeded: i))
                    } else if b != Byte.tab && b != Byte.cr {
                        throw failure(
                            "the character U+\(String(format: "%04X", b)) is not allowed in XML", at: i)
                    }
                }
                i += 1
                continue
            }
            let b1 = peek(i + 1)
            let b2 = peek(i + 2)
            let b3 = peek(i + 3)
            let length: Int
            switch b {
            case 0xC2...0xDF:
                length = b1 & 0xC0 == 0x80 ? 2 : 0
            case 0xE0...0xEF:
                let ok =
                    b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && !(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0)
                if ok && b == 0xEF && b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF) {
                    throw failure("the character U+FFF\(b2 == 0xBE ? "E" : "F") is not allowed in XML", at: i)
                }
                length = ok ? 3 : 0
            case 0xF0...0xF4:
                let ok =
                    b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && b3 & 0xC0 == 0x80 && !(b == 0xF0 && b1 < 0x90)
                    && !(b == 0xF4 && b1 >= 0x90)
                length = ok ? 4 : 0
            default:
                length = 0
            }
            guard length > 0, i + length <= end else {
                throw failure("invalid UTF-8 (byte 0x\(String(format: "%02X", b)))", at: i)
            }
            i += length
        }
    }

    // MARK: - Elements

    private mutating func readStartTag() throws(XMLError) {
        let nameStart = pos + 1
        var colon = -1
        guard let nameEnd = scanQName(from: nameStart, colon: &colon) else {
            throw failure("invalid element name \(quoted(nameStart, 20))", at: pos)
        }
        tagStart = nameStart
        tagLength = nameEnd - nameStart
        pos = nameEnd
        if !attributes.isEmpty { attributes.removeAll(keepingCapacity: true) }
        var selfClosing = false
        while true {
            let spaced = skipSpace()
            guard pos < end else {
                throw failure("unexpected end of document in the start tag <\(tagName)>", at: pos, element: tagName)
            }
            let b = base[pos]
            if b == Byte.gt {
                pos += 1
                break
            }
            if b == Byte.slash {
                guard peek(pos + 1) == Byte.gt else {
                    throw failure("expected '>' after '/' in <\(tagName)>", at: pos, element: tagName)
                }
                pos += 2
                selfClosing = true
                break
            }
            guard spaced else {
                throw failure(
                    "expected whitespace, '>' or '/>' in <\(tagName)>, found \(quoted(pos, 1))", at: pos,
                    element: tagName)
            }
            try readAttribute()
        }
        let gt = pos - 1

        guard stack.count < Self.maxDepth else {
            throw unsupported("elements nested deeper than \(Self.maxDepth) levels (at <\(tagName)>)", at: gt)
        }
        let mark = bindings.count
        let attributeDictionary = try resolveAttributes()
        let namespace = try elementNamespace(colon: colon)
        let entry = qNames.entry(start: nameStart, length: tagLength, in: base)
        let index = nodes.count
        nodes.append(
            XMLNode(
                name: localID(entry, colon: colon), namespace: namespace, qName: qNames.entries[entry].string,
                attributes: attributeDictionary, text: "", line: Int32(truncatingIfNeeded: gt)))
        if let parent = stack.last.map({ Int($0.node) }) {
            if nodes[parent].firstChild < 0 {
                nodes[parent].firstChild = Int32(index)
            } else {
                nodes[Int(nodes[parent].lastChild)].nextSibling = Int32(index)
            }
            nodes[parent].lastChild = Int32(index)
        }
        if selfClosing {
            if bindings.count > mark { bindings.removeSubrange(mark...) }
            collecting = false
        } else {
            stack.append(
                Open(
                    node: Int32(index), nameStart: Int32(truncatingIfNeeded: nameStart),
                    nameLength: Int32(truncatingIfNeeded: tagLength), bindingMark: Int32(mark)))
            collecting = true
            textState = .empty
        }
    }

    private mutating func readEndTag() throws(XMLError) {
        let open = pos
        let nameStart = pos + 2
        var colon = -1
        guard let nameEnd = scanQName(from: nameStart, colon: &colon) else {
            throw failure("invalid end tag \(quoted(open, 20))", at: open)
        }
        var i = nameEnd
        while i < end && Self.isSpace(base[i]) { i += 1 }
        guard i < end && base[i] == Byte.gt else {
            throw failure("expected '>' to end the end tag </\(string(nameStart, nameEnd))>", at: i)
        }
        let top = stack[stack.count - 1]
        let length = nameEnd - nameStart
        guard length == Int(top.nameLength), Self.equal(base + nameStart, base + Int(top.nameStart), length) else {
            let node = nodes[Int(top.node)]
            throw failure(
                "end tag </\(string(nameStart, nameEnd))> does not match the start tag <\(node.qName)> on line "
                    + "\(line(at: Int(node.line)))",
                at: open)
        }
        if collecting {
            switch textState {
            case .empty: break
            case .slice:
                nodes[Int(top.node)].text = String(
                    decoding: UnsafeBufferPointer(start: base + textStart, count: textEnd - textStart), as: UTF8.self)
            case .buffer:
                nodes[Int(top.node)].text = String(decoding: textBuffer, as: UTF8.self)
            }
        }
        textState = .empty
        collecting = false
        if bindings.count > Int(top.bindingMark) { bindings.removeSubrange(Int(top.bindingMark)...) }
        stack.removeLast()
        pos = i + 1
    }

    /// `name="value"` or `name='value'` in a start tag; `pos` is on the name.
    private mutating func readAttribute() throws(XMLError) {
        let nameStart = pos
        var colon = -1
        guard let nameEnd = scanQName(from: nameStart, colon: &colon) else {
            throw failure("invalid attribute name \(quoted(nameStart, 20)) in <\(tagName)>", at: pos, element: tagName)
        }
        pos = nameEnd
        skipSpace()
        guard peek(pos) == Byte.equals else {
            throw failure(
                "expected '=' after the attribute \(string(nameStart, nameEnd)) in <\(tagName)>", at: pos,
                element: tagName)
        }
        pos += 1
        skipSpace()
        let quote = peek(pos)
        guard quote == Byte.quote || quote == Byte.apostrophe else {
            throw failure(
                "the value of the attribute \(string(nameStart, nameEnd)) in <\(tagName)> is not quoted", at: pos,
                element: tagName)
        }
        pos += 1
        let value = try readAttributeValue(quote: quote, name: nameStart..<nameEnd)
        attributes.append(Attribute(nameStart: nameStart, nameLength: nameEnd - nameStart, colon: colon, value: value))
    }

    private mutating func readAttributeValue(quote: UInt8, name: Range<Int>) throws(XMLError) -> String {
        let start = pos
        var i = pos
        while i < end {
            let b = base[i]
            if b == quote {
                pos = i + 1
                return String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self)
            }
            if b == Byte.lt || b == Byte.amp || b < 0x20 { break }
            i += 1
        }
        valueBuffer.removeAll(keepingCapacity: true)
        valueBuffer.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start))
        while true {
            guard i < end else {
                throw failure(
                    "unexpected end of document in the value of the attribute \(string(name.lowerBound, name.upperBound)) "
                        + "in <\(tagName)>", at: start, element: tagName)
            }
            let b = base[i]
            if b == quote { break }
            switch b {
            case Byte.lt:
                throw failure(
                    "'<' in the value of the attribute \(string(name.lowerBound, name.upperBound)) in <\(tagName)>",
                    at: i, element: tagName)
            case Byte.amp:
                pos = i
                let scalar = try readReference(in: .attribute(name))
                Self.appendUTF8(scalar, to: &valueBuffer)
                i = pos
            case Byte.tab, Byte.lf:
                valueBuffer.append(Byte.space)
                i += 1
            case Byte.cr:
                valueBuffer.append(Byte.space)
                i += 1
                if i < end && base[i] == Byte.lf { i += 1 }
            default:
                valueBuffer.append(b)
                i += 1
            }
        }
        pos = i + 1
        return String(decoding: valueBuffer, as: UTF8.self)
    }

    /// Takes the namespace declarations of the start tag into scope and returns its other attributes by name
    /// as written; duplicates and unbound prefixes are errors.
    private mutating func resolveAttributes() throws(XMLError) -> [String: String] {
        guard !attributes.isEmpty else { return [:] }
        var plain = 0
        for a in attributes {
            if a.colon < 0 {
                guard a.nameLength == 5 && bytesEqual(a.nameStart, 5, "xmlns") else {
                    plain += 1
                    continue
                }
                guard a.value != Self.xmlNamespace && a.value != Self.xmlnsNamespace else {
                    throw failure(
                        "the reserved namespace \(a.value) cannot be the default namespace (in <\(tagName)>)",
                        at: tagStart, element: tagName)
                }
                guard a.value.isEmpty || Self.isURI(a.value, absolute: true) else {
                    throw failure(
                        "the namespace name \"\(a.value)\" in <\(tagName)> is not an absolute URI", at: tagStart,
                        element: tagName)
                }
                bindings.append(Binding(prefixStart: 0, prefixLength: 0, uri: a.value, index: a.value.isEmpty ? 0 : -1))
            } else {
                guard a.colon - a.nameStart == 5 && bytesEqual(a.nameStart, 5, "xmlns") else {
                    plain += 1
                    continue
                }
                let prefixStart = a.colon + 1
                let prefixLength = a.nameStart + a.nameLength - prefixStart
                let prefix = string(prefixStart, prefixStart + prefixLength)
                if prefix == "xml" {
                    guard a.value == Self.xmlNamespace else {
                        throw failure(
                            "the prefix xml cannot be bound to \(a.value) (in <\(tagName)>)", at: tagStart,
                            element: tagName)
                    }
                    continue
                }
                guard prefix != "xmlns", a.value != Self.xmlNamespace, a.value != Self.xmlnsNamespace else {
                    throw failure(
                        "reserved namespace declaration xmlns:\(prefix)=\"\(a.value)\" in <\(tagName)>", at: tagStart,
                        element: tagName)
                }
                guard !a.value.isEmpty else {
                    throw failure(
                        "empty namespace URI for the prefix \(prefix) in <\(tagName)>", at: tagStart, element: tagName)
                }
                guard Self.isURI(a.value, absolute: false) else {
                    throw failure(
                        "the namespace name \"\(a.value)\" of the prefix \(prefix) in <\(tagName)> is not a URI",
                        at: tagStart, element: tagName)
                }
                bindings.append(Binding(prefixStart: prefixStart, prefixLength: prefixLength, uri: a.value, index: -1))
            }
        }
        try checkDuplicates()
        guard plain > 0 else { return [:] }

        var result: [String: String] = [:]
        result.reserveCapacity(plain)
        var prefixed: [(local: Range<Int>, uri: String)] = []
        for a in attributes {
            if a.colon >= 0 {
                let prefixLength = a.colon - a.nameStart
                if prefixLength == 5 && bytesEqual(a.nameStart, 5, "xmlns") { continue }
                let uri: String
                if prefixLength == 3 && bytesEqual(a.nameStart, 3, "xml") {
                    uri = Self.xmlNamespace
                } else if let b = binding(prefixStart: a.nameStart, length: prefixLength) {
                    uri = bindings[b].uri
                } else {
                    throw failure(
                        "unbound namespace prefix \(string(a.nameStart, a.colon)) in the attribute "
                            + "\(string(a.nameStart, a.nameStart + a.nameLength)) of <\(tagName)>",
                        at: tagStart, element: tagName)
                }
                prefixed.append(((a.colon + 1)..<(a.nameStart + a.nameLength), uri))
            } else if a.nameLength == 5 && bytesEqual(a.nameStart, 5, "xmlns") {
                continue
            }
            let key = qNames.entries[qNames.entry(start: a.nameStart, length: a.nameLength, in: base)].string
            result[key] = a.value
        }
        if prefixed.count > 1 { try checkDuplicates(prefixed) }
        return result
    }

    /// The same local name in the same namespace twice, written with different prefixes.
    private func checkDuplicates(_ prefixed: [(local: Range<Int>, uri: String)]) throws(XMLError) {
        func duplicate(_ p: (local: Range<Int>, uri: String)) -> XMLError {
            failure(
                "duplicate attribute \(string(p.local.lowerBound, p.local.upperBound)) in the namespace \(p.uri) "
                    + "in <\(tagName)>", at: tagStart, element: tagName)
        }
        if prefixed.count <= 16 {
            for k in 1..<prefixed.count {
                let p = prefixed[k]
                for q in prefixed[..<k] where q.uri == p.uri && q.local.count == p.local.count {
                    if Self.equal(base + q.local.lowerBound, base + p.local.lowerBound, p.local.count) {
                        throw duplicate(p)
                    }
                }
            }
        } else {
            var seen = Set<String>()
            for p in prefixed
            where !seen.insert(p.uri + " " + string(p.local.lowerBound, p.local.upperBound)).inserted {
                throw duplicate(p)
            }
        }
    }

    private func checkDuplicates() throws(XMLError) {
        guard attributes.count > 1 else { return }
        func duplicate(_ a: Attribute) -> XMLError {
            failure(
                "duplicate attribute \(string(a.nameStart, a.nameStart + a.nameLength)) in <\(tagName)>", at: tagStart,
                element: tagName)
        }
        if attributes.count <= 16 {
            for k in 1..<attributes.count {
                let a = attributes[k]
                for m in 0..<k where attributes[m].nameLength == a.nameLength {
                    if Self.equal(base + attributes[m].nameStart, base + a.nameStart, a.nameLength) {
                        throw duplicate(a)
                    }
                }
            }
        } else {
            var seen = Set<String>()
            for a in attributes where !seen.insert(string(a.nameStart, a.nameStart + a.nameLength)).inserted {
                throw duplicate(a)
            }
        }
    }

    private mutating func elementNamespace(colon: Int) throws(XMLError) -> Int32 {
        let b: Int
        if colon >= 0 {
            let prefixLength = colon - tagStart
            if prefixLength == 3 && bytesEqual(tagStart, 3, "xml") { return internNamespace(Self.xmlNamespace) }
            guard let found = binding(prefixStart: tagStart, length: prefixLength),
                !(prefixLength == 5 && bytesEqual(tagStart, 5, "xmlns"))
            else {
                throw failure(
                    "unbound namespace prefix \(string(tagStart, colon)) in <\(tagName)>", at: tagStart,
                    element: tagName)
            }
            b = found
        } else {
            guard let found = binding(prefixStart: 0, length: 0) else { return 0 }
            b = found
        }
        if bindings[b].index < 0 { bindings[b].index = internNamespace(bindings[b].uri) }
        return bindings[b].index
    }

    /// The innermost binding of a prefix (length 0: the default namespace).
    private func binding(prefixStart: Int, length: Int) -> Int? {
        var k = bindings.count - 1
        while k >= 0 {
            let b = bindings[k]
            if b.prefixLength == length && Self.equal(base + b.prefixStart, base + prefixStart, length) {
                return k
            }
            k -= 1
        }
        return nil
    }

    private mutating func internNamespace(_ uri: String) -> Int32 {
        if uri.isEmpty { return 0 }
        if let i = namespaces.firstIndex(of: uri) { return Int32(i) }
        namespaces.append(uri)
        return Int32(namespaces.count - 1)
    }

    private mutating func localID(_ entry: Int, colon: Int) -> Int32 {
        let known = qNames.entries[entry].localID
        if known >= 0 { return known }
        let qName = qNames.entries[entry].string
        let local = colon < 0 ? qName : String(qName.utf8.dropFirst(colon - tagStart + 1))!
        let id: Int
        if let i = vocabulary.ids[local] {
            id = i
        } else if let i = extraNames[local] {
            id = i
        } else {
            names.append(local)
            id = names.count - 1
            extraNames[local] = id
        }
        qNames.entries[entry].localID = Int32(id)
        return Int32(id)
    }

    private var tagName: String { string(tagStart, tagStart + tagLength) }

    // MARK: - Character data

    /// Character data up to the next `<`.
    private mutating func readText() throws(XMLError) {
        var i = pos
        var run = i
        while true {
            guard i < end else {
                addSlice(run, i)
                let node = nodes[Int(stack[stack.count - 1].node)]
                throw failure(
                    "unexpected end of document: <\(node.qName)> (line \(line(at: Int(node.line)))) is not closed",
                    at: Int(node.line))
            }
            let b = base[i]
            if b == Byte.lt { break }
            if b == Byte.amp {
                addSlice(run, i)
                pos = i
                let scalar = try readReference(in: .text)
                addScalar(scalar)
                i = pos
                run = i
            } else if b == Byte.cr {
                addSlice(run, i)
                i += 1
                if i < end && base[i] == Byte.lf {
                    run = i
                } else {
                    addScalar(UInt32(Byte.lf))
                    run = i
                }
            } else if b == Byte.rbracket && i + 2 < end && base[i + 1] == Byte.rbracket && base[i + 2] == Byte.gt {
                throw failure("']]>' in character data", at: i)
            } else {
                i += 1
            }
        }
        addSlice(run, i)
        pos = i
    }

    private mutating func readCDATA() throws(XMLError) {
        let open = pos
        var i = pos + 9
        var run = i
        while true {
            guard i + 2 < end else { throw failure("unterminated CDATA section", at: open) }
            let b = base[i]
            if b == Byte.rbracket && base[i + 1] == Byte.rbracket && base[i + 2] == Byte.gt { break }
            if b == Byte.cr {
                addSlice(run, i)
                i += 1
                if i >= end || base[i] != Byte.lf { addScalar(UInt32(Byte.lf)) }
                run = i
            } else {
                i += 1
            }
        }
        addSlice(run, i)
        pos = i + 3
    }

    @inline(__always)
    private mutating func addSlice(_ start: Int, _ stop: Int) {
        guard collecting, start < stop else { return }
        switch textState {
        case .empty:
            textStart = start
            textEnd = stop
            textState = .slice
        case .slice:
            moveTextToBuffer()
            textBuffer.append(contentsOf: UnsafeBufferPointer(start: base + start, count: stop - start))
        case .buffer:
            textBuffer.append(contentsOf: UnsafeBufferPointer(start: base + start, count: stop - start))
        }
    }

    private mutating func addScalar(_ scalar: UInt32) {
        guard collecting else { return }
        moveTextToBuffer()
        Self.appendUTF8(scalar, to: &textBuffer)
    }

    private mutating func moveTextToBuffer() {
        switch textState {
        case .empty:
            textBuffer.removeAll(keepingCapacity: true)
        case .slice:
            textBuffer.removeAll(keepingCapacity: true)
            textBuffer.append(contentsOf: UnsafeBufferPointer(start: base + textStart, count: textEnd - textStart))
        case .buffer:
            return
        }
        textState = .buffer
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#NNN;` `&#xHHH;` at `pos`; returns the character, `pos` after it.
    /// Where a reference is, for messages: character data, or the value of the attribute written at that range.
    private enum ReferenceContext {
        case text
        case attribute(Range<Int>)
    }

    private func element(_ context: ReferenceContext) -> String? {
        if case .attribute = context { tagName } else { nil }
    }

    private func describe(_ context: ReferenceContext) -> String {
        switch context {
        case .text: "<\(nodes[Int(stack[stack.count - 1].node)].qName)>"
        case .attribute(let name): "the attribute \(string(name.lowerBound, name.upperBound)) of <\(tagName)>"
        }
    }

    private mutating func readReference(in context: ReferenceContext) throws(XMLError) -> UInt32 {
        let start = pos
        var i = pos + 1
        if peek(i) == Byte.hash {
            i += 1
            let hex = peek(i) == UInt8(ascii: "x")
            if hex { i += 1 }
            var value: UInt32 = 0
            var digits = 0
            while i < end {
                let b = base[i]
                let digit: UInt32
                if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                    digit = UInt32(b - UInt8(ascii: "0"))
                } else if hex, case let l = b | 0x20, l >= UInt8(ascii: "a") && l <= UInt8(ascii: "f") {
                    digit = UInt32(l - UInt8(ascii: "a") + 10)
                } else {
                    break
                }
                value = min(value * (hex ? 16 : 10) + digit, 0x11_0000)
                digits += 1
                i += 1
            }
            guard digits > 0, peek(i) == Byte.semicolon else {
                throw failure(
                    "malformed character reference \(quoted(start, i + 1 - start)) in \(describe(context))", at: start,
                    element: element(context))
            }
            guard Self.isXMLChar(value) else {
                throw failure(
                    "the character reference \(string(start, i + 1)) in \(describe(context)) is not an allowed XML character",
                    at: start, element: element(context))
            }
            pos = i + 1
            return value
        }
        while i < end && i - start <= 32 && Self.isNameByte(base[i]) { i += 1 }
        guard peek(i) == Byte.semicolon, i > start + 1 else {
            throw failure(
                "malformed entity reference \(quoted(start, i + 1 - start)) in \(describe(context))", at: start,
                element: element(context))
        }
        pos = i + 1
        switch i - start - 1 {
        case 2:
            if bytesEqual(start + 1, 2, "lt") { return UInt32(Byte.lt) }
            if bytesEqual(start + 1, 2, "gt") { return UInt32(Byte.gt) }
        case 3:
            if bytesEqual(start + 1, 3, "amp") { return UInt32(Byte.amp) }
        case 4:
            if bytesEqual(start + 1, 4, "quot") { return UInt32(Byte.quote) }
            if bytesEqual(start + 1, 4, "apos") { return UInt32(Byte.apostrophe) }
        default:
            break
        }
        throw failure(
            "unknown entity \(string(start, i + 1)) in \(describe(context)) (only &lt; &gt; &amp; &quot; &apos; and character "
                + "references are accepted)", at: start, element: element(context))
    }

    // MARK: - Markup that is skipped

    private mutating func skipComment() throws(XMLError) {
        let open = pos
        var i = pos + 4
        while true {
            guard i + 1 < end else { throw failure("unterminated comment", at: open) }
            if base[i] == Byte.minus && base[i + 1] == Byte.minus {
                guard i + 2 < end && base[i + 2] == Byte.gt else { throw failure("'--' inside a comment", at: i) }
                pos = i + 3
                return
            }
            i += 1
        }
    }

    private mutating func skipProcessingInstruction() throws(XMLError) {
        let open = pos
        guard let targetEnd = scanName(from: pos + 2) else {
            throw failure("invalid processing instruction \(quoted(open, 20))", at: open)
        }
        if targetEnd - (pos + 2) == 3 && string(pos + 2, targetEnd).lowercased() == "xml" {
            throw failure("an XML declaration is only allowed at the very start of the document", at: open)
        }
        var i = targetEnd
        if !(peek(i) == Byte.question && peek(i + 1) == Byte.gt) {
            guard Self.isSpace(peek(i)) else {
                throw failure("invalid processing instruction \(quoted(open, 20))", at: open)
            }
        }
        while true {
            guard i + 1 < end else { throw failure("unterminated processing instruction", at: open) }
            if base[i] == Byte.question && base[i + 1] == Byte.gt {
                pos = i + 2
                return
            }
            i += 1
        }
    }

    /// `<!DOCTYPE name SYSTEM "…">` is skipped (nothing is fetched); an internal subset `[…]` is refused.
    private mutating func skipDoctype() throws(XMLError) {
        let open = pos
        var i = pos + 9
        guard Self.isSpace(peek(i)) else { throw failure("malformed DOCTYPE", at: open) }
        while i < end {
            let b = base[i]
            if b == Byte.gt {
                pos = i + 1
                return
            }
            if b == Byte.lbracket {
                throw unsupported(
                    "a DOCTYPE with an internal subset (entity or other declarations) is not accepted; "
                        + "entities are never expanded", at: i)
            }
            if b == Byte.quote || b == Byte.apostrophe {
                guard let close = find(b, from: i + 1) else { break }
                i = close + 1
            } else {
                i += 1
            }
        }
        throw failure("unterminated DOCTYPE", at: open)
    }

    // MARK: - Scanning

    /// The byte at `i`, or 0 past the end (0 never occurs inside a checked document).
    @inline(__always)
    private func peek(_ i: Int) -> UInt8 { i < end ? base[i] : 0 }

    @discardableResult @inline(__always)
    private mutating func skipSpace() -> Bool {
        let start = pos
        while pos < end && Self.isSpace(base[pos]) { pos += 1 }
        return pos > start
    }

    private func startsWith(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        return end - i >= n && Self.equal(base + i, literal.utf8Start, n)
    }

    private func bytesEqual(_ i: Int, _ n: Int, _ literal: StaticString) -> Bool {
        literal.utf8CodeUnitCount == n && Self.equal(base + i, literal.utf8Start, n)
    }

    /// Byte comparison for the short names compared per element (faster than a call to `memcmp`).
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        var i = 0
        while i + 8 <= n {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        var i = start
        while i < end {
            if base[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// A QName (`prefix:local` or `local`) from `start`: its end, or nil when there is none. At most one colon,
    /// neither first nor last.
    @inline(__always)
    private func scanQName(from start: Int, colon: inout Int) -> Int? {
        guard var i = nameCharacter(at: start, first: true) else { return nil }
        while i < end {
            let b = base[i]
            if b < 0x80 {
                if Self.isNameByte(b) {
                    i += 1
                    continue
                }
                guard b == Byte.colon else { break }
                guard colon < 0, let next = nameCharacter(at: i + 1, first: true) else { return nil }
                colon = i
                i = next
            } else {
                guard let next = nameCharacter(at: i, first: false) else { break }
                i = next
            }
        }
        return i
    }

    /// A name without namespace rules (processing instruction targets, the XML declaration).
    private func scanName(from start: Int) -> Int? {
        var colon = -1
        guard let stop = scanQName(from: start, colon: &colon), colon < 0 else { return nil }
        return stop
    }

    /// The end of the name character at `i`, or nil when there is none (XML 1.0 fifth edition, without ':').
    @inline(__always)
    private func nameCharacter(at i: Int, first: Bool) -> Int? {
        guard i < end else { return nil }
        let b = base[i]
        if b < 0x80 {
            let letter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
            if letter || b == UInt8(ascii: "_") { return i + 1 }
            if first { return nil }
            return Self.isNameByte(b) ? i + 1 : nil
        }
        // Names are only met after the UTF-8 check, except in the XML declaration: stay inside the input.
        let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        guard b >= 0xC2 && b <= 0xF4 && i + length <= end else { return nil }
        let scalar: UInt32
        if b < 0xE0 {
            scalar = UInt32(b & 0x1F) << 6 | UInt32(base[i + 1] & 0x3F)
        } else if b < 0xF0 {
            scalar = UInt32(b & 0x0F) << 12 | UInt32(base[i + 1] & 0x3F) << 6 | UInt32(base[i + 2] & 0x3F)
        } else {
            scalar =
                UInt32(b & 0x07) << 18 | UInt32(base[i + 1] & 0x3F) << 12 | UInt32(base[i + 2] & 0x3F) << 6
                | UInt32(base[i + 3] & 0x3F)
        }
        switch scalar {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
            0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return i + length
        case 0xB7, 0x300...0x36F, 0x203F...0x2040:
            return first ? nil : i + length
        default:
            return nil
        }
    }

    /// ASCII name characters other than ':': letters, digits, '_', '-', '.'.
    @inline(__always)
    private static func isNameByte(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return (l >= UInt8(ascii: "a") && l <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == Byte.space || b == Byte.lf || b == Byte.tab || b == Byte.cr }

    /// A URI reference as RFC 3986 writes it; with `absolute`, one with a scheme. libxml2 reported other
    /// namespace names (a relative default namespace, spaces, non-ASCII characters) and such documents were
    /// refused before, so they still are.
    static func isURI(_ s: String, absolute: Bool) -> Bool {
        let u = Array(s.utf8)
        func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        func isHex(_ b: UInt8) -> Bool {
            isDigit(b) || ((b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "f"))
        }
        // A colon before any '/', '?' or '#' ends a scheme, which must then be valid.
        if let colon = u.firstIndex(where: {
            $0 == Byte.colon || $0 == Byte.slash || $0 == UInt8(ascii: "?") || $0 == Byte.hash
        }),
            u[colon] == Byte.colon
        {
            guard colon > 0, isAlpha(u[0]),
                u[1..<colon].allSatisfy({ isAlpha($0) || isDigit($0) || "+-.".utf8.contains($0) })
            else { return false }
        } else if absolute {
            return false
        }
        var i = 0
        while i < u.count {
            let b = u[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < u.count, isHex(u[i + 1]), isHex(u[i + 2]) else { return false }
                i += 3
                continue
            }
            guard isAlpha(b) || isDigit(b) || "-._~:/?#@!$&'()*+,;=".utf8.contains(b) else { return false }
            i += 1
        }
        return true
    }

    private static func isXMLChar(_ c: UInt32) -> Bool {
        switch c {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func appendUTF8(_ c: UInt32, to buffer: inout [UInt8]) {
        if c < 0x80 {
            buffer.append(UInt8(c))
        } else if c < 0x800 {
            buffer.append(UInt8(0xC0 | c >> 6))
            buffer.append(UInt8(0x80 | c & 0x3F))
        } else if c < 0x1_0000 {
            buffer.append(UInt8(0xE0 | c >> 12))
            buffer.append(UInt8(0x80 | (c >> 6) & 0x3F))
            buffer.append(UInt8(0x80 | c & 0x3F))
        } else {
            buffer.append(UInt8(0xF0 | c >> 18))
            buffer.append(UInt8(0x80 | (c >> 12) & 0x3F))
            buffer.append(UInt8(0x80 | (c >> 6) & 0x3F))
            buffer.append(UInt8(0x80 | c & 0x3F))
        }
    }

    // MARK: - Errors

    private func string(_ start: Int, _ stop: Int) -> String {
        let s = max(0, min(start, end))
        return String(decoding: UnsafeBufferPointer(start: base + s, count: max(0, min(stop, end) - s)), as: UTF8.self)
    }

    /// Up to `length` bytes from `start`, quoted, for messages.
    private func quoted(_ start: Int, _ length: Int) -> String {
        "\"" + string(start, start + max(length, 1)) + "\""
    }

    /// 1-based line of a byte offset.
    private func line(at offset: Int) -> Int {
        var n = 1
        for i in 0..<min(max(offset, 0), end) where base[i] == Byte.lf { n += 1 }
        return n
    }

    private func failure(_ message: String, at offset: Int, element: String? = nil) -> XMLError {
        error("Malformed XML: " + message, at: offset, element: element)
    }

    private func unsupported(_ message: String, at offset: Int) -> XMLError {
        error("Unsupported XML: " + message, at: offset, element: nil)
    }

    private func error(_ message: String, at offset: Int, element: String?) -> XMLError {
        var path = stack.map { nodes[Int($0.node)].qName }
        if let element { path.append(element) }
        return XMLError(message: message, elementPath: path.joined(separator: "/"), line: line(at: offset))
    }
}

/// Byte values the reader looks for.
private enum Byte {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let bang: UInt8 = 0x21
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let amp: UInt8 = 0x26
    static let apostrophe: UInt8 = 0x27
    static let minus: UInt8 = 0x2D
    static let slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let lt: UInt8 = 0x3C
    static let equals: UInt8 = 0x3D
    static let gt: UInt8 = 0x3E
    static let question: UInt8 = 0x3F
    static let lbracket: UInt8 = 0x5B
    static let rbracket: UInt8 = 0x5D
}

/// Qualified names met in one document, found by their bytes: each becomes one `String`, shared by every
/// node and attribute that uses it (no string is built or hashed per element).
private struct QNameTable {
    struct Entry {
        var string: String
        /// Id of the local name in `XMLTree.names` once an element used the name, else -1.
        var localID: Int32
        var start: Int
        var length: Int
        var hash: UInt64
    }
    var entries: [Entry] = []
    /// Entry index + 1 by hash; 0 is free.
    private var slots = [Int32](repeating: 0, count: 256)

    mutating func entry(start: Int, length: Int, in base: UnsafePointer<UInt8>) -> Int {
        let h = Self.hash(base + start, length)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[s]) - 1
            if e < 0 { break }
            let candidate = entries[e]
            if candidate.hash == h && candidate.length == length
                && XMLReader.equal(base + candidate.start, base + start, length)
            {
                return e
            }
            s = (s + 1) & mask
        }
        let string = String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
        entries.append(Entry(string: string, localID: -1, start: start, length: length, hash: h))
        slots[s] = Int32(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return entries.count - 1
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (e, entry) in entries.enumerated() {
            var s = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(e + 1)
        }
    }

    private static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 32)
    }
}
