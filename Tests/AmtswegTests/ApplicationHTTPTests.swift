import Accounts
import AmtswegServer
import Applications
import Catalog
import Crypto
import Forms
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing

@Suite("Online applications over HTTP")
struct ApplicationHTTPTests {
    typealias Browser = AccountHTTPTests.Browser

    /// The inverse of `Journey.read`: the form fields a person would post for a value.
    static func fields(_ ref: ElementRef, _ value: FormValue?, name: String, into out: inout [String: String]) {
        if ref.cardinality.isRepeatable {
            let items = value?.arrayValue ?? []
            out[name + "~count"] = String(items.count)
            for (i, item) in items.enumerated() { single(ref.element, item, name: "\(name).\(i)", into: &out) }
        } else if let value {
            single(ref.element, value, name: name, into: &out)
        }
    }

    static func single(_ element: Element, _ value: FormValue, name: String, into out: inout [String: String]) {
        switch element {
        case .group(let g):
            for child in g.children {
                fields(child, value[child.element.id], name: "\(name).\(child.element.id)", into: &out)
            }
        case .field(let f):
            if f.dataType == .date, let s = value.stringValue {
                let p = s.split(separator: "-")
                (out[name + "~year"], out[name + "~month"], out[name + "~day"]) = (
                    String(p[0]), String(p[1]), String(p[2])
                )
            } else if case .number(let n) = value {
                out[name] = "\(n)".replacingOccurrences(of: ".", with: ",")
            } else if case .bool(let b) = value {
                out[name] = b ? "true" : "false"
            } else if let s = value.stringValue {
                out[name] = s
            }
        }
    }

