/// The Mietstufe (rent level I–VII, § 12 Abs. 1 WoGG) of a Thuringian municipality, from the annex
/// of the Wohngeldverordnung (§ 1 Abs. 3 WoGV): municipalities of 10,000 inhabitants or more are
/// named; every other municipality takes the level of its Kreis. The table in force since
/// 1 January 2023 (unchanged for 2025) is generated from `data/wohngeld/mietstufen/` (sources and
/// the transcription's checks there).
public enum Mietstufen {
    public struct Entry: Sendable, Hashable {
        public let stufe: Int
        /// The annex names the municipality (else the level is its Kreis's).
        public let namedInAnnex: Bool
        public let norm: String
    }

    /// The first day the embedded annex applies.
    public static let validFrom = LocalDate(year: 2023, month: 1, day: 1)

    /// The Mietstufe of the municipality with this ARS (12 digits) on `date`, or nil for a key
    /// outside Thuringia or a date before the embedded annex.
    public static func thuringia(ars: String, on date: LocalDate) -> Entry? {
        guard date >= validFrom, let e = thuringia2023[ars] else { return nil }
        return Entry(
            stufe: e.stufe, namedInAnnex: e.named,
            norm: e.named ? "§ 1 Abs. 3 WoGV mit Anlage (Gemeinde)" : "§ 1 Abs. 3 WoGV mit Anlage (Kreis)")
    }

    /// Every ARS the table knows (601 municipalities).
    public static var municipalities: [String] { thuringia2023.keys.sorted() }
}
