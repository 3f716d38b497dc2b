import Crypto
import Foundation
import Registers
import SQLKit

/// The once-only side of storage: the demo registers' own tables (served through
/// `SQLRegisterSource` "as if remote"), consents, a draft's prefill with provenance, and the
/// data-protection cockpit's retrieval log — one hash chain per subject (`RetrievalLog`), appended
/// under a per-subject lock, listed and exported per person, pruned after two years behind a
/// signed checkpoint, and verified by `amtsweg audit verify`.
public struct RegisterStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    /// Signs the checkpoint before old records are deleted (the audit checkpoint key); without a
    /// key nothing is deleted (the rest of the chain could not be verified).
    public let checkpointKey: P256.Signing.PrivateKey?

    public static let retentionJobKind = "registers.retention"
    /// Retrieval records are kept for two years.
    public static let retentionYears = 2

    public init(database: Database, clock: any WallClock, checkpointKey: P256.Signing.PrivateKey? = nil) {
        self.database = database
        self.clock = clock
        self.checkpointKey = checkpointKey
    }

    /// The demo registers' tables as a `RegisterSource`.
    public var source: SQLRegisterSource { SQLRegisterSource(database: database) }

    // MARK: Demo data

    /// Inserts `dataset` into the demo tables; rows already present (same key) are kept. Idempotent.
    public func seed(_ dataset: DemoDataset) async throws {
        for chunk in Self.chunks(dataset.residents, 200) {
            try await database.transaction { db in
                for r in chunk {
                    try await db.raw(
                        """
                        INSERT INTO demo_residents (id, familienname, familienname_folded, vornamen, geburtsname, geburtsdatum,
                            geburtsort, geschlecht, familienstand, strasse, hausnummer, hausnummerzusatz, plz, ort, ars,
                            einzugsdatum, household_id, household_role, meldebehoerde)
                        VALUES (\(bind: r.id), \(bind: r.familienname), \(bind: r.familiennameFolded), \(bind: r.vornamen),
                            \(bind: r.geburtsname), \(bind: r.geburtsdatum.description), \(bind: r.geburtsort),
                            \(bind: r.geschlecht), \(bind: r.familienstand), \(bind: r.strasse), \(bind: r.hausnummer),
                            \(bind: r.hausnummerzusatz), \(bind: r.plz), \(bind: r.ort), \(bind: r.ars),
                            \(bind: r.einzugsdatum.description), \(bind: r.householdID), \(bind: r.householdRole.rawValue),
                            \(bind: r.meldebehoerde))
                        ON CONFLICT (id) DO NOTHING
                        """
                    ).run()
                }
            }
        }
        for chunk in Self.chunks(dataset.incomes, 200) {
            try await database.transaction { db in
                for i in chunk {
                    try await db.raw(
                        """
                        INSERT INTO demo_incomes (id, person_id, familienname, familienname_folded, vornamen, geburtsdatum,
                            kind, payer, pension_kind, monthly_gross_cents, since)
                        VALUES (\(bind: i.id), \(bind: i.personID), \(bind: i.familienname), \(bind: i.familiennameFolded),
                            \(bind: i.vornamen), \(bind: i.geburtsdatum.description), \(bind: i.kind.rawValue),
                            \(bind: i.payer), \(bind: i.pensionKind), \(bind: i.monthlyGrossCents),
                            \(bind: i.since.description))
                        ON CONFLICT (id) DO NOTHING
                        """
                    ).run()
                }
            }
        }
        try await database.transaction { db in
            for c in dataset.companies {
                try await db.raw(
                    """
                    INSERT INTO demo_companies (id, firma, rechtsform, registergericht, registergericht_key, registernummer,
                        sitz, sitz_ars, strasse, hausnummer, plz, ort, gegenstand, kapital_cents, eintragungsdatum)
                    VALUES (\(bind: c.id), \(bind: c.firma), \(bind: c.rechtsform), \(bind: c.registergericht),
                        \(bind: c.courtKey), \(bind: c.registernummer), \(bind: c.sitz), \(bind: c.sitzARS),
                        \(bind: c.strasse), \(bind: c.hausnummer), \(bind: c.plz), \(bind: c.ort), \(bind: c.gegenstand),
                        \(bind: c.kapitalCents), \(bind: c.eintragungsdatum.description))
                    ON CONFLICT (id) DO NOTHING
                    """
                ).run()
            }
            for o in dataset.officers {
                try await db.raw(
                    """
                    INSERT INTO demo_company_officers (company_id, position, familienname, vornamen, geburtsdatum, wohnort, rolle)
                    VALUES (\(bind: o.companyID), \(bind: o.position), \(bind: o.familienname), \(bind: o.vornamen),
                        \(bind: o.geburtsdatum?.description), \(bind: o.wohnort), \(bind: o.rolle))
                    ON CONFLICT (company_id, position) DO NOTHING
                    """
                ).run()
            }
        }
    }

    static func chunks<T>(_ items: [T], _ size: Int) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }

    // MARK: Consent and prefill of a draft

    /// What a draft holds of the once-only step: the consent (nil: not yet asked) and the prefill.
    public struct DraftState: Sendable, Codable, Equatable {
        public enum ConsentState: String, Sendable, Codable {
            /// Agreed, and the registers answered.
            case granted
            /// Agreed, but a register failed or timed out: retry or go on by hand.
            case failed
            /// Declined: entered by hand.
            case declined
        }
        public var consent: ConsentState?
        public var prefill: Prefill

        public init(consent: ConsentState? = nil, prefill: Prefill = Prefill()) {
            self.consent = consent
            self.prefill = prefill
        }
    }

    public func state(draft: String) async throws -> DraftState? {
        try await database.read { db in
            guard
                let row = try await db.raw(
                    "SELECT consent, prefill FROM draft_registers WHERE draft_id = \(bind: draft)"
                ).first()
            else { return nil }
            let consent = try row.decode(column: "consent", as: String?.self)
            let prefill = try JSONDecoder().decode(
                Prefill.self, from: Data(try row.decode(column: "prefill", as: String.self).utf8))
            return DraftState(consent: consent.flatMap(DraftState.ConsentState.init(rawValue:)), prefill: prefill)
        }
    }

    /// Stores a draft's once-only state (on `db` to share the draft's transaction).
    public func save(draft: String, state: DraftState, on db: (any SQLDatabase)? = nil) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let prefill = String(decoding: try encoder.encode(state.prefill), as: UTF8.self)
        let now = Timestamp.string(clock.now())
        let write: @Sendable (any SQLDatabase) async throws -> Void = { db in
            try await db.raw(
                """
                INSERT INTO draft_registers (draft_id, consent, prefill, updated_at)
                VALUES (\(bind: draft), \(bind: state.consent?.rawValue), \(bind: prefill), \(bind: now))
                ON CONFLICT (draft_id) DO UPDATE SET consent = EXCLUDED.consent, prefill = EXCLUDED.prefill,
                    updated_at = EXCLUDED.updated_at
                """
            ).run()
        }
        if let db { try await write(db) } else { try await database.transaction { try await write($0) } }
    }

    /// Records the applicant's answer to a consent request.
    public func recordConsent(
        _ consent: Consent, draft: String, accountID: String?, serviceID: String, on db: any SQLDatabase
    ) async throws {
        let decision: String
        switch consent.decision {
        case .granted: decision = "granted"
        case .declined: decision = "declined"
        }
        try await db.raw(
            """
            INSERT INTO register_consents (id, draft_id, account_id, service_id, plan_hash, decision, registers, at)
            VALUES (\(bind: Identifier.uuidV7(at: clock.now())), \(bind: draft), \(bind: accountID), \(bind: serviceID),
                \(bind: consent.planHash), \(bind: decision),
                \(bind: consent.grantedRegisters.map(\.rawValue).sorted().joined(separator: ",")),
                \(bind: Timestamp.string(consent.at)))
            """
        ).run()
    }

    /// Consents given for a draft, oldest first (decision, registers).
    public func consents(draft: String) async throws -> [(decision: String, registers: String)] {
        try await database.read { db in
            try await db.raw(
                "SELECT decision, registers FROM register_consents WHERE draft_id = \(bind: draft) ORDER BY id"
            ).all().map { row -> (decision: String, registers: String) in
                (
                    try row.decode(column: "decision", as: String.self),
                    try row.decode(column: "registers", as: String.self)
                )
            }
        }
    }

    // MARK: Retrieval log

    /// Appends `records` (unsealed) to their subjects' chains in one transaction: each subject is
    /// locked (advisory lock on PostgreSQL; SQLite has one writer), its tail read, the record sealed
    /// after it. Returns the sealed records.
    @discardableResult
    public func append(_ records: [RetrievalRecord], on db: (any SQLDatabase)? = nil) async throws
        -> [RetrievalRecord]
    {
        guard !records.isEmpty else { return [] }
        let kind = database.kind
        let work: @Sendable (any SQLDatabase) async throws -> [RetrievalRecord] = { db in
            var sealed: [RetrievalRecord] = []
            // Locks in a fixed order, so two appends for the same subjects cannot deadlock.
            for subject in Set(records.map(\.subject)).sorted() where kind == .postgres {
                try await db.raw("SELECT pg_advisory_xact_lock(\(bind: Self.lockKey(subject)))").run()
            }
            for record in records {
                let tail = try await Self.tail(of: record.subject, on: db)
                let r = RetrievalLog.seal(record, after: tail)
                try await db.raw(
                    """
                    INSERT INTO retrieval_log (id, subject, seq, at_ms, authority_id, authority_name, clerk_id, clerk_name,
                        register, register_name, issuer, categories, service_id, service_name, case_number, purpose,
                        legal_basis, outcome, prev_hash, hash)
                    VALUES (\(bind: r.id), \(bind: r.subject), \(bind: r.seq), \(bind: r.atMilliseconds),
                        \(bind: r.authorityID), \(bind: r.authorityName), \(bind: r.clerkID), \(bind: r.clerkName),
                        \(bind: r.register.rawValue), \(bind: r.registerName), \(bind: r.issuer),
                        \(bind: r.categories.map(\.rawValue).joined(separator: ",")), \(bind: r.serviceID),
                        \(bind: r.serviceName), \(bind: r.caseNumber), \(bind: r.purpose), \(bind: r.legalBasis),
                        \(bind: r.outcome.rawValue), \(bind: r.prevHash), \(bind: r.hash))
                    """
                ).run()
                sealed.append(r)
            }
            return sealed
        }
        if let db { return try await work(db) }
        return try await database.transaction { try await work($0) }
    }

    /// A stable 63-bit key of the subject for `pg_advisory_xact_lock`.
    static func lockKey(_ subject: String) -> Int64 {
        let digest = SHA256.hash(data: Data("retrieval-log\n\(subject)".utf8))
        var n: UInt64 = 0
        for byte in digest.prefix(8) { n = n << 8 | UInt64(byte) }
        return Int64(bitPattern: n & 0x7FFF_FFFF_FFFF_FFFF)
    }

    /// Where the subject's chain ends: its last record or, when all were pruned, its checkpoint.
    static func tail(of subject: String, on db: any SQLDatabase) async throws -> RetrievalLog.Tail? {
        if let row = try await db.raw(
            "SELECT seq, hash FROM retrieval_log WHERE subject = \(bind: subject) ORDER BY seq DESC LIMIT 1"
        ).first() {
            return .init(
                seq: try row.decode(column: "seq", as: Int.self), hash: try row.decode(column: "hash", as: String.self))
        }
        if let row = try await db.raw(
            "SELECT seq, hash FROM retrieval_checkpoints WHERE subject = \(bind: subject) ORDER BY seq DESC LIMIT 1"
        ).first() {
            return .init(
                seq: try row.decode(column: "seq", as: Int.self), hash: try row.decode(column: "hash", as: String.self))
        }
        return nil
    }

    static func record(_ row: any SQLRow) throws -> RetrievalRecord {
        let categories = try row.decode(column: "categories", as: String.self).split(separator: ",").compactMap {
            DataCategory(rawValue: String($0))
        }
        return RetrievalRecord(
            id: try row.decode(column: "id", as: String.self),
            subject: try row.decode(column: "subject", as: String.self),
            seq: try row.decode(column: "seq", as: Int.self),
            at: Date(timeIntervalSince1970: Double(try row.decode(column: "at_ms", as: Int64.self)) / 1000),
            authorityID: try row.decode(column: "authority_id", as: String.self),
            authorityName: try row.decode(column: "authority_name", as: String.self),
            clerkID: try row.decode(column: "clerk_id", as: String?.self),
            clerkName: try row.decode(column: "clerk_name", as: String?.self),
            register: RegisterID(try row.decode(column: "register", as: String.self)),
            registerName: try row.decode(column: "register_name", as: String.self),
            issuer: try row.decode(column: "issuer", as: String.self), categories: Set(categories),
            serviceID: try row.decode(column: "service_id", as: String.self),
            serviceName: try row.decode(column: "service_name", as: String.self),
            caseNumber: try row.decode(column: "case_number", as: String?.self),
            purpose: try row.decode(column: "purpose", as: String.self),
            legalBasis: try row.decode(column: "legal_basis", as: String.self),
            outcome: RetrievalRecord.Outcome(rawValue: try row.decode(column: "outcome", as: String.self))
                ?? .delivered,
            prevHash: try row.decode(column: "prev_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }

    static func checkpoint(_ row: any SQLRow) throws -> RetrievalCheckpoint {
        RetrievalCheckpoint(
            subject: try row.decode(column: "subject", as: String.self),
            seq: try row.decode(column: "seq", as: Int.self),
            hash: try row.decode(column: "hash", as: String.self),
            at: Date(timeIntervalSince1970: Double(try row.decode(column: "at_ms", as: Int64.self)) / 1000),
            keyID: try row.decode(column: "key_id", as: String.self),
            signature: try row.decode(column: "signature", as: String.self))
    }

    /// The subject's records in chain order.
    public func records(subject: String) async throws -> [RetrievalRecord] {
        try await database.read { db in
            try await db.raw("SELECT * FROM retrieval_log WHERE subject = \(bind: subject) ORDER BY seq").all().map(
                Self.record)
        }
    }

    /// The cockpit's list: the subject's records with `from ≤ at < to` (either optional) and of the
    /// authority (when given), newest first.
    public func list(subject: String, from: Date? = nil, to: Date? = nil, authority: String? = nil) async throws
        -> [RetrievalRecord]
    {
        RetrievalLog.filter(try await records(subject: subject), from: from, to: to, authority: authority)
    }

    /// The subject's latest checkpoint (the anchor of its remaining records).
    public func anchor(subject: String) async throws -> RetrievalCheckpoint? {
        try await database.read { db in
            try await db.raw(
                "SELECT * FROM retrieval_checkpoints WHERE subject = \(bind: subject) ORDER BY seq DESC LIMIT 1"
            ).first().map(Self.checkpoint)
        }
    }

    /// The Art. 15 GDPR download: exactly the subject's records and their anchor, as JSON.
    public func export(subject: String) async throws -> Data {
        try RetrievalLog.exportJSON(
            try await records(subject: subject), subject: subject, anchor: try await anchor(subject: subject),
            generatedAt: clock.now())
    }

    /// Deletes records older than two years per subject, after storing a signed checkpoint at the
    /// last record deleted. Returns how many records were deleted.
    @discardableResult
    public func prune(on db: (any SQLDatabase)? = nil) async throws -> Int {
        guard let key = checkpointKey else { return 0 }
        let now = clock.now()
        let cutoff = Int64(Self.cutoff(now).timeIntervalSince1970 * 1000)
        let work: @Sendable (any SQLDatabase) async throws -> Int = { db in
            let subjects = try await db.raw(
                "SELECT DISTINCT subject FROM retrieval_log WHERE at_ms < \(bind: cutoff) ORDER BY subject"
            ).all().map { try $0.decode(column: "subject", as: String.self) }
            var deleted = 0
            for subject in subjects {
                if self.database.kind == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(\(bind: Self.lockKey(subject)))").run()
                }
                let records = try await db.raw(
                    "SELECT * FROM retrieval_log WHERE subject = \(bind: subject) ORDER BY seq"
                ).all().map(Self.record)
                let pruning = try RetrievalLog.prune(records, now: now, years: Self.retentionYears, key: key)
                guard let c = pruning.checkpoint, !pruning.delete.isEmpty else { continue }
                try await db.raw(
                    """
                    INSERT INTO retrieval_checkpoints (subject, seq, hash, at_ms, key_id, signature)
                    VALUES (\(bind: c.subject), \(bind: c.seq), \(bind: c.hash), \(bind: Int64((c.at.timeIntervalSince1970 * 1000).rounded())),
                        \(bind: c.keyID), \(bind: c.signature))
                    ON CONFLICT (subject, seq) DO NOTHING
                    """
                ).run()
                try await db.raw(
                    "DELETE FROM retrieval_log WHERE subject = \(bind: subject) AND seq <= \(bind: c.seq)"
                ).run()
                deleted += pruning.delete.count
            }
            // Once-only state of drafts that no longer exist.
            try await db.raw("DELETE FROM draft_registers WHERE draft_id NOT IN (SELECT id FROM drafts)").run()
            return deleted
        }
        if let db { return try await work(db) }
        return try await database.transaction { try await work($0) }
    }

    static func cutoff(_ now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .year, value: -retentionYears, to: now) ?? now
    }

    /// Makes sure the recurring retention job is scheduled (one across all nodes, by its key).
    public func scheduleRetention(queue: JobQueue) async throws {
        try await queue.enqueue(
            kind: Self.retentionJobKind, uniqueKey: Self.retentionJobKind, onConflict: .keep, maxAttempts: 3)
    }

    /// Prunes, then schedules the next run in an hour.
    public func retentionHandler(queue: JobQueue) -> JobHandler {
        { _, db in
            try await self.prune(on: db)
            try await queue.enqueue(
                kind: Self.retentionJobKind, runAt: self.clock.now().addingTimeInterval(3600),
                uniqueKey: Self.retentionJobKind, onConflict: .keep, maxAttempts: 3, on: db)
        }
    }

    /// Verifies every subject's chain from its checkpoint (signed by one of `keys`).
    public func verify(keys: [P256.Signing.PublicKey]) async throws -> (
        chains: Int, records: Int, breaks: [RetrievalLog.Break]
    ) {
        try await database.read { db in
            let rows = try await db.raw("SELECT * FROM retrieval_log ORDER BY subject, seq").all().map(Self.record)
            let checkpoints = try await db.raw("SELECT * FROM retrieval_checkpoints ORDER BY subject, seq").all().map(
                Self.checkpoint)
            var anchors: [String: RetrievalCheckpoint] = [:]
            for c in checkpoints { anchors[c.subject] = c }
            let bySubject = Dictionary(grouping: rows, by: \.subject)
            var breaks: [RetrievalLog.Break] = []
            for subject in bySubject.keys.sorted() {
                let records = bySubject[subject] ?? []
                // The anchor is the checkpoint right before the first remaining record.
                let anchor = anchors[subject].flatMap { $0.seq < (records.first?.seq ?? 0) ? $0 : nil }
                if let b = RetrievalLog.verify(records, anchor: anchor, keys: keys) { breaks.append(b) }
            }
            return (bySubject.count, rows.count, breaks)
        }
    }
}

