import Authorities
import Catalog
import Foundation
import Regions
import Search

/// Answers questions about services from the catalogue and a small FAQ — retrieval, then an
/// answer composed only from the retrieved fields, every statement linked to its source. It never
/// states a fee, deadline or document the catalogue does not hold; when it is not sure, it says so
/// and hands over to the Behördennummer 115 and the responsible authority.
public struct Assistant: Sendable {
    public let finder: ServiceFinder
    let faqIndex: SearchIndex
    let faqs: [FAQ]
    /// Per service: the stems of its names, synonyms and summaries (strong evidence) and of its
    /// full descriptions (weak evidence: a word only there counts half), for the confidence check.
    let vocabulary: [String: Set<String>]
    let descriptionVocabulary: [String: Set<String>]
    /// Per service: the stems of its names and synonyms alone — what the service *is*. An answer
    /// needs at least one question word here, not only in the surrounding texts.
    let identityVocabulary: [String: Set<String>]
    /// Per service: synonyms of several words ("Rente reicht nicht"), which name the service only
    /// when the question has all of their words.
    let identityPhrases: [String: [Set<String>]]
    /// Every stem the catalogue and the FAQ know: the question log keeps only these words.
    let knownTerms: Set<String>

    /// Share of the question's content words a service must explain before we answer from it.
    public static let confidenceThreshold = 0.6

    public init(finder: ServiceFinder, faqs: [FAQ] = FAQ.all) {
        self.finder = finder
        self.faqs = faqs
        self.faqIndex = SearchIndex(
            documents: faqs.map { faq in
                SearchIndex.Document(
                    fields: faq.questions.map { .init($0, weight: 3) } + [.init(faq.answer.de, weight: 1)],
                    popularity: 1)
            })
        var vocabulary: [String: Set<String>] = [:]
        var descriptionVocabulary: [String: Set<String>] = [:]
        var identityVocabulary: [String: Set<String>] = [:]
        var identityPhrases: [String: [Set<String>]] = [:]
        var known = Set<String>()
        var memo: [String: String] = [:]
        for s in finder.catalog.services {
            // German (with Leichte Sprache) and English separately: "Rente" and "rent" share a stem.
            for language in ["de", "en"] {
                let names =
                    language == "de" ? [s.name.de, s.name.ls, s.summary.de, s.summary.ls] : [s.name.en, s.summary.en]
                let descriptions = language == "de" ? [s.description.de, s.description.ls] : [s.description.en]
                var strong = Set<String>()
                for text in names.compactMap({ $0 }) + s.synonyms {
                    strong.formUnion(Tokenizer.terms(text, stems: &memo))
                }
                var weak = Set<String>()
                for text in descriptions.compactMap({ $0 }) { weak.formUnion(Tokenizer.terms(text, stems: &memo)) }
                var identity = Set<String>()
                let ownNames = language == "de" ? [s.name.de, s.name.ls] : [s.name.en]
                for text in ownNames.compactMap({ $0 }) { identity.formUnion(Tokenizer.terms(text, stems: &memo)) }
                var phrases: [Set<String>] = []
                for synonym in s.synonyms {
                    let terms = Tokenizer.terms(synonym, stems: &memo)
                    if terms.count == 1 {
                        identity.insert(terms[0])
                    } else if !terms.isEmpty {
                        phrases.append(Set(terms))
                    }
                }
                identityVocabulary[language + "|" + s.leika] = identity
                identityPhrases[language + "|" + s.leika] = phrases
                vocabulary[language + "|" + s.leika] = strong
                descriptionVocabulary[language + "|" + s.leika] = weak
                known.formUnion(strong)
                known.formUnion(weak)
            }
        }
        for faq in faqs {
            for text in faq.questions + faq.keywords { known.formUnion(Tokenizer.terms(text, stems: &memo)) }
        }
        for words in Intent.words.values { for w in words { known.formUnion(Tokenizer.terms(w, stems: &memo)) } }
        self.vocabulary = vocabulary
        self.descriptionVocabulary = descriptionVocabulary
        self.identityVocabulary = identityVocabulary
        self.identityPhrases = identityPhrases
        // Numbers never reach the log (phone numbers, house numbers, dates), except the 115 itself.
        self.knownTerms = known.filter { term in term == "115" || !term.contains(where: \.isNumber) }
    }

