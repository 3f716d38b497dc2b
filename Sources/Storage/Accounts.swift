import Accounts
import Crypto
import Foundation
import SQLKit

/// Accounts, staff credentials and sessions.
public struct AccountStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    /// A session ends after this long without a request …
    public var idleTimeout: TimeInterval = 30 * 60
    /// … and at the latest this long after login.
    public var absoluteTimeout: TimeInterval = 12 * 3600
    /// Failed staff logins before the account locks, and for how long.
    public var lockoutThreshold = 5
    public var lockoutDuration: TimeInterval = 15 * 60

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public struct Account: Sendable, Equatable, Codable {
        public var id: String
        public var kind: AccountKind
        public var displayName: String
        public var subject: String?
        public var email: String?
        public var createdAt: String
    }

    // MARK: Accounts

    /// The citizen account for an identity provider's subject, created on first login.
    public func citizen(subject: String, displayName: String) async throws -> Account {
        let now = clock.now()
        let id = Identifier.uuidV7(at: now)
        return try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO accounts (id, kind, display_name, subject, email, created_at)
                VALUES (\(bind: id), 'citizen', \(bind: displayName), \(bind: subject), NULL, \(bind: Timestamp.string(now)))
                ON CONFLICT (subject) DO NOTHING
                """
            ).run()
            guard let account = try await Self.account(where: "subject", subject, on: db) else {
                throw StorageError.notFound
            }
            return account
        }
    }

    public func account(id: String) async throws -> Account? {
        try await database.read { db in try await Self.account(where: "id", id, on: db) }
    }

    static func account(where column: String, _ value: String, on db: any SQLDatabase) async throws -> Account? {
        let row = try await db.raw(
            "SELECT id, kind, display_name, subject, email, created_at FROM accounts WHERE \(ident: column) = \(bind: value)"
        ).first()
        guard let row else { return nil }
        return Account(
            id: try row.decode(column: "id", as: String.self),
            kind: AccountKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .citizen,
            displayName: try row.decode(column: "display_name", as: String.self),
            subject: try row.decode(column: "subject", as: String?.self),
            email: try row.decode(column: "email", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: String.self))
    }

    /// Creates a staff account (or a platform administrator when `authorityID` is nil).
    public func createStaff(
        email: String, displayName: String, authorityID: String?, roles: Set<StaffRole>, passwordHash: String,
        totpSecret: String, createdBy: String? = nil
    ) async throws -> Account {
        let now = clock.now()
        let id = Identifier.uuidV7(at: now)
        let kind: AccountKind = authorityID == nil ? .platformAdmin : .staff
        return try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO accounts (id, kind, display_name, subject, email, created_at)
                VALUES (\(bind: id), \(bind: kind.rawValue), \(bind: displayName), NULL, \(bind: email.lowercased()), \(bind: Timestamp.string(now)))
                """
            ).run()
            try await db.raw(
                """
                INSERT INTO staff_accounts (account_id, authority_id, roles, password_hash, totp_secret, failed_logins, locked_until)
                VALUES (\(bind: id), \(bind: authorityID ?? ""), \(bind: roles.map(\.rawValue).sorted().joined(separator: " ")),
                        \(bind: passwordHash), \(bind: totpSecret), 0, NULL)
                """
            ).run()
            try await AuditTrail.record(
                "staff.created", accountID: createdBy ?? id, authorityID: authorityID,
                detail: "member \(id) roles [\(roles.map(\.rawValue).sorted().joined(separator: " "))]", at: now, on: db
            )
            return Account(
                id: id, kind: kind, displayName: displayName, subject: nil, email: email.lowercased(),
                createdAt: Timestamp.string(now))
        }
    }

    public struct StaffCredentials: Sendable {
        public var account: Account
        public var authorityID: String?
        public var roles: Set<StaffRole>
        public var passwordHash: String
        public var totpSecret: String
        public var lockedUntil: Date?
    }

    public func staffCredentials(email: String) async throws -> StaffCredentials? {
        try await database.read { db in
            guard let account = try await Self.account(where: "email", email.lowercased(), on: db) else { return nil }
            return try await Self.credentials(of: account, on: db)
        }
    }

    static func credentials(of account: Account, on db: any SQLDatabase) async throws -> StaffCredentials? {
        guard
            let row = try await db.raw(
                "SELECT authority_id, roles, password_hash, totp_secret, locked_until FROM staff_accounts WHERE account_id = \(bind: account.id)"
            ).first()
        else { return nil }
        let authority = try row.decode(column: "authority_id", as: String.self)
        return StaffCredentials(
            account: account, authorityID: authority.isEmpty ? nil : authority,
            roles: Set(
                try row.decode(column: "roles", as: String.self).split(separator: " ").compactMap {
                    StaffRole(rawValue: String($0))
                }),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            totpSecret: try row.decode(column: "totp_secret", as: String.self),
            lockedUntil: try row.decode(column: "locked_until", as: String?.self).flatMap(Timestamp.date))
    }

    public struct StaffMember: Sendable, Equatable {
        public var accountID: String
        public var displayName: String
        public var email: String
        public var roles: Set<StaffRole>
        public var locked: Bool
    }

    /// The staff of one authority (tenant-scoped in SQL).
    public func staff(of authorityID: String) async throws -> [StaffMember] {
        let now = Timestamp.string(clock.now())
        return try await database.read { db in
            try await db.raw(
                """
                SELECT a.id, a.display_name, a.email, s.roles, s.locked_until FROM staff_accounts s
                JOIN accounts a ON a.id = s.account_id WHERE s.authority_id = \(bind: authorityID) ORDER BY a.display_name
                """
            ).all().map { row in
                let locked = try row.decode(column: "locked_until", as: String?.self)
                return StaffMember(
                    accountID: try row.decode(column: "id", as: String.self),
                    displayName: try row.decode(column: "display_name", as: String.self),
                    email: try row.decode(column: "email", as: String?.self) ?? "",
                    roles: Set(
                        try row.decode(column: "roles", as: String.self).split(separator: " ").compactMap {
                            StaffRole(rawValue: String($0))
                        }),
                    locked: locked.map { $0 > now } ?? false)
            }
        }
    }

    /// Changes the roles of a staff member of `authorityID` (nothing happens for anyone else's
    /// staff) and records the change in the audit trail. Returns whether a member was changed.
    public func setStaffRoles(_ roles: Set<StaffRole>, of accountID: String, in authorityID: String, by admin: String)
        async throws -> Bool
    {
        let now = clock.now()
        let text = roles.map(\.rawValue).sorted().joined(separator: " ")
        defer { database.cachedSessions.evict(accountID: accountID) }
        return try await database.transaction { db in
            let exists =
                try await db.raw(
                    "SELECT account_id FROM staff_accounts WHERE account_id = \(bind: accountID) AND authority_id = \(bind: authorityID)"
                ).first() != nil
            guard exists else { return false }
            try await db.raw(
                "UPDATE staff_accounts SET roles = \(bind: text) WHERE account_id = \(bind: accountID) AND authority_id = \(bind: authorityID)"
            ).run()
            try await AuditTrail.record(
                "staff.roles", accountID: admin, authorityID: authorityID,
                detail: "member \(accountID) roles [\(text)]", at: now, on: db)
            return true
        }
    }

    /// Counts a failed staff login; locks the account at the threshold. Returns the lock end, if locked now.
    public func recordFailedLogin(accountID: String) async throws -> Date? {
        let now = clock.now()
        let threshold = lockoutThreshold
        let until = now.addingTimeInterval(lockoutDuration)
        return try await database.transaction { db in
            try await db.raw(
                "UPDATE staff_accounts SET failed_logins = failed_logins + 1 WHERE account_id = \(bind: accountID)"
            ).run()
            let failed =
                try await db.raw(
                    "SELECT failed_logins FROM staff_accounts WHERE account_id = \(bind: accountID)"
                ).first(decodingColumn: "failed_logins", as: Int.self) ?? 0
            guard failed >= threshold else { return nil }
            try await db.raw(
                "UPDATE staff_accounts SET failed_logins = 0, locked_until = \(bind: Timestamp.string(until)) WHERE account_id = \(bind: accountID)"
            ).run()
            return until
        }
    }

    public func recordSuccessfulLogin(accountID: String) async throws {
        try await database.transaction { db in
            try await db.raw(
                "UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL WHERE account_id = \(bind: accountID)"
            ).run()
        }
    }

    /// Sets or clears the address for notification e-mails.
    public func setNotificationEmail(accountID: String, email: String?) async throws {
        try await database.transaction { db in
            try await db.raw(
                "UPDATE accounts SET notification_email = \(bind: email) WHERE id = \(bind: accountID)"
            ).run()
        }
    }

    public func notificationEmail(accountID: String) async throws -> String? {
        try await database.read { db in
            try await db.raw("SELECT notification_email FROM accounts WHERE id = \(bind: accountID)").first(
                decodingColumn: "notification_email", as: String?.self) ?? nil
        }
    }

    /// Deletes a citizen account at the owner's request: sessions, mailbox copies, memberships
    /// and personal fields go; the row stays as an anonymous tombstone (deleted_at) so audit events
    /// keep pointing somewhere. A later login with the same identity creates a new account.
    public func deleteCitizen(accountID: String) async throws {
        let now = clock.now()
        defer { database.cachedSessions.evict(accountID: accountID) }
        try await database.transaction { db in
            try await db.raw("DELETE FROM sessions WHERE account_id = \(bind: accountID)").run()
            try await db.raw("DELETE FROM messages WHERE owner_account_id = \(bind: accountID)").run()
            try await db.raw("DELETE FROM organisation_members WHERE member_account_id = \(bind: accountID)").run()
            try await db.raw(
                "UPDATE mandates SET revoked_at = \(bind: Timestamp.string(now)) WHERE (principal_account_id = \(bind: accountID) OR agent_account_id = \(bind: accountID)) AND revoked_at IS NULL"
            ).run()
            try await db.raw(
                """
                UPDATE accounts SET display_name = '', subject = NULL, email = NULL, notification_email = NULL,
                    deleted_at = \(bind: Timestamp.string(now))
                WHERE id = \(bind: accountID) AND kind = 'citizen'
                """
            ).run()
            try await AuditTrail.record(
                "account.deleted", accountID: accountID, authorityID: nil, detail: "", at: now, on: db)
        }
    }

    // MARK: Pending eID logins

    /// Remembers a started eID login; the state is stored hashed.
    public func rememberLogin(state: String, nonce: String, verifier: String, next: String) async throws {
        let now = Timestamp.string(clock.now())
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO oidc_logins (state_hash, nonce, verifier, next, created_at)
                VALUES (\(bind: Self.hash(state)), \(bind: nonce), \(bind: verifier), \(bind: next), \(bind: now))
                """
            ).run()
        }
    }

    public struct PendingLogin: Sendable, Equatable {
        public var nonce: String
        public var verifier: String
        public var next: String
    }

    /// The login started with `state`, removed so it can be used once only; `nil` when unknown
    /// or older than `maxAge` (a replayed or forged callback).
    public func consumeLogin(state: String, maxAge: TimeInterval = 600) async throws -> PendingLogin? {
        guard state.count <= 128 else { return nil }
        let hash = Self.hash(state)
        let now = clock.now()
        return try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT nonce, verifier, next, created_at FROM oidc_logins WHERE state_hash = \(bind: hash)"
                ).first()
            else { return nil }
            try await db.raw("DELETE FROM oidc_logins WHERE state_hash = \(bind: hash)").run()
            let created = Timestamp.date(try row.decode(column: "created_at", as: String.self)) ?? .distantPast
            guard now.timeIntervalSince(created) <= maxAge else { return nil }
            return PendingLogin(
                nonce: try row.decode(column: "nonce", as: String.self),
                verifier: try row.decode(column: "verifier", as: String.self),
                next: try row.decode(column: "next", as: String.self))
        }
    }

    // MARK: Sessions

    public struct Session: Sendable, Equatable {
        public var account: Account
        public var level: LevelOfAssurance
        public var createdAt: Date
        public var expiresAt: Date
        /// Staff only: the authority and roles, read with the session (one query per request).
        public var authorityID: String?
        public var roles: Set<StaffRole> = []
    }

    /// Starts a session and returns its token (32 random bytes, base64url). Only its hash is stored.
    /// `replacing` is the token of the session the browser had before: it ends now (rotation).
    public func startSession(accountID: String, level: LevelOfAssurance, replacing old: String?) async throws -> String
    {
        let now = clock.now()
        let token = Self.newToken()
        let hash = Self.hash(token)
        let expires = now.addingTimeInterval(absoluteTimeout)
        try await database.transaction { db in
            if let old { try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: Self.hash(old))").run() }
            try await db.raw(
                """
                INSERT INTO sessions (token_hash, account_id, level, created_at, last_seen_at, expires_at)
                VALUES (\(bind: hash), \(bind: accountID), \(bind: level.rawValue), \(bind: Timestamp.string(now)),
                        \(bind: Timestamp.string(now)), \(bind: Timestamp.string(expires)))
                """
            ).run()
        }
        if let old { database.cachedSessions.evict(tokenHash: Self.hash(old)) }
        return token
    }

    /// The live session for `token`, touching its idle timer; `nil` (and the row deleted) when
    /// it has timed out. A plain read on most requests: the idle timer is written at most once a
    /// minute (`touchInterval`), so sessions do not queue behind SQLite's single writer. On
    /// PostgreSQL a session this node read in the last seconds comes from `SessionCache`, which
    /// every node's listener keeps in step with sign-outs and role changes.
    public func session(token: String) async throws -> Session? {
        guard token.count <= 64 else { return nil }
        let now = clock.now()
        let hash = Self.hash(token)
        let cache = database.sessionCache
        // A cached session only until its idle timer is due to be written (the database path does that).
        if let hit = cache.entry(hash, now: now), isLive(hit.session, lastSeen: hit.lastSeen, now: now),
            now.timeIntervalSince(hit.lastSeen) <= Self.touchInterval
        {
            return hit.session
        }
        let ticket = cache.ticket()
        // Every request with a cookie runs this: cells as text through the driver (Database.readText).
        let rows = try await database.readText(
            """
            SELECT s.level, s.created_at, s.last_seen_at, s.expires_at, a.id, a.kind, a.display_name, a.subject,
                   a.email, a.created_at, st.authority_id, st.roles
            FROM sessions s JOIN accounts a ON a.id = s.account_id
            LEFT JOIN staff_accounts st ON st.account_id = a.id
            WHERE s.token_hash = \(bind: hash)
            """)
        let found: (Session, Date)? = try rows.first.map { row in
            guard row.count == 12, let level = row[0], let created = row[1], let lastSeen = row[2],
                let expires = row[3], let id = row[4], let kind = row[5], let name = row[6],
                let accountCreated = row[9]
            else { throw StorageError.integrityFailure("session row with \(row.count) cells or a missing value") }
            let account = Account(
                id: id, kind: AccountKind(rawValue: kind) ?? .citizen, displayName: name, subject: row[7],
                email: row[8], createdAt: accountCreated)
            let authority = row[10]
            let session = Session(
                account: account, level: LevelOfAssurance(rawValue: level) ?? .low,
                createdAt: Timestamp.date(created) ?? now, expiresAt: Timestamp.date(expires) ?? .distantPast,
                authorityID: authority?.isEmpty == false ? authority : nil,
                roles: Set(
                    row[11].map { $0.split(separator: " ").compactMap { StaffRole(rawValue: String($0)) } } ?? []))
            return (session, Timestamp.date(lastSeen) ?? .distantPast)
        }
        guard let (session, lastSeen) = found else { return nil }
        if !isLive(session, lastSeen: lastSeen, now: now) {
            try await endSession(token: token)
            return nil
        }
        var seen = lastSeen
        if now.timeIntervalSince(lastSeen) > Self.touchInterval {
            try await database.transaction { db in
                try await db.raw(
                    "UPDATE sessions SET last_seen_at = \(bind: Timestamp.string(now)) WHERE token_hash = \(bind: hash)"
                ).run()
            }
            seen = now
        }
        if let ticket { cache.store(hash, .init(session: session, lastSeen: seen, readAt: now), ticket: ticket) }
        return session
    }

    /// Neither past its absolute timeout nor idle for too long.
    func isLive(_ session: Session, lastSeen: Date, now: Date) -> Bool {
        now < session.expiresAt && now.timeIntervalSince(lastSeen) < idleTimeout
    }

    /// How often a session's `last_seen_at` is written at most.
    static let touchInterval: TimeInterval = 60

    public func endSession(token: String) async throws {
        let hash = Self.hash(token)
        try await database.transaction { db in
            try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: hash)").run()
        }
        // This node forgets it at once; the others when the trigger's notification reaches them.
        database.cachedSessions.evict(tokenHash: hash)
    }

    /// The actor for a session: staff get their authority and roles.
    public func actor(for session: Session) async throws -> Actor {
        var actor = Actor(
            accountID: session.account.id, kind: session.account.kind, displayName: session.account.displayName,
            level: session.level)
        if session.account.kind != .citizen {
            actor.authorityID = session.authorityID
            actor.roles = session.roles
        }
        return actor
    }

    static func newToken() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: .min ... .max, using: &rng) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }
}
