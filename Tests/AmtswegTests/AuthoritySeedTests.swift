import Authorities
import Regions
import Testing

@Suite("Authority seed")
struct AuthoritySeedTests {
    let regions = RegionDirectory.thuringia
    var authorities: [Authority] { AuthoritySeed.authorities(from: regions) }

    @Test("One administration for every unit that has one")
    func counts() {
        let all = authorities
        #expect(all.filter { $0.level == .land }.count == 1)
        #expect(all.filter { $0.level == .landkreis }.count == 17)
        #expect(all.filter { $0.level == .kreisfreieStadt }.count == 5)
        #expect(all.filter { $0.level == .verwaltungsgemeinschaft }.count == 42)
        #expect(all.filter { $0.level == .erfuellendeGemeinde }.count == 37)
        let verbandsfrei = regions.municipalities.filter { $0.administration == .verbandsfrei && !$0.isKreisfrei }.count
        #expect(all.filter { $0.level == .gemeinde }.count == verbandsfrei)
        #expect(Set(all.map(\.id)).count == all.count, "ids are unique")
    }

    @Test("Every municipality has a local administration, a Kreis level and the Land in its chain")
    func everyMunicipalityIsServed() {
        let all = authorities
        for m in regions.municipalities {
            let chain = AuthoritySeed.chain(for: m.ars, in: all)
            #expect(chain.last?.level == .land, "\(m.name)")
            #expect(chain.contains { $0.level == .landkreis || $0.level == .kreisfreieStadt }, "\(m.name)")
            let local = chain.first
            #expect(local?.level != .land && local?.level != .landkreis, "\(m.name) has a local administration")
        }
    }

    @Test("A member of an erfüllende Gemeinde is administered by the fulfilling town")
    func erfuellendeGemeinde() throws {
        // Asbach-Sickenberg → EG Uder
        let chain = AuthoritySeed.chain(for: "160615051002", in: authorities)
        let local = try #require(chain.first)
        #expect(local.level == .erfuellendeGemeinde)
        #expect(local.name == "Gemeindeverwaltung Uder")
        #expect(chain.map(\.id).contains("th-lra-16061"))
    }

    @Test("A kreisfreie Stadt does local and Kreis tasks itself")
    func kreisfreieStadt() {
        let chain = AuthoritySeed.chain(for: "160530000000", in: authorities)
        #expect(chain.map(\.name) == ["Stadtverwaltung Jena", "Thüringer Landesverwaltungsamt"])
    }
}