    /// Posts every step of a draft with `data`, as a person would; returns where the last step led.
    static func walk(
        _ client: any TestClientProtocol, _ browser: Browser, form: ApplicationForm, data: FormValue, from first: String
    ) async throws -> String {
        var location = first
        for (index, ref) in form.schema.children.enumerated() {
            let step = index + 1
            guard location.hasSuffix("/schritt/\(step)") else { continue }
            let page = try await client.get(location, headers: browser.header)
            #expect(page.status == .ok, "step \(step)")
            var posted: [String: String] = ["csrf_token": try AccountHTTPTests.token(page), "action": "next"]
            fields(ref, data[ref.element.id], name: ref.element.id, into: &posted)
            let answer = try await client.post(location, headers: browser.header, body: encode(posted))
            #expect(answer.status == .seeOther, "step \(step): \(answer.text.prefix(3000))")
            location = answer.headers[.location] ?? location
        }
        return location
    }

    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map {
            "\($0.key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }

    @Test("An anonymous applicant completes the parking permit: errors, resume cookie, check page, reference, inbox")
    func parkingJourney() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            let form = try #require(services.forms.form(id: "S05000058"))
            let sample = try ApplicationFormTests.sample()
            var browser = Browser()
            let start = try await client.get("/leistungen/99108001001000/antrag?ars=160530000000")
            #expect(start.status == .ok && start.text.contains("Antrag starten"))
            browser.take(start)
            let begin = try await client.post(
                "/leistungen/99108001001000/antrag", headers: browser.header,
                body: "csrf_token=\(try AccountHTTPTests.token(start))&ars=160530000000")
            #expect(begin.status == .seeOther)
            browser.take(begin)
            #expect(browser.cookies["aw_draft"] != nil)
            let first = try #require(begin.headers[.location])
            let draftPath = String(first.dropLast("/schritt/1".count))
            // Another browser cannot see the draft.
            #expect(try await client.get(first).status == .notFound)
            // An empty mandatory step: 422, error summary linked to the input, inline error.
            let page = try await client.get(first, headers: browser.header)
            #expect(page.status == .ok && page.text.contains("Schritt 1 von"))
            let consent = form.schema.children[0].element.id
            let empty = try await client.post(
                first, headers: browser.header, body: "csrf_token=\(try AccountHTTPTests.token(page))&action=next")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("class=\"error-summary\"") && empty.text.contains("href=\"#\(consent)\""))
            #expect(empty.text.contains("id=\"\(consent)-error\""))
            // Every step with the sample's values; each continues to the next.
            let location = try await Self.walk(client, browser, form: form, data: sample, from: first)
            #expect(location == draftPath + "/pruefen")
            let check = try await client.get(location, headers: browser.header)
            #expect(check.status == .ok && check.text.contains("Angaben prüfen"))
            let plate = try #require(sample["G05000477"]?["F05000627"]?.stringValue)
            #expect(check.text.contains(plate))
            let sent = try await client.post(
                draftPath + "/absenden", headers: browser.header,
                body: "csrf_token=\(try AccountHTTPTests.token(check))")
            #expect(sent.status == .seeOther)
            let confirmation = try await client.get(try #require(sent.headers[.location]), headers: browser.header)
            #expect(confirmation.status == .ok)
            let reference = String(try #require(confirmation.text.firstMatch(of: /AW-\d{4}-[0-9A-Z-]{14}/)?.0))
            // The draft is gone; the submission is stored with the data as entered.
            #expect(try await client.get(first, headers: browser.header).status == .notFound)
            let id = String(try #require(sent.headers[.location]?.split(separator: "/").last))
            let stored = try #require(try await services.submissions.find(id: id))
            #expect(stored.reference == reference && stored.authorityId == "th-stadt-16053")
            #expect(try FormValue.parse(Data(stored.data.utf8)) == sample)
            #expect(stored.accountId == nil && stored.receiptHash != nil)
            // Without the cookie, the receipt is not shown.
            #expect(try await client.get("/antraege/eingereicht/\(id)/quittung").status == .notFound)
            let receipt = try await client.get("/antraege/eingereicht/\(id)/quittung", headers: browser.header)
            #expect(receipt.status == .ok && receipt.text.contains(reference) && receipt.text.contains(plate))
            // The clerk of Jena sees it; a clerk of another authority does not.
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let jena = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "clerk@jena.example", authority: "th-stadt-16053", roles: [.clerk])
            let inbox = try await client.get("/behoerde/eingang", headers: jena.header)
            #expect(inbox.status == .ok && inbox.text.contains(reference))
            #expect(try await client.get("/behoerde/eingang/\(id)", headers: jena.header).status == .ok)
            let gera = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "clerk@gera.example", authority: "th-stadt-16052", roles: [.clerk])
            #expect(try await client.get("/behoerde/eingang/\(id)", headers: gera.header).status == .notFound)
            #expect(!(try await client.get("/behoerde/eingang", headers: gera.header).text.contains(reference)))
        }
    }

    @Test("Wohngeld needs a login at 'substantial'; a signed-in applicant's draft is theirs alone")
    func wohngeldNeedsLogin() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            var anonymous = Browser()
            let start = try await client.get("/leistungen/99107023037000/antrag?ars=160530000000")
            anonymous.take(start)
            let begin = try await client.post(
                "/leistungen/99107023037000/antrag", headers: anonymous.header,
                body: "csrf_token=\(try AccountHTTPTests.token(start))&ars=160530000000")
            #expect(begin.status == .seeOther)
            #expect(begin.headers[.location]?.hasPrefix("/anmelden?level=substantial") == true)
            // Logged in at "low" (user name and password): sent to a step-up login at "substantial".
            var lowLevel = Browser()
            let loginForm = try await client.get("/anmelden/test-eid", headers: lowLevel.header)
            lowLevel.take(loginForm)
            let low = try await client.post(
                "/anmelden/test-eid", headers: lowLevel.header,
                body: "csrf_token=\(try AccountHTTPTests.token(loginForm))&person=erika&level=low&next=%2Fkonto")
            lowLevel.take(low)
            let lowPage = try await client.get(
                "/leistungen/99107023037000/antrag?ars=160530000000", headers: lowLevel.header)
            let stepUp = try await client.post(
                "/leistungen/99107023037000/antrag", headers: lowLevel.header,
                body: "csrf_token=\(try AccountHTTPTests.token(lowPage))&ars=160530000000")
            #expect(stepUp.status == .seeOther)
            #expect(stepUp.headers[.location]?.hasPrefix("/anmelden?level=substantial") == true)
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let page = try await client.get("/leistungen/99107023037000/antrag?ars=160530000000", headers: erika.header)
            let mine = try await client.post(
                "/leistungen/99107023037000/antrag", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&ars=160530000000")
            let step = try #require(mine.headers[.location])
            // Once-only: the consent step comes before the form.
            #expect(step.hasSuffix("/einwilligung"))
            #expect(try await client.get(step, headers: erika.header).status == .ok)
            var max = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &max, person: "max")
            #expect(try await client.get(step, headers: max.header).status == .notFound)
            // …nor change it: a post to Erika's step is answered 404 and changes nothing.
            let maxPage = try await client.get("/konto", headers: max.header)
            let change = try await client.post(
                step, headers: max.header,
                body: "csrf_token=\(try AccountHTTPTests.token(maxPage))&action=next&G99100001.F05000059=Beispiel")
            #expect(change.status == .notFound)
            let draftID = String(step.split(separator: "/")[1])
            let stored = try await DraftStore(database: services.database, clock: services.clock).find(id: draftID)
            #expect(stored?.data == "{}")
            let list = try await client.get("/konto/antraege", headers: erika.header)
            #expect(list.status == .ok && list.text.contains("Wohngeld"))
        }
    }

    @Test("API: client credentials, a submission, a replay with the same Idempotency-Key, its status, problems")
    func submissionAPI() async throws {
        try await withApp(.sqlite) { client, services in
            let (apiClient, secret) = try await APIClientStore(database: services.database, clock: services.clock)
                .create(
                    name: "Fachverfahren", scopes: ["submissions:write", "submissions:read"],
                    services: ["99108001001000"])
            let basic = Data("\(apiClient.id):\(secret)".utf8).base64EncodedString()
            let tokenAnswer = try await client.post(
                "/api/v1/oauth/token",
                headers: [.contentType: "application/x-www-form-urlencoded", .authorization: "Basic \(basic)"],
                body: "grant_type=client_credentials")
            #expect(tokenAnswer.status == .ok)
            let token = try #require(try tokenAnswer.json()["access_token"] as? String)
            let wrong = try await client.post(
                "/api/v1/oauth/token", headers: [.contentType: "application/x-www-form-urlencoded"],
                body: "grant_type=client_credentials&client_id=\(apiClient.id)&client_secret=nope")
            #expect(wrong.status == .unauthorized)
            let sample = try ApplicationFormTests.sample()
            let hash = SHA512.hash(data: sample.jsonData()).map { String(format: "%02x", $0) }.joined()
            let destination = "66b5ad44-6d3a-5b5f-9b32-7c6a3c3a3c3a"
            func body(destination: String) -> String {
                let envelope: FormValue = [
                    "destinationId": .string(destination), "ars": "160530000000",
                    "metadata": [
                        "contentStructure": [
                            "data": [
                                "hash": ["type": "sha512", "content": .string(hash)],
                                "submissionSchema": [
                                    "schemaUri": "http://127.0.0.1:8080/api/v1/forms/S05000058/1.0/schema.json",
                                    "mimeType": "application/json",
                                ],
                            ],
                            "attachments": [],
                        ],
                        "publicServiceType": ["identifier": "urn:de:fim:leika:leistung:99108001001000"],
                    ],
                    "data": sample,
                ]
                return envelope.jsonString()
            }
            var headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
            // The destination must be the responsible authority's (the routing API's answer).
            let misrouted = try await client.post(
                "/api/v1/submissions", headers: headers, body: body(destination: destination))
            #expect(misrouted.status == .unprocessableContent && misrouted.text.contains("/destinationId"))
            let route = try await client.get("/api/v1/routes?leikaKey=99108001001000&ars=160530000000")
            let routes = try #require(try route.json()["routes"] as? [[String: Any]])
            let destinationID = try #require(routes.first?["destinationId"] as? String)
            headers[HTTPField.Name("Idempotency-Key")!] = "retry-1"
            let created = try await client.post(
                "/api/v1/submissions", headers: headers, body: body(destination: destinationID))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(try created.json()["submissionId"] as? String)
            let replay = try await client.post(
                "/api/v1/submissions", headers: headers, body: body(destination: destinationID))
            let replayedID = try replay.json()["submissionId"] as? String
            #expect(replay.status == .created && replayedID == id)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await services.submissions.count() == 1)
            let status = try await client.get("/api/v1/submissions/\(id)", headers: headers)
            #expect(status.status == .ok)
            let events = try #require(try status.json()["events"] as? [[String: Any]])
            #expect(events.compactMap { $0["kind"] as? String } == ["received", "routed"])
            // No token, malformed JSON, unknown data field: problem documents.
            #expect(try await client.get("/api/v1/submissions/\(id)").status == .unauthorized)
            let malformed = try await client.post("/api/v1/submissions", headers: headers, body: "{\"destinationId\":")
            #expect(malformed.status == .badRequest && malformed.headers[.contentType] == "application/problem+json")
            headers[HTTPField.Name("Idempotency-Key")!] = nil
            let extra = body(destination: destinationID).replacingOccurrences(
                of: "\"data\":{", with: "\"data\":{\"F99999999\":\"x\",")
            let unknown = try await client.post("/api/v1/submissions", headers: headers, body: extra)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("/metadata/contentStructure/data/hash/content"))
        }
    }
}