/// The demo registers' tables as a `RegisterSource`.
public struct SQLRegisterSource: RegisterSource {
    public let database: Database

    public init(database: Database) { self.database = database }

    static func date(_ row: any SQLRow, _ column: String) throws -> RegisterDate {
        let text = try row.decode(column: column, as: String.self)
        guard let d = RegisterDate(text) else { throw RegisterError.unavailable(reason: "bad date in \(column)") }
        return d
    }

    static func resident(_ row: any SQLRow) throws -> ResidentRecord {
        ResidentRecord(
            id: try row.decode(column: "id", as: String.self),
            familienname: try row.decode(column: "familienname", as: String.self),
            vornamen: try row.decode(column: "vornamen", as: String.self),
            geburtsname: try row.decode(column: "geburtsname", as: String?.self),
            geburtsdatum: try date(row, "geburtsdatum"),
            geburtsort: try row.decode(column: "geburtsort", as: String.self),
            geschlecht: try row.decode(column: "geschlecht", as: String.self),
            familienstand: try row.decode(column: "familienstand", as: String.self),
            strasse: try row.decode(column: "strasse", as: String.self),
            hausnummer: try row.decode(column: "hausnummer", as: String.self),
            hausnummerzusatz: try row.decode(column: "hausnummerzusatz", as: String?.self),
            plz: try row.decode(column: "plz", as: String.self), ort: try row.decode(column: "ort", as: String.self),
            ars: try row.decode(column: "ars", as: String.self), einzugsdatum: try date(row, "einzugsdatum"),
            householdID: try row.decode(column: "household_id", as: String.self),
            householdRole: HouseholdRole(rawValue: try row.decode(column: "household_role", as: String.self)) ?? .other,
            meldebehoerde: try row.decode(column: "meldebehoerde", as: String.self))
    }

