import Catalog
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Catalog over HTTP")
struct CatalogHTTPTests {
    @Test("The services API finds the service and the authority responsible in the place named in the query")
    func servicesAPI() async throws {
        try await withApp(.sqlite) { client, _ in
            let body = try await client.get("/api/v1/services?q=Auto%20anmelden%20Jena&limit=3").json()
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.first?["leika"] as? String == "99036020001000")
            let authority = items.first?["responsibleAuthority"] as? [String: Any]
            #expect(authority?["name"] as? String == "Stadtverwaltung Jena")
            #expect((body["place"] as? [String: Any])?["ars"] as? String == "160530000000")
            let one = try await client.get("/api/v1/services/99107023037000?ars=160730077077").json()
            #expect(
                (one["responsibleAuthority"] as? [String: Any])?["name"] as? String == "Landratsamt Saalfeld-Rudolstadt"
            )
            #expect((one["name"] as? [String: Any])?["ls"] as? String != nil, "Leichte Sprache is part of the record")
        }
    }

    @Test("A service page for a municipality with an override names the authority and says why")
    func overrideOnServicePage() async throws {
        try await withApp(.sqlite) { client, _ in
            let page = try await client.get("/leistungen/99012070006001?ars=160640046046").text
            #expect(page.contains("Stadtverwaltung Mühlhausen/Thüringen"))
            #expect(page.contains("Große kreisangehörige Stadt"))
            let easy = try await client.get("/leistungen/99059001104000/leichte-sprache?ars=160760089089").text
            #expect(easy.contains("Verwaltungsgemeinschaft Hermsdorf") && easy.contains("Standes-Amt in Hermsdorf"))
        }
    }

    @Test(
        "Bad input to the services API gets a problem document",
        arguments: [
            ("/api/v1/services/123", 400), ("/api/v1/services/99999999999999", 404),
            ("/api/v1/services?group=aliens", 400), ("/api/v1/services?ars=1", 400),
            ("/api/v1/services?ars=169999999999", 404), ("/api/v1/services?lifeSituation=space-travel", 400),
        ])
    func problems(uri: String, status: Int) async throws {
        try await withApp(.sqlite) { client, _ in
            let response = try await client.get(uri)
            #expect(Int(response.status.code) == status)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("Filters by life situation, with and without a query")
    func lifeSituationFilter() async throws {
        try await withApp(.sqlite) { client, services in
            let all = try await client.get("/api/v1/services?lifeSituation=vehicle&limit=100").json()
            let keys = Set((all["items"] as? [[String: Any]] ?? []).compactMap { $0["leika"] as? String })
            let expected = Set(
                services.finder.catalog.services.filter { $0.lifeSituations.contains("vehicle") }.map(\.leika))
            #expect(!expected.isEmpty && keys == expected)
            let searched = try await client.get("/api/v1/services?q=anmelden&lifeSituation=pets").json()
            let found = (searched["items"] as? [[String: Any]] ?? []).compactMap { $0["leika"] as? String }
            #expect(found.first == "99102013104000", "dog registration, not address registration")
        }
    }

    @Test("The service list filters by life situation and target group")
    func pageFilters() async throws {
        try await withApp(.sqlite) { client, services in
            let page = try await client.get("/leistungen?lifeSituation=pets").text
            let shown = Set(page.matches(of: /href="\/leistungen\/([0-9]{14})"/).map { String($0.1) })
            let pets = Set(services.finder.catalog.services.filter { $0.lifeSituations.contains("pets") }.map(\.leika))
            #expect(shown == pets)
            #expect(page.contains(#"<option value="pets" selected>"#))
            let companies = try await client.get("/leistungen?group=companies").text
            let shownCompanies = Set(companies.matches(of: /href="\/leistungen\/([0-9]{14})"/).map { String($0.1) })
            #expect(shownCompanies.contains("99050012104000"), "trade registration is for companies")
            #expect(!shownCompanies.contains("99027002012000"), "a birth certificate is not")
            #expect(try await client.get("/leistungen?lifeSituation=nonsense").status == .ok)
        }
    }

    @Test("The service page shows the responsible authority and carries schema.org GovernmentService JSON-LD")
    func servicePage() async throws {
        try await withApp(.sqlite) { client, _ in
            let page = try await client.get("/leistungen/99102013104000?ars=160550000000").text  // dog tax, Weimar
            #expect(page.contains("<strong>Stadtverwaltung Weimar</strong>"))
            let json = try #require(page.firstMatch(of: /<script type="application\/ld\+json">(.*?)<\/script>/)?.1)
            let ld = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(ld["@context"] as? String == "https://schema.org")
            #expect(ld["@type"] as? String == "GovernmentService")
            #expect(ld["identifier"] as? String == "99102013104000")
            #expect((ld["provider"] as? [String: Any])?["name"] as? String == "Stadtverwaltung Weimar")
            let english = try await client.get("/leistungen/99102013104000?lang=en").text
            #expect(english.contains(#"<html lang="en">"#))
            let easy = try await client.get("/leistungen/99102013104000/leichte-sprache").text
            #expect(easy.contains(#"<html lang="de">"#))
            #expect(try await client.get("/leistungen/00000000000000").status == .notFound)
        }
    }

    @Test("Typing a place on the service page finds the responsible authority; an ambiguous postcode offers a choice")
    func choosePlace() async throws {
        try await withApp(.sqlite) { client, _ in
            let jena = try await client.get("/leistungen/99036020001000?ort=07743").text
            #expect(jena.contains("<strong>Stadtverwaltung Jena</strong>"))
            let ambiguous = try await client.get("/leistungen/99036020001000?ort=07646").text
            #expect(!ambiguous.contains("<strong>Landratsamt"))
            #expect(ambiguous.contains(#"href="/leistungen/99036020001000?ars="#))
        }
    }

    @Test("The catalogue exports as JSON that reads back as the same catalogue")
    func exportRoundTrip() async throws {
        try await withApp(.sqlite) { client, services in
            let response = try await client.get("/api/v1/catalog")
            #expect(response.status == .ok)
            let reread = try ServiceCatalog.decode(Data(buffer: response.body))
            #expect(reread.services == services.finder.catalog.services)
        }
    }

    @Test("The sitemap lists every service page")
    func sitemap() async throws {
        try await withApp(.sqlite) { client, services in
            let xml = try await client.get("/sitemap.xml").text
            for s in services.finder.catalog.services { #expect(xml.contains("/leistungen/\(s.leika)</loc>")) }
            #expect(xml.contains("/gemeinden/160530000000</loc>"))
        }
    }
}