@Suite("File uploads in the application journey")
struct ApplicationUploadTests {
    typealias Browser = AccountHTTPTests.Browser

    static func multipart(_ fields: [String: String], file: (name: String, filename: String, type: String, data: Data))
        -> (String, ByteBuffer)
    {
        let boundary = "----amtsweg-test-boundary"
        var body = Data()
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.append(
                Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.type)\r\n\r\n"
                    .utf8))
        body.append(file.data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(bytes: body))
    }

    @Test("A file that is not what it claims is refused at its field; a real PDF is stored as a document")
    func uploads() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let start = try await client.get(
                "/leistungen/99107023037000/antrag?ars=160530000000", headers: erika.header)
            let begin = try await client.post(
                "/leistungen/99107023037000/antrag", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(start))&ars=160530000000")
            let first = try #require(begin.headers[.location])
            // Wohngeld starts at the once-only consent step (/antraege/ID/einwilligung).
            let draftPath = "/antraege/\(first.split(separator: "/")[1])"
            let form = try #require(services.forms.form(id: "S99100001"))
            let step = try #require(Journey(form: form).step(of: "G99100006"))
            let url = "\(draftPath)/schritt/\(step)"
            let page = try await client.get(url, headers: erika.header)
            #expect(page.status == .ok && page.text.contains("enctype=\"multipart/form-data\""))
            let fields = ["csrf_token": try AccountHTTPTests.token(page), "action": "next"]
            // A text file named .pdf and declared as PDF: refused by its bytes.
            let (type, fake) = Self.multipart(
                fields, file: ("G99100006.F99100022", "mietvertrag.pdf", "application/pdf", Data("not a pdf".utf8)))
            var headers = erika.header
            headers[.contentType] = type
            let refused = try await client.execute(uri: url, method: .post, headers: headers, body: fake)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("href=\"#G99100006.F99100022\"") && refused.text.contains("PDF"))
            // A real PDF is stored (owned by the applicant) and kept in the draft.
            let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
            let (type2, real) = Self.multipart(
                fields, file: ("G99100006.F99100022", "mietvertrag.pdf", "application/pdf", pdf))
            headers[.contentType] = type2
            let stored = try await client.execute(uri: url, method: .post, headers: headers, body: real)
            #expect(stored.status == .unprocessableContent)  // the other fields of the step are still missing
            #expect(!stored.text.contains("href=\"#G99100006.F99100022\""))
            #expect(stored.text.contains("Eine Datei ist hochgeladen"))
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let owner = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann")
            let documents = try await services.documents.list(owner: .account(owner.id))
            #expect(documents.count == 1 && documents.first?.contentType == "application/pdf")
        }
    }
}

