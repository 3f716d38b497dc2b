/// Splits text into search terms: lower-cased words of letters and digits, each reduced to its
/// German stem (`Hunde` → `hund`, `Führerscheins` → `fuhrerschein`). `ß`, umlauts and their
/// spellings `ae`/`oe`/`ue` meet in the stemmer, so "Fuehrerschein" and "Führerschein" agree.
public enum Tokenizer {
    /// The words of `text`, lower-cased, without stemming.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The stemmed terms of `text`, stop words removed. A separable verb whose particle stands at
    /// the end ("ich ziehe um", "ich melde mich an") also yields the joined verb ("umziehe" →
    /// `umzieh`), the form the services are described with.
    public static func terms(_ text: String) -> [String] {
        let all = words(text)
        var terms = all.compactMap { word in stopWords.contains(word) ? nil : GermanStemmer.stem(word) }
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
