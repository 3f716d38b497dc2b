import Authorities
import Catalog
import Foundation
import Regions
import Testing

@Suite("Catalog")
struct CatalogTests {
    static func service(_ leika: String, _ level: ResponsibilityLevel, fee: Fee = Fee(kind: .free)) -> Service {
        Service(
            leika: leika, name: LocalizedText(de: "Test", en: "Test", ls: "Test"),
            summary: LocalizedText(de: "Kurz"), description: LocalizedText(de: "Lang"), targetGroups: [.citizens],
            lifeSituations: [], documents: [], fee: fee, deadline: nil, processingTime: nil, legalBasis: [],
            trustLevel: .low, ozgMaturity: 2, responsibility: level, responsibleBody: nil, responsibilityNote: nil,
            synonyms: [], popularity: 1, sources: [])
    }

    let authorities = AuthoritySeed.authorities(from: .thuringia)

    @Test("Invalid services are refused with a reason")
    func validation() {
        #expect(throws: CatalogError.invalid("123", "LeiKa key must have 14 digits")) {
            try ServiceCatalog(services: [Self.service("123", .gemeinde)])
        }
        #expect(throws: CatalogError.duplicateKey("99115005104000")) {
            try ServiceCatalog(services: [
                Self.service("99115005104000", .gemeinde), Self.service("99115005104000", .kreis),
            ])
        }
        #expect(throws: CatalogError.invalid("99115005104000", "fixed fee without amount")) {
            try ServiceCatalog(services: [Self.service("99115005104000", .gemeinde, fee: Fee(kind: .fixed))])
        }
        #expect(throws: CatalogError.invalid("99115005104000", "special responsibility needs the responsible body")) {
            try ServiceCatalog(services: [Self.service("99115005104000", .special)])
        }
    }

    @Test("Responsibility per level: local administration, Kreis level, Land")
    func responsibility() throws {
        let local = Self.service("99115005104000", .gemeinde)
        let kreis = Self.service("99036008001000", .kreis)
        let land = Self.service("99000000000000", .land)
        // Asbach-Sickenberg, member of the erfüllende Gemeinde Uder (Eichsfeld)
        let rules = try ServiceCatalog(services: [local, kreis, land])
        #expect(
            rules.responsibleAuthority(for: local, municipalityARS: "160615051002", authorities: authorities)?
                .name == "Gemeindeverwaltung Uder")
        #expect(
            rules.responsibleAuthority(for: kreis, municipalityARS: "160615051002", authorities: authorities)?
                .name == "Landratsamt Eichsfeld")
        #expect(
            rules.responsibleAuthority(for: land, municipalityARS: "160615051002", authorities: authorities)?
                .id == AuthoritySeed.landesverwaltungsamtID)
        // Jena, a kreisfreie Stadt, does both local and Kreis tasks
        #expect(
            rules.responsibleAuthority(for: local, municipalityARS: "160530000000", authorities: authorities)?
                .name == "Stadtverwaltung Jena")
        #expect(
            rules.responsibleAuthority(for: kreis, municipalityARS: "160530000000", authorities: authorities)?
                .name == "Stadtverwaltung Jena")
    }

    @Test("The seed catalogue: valid, sourced keys, three languages, a responsible authority everywhere")
    func seedCatalogue() throws {
        let url = repoRoot.appendingPathComponent("data/catalog/services.json")
        let catalog = try ServiceCatalog.decode(try Data(contentsOf: url))
        #expect(catalog.services.count >= 60)
        let keys = try String(
            contentsOf: repoRoot.appendingPathComponent("data/catalog/leika_keys.csv"), encoding: .utf8)
        let verified = Set(keys.split(separator: "\n").filter { $0.contains(",yes,") }.map { String($0.prefix(14)) })
        for service in catalog.services {
            #expect(verified.contains(service.leika), "\(service.leika) has a verified source")
            for text in [service.name, service.summary, service.description] {
                #expect(
                    !(text.en ?? "").isEmpty && !(text.ls ?? "").isEmpty,
                    "\(service.leika): English and Leichte Sprache")
            }
            #expect(!service.sources.isEmpty, "\(service.leika) names its sources")
        }
        for m in RegionDirectory.thuringia.municipalities {
            for service in catalog.services where service.responsibility != .special {
                #expect(
                    catalog.responsibleAuthority(for: service, municipalityARS: m.ars, authorities: authorities)
                        != nil,
                    "\(service.leika) in \(m.name)")
            }
        }
    }
}
