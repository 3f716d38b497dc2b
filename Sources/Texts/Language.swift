/// The languages Amtsweg speaks. German is the default; Leichte Sprache (plain German) has its own
/// pages rather than a full catalogue, because plain language is rewritten, not translated word by word.
public enum Language: String, Sendable, CaseIterable, Codable {
    case de
    case en

    /// Picks the best language from an `Accept-Language` header (RFC 9110 §12.5.4), German when
    /// nothing matches.
    public static func negotiate(acceptLanguage: String?) -> Language {
        guard let header = acceptLanguage, !header.isEmpty else { return .de }
        var best: (Language, Double)? = nil
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: " ") }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary), quality > 0 else { continue }
            if best == nil || quality > best!.1 { best = (language, quality) }
        }
        return best?.0 ?? .de
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return String(s)
    }
}
