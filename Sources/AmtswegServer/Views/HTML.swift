import Foundation

/// HTML escaping for the few places that write markup without the template engine (the text of an
/// element or a double-quoted attribute value).
enum HTML {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// `<option>` elements, values and labels escaped, the selected one marked.
    static func options(_ options: [(value: String, label: String)], selected: String?) -> String {
        Options(options).html(selected: selected)
    }

    /// An option list escaped once (the catalogue's services on every inbox page), marked per request.
    struct Options: Sendable {
        let items: [(value: String, open: String, rest: String)]

        init(_ options: [(value: String, label: String)]) {
            items = options.map { ($0.value, "<option value=\"\(escape($0.value))\"", ">\(escape($0.label))</option>") }
        }

        func html(selected: String?) -> String {
            var out = ""
            out.reserveCapacity(items.reduce(0) { $0 + $1.open.utf8.count + $1.rest.utf8.count } + 9)
            for item in items {
                out += item.open
                if item.value == selected { out += " selected" }
                out += item.rest
            }
            return out
        }
    }
}
