import AmtswegServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Storage
import Testing

@Suite("JSON API")
struct APITests {
    @Test("GET /api/v1/regions finds Jena by name and postcode, Gößnitz as Gossnitz", arguments: Backend.all)
    func regions(backend: Backend) async throws {
        try await withApp(backend) { client, _ in
            for q in ["Jena", "07743"] {
                let response = try await client.get("/api/v1/regions?q=\(q)")
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let items = try #require(try response.json()["items"] as? [[String: Any]])
                let first = try #require(items.first)
                #expect(first["ars"] as? String == "160530000000")
                #expect(first["ags"] as? String == "16053000")
                #expect(first["name"] as? String == "Jena")
                #expect(first["type"] as? String == "gemeinde")
                #expect((first["postcodes"] as? [String])?.contains("07743") == true)
                #expect((first["kreis"] as? [String: Any])?["type"] as? String == "kreisfreie-stadt")
            }
            let gossnitz = try await client.get("/api/v1/regions?q=Gossnitz")
            let items = try #require(try gossnitz.json()["items"] as? [[String: Any]])
            #expect(items.first?["name"] as? String == "Gößnitz")
        }
    }

    @Test("Keyset pagination walks all 601 municipalities without repeats")
    func pagination() async throws {
        try await withApp(.sqlite) { client, _ in
            var seen: [String] = []
            var cursor: String? = nil
            var pages = 0
            repeat {
                let uri = "/api/v1/regions?limit=100" + (cursor.map { "&cursor=\($0)" } ?? "")
                let body = try await client.get(uri).json()
                seen += (body["items"] as? [[String: Any]] ?? []).compactMap { $0["ars"] as? String }
                cursor = body["nextCursor"] as? String
                pages += 1
            } while cursor != nil && pages < 20
            #expect(seen.count == 601)
            #expect(Set(seen).count == 601)
            #expect(seen == seen.sorted())
        }
    }

