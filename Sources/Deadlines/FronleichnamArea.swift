/// Where Fronleichnam (Corpus Christi, Easter Sunday + 60) is a statutory holiday in Thuringia.
///
/// Law: § 2 Abs. 2 ThürFGtG (Thüringer Feier- und Gedenktagsgesetz, until 2018 "ThürFtG", vom
/// 21. Dezember 1994, GVBl. S. 1221, zuletzt geändert am 19. März 2019, GVBl. S. 22) lets the
/// ministry name, by Rechtsverordnung, "Gemeinden mit überwiegend katholischer Wohnbevölkerung".
/// No such Verordnung has been issued; until then § 10 Abs. 1 ThürFGtG keeps Fronleichnam "in
/// denjenigen Teilen Thüringens, in denen er im Jahre 1994 als gesetzlicher Feiertag begangen
/// wurde". The ministry lists those parts in its "Merkblatt zu § 10 Abs. 1 ThürFtG"
/// (http://www.thueringen.de/mam/th3/tim/verwaltungsrecht/fronleichnam_gemeindeschluesselzahlen.pdf,
/// linked from https://innen.thueringen.de/staats-und-verwaltungsrecht/oeffentliches-recht/feiertagsrecht/).
/// That Merkblatt could NOT be read for this module (checked 2026-11-27): the list below is rebuilt
/// from the sources named on each entry, mapped onto the municipality keys of the Destatis GV100AD,
/// territorial status 28.02.2026. Municipalities merged since 1994 may be covered only in part.
public struct FronleichnamArea: Sendable, Hashable, Codable {
    public enum Coverage: Sendable, Hashable, Codable {
        /// The holiday holds in the whole municipality (or district).
        case whole
        /// The holiday holds only in the named parts; the module still counts it for the whole
        /// municipality, so that a deadline is never cut short (the citizen-friendly side).
        case partial(String)
    }

    public enum Evidence: Sendable, Hashable, Codable {
        /// Stated by an authority (ministry, Landratsamt).
        case official
        /// Only press or private sources, which agree with each other.
        case secondary
    }

    /// A 5-digit Kreis key (the whole district) or an 8-digit AGS.
    public let key: String
    public let name: String
    public let coverage: Coverage
    public let evidence: Evidence
    public let source: String

    /// The areas this module knows (keys as of GV100AD 28.02.2026).
    public static let all: [FronleichnamArea] = [
        FronleichnamArea(
            key: "16061", name: "Landkreis Eichsfeld (alle Gemeinden)", coverage: .whole, evidence: .official,
            source: "Landratsamt Eichsfeld, http://www.kreis-eic.de/feiertagsrecht.html: \"Der Fronleichnamstag "
                + "zählt im Landkreis Eichsfeld als gesetzlicher Feiertag.\"; Thüringer Innenministerium, "
                + "Feiertagsrecht (Eichsfeld, Teile des Unstrut-Hainich-Kreises und des Wartburgkreises). "
                + "Includes Zella, Bickenriede, Hüpstedt and Beberstedt, moved to Dingelstädt on 1 January 2023."),
        FronleichnamArea(
            key: "16063032", name: "Geisa, Stadt", coverage: .whole, evidence: .secondary,
            source: "MDR (Fronleichnam in Geisa, Dermbach, Buttlar), n-ag.net/LR-Online 2025, deutsch-werden.de"),
        FronleichnamArea(
            key: "16063011", name: "Buttlar", coverage: .whole, evidence: .secondary,
            source: "MDR, n-ag.net/LR-Online 2025, deutsch-werden.de"),
        FronleichnamArea(
            key: "16063068", name: "Schleid", coverage: .whole, evidence: .secondary,
            source: "deutsch-werden.de (Wartburgkreis: Geisa, Buttlar, Rockenstuhl, Schleid, Zella, Brunnhartshausen)"),
        FronleichnamArea(
            key: "16063015", name: "Dermbach",
            coverage: .partial("frühere Gemeinden Zella/Rhön und Brunnhartshausen (Teile); Dermbach laut MDR"),
            evidence: .secondary, source: "MDR, n-ag.net/LR-Online 2025 (Zella), deutsch-werden.de"),
        FronleichnamArea(
            key: "16064074", name: "Südeichsfeld",
            coverage: .partial(
                "Ortschaften Heyerode, Hildebrandshausen, Katharinenberg, Lengenfeld unterm Stein; "
                    + "für Hallungen (seit 2024) und die früheren Rodeberg-Orte nicht geklärt"),
            evidence: .secondary,
            source: "n-ag.net/LR-Online 2025 (Katharinenberg, Hildebrandshausen), deutsch-werden.de, landeswelle.de"),
    ]

    /// The 8-digit AGS of an AGS or ARS, or nil when `key` is neither.
    static func ags(_ key: String) -> String? {
        let digits = key.filter { $0 != " " }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        switch digits.count {
        case 8: return digits
        case 12: return String(digits.prefix(5) + digits.suffix(3))
        default: return nil
        }
    }
}
