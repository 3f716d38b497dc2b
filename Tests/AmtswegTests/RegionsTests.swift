import Foundation
import Regions
import Rules
import Testing

@Suite("Regions")
struct RegionsTests {
    let regions = RegionDirectory.thuringia

    @Test("Every municipality has its Wohngeld Mietstufe (WoGV annex)")
    func mietstufen() {
        let day = Rules.LocalDate(year: 2025, month: 1, day: 1)
        let missing = RegionDirectory.thuringia.municipalities.filter {
            Mietstufen.thuringia(ars: $0.ars, on: day) == nil
        }
        #expect(missing.isEmpty, "no Mietstufe for \(missing.map(\.name))")
    }

    @Test("601 municipalities, 22 Kreise (5 kreisfreie Städte), 189 Verbände")
    func counts() {
        #expect(regions.municipalities.count == 601)
        #expect(regions.kreise.count == 22)
        #expect(regions.kreise.filter(\.isKreisfrei).count == 5)
        #expect(regions.verbaende.count == 189)
        #expect(regions.municipalities.reduce(0) { $0 + $1.population } == 2_086_735)
    }

    @Test("Jena by name, by ARS and by postcode 07743")
    func jena() throws {
        let byName = try #require(regions.search("Jena").first)
        #expect(byName.ars == "160530000000")
        #expect(regions.municipality(ars: "160530000000")?.name == "Jena")
        #expect(regions.search("07743").map(\.ars).contains("160530000000"))
        #expect(regions.search("jena").first?.ars == "160530000000")
    }

    @Test(
        "Umlaut and ß folding: Gossnitz, Goessnitz and gößnitz find Gößnitz",
        arguments: ["Gossnitz", "Goessnitz", "gößnitz", "GÖSSNITZ"])
    func folding(query: String) throws {
        let first = try #require(regions.search(query).first)
        #expect(first.name == "Gößnitz")
    }

    @Test("A postcode shared by several municipalities offers every one of them")
    func sharedPostcode() {
        // 07646 is the seat postcode of 33 municipalities around Stadtroda.
        let expected = Set(regions.municipalities.filter { $0.postcodes.contains("07646") }.map(\.ars))
        #expect(expected.count >= 33)
        let found = regions.search("07646", limit: 100)
        #expect(Set(found.map(\.ars)) == expected)
    }

    @Test("Every municipality's seat postcode finds it")
    func everySeatPostcode() {
        for m in regions.municipalities {
            #expect(regions.municipalities(postcode: m.seatPostcode).contains(m), "\(m.name) \(m.seatPostcode)")
        }
    }

    @Test("Unknown names and keys find nothing")
    func unknown() {
        #expect(regions.search("Atlantis").isEmpty)
        #expect(regions.search("999999999999").isEmpty)
        #expect(regions.search("").isEmpty)
        #expect(regions.municipality(ars: "160530000001") == nil)
    }

    @Test("Containment chain Gemeinde → Verband → Kreis → Land")
    func containment() throws {
        // Asbach-Sickenberg is a member of the erfüllende Gemeinde Uder in Eichsfeld.
        let m = try #require(regions.municipality(ars: "160615051002"))
        let chain = regions.containment(of: m)
        #expect(chain.map(\.type) == [.gemeinde, .erfuellendeGemeinde, .landkreis, .land])
        #expect(chain[2].name == "Eichsfeld")
        #expect(chain[3].ars == "16")
        let jena = try #require(regions.municipality(ars: "160530000000"))
        #expect(regions.containment(of: jena).map(\.type) == [.gemeinde, .kreisfreieStadt, .land])
    }

    @Test("Every erfüllende Gemeinde group knows which member runs the administration")
    func fulfillingMunicipalities() {
        let groups = regions.verbaende.filter { $0.administration == .erfuellendeGemeinde }
        #expect(groups.count == 37)
        for group in groups {
            let ars = group.fulfillingMunicipalityARS
            #expect(ars != nil && group.memberARS.contains(ars!), "\(group.name)")
        }
    }

    @Test("The embedded reference data equals the files in data/regional")
    func embeddedDataIsCurrent() throws {
        let csv = try String(
            contentsOf: repoRoot.appendingPathComponent("data/regional/thueringen_gemeinden_gv100ad_2026-02-28.csv"),
            encoding: .utf8)
        #expect(
            csv.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines)
                == ReferenceData.gemeindenCSV)
        let plz = try String(
            contentsOf: repoRoot.appendingPathComponent("data/regional/plz_gemeinde_thueringen.csv"), encoding: .utf8)
        #expect(
            plz.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines)
                == ReferenceData.postcodesCSV)
    }

    @Test("The repository copy equals the shared reference data")
    func copyEqualsShared() throws {
        let shared = sharedData.appendingPathComponent("regional/thueringen_gemeinden_gv100ad_2026-02-28.csv")
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        let ours = try Data(
            contentsOf: repoRoot.appendingPathComponent("data/regional/thueringen_gemeinden_gv100ad_2026-02-28.csv"))
        #expect(try Data(contentsOf: shared) == ours)
    }
}
