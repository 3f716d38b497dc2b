import Foundation
import Search
import Testing

@Suite("GermanStemmer")
struct GermanStemmerTests {
    /// Pairs taken from the official Snowball vocabulary (`german/output.txt`), one per rule worth seeing.
    @Test(
        "Examples from the Snowball vocabulary",
        arguments: [
            ("aufeinanderfolgenden", "aufeinanderfolg"),
            ("häuser", "haus"),
            ("häusern", "haus"),
            ("katzen", "katz"),
            ("kätzchen", "katzch"),
            ("straße", "strass"),  // ß → ss
            ("strasse", "strass"),
            ("größe", "gross"),
            ("bedürfnissen", "bedurfnis"),  // -en, then -niss → -nis
            ("derbsten", "derb"),  // -en in step 1, -st in step 2
            ("system", "system"),  // -em kept after syst
            ("systemen", "system"),
            ("lehrerin", "lehr"),  // -erin
            ("bauet", "bau"),  // -et after a marked U
            ("geordnet", "geordnet"),  // -et kept after geordn
            ("internet", "internet"),
            ("planet", "planet"),
            ("quelle", "quell"),  // no ue → ü after q
            ("feuer", "feu"),  // u between vowels is marked, so no ue → ü
            ("quae", "qua"),
            ("möglichkeiten", "moglich"),  // -keit in R2
            ("freundlichkeit", "freundlich"),
            ("verwaltung", "verwalt"),
            ("ämter", "amt"),
            ("schön", "schon"),
        ]
    )
    func vocabularyExamples(word: String, stem: String) {
        #expect(GermanStemmer.stem(word) == stem)
    }

    /// Not in the vocabulary: derived by hand from the published algorithm description.
    @Test(
        "Hand-derived examples (transliterated umlauts, apostrophe step, short and foreign words)",
        arguments: [
            ("haeuser", "haus"),  // ae → ä, then as häuser
            ("ä", "a"),
            ("ß", "ss"),
            ("", ""),
            ("einstein'sche", "einstein"),  // -e in step 1, then 'sch in step 4
            ("andrea's", "andrea"),
            ("bordeaux'", "bordeaux"),
            ("日本語", "日本語"),  // other scripts pass through
        ]
    )
    func handDerivedExamples(word: String, stem: String) {
        #expect(GermanStemmer.stem(word) == stem)
    }

    @Test("Agrees with every pair in the Snowball vocabulary sample")
    func snowballVocabulary() throws {
        let url = try #require(
            Bundle.module.url(forResource: "german-snowball", withExtension: "tsv", subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var total = 0
        var mismatches: [String] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(fields.count == 2, "malformed fixture line: \(line)")
            let word = String(fields[0])
            let expected = String(fields[1])
            let stem = GermanStemmer.stem(word)
            total += 1
            if stem != expected {
                mismatches.append("\(word): \(stem), expected \(expected)")
            }
        }
        #expect(total == 3504)
        #expect(mismatches.isEmpty, "\(mismatches.count)/\(total) differ: \(mismatches.prefix(20))")
    }
}
