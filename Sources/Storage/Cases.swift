import Cases
import Crypto
import Deadlines
import Expressions
import Foundation
import Notices
import SQLKit
import Workflow

/// Case processing (Vorgangsbearbeitung): every submission becomes a case of the authority it was
/// routed to, running a BPMN process; clerks work it from an inbox; every document is kept in the
/// electronic file with version, author and hash; other authorities can be involved with read
/// access to exactly what was shared; staff access is in a per-authority audit chain; closed cases
/// go (offered to the archive first) when their retention period ends.
///
/// Every change of a case commits in one transaction with its process step, its history entry, its
/// audit entry and the messages it sends.
public final class CaseStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let processes: ProcessStore
    public let mailbox: Mailbox
    let blobs: any BlobStore
    let auditKey: P256.Signing.PrivateKey?
    let policies: CasePolicies
    /// Issues the sealed notice of a decision; without it, the decision goes out as a message only.
    public let notices: NoticeStore?

    public init(
        database: Database, clock: any WallClock, processes: ProcessStore, mailbox: Mailbox, blobs: any BlobStore,
        auditKey: P256.Signing.PrivateKey? = nil, policies: CasePolicies = CasePolicies(), notices: NoticeStore? = nil
    ) {
        self.notices = notices
        self.database = database
        self.clock = clock
        self.processes = processes
        self.mailbox = mailbox
        self.blobs = blobs
        self.auditKey = auditKey
        self.policies = policies
        processes.addObserver { [weak self] instance, outcome, db, now in
            try await self?.processMoved(instance, outcome, on: db, at: now)
        }
    }

    /// The handlers of the default process's service tasks. Their effects (messages, history) are
    /// written by the step observer in the step's transaction; the handlers only set variables.
    public static let taskHandlers: [String: TaskHandler] = [
        "case.remind": { _ in [:] },
        "case.deadlinePassed": { _ in ["documentsDeadlinePassed": .bool(true)] },
        "case.notify": { _ in [:] },
    ]

    /// Deploys the default case process (once per version; safe on every start).
    public func deployDefaultProcess() async throws {
        _ = try await processes.deploy(Data(DefaultProcess.bpmn.utf8))
    }

    // MARK: Types

    public struct Summary: Sendable, Equatable, Codable {
        public var id: String
        public var number: String
        public var leika: String
        public var status: CaseStatus
        public var applicantName: String
        public var assigneeID: String?
        public var assigneeName: String?
        public var receivedAt: String
        public var deadline: String
        public var channel: Channel
    }

    public struct Page: Sendable {
        public var items: [Summary]
        public var next: InboxCursor?
    }

    public struct Record: Sendable, Equatable {
        public var id: String
        public var number: String
        public var authorityID: String
        public var leika: String
        public var submissionID: String?
        public var applicantAccountID: String?
        public var applicantName: String
        public var channel: Channel
        public var enteredBy: String?
        public var status: CaseStatus
        public var assigneeID: String?
        public var teamID: String?
        public var processInstanceID: String?
        public var receivedAt: String
        public var deadline: String
        public var decision: Decision?
        public var proposal: Proposal?
        public var request: DocumentRequest?
        public var closedAt: String?
        public var retentionUntil: String?
    }

    /// An open request for documents: what, until when (a date), the message that asked.
    public struct DocumentRequest: Sendable, Equatable, Codable {
        public var text: String
        public var deadline: String
        public var messageID: String
    }

    public struct Document: Sendable, Equatable, Codable {
        public var id: String
        public var version: Int
        public var title: String
        public var kind: String
        public var filename: String
        public var contentType: String
        public var size: Int
        public var sha256: String
        public var author: String
        public var createdAt: String
    }

    public struct Event: Sendable, Equatable, Codable {
        public var seq: Int
        public var at: String
        public var actor: String
        public var kind: String
        public var detail: String
        /// Shown to the applicant in their account.
        public var visible: Bool
    }

    public struct Share: Sendable, Equatable, Codable {
        public var id: String
        public var caseID: String
        public var authorityID: String
        /// `data` (the submitted data) and/or `document:<id>` entries.
        public var parts: [String]
        public var task: String
        public var sharedBy: String
        public var sharedAt: String
        public var answer: String?
        public var answeredBy: String?
        public var answeredAt: String?
    }

    /// How the actor may see a case.
    public enum Access: Sendable, Equatable {
        /// Staff of the responsible authority: everything.
        case responsible
        /// Staff of an involved authority: only the shared parts.
        case involved([Share])
        /// The applicant: status, public history, their documents, decision.
        case applicant
    }

    public enum CaseError: Error, Equatable {
        case notFound
        /// The action does not fit where the case stands (e.g. deciding a case that waits for documents).
        case notPossible(String)
    }

    // MARK: Opening

    /// Opens cases for freshly accepted submissions inside their group commit: case numbers per
    /// authority and year, the processing deadline, the team by service and area, and the process.
    ///
    /// An application a clerk entered (paper, phone, counter) keeps its channel, the applicant's name
    /// as entered and the clerk; its scan (from `enclosures`, by submission id) becomes the first
    /// document of the file, its note the first note, and `case.entered` goes into the audit chain.
    public func open(
        submissions: [SubmissionStore.Submission], enclosures: [String: SubmissionStore.StaffEntry.Enclosure] = [:],
        on db: any SQLDatabase
    ) async throws {
        let now = clock.now()
        let names = try await applicantNames(submissions.compactMap(\.accountId), on: db)
        var numbers = try await nextNumbers(
            Dictionary(grouping: submissions, by: \.authorityId).mapValues(\.count), year: Self.year(now), on: db)
        for s in submissions {
            let number = numbers[s.authorityId, default: []].removeFirst()
            let id = Identifier.uuidV7(at: now)
            let staffChannel = s.channel.flatMap(Channel.init(rawValue:)).flatMap { $0.enteredByStaff ? $0 : nil }
            let clerk = staffChannel == nil ? nil : s.enteredBy
            try await insertCase(
                id: id, number: number, authorityID: s.authorityId, leika: s.leika, ars: s.ars,
                submissionID: s.id, applicantAccountID: s.accountId,
                applicantName: s.applicantName ?? s.accountId.flatMap { names[$0] } ?? "",
                channel: staffChannel ?? (s.clientId == nil ? .online : .api),
                enteredBy: clerk, receivedAt: s.submittedAt, now: now, on: db)
            guard let clerk, let channel = staffChannel else { continue }
            let enclosure = enclosures[s.id]
            if let scan = enclosure?.scan {
                _ = try await putDocument(
                    caseID: id, documentID: nil, title: "Antrag (\(channel.rawValue))", kind: "application",
                    data: scan.data, filename: scan.filename, contentType: scan.contentType, author: clerk, now: now,
                    on: db)
            }
            if let note = enclosure?.note, !note.isEmpty {
                try await event(id, actor: clerk, kind: "note", detail: note, on: db)
            }
            try await audit(
                s.authorityId, actor: clerk, action: "case.entered", caseID: id, detail: channel.rawValue, on: db)
        }
    }

    /// A clerk enters an application that arrived on paper, by phone or at the counter: the
    /// scanned or noted application is the first document of the file; the case records who
    /// entered it and how it came.
    public func enter(
        authorityID: String, leika: String, ars: String, applicantName: String, applicantAccountID: String?,
        channel: Channel, document: (data: Data, filename: String, contentType: String)?, note: String,
        by clerk: String
    ) async throws -> String {
        let now = clock.now()
        let id = Identifier.uuidV7(at: now)
        try await database.transaction { db in
            let number = try await self.nextNumbers([authorityID: 1], year: Self.year(now), on: db)[authorityID]![0]
            try await self.insertCase(
                id: id, number: number, authorityID: authorityID, leika: leika, ars: ars, submissionID: nil,
                applicantAccountID: applicantAccountID, applicantName: applicantName, channel: channel,
                enteredBy: clerk, receivedAt: Timestamp.string(now), now: now, on: db)
            if let document {
                try await self.putDocument(
                    caseID: id, documentID: nil, title: "Antrag (\(channel.rawValue))", kind: "application",
                    data: document.data, filename: document.filename, contentType: document.contentType, author: clerk,
                    now: now, on: db)
            }
            if !note.isEmpty { try await self.event(id, actor: clerk, kind: "note", detail: note, on: db) }
            try await self.audit(
                authorityID, actor: clerk, action: "case.entered", caseID: id, detail: channel.rawValue, on: db)
        }
        return id
    }

    private func insertCase(
        id: String, number: String, authorityID: String, leika: String, ars: String, submissionID: String?,
        applicantAccountID: String?, applicantName: String, channel: Channel, enteredBy: String?, receivedAt: String,
        now: Date, on db: any SQLDatabase
    ) async throws {
        let received = CivilDate.berlin(Timestamp.date(receivedAt) ?? now)
        let deadline =
            (try? Deadline.end(
                start: received, period: .months(policies.processingMonths(leika)), counting: .event,
                municipality: ars))?.effectiveEnd.iso ?? received.iso
        let team = try await teamFor(authorityID: authorityID, leika: leika, ars: ars, on: db)
        let nowString = Timestamp.string(now)
        try await db.raw(
            """
            INSERT INTO cases (id, number, authority_id, leika, ars, submission_id, applicant_account_id, applicant_name,
                channel, entered_by, status, is_open, team_id, received_at, deadline, updated_at)
            VALUES (\(bind: id), \(bind: number), \(bind: authorityID), \(bind: leika), \(bind: ars), \(bind: submissionID),
                \(bind: applicantAccountID), \(bind: applicantName), \(bind: channel.rawValue), \(bind: enteredBy),
                'received', 1, \(bind: team), \(bind: receivedAt), \(bind: deadline), \(bind: nowString))
            """
        ).run()
        try await event(
            id, actor: enteredBy ?? "system", kind: "received", detail: channel.rawValue, visible: true, on: db)
        let processID =
            processes.model(DefaultProcess.serviceProcessID(leika: leika)) != nil
            ? DefaultProcess.serviceProcessID(leika: leika) : DefaultProcess.id
        let (instance, _) = try await processes.start(
            processID,
            variables: [
                "leika": .string(leika), "automatic": .bool(false), "sampled": .bool(false),
                "sampleBefore": .bool(true),
            ], businessKey: id, on: db)
        try await db.raw("UPDATE cases SET process_instance_id = \(bind: instance.id) WHERE id = \(bind: id)").run()
    }

    static func year(_ date: Date) -> Int { CivilDate.berlin(date).year }

    /// Reserves `count` consecutive numbers per authority for this year: `2027-000042`.
    private func nextNumbers(_ counts: [String: Int], year: Int, on db: any SQLDatabase) async throws -> [String:
        [String]]
    {
        var out: [String: [String]] = [:]
        for (authority, count) in counts.sorted(by: { $0.key < $1.key }) {
            let last =
                try await db.raw(
                    """
                    INSERT INTO case_counters (authority_id, year, next) VALUES (\(bind: authority), \(bind: year), \(bind: count))
                    ON CONFLICT (authority_id, year) DO UPDATE SET next = case_counters.next + \(bind: count)
                    RETURNING next
                    """
                ).first(decodingColumn: "next", as: Int.self) ?? count
            out[authority] = (last - count + 1...last).map { n in
                let digits = String(n)
                return "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            }
        }
        return out
    }

    private func applicantNames(_ ids: [String], on db: any SQLDatabase) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        var out: [String: String] = [:]
        for row in try await db.raw(
            "SELECT id, display_name FROM accounts WHERE id IN \(SQLBind.group(Array(Set(ids))))"
        ).all() {
            out[try row.decode(column: "id", as: String.self)] = try row.decode(column: "display_name", as: String.self)
        }
        return out
    }

    /// The first team (by name) whose services and areas cover the case; nil: the whole authority.
    private func teamFor(authorityID: String, leika: String, ars: String, on db: any SQLDatabase) async throws
        -> String?
    {
        let rows = try await db.raw(
            "SELECT id, services, areas FROM teams WHERE authority_id = \(bind: authorityID) ORDER BY name, id"
        ).all()
        for row in rows {
            let services = try row.decode(column: "services", as: String.self).split(separator: " ").map(String.init)
            let areas = try row.decode(column: "areas", as: String.self).split(separator: " ").map(String.init)
            if (services.isEmpty || services.contains(leika)) && (areas.isEmpty || areas.contains { ars.hasPrefix($0) })
            {
                return try row.decode(column: "id", as: String.self)
            }
        }
        return nil
    }

    // MARK: Inbox

    /// One page of an authority's inbox: every filter and sort order is an index range scan from
    /// the cursor on (keyset pagination), so the thousandth page costs what the first does.
    public func inbox(authorityID: String, _ query: InboxQuery) async throws -> Page {
        var conditions: [SQLQueryString] = ["c.authority_id = \(bind: authorityID)"]
        switch query.status {
        case .open: conditions.append("c.is_open = 1")
        case .closed: conditions.append("c.is_open = 0")
        case .status(let s): conditions.append("c.status = \(bind: s.rawValue)")
        }
        if let service = query.service { conditions.append("c.leika = \(bind: service)") }
        switch query.assignee {
        case .anyone: break
        case .unassigned: conditions.append("c.assignee_id IS NULL")
        case .account(let id): conditions.append("c.assignee_id = \(bind: id)")
        }
        if let team = query.team { conditions.append("c.team_id = \(bind: team)") }
        if let today = query.overdueOn { conditions.append("c.deadline < \(bind: today)") }
        let order: SQLQueryString
        switch query.sort {
        case .newest:
            if let after = query.after {
                conditions.append("(c.received_at, c.id) < (\(bind: after.key), \(bind: after.id))")
            }
            order = "c.received_at DESC, c.id DESC"
        case .oldest:
            if let after = query.after {
                conditions.append("(c.received_at, c.id) > (\(bind: after.key), \(bind: after.id))")
            }
            order = "c.received_at ASC, c.id ASC"
        case .deadline:
            if let after = query.after {
                conditions.append("(c.deadline, c.id) > (\(bind: after.key), \(bind: after.id))")
            }
            order = "c.deadline ASC, c.id ASC"
        }
        // The hot path: cells as text through the driver (see Database.readText).
        let rows = try await database.readText(
            """
            SELECT c.id, c.number, c.leika, c.status, c.applicant_name, c.assignee_id, a.display_name AS assignee_name,
                   c.received_at, c.deadline, c.channel
            FROM cases c LEFT JOIN accounts a ON a.id = c.assignee_id
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT \(literal: query.limit + 1)
            """
        )
        var items = try rows.map(Self.summary(text:))
        var next: InboxCursor?
        if items.count > query.limit {
            items.removeLast()
            let last = items[items.count - 1]
            next = InboxCursor(
                sort: query.sort, key: query.sort == .deadline ? last.deadline : last.receivedAt, id: last.id)
        }
        return Page(items: items, next: next)
    }

    /// A summary from the inbox's text cells, in its SELECT order.
    static func summary(text row: [String?]) throws -> Summary {
        guard row.count == 10, let id = row[0], let number = row[1], let leika = row[2], let status = row[3],
            let applicant = row[4], let received = row[7], let deadline = row[8], let channel = row[9]
        else { throw StorageError.integrityFailure("inbox row with \(row.count) cells or a missing value") }
        return Summary(
            id: id, number: number, leika: leika, status: CaseStatus(rawValue: status) ?? .received,
            applicantName: applicant, assigneeID: row[5], assigneeName: row[6], receivedAt: received,
            deadline: deadline, channel: Channel(rawValue: channel) ?? .online)
    }

    static func summary(_ row: any SQLRow) throws -> Summary {
        Summary(
            id: try row.decode(column: "id", as: String.self),
            number: try row.decode(column: "number", as: String.self),
            leika: try row.decode(column: "leika", as: String.self),
            status: CaseStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .received,
            applicantName: try row.decode(column: "applicant_name", as: String.self),
            assigneeID: try row.decode(column: "assignee_id", as: String?.self),
            assigneeName: try row.decode(column: "assignee_name", as: String?.self),
            receivedAt: try row.decode(column: "received_at", as: String.self),
            deadline: try row.decode(column: "deadline", as: String.self),
            channel: Channel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .online)
    }

    /// Cases shared with an authority (its involvement tasks), newest first.
    public func involvements(authorityID: String, limit: Int = 100) async throws -> [(Share, Summary)] {
        try await database.read { db in
            let rows = try await db.raw(
                """
                SELECT s.id AS share_id, s.parts, s.task, s.shared_by, s.shared_at, s.answer, s.answered_by, s.answered_at,
                       c.id, c.number, c.leika, c.status, c.applicant_name, c.assignee_id, NULL AS assignee_name,
                       c.received_at, c.deadline, c.channel, s.authority_id
                FROM case_shares s JOIN cases c ON c.id = s.case_id
                WHERE s.authority_id = \(bind: authorityID) ORDER BY s.shared_at DESC, s.id DESC LIMIT \(literal: limit)
                """
            ).all()
            return try rows.map { row in
                let summary = try Self.summary(row)
                return (try Self.share(row, id: "share_id", caseID: summary.id), summary)
            }
        }
    }

    /// The applicant's cases, newest first.
    public func cases(ofApplicant accountID: String, limit: Int = 100) async throws -> [Summary] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT c.id, c.number, c.leika, c.status, c.applicant_name, NULL AS assignee_id, NULL AS assignee_name,
                       c.received_at, c.deadline, c.channel
                FROM cases c WHERE c.applicant_account_id = \(bind: accountID)
                ORDER BY c.received_at DESC, c.id DESC LIMIT \(literal: limit)
                """
            ).all().map(Self.summary)
        }
    }

    // MARK: Reading one case

    /// The case and how `actor` may see it, or nil when they may not (a 404 for them). Opening a
    /// case is recorded in the audit chain of the actor's authority (not for the applicant).
    public func open(_ id: String, staff accountID: String, authorityID: String) async throws -> (Record, Access)? {
        try await database.transaction { db in
            guard let record = try await self.record(id, on: db) else { return nil }
            let access: Access
            if record.authorityID == authorityID {
                access = .responsible
            } else {
                let shares = try await self.shares(of: id, on: db).filter { $0.authorityID == authorityID }
                guard !shares.isEmpty else { return nil }
                access = .involved(shares)
            }
            try await self.audit(authorityID, actor: accountID, action: "case.opened", caseID: id, detail: "", on: db)
            return (record, access)
        }
    }

    /// The applicant's own case.
    public func applicantCase(_ id: String, accountID: String) async throws -> Record? {
        try await database.read { db in
            guard let record = try await self.record(id, on: db), record.applicantAccountID == accountID else {
                return nil
            }
            return record
        }
    }

    public func record(_ id: String) async throws -> Record? {
        try await database.read { db in try await self.record(id, on: db) }
    }

    /// The case opened for a submission.
    public func caseID(submission id: String) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT id FROM cases WHERE submission_id = \(bind: id)").first(
                decodingColumn: "id", as: String.self)
        }
    }

    func record(_ id: String, on db: any SQLDatabase) async throws -> Record? {
        guard let row = try await db.raw("SELECT * FROM cases WHERE id = \(bind: id)").first() else { return nil }
        let decision = try row.decode(column: "decision", as: String?.self).flatMap {
            try? JSONDecoder().decode(Decision.self, from: Data($0.utf8))
        }
        let proposal = try row.decode(column: "proposal", as: String?.self).flatMap {
            try? JSONDecoder().decode(Proposal.self, from: Data($0.utf8))
        }
        let request = try row.decode(column: "open_request", as: String?.self).flatMap {
            try? JSONDecoder().decode(DocumentRequest.self, from: Data($0.utf8))
        }
        return Record(
            id: id, number: try row.decode(column: "number", as: String.self),
            authorityID: try row.decode(column: "authority_id", as: String.self),
            leika: try row.decode(column: "leika", as: String.self),
            submissionID: try row.decode(column: "submission_id", as: String?.self),
            applicantAccountID: try row.decode(column: "applicant_account_id", as: String?.self),
            applicantName: try row.decode(column: "applicant_name", as: String.self),
            channel: Channel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .online,
            enteredBy: try row.decode(column: "entered_by", as: String?.self),
            status: CaseStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .received,
            assigneeID: try row.decode(column: "assignee_id", as: String?.self),
            teamID: try row.decode(column: "team_id", as: String?.self),
            processInstanceID: try row.decode(column: "process_instance_id", as: String?.self),
            receivedAt: try row.decode(column: "received_at", as: String.self),
            deadline: try row.decode(column: "deadline", as: String.self), decision: decision, proposal: proposal,
            request: request,
            closedAt: try row.decode(column: "closed_at", as: String?.self),
            retentionUntil: try row.decode(column: "retention_until", as: String?.self))
    }

    public func events(of id: String, applicantView: Bool = false) async throws -> [Event] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT seq, at, actor, kind, detail, visible FROM case_events WHERE case_id = \(bind: id)
                \(unsafeRaw: applicantView ? "AND visible = 1" : "") ORDER BY seq
                """
            ).all().map { row in
                Event(
                    seq: try row.decode(column: "seq", as: Int.self), at: try row.decode(column: "at", as: String.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    detail: try row.decode(column: "detail", as: String.self),
                    visible: try row.decode(column: "visible", as: Int.self) == 1)
            }
        }
    }

    /// Every version of every document of the case, oldest first.
    public func documents(of id: String) async throws -> [Document] {
        try await database.read { db in try await self.documents(of: id, on: db) }
    }

    func documents(of id: String, on db: any SQLDatabase) async throws -> [Document] {
        try await db.raw(
            """
            SELECT id, version, title, kind, filename, content_type, size, sha256, author, created_at
            FROM case_documents WHERE case_id = \(bind: id) ORDER BY created_at, id, version
            """
        ).all(decoding: Document.self, with: JobQueue.decoder)
    }

    /// A document's bytes, checked against its hash; only documents of this case.
    public func documentContent(caseID: String, documentID: String, version: Int) async throws -> (Document, Data)? {
        let blobs = self.blobs
        return try await database.read { db -> (Document, Data)? in
            guard
                let document = try await db.raw(
                    """
                    SELECT id, version, title, kind, filename, content_type, size, sha256, author, created_at
                    FROM case_documents WHERE case_id = \(bind: caseID) AND id = \(bind: documentID) AND version = \(bind: version)
                    """
                ).first(decoding: Document.self, with: JobQueue.decoder)
            else { return nil }
            guard let data = try await blobs.get(sha256: document.sha256, on: db),
                DocumentStore.sha256(data) == document.sha256
            else { throw StorageError.integrityFailure("case document \(documentID) v\(version)") }
            return (document, data)
        }
    }

    /// The files uploaded with the application (the submission's attachments), as documents of the
    /// file: version 1, kind `attachment`, titled by the form field they belong to.
    public func attachments(of record: Record) async throws -> [Document] {
        guard let sid = record.submissionID else { return [] }
        return try await database.read { db in try await self.attachments(submission: sid, on: db) }
    }

    func attachments(submission sid: String, on db: any SQLDatabase) async throws -> [Document] {
        try await db.raw(
            """
            SELECT d.id, d.sha256, d.size, d.content_type, d.filename, d.created_at, s.field_pointer,
                   COALESCE(d.account_id, '') AS author
            FROM submission_documents s JOIN documents d ON d.id = s.document_id
            WHERE s.submission_id = \(bind: sid) ORDER BY s.field_pointer, d.id
            """
        ).all().map { row in
            Document(
                id: try row.decode(column: "id", as: String.self), version: 1,
                title: try row.decode(column: "field_pointer", as: String.self), kind: "attachment",
                filename: try row.decode(column: "filename", as: String.self),
                contentType: try row.decode(column: "content_type", as: String.self),
                size: try row.decode(column: "size", as: Int.self),
                sha256: try row.decode(column: "sha256", as: String.self),
                author: try row.decode(column: "author", as: String.self),
                createdAt: try row.decode(column: "created_at", as: String.self))
        }
    }

    /// An attachment's bytes, only when it belongs to this case's submission; checked against its hash.
    public func attachmentContent(record: Record, documentID: String) async throws -> (Document, Data)? {
        guard let sid = record.submissionID else { return nil }
        let blobs = self.blobs
        return try await database.read { db -> (Document, Data)? in
            guard let d = try await self.attachments(submission: sid, on: db).first(where: { $0.id == documentID })
            else { return nil }
            guard let data = try await blobs.get(sha256: d.sha256, on: db), DocumentStore.sha256(data) == d.sha256
            else { throw StorageError.integrityFailure("attachment \(documentID)") }
            return (d, data)
        }
    }

    /// The messages sent about the case (to the applicant, and their replies), oldest first.
    public func messages(of id: String) async throws -> [Mailbox.Message] {
        try await database.read { db in
            try await db.raw("SELECT * FROM messages WHERE case_id = \(bind: id) ORDER BY created_at, id").all().map(
                Mailbox.message)
        }
    }

    public func shares(of id: String) async throws -> [Share] {
        try await database.read { db in try await self.shares(of: id, on: db) }
    }

    func shares(of id: String, on db: any SQLDatabase) async throws -> [Share] {
        try await db.raw(
            """
            SELECT id, authority_id, parts, task, shared_by, shared_at, answer, answered_by, answered_at
            FROM case_shares WHERE case_id = \(bind: id) ORDER BY shared_at, id
            """
        ).all().map { try Self.share($0, id: "id", caseID: id) }
    }

    static func share(_ row: any SQLRow, id: String, caseID: String) throws -> Share {
        Share(
            id: try row.decode(column: id, as: String.self), caseID: caseID,
            authorityID: try row.decode(column: "authority_id", as: String.self),
            parts: try row.decode(column: "parts", as: String.self).split(separator: " ").map(String.init),
            task: try row.decode(column: "task", as: String.self),
            sharedBy: try row.decode(column: "shared_by", as: String.self),
            sharedAt: try row.decode(column: "shared_at", as: String.self),
            answer: try row.decode(column: "answer", as: String?.self),
            answeredBy: try row.decode(column: "answered_by", as: String?.self),
            answeredAt: try row.decode(column: "answered_at", as: String?.self))
    }

    /// The open user tasks of the case's process (what the clerk can do next).
    public func openTasks(of record: Record) async throws -> [String] {
        guard let pid = record.processInstanceID, let instance = try await processes.instance(pid) else { return [] }
        return instance.openTasks.map(\.nodeID)
    }

    // MARK: Actions of the responsible authority

    /// Runs a change of a case by staff of its authority in one transaction, with its audit entry.
    private func change<R: Sendable>(
        _ id: String, by clerk: String, authorityID: String, action: String, detail: String = "",
        _ body: @escaping @Sendable (Record, any SQLDatabase, Date) async throws -> R
    ) async throws -> R {
        try await database.transaction { db in
            let lock = self.database.kind == .postgres ? " FOR UPDATE" : ""
            guard try await db.raw("SELECT id FROM cases WHERE id = \(bind: id)\(unsafeRaw: lock)").first() != nil,
                let record = try await self.record(id, on: db), record.authorityID == authorityID
            else { throw CaseError.notFound }
            let now = self.clock.now()
            let result = try await body(record, db, now)
            try await db.raw("UPDATE cases SET updated_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: id)")
                .run()
            try await self.audit(authorityID, actor: clerk, action: action, caseID: id, detail: detail, on: db)
            return result
        }
    }

    /// Assigns the case (to oneself: claiming it). `assignee` nil releases it.
    public func assign(_ id: String, to assignee: String?, by clerk: String, authorityID: String) async throws {
        try await change(id, by: clerk, authorityID: authorityID, action: "case.assigned", detail: assignee ?? "") {
            _, db, _ in
            if let assignee {
                let staff = try await db.raw(
                    "SELECT account_id FROM staff_accounts WHERE account_id = \(bind: assignee) AND authority_id = \(bind: authorityID)"
                ).first()
                guard staff != nil else { throw CaseError.notPossible("not a member of this authority") }
            }
            try await db.raw("UPDATE cases SET assignee_id = \(bind: assignee) WHERE id = \(bind: id)").run()
            try await self.event(id, actor: clerk, kind: "assigned", detail: assignee ?? "", on: db)
        }
    }

    public func addNote(_ id: String, text: String, by clerk: String, authorityID: String) async throws {
        try await change(id, by: clerk, authorityID: authorityID, action: "case.note") { _, db, now in
            try await self.event(id, actor: clerk, kind: "note", detail: text, on: db)
            // A note is a document of the file too (Aktenvermerk), versioned like any other.
            try await self.putDocument(
                caseID: id, documentID: nil, title: "Vermerk", kind: "note", data: Data(text.utf8),
                filename: "vermerk.txt", contentType: "text/plain; charset=utf-8", author: clerk, now: now, on: db)
        }
    }

    /// Adds a document to the file, or a new version of one (nothing is overwritten).
    @discardableResult
    public func addDocument(
        _ id: String, documentID: String?, title: String, data: Data, filename: String, contentType: String,
        by clerk: String, authorityID: String
    ) async throws -> Document {
        try await change(id, by: clerk, authorityID: authorityID, action: "case.document") { _, db, now in
            try await self.putDocument(
                caseID: id, documentID: documentID, title: title, kind: "document", data: data, filename: filename,
                contentType: contentType, author: clerk, now: now, on: db)
        }
    }

    /// The completeness check: complete → the decision is next; incomplete → a message to the
    /// applicant's mailbox with what is missing and an upload link, and the process waits for the
    /// documents with a reminder and a deadline.
    public func check(
        _ id: String, complete: Bool, request: String = "", days: Int = 14, by clerk: String, authorityID: String
    ) async throws {
        try await change(
            id, by: clerk, authorityID: authorityID, action: "case.checked",
            detail: complete ? "complete" : "incomplete"
        ) {
            record, db, now in
            var variables: [String: Value] = ["complete": .bool(complete)]
            if !complete {
                guard let applicant = record.applicantAccountID else {
                    throw CaseError.notPossible("the applicant has no mailbox; ask on paper")
                }
                let today = CivilDate.berlin(now)
                let deadline =
                    (try? Deadline.afterNotice(
                        dispatched: today, channel: .electronic, period: .days(days), municipality: nil))?.effectiveEnd
                    ?? today.adding(days: days) ?? today
                let deadlineAt = Self.endOfDay(deadline)
                let reminderAt = max(now, deadlineAt.addingTimeInterval(-Double(max(1, days / 2)) * 86_400))
                let body = """
                    Guten Tag,

                    für Ihren Antrag \(record.number) fehlen noch Unterlagen:

                    \(request)

                    Bitte laden Sie sie bis zum \(deadline.german) hoch: /konto/vorgaenge/\(id)#unterlagen

                    Ohne die Unterlagen entscheiden wir nach Aktenlage.
                    """
                let messageID = try await self.mailbox.send(
                    to: applicant, from: authorityID, by: clerk, subject: "Unterlagen fehlen: \(record.number)",
                    body: body, caseID: id, on: db)
                let open = DocumentRequest(text: request, deadline: deadline.iso, messageID: messageID)
                try await db.raw(
                    "UPDATE cases SET open_request = \(bind: Self.json(open)) WHERE id = \(bind: id)"
                ).run()
                try await self.event(
                    id, actor: clerk, kind: "documents_requested", detail: "\(deadline.iso) \(request)", visible: true,
                    on: db)
                variables["reminderAt"] = .string(Timestamp.string(reminderAt))
                variables["deadlineAt"] = .string(Timestamp.string(deadlineAt))
            } else {
                try await self.event(id, actor: clerk, kind: "checked_complete", detail: "", visible: true, on: db)
                // The clerk confirmed the data complete (verified, until registers confirm them):
                // the rules propose, and decide where the service's policy allows it.
                if let automatic = try await self.assess(record, at: now, on: db) {
                    variables["automatic"] = .bool(true)
                    variables["sampled"] = .bool(automatic.sampled)
                    variables["sampleBefore"] = .bool(automatic.before)
                }
            }
            try await self.completeTask(record, DefaultProcess.Task.check, variables: variables, on: db)
        }
    }

    /// Runs the service's rules on the submission: stores the proposal, and when the policy allows an
    /// automatic decision, decides (automated) and draws the sample. Returns the automatic route.
    func assess(_ record: Record, at now: Date, on db: any SQLDatabase) async throws -> (sampled: Bool, before: Bool)? {
        guard let assessor = policies.assessors[record.leika], let sid = record.submissionID,
            let row = try await db.raw("SELECT data, ars, provenance FROM submissions WHERE id = \(bind: sid)").first()
        else { return nil }
        let proposal = assessor(
            try row.decode(column: "data", as: String.self), try row.decode(column: "ars", as: String.self),
            Timestamp.date(record.receivedAt) ?? now)
        try await db.raw("UPDATE cases SET proposal = \(bind: Self.json(proposal)) WHERE id = \(bind: record.id)").run()
        let policy = policies.automation[record.leika]
        // Once-only: income self-declared in a journey that offered the registers is not verified
        // (evidence from a register is); submissions without that mark keep the clerk's check.
        let provenance = try row.decode(column: "provenance", as: String.self)
        struct Marks: Decodable { var incomeVerified: Bool? }
        let verified = (try? JSONDecoder().decode(Marks.self, from: Data(provenance.utf8)))?.incomeVerified ?? true
        let route = AutomaticDecision.route(
            // Drawn by the case number (per authority and year, in order of receipt), so a run
            // with the same seed and the same cases draws the same ones again.
            policy: policy, caseID: "\(record.authorityID)/\(record.number)", verified: verified,
            freeText: proposal.freeText,
            needsJudgement: !proposal.needsJudgement.isEmpty, hasResult: proposal.outcome != nil)
        guard case .automatic(let sampled) = route, let policy, let outcome = proposal.outcome else {
            if case .clerk(let reasons) = route {
                try await event(
                    record.id, actor: "system", kind: "proposal",
                    detail: reasons.map(\.rawValue).joined(separator: " "),
                    on: db)
            }
            return nil
        }
        let decision = Decision(
            outcome: outcome, reasons: ([proposal.tenor] + proposal.reasons).joined(separator: "\n"),
            decidedBy: "system", decidedAt: Timestamp.string(now), automated: true)
        try await db.raw("UPDATE cases SET decision = \(bind: Self.json(decision)) WHERE id = \(bind: record.id)").run()
        try await event(record.id, actor: "system", kind: "decided_automatically", detail: policy.legalBasis, on: db)
        if sampled {
            try await db.raw(
                """
                INSERT INTO sample_checks (case_id, leika, authority_id, drawn_at, before_release)
                VALUES (\(bind: record.id), \(bind: record.leika), \(bind: record.authorityID), \(bind: Timestamp.string(now)),
                        \(literal: policy.checkBeforeRelease ? 1 : 0))
                """
            ).run()
            try await event(record.id, actor: "system", kind: "sample_drawn", detail: "", on: db)
        }
        return (sampled, policy.checkBeforeRelease)
    }

    /// The four-eyes check of an automatic decision drawn for the sample: agree, or disagree and
    /// say why. Disagreement before the notice went out sends the case to a person to decide.
    public func sampleCheck(_ id: String, agree: Bool, reason: String, by clerk: String, authorityID: String)
        async throws
    {
        try await change(
            id, by: clerk, authorityID: authorityID, action: "case.sample_checked", detail: agree ? "agree" : "disagree"
        ) {
            record, db, now in
            let tasks = try await self.openTasks(of: record)
            let task =
                tasks.contains(DefaultProcess.Task.sampleCheck)
                ? DefaultProcess.Task.sampleCheck : DefaultProcess.Task.sampleCheckAfter
            try await db.raw(
                """
                UPDATE sample_checks SET checked_by = \(bind: clerk), checked_at = \(bind: Timestamp.string(now)),
                    agree = \(literal: agree ? 1 : 0), reason = \(bind: reason)
                WHERE case_id = \(bind: id)
                """
            ).run()
            try await self.event(
                id, actor: clerk, kind: agree ? "sample_agreed" : "sample_disagreed", detail: reason, on: db)
            if !agree && task == DefaultProcess.Task.sampleCheck {
                try await db.raw("UPDATE cases SET decision = NULL WHERE id = \(bind: id)").run()
            }
            try await self.completeTask(record, task, variables: ["agree": .bool(agree)], on: db)
        }
    }

    /// Per service: automatic decisions checked by a person, and how many of them the checker disagreed with.
    public func sampleStatistics(authorityID: String) async throws -> [(
        leika: String, checked: Int, disagreed: Int, open: Int
    )] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT leika, SUM(CASE WHEN checked_at IS NOT NULL THEN 1 ELSE 0 END) AS checked,
                       SUM(CASE WHEN agree = 0 THEN 1 ELSE 0 END) AS disagreed,
                       SUM(CASE WHEN checked_at IS NULL THEN 1 ELSE 0 END) AS open
                FROM sample_checks WHERE authority_id = \(bind: authorityID) GROUP BY leika ORDER BY leika
                """
            ).all().map {
                (
                    try $0.decode(column: "leika", as: String.self), try $0.decode(column: "checked", as: Int.self),
                    try $0.decode(column: "disagreed", as: Int.self), try $0.decode(column: "open", as: Int.self)
                )
            }
        }
    }

    /// The decision, with reasons; the process notifies the applicant.
    public func decide(
        _ id: String, outcome: DecisionOutcome, reasons: String, by clerk: String, authorityID: String
    ) async throws {
        try await change(id, by: clerk, authorityID: authorityID, action: "case.decided", detail: outcome.rawValue) {
            record, db, now in
            let decision = Decision(
                outcome: outcome, reasons: reasons, decidedBy: clerk, decidedAt: Timestamp.string(now))
            try await db.raw("UPDATE cases SET decision = \(bind: Self.json(decision)) WHERE id = \(bind: id)").run()
            try await self.completeTask(
                record, DefaultProcess.Task.decide,
                variables: ["outcome": .string(outcome.rawValue), "reasons": .string(reasons)], on: db)
        }
    }

    public func close(_ id: String, by clerk: String, authorityID: String) async throws {
        try await change(id, by: clerk, authorityID: authorityID, action: "case.closed") { record, db, _ in
            try await self.completeTask(record, DefaultProcess.Task.close, variables: [:], on: db)
        }
    }

    /// Involves another authority: it gets a task and read access to `parts` (the submitted data
    /// and/or chosen documents), nothing more. Recorded in the history of the case.
    @discardableResult
    public func share(
        _ id: String, with other: String, parts: [String], task: String, by clerk: String, authorityID: String
    ) async throws -> String {
        guard other != authorityID else { throw CaseError.notPossible("the case is already this authority's") }
        return try await change(id, by: clerk, authorityID: authorityID, action: "case.shared", detail: other) {
            _, db, now in
            let documentIDs = Set(try await self.documents(of: id, on: db).map(\.id))
            let allowed = parts.filter {
                $0 == "data" || ($0.hasPrefix("document:") && documentIDs.contains(String($0.dropFirst(9))))
            }
            guard !allowed.isEmpty else { throw CaseError.notPossible("nothing to share") }
            let shareID = Identifier.uuidV7(at: now)
            try await db.raw(
                """
                INSERT INTO case_shares (id, case_id, authority_id, parts, task, shared_by, shared_at)
                VALUES (\(bind: shareID), \(bind: id), \(bind: other), \(bind: allowed.joined(separator: " ")), \(bind: task),
                        \(bind: clerk), \(bind: Timestamp.string(now)))
                """
            ).run()
            try await self.event(
                id, actor: clerk, kind: "shared", detail: "\(other): \(allowed.joined(separator: " "))", on: db)
            return shareID
        }
    }

    /// The involved authority answers its task (a statement), recorded in the case's history.
    public func answer(share shareID: String, statement: String, by clerk: String, authorityID: String) async throws {
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT case_id FROM case_shares WHERE id = \(bind: shareID) AND authority_id = \(bind: authorityID) AND answered_at IS NULL"
                ).first()
            else { throw CaseError.notFound }
            let caseID = try row.decode(column: "case_id", as: String.self)
            let now = self.clock.now()
            try await db.raw(
                """
                UPDATE case_shares SET answer = \(bind: statement), answered_by = \(bind: clerk), answered_at = \(bind: Timestamp.string(now))
                WHERE id = \(bind: shareID)
                """
            ).run()
            try await self.event(
                caseID, actor: clerk, kind: "statement", detail: "\(authorityID): \(statement)", on: db)
            try await self.audit(
                authorityID, actor: clerk, action: "case.statement", caseID: caseID, detail: shareID, on: db)
        }
    }

    // MARK: The applicant

    /// The applicant uploads what was requested: the documents enter the file and the waiting
    /// process moves on (back to the check).
    public func submitDocuments(
        _ id: String, files: [(data: Data, filename: String, contentType: String)], accountID: String
    ) async throws {
        try await database.transaction { db in
            guard let record = try await self.record(id, on: db), record.applicantAccountID == accountID else {
                throw CaseError.notFound
            }
            guard record.status == .awaitingApplicant, let pid = record.processInstanceID else {
                throw CaseError.notPossible("no documents are requested")
            }
            let now = self.clock.now()
            for file in files {
                try await self.putDocument(
                    caseID: id, documentID: nil, title: "Nachgereicht: \(file.filename)", kind: "upload",
                    data: file.data,
                    filename: file.filename, contentType: file.contentType, author: accountID, now: now, on: db)
            }
            try await self.event(
                id, actor: accountID, kind: "documents_received", detail: "\(files.count)", visible: true, on: db)
            try await db.raw("UPDATE cases SET open_request = NULL WHERE id = \(bind: id)").run()
            let delivery = try await self.processes.deliver(
                instance: pid, message: DefaultProcess.documentsMessage,
                messageID: "docs:\(id):\(Identifier.uuidV7(at: now))",
                on: db)
            if case .notWaiting = delivery { throw CaseError.notPossible("the process does not wait for documents") }
        }
    }

    // MARK: Process integration

    private func completeTask(_ record: Record, _ node: String, variables: [String: Value], on db: any SQLDatabase)
        async throws
    {
        guard let pid = record.processInstanceID, let instance = try await processes.instance(pid),
            let task = instance.openTasks.first(where: { $0.nodeID == node })
        else { throw CaseError.notPossible("the step \(node) is not open") }
        _ = try await processes.complete(instance: pid, task: task.id, variables: variables, on: db)
    }

    /// Keeps the case in step with its process (in the step's transaction): status, history, and
    /// the effects of the default model's service tasks.
    func processMoved(_ instance: ProcessInstance, _ outcome: Outcome, on db: any SQLDatabase, at now: Date)
        async throws
    {
        guard
            let row = try await db.raw(
                "SELECT id FROM cases WHERE process_instance_id = \(bind: instance.id)"
            ).first(decodingColumn: "id", as: String.self),
            let record = try await record(row, on: db)
        else { return }
        for node in outcome.completed {
            switch node.id {
            case DefaultProcess.Task.remind:
                if let applicant = record.applicantAccountID, let request = record.request {
                    let deadline = CivilDate(iso: request.deadline)?.german ?? request.deadline
                    try await mailbox.send(
                        to: applicant, from: record.authorityID, by: "system",
                        subject: "Erinnerung: Unterlagen für \(record.number)",
                        body: """
                            Guten Tag,

                            wir warten noch auf Ihre Unterlagen für den Antrag \(record.number):

                            \(request.text)

                            Die Frist endet am \(deadline). Hochladen: /konto/vorgaenge/\(record.id)#unterlagen
                            """, caseID: record.id, on: db)
                }
                try await event(record.id, actor: "system", kind: "reminder_sent", detail: "", visible: true, on: db)
            case DefaultProcess.Task.deadlinePassed:
                try await db.raw("UPDATE cases SET open_request = NULL WHERE id = \(bind: record.id)").run()
                try await event(
                    record.id, actor: "system", kind: "documents_deadline_passed", detail: "", visible: true, on: db)
            case DefaultProcess.Task.notify:
                if let decision = record.decision {
                    try await notify(record, decision, on: db, at: now)
                    try await event(
                        record.id, actor: decision.decidedBy, kind: "decided", detail: decision.outcome.rawValue,
                        visible: true, on: db)
                }
            default: break
            }
        }
        let waiting = instance.activeNodes
        let status = DefaultProcess.status(
            openTasks: instance.openTasks.map(\.nodeID), waiting: waiting, completed: instance.status == .completed,
            decided: record.decision != nil)
        guard status != record.status else { return }
        var closedAt: String?
        var retention: String?
        if status == .closed {
            closedAt = Timestamp.string(now)
            retention = policies.retention(record.leika).expiry(closedOn: CivilDate.berlin(now)).iso
            try await event(record.id, actor: "system", kind: "closed", detail: "", visible: true, on: db)
        }
        try await db.raw(
            """
            UPDATE cases SET status = \(bind: status.rawValue), is_open = \(literal: status.isOpen ? 1 : 0),
                closed_at = \(bind: closedAt), retention_until = \(bind: retention), updated_at = \(bind: Timestamp.string(now))
            WHERE id = \(bind: record.id)
            """
        ).run()
    }

    /// The decision goes to the applicant: a sealed notice in the case file and, attached to a
    /// message, in the mailbox (without a mailbox it waits in the print queue at once).
    func notify(_ record: Record, _ decision: Decision, on db: any SQLDatabase, at now: Date) async throws {
        var attachments: [StoredDocument] = []
        var issued: (number: String, sha: String)?
        if let notices {
            let number = NoticeStore.newNumber()
            let document = try await noticeDocument(record, decision, number: number, at: now, on: db)
            let pdf = try notices.seal(document, authorityID: record.authorityID)
            let stored = try await putDocument(
                caseID: record.id, documentID: nil, title: "Bescheid \(number)", kind: "notice", data: pdf,
                filename: "bescheid-\(number).pdf", contentType: "application/pdf", author: decision.decidedBy,
                now: now, on: db)
            issued = (number, stored.sha256)
            if let applicant = record.applicantAccountID {
                let doc = StoredDocument(
                    id: Identifier.uuidV7(at: now), sha256: stored.sha256, size: pdf.count,
                    contentType: "application/pdf",
                    filename: stored.filename, authorityId: nil, accountId: applicant, createdAt: Timestamp.string(now))
                try await db.raw(
                    """
                    INSERT INTO documents (id, sha256, size, content_type, filename, authority_id, account_id, created_at)
                    VALUES (\(bind: doc.id), \(bind: doc.sha256), \(bind: doc.size), \(bind: doc.contentType), \(bind: doc.filename),
                            NULL, \(bind: applicant), \(bind: doc.createdAt))
                    """
                ).run()
                attachments.append(doc)
            }
        }
        var messageID: String?
        if let applicant = record.applicantAccountID {
            messageID = try await mailbox.send(
                to: applicant, from: record.authorityID, by: decision.decidedBy,
                subject: "Entscheidung zu Ihrem Antrag \(record.number)",
                body: Self.decisionText(decision, number: record.number), caseID: record.id, attachments: attachments,
                on: db)
        }
        if let notices, let issued {
            try await notices.record(
                number: issued.number, caseID: record.id, authorityID: record.authorityID, sha256: issued.sha,
                messageID: messageID, queue: JobQueue(database: database, clock: clock), on: db)
            if messageID == nil {
                try await db.raw(
                    "UPDATE notices SET print_queued_at = \(bind: Timestamp.string(now)) WHERE number = \(bind: issued.number)"
                ).run()
            }
        }
    }

    /// The notice's content: letterhead and contact of the authority, addressee, reference, the
    /// operative part, the reasons (and that it was decided automatically, where so), the
    /// calculation when the decision has one, and the legal remedy.
    func noticeDocument(_ r: Record, _ d: Decision, number: String, at now: Date, on db: any SQLDatabase)
        async throws -> NoticeDocument
    {
        let a = try await db.raw(
            "SELECT name, street, postcode, locality, phone, email FROM authorities WHERE id = \(bind: r.authorityID)"
        ).first()
        let name = try a?.decode(column: "name", as: String.self) ?? r.authorityID
        let street = try a?.decode(column: "street", as: String?.self) ?? nil
        let place = try a.map {
            "\(try $0.decode(column: "postcode", as: String.self)) \(try $0.decode(column: "locality", as: String.self))"
        }
        let phone = try a?.decode(column: "phone", as: String?.self) ?? nil
        let email = try a?.decode(column: "email", as: String?.self) ?? nil
        let tenor: [String] =
            switch d.outcome {
            case .approved:
                ["Ihrem Antrag vom \(CivilDate.berlin(Timestamp.date(r.receivedAt) ?? now).german) wird stattgegeben."]
            case .rejected:
                ["Ihr Antrag vom \(CivilDate.berlin(Timestamp.date(r.receivedAt) ?? now).german) wird abgelehnt."]
            case .partlyApproved:
                [
                    "Ihrem Antrag vom \(CivilDate.berlin(Timestamp.date(r.receivedAt) ?? now).german) wird teilweise stattgegeben."
                ]
            }
        var reasons = d.reasons.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if reasons.isEmpty {
            reasons = [
                "Die Voraussetzungen sind erfüllt; Ihrem Antrag wird in vollem Umfang entsprochen (§ 39 Abs. 2 Nr. 1 VwVfG)."
            ]
        }
        if d.automated {
            reasons.append(
                "Dieser Bescheid wurde vollständig automatisiert erlassen (\(policies.automation[r.leika]?.legalBasis ?? "§ 35a VwVfG")). Sie können verlangen, dass eine Sachbearbeiterin oder ein Sachbearbeiter ihn prüft."
            )
        }
        return NoticeDocument(
            authorityName: name, authorityAddress: [street, place].compactMap { $0 }, addressee: [r.applicantName],
            date: CivilDate.berlin(now).german, reference: r.number, noticeNumber: number,
            title: "Bescheid über Ihren Antrag \(r.number)", operativePart: tenor, reasons: reasons,
            calculation: (d.automated ? r.proposal?.calculation ?? [] : []).map {
                CalculationRow(label: $0.label, norm: $0.norm, value: $0.value)
            },
            legalRemedy:
                "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist schriftlich, zur Niederschrift oder elektronisch bei \(name) einzulegen.",
            contact: [phone.map { "Telefon \($0)" }, email.map { "E-Mail \($0)" }].compactMap { $0 },
            issuingAuthority: name)
    }

    static func decisionText(_ d: Decision, number: String) -> String {
        let tenor =
            switch d.outcome {
            case .approved: "Ihrem Antrag wird stattgegeben."
            case .rejected: "Ihr Antrag wird abgelehnt."
            case .partlyApproved: "Ihrem Antrag wird teilweise stattgegeben."
            }
        var text = "Guten Tag,\n\nzu Ihrem Antrag \(number) haben wir entschieden: \(tenor)\n"
        if !d.reasons.isEmpty { text += "\nBegründung:\n\(d.reasons)\n" }
        text +=
            "\nRechtsbehelfsbelehrung: Gegen diese Entscheidung können Sie innerhalb eines Monats nach Bekanntgabe Widerspruch erheben."
        return text
    }

    // MARK: File, history, audit

    @discardableResult
    func putDocument(
        caseID: String, documentID: String?, title: String, kind: String, data: Data, filename: String,
        contentType: String, author: String, now: Date, on db: any SQLDatabase
    ) async throws -> Document {
        let sha = DocumentStore.sha256(data)
        try await blobs.put(data, sha256: sha, on: db)
        let id = documentID ?? Identifier.uuidV7(at: now)
        let version =
            (try await db.raw(
                "SELECT MAX(version) AS v FROM case_documents WHERE case_id = \(bind: caseID) AND id = \(bind: id)"
            ).first(decodingColumn: "v", as: Int?.self) ?? nil).map { $0 + 1 } ?? 1
        if documentID != nil && version == 1 { throw CaseError.notFound }
        let document = Document(
            id: id, version: version, title: String(title.prefix(200)), kind: kind,
            filename: String(filename.prefix(255)),
            contentType: String(contentType.prefix(100)), size: data.count, sha256: sha, author: author,
            createdAt: Timestamp.string(now))
        try await db.raw(
            """
            INSERT INTO case_documents (id, version, case_id, title, kind, filename, content_type, size, sha256, author, created_at)
            VALUES (\(bind: id), \(bind: version), \(bind: caseID), \(bind: document.title), \(bind: kind), \(bind: document.filename),
                    \(bind: document.contentType), \(bind: data.count), \(bind: sha), \(bind: author), \(bind: document.createdAt))
            """
        ).run()
        return document
    }

    func event(
        _ caseID: String, actor: String, kind: String, detail: String, visible: Bool = false, on db: any SQLDatabase
    ) async throws {
        let at = Timestamp.string(clock.now())
        try await db.raw(
            """
            INSERT INTO case_events (case_id, seq, at, actor, kind, detail, visible)
            SELECT \(bind: caseID), COALESCE(MAX(seq), 0) + 1, \(bind: at), \(bind: actor), \(bind: kind), \(bind: detail),
                   \(literal: visible ? 1 : 0)
            FROM case_events WHERE case_id = \(bind: caseID)
            """
        ).run()
    }

    /// Appends to the authority's audit chain in the caller's transaction. The head is read under
    /// a lock of this chain only (PostgreSQL: an advisory lock keyed by the chain; SQLite: the
    /// single writer), so authorities do not wait for each other.
    public func audit(
        _ chain: String, actor: String, action: String, caseID: String?, detail: String, on db: any SQLDatabase
    ) async throws {
        if database.kind == .postgres {
            try await db.raw("SELECT pg_advisory_xact_lock(7368129, hashtext(\(bind: chain)))").run()
        }
        let head = try await db.raw(
            "SELECT seq, hash FROM case_audit WHERE chain = \(bind: chain) ORDER BY seq DESC LIMIT 1"
        ).first()
        var seq = (try head?.decode(column: "seq", as: Int.self) ?? 0) + 1
        var prev = try head?.decode(column: "hash", as: String.self) ?? AuditChain.genesis
        if head == nil,
            let checkpoint = try await db.raw(
                "SELECT seq, hash FROM audit_checkpoints WHERE chain = \(bind: chain) ORDER BY seq DESC LIMIT 1"
            ).first()
        {
            // Every entry was pruned: go on from the last checkpoint.
            seq = try checkpoint.decode(column: "seq", as: Int.self) + 1
            prev = try checkpoint.decode(column: "hash", as: String.self)
        }
        let e = AuditChain.entry(
            chain: chain, seq: seq, at: Timestamp.string(clock.now()), actor: actor, action: action, caseID: caseID,
            detail: detail, prev: prev)
        try await db.raw(
            """
            INSERT INTO case_audit (chain, seq, at, actor, action, case_id, detail, prev_hash, hash)
            VALUES (\(bind: e.chain), \(bind: e.seq), \(bind: e.at), \(bind: e.actor), \(bind: e.action), \(bind: e.caseID),
                    \(bind: e.detail), \(bind: e.prevHash), \(bind: e.hash))
            """
        ).run()
    }

    public func auditEntries(chain: String? = nil, caseID: String? = nil) async throws -> [AuditEntry] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT chain, seq, at, actor, action, case_id, detail, prev_hash, hash FROM case_audit
                WHERE (\(bind: chain) IS NULL OR chain = \(bind: chain)) AND (\(bind: caseID) IS NULL OR case_id = \(bind: caseID))
                ORDER BY chain, seq
                """
            ).all().map(Self.auditEntry)
        }
    }

    static func auditEntry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            chain: try row.decode(column: "chain", as: String.self), seq: try row.decode(column: "seq", as: Int.self),
            at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            caseID: try row.decode(column: "case_id", as: String?.self),
            detail: try row.decode(column: "detail", as: String.self),
            prevHash: try row.decode(column: "prev_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }

    public func checkpoints(chain: String) async throws -> [AuditCheckpoint] {
        try await database.read { db in
            try await db.raw(
                "SELECT chain, seq, hash, at, key_id, signature FROM audit_checkpoints WHERE chain = \(bind: chain) ORDER BY seq"
            ).all().map { row in
                AuditCheckpoint(
                    chain: try row.decode(column: "chain", as: String.self),
                    seq: try row.decode(column: "seq", as: Int.self),
                    hash: try row.decode(column: "hash", as: String.self),
                    at: try row.decode(column: "at", as: String.self),
                    keyID: try row.decode(column: "key_id", as: String.self),
                    signature: try row.decode(column: "signature", as: String.self))
            }
        }
    }

    /// Verifies every authority's chain (one chain at a time, streaming is not needed at these
    /// sizes). Returns the breaks found, the first per chain.
    public func verifyAudit(keys: [P256.Signing.PublicKey]) async throws -> (
        chains: Int, entries: Int, breaks: [AuditChain.Break]
    ) {
        let chains = try await database.read { db in
            try await db.raw("SELECT DISTINCT chain FROM case_audit UNION SELECT DISTINCT chain FROM audit_checkpoints")
                .all().map { try $0.decode(column: "chain", as: String.self) }
        }
        var breaks: [AuditChain.Break] = []
        var count = 0
        for chain in chains.sorted() {
            let entries = try await auditEntries(chain: chain)
            count += entries.count
            if let b = AuditChain.verify(
                chain: chain, entries: entries, checkpoints: try await checkpoints(chain: chain), keys: keys)
            {
                breaks.append(b)
            }
        }
        return (chains.count, count, breaks)
    }

    // MARK: Export

    /// The whole case as a ZIP in open formats (see `CaseArchive`).
    public func export(_ id: String, authorityName: String, serviceName: String) async throws -> Data {
        let blobs = self.blobs
        let (export, contents) = try await database.read { db -> (CaseExport, [String: Data]) in
            guard let r = try await self.record(id, on: db) else { throw CaseError.notFound }
            return try await self.exportData(
                r, authorityName: authorityName, serviceName: serviceName, blobs: blobs, on: db)
        }
        return try CaseArchive.write(export, documents: contents, created: Timestamp.string(clock.now()))
    }

    func exportData(
        _ r: Record, authorityName: String, serviceName: String, blobs: any BlobStore, on db: any SQLDatabase
    ) async throws -> (CaseExport, [String: Data]) {
        var submission: CaseExport.Submission?
        if let sid = r.submissionID,
            let row = try await db.raw(
                "SELECT reference, form_id, form_version, submitted_at, content_hash, data FROM submissions WHERE id = \(bind: sid)"
            ).first()
        {
            submission = CaseExport.Submission(
                reference: try row.decode(column: "reference", as: String.self),
                formID: try row.decode(column: "form_id", as: String.self),
                formVersion: try row.decode(column: "form_version", as: String.self),
                submittedAt: try row.decode(column: "submitted_at", as: String.self),
                contentHash: try row.decode(column: "content_hash", as: String.self),
                data: try row.decode(column: "data", as: String.self))
        }
        var contents: [String: Data] = [:]
        var documents = try await documents(of: r.id, on: db)
        if let sid = r.submissionID { documents = try await attachments(submission: sid, on: db) + documents }
        for d in documents {
            guard let data = try await blobs.get(sha256: d.sha256, on: db) else {
                throw StorageError.integrityFailure("case document \(d.id) v\(d.version) missing")
            }
            contents[d.id + "#\(d.version)"] = data
        }
        let history = try await db.raw(
            "SELECT seq, at, actor, kind, detail FROM case_events WHERE case_id = \(bind: r.id) ORDER BY seq"
        ).all(decoding: CaseExport.Event.self, with: JobQueue.decoder)
        let audit = try await db.raw(
            "SELECT chain, seq, at, actor, action, case_id, detail, prev_hash, hash FROM case_audit WHERE case_id = \(bind: r.id) ORDER BY chain, seq"
        ).all().map(Self.auditEntry)
        var processVersion: Int?
        var processID: String?
        if let pid = r.processInstanceID,
            let row = try await db.raw("SELECT process_id, version FROM process_instances WHERE id = \(bind: pid)")
                .first()
        {
            processID = try row.decode(column: "process_id", as: String.self)
            processVersion = try row.decode(column: "version", as: Int.self)
        }
        let metadata = CaseExport.Metadata(
            id: r.id, number: r.number, authorityID: r.authorityID, authorityName: authorityName, leika: r.leika,
            serviceName: serviceName, status: r.status, channel: r.channel, applicantName: r.applicantName,
            receivedAt: r.receivedAt, deadline: r.deadline, closedAt: r.closedAt, decision: r.decision,
            processID: processID, processVersion: processVersion)
        return (
            CaseExport(
                metadata: metadata, submission: submission,
                documents: documents.map {
                    CaseExport.Document(
                        id: $0.id, title: $0.title, kind: $0.kind, version: $0.version, filename: $0.filename,
                        contentType: $0.contentType, sha256: $0.sha256, author: $0.author, createdAt: $0.createdAt)
                }, history: history, audit: audit),
            contents
        )
    }

    // MARK: Retention

    public static let retentionJobKind = "cases.retention"

    /// Closed cases past their retention period: offered to the archive as a hand-over package
    /// (when the service's records may be of lasting value), then deleted physically — the case,
    /// its submission, files, messages and process — leaving a minimal deletion record. Audit
    /// entries past their own retention are removed behind a signed checkpoint.
    @discardableResult
    public func applyRetention(on db: any SQLDatabase, batch: Int = 100) async throws -> Int {
        let now = clock.now()
        let today = CivilDate.berlin(now).iso
        let due = try await db.raw(
            "SELECT id FROM cases WHERE retention_until IS NOT NULL AND retention_until < \(bind: today) ORDER BY retention_until, id LIMIT \(literal: batch)"
        ).all().map { try $0.decode(column: "id", as: String.self) }
        for id in due {
            guard let r = try await record(id, on: db) else { continue }
            let offered = policies.retention(r.leika).offerToArchive
            if offered {
                let (export, contents) = try await exportData(
                    r, authorityName: r.authorityID, serviceName: r.leika, blobs: blobs, on: db)
                let package = try CaseArchive.write(export, documents: contents, created: Timestamp.string(now))
                try await db.raw(
                    """
                    INSERT INTO archive_packages (id, case_number, authority_id, created_at, sha256, package)
                    VALUES (\(bind: Identifier.uuidV7(at: now)), \(bind: r.number), \(bind: r.authorityID), \(bind: Timestamp.string(now)),
                            \(bind: DocumentStore.sha256(package)), \(bind: package))
                    """
                ).run()
            }
            try await delete(r, on: db)
            try await db.raw(
                """
                INSERT INTO case_deletions (case_id, number, authority_id, leika, closed_at, deleted_at, offered_to_archive)
                VALUES (\(bind: r.id), \(bind: r.number), \(bind: r.authorityID), \(bind: r.leika), \(bind: r.closedAt),
                        \(bind: Timestamp.string(now)), \(literal: offered ? 1 : 0))
                """
            ).run()
        }
        try await pruneAudit(before: Timestamp.string(now.addingTimeInterval(-AuditTrail.retention)), on: db)
        return due.count
    }

    private func delete(_ r: Record, on db: any SQLDatabase) async throws {
        var hashes = Set(try await documents(of: r.id, on: db).map(\.sha256))
        let messageIDs = try await db.raw("SELECT id FROM messages WHERE case_id = \(bind: r.id)").all().map {
            try $0.decode(column: "id", as: String.self)
        }
        if !messageIDs.isEmpty {
            try await db.raw("DELETE FROM message_attachments WHERE message_id IN \(SQLBind.group(messageIDs))").run()
            try await db.raw("DELETE FROM messages WHERE case_id = \(bind: r.id)").run()
        }
        if let sid = r.submissionID {
            let docs = try await db.raw(
                "SELECT d.id, d.sha256 FROM submission_documents s JOIN documents d ON d.id = s.document_id WHERE s.submission_id = \(bind: sid)"
            ).all()
            try await db.raw("DELETE FROM submission_documents WHERE submission_id = \(bind: sid)").run()
            for row in docs {
                hashes.insert(try row.decode(column: "sha256", as: String.self))
                try await db.raw(
                    "DELETE FROM documents WHERE id = \(bind: try row.decode(column: "id", as: String.self))"
                ).run()
            }
            try await db.raw("DELETE FROM submission_events WHERE submission_id = \(bind: sid)").run()
        }
        try await db.raw("DELETE FROM case_documents WHERE case_id = \(bind: r.id)").run()
        try await db.raw("DELETE FROM case_events WHERE case_id = \(bind: r.id)").run()
        try await db.raw("DELETE FROM case_shares WHERE case_id = \(bind: r.id)").run()
        try await db.raw("DELETE FROM sample_checks WHERE case_id = \(bind: r.id)").run()
        try await db.raw("DELETE FROM cases WHERE id = \(bind: r.id)").run()
        if let sid = r.submissionID { try await db.raw("DELETE FROM submissions WHERE id = \(bind: sid)").run() }
        if let pid = r.processInstanceID {
            for table in ["process_history", "process_subscriptions", "process_messages"] {
                try await db.raw("DELETE FROM \(unsafeRaw: table) WHERE instance_id = \(bind: pid)").run()
            }
            try await db.raw("DELETE FROM process_instances WHERE id = \(bind: pid)").run()
            try await db.raw("DELETE FROM jobs WHERE unique_key LIKE \(bind: "bpmn:\(pid):%") AND status = 'pending'")
                .run()
            processes.forget(pid)
        }
        // Blobs go when nothing else refers to them (another case may hold the same bytes).
        for sha in hashes {
            let inCases = try await db.raw("SELECT 1 AS x FROM case_documents WHERE sha256 = \(bind: sha) LIMIT 1")
                .first()
            let inDocuments = try await db.raw("SELECT 1 AS x FROM documents WHERE sha256 = \(bind: sha) LIMIT 1")
                .first()
            if inCases == nil && inDocuments == nil { try await blobs.delete(sha256: sha, on: db) }
        }
    }

    /// Removes audit entries older than `cutoff`, after a signed checkpoint at the last one removed
    /// per chain; without a key nothing is removed (the chain could not be verified afterwards).
    private func pruneAudit(before cutoff: String, on db: any SQLDatabase) async throws {
        guard let key = auditKey else { return }
        let rows = try await db.raw(
            "SELECT chain, MAX(seq) AS seq FROM case_audit WHERE at < \(bind: cutoff) GROUP BY chain"
        ).all()
        for row in rows {
            let chain = try row.decode(column: "chain", as: String.self)
            let seq = try row.decode(column: "seq", as: Int.self)
            guard
                let hash = try await db.raw(
                    "SELECT hash FROM case_audit WHERE chain = \(bind: chain) AND seq = \(bind: seq)"
                ).first(decodingColumn: "hash", as: String.self)
            else { continue }
            let c = try AuditChain.sign(chain: chain, seq: seq, hash: hash, at: Timestamp.string(clock.now()), key: key)
            try await db.raw(
                """
                INSERT INTO audit_checkpoints (chain, seq, hash, at, key_id, signature)
                VALUES (\(bind: c.chain), \(bind: c.seq), \(bind: c.hash), \(bind: c.at), \(bind: c.keyID), \(bind: c.signature))
                ON CONFLICT (chain, seq) DO NOTHING
                """
            ).run()
            try await db.raw("DELETE FROM case_audit WHERE chain = \(bind: chain) AND seq <= \(bind: seq)").run()
        }
    }

    /// Makes sure the daily retention run is scheduled (one job across all nodes, by its key).
    public func scheduleRetention(queue: JobQueue) async throws {
        try await queue.enqueue(
            kind: Self.retentionJobKind, uniqueKey: Self.retentionJobKind, onConflict: .keep, maxAttempts: 3)
    }

    /// Runs a retention batch and schedules the next run: at once while cases are still due, else
    /// in an hour.
    public func retentionHandler(queue: JobQueue) -> JobHandler {
        { _, db in
            let done = try await self.applyRetention(on: db)
            try await queue.enqueue(
                kind: Self.retentionJobKind,
                runAt: self.clock.now().addingTimeInterval(done == 100 ? 0 : 3600),
                uniqueKey: Self.retentionJobKind, onConflict: .keep, maxAttempts: 3, on: db)
        }
    }

    // MARK: Helpers

    static func json(_ value: some Encodable) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    /// The end of a civil day in Germany, as the instant a timer fires (midnight after it, Berlin).
    static func endOfDay(_ day: CivilDate) -> Date {
        let next = day.adding(days: 1) ?? day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        return calendar.date(from: DateComponents(year: next.year, month: next.month, day: next.day)) ?? Date()
    }
}

