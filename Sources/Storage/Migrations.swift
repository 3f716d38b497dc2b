import Foundation
import Logging
import SQLKit

/// A schema change. Migrations are numbered and append-only: never edit one that has shipped;
/// add the next number instead. Each statement must run on SQLite and PostgreSQL; `{BLOB}` is
/// replaced by the engine's binary type, `{WITHOUT_ROWID}` by SQLite's clause for tables with a
/// composite key and small rows (one B-tree instead of table plus key index; nothing on PostgreSQL).
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: [String]
    /// Run after `statements`, on PostgreSQL only (triggers, functions).
    public let postgresOnly: [String]

    public init(_ version: Int, _ name: String, _ statements: [String], postgresOnly: [String] = []) {
        self.version = version
        self.name = name
        self.statements = statements
        self.postgresOnly = postgresOnly
    }
}

public enum Migrations {
    public static let all: [Migration] = [
        Migration(
            1, "foundation",
            [
                """
                CREATE TABLE authorities (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, served_ars TEXT NOT NULL,
                    street TEXT, postcode TEXT NOT NULL, locality TEXT NOT NULL,
                    phone TEXT, email TEXT, website TEXT, opening_hours TEXT NOT NULL DEFAULT '[]',
                    created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
                """,
                "CREATE INDEX authorities_served_ars ON authorities (served_ars)",
                """
                CREATE TABLE jobs (
                    id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, unique_key TEXT,
                    status TEXT NOT NULL, attempts BIGINT NOT NULL DEFAULT 0, max_attempts BIGINT NOT NULL,
                    run_at TEXT NOT NULL, leased_by TEXT, leased_until TEXT, last_error TEXT,
                    created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
                """,
                "CREATE INDEX jobs_due ON jobs (status, run_at)",
                "CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key) WHERE status = 'pending'",
                """
                CREATE TABLE document_blobs (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, bytes {BLOB} NOT NULL)
                """,
                """
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size BIGINT NOT NULL, content_type TEXT NOT NULL,
                    filename TEXT NOT NULL, authority_id TEXT REFERENCES authorities (id), account_id TEXT,
                    created_at TEXT NOT NULL,
                    CHECK ((authority_id IS NULL) <> (account_id IS NULL)))
                """,
                "CREATE INDEX documents_authority ON documents (authority_id, id)",
                "CREATE INDEX documents_account ON documents (account_id, id)",
                "CREATE INDEX documents_sha256 ON documents (sha256)",
                """
                CREATE TABLE rate_limits (
                    bucket TEXT NOT NULL, window_start TEXT NOT NULL, hits BIGINT NOT NULL,
                    PRIMARY KEY (bucket, window_start))
                """,
                """
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status BIGINT NOT NULL,
                    content_type TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
                    PRIMARY KEY (scope, key))
                """,
                "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                "CREATE TABLE data_versions (name TEXT PRIMARY KEY, version BIGINT NOT NULL)",
                """
                CREATE TABLE barrier_reports (
                    id TEXT PRIMARY KEY, page TEXT NOT NULL, message TEXT NOT NULL, contact_email TEXT,
                    created_at TEXT NOT NULL, delete_after TEXT NOT NULL)
                """,
            ]),
        Migration(
            2, "job-probes",
            [
                // Deliberately no unique constraint: a probe run twice must show up as two rows.
                "CREATE TABLE job_probes (job_id TEXT NOT NULL, worker TEXT NOT NULL, executed_at TEXT NOT NULL)",
                "CREATE INDEX job_probes_job ON job_probes (job_id)",
            ]),
        Migration(
            3, "assistant-questions",
            [
                // The assistant's question log: catalogue words only, never the question as typed.
                """
                CREATE TABLE assistant_questions (
                    id TEXT PRIMARY KEY, asked_at TEXT NOT NULL, language TEXT NOT NULL, terms TEXT NOT NULL,
                    intents TEXT NOT NULL, outcome TEXT NOT NULL, leika TEXT, confidence_pct INTEGER NOT NULL,
                    helpful TEXT, delete_after TEXT NOT NULL)
                """,
                "CREATE INDEX assistant_questions_delete_after ON assistant_questions (delete_after)",
            ]),
        Migration(
            4, "accounts-sessions-audit-mailbox",
            [
                """
                CREATE TABLE accounts (
                    id TEXT PRIMARY KEY, kind TEXT NOT NULL, display_name TEXT NOT NULL, subject TEXT UNIQUE,
                    email TEXT UNIQUE, created_at TEXT NOT NULL)
                """,
                """
                CREATE TABLE staff_accounts (
                    account_id TEXT PRIMARY KEY REFERENCES accounts (id), authority_id TEXT NOT NULL,
                    roles TEXT NOT NULL, password_hash TEXT NOT NULL, totp_secret TEXT NOT NULL,
                    failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TEXT)
                """,
                "CREATE INDEX staff_accounts_authority ON staff_accounts (authority_id)",
                // Only the SHA-256 of a session token is stored: a database leak yields no sessions.
                """
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id), level TEXT NOT NULL,
                    created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, expires_at TEXT NOT NULL)
                """,
                "CREATE INDEX sessions_account ON sessions (account_id)",
                // Append-only, hash-chained: each row's hash covers its content and the previous hash.
                """
                CREATE TABLE audit_events (
                    seq BIGINT PRIMARY KEY, at TEXT NOT NULL, event TEXT NOT NULL, account_id TEXT, authority_id TEXT,
                    detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)
                """,
                "CREATE INDEX audit_events_account ON audit_events (account_id)",
                """
                CREATE TABLE messages (
                    id TEXT PRIMARY KEY, owner_account_id TEXT NOT NULL REFERENCES accounts (id),
                    authority_id TEXT NOT NULL, direction TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
                    case_id TEXT, in_reply_to TEXT, sent_by TEXT, created_at TEXT NOT NULL, read_at TEXT)
                """,
                "CREATE INDEX messages_owner ON messages (owner_account_id, created_at)",
            ]),
        Migration(
            5, "notification-email",
            [
                // Where a citizen wants to hear about new messages: optional, given by the citizen.
                "ALTER TABLE accounts ADD COLUMN notification_email TEXT"
            ]),
        Migration(
            6, "oidc-logins",
            [
                // Pending eID logins: state (hashed), nonce and PKCE verifier, used once.
                """
                CREATE TABLE oidc_logins (
                    state_hash TEXT PRIMARY KEY, nonce TEXT NOT NULL, verifier TEXT NOT NULL, next TEXT NOT NULL,
                    created_at TEXT NOT NULL)
                """
            ]),
        Migration(
            7, "organisations",
            [
                // An organisation is an account of kind 'organisation'; people act for it as members.
                """
                CREATE TABLE organisation_members (
                    organisation_id TEXT NOT NULL REFERENCES accounts (id),
                    member_account_id TEXT NOT NULL REFERENCES accounts (id), roles TEXT NOT NULL,
                    added_at TEXT NOT NULL, PRIMARY KEY (organisation_id, member_account_id))
                """,
                "CREATE INDEX organisation_members_member ON organisation_members (member_account_id)",
            ]),
        Migration(8, "account-deletion", ["ALTER TABLE accounts ADD COLUMN deleted_at TEXT"]),
        Migration(
            9, "mandates",
            [
                // A person authorises another to act for them (Vollmacht); revocable, optionally time-limited.
                """
                CREATE TABLE mandates (
                    id TEXT PRIMARY KEY, principal_account_id TEXT NOT NULL REFERENCES accounts (id),
                    agent_account_id TEXT NOT NULL REFERENCES accounts (id), kind TEXT NOT NULL,
                    created_at TEXT NOT NULL, valid_until TEXT, revoked_at TEXT)
                """,
                "CREATE INDEX mandates_agent ON mandates (agent_account_id)",
                "CREATE INDEX mandates_principal ON mandates (principal_account_id)",
            ]),
        Migration(
            10, "message-attachments",
            [
                """
                CREATE TABLE message_attachments (
                    message_id TEXT NOT NULL REFERENCES messages (id), document_id TEXT NOT NULL REFERENCES documents (id),
                    PRIMARY KEY (message_id, document_id))
                """
            ]),
        Migration(
            11, "teams",
            [
                // A team of an authority: which services (LeiKa keys) and areas (ARS prefixes) it handles.
                """
                CREATE TABLE teams (
                    id TEXT PRIMARY KEY, authority_id TEXT NOT NULL, name TEXT NOT NULL, services TEXT NOT NULL,
                    areas TEXT NOT NULL, created_at TEXT NOT NULL)
                """,
                "CREATE INDEX teams_authority ON teams (authority_id)",
                """
                CREATE TABLE team_members (
                    team_id TEXT NOT NULL REFERENCES teams (id), account_id TEXT NOT NULL REFERENCES accounts (id),
                    PRIMARY KEY (team_id, account_id))
                """,
            ]),
        Migration(
            12, "submissions",
            [
                // An accepted application: immutable. What changes later (status, payment) lives in
                // submission_events beside it. The idempotency key is unique per client (or account).
                """
                CREATE TABLE submissions (
                    id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, form_id TEXT NOT NULL,
                    form_version TEXT NOT NULL, leika TEXT NOT NULL, authority_id TEXT NOT NULL, ars TEXT NOT NULL,
                    account_id TEXT, client_id TEXT, trust_level TEXT, data TEXT NOT NULL, provenance TEXT NOT NULL,
                    metadata TEXT, content_hash TEXT NOT NULL, submitted_at TEXT NOT NULL, receipt_hash TEXT,
                    idempotency_scope TEXT, idempotency_key TEXT, request_hash TEXT,
                    UNIQUE (idempotency_scope, idempotency_key))
                """,
                "CREATE INDEX submissions_authority ON submissions (authority_id, submitted_at)",
                "CREATE INDEX submissions_account ON submissions (account_id)",
                """
                CREATE TABLE submission_events (
                    submission_id TEXT NOT NULL REFERENCES submissions (id), seq INTEGER NOT NULL, at TEXT NOT NULL,
                    kind TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', PRIMARY KEY (submission_id, seq))
                """,
                """
                CREATE TABLE submission_documents (
                    submission_id TEXT NOT NULL REFERENCES submissions (id),
                    document_id TEXT NOT NULL REFERENCES documents (id), field_pointer TEXT NOT NULL,
                    PRIMARY KEY (submission_id, document_id))
                """,
                // A draft: saved at every step, resumable by its owner or (anonymous) by a resume code.
                """
                CREATE TABLE drafts (
                    id TEXT PRIMARY KEY, leika TEXT NOT NULL, ars TEXT NOT NULL, account_id TEXT,
                    resume_hash TEXT UNIQUE, data TEXT NOT NULL, step INTEGER NOT NULL, created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL, expires_at TEXT NOT NULL)
                """,
                "CREATE INDEX drafts_account ON drafts (account_id)",
                "CREATE INDEX drafts_expires ON drafts (expires_at)",
                // Third-party software submitting through the API (OAuth 2.0 client credentials).
                """
                CREATE TABLE api_clients (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, secret_hash TEXT NOT NULL, scopes TEXT NOT NULL,
                    services TEXT NOT NULL, created_at TEXT NOT NULL, disabled_at TEXT)
                """,
            ]),
        Migration(
            13, "acting-for",
            [
                // Whom an application is for, when the applicant acts for someone else: a principal
                // with a mandate, or a child without an account of their own (JSON, see ActingFor).
                "ALTER TABLE drafts ADD COLUMN acting_for TEXT",
                "ALTER TABLE submissions ADD COLUMN acting_for TEXT",
            ]),
        Migration(
            14, "processes",
            [
                // Deployed BPMN models: a changed model gets the next version, instances keep theirs.
                """
                CREATE TABLE process_definitions (
                    process_id TEXT NOT NULL, version INTEGER NOT NULL, source_hash TEXT NOT NULL, bpmn TEXT NOT NULL,
                    deployed_at TEXT NOT NULL, PRIMARY KEY (process_id, version))
                """,
                // One row per instance; `state` is the engine's JSON, written at every wait state in
                // the transaction of the change that caused it. Timers are rows in `jobs`.
                """
                CREATE TABLE process_instances (
                    id TEXT PRIMARY KEY, process_id TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL,
                    business_key TEXT, state TEXT NOT NULL, revision INTEGER NOT NULL, created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL)
                """,
                // Only instances with a business key (a case number) are looked up by it.
                "CREATE INDEX process_instances_business_key ON process_instances (business_key) WHERE business_key IS NOT NULL",
                // What each instance completed, in order: the case history and the audit of the process.
                // One row per step: the ids of the nodes it completed, space-separated (names and types
                // come from the instance's model version); `seq` is the position of its first node.
                """
                CREATE TABLE process_history (
                    instance_id TEXT NOT NULL, seq INTEGER NOT NULL, nodes TEXT NOT NULL, at TEXT NOT NULL,
                    PRIMARY KEY (instance_id, seq)){WITHOUT_ROWID}
                """,
                // What each running instance waits for by name (messages and signals), so a signal
                // reaches every instance waiting for it and a message finds its instance.
                """
                CREATE TABLE process_subscriptions (
                    instance_id TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
                    PRIMARY KEY (instance_id, kind, name)){WITHOUT_ROWID}
                """,
                "CREATE INDEX process_subscriptions_name ON process_subscriptions (kind, name)",
                // Messages already correlated, by the sender's message id: the same message twice
                // moves an instance once.
                """
                CREATE TABLE process_messages (
                    message_id TEXT PRIMARY KEY, instance_id TEXT NOT NULL, name TEXT NOT NULL, received_at TEXT NOT NULL)
                """,
            ]),
        Migration(
            15, "cases",
            [
                // A case (Vorgang): one per submission (or per application a clerk entered), in the
                // responsible authority, with its process instance. `is_open` and the indexes below
                // serve the inbox's filters and sort orders as index range scans (keyset pagination).
                """
                CREATE TABLE cases (
                    id TEXT PRIMARY KEY, number TEXT NOT NULL, authority_id TEXT NOT NULL, leika TEXT NOT NULL,
                    ars TEXT NOT NULL, submission_id TEXT UNIQUE, applicant_account_id TEXT,
                    applicant_name TEXT NOT NULL, channel TEXT NOT NULL, entered_by TEXT, status TEXT NOT NULL,
                    is_open INTEGER NOT NULL, assignee_id TEXT, team_id TEXT, process_instance_id TEXT,
                    received_at TEXT NOT NULL, deadline TEXT NOT NULL, decision TEXT, open_request TEXT,
                    closed_at TEXT, retention_until TEXT, updated_at TEXT NOT NULL, UNIQUE (authority_id, number))
                """,
                "CREATE INDEX cases_open ON cases (authority_id, is_open, received_at, id)",
                "CREATE INDEX cases_status ON cases (authority_id, status, received_at, id)",
                "CREATE INDEX cases_assignee ON cases (authority_id, assignee_id, is_open, received_at, id)",
                "CREATE INDEX cases_service ON cases (authority_id, leika, is_open, received_at, id)",
                "CREATE INDEX cases_team ON cases (authority_id, team_id, is_open, received_at, id)",
                "CREATE INDEX cases_deadline ON cases (authority_id, is_open, deadline, id)",
                "CREATE INDEX cases_applicant ON cases (applicant_account_id) WHERE applicant_account_id IS NOT NULL",
                "CREATE INDEX cases_process ON cases (process_instance_id)",
                "CREATE INDEX cases_retention ON cases (retention_until) WHERE retention_until IS NOT NULL",
                """
                CREATE TABLE case_counters (
                    authority_id TEXT NOT NULL, year INTEGER NOT NULL, next INTEGER NOT NULL,
                    PRIMARY KEY (authority_id, year))
                """,
                // The history of a case; `visible` entries are shown to the applicant.
                """
                CREATE TABLE case_events (
                    case_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
                    kind TEXT NOT NULL, detail TEXT NOT NULL, visible INTEGER NOT NULL,
                    PRIMARY KEY (case_id, seq)){WITHOUT_ROWID}
                """,
                // The electronic file: every version of every document, content-addressed; never updated.
                """
                CREATE TABLE case_documents (
                    id TEXT NOT NULL, version INTEGER NOT NULL, case_id TEXT NOT NULL, title TEXT NOT NULL,
                    kind TEXT NOT NULL, filename TEXT NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL,
                    sha256 TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (id, version))
                """,
                "CREATE INDEX case_documents_case ON case_documents (case_id)",
                "CREATE INDEX case_documents_sha ON case_documents (sha256)",
                // Another authority involved: its task and the parts it may read.
                """
                CREATE TABLE case_shares (
                    id TEXT PRIMARY KEY, case_id TEXT NOT NULL, authority_id TEXT NOT NULL, parts TEXT NOT NULL,
                    task TEXT NOT NULL, shared_by TEXT NOT NULL, shared_at TEXT NOT NULL, answer TEXT,
                    answered_by TEXT, answered_at TEXT)
                """,
                "CREATE INDEX case_shares_authority ON case_shares (authority_id, shared_at)",
                "CREATE INDEX case_shares_case ON case_shares (case_id)",
                // Staff access to cases: one hash chain per authority, and signed checkpoints.
                """
                CREATE TABLE case_audit (
                    chain TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
                    action TEXT NOT NULL, case_id TEXT, detail TEXT NOT NULL, prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL, PRIMARY KEY (chain, seq)){WITHOUT_ROWID}
                """,
                "CREATE INDEX case_audit_case ON case_audit (case_id)",
                "CREATE INDEX case_audit_at ON case_audit (at)",
                """
                CREATE TABLE audit_checkpoints (
                    chain TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, at TEXT NOT NULL,
                    key_id TEXT NOT NULL, signature TEXT NOT NULL, PRIMARY KEY (chain, seq))
                """,
                // What is left of a deleted case: that it existed and when it went.
                """
                CREATE TABLE case_deletions (
                    case_id TEXT PRIMARY KEY, number TEXT NOT NULL, authority_id TEXT NOT NULL, leika TEXT NOT NULL,
                    closed_at TEXT, deleted_at TEXT NOT NULL, offered_to_archive INTEGER NOT NULL)
                """,
                // Hand-over packages for the state archive (case export ZIPs), until it collects them.
                """
                CREATE TABLE archive_packages (
                    id TEXT PRIMARY KEY, case_number TEXT NOT NULL, authority_id TEXT NOT NULL,
                    created_at TEXT NOT NULL, sha256 TEXT NOT NULL, package {BLOB} NOT NULL)
                """,
                "CREATE INDEX messages_case ON messages (case_id) WHERE case_id IS NOT NULL",
            ]),
        Migration(
            16, "notices",
            [
                // Issued notices: the sealed PDF's hash (the bytes are a document of the case file and
                // an attachment of the message), delivery by retrieval, and the print queue.
                """
                CREATE TABLE notices (
                    number TEXT PRIMARY KEY, case_id TEXT NOT NULL, authority_id TEXT NOT NULL,
                    sha256 TEXT NOT NULL, issued_at TEXT NOT NULL, message_id TEXT, first_retrieved_at TEXT,
                    delivered_on TEXT, print_queued_at TEXT)
                """,
                "CREATE INDEX notices_sha ON notices (sha256)",
                "CREATE INDEX notices_case ON notices (case_id)",
                "CREATE INDEX notices_message ON notices (message_id) WHERE message_id IS NOT NULL",
                "CREATE INDEX notices_print ON notices (authority_id, print_queued_at) WHERE print_queued_at IS NOT NULL",
            ]),
        Migration(
            17, "automation",
            [
                // What the service's rules proposed for the case (JSON), shown to the clerk.
                "ALTER TABLE cases ADD COLUMN proposal TEXT",
                // Automatic decisions drawn for a four-eyes check, and its outcome (the KPI).
                """
                CREATE TABLE sample_checks (
                    case_id TEXT PRIMARY KEY, leika TEXT NOT NULL, authority_id TEXT NOT NULL, drawn_at TEXT NOT NULL,
                    before_release INTEGER NOT NULL, checked_by TEXT, checked_at TEXT, agree INTEGER, reason TEXT)
                """,
                "CREATE INDEX sample_checks_authority ON sample_checks (authority_id, leika)",
            ]),
        Migration(
            18, "registers",
            [
                // The demo registers' own tables, read "as if remote" through `RegisterSource`.
                """
                CREATE TABLE demo_residents (
                    id TEXT PRIMARY KEY, familienname TEXT NOT NULL, familienname_folded TEXT NOT NULL,
                    vornamen TEXT NOT NULL, geburtsname TEXT, geburtsdatum TEXT NOT NULL, geburtsort TEXT NOT NULL,
                    geschlecht TEXT NOT NULL, familienstand TEXT NOT NULL, strasse TEXT NOT NULL, hausnummer TEXT NOT NULL,
                    hausnummerzusatz TEXT, plz TEXT NOT NULL, ort TEXT NOT NULL, ars TEXT NOT NULL,
                    einzugsdatum TEXT NOT NULL, household_id TEXT NOT NULL, household_role TEXT NOT NULL,
                    meldebehoerde TEXT NOT NULL)
                """,
                "CREATE INDEX demo_residents_lookup ON demo_residents (familienname_folded, geburtsdatum)",
                "CREATE INDEX demo_residents_household ON demo_residents (household_id)",
                """
                CREATE TABLE demo_incomes (
                    id TEXT PRIMARY KEY, person_id TEXT NOT NULL, familienname TEXT NOT NULL,
                    familienname_folded TEXT NOT NULL, vornamen TEXT NOT NULL, geburtsdatum TEXT NOT NULL,
                    kind TEXT NOT NULL, payer TEXT NOT NULL, pension_kind TEXT, monthly_gross_cents BIGINT NOT NULL,
                    since TEXT NOT NULL)
                """,
                "CREATE INDEX demo_incomes_lookup ON demo_incomes (familienname_folded, geburtsdatum)",
                "CREATE INDEX demo_incomes_person ON demo_incomes (person_id)",
                """
                CREATE TABLE demo_companies (
                    id TEXT PRIMARY KEY, firma TEXT NOT NULL, rechtsform TEXT NOT NULL, registergericht TEXT NOT NULL,
                    registergericht_key TEXT NOT NULL, registernummer TEXT NOT NULL, sitz TEXT NOT NULL,
                    sitz_ars TEXT NOT NULL, strasse TEXT NOT NULL, hausnummer TEXT NOT NULL, plz TEXT NOT NULL,
                    ort TEXT NOT NULL, gegenstand TEXT NOT NULL, kapital_cents BIGINT, eintragungsdatum TEXT NOT NULL)
                """,
                "CREATE UNIQUE INDEX demo_companies_number ON demo_companies (registergericht_key, registernummer)",
                """
                CREATE TABLE demo_company_officers (
                    company_id TEXT NOT NULL, position INTEGER NOT NULL, familienname TEXT NOT NULL, vornamen TEXT,
                    geburtsdatum TEXT, wohnort TEXT NOT NULL, rolle TEXT NOT NULL, PRIMARY KEY (company_id, position))
                """,
                // The applicant's answer to a consent request (bound to the plan's hash), as evidence.
                """
                CREATE TABLE register_consents (
                    id TEXT PRIMARY KEY, draft_id TEXT NOT NULL, account_id TEXT, service_id TEXT NOT NULL,
                    plan_hash TEXT NOT NULL, decision TEXT NOT NULL, registers TEXT NOT NULL, at TEXT NOT NULL)
                """,
                "CREATE INDEX register_consents_draft ON register_consents (draft_id)",
                // A draft's consent and prefill with provenance (JSON), beside the draft.
                """
                CREATE TABLE draft_registers (
                    draft_id TEXT PRIMARY KEY, consent TEXT, prefill TEXT NOT NULL, updated_at TEXT NOT NULL)
                """,
                // The data-protection cockpit's log: one hash chain per subject (`RetrievalLog`).
                """
                CREATE TABLE retrieval_log (
                    id TEXT PRIMARY KEY, subject TEXT NOT NULL, seq BIGINT NOT NULL, at_ms BIGINT NOT NULL,
                    authority_id TEXT NOT NULL, authority_name TEXT NOT NULL, clerk_id TEXT, clerk_name TEXT,
                    register TEXT NOT NULL, register_name TEXT NOT NULL, issuer TEXT NOT NULL, categories TEXT NOT NULL,
                    service_id TEXT NOT NULL, service_name TEXT NOT NULL, case_number TEXT, purpose TEXT NOT NULL,
                    legal_basis TEXT NOT NULL, outcome TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
                    UNIQUE (subject, seq))
                """,
                "CREATE INDEX retrieval_log_at ON retrieval_log (at_ms)",
                """
                CREATE TABLE retrieval_checkpoints (
                    subject TEXT NOT NULL, seq BIGINT NOT NULL, hash TEXT NOT NULL, at_ms BIGINT NOT NULL,
                    key_id TEXT NOT NULL, signature TEXT NOT NULL, PRIMARY KEY (subject, seq))
                """,
            ]),
        Migration(
            19, "payments",
            [
                // One row per payment attempt; `payment` is the Codable `Payments.Payment` (status,
                // refunds, applied event ids), the columns are what queries filter on.
                """
                CREATE TABLE payments (
                    id TEXT PRIMARY KEY, reference TEXT NOT NULL UNIQUE, provider TEXT NOT NULL,
                    provider_reference TEXT, application_id TEXT NOT NULL, submission_id TEXT, case_id TEXT,
                    leika TEXT NOT NULL, authority_id TEXT NOT NULL, account_id TEXT, timing TEXT NOT NULL,
                    trust_level TEXT, status TEXT NOT NULL, amount_cents BIGINT NOT NULL, quote TEXT NOT NULL,
                    payment TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, succeeded_at TEXT)
                """,
                "CREATE UNIQUE INDEX payments_provider_reference ON payments (provider, provider_reference)",
                "CREATE INDEX payments_application ON payments (application_id, created_at)",
                "CREATE INDEX payments_submission ON payments (submission_id) WHERE submission_id IS NOT NULL",
                "CREATE INDEX payments_account ON payments (account_id, created_at)",
                "CREATE INDEX payments_authority ON payments (authority_id, succeeded_at)",
                // Every provider event applied, stored before applying it in the same transaction:
                // the same event id twice changes nothing.
                """
                CREATE TABLE payment_events (
                    provider TEXT NOT NULL, event_id TEXT NOT NULL, payment_id TEXT NOT NULL, type TEXT NOT NULL,
                    received_at TEXT NOT NULL, PRIMARY KEY (provider, event_id)){WITHOUT_ROWID}
                """,
                // Booked refunds, by date for the reconciliation report (also inside `payments.payment`).
                """
                CREATE TABLE payment_refunds (
                    payment_id TEXT NOT NULL, refund_id TEXT NOT NULL, authority_id TEXT NOT NULL,
                    amount_cents BIGINT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (payment_id, refund_id)){WITHOUT_ROWID}
                """,
                "CREATE INDEX payment_refunds_authority ON payment_refunds (authority_id, at)",
                "CREATE TABLE payment_reference_counters (year BIGINT PRIMARY KEY, next BIGINT NOT NULL)",
                // The simulated provider's state (its `snapshot()`), shared by every node.
                "CREATE TABLE payment_provider_state (provider TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT NOT NULL)",
            ]),
        Migration(
            20, "staff-entered-submissions",
            [
                // An application a clerk entered from paper, a phone call or the counter: how it came,
                // the applicant's name as entered, and the clerk's account (NULL for online and API).
                "ALTER TABLE submissions ADD COLUMN channel TEXT",
                "ALTER TABLE submissions ADD COLUMN applicant_name TEXT",
                "ALTER TABLE submissions ADD COLUMN entered_by TEXT",
            ]),
        Migration(
            21, "session-change-notifications", [],
            // Every change that ends a session or changes what a session stands for (its account,
            // the staff authority and roles) is announced to all nodes, which drop what they cached
            // (SessionCache). NOTIFY is delivered at commit; the idle timer (last_seen_at) is not a
            // change. Triggers rather than calls in the code, so that no path is forgotten: the
            // maintenance job, retention, the CLI and a hand-written DELETE all notify.
            postgresOnly: [
                """
                CREATE FUNCTION amtsweg_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'sessions' THEN
                        PERFORM pg_notify('\(SessionCache.channel)', 't:' || OLD.token_hash);
                    ELSIF TG_TABLE_NAME = 'accounts' THEN
                        PERFORM pg_notify('\(SessionCache.channel)', 'a:' || OLD.id);
                    ELSIF TG_OP = 'INSERT' THEN
                        PERFORM pg_notify('\(SessionCache.channel)', 'a:' || NEW.account_id);
                    ELSE
                        PERFORM pg_notify('\(SessionCache.channel)', 'a:' || OLD.account_id);
                        IF TG_OP = 'UPDATE' AND NEW.account_id <> OLD.account_id THEN
                            PERFORM pg_notify('\(SessionCache.channel)', 'a:' || NEW.account_id);
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER sessions_changed AFTER DELETE OR UPDATE OF token_hash, account_id, level, created_at, expires_at
                ON sessions FOR EACH ROW EXECUTE FUNCTION amtsweg_session_changed()
                """,
                """
                CREATE TRIGGER accounts_changed AFTER DELETE OR UPDATE OF id, kind, display_name, subject, email, created_at
                ON accounts FOR EACH ROW EXECUTE FUNCTION amtsweg_session_changed()
                """,
                """
                CREATE TRIGGER staff_accounts_changed AFTER INSERT OR DELETE OR UPDATE OF account_id, authority_id, roles
                ON staff_accounts FOR EACH ROW EXECUTE FUNCTION amtsweg_session_changed()
                """,
            ]),
    ]
}

