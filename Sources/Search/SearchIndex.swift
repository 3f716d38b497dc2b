import Dispatch
import Foundation

/// An in-process full-text index over documents with weighted fields.
///
/// - Terms are German stems (``Tokenizer``); every document field has a weight (a name counts more
///   than a description).
/// - Compounds: a long term whose two halves are themselves terms of the index is also indexed
///   under the halves (`hundesteu` → `hund`, `steu`), so "Hund" finds "Hundesteuer".
/// - Typos: a query term with no exact match matches index terms one edit away (insert, delete,
///   substitute, swap of neighbours), through a deletion-neighbourhood table built once.
/// - Ranking: sum over query terms of field weight × inverse document frequency, with a penalty
///   for compound and typo matches, then a small boost for popular documents.
///
/// Immutable after `init`; build a new index when the documents change.
public struct SearchIndex: Sendable {
    public struct Field: Sendable {
        public var text: String
        public var weight: Double
        public init(_ text: String, weight: Double) {
            self.text = text
            self.weight = weight
        }
    }

    public struct Document: Sendable {
        public var fields: [Field]
        /// 0 (rare) … 100 (everyone needs it).
        public var popularity: Double
        public init(fields: [Field], popularity: Double) {
            self.fields = fields
            self.popularity = popularity
        }
    }

    public struct Hit: Sendable, Equatable {
        public var document: Int
        public var score: Double
    }

    struct Posting: Sendable {
        var document: Int32
        var weight: Float
    }

    private let postings: [[Posting]]
    private let termIDs: [String: Int32]
    private let idf: [Double]
    private let deletions: [String: [Int32]]
    private let popularityBoost: [Double]

    public var termCount: Int { termIDs.count }

    static let compoundPenalty = 0.6
    static let typoPenalty = 0.5
    static let minimumCompoundPart = 3
    static let minimumTypoLength = 4