    @Test("GET /api/v1/regions/{ars} returns the containment chain and the responsible authorities")
    func regionDetail() async throws {
        try await withApp(.sqlite) { client, _ in
            let body = try await client.get("/api/v1/regions/160615051002").json()
            let chain = try #require(body["containment"] as? [[String: Any]])
            #expect(
                chain.compactMap { $0["type"] as? String } == ["gemeinde", "erfuellende-gemeinde", "landkreis", "land"])
            let authorities = try #require(body["authorities"] as? [[String: Any]])
            #expect(authorities.compactMap { $0["id"] as? String } == ["th-eg-160615051", "th-lra-16061", "th-tlvwa"])
        }
    }

    @Test(
        "Bad input gets a problem document with a 4xx status",
        arguments: [
            ("/api/v1/regions/999999999999", 404, "not-found"),
            ("/api/v1/regions/16053", 400, "invalid-parameter"),
            ("/api/v1/regions/%27%20OR%201=1", 400, "invalid-parameter"),
            ("/api/v1/regions?limit=0", 400, "invalid-parameter"),
            ("/api/v1/regions?limit=abc", 400, "invalid-parameter"),
            ("/api/v1/regions?cursor=not-a-cursor", 400, "invalid-parameter"),
            ("/api/v1/authorities?ars=12", 400, "invalid-parameter"),
            ("/api/v1/authorities/th-nowhere", 404, "not-found"),
            ("/api/v1/authorities/%3Cscript%3E", 400, "invalid-parameter"),
            ("/api/v1/nothing-here", 404, "not-found"),
        ])
    func problems(uri: String, status: Int, slug: String) async throws {
        try await withApp(.sqlite) { client, _ in
            let response = try await client.get(uri)
            #expect(Int(response.status.code) == status)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json()
            #expect(problem["type"] as? String == "urn:amtsweg:problem:\(slug)")
            #expect(problem["status"] as? Int == status)
            #expect(problem["title"] as? String != nil)
        }
    }

    @Test("An overlong query is refused with 400")
    func longQuery() async throws {
        try await withApp(.sqlite) { client, _ in
            let response = try await client.get("/api/v1/regions?q=\(String(repeating: "x", count: 101))")
            #expect(response.status == .badRequest)
        }
    }

    @Test(
        "Barrier reports: created, idempotent across retries, validated, size- and type-checked, rate-limited",
        arguments: Backend.all)
    func barrierReports(backend: Backend) async throws {
        // A clock that stands still: the 30-per-minute window must not roll over mid-test.
        try await withApp(backend, clock: ManualClock()) { client, services in
            let json: HTTPFields = [.contentType: "application/json"]
            var keyed = json
            keyed[HTTPField.Name("Idempotency-Key")!] = "retry-1"
            let body = #"{"page":"/gemeinden","message":"Fokus unsichtbar"}"#
            let created = try await client.post("/api/v1/barrier-reports", headers: keyed, body: body)
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? String)
            let replay = try await client.post("/api/v1/barrier-reports", headers: keyed, body: body)
            #expect(replay.status == .created)
            #expect(try replay.json()["id"] as? String == id, "the retry got the first answer")
            let reused = try await client.post(
                "/api/v1/barrier-reports", headers: keyed, body: #"{"message":"anders"}"#)
            #expect(reused.status == .unprocessableContent)
            let count = try await services.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM barrier_reports").first(decodingColumn: "n", as: Int.self)
            }
            #expect(count == 1)

            let invalid = try await client.post(
                "/api/v1/barrier-reports", headers: json, body: #"{"message":"   ","contactEmail":"x"}"#)
            #expect(invalid.status == .unprocessableContent)
            let pointers = (try invalid.json()["errors"] as? [[String: Any]])?.compactMap { $0["pointer"] as? String }
            #expect(pointers == ["/message", "/contactEmail"])
            #expect(
                try await client.post("/api/v1/barrier-reports", headers: json, body: "{not json").status == .badRequest
            )
            #expect(try await client.post("/api/v1/barrier-reports", headers: json, body: "[]").status == .badRequest)
            #expect(
                try await client.post("/api/v1/barrier-reports", headers: [.contentType: "text/plain"], body: "hi")
                    .status
                    == .unsupportedMediaType)
            let huge = #"{"message":"\#(String(repeating: "a", count: 70_000))"}"#
            let tooLarge = try await client.post("/api/v1/barrier-reports", headers: json, body: huge)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.headers[.contentType] == "application/problem+json")
            // 30 per minute per client: the requests above count too.
            var last = 0
            for _ in 0..<30 {
                last = Int(
                    try await client.post("/api/v1/barrier-reports", headers: json, body: #"{"message":"x"}"#).status
                        .code)
            }
            #expect(last == 429)
            let limited = try await client.post("/api/v1/barrier-reports", headers: json, body: #"{"message":"x"}"#)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(try limited.json()["type"] as? String == "urn:amtsweg:problem:rate-limited")
        }
    }

    @Test("The OpenAPI document is served and describes every API route")
    func openAPI() async throws {
        try await withApp(.sqlite) { client, _ in
            let doc = try await client.get("/api/v1/openapi.json").json()
            #expect(doc["openapi"] as? String == "3.0.3")
            let paths = Set((doc["paths"] as? [String: Any])?.keys.map { $0 } ?? [])
            #expect(
                paths == [
                    "/openapi.json", "/regions", "/regions/{ars}", "/authorities", "/authorities/{id}",
                    "/barrier-reports", "/services", "/services/{leikaKey}", "/catalog", "/routes", "/jwks",
                    "/assistant", "/assistant/feedback", "/authorities/{id}/messages", "/me/messages",
                    "/me/messages/{id}", "/me/messages/{id}/replies", "/organisations/{org}/messages",
                    "/oauth/token", "/forms", "/forms/{id}/{version}/schema.json", "/attachments", "/submissions",
                    "/submissions/{id}", "/rules/wohngeld/calculate", "/notices/verify", "/notices/{number}",
                    "/payments/webhooks/simulator",
                ])
        }
    }

    @Test("Health, readiness and Prometheus metrics")
    func operations() async throws {
        try await withApp(.sqlite) { client, services in
            #expect(try await client.get("/healthz").status == .ok)
            #expect(try await client.get("/readyz").status == .ok)
            _ = try await client.get("/api/v1/regions?q=Jena")
            try await services.jobs.enqueue(kind: "example")
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(metrics.text.contains(#"amtsweg_jobs{status="pending"} 1"#))
            #expect(metrics.text.contains("amtsweg_db_pool_connections"))
            #expect(metrics.text.contains("hb_requests"))
            #expect(metrics.text.contains("http_server_request_duration"))
        }
    }
}

@Suite("Several nodes")
struct SeveralNodesTests {
    @Test("Two nodes on one database serve the same data and share idempotency keys and caches", arguments: Backend.all)
    func twoNodes(backend: Backend) async throws {
        let test = try await TestDatabase.make(backend)
        let clock = ManualClock()
        do {
            try await withApp(backend, clock: clock, database: test) { nodeA, servicesA in
                try await withApp(backend, clock: clock, database: test) { nodeB, _ in
                    // the same reference data
                    let a = try await nodeA.get("/api/v1/authorities?ars=160530000000").text
                    let b = try await nodeB.get("/api/v1/authorities?ars=160530000000").text
                    #expect(a == b && a.contains("th-stadt-16053"))
                    // a change made through node A shows on node B's page
                    try await servicesA.authorities.updateContact(
                        id: "th-stadt-16053", contact: .init(email: "buergerservice@jena.example"),
                        openingHours: ["Mo–Fr 8–18 Uhr"], street: nil)
                    clock.advance(by: 2)
                    let page = try await nodeB.get("/gemeinden/160530000000").text
                    #expect(page.contains("Mo–Fr 8–18 Uhr"))
                    // a retried POST that lands on the other node gets the first answer
                    var headers: HTTPFields = [.contentType: "application/json"]
                    headers[HTTPField.Name("Idempotency-Key")!] = "node-hop"
                    let first = try await nodeA.post(
                        "/api/v1/barrier-reports", headers: headers, body: #"{"message":"a"}"#)
                    let retry = try await nodeB.post(
                        "/api/v1/barrier-reports", headers: headers, body: #"{"message":"a"}"#)
                    #expect(try first.json()["id"] as? String == retry.json()["id"] as? String)
                }
            }
        } catch {
            await test.drop()
            throw error
        }
        await test.drop()
    }
}
