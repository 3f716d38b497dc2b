import Foundation

/// The folding every name comparison uses: lower case, umlauts and ß spelled out ("Müller" and
/// "Mueller" fold alike), other diacritics dropped, runs of white space collapsed, hyphens kept.
/// Storage folds the same way for its lookup columns (e.g. `familienname_folded`).
public enum Folding {
    /// Folds `text` for comparison.
    public static func fold(_ text: String) -> String {
        var spelled = ""
        spelled.reserveCapacity(text.utf8.count)
        for c in text.lowercased() {
            switch c {
            case "ä": spelled += "ae"
            case "ö": spelled += "oe"
            case "ü": spelled += "ue"
            case "ß", "ẞ": spelled += "ss"
            default: spelled.append(c)
            }
        }
        let plain = spelled.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "de_DE"))
        return plain.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
