import Foundation
import HTTPTypes
import HummingbirdTesting
import Storage
import Testing

@Suite("Assistant over HTTP")
struct AssistantHTTPTests {
    @Test("The page answers a form post with quoted sources, logs no personal data and takes a rating")
    func page() async throws {
        try await withApp(.sqlite) { client, services in
            let form = try await client.get("/assistent")
            #expect(form.status == .ok)
            let cookie = String(try #require(form.headers[.setCookie]).split(separator: ";")[0])
            let token = try #require(form.text.firstMatch(of: /name="csrf_token" value="([^"]+)"/)?.1)
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            #expect(
                try await client.post("/assistent", headers: headers, body: "question=Personalausweis").status
                    == .forbidden)
            // an empty question and an unknown place: errors linked to their fields
            let invalid = try await client.post(
                "/assistent", headers: headers, body: "csrf_token=\(token)&question=+&ort=Atlantis")
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains(##"<a href="#question">"##) && invalid.text.contains(##"<a href="#ort">"##))
            // a question answered for Jena
            let answer = try await client.post(
                "/assistent", headers: headers,
                body: "csrf_token=\(token)&question=Was+kostet+ein+Reisepass%3F&ort=07743")
            #expect(answer.status == .ok)
            #expect(answer.text.contains(#"href="/leistungen/99085001012000?ars=160530000000""#))
            #expect(answer.text.contains("Die Gebühr beträgt"))
            let id = try #require(answer.text.firstMatch(of: /name="id" value="([^"]+)"/)?.1)
            let logged = try #require(
                try await services.assistantLog.entry(id: String(id)))
            #expect(logged.outcome == "service" && logged.leika == "99085001012000")
            #expect(logged.askedAt.count == 10, "day precision only")
            // a question with a name and an address in it: none of it reaches the log
            let personal = try await client.post(
                "/assistent", headers: headers,
                body: "csrf_token=\(token)&question=Ich+bin+Erika+Mustermann%2C+Lindenweg+12%3A+Reisepass+Kosten%3F")
            let personalID = try #require(personal.text.firstMatch(of: /name="id" value="([^"]+)"/)?.1)
            let terms = try #require(
                try await services.assistantLog.entry(id: String(personalID))
            ).terms
            for word in ["erika", "mustermann", "linden", "12"] { #expect(!terms.contains(word), "\(terms)") }
            // rating
            let rated = try await client.post(
                "/assistent/bewertung", headers: headers, body: "csrf_token=\(token)&id=\(id)&helpful=yes")
            #expect(rated.status == .seeOther && rated.headers[.location] == "/assistent/danke")
            let after = try await services.assistantLog.entry(id: String(id))
            #expect(after?.helpful == true)
        }
    }

    @Test("A question outside the catalogue gets the hand-over to 115 and the local administration")
    func handover() async throws {
        try await withApp(.sqlite) { client, _ in
            let response = try await client.post(
                "/api/v1/assistant", headers: [.contentType: "application/json"],
                body: #"{"question":"Wann kommt die Müllabfuhr?","ars":"160530000000"}"#)
            #expect(response.status == .ok)
            let body = try response.json()
            #expect(body["kind"] as? String == "handover")
            let handover = try #require(body["handover"] as? [String: Any])
            #expect(handover["phone"] as? String == "115")
            #expect((handover["authority"] as? [String: Any])?["name"] as? String == "Stadtverwaltung Jena")
        }
    }

    @Test("The API answers with sources, takes one rating per answer, and rejects bad input with problems")
    func api() async throws {
        try await withApp(.sqlite) { client, _ in
            let json: HTTPFields = [.contentType: "application/json"]
            let response = try await client.post(
                "/api/v1/assistant", headers: json,
                body: #"{"question":"How much does a passport cost?","language":"en"}"#)
            let body = try response.json()
            #expect(body["kind"] as? String == "service")
            let statements = try #require(body["statements"] as? [[String: Any]])
            #expect(
                statements.allSatisfy {
                    (($0["source"] as? [String: Any])?["url"] as? String)?.hasPrefix("/leistungen/99085001012") == true
                })
            let id = try #require(body["id"] as? String)
            let first = try await client.post(
                "/api/v1/assistant/feedback", headers: json, body: #"{"id":"\#(id)","helpful":false}"#)
            #expect(first.status == .noContent)
            let again = try await client.post(
                "/api/v1/assistant/feedback", headers: json, body: #"{"id":"\#(id)","helpful":true}"#)
            #expect(again.status == .conflict)
            let unknown = try await client.post(
                "/api/v1/assistant/feedback", headers: json, body: #"{"id":"nope","helpful":true}"#)
            #expect(unknown.status == .notFound)
            for (body, status) in [
                (#"{"question":""}"#, 422), (#"{"question":"x","language":"fr"}"#, 422),
                (#"{"question":"x","ars":"123"}"#, 422),
                ("not json", 400), (#"{"id":"x"}"#, 422),
            ] {
                let path = body.contains("\"id\"") ? "/api/v1/assistant/feedback" : "/api/v1/assistant"
                let bad = try await client.post(path, headers: json, body: body)
                #expect(Int(bad.status.code) == status, "\(body)")
                #expect(bad.headers[.contentType] == "application/problem+json")
            }
            let wrongType = try await client.post("/api/v1/assistant", headers: [.contentType: "text/plain"], body: "x")
            #expect(wrongType.status == .unsupportedMediaType)
        }
    }
}
