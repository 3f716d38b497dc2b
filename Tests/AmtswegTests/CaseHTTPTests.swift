import AmtswegServer
import Cases
import Forms
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Notices
import SQLKit
import Storage
import Testing

@Suite("Case processing over HTTP")
struct CaseHTTPTests {
    typealias Browser = AccountHTTPTests.Browser

    static func citizenID(_ services: AppServices) async throws -> String {
        try #require(
            try await services.database.read { db in
                try await db.raw(
                    "SELECT id FROM accounts WHERE kind = 'citizen' ORDER BY created_at DESC, id DESC LIMIT 1"
                )
                .first(decodingColumn: "id", as: String.self)
            })
    }

    func upload(
        _ client: any TestClientProtocol, _ url: String, _ browser: Browser, token: String, name: String,
        data: Data, fields: [String: String] = [:]
    ) async throws -> TestResponse {
        var all = fields
        all["csrf_token"] = token
        let (type, body) = ApplicationUploadTests.multipart(all, file: (name, "nachweis.pdf", "application/pdf", data))
        var headers = browser.header
        headers[.contentType] = type
        return try await client.execute(uri: url, method: .post, headers: headers, body: body)
    }

    @Test("The whole story: submit, inbox, request documents, upload, approve; the applicant sees status and message")
    func story() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let erikaID = try await Self.citizenID(services)
            var max = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &max, person: "max")
            let attachment = try await services.documents.store(
                Data("%PDF-1.7 Fahrzeugschein".utf8), filename: "fahrzeugschein.pdf", contentType: "application/pdf",
                owner: .account(erikaID))
            let outcome = try await services.submissions.accept(
                .init(
                    formID: "S05000058", formVersion: "1.0", leika: "99108001001000", authorityID: "th-stadt-16053",
                    ars: "160530000000", accountID: erikaID, data: "{}",
                    documents: [(attachment.id, "/G1/fahrzeugschein")]))
            guard case .created(let submission) = outcome else {
                Issue.record("not created")
                return
            }
            let caseID = try #require(
                try await services.database.read { db in
                    try await db.raw("SELECT id FROM cases WHERE submission_id = \(bind: submission.id)")
                        .first(decodingColumn: "id", as: String.self)
                })
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let jena = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "sb@jena.example", authority: "th-stadt-16053", roles: [.clerk])
            let gera = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "sb@gera.example", authority: "th-stadt-16052", roles: [.clerk])
            let erfurt = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "sb@erfurt.example", authority: "th-stadt-16051", roles: [.clerk])
            let admin = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "admin@jena.example", authority: "th-stadt-16053", roles: [.authorityAdmin])

            // The inbox of the responsible authority lists it; another authority's does not.
            let inbox = try await client.get("/behoerde/vorgaenge", headers: jena.header)
            #expect(inbox.status == .ok)
            #expect(inbox.text.contains("/behoerde/vorgaenge/\(caseID)"))
            #expect(!(try await client.get("/behoerde/vorgaenge", headers: gera.header).text.contains(caseID)))
            // Who may not: anonymous (to the staff login), a citizen and an administrator without the clerk role (403),
            // a clerk of another authority (404).
            #expect(try await client.get("/behoerde/vorgaenge").status == .seeOther)
            #expect(try await client.get("/behoerde/vorgaenge", headers: erika.header).status == .forbidden)
            #expect(try await client.get("/behoerde/vorgaenge", headers: admin.header).status == .forbidden)
            #expect(try await client.get("/behoerde/vorgaenge/\(caseID)", headers: gera.header).status == .notFound)
            #expect(
                try await client.get("/behoerde/vorgaenge/\(caseID)/export.zip", headers: gera.header).status
                    == .notFound)

            var page = try await client.get("/behoerde/vorgaenge/\(caseID)", headers: jena.header)
            #expect(page.status == .ok && page.text.contains("Vollständigkeit prüfen"))
            // The application's attachment is in the file; only the case's staff download it.
            #expect(page.text.contains("Anlage zum Antrag (/G1/fahrzeugschein)"))
            let attachmentURL = "/behoerde/vorgaenge/\(caseID)/anlage/\(attachment.id)"
            let fetched = try await client.get(attachmentURL, headers: jena.header)
            #expect(fetched.status == .ok && fetched.text == "%PDF-1.7 Fahrzeugschein")
            #expect(try await client.get(attachmentURL, headers: gera.header).status == .notFound)
            // No CSRF token: refused.
            #expect(
                try await client.post(
                    "/behoerde/vorgaenge/\(caseID)/pruefen", headers: jena.header, body: "complete=yes"
                ).status == .forbidden)
            // Incomplete without saying what is missing: 422 with the error linked to its field.
            var post = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/pruefen", headers: jena.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&complete=no&request=&days=14")
            #expect(post.status == .unprocessableContent)
            #expect(post.text.contains("href=\"#request\"") && post.text.contains("id=\"request-error\""))
            post = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/pruefen", headers: jena.header,
                body:
                    "csrf_token=\(try AccountHTTPTests.token(page))&complete=no&request=Bitte+den+Mietvertrag+hochladen.&days=14"
            )
            #expect(post.status == .seeOther)
            #expect(try await services.cases.record(caseID)?.status == .awaitingApplicant)

            // The applicant: the message with the link, the case page with the request and upload.
            let box = try await client.get("/konto/postfach", headers: erika.header)
            #expect(box.text.contains("Unterlagen fehlen"))
            let mine = try await client.get("/konto/vorgaenge", headers: erika.header)
            #expect(mine.status == .ok && mine.text.contains("/konto/vorgaenge/\(caseID)"))
            let casePage = try await client.get("/konto/vorgaenge/\(caseID)", headers: erika.header)
            #expect(
                casePage.status == .ok && casePage.text.contains("Mietvertrag")
                    && casePage.text.contains("id=\"unterlagen\""))
            #expect(try await client.get("/konto/vorgaenge/\(caseID)", headers: max.header).status == .notFound)
            #expect(!(try await client.get("/konto/vorgaenge", headers: max.header).text.contains(caseID)))
            // A file that is not a PDF/JPG/PNG: the error is shown at the field.
            let bad = try await upload(
                client, "/konto/vorgaenge/\(caseID)/unterlagen", erika, token: try AccountHTTPTests.token(casePage),
                name: "documents", data: Data("MZ not a pdf".utf8))
            #expect(bad.status == .unprocessableContent && bad.text.contains("href=\"#documents\""))
            // Max cannot upload into Erika's case.
            let maxPage = try await client.get("/konto", headers: max.header)
            let foreign = try await upload(
                client, "/konto/vorgaenge/\(caseID)/unterlagen", max, token: try AccountHTTPTests.token(maxPage),
                name: "documents", data: Data("%PDF-1.7 x".utf8))
            #expect(foreign.status == .notFound)
            let good = try await upload(
                client, "/konto/vorgaenge/\(caseID)/unterlagen", erika, token: try AccountHTTPTests.token(casePage),
                name: "documents", data: Data("%PDF-1.7 Mietvertrag".utf8))
            #expect(good.status == .seeOther)
            #expect(try await services.cases.record(caseID)?.status == .received)

            // The clerk sees the document in the file, confirms completeness and decides.
            page = try await client.get("/behoerde/vorgaenge/\(caseID)", headers: jena.header)
            #expect(page.text.contains("nachweis.pdf"))
            let doc = try #require(page.text.firstMatch(of: /href="(\/behoerde\/vorgaenge\/[^"]+\/akte\/[^"]+)"/)?.1)
            let download = try await client.get(String(doc), headers: jena.header)
            #expect(download.status == .ok && download.text == "%PDF-1.7 Mietvertrag")
            #expect(try await client.get(String(doc), headers: gera.header).status == .notFound)
            post = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/pruefen", headers: jena.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&complete=yes")
            #expect(post.status == .seeOther)
            page = try await client.get("/behoerde/vorgaenge/\(caseID)", headers: jena.header)
            post = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/entscheiden", headers: jena.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&outcome=rejected&reasons=")
            #expect(post.status == .unprocessableContent && post.text.contains("href=\"#reasons\""))
            post = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/entscheiden", headers: jena.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&outcome=approved&reasons=")
            #expect(post.status == .seeOther)
            // The sealed notice: in the case file and attached to the decision message.
            let notices = try await services.cases.notices!.notices(ofCase: caseID)
            #expect(notices.count == 1)
            let notice = try #require(notices.first)
            #expect(notice.deliveredOn == nil, "not yet retrieved")
            let mailbox = try await client.get("/konto/postfach", headers: erika.header)
            let decisionID = String(
                try #require(
                    mailbox.text.firstMatch(of: /href="\/konto\/postfach\/([0-9a-f-]+)"[^>]*>Entscheidung/)?.1))
            let message = try await client.get("/konto/postfach/\(decisionID)", headers: erika.header)
            #expect(message.status == .ok)
            let pdfLink = String(
                try #require(message.text.firstMatch(of: /href="(\/konto\/postfach\/[^"]+\/anhang\/[^"]+)"/)?.1))
            let pdf = Data(buffer: try await client.get(pdfLink, headers: erika.header).body)
            #expect(pdf.starts(with: Data("%PDF-".utf8)))
            #expect(NoticeVerifier.verify(pdf: [UInt8](pdf)).genuine)
            let delivered = try #require(try await services.cases.notices!.notice(number: notice.number))
            #expect(delivered.firstRetrievedAt != nil && delivered.deliveredOn != nil, "retrieved: delivered next day")
            // The public check: genuine; one byte changed: not.
            var verify = try await client.execute(
                uri: "/api/v1/notices/verify", method: .post, headers: [.contentType: "application/pdf"],
                body: ByteBuffer(bytes: pdf))
            #expect(try verify.json()["genuine"] as? Bool == true)
            #expect(try verify.json()["number"] as? String == notice.number)
            var tampered = [UInt8](pdf)
            let at = tampered.count / 3
            tampered[at] = tampered[at] == 0x41 ? 0x42 : 0x41
            verify = try await client.execute(
                uri: "/api/v1/notices/verify", method: .post, headers: [.contentType: "application/pdf"],
                body: ByteBuffer(bytes: tampered))
            #expect(try verify.json()["genuine"] as? Bool == false)
            let checkPage = try await client.get("/bescheide/pruefen", headers: erika.header)
            var headers = erika.header
            let (type, body) = ApplicationUploadTests.multipart(
                ["csrf_token": try AccountHTTPTests.token(checkPage)],
                file: ("pdf", "bescheid.pdf", "application/pdf", pdf))
            headers[.contentType] = type
            let verdict = try await client.execute(
                uri: "/bescheide/pruefen", method: .post, headers: headers, body: body)
            #expect(verdict.status == .ok && verdict.text.contains("data-verdict=\"genuine\""))
            #expect(
                try await client.get("/bescheide/pruefen?nummer=\(notice.number)").text.contains(
                    "data-lookup=\"found\""))
            #expect(
                try await client.get("/bescheide/pruefen?nummer=B-NICHTDA").text.contains("data-lookup=\"missing\""))
            #expect(
                try await client.get("/api/v1/notices/\(notice.number)").json()["sha256"] as? String == notice.sha256)

            let decided = try await client.get("/konto/vorgaenge/\(caseID)", headers: erika.header)
            #expect(decided.text.contains("Entschieden") && decided.text.contains("Stattgegeben"))
            #expect(
                try await client.get("/konto/postfach", headers: erika.header).text.contains(
                    "Entscheidung zu Ihrem Antrag"))

            // Involving Gera: Gera sees the case with the shared data only; Erfurt sees nothing.
            page = try await client.get("/behoerde/vorgaenge/\(caseID)", headers: jena.header)
            post = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/beteiligen", headers: jena.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&authority=unknown&task=x&part_data=1")
            #expect(post.status == .unprocessableContent && post.text.contains("href=\"#authority\""))
            post = try await client.post(
                "/behoerde/vorgaenge/\(caseID)/beteiligen", headers: jena.header,
                body:
                    "csrf_token=\(try AccountHTTPTests.token(page))&authority=th-stadt-16052&task=Stellungnahme+bitte&part_data=1"
            )
            #expect(post.status == .seeOther)
            let shared = try await client.get("/behoerde/vorgaenge/\(caseID)", headers: gera.header)
            #expect(shared.status == .ok && shared.text.contains("Stellungnahme bitte"))
            #expect(try await client.get(attachmentURL, headers: gera.header).status == .ok, "shared with the data")
            #expect(!shared.text.contains("nachweis.pdf"), "the document was not shared")
            #expect(!shared.text.contains("/entscheiden"), "no actions of the responsible authority")
            #expect(try await client.get(String(doc), headers: gera.header).status == .notFound)
            #expect(try await client.get("/behoerde/vorgaenge/\(caseID)", headers: erfurt.header).status == .notFound)
            #expect(try await client.get("/behoerde/beteiligungen", headers: gera.header).text.contains(caseID))

            // Export: a ZIP that reads back.
            let zip = try await client.get("/behoerde/vorgaenge/\(caseID)/export.zip", headers: jena.header)
            #expect(zip.status == .ok && zip.headers[.contentType] == "application/zip")
            let (export, _) = try CaseArchive.read(Data(buffer: zip.body))
            #expect(export.metadata.id == caseID)
            #expect(export.metadata.decision?.outcome == .approved)
            #expect(export.documents.contains { $0.kind == "attachment" && $0.id == attachment.id })

            // Every opening by staff is in the audit chain of the opener's authority.
            let audit = try await services.cases.auditEntries(caseID: caseID)
            #expect(audit.contains { $0.chain == "th-stadt-16052" && $0.action == "case.opened" })
            #expect(!audit.contains { $0.chain == "th-stadt-16051" })
        }
    }

    @Test(
        "Paper intake of a service without an online form: one step; the scan is the application; bad input is named per field"
    )
    func paperIntake() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let jena = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "sb@jena.example", authority: "th-stadt-16053", roles: [.clerk])
            let form = try await client.get("/behoerde/vorgaenge/neu", headers: jena.header)
            #expect(form.status == .ok)
            let token = try AccountHTTPTests.token(form)
            let wrong = try await upload(
                client, "/behoerde/vorgaenge/neu", jena, token: token, name: "file", data: Data("%PDF-1.7 Antrag".utf8),
                fields: ["channel": "paper", "service": "99115005104000", "name": "", "ars": "160510000000"])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("href=\"#name\"") && wrong.text.contains("href=\"#ars\""))
            let ok = try await upload(
                client, "/behoerde/vorgaenge/neu", jena, token: token, name: "file", data: Data("%PDF-1.7 Antrag".utf8),
                fields: [
                    "channel": "phone", "service": "99115005104000", "name": "Hanna Beispiel", "ars": "160530000000",
                    "note": "Anruf am Vormittag",
                ])
            #expect(ok.status == .seeOther)
            let id = String(try #require(ok.headers[.location]?.split(separator: "/").last))
            let record = try #require(try await services.cases.record(id))
            #expect(record.channel == .phone)
            #expect(record.enteredBy != nil)
            #expect(record.applicantName == "Hanna Beispiel")
            #expect(try await services.cases.documents(of: id).map(\.kind) == ["application"])
            let inbox = try await client.get("/behoerde/vorgaenge", headers: jena.header)
            #expect(inbox.text.contains("Hanna Beispiel") && inbox.text.contains("telefonisch"))
            // Whatever a name holds is text in the inbox, never markup.
            let hostile = try await upload(
                client, "/behoerde/vorgaenge/neu", jena, token: token, name: "file", data: Data("%PDF-1.7 A".utf8),
                fields: [
                    "channel": "paper", "service": "99115005104000", "name": "<script>alert(1)</script> & \"Co\"",
                    "ars": "160530000000",
                ])
            #expect(hostile.status == .seeOther)
            let escaped = try await client.get("/behoerde/vorgaenge", headers: jena.header).text
            #expect(!escaped.contains("<script>alert(1)"))
            #expect(escaped.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"))
        }
    }

    @Test(
        "Phone intake with the service's form: a real submission entered by the clerk, validated like online; only for the own authority; CSRF",
        arguments: Backend.all)
    func formIntake(_ backend: Backend) async throws {
        try await withApp(backend, configure: { $0.demo = true }) { client, services in
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let jena = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "sb@jena.example", authority: "th-stadt-16053", roles: [.clerk])
            let clerkID = try #require(
                try await services.database.read { db in
                    try await db.raw("SELECT id FROM accounts WHERE email = 'sb@jena.example'")
                        .first(decodingColumn: "id", as: String.self)
                })
            @Sendable func written() async throws -> [Int] {
                try await services.database.read { db in
                    var out: [Int] = []
                    for table in ["submissions", "cases", "case_documents"] {
                        out.append(
                            try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)")
                                .first(decodingColumn: "n", as: Int.self) ?? -1)
                    }
                    return out
                }
            }
            let form = try #require(services.forms.form(id: "S05000058"))
            let sample = try ApplicationFormTests.sample()
            let start = try await client.get("/behoerde/vorgaenge/neu", headers: jena.header)
            let token = try AccountHTTPTests.token(start)
            let entry = [
                "channel": "phone", "service": "99108001001000", "name": "Hanna Beispiel", "ars": "160530000000",
                "note": "Anruf am Vormittag",
            ]
            let scan = Data("%PDF-1.7 Gesprächsnotiz".utf8)

            // A municipality another authority serves for this service: refused at the ARS field.
            let foreign = try await upload(
                client, "/behoerde/vorgaenge/neu", jena, token: token, name: "file", data: scan,
                fields: entry.merging(["ars": "160520000000"]) { $1 })
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.text.contains("href=\"#ars\"") && foreign.text.contains("andere Behörde zuständig"))

            // Step 1 leads to the service's whole form on one page.
            let step2 = try await upload(
                client, "/behoerde/vorgaenge/neu", jena, token: token, name: "file", data: scan, fields: entry)
            #expect(step2.status == .ok)
            #expect(
                step2.text.contains("action=\"/behoerde/vorgaenge/neu/antrag\"")
                    && step2.text.contains("Schritt 2 von 2"))
            for ref in form.schema.children {
                #expect(
                    step2.text.contains("name=\"\(ref.element.id)"), "every group is on the page: \(ref.element.id)")
            }
            let scanID = String(try #require(step2.text.firstMatch(of: /name="scan" value="([^"]+)"/)?.1))
            let entryToken = String(try #require(step2.text.firstMatch(of: /name="token" value="([^"]+)"/)?.1))
            var answers = entry
            answers["scan"] = scanID
            answers["token"] = entryToken
            answers["action"] = "next"
            for ref in form.schema.children {
                ApplicationHTTPTests.fields(ref, sample[ref.element.id], name: ref.element.id, into: &answers)
            }
            let before = try await written()

            // Without the CSRF token: 403, nothing written.
            let forged = try await client.post(
                "/behoerde/vorgaenge/neu/antrag", headers: jena.header, body: ApplicationHTTPTests.encode(answers))
            #expect(forged.status == .forbidden)
            answers["csrf_token"] = try AccountHTTPTests.token(step2)

            // Invalid answers: 422, the error linked to its field, nothing written.
            let plate = "G05000477.F05000627"
            var invalid = answers
            invalid[plate] = nil
            let wrong = try await client.post(
                "/behoerde/vorgaenge/neu/antrag", headers: jena.header, body: ApplicationHTTPTests.encode(invalid))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("href=\"#\(plate)\"") && wrong.text.contains("id=\"\(plate)-error\""))
            #expect(wrong.text.contains("value=\"Beispiel\""), "what was typed stays")
            #expect(try await written() == before)

            // Step 1's answers travel in the page: a changed ARS is checked again.
            let tampered = try await client.post(
                "/behoerde/vorgaenge/neu/antrag", headers: jena.header,
                body: ApplicationHTTPTests.encode(answers.merging(["ars": "160520000000"]) { $1 }))
            #expect(tampered.status == .unprocessableContent && tampered.text.contains("href=\"#ars\""))
            #expect(try await written() == before)

            // Complete: a submission like an online one, its case opened with it.
            let created = try await client.post(
                "/behoerde/vorgaenge/neu/antrag", headers: jena.header, body: ApplicationHTTPTests.encode(answers))
            #expect(created.status == .seeOther, "\(created.text.prefix(2000))")
            let location = try #require(created.headers[.location])
            let id = String(try #require(location.split(separator: "/").last))
            let record = try #require(try await services.cases.record(id))
            #expect(record.channel == .phone && record.enteredBy == clerkID)
            #expect(record.applicantName == "Hanna Beispiel" && record.authorityID == "th-stadt-16053")
            let submissionID = try #require(record.submissionID)
            let submission = try #require(try await services.submissions.find(id: submissionID))
            #expect(try FormValue.parse(Data(submission.data.utf8)) == sample)
            #expect(submission.channel == "phone" && submission.enteredBy == clerkID)
            #expect(submission.applicantName == "Hanna Beispiel" && submission.accountId == nil)
            #expect(submission.provenance == #"{"default":"staff"}"#)
            #expect(submission.authorityId == "th-stadt-16053" && SubmissionStore.verify(submission))
            let documents = try await services.cases.documents(of: id)
            #expect(documents.map(\.kind) == ["application"])
            let audit = try await services.cases.auditEntries(caseID: id)
            #expect(audit.contains { $0.action == "case.entered" && $0.detail == "phone" && $0.actor == clerkID })
            // A second click on the same page gives the same case.
            let again = try await client.post(
                "/behoerde/vorgaenge/neu/antrag", headers: jena.header, body: ApplicationHTTPTests.encode(answers))
            #expect(again.headers[.location] == location)
            #expect(try await services.submissions.count() == before[0] + 1)
            // The case view shows the entered answers, rendered from the form.
            let view = try await client.get(location, headers: jena.header)
            #expect(view.status == .ok)
            #expect(view.text.contains("J-EB-1984") && view.text.contains("Löbdergraben"))
            #expect(view.text.contains("Hanna Beispiel") && view.text.contains("Anruf am Vormittag"))
        }
    }
}