/// Applies pending migrations in one transaction. On PostgreSQL an advisory lock makes nodes that
/// start together take turns; on SQLite the write transaction does the same.
public struct Migrator: Sendable {
    public let database: Database
    public let migrations: [Migration]
    public let logger: Logger

    public init(database: Database, migrations: [Migration] = Migrations.all, logger: Logger) {
        self.database = database
        self.migrations = migrations
        self.logger = logger
    }

    /// Returns the versions applied by this call.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let kind = database.kind
        let migrations = self.migrations
        let logger = self.logger
        return try await database.transaction { db in
            if kind == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(7368127)").run() }
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            ).run()
            let applied = Set(
                try await db.raw("SELECT version FROM schema_migrations").all().map {
                    try $0.decode(column: "version", as: Int.self)
                })
            var done: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version })
            where !applied.contains(migration.version) {
                for statement in migration.statements + (kind == .postgres ? migration.postgresOnly : []) {
                    let sql = statement.replacingOccurrences(of: "{BLOB}", with: kind == .postgres ? "BYTEA" : "BLOB")
                        .replacingOccurrences(of: "{WITHOUT_ROWID}", with: kind == .postgres ? "" : " WITHOUT ROWID")
                    try await db.raw(SQLQueryString(sql)).run()
                }
                try await db.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamp.string(.now)))"
                ).run()
                logger.info(
                    "applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                done.append(migration.version)
            }
            return done
        }
    }

    public func appliedVersions() async throws -> [Int] {
        try await database.read { db in
            try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map {
                try $0.decode(column: "version", as: Int.self)
            }
        }
    }
}