    public init(documents: [Document]) {
        // 1. Terms per document with their best field weight.
        // Tokenising dominates the build, so documents are split over the cores, each worker with
        // its own word → stem memo.
        var perDocument = [[String: Double]](repeating: [:], count: documents.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, documents.count / 512))
        perDocument.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var stems: [String: String] = [:]
                var i = worker
                while i < documents.count {
                    var weights: [String: Double] = [:]
                    for field in documents[i].fields {
                        for term in Tokenizer.terms(field.text, stems: &stems)
                        where weights[term, default: 0] < field.weight {
                            weights[term] = field.weight
                        }
                    }
                    out[i] = weights
                    i += workers
                }
            }
        }
        var vocabulary = Set<String>()
        for weights in perDocument { vocabulary.formUnion(weights.keys) }
        // 2. Compound halves that are terms in their own right (splits computed once per term).
        var splitCache: [String: [(String, String)]] = [:]
        for term in vocabulary {
            let found = Self.splits(term, vocabulary: vocabulary)
            if !found.isEmpty { splitCache[term] = found }
        }
        for index in perDocument.indices {
            var extra: [String: Double] = [:]
            for (term, weight) in perDocument[index] {
                for (head, tail) in splitCache[term] ?? [] {
                    for part in [head, tail] where perDocument[index][part] == nil {
                        extra[part] = max(extra[part] ?? 0, weight * Self.compoundPenalty)
                    }
                }
            }
            perDocument[index].merge(extra) { a, _ in a }
        }
        // 3. Postings.
        var termIDs: [String: Int32] = [:]
        var postings: [[Posting]] = []
        for (document, weights) in perDocument.enumerated() {
            for (term, weight) in weights {
                let id: Int32
                if let existing = termIDs[term] {
                    id = existing
                } else {
                    id = Int32(postings.count)
                    termIDs[term] = id
                    postings.append([])
                }
                postings[Int(id)].append(Posting(document: Int32(document), weight: Float(weight)))
            }
        }
        let n = Double(max(documents.count, 1))
        self.idf = postings.map { list in
            let df = Double(list.count)
            return max(0.1, log(1 + (n - df + 0.5) / (df + 0.5)))
        }
        // 4. Deletion neighbourhood for one-edit typo matching.
        var deletions: [String: [Int32]] = [:]
        for (term, id) in termIDs where term.count >= Self.minimumTypoLength {
            for variant in Self.oneDeletions(term) { deletions[variant, default: []].append(id) }
        }
        self.termIDs = termIDs
        self.postings = postings
        self.deletions = deletions
        self.popularityBoost = documents.map { 1 + 0.15 * log(1 + max(0, min(100, $0.popularity))) / log(101) }
    }

    /// Splits of `term` into two vocabulary terms of at least three letters each.
    static func splits(_ term: String, vocabulary: Set<String>) -> [(String, String)] {
        let letters = Array(term)
        guard letters.count >= 2 * minimumCompoundPart else { return [] }
        var result: [(String, String)] = []
        for cut in minimumCompoundPart...(letters.count - minimumCompoundPart) {
            let head = String(letters[..<cut])
            var tail = String(letters[cut...])
            // Linking elements: Hund-e-steuer, Geburt-s-urkunde.
            if !vocabulary.contains(tail), tail.count > minimumCompoundPart, tail.first == "s" || tail.first == "e" {
                tail.removeFirst()
            }
            if vocabulary.contains(head), vocabulary.contains(tail) { result.append((head, tail)) }
        }
        return result
    }

    static func oneDeletions(_ term: String) -> Set<String> {
        let letters = Array(term)
        var result = Set<String>([term])
        for i in letters.indices {
            var copy = letters
            copy.remove(at: i)
            result.insert(String(copy))
        }
        return result
    }

    /// Term ids within one edit of `term` (Damerau: insert, delete, substitute, swap).
    func typoCandidates(_ term: String) -> [Int32] {
        guard term.count >= Self.minimumTypoLength else { return [] }
        var found = Set<Int32>()
        for variant in Self.oneDeletions(term) {
            for id in deletions[variant] ?? [] { found.insert(id) }
        }
        // Swaps of neighbours are two deletions apart in this scheme; check them directly.
        let letters = Array(term)
        for i in 0..<(letters.count - 1) {
            var swapped = letters
            swapped.swapAt(i, i + 1)
            if let id = termIDs[String(swapped)] { found.insert(id) }
        }
        return Array(found)
    }

    /// Whether the index knows `term` (a stem) exactly.
    public func contains(stem term: String) -> Bool { termIDs[term] != nil }

    /// Documents matching `query`, best first. `allow` filters documents (target group, life situation).
    public func search(_ query: String, limit: Int = 10, allow: (Int) -> Bool = { _ in true }) -> [Hit] {
        let terms = Tokenizer.terms(query)
        guard !terms.isEmpty else { return [] }
        // Dense accumulators: posting lists of common words are long, dictionaries would dominate.
        var scores = [Double](repeating: 0, count: popularityBoost.count)
        var matchedTerms = [UInt16](repeating: 0, count: popularityBoost.count)
        var touched: [Int32] = []
        for term in Set(terms) {
            var contributions: [(Int32, Double)] = []
            if let id = termIDs[term] {
                contributions.append((id, 1))
            } else {
                for id in typoCandidates(term) { contributions.append((id, Self.typoPenalty)) }
            }
            var seenInTerm = Set<Int32>()
            let single = contributions.count == 1
            for (id, factor) in contributions {
                let idf = self.idf[Int(id)]
                for posting in postings[Int(id)] {
                    let d = Int(posting.document)
                    if scores[d] == 0 { touched.append(posting.document) }
                    scores[d] += Double(posting.weight) * idf * factor
                    if single || seenInTerm.insert(posting.document).inserted { matchedTerms[d] += 1 }
                }
            }
        }
        let termCount = Double(Set(terms).count)
        // Keep the best `limit` without sorting every hit.
        var best: [Hit] = []
        best.reserveCapacity(limit + 1)
        for document in touched where allow(Int(document)) {
            let d = Int(document)
            // Documents that match every query term rank above those that match some.
            let coverage = Double(matchedTerms[d]) / termCount
            let hit = Hit(document: d, score: scores[d] * (0.5 + 0.5 * coverage) * popularityBoost[d])
            if best.count == limit, let last = best.last, !Self.ranks(hit, before: last) { continue }
            let position = best.firstIndex { Self.ranks(hit, before: $0) } ?? best.endIndex
            best.insert(hit, at: position)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    static func ranks(_ a: Hit, before b: Hit) -> Bool {
        a.score != b.score ? a.score > b.score : a.document < b.document
    }
}
