import Authorities
import Catalog
import Foundation
import HTTPTypes
import HummingbirdTesting
import Regions
import Routing
import Signing
import Testing
import X509

/// One RSA-4096 key for the whole test run: generating one takes a while.
let testPlatformKey: PlatformKey = {
    do { return try PlatformKey.generate(commonName: "Amtsweg Test") } catch { fatalError("key generation: \(error)") }
}()

@Suite("Signing: platform key, JWKS, PS512")
struct SigningTests {
    @Test("The certificate's serial is positive and at most 20 octets (RFC 5280 § 4.1.2.2)")
    func serialNumber() {
        for _ in 0..<64 {
            let serial = Array(PlatformKey.serialNumber().bytes)
            #expect(serial.count <= 20 && serial[0] < 0x80 && serial[0] != 0)
        }
        #expect(Array(testPlatformKey.certificate.serialNumber.bytes).count <= 20)
    }

    @Test("A JWS verifies against the published key set; a changed payload or signature does not")
    func roundTrip() throws {
        let key = testPlatformKey
        let payload = Data(#"{"destinationId":"x"}"#.utf8)
        let jws = try JWS.sign(payload: payload, with: key)
        let jwks = try key.jwks
        #expect(try JWS.verify(jws, keys: jwks) == payload)

        var parts = jws.split(separator: ".").map(String.init)
        parts[1] = Base64URL.encode(Data(#"{"destinationId":"y"}"#.utf8))
        #expect(throws: SigningError.badSignature) { try JWS.verify(parts.joined(separator: "."), keys: jwks) }
        #expect(throws: SigningError.unknownKey("other")) {
            let header = Base64URL.encode(Data(#"{"alg":"PS512","kid":"other"}"#.utf8))
            _ = try JWS.verify(header + "." + jws.split(separator: ".").dropFirst().joined(separator: "."), keys: jwks)
        }
        #expect(throws: SigningError.unsupportedAlgorithm("none")) {
            let header = Base64URL.encode(Data(#"{"alg":"none","kid":"\#(key.keyID)"}"#.utf8))
            _ = try JWS.verify(header + "." + jws.split(separator: ".").dropFirst().joined(separator: "."), keys: jwks)
        }
        #expect(throws: SigningError.self) { try JWS.verify("a.b", keys: jwks) }
        // a signature by another key, presented under our kid, must not verify
        let other = try PlatformKey.generate(commonName: "Other")
        let forged = try JWS.sign(payload: payload, with: other).split(separator: ".")
        let ourHeader = jws.split(separator: ".")[0]
        #expect(throws: SigningError.badSignature) {
            _ = try JWS.verify([ourHeader, forged[1], forged[2]].joined(separator: "."), keys: jwks)
        }
    }

    @Test("The JWK has what FIT-Connect requires: RSA 4096, PS512, verify, x5c of the key, thumbprint kid")
    func jwkShape() throws {
        let jwk = try testPlatformKey.jwk
        #expect(jwk.kty == "RSA" && jwk.alg == "PS512" && jwk.key_ops == ["verify"] && jwk.e == "AQAB")
        #expect(jwk.n.count >= 683, "a 4096-bit modulus is at least 683 base64url characters")
        #expect((8...64).contains(jwk.kid.count))
        let der = try #require(Data(base64Encoded: jwk.x5c[0]))
        #expect(Array(der) == (try testPlatformKey.certificateDER))
        // the PEM bundle round-trips to the same key id
        let again = try PlatformKey(pemBundle: try testPlatformKey.pemBundle)
        #expect(again.keyID == testPlatformKey.keyID)
    }

    @Test("Malformed base64url is refused, not guessed")
    func base64url() {
        #expect(Base64URL.decode("a+b") == nil)
        #expect(Base64URL.decode("abcde") == nil)
        #expect(Base64URL.decode(Base64URL.encode(Data([0xfb, 0xff, 0x00]))) == Data([0xfb, 0xff, 0x00]))
    }
}

@Suite("Routing: responsibility overrides and FIT-Connect routes")
struct RoutingTests {
    static let authorities = AuthoritySeed.authorities(from: .thuringia)
    static let catalog = ServiceCatalog.seed
    static let buildingPermit = "99012070006001"
    static let marriage = "99059001104000"

    func responsible(_ leika: String, _ ars: String) throws -> Authority? {
        let service = try #require(Self.catalog.service(leika: leika))
        return Self.catalog.responsibleAuthority(for: service, municipalityARS: ars, authorities: Self.authorities)
    }

    @Test("A Große kreisangehörige Stadt is its own building authority; its neighbours go to the Landratsamt")
    func grosseKreisangehoerigeStadt() throws {
        #expect(try responsible(Self.buildingPermit, "160640046046")?.name == "Stadtverwaltung Mühlhausen/Thüringen")
        #expect(try responsible(Self.buildingPermit, "160630105105")?.name == "Stadtverwaltung Eisenach")
        // Another town of the Unstrut-Hainich-Kreis: the rule per level applies
        let bad = try #require(RegionDirectory.thuringia.municipalities.first { $0.name == "Bad Langensalza" })
        #expect(try responsible(Self.buildingPermit, bad.ars)?.name == "Landratsamt Unstrut-Hainich-Kreis")
        // The override is per service: vehicle registration in Mühlhausen stays with the Landratsamt
        #expect(try responsible("99036020001000", "160640046046")?.name == "Landratsamt Unstrut-Hainich-Kreis")
    }

    @Test("A registry-office district across a Kreis border: Kraftsdorf (Greiz) marries in Hermsdorf")
    func standesamtsbezirk() throws {
        #expect(try responsible(Self.marriage, "160760089089")?.name == "Verwaltungsgemeinschaft Hermsdorf")
        #expect(try responsible(Self.marriage, "160700058058")?.name == "Stadtverwaltung Ilmenau")
        // without the override Kraftsdorf would go to its own administration
        let service = try #require(Self.catalog.service(leika: Self.marriage))
        let chain = AuthoritySeed.chain(for: "160760089089", in: Self.authorities)
        #expect(
            ServiceCatalog.responsibleAuthority(for: service, inChain: chain)?.name == "Gemeindeverwaltung Kraftsdorf")
        #expect(
            Self.catalog.override(for: service, municipalityARS: "160760089089")?.source.contains("https://") == true)
    }

    @Test("The chain by area prefixes equals the chain by scanning every authority, for all 601 municipalities")
    func chainByPrefix() {
        let byArea = Dictionary(grouping: Self.authorities, by: \.servedARS)
        for m in RegionDirectory.thuringia.municipalities {
            #expect(
                RouteFinder.chain(for: m.ars, byArea: byArea).map(\.id)
                    == AuthoritySeed.chain(for: m.ars, in: Self.authorities).map(\.id), "\(m.name)")
        }
    }

    @Test("Every override names an existing authority, a known municipality and a source")
    func overridesAreResolvable() {
        #expect(Self.catalog.overrides.count >= 8)
        for o in Self.catalog.overrides {
            #expect(Self.authorities.contains { $0.id == o.authorityID }, "\(o.authorityID)")
            for ars in o.municipalities {
                #expect(RegionDirectory.thuringia.municipality(ars: ars) != nil, "\(ars)")
            }
            #expect(o.source.contains("https://"))
        }
    }

    @Test("An override naming an unknown service or a malformed ARS is refused")
    func invalidOverrides() throws {
        let services = Self.catalog.services
        let reason = LocalizedText(de: "x")
        #expect(throws: CatalogError.self) {
            try ServiceCatalog(
                services: services,
                overrides: [
                    .init(
                        leika: ["99999999999999"], municipalities: ["160640046046"], authorityID: "a", reason: reason,
                        source: "s")
                ])
        }
        #expect(throws: CatalogError.self) {
            try ServiceCatalog(
                services: services,
                overrides: [
                    .init(
                        leika: [Self.marriage], municipalities: ["1606"], authorityID: "a", reason: reason, source: "s")
                ])
        }
    }

    @Test("Destination ids are stable name-based UUIDs (version 5), distinct per authority")
    func destinationIDs() {
        let ids = Set(Self.authorities.map(RouteFinder.destinationID(for:)))
        #expect(ids.count == Self.authorities.count)
        let one = RouteFinder.destinationID(authorityID: "th-stadt-16053")
        #expect(one == RouteFinder.destinationID(authorityID: "th-stadt-16053"))
        #expect(UUID(uuidString: one) != nil)
        #expect(Array(one)[14] == "5")
    }

    @Test("Routes for a municipality, a Kreis and the Land; each signature verifies and names the destination")
    func routes() throws {
        let finder = RouteFinder(
            catalog: Self.catalog, regions: .thuringia, key: testPlatformKey, issuer: "https://amtsweg.example",
            submissionHost: "amtsweg.example")
        let jena = try finder.result(
            leika: "99036020001000", area: .ars("160530000000"), authorities: Self.authorities, offset: 0, limit: 100)
        #expect(jena.totalCount == 1 && jena.routes.first?.destinationName == "Stadtverwaltung Jena")
        let route = try #require(jena.routes.first)
        let claims =
            try JSONSerialization.jsonObject(
                with: try JWS.verify(route.destinationSignature, keys: try testPlatformKey.jwks)) as? [String: Any]
        #expect(claims?["destinationId"] as? String == route.destinationId)
        let services = claims?["services"] as? [[String: Any]]
        #expect((services?.first?["leistungIDs"] as? [String]) == ["urn:de:fim:leika:leistung:99036020001000"])

        // a local service in the Kreis Eichsfeld: one route per local administration, paged
        let kreis = try finder.result(
            leika: Self.marriage, area: .ars("16061"), authorities: Self.authorities, offset: 0, limit: 5)
        #expect(kreis.totalCount > 5 && kreis.count == 5 && kreis.routes.count == 5)
        let rest = try finder.result(
            leika: Self.marriage, area: .ars("16061"), authorities: Self.authorities, offset: 5, limit: 500)
        #expect(Set(rest.routes.map(\.destinationId)).isDisjoint(with: kreis.routes.map(\.destinationId)))
        // vehicle registration for the whole Land: 17 Landratsämter and 5 kreisfreie Städte
        let land = try finder.result(
            leika: "99036020001000", area: .ars("16"), authorities: Self.authorities, offset: 0, limit: 10)
        #expect(land.totalCount == 22 && land.routes.count == 10)
        let byAGS = try finder.result(
            leika: Self.buildingPermit, area: .ags("16064046"), authorities: Self.authorities, offset: 0, limit: 10)
        #expect(byAGS.routes.map(\.destinationName) == ["Stadtverwaltung Mühlhausen/Thüringen"])
        // outside Thuringia or an unknown service: no routes, not an error
        #expect(
            try finder.result(
                leika: Self.marriage, area: .ars("09162"), authorities: Self.authorities, offset: 0, limit: 10
            )
            .totalCount == 0)
        #expect(
            try finder.result(
                leika: "99999999999999", area: .ars("16"), authorities: Self.authorities, offset: 0, limit: 10
            )
            .totalCount == 0)
    }

    @Test(
        "GET /api/v1/routes answers in the FIT-Connect shape and its signatures verify against /.well-known/jwks.json")
    func routesOverHTTP() async throws {
        let pem = try testPlatformKey.pemBundle
        try await withApp(.sqlite, configure: { $0.signingKeyPEM = pem }) { client, _ in
            let jwksResponse = try await client.get("/.well-known/jwks.json")
            #expect(jwksResponse.status == .ok)
            let jwks = try JSONDecoder().decode(JWKS.self, from: Data(buffer: jwksResponse.body))
            let response = try await client.get("/api/v1/routes?leikaKey=99012070006001&ars=160640046046")
            #expect(response.status == .ok)
            let result = try JSONDecoder().decode(RouteResult.self, from: Data(buffer: response.body))
            let route = try #require(result.routes.first)
            #expect(route.destinationName == "Stadtverwaltung Mühlhausen/Thüringen")
            #expect(throws: Never.self) { try JWS.verify(route.destinationSignature, keys: jwks) }
            for (uri, pointer) in [
                ("/api/v1/routes?ars=16", "/leikaKey"), ("/api/v1/routes?leikaKey=12345678901234&ars=16", "/leikaKey"),
                ("/api/v1/routes?leikaKey=99012070006001", "/ars"),
                ("/api/v1/routes?leikaKey=99012070006001&ars=16&ags=16064046", "/ags"),
                ("/api/v1/routes?leikaKey=99012070006001&ars=1606", "/ars"),
                ("/api/v1/routes?leikaKey=99012070006001&ars=16&limit=501", "/limit"),
                ("/api/v1/routes?leikaKey=99012070006001&ars=16&offset=-1", "/offset"),
            ] {
                let bad = try await client.get(uri)
                #expect(bad.status == .badRequest, "\(uri)")
                #expect(bad.headers[.contentType] == "application/problem+json")
                #expect(bad.text.contains(pointer), "\(uri) names \(pointer)")
            }
        }
    }

    @Test("Cached route answers follow a change of the authority's data")
    func cacheFollowsAuthorityChanges() async throws {
        let pem = try testPlatformKey.pemBundle
        try await withApp(.sqlite, configure: { $0.signingKeyPEM = pem }) { client, services in
            let uri = "/api/v1/routes?leikaKey=99036020001000&ars=160530000000"
            let before = try await client.get(uri)
            #expect(before.status == .ok && !before.text.contains("Am Anger 15"))
            try await services.authorities.updateContact(
                id: "th-stadt-16053", contact: Contact(phone: "+49 3641 490"), openingHours: [], street: "Am Anger 15")
            // every node re-checks the authorities' data version at most once a second
            try await Task.sleep(for: .milliseconds(1200))
            let after = try await client.get(uri)
            #expect(after.text.contains("Am Anger") && after.text.contains("+49 3641 490"))
        }
    }

    @Test("Without a configured key, one is generated once and kept for every node")
    func generatedKeyIsShared() async throws {
        let db = try await TestDatabase.make(.sqlite)
        var kids: [String] = []
        for _ in 0..<2 {
            let kid = try await withAppReturning(db) { client in
                let jwks = try JSONDecoder().decode(
                    JWKS.self, from: Data(buffer: try await client.get("/.well-known/jwks.json").body))
                return jwks.keys[0].kid
            }
            kids.append(kid)
        }
        #expect(kids.count == 2 && kids[0] == kids[1])
        await db.drop()
    }

    func withAppReturning(
        _ db: TestDatabase, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> String
    )
        async throws -> String
    {
        let box = ResultBox()
        try await withApp(.sqlite, database: db) { client, _ in box.set(try await body(client)) }
        return box.get()
    }
}

final class ResultBox: @unchecked Sendable {
    private var value = ""
    private let lock = NSLock()
    func set(_ v: String) { lock.withLock { value = v } }
    func get() -> String { lock.withLock { value } }
}
