/// Splits text into search terms: lower-cased words of letters and digits, each reduced to its
/// German stem (`Hunde` → `hund`, `Führerscheins` → `fuhrerschein`). `ß`, umlauts and their
/// spellings `ae`/`oe`/`ue` meet in the stemmer, so "Fuehrerschein" and "Führerschein" agree.
public enum Tokenizer {
    /// The words of `text`, lower-cased, without stemming.
    public static func words(_ text: String) -> [String] {
        // Scalars, not Characters, with an ASCII fast path: most of a German text is ASCII, and
        // combining marks stay with their letter.
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                    current.append(scalar)
                } else if v >= 0x41 && v <= 0x5A {
                    current.append(Unicode.Scalar(v + 0x20)!)
                } else {
                    flush()
                }
                continue
            }
            let p = scalar.properties
            if p.isAlphabetic || p.numericType != nil {
                current.append(contentsOf: p.lowercaseMapping.unicodeScalars)
            } else if p.generalCategory == .nonspacingMark && !current.isEmpty {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// The stemmed terms of `text`, stop words removed. A separable verb whose particle stands at
    /// the end ("ich ziehe um", "ich melde mich an") also yields the joined verb ("umziehe" →
    /// `umzieh`), the form the services are described with.
    public static func terms(_ text: String) -> [String] {
        var stems: [String: String] = [:]
        return terms(text, stems: &stems)
    }

    /// ``terms(_:)`` with a memo of stems already computed (for indexing many texts).
    public static func terms(_ text: String, stems: inout [String: String]) -> [String] {
        let all = words(text)
        var terms: [String] = []
        terms.reserveCapacity(all.count)
        for word in all {
            // One lookup per word: stop words are memoised as "".
            if let stem = stems[word] {
                if !stem.isEmpty { terms.append(stem) }
            } else if stopWords.contains(word) {
                stems[word] = ""
            } else {
                let stem = GermanStemmer.stem(word)
                stems[word] = stem
                terms.append(stem)
            }
        }
        if all.count >= 2, let particle = all.last, separableParticles.contains(particle),
            let verb = all.dropLast().first(where: { !stopWords.contains($0) && !pronouns.contains($0) })
        {
            terms.append(GermanStemmer.stem(particle + verb))
        }
        return terms
    }

    /// The joined, stemmed form of a phrase, for comparing whole phrases ("Ummeldung" = "ummeldung").
    public static func phraseKey(_ text: String) -> String { terms(text).joined(separator: " ") }

    static let separableParticles: Set<String> = [
        "an", "ab", "um", "aus", "ein", "auf", "zu", "mit", "weg", "zurück", "zuruck", "vor", "nach", "fest", "los",
    ]
    static let pronouns: Set<String> = ["mich", "dich", "sich", "uns", "euch", "es", "ihn", "sie", "wir", "ihr"]

    /// Words that carry no meaning for finding a service, German and English.
    static let stopWords: Set<String> = [
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "und", "oder",
        "in", "im", "ich", "mein", "meine", "meinen", "meinem", "meiner", "mich", "mir", "wie", "was", "wo", "wer",
        "wann", "kann", "muss", "zu", "zum", "zur", "für", "fur", "fuer", "von", "vom", "mit", "bei", "beim", "an",
        "am", "auf", "aus", "nach", "ist", "sind", "bin", "habe", "hat", "ein", "the", "a", "an", "of", "to", "for",
        "my", "i", "how", "do", "does", "what", "where", "is", "in", "on", "and", "or", "can", "get", "with",
    ]
}
