import Cases
import Crypto
import Foundation
import Logging
import SQLKit
import Storage
import Testing
import Workflow

/// Everything a case test needs, on one database: stores wired as the server wires them.
struct CaseHarness {
    let database: Database
    let clock: ManualClock
    let processes: ProcessStore
    let cases: CaseStore
    let submissions: SubmissionStore
    let accounts: AccountStore
    let mailbox: Mailbox
    let jobs: JobQueue
    let blobRoot: URL
    let auditKey = P256.Signing.PrivateKey()

    static let erfurt = "ags-16051000"
    static let weimar = "ags-16055000"
    static let jena = "ags-16053000"
    static let parking = "99050012104000"

    init(_ database: Database, clock: ManualClock = ManualClock()) async throws {
        self.database = database
        self.clock = clock
        processes = ProcessStore(database: database, clock: clock, handlers: CaseStore.taskHandlers)
        mailbox = Mailbox(database: database, clock: clock)
        blobRoot = FileManager.default.temporaryDirectory.appendingPathComponent("case-blobs-\(UUID().uuidString)")
        cases = CaseStore(
            database: database, clock: clock, processes: processes, mailbox: mailbox,
            blobs: DirectoryBlobStore(root: blobRoot), auditKey: auditKey)
        let cases = self.cases
        submissions = SubmissionStore(database: database, clock: clock) { created, enclosures, db in
            try await cases.open(submissions: created, enclosures: enclosures, on: db)
        }
        accounts = AccountStore(database: database, clock: clock)
        jobs = JobQueue(database: database, clock: clock)
        try await cases.deployDefaultProcess()
    }

    func citizen(_ name: String) async throws -> String {
        try await accounts.citizen(subject: "sub-\(name)-\(UUID().uuidString)", displayName: name).id
    }

    func clerk(_ name: String, of authority: String) async throws -> String {
        try await accounts.createStaff(
            email: "\(name)-\(UUID().uuidString)@example.org", displayName: name, authorityID: authority,
            roles: [.clerk], passwordHash: "x", totpSecret: "x"
        ).id
    }

