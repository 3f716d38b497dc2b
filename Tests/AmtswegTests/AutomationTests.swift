import AmtswegServer
import Cases
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Notices
import SQLKit
import Storage
import Testing

/// Automatic Wohngeld decisions with sample checks, end to end on the real application.
@Suite("Automated decisions and sample checks")
struct AutomationTests {
    typealias Browser = AccountHTTPTests.Browser

    static let sample: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/forms/wohngeld/beispiel-antrag.json")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? "{}"
    }()

    /// A Wohngeld application of Erika's for Erfurt, its case checked complete by the clerk.
    static func applyAndCheck(
        _ client: any TestClientProtocol, _ services: AppServices, applicant: String, clerk: String,
        data: String = sample
    ) async throws -> CaseStore.Record {
        let outcome = try await services.submissions.accept(
            .init(
                formID: "S99100001", formVersion: "1.0", leika: "99107023037000", authorityID: "th-stadt-16051",
                ars: "160510000000", accountID: applicant, data: data))
        guard case .created(let s) = outcome else { throw CaseStore.CaseError.notFound }
        let id = try #require(
            try await services.database.read { db in
                try await db.raw("SELECT id FROM cases WHERE submission_id = \(bind: s.id)").first(
                    decodingColumn: "id", as: String.self)
            })
        try await services.cases.check(id, complete: true, by: clerk, authorityID: "th-stadt-16051")
        return try #require(try await services.cases.record(id))
    }

    static func people(_ client: any TestClientProtocol, _ services: AppServices) async throws -> (
        erika: Browser, erikaID: String, clerk: Browser, clerkID: String
    ) {
        var erika = Browser()
        try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
        let erikaID = try await CaseHTTPTests.citizenID(services)
        let accounts = AccountStore(database: services.database, clock: services.clock)
        let clerk = try await AuthorisationMatrixTests.staff(
            client, accounts, email: "wohngeld@erfurt.example", authority: "th-stadt-16051", roles: [.clerk])
        let clerkID = try #require(try await accounts.staffCredentials(email: "wohngeld@erfurt.example")?.account.id)
        return (erika, erikaID, clerk, clerkID)
    }

    @Test(
        "Share 0 %: decided automatically, the sealed notice is in the mailbox and verifies; a tampered copy does not")
    func noSample() async throws {
        try await withApp(
            .sqlite,
            configure: {
                $0.demo = true; $0.sampleShare = 0; $0.sampleSeed = 1
            }
        ) {
            client, services in
            let p = try await Self.people(client, services)
            let r = try await Self.applyAndCheck(client, services, applicant: p.erikaID, clerk: p.clerkID)
            #expect(r.decision?.automated == true, "\(String(describing: r.proposal))")
            #expect(r.decision?.outcome == .approved)
            #expect(r.status == .decided)
            #expect(r.proposal?.calculation.contains { $0.norm.contains("§ 19") } == true)
            #expect(try await services.cases.openTasks(of: r) == ["close"])
            // The applicant's view says it was automatic and how to contest it.
            let page = try await client.get("/konto/vorgaenge/\(r.id)", headers: p.erika.header)
            #expect(page.text.contains("automatisch getroffen"))
            // The notice: Erika finds it in her mailbox, attached to the decision message, as the
            // same sealed PDF that is in the case file.
            let notice = try #require(try await services.cases.notices!.notices(ofCase: r.id).first)
            let doc = try #require(try await services.cases.documents(of: r.id).first { $0.kind == "notice" })
            let (_, filed) = try #require(
                try await services.cases.documentContent(caseID: r.id, documentID: doc.id, version: doc.version))
            let box = try await client.get("/konto/postfach", headers: p.erika.header)
            let messageID = String(
                try #require(box.text.firstMatch(of: /href="\/konto\/postfach\/([0-9a-f-]+)"[^>]*>Entscheidung/)?.1))
            #expect(messageID == notice.messageId)
            let message = try await client.get("/konto/postfach/\(messageID)", headers: p.erika.header)
            let link = String(
                try #require(message.text.firstMatch(of: /href="(\/konto\/postfach\/[^"]+\/anhang\/[^"]+)"/)?.1))
            let pdf = Data(buffer: try await client.get(link, headers: p.erika.header).body)
            #expect(pdf == filed)
            #expect(DocumentStore.sha256(pdf) == notice.sha256)
            // The public verification page confirms it, and names the authority.
            let checkPage = try await client.get("/bescheide/pruefen", headers: p.erika.header)
            var headers = p.erika.header
            let (type, body) = ApplicationUploadTests.multipart(
                ["csrf_token": try AccountHTTPTests.token(checkPage)],
                file: ("pdf", "bescheid.pdf", "application/pdf", pdf))
            headers[.contentType] = type
            let verdict = try await client.execute(
                uri: "/bescheide/pruefen", method: .post, headers: headers, body: body)
            #expect(verdict.status == .ok && verdict.text.contains("data-verdict=\"genuine\""))
            #expect(verdict.text.contains(notice.number))
            let check = NoticeVerifier.verify(
                pdf: [UInt8](pdf), trustedRoots: try services.cases.notices!.keyring.trustedRoots())
            #expect(check.genuine && check.seal?.chainTrusted == true)
            #expect(check.signerSubject?.contains("Erfurt") == true)
            var verify = try await client.execute(
                uri: "/api/v1/notices/verify", method: .post, headers: [.contentType: "application/pdf"],
                body: ByteBuffer(bytes: pdf))
            #expect(try verify.json()["genuine"] as? Bool == true)
            var tampered = [UInt8](pdf)
            tampered[tampered.count / 2] ^= 0x01
            verify = try await client.execute(
                uri: "/api/v1/notices/verify", method: .post, headers: [.contentType: "application/pdf"],
                body: ByteBuffer(bytes: tampered))
            #expect(try verify.json()["genuine"] as? Bool == false)
            // The tampered copy on the page: not genuine.
            let (type2, body2) = ApplicationUploadTests.multipart(
                ["csrf_token": try AccountHTTPTests.token(checkPage)],
                file: ("pdf", "bescheid.pdf", "application/pdf", Data(tampered)))
            headers[.contentType] = type2
            let forged = try await client.execute(
                uri: "/bescheide/pruefen", method: .post, headers: headers, body: body2)
            #expect(forged.status == .ok && forged.text.contains("data-verdict=\"not-genuine\""))
            // pdftotext (poppler) reads the amount and the legal basis out of the sealed PDF.
            if let pdftotext = ["/usr/bin/pdftotext", "/bin/pdftotext"].first(
                where: FileManager.default.isExecutableFile)
            {
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("notice-\(UUID()).pdf")
                try pdf.write(to: file)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: pdftotext)
                process.arguments = [file.path, "-"]
                let out = Pipe()
                process.standardOutput = out
                try process.run()
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(text.contains("Wohngeld") && text.contains("€ monatlich") && text.contains("§ 31a SGB X"))
                #expect(text.contains("Mietstufe") && text.contains("§ 19"))
            }
        }
    }

    @Test("Share 100 %: every automatic decision waits for the four-eyes check; disagreement sends it to a person")
    func everyCaseChecked() async throws {
        try await withApp(
            .sqlite,
            configure: {
                $0.demo = true; $0.sampleShare = 1; $0.sampleSeed = 1
            }
        ) {
            client, services in
            let p = try await Self.people(client, services)
            let first = try await Self.applyAndCheck(client, services, applicant: p.erikaID, clerk: p.clerkID)
            let second = try await Self.applyAndCheck(client, services, applicant: p.erikaID, clerk: p.clerkID)
            for r in [first, second] {
                #expect(r.decision?.automated == true)
                #expect(r.status == .inReview, "not out before the check")
                #expect(try await services.cases.openTasks(of: r) == ["sampleCheck"])
                #expect(try await services.cases.notices!.notices(ofCase: r.id).isEmpty)
            }
            // The clerk's form: disagreeing needs a reason.
            var page = try await client.get("/behoerde/vorgaenge/\(first.id)", headers: p.clerk.header)
            #expect(page.text.contains("Stichprobe"))
            var post = try await client.post(
                "/behoerde/vorgaenge/\(first.id)/stichprobe", headers: p.clerk.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&agree=no&sample_reason=")
            #expect(post.status == .unprocessableContent && post.text.contains("href=\"#sample_reason\""))
            post = try await client.post(
                "/behoerde/vorgaenge/\(first.id)/stichprobe", headers: p.clerk.header,
                body: "csrf_token=\(try AccountHTTPTests.token(page))&agree=yes&sample_reason=")
            #expect(post.status == .seeOther)
            #expect(try await services.cases.notices!.notices(ofCase: first.id).count == 1, "released after agreement")
            page = try await client.get("/behoerde/vorgaenge/\(second.id)", headers: p.clerk.header)
            post = try await client.post(
                "/behoerde/vorgaenge/\(second.id)/stichprobe", headers: p.clerk.header,
                body:
                    "csrf_token=\(try AccountHTTPTests.token(page))&agree=no&sample_reason=Einkommen+falsch+zugeordnet")
            #expect(post.status == .seeOther)
            let disagreed = try #require(try await services.cases.record(second.id))
            #expect(disagreed.decision == nil)
            #expect(try await services.cases.openTasks(of: disagreed) == ["decide"])
            let stats = try await services.cases.sampleStatistics(authorityID: "th-stadt-16051")
            #expect(stats.count == 1 && stats[0].checked == 2 && stats[0].disagreed == 1 && stats[0].open == 0)
            let kpi = try await client.get("/behoerde/stichproben", headers: p.clerk.header)
            #expect(kpi.status == .ok && kpi.text.contains("50 %"))
        }
    }

    @Test("A seeded run draws the same cases again; a statement to consider always goes to a person")
    func seededDraw() async throws {
        func drawn(seed: UInt64) async throws -> [String] {
            let numbers = NumbersBox()
            try await withApp(
                .sqlite,
                configure: {
                    $0.demo = true; $0.sampleShare = 0.5; $0.sampleSeed = seed
                }
            ) {
                client, services in
                let p = try await Self.people(client, services)
                var out: [String] = []
                for _ in 0..<12 {
                    let r = try await Self.applyAndCheck(client, services, applicant: p.erikaID, clerk: p.clerkID)
                    if try await services.cases.openTasks(of: r) == ["sampleCheck"] { out.append(r.number) }
                }
                // "Sonstiges Einkommen" (free text) is never decided automatically.
                let other = Self.sample.replacingOccurrences(
                    of: #"{ "F99100014": "05", "F99100016": 230.00 }"#,
                    with: #"{ "F99100014": "07", "F99100015": "Nebenjob im Ausland", "F99100016": 230.00 }"#)
                #expect(other != Self.sample)
                let manual = try await Self.applyAndCheck(
                    client, services, applicant: p.erikaID, clerk: p.clerkID, data: other)
                #expect(manual.decision == nil)
                #expect(try await services.cases.openTasks(of: manual) == ["decide"])
                #expect(manual.proposal?.freeText == true)
                numbers.set(out)
            }
            return numbers.get()
        }
        let first = try await drawn(seed: 99)
        let again = try await drawn(seed: 99)
        #expect(first == again)
        #expect(!first.isEmpty && first.count < 12)
    }
}

final class NumbersBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func set(_ v: [String]) { lock.withLock { values = v } }
    func get() -> [String] { lock.withLock { values } }
}

