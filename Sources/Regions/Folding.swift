/// German search folding. People type "Gossnitz", "Goessnitz" or "gößnitz" for Gößnitz, so every
/// name is indexed under two keys — umlauts spelled out (ä→ae) and umlauts stripped (ä→a) — and a
/// query matches when either of its two foldings meets either key.
public enum Folding {
    /// Lowercase, ß→ss, ä→ae, ö→oe, ü→ue, other diacritics stripped, punctuation to spaces.
    public static func spelledOut(_ text: String) -> String { fold(text, umlaut: true) }
    /// Lowercase, ß→ss, ä→a, ö→o, ü→u, other diacritics stripped, punctuation to spaces.
    public static func stripped(_ text: String) -> String { fold(text, umlaut: false) }

    /// Both foldings, deduplicated.
    public static func keys(_ text: String) -> [String] {
        let a = spelledOut(text)
        let b = stripped(text)
        return a == b ? [a] : [a, b]
    }

    static func fold(_ text: String, umlaut: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for scalar in text.lowercased().unicodeScalars {
            let replacement: String
            switch scalar {
            case "ä": replacement = umlaut ? "ae" : "a"
            case "ö": replacement = umlaut ? "oe" : "o"
            case "ü": replacement = umlaut ? "ue" : "u"
            case "ß", "ẞ": replacement = "ss"
            case "á", "à", "â", "å", "ã": replacement = "a"
            case "é", "è", "ê", "ë": replacement = "e"
            case "í", "ì", "î", "ï": replacement = "i"
            case "ó", "ò", "ô", "õ": replacement = "o"
            case "ú", "ù", "û": replacement = "u"
            case "ç": replacement = "c"
            default:
                if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                    replacement = String(scalar)
                } else {
                    replacement = " "
                }
            }
            if replacement == " " {
                if !lastWasSpace { out.append(" "); lastWasSpace = true }
            } else {
                out.append(replacement)
                lastWasSpace = false
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
