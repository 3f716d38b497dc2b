import Testing

@testable import Search

@Suite("Search index")
struct SearchIndexTests {
    let index = SearchIndex(documents: [
        .init(
            fields: [.init("Hundesteuer anmelden", weight: 3), .init("Steuer für Hunde", weight: 1)], popularity: 40),
        .init(
            fields: [.init("Personalausweis beantragen", weight: 3), .init("Perso, ID card", weight: 2.5)],
            popularity: 90),
        .init(
            fields: [.init("Führerschein umtauschen", weight: 3), .init("driving licence exchange", weight: 1.5)],
            popularity: 50),
        .init(fields: [.init("Gewerbe anmelden", weight: 3), .init("Steuer", weight: 1)], popularity: 60),
        .init(fields: [.init("Hund", weight: 1)], popularity: 1),
    ])

    @Test("Stemming: inflected forms meet")
    func stemming() {
        #expect(index.search("Personalausweise").first?.document == 1)
        #expect(index.search("Führerscheins").first?.document == 2)
    }

    @Test("Umlaut spellings meet: Fuehrerschein finds Führerschein")
    func umlauts() {
        #expect(index.search("Fuehrerschein").first?.document == 2)
        #expect(index.search("fuhrerschein").first?.document == 2)
    }

    @Test("One typo is forgiven", arguments: ["Persnalausweis", "Personalausweiss", "Presonalausweis", "Fürherschein"])
    func typos(query: String) {
        #expect(index.search(query).first.map { [1, 2].contains($0.document) } == true)
    }

    @Test("A compound is found by its parts")
    func compounds() {
        let hits = index.search("Hund Steuer").map(\.document)
        #expect(hits.first == 0, "the compound covering both words ranks first")
        #expect(hits.contains(4))
    }

    @Test("Documents matching every query word rank above partial matches")
    func coverage() {
        #expect(index.search("Gewerbe Steuer").first?.document == 3)
    }

    @Test("English words find English fields")
    func english() {
        #expect(index.search("driving licence").first?.document == 2)
        #expect(index.search("ID card").first?.document == 1)
    }

    @Test("Filters and empty queries")
    func filters() {
        #expect(index.search("anmelden", allow: { $0 != 0 }).map(\.document) == [3])
        #expect(index.search("").isEmpty)
        #expect(index.search("der die das").isEmpty, "stop words alone find nothing")
        #expect(index.search("Xylophon").isEmpty)
    }
}