@Suite("Delivery of notices")
struct NoticeDeliveryTests {
    @Test("Not retrieved within ten days: queued for printing; retrieved: delivered the next day, never printed")
    func printQueue() async throws {
        let clock = ManualClock()
        try await withApp(
            .sqlite, clock: clock,
            configure: {
                $0.demo = true; $0.sampleShare = 0; $0.sampleSeed = 3
            }
        ) {
            client, services in
            let p = try await AutomationTests.people(client, services)
            let unread = try await AutomationTests.applyAndCheck(
                client, services, applicant: p.erikaID, clerk: p.clerkID)
            let read = try await AutomationTests.applyAndCheck(client, services, applicant: p.erikaID, clerk: p.clerkID)
            let notices = try #require(services.cases.notices)
            let readNotice = try #require(try await notices.notices(ofCase: read.id).first)
            let unreadNotice = try #require(try await notices.notices(ofCase: unread.id).first)
            // Erika opens one of the two messages on 1 January 2027 (Friday).
            _ = try await services.mailbox.open(id: try #require(readNotice.messageId), owner: p.erikaID)
            #expect(try await notices.notice(number: readNotice.number)?.deliveredOn == "2027-01-02")
            let worker = JobWorker(
                queue: services.jobs, handlers: [NoticeStore.printJobKind: notices.printHandler],
                logger: Logger(label: "test"))
            clock.advance(by: 9 * 86_400)
            while try await worker.runOnce() > 0 {}
            #expect(try await notices.printQueue(authorityID: "th-stadt-16051").isEmpty, "not yet")
            clock.advance(by: 86_400 + 60)
            while try await worker.runOnce() > 0 {}
            let queue = try await notices.printQueue(authorityID: "th-stadt-16051")
            #expect(queue.map(\.number) == [unreadNotice.number])
            #expect(try await notices.notice(number: unreadNotice.number)?.deliveredOn == nil)
        }
    }
}
