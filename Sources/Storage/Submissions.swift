import Crypto
import Foundation
import SQLKit

/// Accepted applications. A submission is immutable once accepted: stored with its form version,
/// applicant, trust level, where each value came from, a content hash and a timestamp, and
/// committed durably before the caller answers. What changes later (status, payment, the case)
/// is appended to `submission_events` beside it; nothing here updates or deletes a submission.
///
/// Writes go through a group commit: submissions arriving while a commit runs wait for the next
/// one, which stores all of them in one transaction — one fsync for many, and every caller is
/// answered only after its own commit.
public struct SubmissionStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    private let committer: GroupCommitter

    /// Runs inside the group commit's transaction for the submissions it created (not replays):
    /// case processing opens their cases there, so a submission never exists without its case.
    /// `enclosures` are what staff handed in with an application they entered (by submission id).
    public typealias AcceptHook =
        @Sendable (_ created: [Submission], _ enclosures: [String: StaffEntry.Enclosure], _ db: any SQLDatabase)
        async throws -> Void

    public init(database: Database, clock: any WallClock, onAccepted: AcceptHook? = nil) {
        self.database = database
        self.clock = clock
        self.committer = GroupCommitter(database: database, onAccepted: onAccepted)
    }

    /// What the caller hands in: already validated and routed.
    public struct New: Sendable {
        public var formID: String
        public var formVersion: String
        public var leika: String
        public var authorityID: String
        public var ars: String
        public var accountID: String?
        public var clientID: String?
        public var trustLevel: String?
        /// Canonical JSON of the application data (sorted keys, no whitespace).
        public var data: String
        /// JSON object: pointer → "entered" | "register:<name>" | "prefilled".
        public var provenance: String
        /// FIT-Connect-shaped metadata (JSON), for API submissions.
        public var metadata: String?
        /// SHA-256 of a secret the anonymous applicant holds (their resume code), so they can see the receipt.
        public var receiptHash: String?
        /// Idempotency: scope (the client or account) and key; `requestHash` identifies the request body.
        public var idempotency: (scope: String, key: String, requestHash: String)?
        /// Uploaded documents the data refers to: document id and the JSON pointer of its field.
        public var documents: [(documentID: String, pointer: String)]
        /// JSON of `ActingFor`: whom the applicant acted for (part of the immutable record).
        public var actingFor: String?
        /// Entered by a clerk on the applicant's behalf (paper, phone, counter); nil online and by API.
        public var staffEntry: StaffEntry?

        public init(
            formID: String, formVersion: String, leika: String, authorityID: String, ars: String,
            accountID: String? = nil, clientID: String? = nil, trustLevel: String? = nil, data: String,
            provenance: String = "{}", metadata: String? = nil, receiptHash: String? = nil,
            idempotency: (scope: String, key: String, requestHash: String)? = nil,
            documents: [(documentID: String, pointer: String)] = [], actingFor: String? = nil,
            staffEntry: StaffEntry? = nil
        ) {
            self.actingFor = actingFor
            self.staffEntry = staffEntry
            self.formID = formID
            self.formVersion = formVersion
            self.leika = leika
            self.authorityID = authorityID
            self.ars = ars
            self.accountID = accountID
            self.clientID = clientID
            self.trustLevel = trustLevel
            self.data = data
            self.provenance = provenance
            self.metadata = metadata
            self.receiptHash = receiptHash
            self.idempotency = idempotency
            self.documents = documents
        }
    }

    /// An application a clerk entered from paper, a phone call or the counter. Channel, name and clerk are
    /// part of the immutable submission; the enclosure (scan, note) goes into the case file when the
    /// case is opened, in the same transaction.
    public struct StaffEntry: Sendable {
        /// `paper`, `phone` or `counter`.
        public var channel: String
        /// The applicant's name as the clerk entered it.
        public var applicantName: String
        /// The clerk's account id.
        public var enteredBy: String
        public var enclosure: Enclosure

        public struct Enclosure: Sendable {
            /// The scanned application, if any: the first document of the case file.
            public var scan: (data: Data, filename: String, contentType: String)?
            /// The clerk's note (empty: none).
            public var note: String

            public init(scan: (data: Data, filename: String, contentType: String)? = nil, note: String = "") {
                self.scan = scan
                self.note = note
            }
        }

        public init(channel: String, applicantName: String, enteredBy: String, enclosure: Enclosure = .init()) {
            self.channel = channel
            self.applicantName = applicantName
            self.enteredBy = enteredBy
            self.enclosure = enclosure
        }
    }

    public struct Submission: Sendable, Codable, Equatable {
        public var id: String
        public var reference: String
        public var formId: String
        public var formVersion: String
        public var leika: String
        public var authorityId: String
        public var ars: String
        public var accountId: String?
        public var clientId: String?
        public var trustLevel: String?
        public var data: String
        public var provenance: String
        public var metadata: String?
        public var contentHash: String
        public var submittedAt: String
        public var receiptHash: String?
        public var actingFor: String?
        /// For an application staff entered: how it came (`paper`, `phone`, `counter`), the applicant's
        /// name as entered and the clerk's account id. Nil online and by API.
        public var channel: String?
        public var applicantName: String?
        public var enteredBy: String?
    }

    public struct Event: Sendable, Codable, Equatable {
        public var seq: Int
        public var at: String
        public var kind: String
        public var detail: String

        public init(seq: Int, at: String, kind: String, detail: String) {
            self.seq = seq
            self.at = at
            self.kind = kind
            self.detail = detail
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// Stored now.
        case created(Submission)
        /// The same idempotency key was used before with the same request: the first submission.
        case replayed(Submission)
        /// The same idempotency key was used before with a different request.
        case keyReused
    }

    public struct Summary: Sendable, Codable, Equatable {
        public var id: String
        public var reference: String
        public var leika: String
        public var authorityId: String
        public var submittedAt: String
    }

    static let columns =
        "id, reference, form_id, form_version, leika, authority_id, ars, account_id, client_id, trust_level, data, provenance, metadata, content_hash, submitted_at, receipt_hash, acting_for, channel, applicant_name, entered_by"

    /// Accepts a submission: returns once it is committed (durably, on SQLite with synchronous=FULL).
    public func accept(_ new: New) async throws -> Outcome {
        let now = clock.now()
        let id = Identifier.uuidV7(at: now)
        let hash = Self.contentHash(new, at: Timestamp.string(now))
        let pending = GroupCommitter.Pending(
            new: new, id: id, reference: Self.newReference(at: now), contentHash: hash,
            submittedAt: Timestamp.string(now))
        return try await committer.commit(pending)
    }

    /// SHA-256 over what makes the submission: form, version, service, authority, applicant, data,
    /// provenance and time. Recomputed by `verify` to show nothing was changed.
    static func contentHash(_ new: New, at submittedAt: String) -> String {
        var hasher = SHA256()
        for part in [
            new.formID, new.formVersion, new.leika, new.authorityID, new.ars, new.accountID ?? "", new.clientID ?? "",
            new.trustLevel ?? "", new.data, new.provenance, new.metadata ?? "", submittedAt, new.actingFor ?? "",
        ] {
            hasher.update(data: Data(part.utf8))
            hasher.update(data: [0])
        }
        // Only for staff entries, so the hashes of every other submission stay as they were.
        if let entry = new.staffEntry {
            for part in [entry.channel, entry.applicantName, entry.enteredBy] {
                hasher.update(data: Data(part.utf8))
                hasher.update(data: [0])
            }
        }
        return Hex.encode(hasher.finalize())
    }

    /// True when the stored content still matches its hash.
    public static func verify(_ s: Submission) -> Bool {
        let new = New(
            formID: s.formId, formVersion: s.formVersion, leika: s.leika, authorityID: s.authorityId, ars: s.ars,
            accountID: s.accountId, clientID: s.clientId, trustLevel: s.trustLevel, data: s.data,
            provenance: s.provenance, metadata: s.metadata, actingFor: s.actingFor,
            staffEntry: s.enteredBy.map {
                StaffEntry(channel: s.channel ?? "", applicantName: s.applicantName ?? "", enteredBy: $0)
            })
        return contentHash(new, at: s.submittedAt) == s.contentHash
    }

    /// "AW-2026-7K3M-9QXD-2PVH": year and 60 random bits in Crockford base32 (no I, L, O, U), easy to
    /// read out on the phone.
    static func newReference(at date: Date) -> String {
        "AW-\(Timestamp.string(date).prefix(4))-\(Crockford.random60())"
    }

    public func find(id: String) async throws -> Submission? {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM submissions WHERE id = \(bind: id)")
                .first(decoding: Submission.self, with: JobQueue.decoder)
        }
    }

    public func events(of id: String) async throws -> [Event] {
        try await database.read { db in
            try await db.raw(
                "SELECT seq, at, kind, detail FROM submission_events WHERE submission_id = \(bind: id) ORDER BY seq"
            ).all(decoding: Event.self, with: JobQueue.decoder)
        }
    }

    /// Appends a status event (the submission itself never changes).
    public func record(_ kind: String, detail: String = "", for id: String) async throws {
        let at = Timestamp.string(clock.now())
        try await database.transaction { db in
            let row = try await db.raw(
                "SELECT COALESCE(MAX(seq), 0) AS n FROM submission_events WHERE submission_id = \(bind: id)"
            ).first()
            let next = (try row?.decode(column: "n", as: Int.self) ?? 0) + 1
            try await db.raw(
                "INSERT INTO submission_events (submission_id, seq, at, kind, detail) VALUES (\(bind: id), \(bind: next), \(bind: at), \(bind: kind), \(bind: detail))"
            ).run()
        }
    }

    /// The applicant's own submissions, newest first.
    public func submissions(ofAccount accountID: String, limit: Int = 100) async throws -> [Summary] {
        try await database.read { db in
            try await db.raw(
                "SELECT id, reference, leika, authority_id, submitted_at FROM submissions WHERE account_id = \(bind: accountID) ORDER BY submitted_at DESC LIMIT \(bind: limit)"
            ).all(decoding: Summary.self, with: JobQueue.decoder)
        }
    }

    /// The inbox of an authority (until case processing takes them over), newest first.
    public func inbox(ofAuthority authorityID: String, limit: Int = 200) async throws -> [Summary] {
        try await database.read { db in
            try await db.raw(
                "SELECT id, reference, leika, authority_id, submitted_at FROM submissions WHERE authority_id = \(bind: authorityID) ORDER BY submitted_at DESC LIMIT \(bind: limit)"
            ).all(decoding: Summary.self, with: JobQueue.decoder)
        }
    }

    public func documents(of id: String) async throws -> [(documentID: String, pointer: String)] {
        try await database.read { db in
            try await db.raw(
                "SELECT document_id, field_pointer FROM submission_documents WHERE submission_id = \(bind: id) ORDER BY field_pointer"
            ).all().map {
                (
                    try $0.decode(column: "document_id", as: String.self),
                    try $0.decode(column: "field_pointer", as: String.self)
                )
            }
        }
    }

    public func count() async throws -> Int {
        try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM submissions").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}

/// Collects submissions while a commit is running and stores them together in the next one.
actor GroupCommitter {
    struct Pending: Sendable {
        var new: SubmissionStore.New
        var id: String
        var reference: String
        var contentHash: String
        var submittedAt: String
    }

    private let database: Database
    private let onAccepted: SubmissionStore.AcceptHook?
    private var queue: [(Pending, CheckedContinuation<SubmissionStore.Outcome, any Error>)] = []
    private var running = false
    /// Upper bound of one batch: keeps a transaction short under a flood.
    static let maxBatch = 256

    init(database: Database, onAccepted: SubmissionStore.AcceptHook?) {
        self.database = database
        self.onAccepted = onAccepted
    }

    func commit(_ pending: Pending) async throws -> SubmissionStore.Outcome {
        try await withCheckedThrowingContinuation { continuation in
            queue.append((pending, continuation))
            if !running {
                running = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = Array(queue.prefix(Self.maxBatch))
            queue.removeFirst(batch.count)
            let items = batch.map(\.0)
            do {
                let hook = onAccepted
                let outcomes = try await database.transaction { db in
                    let outcomes = try await Self.insert(items, on: db)
                    if let hook {
                        let created = outcomes.compactMap { if case .created(let s) = $0 { s } else { nil } }
                        var enclosures: [String: SubmissionStore.StaffEntry.Enclosure] = [:]
                        for item in items {
                            if let entry = item.new.staffEntry { enclosures[item.id] = entry.enclosure }
                        }
                        if !created.isEmpty { try await hook(created, enclosures, db) }
                    }
                    return outcomes
                }
                for (entry, outcome) in zip(batch, outcomes) { entry.1.resume(returning: outcome) }
            } catch {
                // The whole transaction rolled back: nothing of this batch was stored, and every
                // caller hears so (none is told "accepted").
                for entry in batch { entry.1.resume(throwing: error) }
            }
        }
        running = false
    }

    /// One multi-row statement per table for the whole batch: the per-statement cost, not the
    /// rows, is what a hot write path pays for.
    private static func insert(_ items: [Pending], on db: any SQLDatabase) async throws -> [SubmissionStore.Outcome] {
        let rows = items.map { p -> SQLQueryString in
            let n = p.new
            return """
                (\(bind: p.id), \(bind: p.reference), \(bind: n.formID), \(bind: n.formVersion), \(bind: n.leika),
                \(bind: n.authorityID), \(bind: n.ars), \(bind: n.accountID), \(bind: n.clientID), \(bind: n.trustLevel),
                \(bind: n.data), \(bind: n.provenance), \(bind: n.metadata), \(bind: p.contentHash), \(bind: p.submittedAt),
                \(bind: n.receiptHash), \(bind: n.idempotency?.scope), \(bind: n.idempotency?.key),
                \(bind: n.idempotency?.requestHash), \(bind: n.actingFor), \(bind: n.staffEntry?.channel),
                \(bind: n.staffEntry?.applicantName), \(bind: n.staffEntry?.enteredBy))
                """
        }
        let insertSubmissions: SQLQueryString =
            """
            INSERT INTO submissions (id, reference, form_id, form_version, leika, authority_id, ars, account_id, client_id,
                trust_level, data, provenance, metadata, content_hash, submitted_at, receipt_hash, idempotency_scope,
                idempotency_key, request_hash, acting_for, channel, applicant_name, entered_by)
            VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (idempotency_scope, idempotency_key) DO NOTHING
            RETURNING id
            """
        let inserted = Set(
            try await db.raw(insertSubmissions).all().map { try $0.decode(column: "id", as: String.self) })
        var outcomes: [SubmissionStore.Outcome] = []
        var documents: [SQLQueryString] = []
        var events: [SQLQueryString] = []
        for p in items {
            let n = p.new
            guard inserted.contains(p.id) else {
                // Only a repeated idempotency key gets here (also within this batch).
                guard let key = n.idempotency,
                    let row = try await db.raw(
                        "SELECT \(unsafeRaw: SubmissionStore.columns), request_hash FROM submissions WHERE idempotency_scope = \(bind: key.scope) AND idempotency_key = \(bind: key.key)"
                    ).first()
                else { throw SubmissionError.conflict }
                let existing = try row.decode(model: SubmissionStore.Submission.self, with: JobQueue.decoder)
                let requestHash = try row.decode(column: "request_hash", as: String?.self)
                outcomes.append(requestHash == key.requestHash ? .replayed(existing) : .keyReused)
                continue
            }
            for document in n.documents {
                documents.append("(\(bind: p.id), \(bind: document.documentID), \(bind: document.pointer))")
            }
            events.append("(\(bind: p.id), 1, \(bind: p.submittedAt), 'received', '')")
            events.append("(\(bind: p.id), 2, \(bind: p.submittedAt), 'routed', \(bind: n.authorityID))")
            outcomes.append(
                .created(
                    SubmissionStore.Submission(
                        id: p.id, reference: p.reference, formId: n.formID, formVersion: n.formVersion, leika: n.leika,
                        authorityId: n.authorityID, ars: n.ars, accountId: n.accountID, clientId: n.clientID,
                        trustLevel: n.trustLevel, data: n.data, provenance: n.provenance, metadata: n.metadata,
                        contentHash: p.contentHash, submittedAt: p.submittedAt, receiptHash: n.receiptHash,
                        actingFor: n.actingFor, channel: n.staffEntry?.channel,
                        applicantName: n.staffEntry?.applicantName, enteredBy: n.staffEntry?.enteredBy)))
        }
        if !documents.isEmpty {
            try await db.raw(
                "INSERT INTO submission_documents (submission_id, document_id, field_pointer) VALUES \(documents.joined(separator: ", "))"
            ).run()
        }
        if !events.isEmpty {
            try await db.raw(
                "INSERT INTO submission_events (submission_id, seq, at, kind, detail) VALUES \(events.joined(separator: ", "))"
            ).run()
        }
        return outcomes
    }
}

public enum SubmissionError: Error, Sendable {
    case conflict
}

/// Lower-case hexadecimal without `String(format:)` (which is slow on a hot path).
public enum Hex {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Random codes people read and type: 60 random bits in Crockford base32 (no I, L, O, U), in three
/// groups of four ("K7M2-9QXD-2PVH").
enum Crockford {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    static func random60() -> String {
        var generator = SystemRandomNumberGenerator()
        var value = generator.next() as UInt64
        var chars: [Character] = []
        for _ in 0..<12 {
            chars.append(alphabet[Int(value & 31)])
            value >>= 5
        }
        return "\(String(chars[0..<4]))-\(String(chars[4..<8]))-\(String(chars[8..<12]))"
    }
}

/// Whom an applicant acts for: a principal who gave them a mandate, or their child without an
/// account of their own. Stored as JSON with the draft and, immutably, with the submission.
public struct ActingFor: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A principal's mandate (Vollmacht: attorney, or a parent for a child with an account).
        case mandate
        /// The applicant's own child, who has no account (the parent acts as legal representative).
        case child
    }
    public var kind: Kind
    public var name: String
    public var mandateID: String?
    public var principalAccountID: String?
    public var birthDate: String?

    public init(
        kind: Kind, name: String, mandateID: String? = nil, principalAccountID: String? = nil, birthDate: String? = nil
    ) {
        self.kind = kind
        self.name = name
        self.mandateID = mandateID
        self.principalAccountID = principalAccountID
        self.birthDate = birthDate
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public static func decode(_ json: String?) -> ActingFor? {
        json.flatMap { try? JSONDecoder().decode(ActingFor.self, from: Data($0.utf8)) }
    }
}