    func submit(applicant: String?, authority: String = erfurt, leika: String = parking, ars: String = "160510000000")
        async throws -> SubmissionStore.Submission
    {
        let outcome = try await submissions.accept(
            .init(
                formID: "F1", formVersion: "1.0", leika: leika, authorityID: authority, ars: ars, accountID: applicant,
                data: #"{"kennzeichen":"EF-AB 123"}"#))
        guard case .created(let s) = outcome else { throw CaseStore.CaseError.notFound }
        return s
    }

    func caseOf(_ submission: SubmissionStore.Submission) async throws -> CaseStore.Record {
        let id = try await database.read { db in
            try await db.raw("SELECT id FROM cases WHERE submission_id = \(bind: submission.id)").first(
                decodingColumn: "id", as: String.self)
        }
        let caseID = try #require(id)
        return try #require(try await cases.record(caseID))
    }

    /// Runs every due job (timers) as the worker would.
    func runJobs() async throws {
        let worker = JobWorker(
            queue: jobs, handlers: [ProcessStore.timerJobKind: processes.timerHandler],
            logger: Logger(label: "test"))
        while try await worker.runOnce() > 0 {}
    }

    func messages(_ owner: String) async throws -> [Mailbox.Message] { try await mailbox.list(owner: owner) }
}

@Suite("Cases")
struct CaseStoreTests {
    @Test(
        "A submission becomes a case of the routed authority in the same commit, with number, deadline and process",
        arguments: Backend.all)
    func submissionOpensCase(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let h = try await CaseHarness(database)
            let applicant = try await h.citizen("Erika Mustermann")
            let first = try await h.submit(applicant: applicant)
            h.clock.advance(by: 1)
            let second = try await h.submit(applicant: applicant)
            let other = try await h.submit(applicant: nil, authority: CaseHarness.weimar, ars: "160550000000")
            let c1 = try await h.caseOf(first)
            let c2 = try await h.caseOf(second)
            let c3 = try await h.caseOf(other)
            #expect(c1.authorityID == CaseHarness.erfurt)
            #expect(c1.number == "2027-000001")
            #expect(c2.number == "2027-000002")
            #expect(c3.number == "2027-000001", "numbers count per authority")
            #expect(c1.applicantName == "Erika Mustermann")
            #expect(c1.status == .received)
            #expect(c1.channel == .online)
            // Received on 1 January 2027 (a Friday, a holiday): three months end on Thursday 1 April.
            #expect(c1.deadline == "2027-04-01")
            #expect(try await h.cases.openTasks(of: c1) == ["check"])
            #expect(try await h.cases.cases(ofApplicant: applicant).map(\.id) == [c2.id, c1.id])
        }
    }

    @Test("Request documents, the applicant uploads them from the mailbox link, approve, close", arguments: Backend.all)
    func requestUploadApproveClose(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let h = try await CaseHarness(database)
            let applicant = try await h.citizen("Erika Mustermann")
            let clerk = try await h.clerk("Sachbearbeiterin", of: CaseHarness.erfurt)
            let c = try await h.caseOf(try await h.submit(applicant: applicant))
            try await h.cases.assign(c.id, to: clerk, by: clerk, authorityID: CaseHarness.erfurt)
            try await h.cases.check(
                c.id, complete: false, request: "Bitte den Fahrzeugschein hochladen.", days: 14, by: clerk,
                authorityID: CaseHarness.erfurt)
            var r = try #require(try await h.cases.record(c.id))
            #expect(r.status == .awaitingApplicant)
            #expect(r.assigneeID == clerk)
            let request = try #require(r.request)
            let message = try #require(try await h.messages(applicant).first)
            #expect(message.body.contains("Fahrzeugschein"))
            #expect(message.body.contains("/konto/vorgaenge/\(c.id)#unterlagen"))
            #expect(message.caseID == c.id)
            #expect(message.id == request.messageID)
            // Deciding now is not possible: the process waits for the applicant.
            await #expect(throws: CaseStore.CaseError.self) {
                try await h.cases.decide(
                    c.id, outcome: .approved, reasons: "", by: clerk, authorityID: CaseHarness.erfurt)
            }
            // Someone else cannot upload to it.
            let stranger = try await h.citizen("Fremd")
            await #expect(throws: CaseStore.CaseError.notFound) {
                try await h.cases.submitDocuments(
                    c.id, files: [(Data("x".utf8), "x.pdf", "application/pdf")], accountID: stranger)
            }
            try await h.cases.submitDocuments(
                c.id, files: [(Data("%PDF-1.7 Fahrzeugschein".utf8), "fahrzeugschein.pdf", "application/pdf")],
                accountID: applicant)
            r = try #require(try await h.cases.record(c.id))
            #expect(r.status == .received)
            #expect(r.request == nil)
            #expect(try await h.cases.documents(of: c.id).map(\.kind) == ["upload"])
            #expect(try await h.jobs.jobs(status: .pending).isEmpty, "reminder and deadline timers went with the wait")
            try await h.cases.check(c.id, complete: true, by: clerk, authorityID: CaseHarness.erfurt)
            h.clock.advance(by: 60)
            try await h.cases.decide(
                c.id, outcome: .approved, reasons: "", by: clerk, authorityID: CaseHarness.erfurt)
            r = try #require(try await h.cases.record(c.id))
            #expect(r.status == .decided)
            #expect(r.decision?.outcome == .approved)
            #expect(try await h.messages(applicant).first?.subject.contains("Entscheidung") == true)
            try await h.cases.close(c.id, by: clerk, authorityID: CaseHarness.erfurt)
            r = try #require(try await h.cases.record(c.id))
            #expect(r.status == .closed)
            #expect(r.retentionUntil == "2033-12-31")
            let visible = try await h.cases.events(of: c.id, applicantView: true).map(\.kind)
            #expect(
                visible == [
                    "received", "documents_requested", "documents_received", "checked_complete", "decided", "closed",
                ])
            #expect(try await h.cases.events(of: c.id).map(\.kind).contains("assigned"))
        }
    }

    @Test(
        "An unanswered request triggers the reminder, then the deadline path (injected clock)", arguments: Backend.all)
    func reminderThenDeadline(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let h = try await CaseHarness(database)
            let applicant = try await h.citizen("Max")
            let clerk = try await h.clerk("SB", of: CaseHarness.erfurt)
            let c = try await h.caseOf(try await h.submit(applicant: applicant))
            try await h.cases.check(
                c.id, complete: false, request: "Mietvertrag", days: 14, by: clerk, authorityID: CaseHarness.erfurt)
            let deadline = try #require(try await h.cases.record(c.id)?.request?.deadline)
            // Sent electronically on Friday 1 January 2027: deemed received on the fourth day after
            // (Tuesday 5 January); fourteen days from then end on Tuesday 19 January. The reminder is
            // due half-way, seven days before the end (13 January, midnight in Erfurt).
            #expect(deadline == "2027-01-19")
            #expect(try await h.messages(applicant).count == 1)
            h.clock.advance(by: 11 * 86_400)
            try await h.runJobs()
            #expect(try await h.messages(applicant).count == 1, "nothing is due yet")
            h.clock.advance(by: 1 * 86_400)
            try await h.runJobs()
            let messages = try await h.messages(applicant)
            #expect(messages.count == 2)
            #expect(messages.first?.subject.hasPrefix("Erinnerung") == true)
            #expect(try await h.cases.record(c.id)?.status == .awaitingApplicant, "the reminder does not end the wait")
            h.clock.advance(by: 6 * 86_400)
            try await h.runJobs()
            #expect(try await h.cases.record(c.id)?.status == .awaitingApplicant, "the last day still counts")
            h.clock.advance(by: 1 * 86_400)
            try await h.runJobs()
            let r = try #require(try await h.cases.record(c.id))
            #expect(r.status == .inReview)
            #expect(r.request == nil)
            #expect(try await h.cases.openTasks(of: r) == ["decide"])
            #expect(
                try await h.cases.events(of: c.id, applicantView: true).map(\.kind).suffix(2) == [
                    "reminder_sent", "documents_deadline_passed",
                ])
            // The applicant can no longer upload into the closed request.
            await #expect(throws: CaseStore.CaseError.self) {
                try await h.cases.submitDocuments(
                    c.id, files: [(Data("x".utf8), "x.pdf", "application/pdf")], accountID: applicant)
            }
        }
    }

    @Test(
        "A shared case: the involved authority sees exactly the shared parts, a third sees nothing",
        arguments: Backend.all)
    func sharing(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let h = try await CaseHarness(database)
            let applicant = try await h.citizen("A")
            let clerk = try await h.clerk("Erfurt SB", of: CaseHarness.erfurt)
            let weimarClerk = try await h.clerk("Weimar SB", of: CaseHarness.weimar)
            let jenaClerk = try await h.clerk("Jena SB", of: CaseHarness.jena)
            let c = try await h.caseOf(try await h.submit(applicant: applicant))
            let shared = try await h.cases.addDocument(
                c.id, documentID: nil, title: "Lageplan", data: Data("plan".utf8), filename: "plan.pdf",
                contentType: "application/pdf", by: clerk, authorityID: CaseHarness.erfurt)
            try await h.cases.addDocument(
                c.id, documentID: nil, title: "Interner Vermerk", data: Data("intern".utf8), filename: "v.txt",
                contentType: "text/plain", by: clerk, authorityID: CaseHarness.erfurt)
            // Another authority cannot change or share the case.
            await #expect(throws: CaseStore.CaseError.notFound) {
                try await h.cases.share(
                    c.id, with: CaseHarness.jena, parts: ["data"], task: "x", by: weimarClerk,
                    authorityID: CaseHarness.weimar)
            }
            let shareID = try await h.cases.share(
                c.id, with: CaseHarness.weimar, parts: ["document:\(shared.id)", "document:forged"],
                task: "Bitte Stellungnahme zum Lageplan", by: clerk, authorityID: CaseHarness.erfurt)
            let (record, access) = try #require(
                try await h.cases.open(c.id, staff: weimarClerk, authorityID: CaseHarness.weimar))
            #expect(record.id == c.id)
            guard case .involved(let shares) = access else {
                Issue.record("expected involved access, got \(access)")
                return
            }
            #expect(
                shares.map(\.parts) == [["document:\(shared.id)"]], "only existing documents of the case are shared")
            #expect(try await h.cases.open(c.id, staff: jenaClerk, authorityID: CaseHarness.jena) == nil)
            #expect(try await h.cases.involvements(authorityID: CaseHarness.weimar).map(\.0.id) == [shareID])
            #expect(try await h.cases.involvements(authorityID: CaseHarness.jena).isEmpty)
            try await h.cases.answer(
                share: shareID, statement: "Keine Einwände.", by: weimarClerk, authorityID: CaseHarness.weimar)
            await #expect(throws: CaseStore.CaseError.notFound) {
                try await h.cases.answer(share: shareID, statement: "x", by: jenaClerk, authorityID: CaseHarness.jena)
            }
            let history = try await h.cases.events(of: c.id)
            #expect(history.contains { $0.kind == "shared" && $0.detail.hasPrefix(CaseHarness.weimar) })
            #expect(history.contains { $0.kind == "statement" && $0.detail.contains("Keine Einwände") })
            // Both openings and the changes are in the audit chains of the authorities that made them.
            let weimarAudit = try await h.cases.auditEntries(chain: CaseHarness.weimar)
            #expect(weimarAudit.map(\.action) == ["case.opened", "case.statement"])
            #expect(try await h.cases.auditEntries(chain: CaseHarness.jena).isEmpty, "a refused opening is no read")
        }
    }

    @Test("Documents are versioned, never overwritten, and checked against their hash", arguments: Backend.all)
    func documentVersions(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let h = try await CaseHarness(database)
            let clerk = try await h.clerk("SB", of: CaseHarness.erfurt)
            let c = try await h.caseOf(try await h.submit(applicant: nil))
            let v1 = try await h.cases.addDocument(
                c.id, documentID: nil, title: "Bescheidentwurf", data: Data("v1".utf8), filename: "e.txt",
                contentType: "text/plain", by: clerk, authorityID: CaseHarness.erfurt)
            h.clock.advance(by: 60)
            let v2 = try await h.cases.addDocument(
                c.id, documentID: v1.id, title: "Bescheidentwurf", data: Data("v2".utf8), filename: "e.txt",
                contentType: "text/plain", by: clerk, authorityID: CaseHarness.erfurt)
            #expect(v2.id == v1.id)
            #expect(v2.version == 2)
            #expect(
                try await h.cases.documentContent(caseID: c.id, documentID: v1.id, version: 1)?.1 == Data("v1".utf8))
            #expect(
                try await h.cases.documentContent(caseID: c.id, documentID: v1.id, version: 2)?.1 == Data("v2".utf8))
            let other = try await h.caseOf(try await h.submit(applicant: nil))
            #expect(try await h.cases.documentContent(caseID: other.id, documentID: v1.id, version: 1) == nil)
            // A blob changed on disk is an integrity failure, not silently served.
            let path = h.blobRoot.appendingPathComponent(String(v1.sha256.prefix(2)))
                .appendingPathComponent(String(v1.sha256.dropFirst(2).prefix(2))).appendingPathComponent(v1.sha256)
            try Data("tampered".utf8).write(to: path)
            await #expect(throws: StorageError.self) {
                _ = try await h.cases.documentContent(caseID: c.id, documentID: v1.id, version: 1)
            }
        }
    }

    @Test(
        "Retention: past the period the case, its submission, files, messages and drafts are gone",
        arguments: Backend.all)
    func retention(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let h = try await CaseHarness(database)
            let applicant = try await h.citizen("Erika")
            let clerk = try await h.clerk("SB", of: CaseHarness.erfurt)
            let submission = try await h.submit(applicant: applicant)
            let c = try await h.caseOf(submission)
            let keep = try await h.caseOf(try await h.submit(applicant: applicant))
            try await h.cases.check(
                c.id, complete: false, request: "Nachweis", by: clerk, authorityID: CaseHarness.erfurt)
            try await h.cases.submitDocuments(
                c.id, files: [(Data("geheimer Nachweis".utf8), "n.pdf", "application/pdf")], accountID: applicant)
            let upload = try #require(try await h.cases.documents(of: c.id).first)
            try await h.cases.check(c.id, complete: true, by: clerk, authorityID: CaseHarness.erfurt)
            try await h.cases.decide(
                c.id, outcome: .rejected, reasons: "Nicht berechtigt.", by: clerk, authorityID: CaseHarness.erfurt)
            try await h.cases.close(c.id, by: clerk, authorityID: CaseHarness.erfurt)
            let drafts = DraftStore(database: database, clock: h.clock, lifetime: 30 * 86_400)
            let draft = try await drafts.create(leika: CaseHarness.parking, ars: "160510000000", accountID: applicant)
            let blob = h.blobRoot.appendingPathComponent(String(upload.sha256.prefix(2)))
                .appendingPathComponent(String(upload.sha256.dropFirst(2).prefix(2))).appendingPathComponent(
                    upload.sha256)
            #expect(FileManager.default.fileExists(atPath: blob.path))

            // One day before the end of the period nothing goes.
            h.clock.set(Timestamp.date("2033-12-31T12:00:00.000Z")!)
            #expect(try await database.transaction { db in try await h.cases.applyRetention(on: db) } == 0)
            h.clock.set(Timestamp.date("2034-01-01T12:00:00.000Z")!)
            #expect(try await database.transaction { db in try await h.cases.applyRetention(on: db) } == 1)
            try await database.transaction { db in
                try await Maintenance.run(on: db, clock: h.clock, queue: h.jobs)
            }
            #expect(try await h.cases.record(c.id) == nil)
            #expect(try await h.cases.record(keep.id) != nil, "an open case stays")
            #expect(try await h.cases.cases(ofApplicant: applicant).map(\.id) == [keep.id])
            #expect(!FileManager.default.fileExists(atPath: blob.path), "the file is removed from the store")
            #expect(try await h.messages(applicant).allSatisfy { $0.caseID != c.id })
            try await database.read { db in
                let checks: [(String, String, String)] = [
                    ("cases", "id", c.id), ("case_events", "case_id", c.id), ("case_documents", "case_id", c.id),
                    ("submissions", "id", submission.id), ("submission_events", "submission_id", submission.id),
                    ("messages", "case_id", c.id), ("process_instances", "id", c.processInstanceID ?? ""),
                    ("process_history", "instance_id", c.processInstanceID ?? ""), ("drafts", "id", draft.0.id),
                ]
                for (table, column, value) in checks {
                    let n = try await db.raw(
                        "SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) = \(bind: value)"
                    ).first(decodingColumn: "n", as: Int.self)
                    #expect(n == 0, "\(table) still holds the case")
                }
                let deletion = try await db.raw("SELECT number, offered_to_archive FROM case_deletions").all()
                #expect(deletion.count == 1)
                #expect(try deletion.first?.decode(column: "number", as: String.self) == c.number)
                let package = try #require(
                    try await db.raw("SELECT package FROM archive_packages WHERE case_number = \(bind: c.number)")
                        .first(decodingColumn: "package", as: Data.self))
                let (archived, docs) = try CaseArchive.read(package)
                #expect(archived.metadata.number == c.number)
                #expect(archived.metadata.decision?.reasons == "Nicht berechtigt.")
                #expect(docs.values.contains(Data("geheimer Nachweis".utf8)))
            }
        }
    }

    @Test(
        "The audit chains verify; a row altered by hand is named; pruning leaves a signed checkpoint",
        arguments: Backend.all)
    func auditChains(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let h = try await CaseHarness(database)
            let clerk = try await h.clerk("SB", of: CaseHarness.erfurt)
            for _ in 0..<3 {
                let c = try await h.caseOf(try await h.submit(applicant: nil))
                _ = try await h.cases.open(c.id, staff: clerk, authorityID: CaseHarness.erfurt)
                try await h.cases.addNote(c.id, text: "geprüft", by: clerk, authorityID: CaseHarness.erfurt)
            }
            let keys = [h.auditKey.publicKey]
            var result = try await h.cases.verifyAudit(keys: keys)
            #expect(result.entries == 6)
            #expect(result.breaks.isEmpty)
            try await database.transaction { db in
                try await db.raw(
                    "UPDATE case_audit SET actor = 'jemand anderes' WHERE chain = \(bind: CaseHarness.erfurt) AND seq = 4"
                ).run()
            }
            result = try await h.cases.verifyAudit(keys: keys)
            #expect(result.breaks.map(\.seq) == [4])
            try await database.transaction { db in
                try await db.raw(
                    "UPDATE case_audit SET actor = \(bind: clerk) WHERE chain = \(bind: CaseHarness.erfurt) AND seq = 4"
                ).run()
            }
            #expect(try await h.cases.verifyAudit(keys: keys).breaks.isEmpty)
            // Two years and a day later the entries go behind a checkpoint; new entries go on from it.
            h.clock.advance(by: AuditTrail.retention + 86_400)
            try await database.transaction { db in _ = try await h.cases.applyRetention(on: db) }
            #expect(try await h.cases.auditEntries(chain: CaseHarness.erfurt).isEmpty)
            #expect(try await h.cases.checkpoints(chain: CaseHarness.erfurt).map(\.seq) == [6])
            let c = try await h.caseOf(try await h.submit(applicant: nil))
            _ = try await h.cases.open(c.id, staff: clerk, authorityID: CaseHarness.erfurt)
            #expect(try await h.cases.auditEntries(chain: CaseHarness.erfurt).map(\.seq) == [7])
            result = try await h.cases.verifyAudit(keys: keys)
            #expect(result.breaks.isEmpty)
            // Without the right key the checkpoint does not verify.
            #expect(!(try await h.cases.verifyAudit(keys: [P256.Signing.PrivateKey().publicKey]).breaks.isEmpty))
        }
    }

    @Test("The export ZIP of a case reads back into the same case data", arguments: Backend.all)
    func exportRoundTrip(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let h = try await CaseHarness(database)
            let applicant = try await h.citizen("Erika")
            let clerk = try await h.clerk("SB", of: CaseHarness.erfurt)
            let submission = try await h.submit(applicant: applicant)
            let c = try await h.caseOf(submission)
            try await h.cases.addNote(c.id, text: "Vermerk: vollständig", by: clerk, authorityID: CaseHarness.erfurt)
            try await h.cases.check(c.id, complete: true, by: clerk, authorityID: CaseHarness.erfurt)
            try await h.cases.decide(
                c.id, outcome: .partlyApproved, reasons: "Nur ein Fahrzeug.", by: clerk, authorityID: CaseHarness.erfurt
            )
            let zip = try await h.cases.export(c.id, authorityName: "Stadt Erfurt", serviceName: "Bewohnerparken")
            let (export, docs) = try CaseArchive.read(zip)
            let r = try #require(try await h.cases.record(c.id))
            #expect(export.metadata.id == r.id)
            #expect(export.metadata.number == r.number)
            #expect(export.metadata.status == r.status)
            #expect(export.metadata.decision == r.decision)
            #expect(export.metadata.deadline == r.deadline)
            #expect(export.metadata.processID == DefaultProcess.id)
            #expect(export.submission?.data == submission.data)
            #expect(export.submission?.contentHash == submission.contentHash)
            let documents = try await h.cases.documents(of: c.id)
            #expect(export.documents.map(\.sha256) == documents.map(\.sha256))
            for d in documents {
                #expect(
                    docs["\(d.id)#\(d.version)"]
                        == (try await h.cases.documentContent(caseID: c.id, documentID: d.id, version: d.version))?.1)
            }
            #expect(export.history.map(\.kind) == (try await h.cases.events(of: c.id)).map(\.kind))
            #expect(export.audit == (try await h.cases.auditEntries(caseID: c.id)))
        }
    }

    @Test("Inbox pages cover every case once, in order, for each filter and sort", arguments: Backend.all)
    func inboxKeyset(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let h = try await CaseHarness(database)
            let clerk = try await h.clerk("SB", of: CaseHarness.erfurt)
            var ids: [String] = []
            for i in 0..<37 {
                h.clock.advance(by: i % 3 == 0 ? 0 : 3600)  // equal timestamps too: the id breaks ties
                let c = try await h.caseOf(
                    try await h.submit(applicant: nil, leika: i % 2 == 0 ? CaseHarness.parking : "99123456789000"))
                ids.append(c.id)
                if i % 4 == 0 { try await h.cases.assign(c.id, to: clerk, by: clerk, authorityID: CaseHarness.erfurt) }
            }
            _ = try await h.submit(applicant: nil, authority: CaseHarness.weimar)
            func all(_ parameters: [String: String]) async throws -> [CaseStore.Summary] {
                var out: [CaseStore.Summary] = []
                var p = parameters
                p["limit"] = "5"
                while true {
                    let page = try await h.cases.inbox(
                        authorityID: CaseHarness.erfurt, InboxQuery(parameters: p, me: clerk, today: "2027-01-02"))
                    out += page.items
                    guard let next = page.next else { break }
                    p["after"] = next.token
                }
                return out
            }
            let newest = try await all([:])
            #expect(newest.count == 37, "another authority's case is not in the inbox")
            #expect(Set(newest.map(\.id)) == Set(ids))
            #expect(newest.map(\.receivedAt) == newest.map(\.receivedAt).sorted(by: >))
            let oldest = try await all(["sort": "oldest"])
            #expect(oldest.map(\.id) == newest.map(\.id).reversed())
            let mine = try await all(["assignee": "me"])
            #expect(mine.count == 10)
            #expect(mine.allSatisfy { $0.assigneeID == clerk && $0.assigneeName == "SB" })
            #expect(try await all(["assignee": "none"]).count == 27)
            #expect(try await all(["service": CaseHarness.parking]).count == 19)
            #expect(try await all(["status": "closed"]).isEmpty)
            let byDeadline = try await all(["sort": "deadline"])
            #expect(byDeadline.count == 37)
            #expect(byDeadline.map(\.deadline) == byDeadline.map(\.deadline).sorted())
            #expect(try await all(["overdue": "1"]).isEmpty)
            let overdue = try await h.cases.inbox(
                authorityID: CaseHarness.erfurt,
                InboxQuery(parameters: ["overdue": "1"], me: clerk, today: "2027-12-31"))
            #expect(overdue.items.count == 25)
        }
    }
}
