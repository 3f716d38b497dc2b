import Authorities
import Catalog
import Foundation
import Regions
import Testing

/// Realistic queries — colloquial words, typos, places and postcodes, English, plain language —
/// each with the service it must find first and, where the query names a place, the authority
/// responsible there.
@Suite("Service search")
struct ServiceSearchTests {
    static let finder: ServiceFinder = {
        let data = try! Data(contentsOf: repoRoot.appendingPathComponent("data/catalog/services.json"))
        return ServiceFinder(catalog: try! ServiceCatalog.decode(data), regions: .thuringia)
    }()
    static let authorities = AuthoritySeed.authorities(from: .thuringia)

    struct Case: CustomTestStringConvertible, Sendable {
        let query: String
        let leika: Set<String>
        let authority: String?
        init(_ query: String, _ leika: String..., at authority: String? = nil) {
            self.query = query
            self.leika = Set(leika)
            self.authority = authority
        }
        var testDescription: String { query }
    }

    static let cases: [Case] = [
        // The examples
        Case("Auto anmelden Jena", "99036020001000", at: "Stadtverwaltung Jena"),
        Case("Perso verloren", "99008001014002"),
        Case("Wohngeld Saalfeld", "99107023037000", at: "Landratsamt Saalfeld-Rudolstadt"),
        Case("Hund anmelden Weimar", "99102013104000", at: "Stadtverwaltung Weimar"),
        Case("Gewerbe anmelden 99084", "99050012104000", at: "Stadtverwaltung Erfurt"),
        Case("umziehen", "99115005104000"),
        // Colloquial
        Case("Ummeldung", "99115005104000"),
        Case("Führerschein machen", "99108047001001"),
        Case("grauer Lappen umtauschen", "99108049012001"),
        Case("heiraten", "99059001104000"),
        Case("Hartz IV", "99107108017000"),
        Case("Tagesmutter", "99071005080000"),
        Case("Anwohnerparken", "99108001001000"),
        Case("Halteverbot für Umzug", "99108011153000"),
        Case("Angelschein", "99042001012000"),
        Case("aus der Kirche austreten", "99073001000000"),
        Case("Auto abmelden", "99036026017000"),
        Case("Wunschkennzeichen", "99036049069000"),
        Case("Haus bauen", "99012070006001"),
        Case("Haus abreißen", "99012077006000"),
        Case("Kneipe eröffnen", "99025002005000"),
        // Typos
        Case("Personalausweiss beantragen", "99008001012000"),
        Case("Reispass", "99085001012000"),
        Case("Geburtsurkunden", "99027002012000"),
        Case("Fuehrerschein verloren", "99108049012005"),
        Case("Elterngld", "99041006017000"),
        Case("Schwerbehindertenausweiss", "99015007012000"),
        // Places and postcodes
        Case("Personalausweis Gera", "99008001012000", at: "Stadtverwaltung Gera"),
        Case("Wohngeld 07743", "99107023037000", at: "Stadtverwaltung Jena"),
        Case("Bauantrag Gotha", "99012070006001", at: "Stadtverwaltung Gotha"),
        Case("Hundesteuer Suhl", "99102013104000", at: "Stadtverwaltung Suhl"),
        Case("Meldebescheinigung Asbach-Sickenberg", "99115003012000", at: "Gemeindeverwaltung Uder"),
        Case("Elterngeld Nordhausen", "99041006017000", at: "Landratsamt Nordhausen"),
        // English
        Case("passport", "99085001012000"),
        Case("register my car", "99036020001000"),
        Case("birth certificate", "99027002012000"),
        Case("housing benefit", "99107023037000"),
        Case("certificate of good conduct", "99049001001000"),
        Case("dog tax Erfurt", "99102013104000", at: "Stadtverwaltung Erfurt"),
        // Plain language
        Case("Ich ziehe um", "99115005104000"),
        // Both loss services answer this: report the loss, or apply for a new card after it.
        Case("Mein Ausweis ist weg", "99008001014002", "99008001012003"),
        Case("Geld für die Miete", "99107023037000"),
    ]

    @Test("Realistic queries find the right service and the responsible authority", arguments: cases)
    func query(_ c: Case) throws {
        let answer = Self.finder.find(c.query)
        let first = try #require(answer.services.first, "no result")
        #expect(c.leika.contains(first.leika), "found \(first.leika) \(first.name.de)")
        if let expected = c.authority {
            let place = try #require(answer.place, "no place recognised")
            let authority = Self.finder.catalog.responsibleAuthority(
                for: first, municipalityARS: place.ars, authorities: Self.authorities)
            #expect(authority?.name == expected)
        }
    }

    @Test("A postcode shared by several municipalities is not guessed")
    func ambiguousPostcode() {
        let answer = Self.finder.find("Hundesteuer 07646")
        #expect(answer.place == nil)
        #expect(answer.placeCandidates.count >= 33)
        #expect(answer.services.first?.leika == "99102013104000")
    }

    @Test("Filters by target group")
    func filters() {
        let companies = Self.finder.find("anmelden", group: .companies)
        #expect(!companies.services.isEmpty)
        #expect(companies.services.allSatisfy { $0.targetGroups.contains(.companies) })
    }
}