/// What the rules say about a case: the decision they propose (nil: none), its reasons and
/// calculation, what needs a person, and whether the applicant wrote text a person must read.
public struct Proposal: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var label: String
        public var norm: String
        public var value: String
        public init(label: String, norm: String, value: String) {
            self.label = label
            self.norm = norm
            self.value = value
        }
    }
    public var outcome: DecisionOutcome?
    public var tenor: String
    public var reasons: [String]
    public var calculation: [Row]
    public var needsJudgement: [String]
    public var freeText: Bool

    public init(
        outcome: DecisionOutcome?, tenor: String, reasons: [String], calculation: [Row], needsJudgement: [String],
        freeText: Bool
    ) {
        self.outcome = outcome
        self.tenor = tenor
        self.reasons = reasons
        self.calculation = calculation
        self.needsJudgement = needsJudgement
        self.freeText = freeText
    }
}

/// Computes a proposal from the submission: its data (JSON), the municipality (ARS) and the day
/// of receipt.
public typealias CaseAssessor = @Sendable (_ data: String, _ ars: String, _ received: Date) -> Proposal

/// Per-service settings of case processing: how long processing should take (the deadline the
/// inbox shows; three months is when § 75 VwGO allows an action for failure to act) and the
/// retention policy.
public struct CasePolicies: Sendable {
    public var processing: [String: Int]
    public var retentionByService: [String: RetentionPolicy]
    public var defaultRetention: RetentionPolicy
    /// Services whose rule-bound cases may be decided automatically (with their legal basis).
    public var automation: [String: AutomationPolicy]
    /// Per service: the rules that compute a decision proposal from the submitted data.
    public var assessors: [String: CaseAssessor]

    public init(
        processing: [String: Int] = [:], retentionByService: [String: RetentionPolicy] = [:],
        defaultRetention: RetentionPolicy = .standard, automation: [String: AutomationPolicy] = [:],
        assessors: [String: CaseAssessor] = [:]
    ) {
        self.processing = processing
        self.retentionByService = retentionByService
        self.defaultRetention = defaultRetention
        self.automation = automation
        self.assessors = assessors
    }

    public func processingMonths(_ leika: String) -> Int { processing[leika] ?? 3 }
    public func retention(_ leika: String) -> RetentionPolicy { retentionByService[leika] ?? defaultRetention }
}