    /// Answers `question`. `municipalityARS` is the place the person chose (a place named in the
    /// question wins); `authorities` resolve who is responsible there.
    public func answer(
        _ question: String, language: AnswerLanguage, municipalityARS: String? = nil, authorities: [Authority]
    ) -> Answer {
        let trimmed = String(question.trimmingCharacters(in: .whitespacesAndNewlines).prefix(Self.maxQuestionLength))
        let intents = Intent.detect(in: trimmed)
        let content = Intent.strip(trimmed)
        let found = finder.find(content, limit: 3)
        let place =
            found.place ?? municipalityARS.flatMap { finder.regions.municipality(ars: $0) }
        let contentTerms = Set(Tokenizer.terms(finder.extractPlace(content).text))
        let logTerms = Tokenizer.terms(trimmed).filter { knownTerms.contains($0) }

        // An FAQ answers questions about the platform and general help.
        if let faq = bestFAQ(for: trimmed, contentTerms: contentTerms) {
            return Answer(
                kind: .faq, confidence: 1, statements: [Statement(text: faq.answer.text(language), source: faq.source)],
                services: [], place: place, handover: nil, intents: intents, logTerms: logTerms)
        }

        guard let top = found.services.first, !contentTerms.isEmpty else {
            return handover(
                language: language, place: place, authorities: authorities, intents: intents, logTerms: logTerms)
        }
        let confidence = coverage(of: contentTerms, by: top, language: language)
        guard confidence >= Self.confidenceThreshold else {
            return handover(
                language: language, place: place, authorities: authorities, intents: intents, logTerms: logTerms)
        }
        let authority = place.flatMap { p in
            finder.catalog.responsibleAuthority(for: top, municipalityARS: p.ars, authorities: authorities)
        }
        let composer = Composer(service: top, language: language, place: place, authority: authority)
        var statements = [composer.summary()]
        let asked = intents.isEmpty ? [Intent.overview] : intents
        for intent in asked { statements += composer.statements(for: intent) }
        let related = found.services.dropFirst().filter {
            coverage(of: contentTerms, by: $0, language: language) >= Self.confidenceThreshold
        }
        return Answer(
            kind: .service, confidence: confidence, statements: statements, services: [top] + related, place: place,
            handover: nil, intents: intents, logTerms: logTerms)
    }

    static let maxQuestionLength = 500

    /// 0 unless a term names the service (its names or synonyms). Otherwise the share of `terms`
    /// the service's own texts explain: in its names, synonyms or summary
    /// exactly or as part of a compound ("ausweis" in "personalausweis") — 1; with one typo — ½;
    /// only in the long description — ½.
    func coverage(of terms: Set<String>, by service: Service, language: AnswerLanguage) -> Double {
        let key = (language == .en ? "en|" : "de|") + service.leika
        guard !terms.isEmpty, let strong = vocabulary[key] else { return 0 }
        let weak = descriptionVocabulary[key] ?? []
        let identity = identityVocabulary[key] ?? []
        let namesIt = terms.contains { term in
            identity.contains(term)
                || (term.count >= 4 && identity.contains { $0.count > term.count && $0.contains(term) })
                || (term.count >= 5 && identity.contains { Self.withinOneEdit($0, term) })
        }
        let phraseNamesIt = (identityPhrases[key] ?? []).contains { $0.isSubset(of: terms) }
        guard namesIt || phraseNamesIt else { return 0 }
        var score = 0.0
        for term in terms {
            if strong.contains(term) {
                score += 1
            } else if term.count >= 4, strong.contains(where: { $0.count > term.count && $0.contains(term) }) {
                score += 1
            } else if term.count >= 5, strong.contains(where: { Self.withinOneEdit($0, term) }) {
                score += 0.5
            } else if weak.contains(term) {
                score += 0.5
            }
        }
        return score / Double(terms.count)
    }

    func bestFAQ(for question: String, contentTerms: Set<String>) -> FAQ? {
        guard let hit = faqIndex.search(question, limit: 1).first else { return nil }
        let faq = faqs[hit.document]
        // Only when the FAQ's own keywords are in the question: a service question never lands here.
        let keywordTerms = Set(faq.keywords.flatMap(Tokenizer.terms))
        let questionTerms = Set(Tokenizer.terms(question))
        return keywordTerms.isDisjoint(with: questionTerms) ? nil : faq
    }