@Suite("Electronic replacement of the written form (§ 3a Abs. 2 ThürVwVfG)")
struct WrittenFormTests {
    typealias Browser = AccountHTTPTests.Browser

    /// The seed catalogue with Wohngeld marked as requiring the written form (a test catalogue file).
    static func catalogFile() throws -> String {
        var root = try #require(JSONSerialization.jsonObject(with: ServiceCatalog.seed.export()) as? [String: Any])
        var services = try #require(root["services"] as? [[String: Any]])
        let index = try #require(services.firstIndex { $0["leika"] as? String == "99107023037000" })
        services[index]["writtenForm"] = "§ 1 Testgesetz"
        root["services"] = services
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: root).write(to: path)
        return path.path
    }

    @Test("A service that requires the written form asks for 'high'; the receipt says the form is replaced only then")
    func writtenForm() async throws {
        let path = try Self.catalogFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withApp(
            .sqlite,
            configure: {
                $0.demo = true; $0.catalogPath = path
            }
        ) { client, services in
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")  // substantial
            let page = try await client.get("/leistungen/99107023037000/antrag?ars=160530000000", headers: erika.header)
            #expect(page.text.contains("hoch"))
            let start = try await client.post(
                "/leistungen/99107023037000/antrag", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&ars=160530000000")
            #expect(start.headers[.location]?.hasPrefix("/anmelden?level=high") == true)
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let owner = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann")
            func submit(level: String) async throws -> String {
                let outcome = try await services.submissions.accept(
                    SubmissionStore.New(
                        formID: "S99100001", formVersion: "1.0", leika: "99107023037000", authorityID: "th-stadt-16053",
                        ars: "160530000000", accountID: owner.id, trustLevel: level, data: "{}"))
                guard case .created(let s) = outcome else { throw CancellationError() }
                return s.id
            }
            let high = try await submit(level: "high")
            let receipt = try await client.get("/antraege/eingereicht/\(high)/quittung", headers: erika.header)
            #expect(receipt.status == .ok && receipt.text.contains("data-written-form"))
            #expect(receipt.text.contains("§ 3a Abs. 2 ThürVwVfG") && receipt.text.contains("§ 1 Testgesetz"))
            let confirmation = try await client.get("/antraege/eingereicht/\(high)?lang=en", headers: erika.header)
            #expect(confirmation.text.contains("replaces the written form"))
            // Another citizen gets 404 for Erika's submission, and no data.
            var max = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &max, person: "max")
            let foreign = try await client.get("/antraege/eingereicht/\(high)/quittung", headers: max.header)
            #expect(foreign.status == .notFound && !foreign.text.contains("data-reference"))
            let substantial = try await submit(level: "substantial")
            let plain = try await client.get("/antraege/eingereicht/\(substantial)/quittung", headers: erika.header)
            #expect(plain.status == .ok && !plain.text.contains("data-written-form"))
        }
    }
}

