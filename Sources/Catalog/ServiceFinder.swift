import Authorities
import Regions
import Search

/// Finds services by the words people use, and understands a place in the query: "Hund anmelden
/// Weimar" and "Gewerbe anmelden 99084" land on the service for that municipality.
public struct ServiceFinder: Sendable {
    public let catalog: ServiceCatalog
    public let regions: RegionDirectory
    let index: SearchIndex
    /// Per service: the phrase keys of its names and synonyms, for the exact-phrase boost.
    let phrases: [Set<String>]
    static let exactPhraseBoost = 2.0

    public struct Answer: Sendable {
        public var services: [Service]
        /// The municipality named in the query, when exactly one fits.
        public var place: Municipality?
        /// Several municipalities a postcode or name may mean: the person chooses.
        public var placeCandidates: [Municipality]
    }

    public init(catalog: ServiceCatalog, regions: RegionDirectory) {
        self.catalog = catalog
        self.regions = regions
        self.phrases = catalog.services.map { s in
            Set(([s.name.de, s.name.en ?? "", s.name.ls ?? ""] + s.synonyms).map(Tokenizer.phraseKey))
        }
        self.index = SearchIndex(
            documents: catalog.services.map { s in
                var fields: [SearchIndex.Field] = []
                for text in [s.name.de, s.name.en ?? "", s.name.ls ?? ""] { fields.append(.init(text, weight: 3)) }
                for synonym in s.synonyms { fields.append(.init(synonym, weight: 2.5)) }
                for text in [s.summary.de, s.summary.en ?? ""] { fields.append(.init(text, weight: 1.5)) }
                for text in [s.description.de, s.description.en ?? "", s.description.ls ?? ""] {
                    fields.append(.init(text, weight: 1))
                }
                return SearchIndex.Document(fields: fields, popularity: Double(s.popularity))
            })
    }

    /// Services for `query`, best first, optionally only for a target group or life situation.
    public func find(
        _ query: String, group: TargetGroup? = nil, lifeSituation: String? = nil, limit: Int = 10
    ) -> Answer {
        let (text, place, candidates) = extractPlace(query)
        let services = catalog.services
        var hits = index.search(text, limit: max(limit, 20)) { i in
            if let group, !services[i].targetGroups.contains(group) { return false }
            if let lifeSituation, !services[i].lifeSituations.contains(lifeSituation) { return false }
            return true
        }
        // The words people use, exactly: "Ummeldung" is a synonym of registering an address, and
        // only part of "Ummeldung Kfz".
        let key = Tokenizer.phraseKey(text)
        for i in hits.indices where phrases[hits[i].document].contains(key) { hits[i].score *= Self.exactPhraseBoost }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.document < $1.document }
        return Answer(
            services: hits.prefix(limit).map { services[$0.document] }, place: place, placeCandidates: candidates)
    }

    /// Splits a place (postcode or municipality name) off the query. A word counts as a place only
    /// if it is not a word of any service, so "Gera" is a place but "Wohngeld" never is.
    public func extractPlace(_ query: String) -> (text: String, place: Municipality?, candidates: [Municipality]) {
        var words = Tokenizer.words(query)
        // Postcodes
        if let i = words.firstIndex(where: { $0.count == 5 && $0.allSatisfy(\.isNumber) }) {
            let found = regions.municipalities(postcode: words[i])
            words.remove(at: i)
            let rest = words.joined(separator: " ")
            if found.count == 1 { return (rest, found[0], []) }
            return (rest, nil, found)
        }
        // Names: two words first ("bad salzungen"), then one.
        for length in [2, 1] where words.count >= length {
            for start in stride(from: words.count - length, through: 0, by: -1) {
                let phrase = words[start..<(start + length)].joined(separator: " ")
                guard phrase.count >= 4 else { continue }
                if length == 1, index.contains(stem: GermanStemmer.stem(phrase)) { continue }
                guard let best = regions.municipalities(namedExactly: phrase).first else { continue }
                words.removeSubrange(start..<(start + length))
                return (words.joined(separator: " "), best, [])
            }
        }
        return (query, nil, [])
    }
}