    func handover(
        language: AnswerLanguage, place: Municipality?, authorities: [Authority], intents: [Intent], logTerms: [String]
    ) -> Answer {
        let local = place.flatMap { p in
            AuthoritySeed.chain(for: p.ars, in: authorities).first { $0.level != .land && $0.level != .landkreis }
        }
        let text: String
        switch language {
        case .de:
            text =
                "Da bin ich mir nicht sicher, und ich möchte Ihnen nichts Falsches sagen. Die Behördennummer 115 hilft Ihnen weiter (Montag bis Freitag, 8 bis 18 Uhr)."
        case .en:
            text =
                "I am not sure about this and do not want to tell you anything wrong. The public service number 115 can help you (Monday to Friday, 8 am to 6 pm)."
        case .ls:
            text = "Das weiß ich nicht sicher. Rufen Sie bitte die Nummer 115 an. Dort hilft man Ihnen."
        }
        return Answer(
            kind: .handover, confidence: 0,
            statements: [Statement(text: text, source: .init(title: "115", url: "tel:115"))],
            services: [], place: place, handover: Handover(phone: "115", authority: local), intents: intents,
            logTerms: logTerms)
    }

    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        let x = Array(a)
        let y = Array(b)
        guard abs(x.count - y.count) <= 1 else { return false }
        var i = 0
        var j = 0
        var edits = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] {
                i += 1
                j += 1
                continue
            }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count {
                i += 1
            } else if x.count < y.count {
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
        return edits + (x.count - i) + (y.count - j) <= 1
    }
}

public enum AnswerLanguage: String, Sendable, Codable {
    case de, en, ls
}

/// What the question asks about.
public enum Intent: String, Sendable, Codable, CaseIterable {
    case fee, documents, deadline, processingTime, responsibility, online, legalBasis, overview

    /// Words that signal an intent (German and English), matched on whole lower-cased words.
    static let words: [Intent: [String]] = [
        .fee: [
            "kostet", "kosten", "gebühr", "gebühren", "gebuehr", "preis", "teuer", "bezahlen", "zahlen", "cost",
            "costs", "fee", "fees", "price", "pay",
        ],
        .documents: [
            "unterlagen", "dokumente", "mitbringen", "nachweise", "nachweis", "papiere", "documents", "bring",
            "paperwork",
        ],
        .deadline: ["frist", "fristen", "spätestens", "spaetestens", "deadline", "bis wann"],
        .processingTime: ["dauert", "dauer", "bearbeitungszeit", "bearbeitungsdauer", "wie lange", "how long"],
        .responsibility: [
            "zuständig", "zustaendig", "zuständige", "wohin", "wo", "welches amt", "welche behörde", "where",
            "responsible", "which office",
        ],
        .online: ["online", "internet", "digital", "onlinezugang"],
        .legalBasis: ["rechtsgrundlage", "gesetz", "paragraph", "law", "legal"],
    ]

    static func detect(in question: String) -> [Intent] {
        let text = " " + Tokenizer.words(question).joined(separator: " ") + " "
        return Intent.allCases.filter { intent in
            (words[intent] ?? []).contains { text.contains(" " + $0 + " ") }
        }
    }

    /// The question without intent and question words, for retrieval.
    public static func strip(_ question: String) -> String {
        var text = " " + Tokenizer.words(question).joined(separator: " ") + " "
        let phrases = words.values.flatMap { $0 }.sorted { $0.count > $1.count } + questionWords
        for phrase in phrases {
            while let range = text.range(of: " " + phrase + " ") { text.replaceSubrange(range, with: " ") }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    static let questionWords = [
        "was", "wie", "wer", "wann", "welche", "welcher", "welches", "brauche", "benötige", "muss", "kann", "ich",
        "man", "mein", "meine", "meinen", "meinem", "einen", "eine", "ein", "für", "fur", "the", "what", "how",
        "when", "do", "does", "need", "much", "my", "a", "an", "is", "are", "can", "i", "to", "for", "of", "much",
        "lange", "long", "viel", "bitte", "please", "hallo", "hello", "machen", "tun", "erledigen", "neu", "neue",
        "neuer", "neuen", "new", "hoch", "wie hoch",
    ]
}

/// The assistant's answer: statements with their sources, or the hand-over to 115.
public struct Answer: Sendable {
    public enum Kind: String, Sendable, Codable {
        case service, faq, handover
    }
    public var kind: Kind
    public var confidence: Double
    public var statements: [Statement]
    /// The service the answer is about first, then related ones.
    public var services: [Service]
    public var place: Municipality?
    public var handover: Handover?
    public var intents: [Intent]
    /// The question's words that are catalogue or FAQ vocabulary — all the question log keeps:
    /// names, numbers and anything else personal never reach the log.
    public var logTerms: [String]
}

public struct Statement: Sendable, Codable, Equatable {
    public var text: String
    public var source: Source
}

public struct Source: Sendable, Codable, Equatable {
    public var title: String
    /// A path on this site (`/leistungen/…`) or a `tel:` link.
    public var url: String
}

public struct Handover: Sendable {
    public var phone: String
    /// The local administration of the place, when the place is known.
    public var authority: Authority?
}