@Suite("Outbox attachments")
struct OutboxAttachmentTests {
    @Test("A clerk sends a message with a PDF from the outbox page; a file that is not one is refused")
    func outboxAttachment() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let clerk = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "clerk@jena.example", authority: "th-stadt-16053", roles: [.clerk])
            let erika = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann")
            let page = try await client.get("/behoerde/postausgang", headers: clerk.header)
            #expect(page.status == .ok && page.text.contains("enctype=\"multipart/form-data\""))
            let fields = [
                "csrf_token": try AccountHTTPTests.token(page), "recipient": erika.id, "subject": "Bescheid",
                "body": "Anbei Ihr Bescheid.",
            ]
            var headers = clerk.header
            let (type1, fake) = ApplicationUploadTests.multipart(
                fields, file: ("attachment", "bescheid.pdf", "application/pdf", Data("kein PDF".utf8)))
            headers[.contentType] = type1
            let refused = try await client.execute(
                uri: "/behoerde/postausgang", method: .post, headers: headers, body: fake)
            #expect(refused.status == .unprocessableContent && refused.text.contains("href=\"#attachment\""))
            let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
            let (type2, real) = ApplicationUploadTests.multipart(
                fields, file: ("attachment", "bescheid.pdf", "application/pdf", pdf))
            headers[.contentType] = type2
            let sent = try await client.execute(
                uri: "/behoerde/postausgang", method: .post, headers: headers, body: real)
            #expect(sent.status == .ok)
            let messages = try await services.mailbox.list(owner: erika.id)
            let message = try #require(messages.first { $0.subject == "Bescheid" })
            let attachments = try await services.mailbox.attachments(of: message.id, owner: erika.id)
            #expect(attachments.count == 1 && attachments.first?.contentType == "application/pdf")
        }
    }
}

@Suite("Acting for someone else")
struct ActingForTests {
    typealias Browser = AccountHTTPTests.Browser

    static func start(
        _ client: any TestClientProtocol, _ browser: Browser, leika: String = "99108001001000", _ extra: String
    ) async throws -> TestResponse {
        let page = try await client.get("/leistungen/\(leika)/antrag?ars=160530000000", headers: browser.header)
        return try await client.post(
            "/leistungen/\(leika)/antrag", headers: browser.header,
            body: "csrf_token=\(try AccountHTTPTests.token(page))&ars=160530000000&\(extra)")
    }

