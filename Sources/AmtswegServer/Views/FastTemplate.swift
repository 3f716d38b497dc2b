import Foundation

/// The subset of Mustache most of our templates use, compiled once and rendered by direct lookups:
/// text, `{{name}}` (HTML-escaped), `{{{name}}}` and `{{& name}}` (raw), `{{#name}}…{{/name}}` and
/// `{{^name}}…{{/name}}` over values that are absent, `Bool`, `String` or `Int`, with Mustache's
/// rule that a section tag alone on its line removes that line.
///
/// swift-mustache looks every name up through a context stack with dynamic casts; for a page such as
/// the clerk inbox that was most of what remained of its Mustache cost. A template with anything
/// else (partials, dotted names, comments, delimiters, `{{.}}`) is not compiled (`init` returns nil),
/// and a value of any other type (a list, a dictionary, an optional) makes `render` return nil: the
/// caller then renders with Mustache. `ViewsTests` checks both give the same bytes for every template.
struct FastTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case escaped(String)
        case raw(String)
        case section(String, [Node], inverted: Bool)
    }

    let nodes: [Node]

    init?(_ template: String) {
        var parser = Parser(Array(template.utf8))
        guard let nodes = parser.parse(until: nil), parser.atEnd else { return nil }
        self.nodes = nodes
    }

    /// The rendered text, or nil when a value is of a type this subset does not render.
    func render(_ values: [String: Any]) -> String? {
        var out = ""
        out.reserveCapacity(4096)
        return Self.render(nodes, values, into: &out) ? out : nil
    }

    private static func render(_ nodes: [Node], _ values: [String: Any], into out: inout String) -> Bool {
        for node in nodes {
            switch node {
            case .text(let text): out += text
            case .escaped(let name), .raw(let name):
                guard let value = values[name] else { continue }
                let text: String
                switch value {
                case let s as String: text = s
                case let i as Int: text = String(i)
                case let b as Bool: text = b ? "true" : "false"
                default: return false
                }
                if case .escaped = node { out += HTML.escape(text) } else { out += text }
            case .section(let name, let children, let inverted):
                let shown: Bool
                switch values[name] {
                case nil: shown = false
                case let b as Bool: shown = b
                case is String, is Int: shown = true
                default: return false
                }
                if shown != inverted, !render(children, values, into: &out) { return false }
            }
        }
        return true
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }

        mutating func parse(until closing: String?) -> [Node]? {
            var nodes: [Node] = []
            var text: [UInt8] = []
            func flush() {
                if !text.isEmpty { nodes.append(.text(String(decoding: text, as: UTF8.self))) }
                text = []
            }
            while i < bytes.count {
                guard bytes[i] == UInt8(ascii: "{"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") else {
                    text.append(bytes[i])
                    i += 1
                    continue
                }
                let triple = i + 2 < bytes.count && bytes[i + 2] == UInt8(ascii: "{")
                let start = i + (triple ? 3 : 2)
                guard let end = find(close: triple ? "}}}" : "}}", from: start) else { return nil }
                let raw = String(decoding: bytes[start..<end], as: UTF8.self)
                let tagEnd = end + (triple ? 3 : 2)
                let tag = raw.trimmingCharacters(in: .whitespaces)
                if triple {
                    guard Self.isName(tag) else { return nil }
                    flush()
                    nodes.append(.raw(tag))
                    i = tagEnd
                    continue
                }
                guard let sigil = tag.first else { return nil }
                switch sigil {
                case "&":
                    let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    guard Self.isName(name) else { return nil }
                    flush()
                    nodes.append(.raw(name))
                    i = tagEnd
                case "#", "^", "/":
                    let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                    guard Self.isName(name) else { return nil }
                    // A tag alone on its line takes the line with it (indentation and newline).
                    var after = tagEnd
                    if let lineStart = standalone(tagStart: i, tagEnd: tagEnd, text: text) {
                        text.removeLast(text.count - lineStart)
                        after = skipLineEnd(from: tagEnd)
                    }
                    flush()
                    i = after
                    if sigil == "/" {
                        return name == closing ? nodes : nil
                    }
                    guard let children = parse(until: name) else { return nil }
                    nodes.append(.section(name, children, inverted: sigil == "^"))
                default:
                    guard Self.isName(tag) else { return nil }
                    flush()
                    nodes.append(.escaped(tag))
                    i = tagEnd
                }
            }
            flush()
            return closing == nil ? nodes : nil
        }

        /// The index in `text` where the tag's line begins, if only spaces or tabs precede the tag on
        /// its line and only spaces or tabs follow it up to a newline or the end.
        func standalone(tagStart: Int, tagEnd: Int, text: [UInt8]) -> Int? {
            var k = tagStart - 1
            while k >= 0, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") { k -= 1 }
            guard k < 0 || bytes[k] == UInt8(ascii: "\n") else { return nil }
            let indentation = tagStart - 1 - k
            var j = tagEnd
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
            guard j == bytes.count || bytes[j] == UInt8(ascii: "\n") || bytes[j] == UInt8(ascii: "\r") else {
                return nil
            }
            guard text.count >= indentation else { return nil }
            return text.count - indentation
        }

        func skipLineEnd(from index: Int) -> Int {
            var j = index
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "\r") { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "\n") { j += 1 }
            return j
        }

        func find(close: String, from: Int) -> Int? {
            let c = Array(close.utf8)
            var k = from
            while k + c.count <= bytes.count {
                if bytes[k] == c[0], Array(bytes[k..<k + c.count]) == c { return k }
                k += 1
            }
            return nil
        }

        static func isName(_ s: String) -> Bool {
            !s.isEmpty
                && s.utf8.allSatisfy { b in
                    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
                }
        }
    }
}