    static func income(_ row: any SQLRow) throws -> IncomeRecord {
        IncomeRecord(
            id: try row.decode(column: "id", as: String.self),
            personID: try row.decode(column: "person_id", as: String.self),
            familienname: try row.decode(column: "familienname", as: String.self),
            vornamen: try row.decode(column: "vornamen", as: String.self), geburtsdatum: try date(row, "geburtsdatum"),
            kind: IncomeKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .wage,
            payer: try row.decode(column: "payer", as: String.self),
            pensionKind: try row.decode(column: "pension_kind", as: String?.self),
            monthlyGrossCents: try row.decode(column: "monthly_gross_cents", as: Int.self),
            since: try date(row, "since"))
    }

    public func residents(familiennameFolded: String, geburtsdatum: RegisterDate) async throws -> [ResidentRecord] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM demo_residents WHERE familienname_folded = \(bind: familiennameFolded)
                AND geburtsdatum = \(bind: geburtsdatum.description) ORDER BY id
                """
            ).all().map(Self.resident)
        }
    }

    public func resident(id: String) async throws -> ResidentRecord? {
        try await database.read { db in
            try await db.raw("SELECT * FROM demo_residents WHERE id = \(bind: id)").first().map(Self.resident)
        }
    }

    public func household(_ householdID: String) async throws -> [ResidentRecord] {
        try await database.read { db in
            try await db.raw("SELECT * FROM demo_residents WHERE household_id = \(bind: householdID) ORDER BY id").all()
                .map(Self.resident)
        }
    }

    public func incomes(familiennameFolded: String, geburtsdatum: RegisterDate) async throws -> [IncomeRecord] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM demo_incomes WHERE familienname_folded = \(bind: familiennameFolded)
                AND geburtsdatum = \(bind: geburtsdatum.description) ORDER BY id
                """
            ).all().map(Self.income)
        }
    }

    public func incomes(personID: String) async throws -> [IncomeRecord] {
        try await database.read { db in
            try await db.raw("SELECT * FROM demo_incomes WHERE person_id = \(bind: personID) ORDER BY id").all().map(
                Self.income)
        }
    }

    public func company(courtKey: String, number: String) async throws -> CompanyRecord? {
        try await database.read { db in
            try await db.raw(
                "SELECT * FROM demo_companies WHERE registergericht_key = \(bind: courtKey) AND registernummer = \(bind: number)"
            ).first().map { row in
                CompanyRecord(
                    id: try row.decode(column: "id", as: String.self),
                    firma: try row.decode(column: "firma", as: String.self),
                    rechtsform: try row.decode(column: "rechtsform", as: String.self),
                    registergericht: try row.decode(column: "registergericht", as: String.self),
                    registernummer: try row.decode(column: "registernummer", as: String.self),
                    sitz: try row.decode(column: "sitz", as: String.self),
                    sitzARS: try row.decode(column: "sitz_ars", as: String.self),
                    strasse: try row.decode(column: "strasse", as: String.self),
                    hausnummer: try row.decode(column: "hausnummer", as: String.self),
                    plz: try row.decode(column: "plz", as: String.self),
                    ort: try row.decode(column: "ort", as: String.self),
                    gegenstand: try row.decode(column: "gegenstand", as: String.self),
                    kapitalCents: try row.decode(column: "kapital_cents", as: Int?.self),
                    eintragungsdatum: try Self.date(row, "eintragungsdatum"))
            }
        }
    }

    public func officers(companyID: String) async throws -> [CompanyOfficerRecord] {
        try await database.read { db in
            try await db.raw(
                "SELECT * FROM demo_company_officers WHERE company_id = \(bind: companyID) ORDER BY position"
            ).all().map { row in
                CompanyOfficerRecord(
                    companyID: try row.decode(column: "company_id", as: String.self),
                    position: try row.decode(column: "position", as: Int.self),
                    familienname: try row.decode(column: "familienname", as: String.self),
                    vornamen: try row.decode(column: "vornamen", as: String?.self),
                    geburtsdatum: try row.decode(column: "geburtsdatum", as: String?.self).flatMap(RegisterDate.init),
                    wohnort: try row.decode(column: "wohnort", as: String.self),
                    rolle: try row.decode(column: "rolle", as: String.self))
            }
        }
    }
}
