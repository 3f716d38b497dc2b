import AmtswegServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Wohngeld over HTTP: the calculation API and the public calculator")
struct RulesHTTPTests {
    static let household = """
        {"id":"h1","stichtag":"2025-03-01","ars":"160530000000","wohnkosten":{"art":"miete","betrag":"600"},
         "mitglieder":[{"rolle":"antragsteller","jahreseinkommen":"14000","zahltKrankenPflegeversicherung":true,
         "zahltRentenversicherung":true}]}
        """

    func post(_ client: any TestClientProtocol, _ body: String, type: String = "application/json") async throws
        -> TestResponse
    {
        try await client.execute(
            uri: "/api/v1/rules/wohngeld/calculate", method: .post, headers: [.contentType: type],
            body: ByteBuffer(string: body))
    }

    @Test("One household: the amount, the Mietstufe from the municipality, the trace with norms")
    func calculate() async throws {
        try await withApp(.sqlite) { client, _ in
            let r = try await post(client, Self.household)
            #expect(r.status == .ok)
            let json = try r.json()
            #expect(json["id"] as? String == "h1")
            #expect(json["mietstufe"] as? Int == 3)
            #expect(json["status"] as? String == "anspruch")
            let betrag = try #require(json["betrag"] as? Int)
            #expect(betrag > 0)
            let trace = try #require(json["trace"] as? [[String: Any]])
            #expect(trace.contains { ($0["norm"] as? String)?.contains("§ 19") == true })
            // The same household with a higher income never gets more.
            let richer = try await post(client, Self.household.replacingOccurrences(of: "14000", with: "20000")).json()
            #expect((richer["betrag"] as? Int ?? .max) <= betrag)
        }
    }

    @Test("Bad input: problem documents with pointers, never a 500")
    func problems() async throws {
        try await withApp(.sqlite) { client, _ in
            let wrongType = try await post(client, Self.household, type: "text/plain")
            #expect(wrongType.status == .unsupportedMediaType)
            let malformed = try await post(client, "{not json")
            #expect(malformed.status == .badRequest)
            #expect(malformed.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let cases: [(String, String)] = [
                (Self.household.replacingOccurrences(of: "\"600\"", with: "\"sechshundert\""), "/wohnkosten/betrag"),
                (Self.household.replacingOccurrences(of: "160530000000", with: "091620000000"), "/ars"),
                (
                    Self.household.replacingOccurrences(of: "\"rolle\":\"antragsteller\"", with: "\"rolle\":\"chef\""),
                    "/mitglieder/0/rolle"
                ),
                (
                    #"{"stichtag":"2025-03-01","mietstufe":3,"wohnkosten":{"art":"miete","betrag":"1"},"mitglieder":[]}"#,
                    "/mitglieder"
                ),
                (
                    #"{"stichtag":"2025-03-01","mietstufe":9,"wohnkosten":{"art":"miete","betrag":"1"},"mitglieder":[{"rolle":"kind"}]}"#,
                    "/mietstufe"
                ),
                (
                    #"{"mietstufe":3,"wohnkosten":{"art":"miete","betrag":"1"},"mitglieder":[{"rolle":"kind"}]}"#,
                    "/stichtag"
                ),
            ]
            for (body, pointer) in cases {
                let r = try await post(client, body)
                #expect(r.status == .unprocessableContent, "\(pointer)")
                let errors = try r.json()["errors"] as? [[String: Any]]
                #expect(errors?.first?["pointer"] as? String == pointer, "\(body)")
            }
        }
    }

    @Test("The calculator page: an estimate without login, errors linked to their fields, nothing stored")
    func calculator() async throws {
        try await withApp(.sqlite) { client, services in
            let empty = try await client.get("/wohngeldrechner")
            #expect(empty.status == .ok && empty.text.contains("Wohngeldrechner"))
            let bad = try await client.get("/wohngeldrechner?berechnen=1&gemeinde=&miete=viel&personen=0&einkommen=")
            #expect(bad.status == .unprocessableContent)
            for field in ["gemeinde", "miete", "personen", "einkommen"] {
                #expect(bad.text.contains("href=\"#\(field)\"") && bad.text.contains("id=\"\(field)-error\""))
            }
            let jobsBefore = try await services.jobs.counts()
            let ok = try await client.get(
                "/wohngeldrechner?berechnen=1&gemeinde=160530000000&miete=600&personen=1&einkommen=14.000&kv=1&rv=1")
            #expect(ok.status == .ok)
            let api = try await post(client, Self.household).json()
            let amount = try #require(api["betrag"] as? Int)
            #expect(ok.text.contains("<strong>\(amount) €</strong>"), "the page and the API agree")
            #expect(ok.text.contains("III"))
            #expect(ok.text.contains("/leistungen/99107023037000/antrag?ars=160530000000"))
            #expect(try await services.jobs.counts() == jobsBefore)
            let english = try await client.get(
                "/wohngeldrechner?lang=en&berechnen=1&gemeinde=160530000000&miete=600.00&personen=1&einkommen=14000&kv=1&rv=1"
            )
            #expect(english.status == .ok && english.text.contains("<strong>\(amount) €</strong>"))
        }
    }
}