    @Test("A parent applies for a child without an account; an agent for a principal; the receipt and inbox say so")
    func actingFor() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let mandates = MandateStore(database: services.database, clock: services.clock)
            let drafts = DraftStore(database: services.database, clock: services.clock)
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            var max = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &max, person: "max")
            let erikaID = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann").id
            let maxID = try await accounts.citizen(subject: "test-eid:max", displayName: "Max Beispiel").id
            guard
                case .granted(let mandateID) = try await mandates.grant(
                    principal: maxID, agent: erikaID, kind: .attorney, validUntil: nil)
            else {
                Issue.record("mandate not granted")
                return
            }
            let page = try await client.get("/leistungen/99108001001000/antrag?ars=160530000000", headers: erika.header)
            #expect(page.text.contains("value=\"mandate:\(mandateID)\"") && page.text.contains("Max Beispiel"))
            // For the principal: the draft records whom it is for.
            let forMax = try await Self.start(client, erika, "for=mandate%3A\(mandateID)")
            #expect(forMax.status == .seeOther)
            let maxDraft = try #require(try await drafts.drafts(ofAccount: erikaID).first)
            #expect(
                ActingFor.decode(maxDraft.actingFor)
                    == ActingFor(kind: .mandate, name: "Max Beispiel", mandateID: mandateID, principalAccountID: maxID))
            // A mandate Erika does not hold is refused; so is a child without name or with a wrong date.
            let foreign = try await Self.start(client, max, "for=mandate%3A\(mandateID)")
            #expect(foreign.status == .unprocessableContent && foreign.text.contains("href=\"#for\""))
            let noName = try await Self.start(
                client, erika, "for=child&child_birth~day=3&child_birth~month=4&child_birth~year=2015")
            #expect(noName.status == .unprocessableContent && noName.text.contains("href=\"#child_name\""))
            let adult = try await Self.start(
                client, erika, "for=child&child_name=Mia&child_birth~day=3&child_birth~month=4&child_birth~year=1990")
            #expect(adult.status == .unprocessableContent && adult.text.contains("href=\"#child_birth\""))
            // For a child: completed and sent; the receipt and the clerk's view show for whom, and by whom.
            let forChild = try await Self.start(
                client, erika,
                "for=child&child_name=Mia+Mustermann&child_birth~day=3&child_birth~month=4&child_birth~year=2015")
            let first = try #require(forChild.headers[.location])
            let form = try #require(services.forms.form(id: "S05000058"))
            let check = try await ApplicationHTTPTests.walk(
                client, erika, form: form, data: try ApplicationFormTests.sample(), from: first)
            let checkPage = try await client.get(check, headers: erika.header)
            let sent = try await client.post(
                String(check.dropLast("/pruefen".count)) + "/absenden", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(checkPage))")
            let id = String(try #require(sent.headers[.location]?.split(separator: "/").last))
            let stored = try #require(try await services.submissions.find(id: id))
            #expect(ActingFor.decode(stored.actingFor)?.name == "Mia Mustermann" && SubmissionStore.verify(stored))
            let receipt = try await client.get("/antraege/eingereicht/\(id)/quittung", headers: erika.header)
            #expect(receipt.text.contains("data-acting-for") && receipt.text.contains("Mia Mustermann"))
            #expect(receipt.text.contains("03.04.2015") && receipt.text.contains("Erika Mustermann"))
            let clerk = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "clerk@jena.example", authority: "th-stadt-16053", roles: [.clerk])
            let item = try await client.get("/behoerde/eingang/\(id)", headers: clerk.header)
            #expect(item.text.contains("Mia Mustermann") && item.text.contains("Erika Mustermann"))
            // The principal revokes the mandate: Erika's draft for Max can no longer be sent.
            #expect(try await mandates.revoke(id: mandateID, principal: maxID))
            let maxCheck = "/antraege/\(maxDraft.id)/pruefen"
            let maxCheckPage = try await client.get(maxCheck, headers: erika.header)
            let refused = try await client.post(
                "/antraege/\(maxDraft.id)/absenden", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(maxCheckPage))")
            #expect(refused.status == .unprocessableContent)
        }
    }
}
