import Accounts
import Foundation
import SQLKit

/// Mandates (Vollmachten): a citizen authorises another to act for them — read and answer the
/// mailbox now, apply later. Granting, revoking and every use are audited, and what an agent
/// writes carries the agent's account, so the mailbox and the case show who acted for whom.
public struct MandateStore: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A representative or attorney with a written mandate.
        case attorney
        /// A parent acting for their child.
        case parent
    }

    public struct Mandate: Sendable, Equatable {
        public var id: String
        public var principalID: String
        public var principalName: String
        public var agentID: String
        public var agentName: String
        public var kind: Kind
        public var validUntil: String?
    }

    public enum GrantResult: Sendable, Equatable {
        case granted(String)
        case unknownAgent
        case selfMandate
    }

    public func grant(principal: String, agent: String, kind: Kind, validUntil: Date?) async throws -> GrantResult {
        guard principal != agent else { return .selfMandate }
        let now = clock.now()
        let id = Identifier.uuidV7(at: now)
        return try await database.transaction { db in
            let kindOfAgent = try await db.raw(
                "SELECT kind FROM accounts WHERE id = \(bind: agent) AND deleted_at IS NULL"
            ).first(decodingColumn: "kind", as: String.self)
            guard kindOfAgent == AccountKind.citizen.rawValue else { return .unknownAgent }
            try await db.raw(
                """
                INSERT INTO mandates (id, principal_account_id, agent_account_id, kind, created_at, valid_until, revoked_at)
                VALUES (\(bind: id), \(bind: principal), \(bind: agent), \(bind: kind.rawValue), \(bind: Timestamp.string(now)),
                        \(bind: validUntil.map(Timestamp.string)), NULL)
                """
            ).run()
            try await AuditTrail.record(
                "mandate.granted", accountID: principal, authorityID: nil,
                detail: "mandate \(id) to \(agent) (\(kind.rawValue))", at: now, on: db)
            return .granted(id)
        }
    }

    /// Revokes one of the principal's mandates; false when it is not theirs or already revoked.
    public func revoke(id: String, principal: String) async throws -> Bool {
        let now = clock.now()
        return try await database.transaction { db in
            let active =
                try await db.raw(
                    "SELECT id FROM mandates WHERE id = \(bind: id) AND principal_account_id = \(bind: principal) AND revoked_at IS NULL"
                ).first() != nil
            guard active else { return false }
            try await db.raw("UPDATE mandates SET revoked_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: id)")
                .run()
            try await AuditTrail.record(
                "mandate.revoked", accountID: principal, authorityID: nil, detail: "mandate \(id)", at: now, on: db)
            return true
        }
    }

    /// The active mandate `id` held by `agent`, or nil (revoked, expired, someone else's).
    public func active(id: String, agent: String) async throws -> Mandate? {
        try await list(where: "m.id = ", id, andAgent: agent).first
    }

    public func received(by agent: String) async throws -> [Mandate] {
        try await list(where: "m.agent_account_id = ", agent)
    }

    public func granted(by principal: String) async throws -> [Mandate] {
        try await list(where: "m.principal_account_id = ", principal)
    }

    func list(where column: String, _ value: String, andAgent agent: String? = nil) async throws -> [Mandate] {
        let now = Timestamp.string(clock.now())
        return try await database.read { db in
            var sql = SQLQueryString(
                """
                SELECT m.id, m.principal_account_id, p.display_name AS principal_name, m.agent_account_id,
                       a.display_name AS agent_name, m.kind, m.valid_until
                FROM mandates m JOIN accounts p ON p.id = m.principal_account_id JOIN accounts a ON a.id = m.agent_account_id
                WHERE m.revoked_at IS NULL AND (m.valid_until IS NULL OR m.valid_until > \(bind: now)) AND
                """)
            sql.appendLiteral(" " + column)
            sql.appendInterpolation(bind: value)
            if let agent {
                sql.appendLiteral(" AND m.agent_account_id = ")
                sql.appendInterpolation(bind: agent)
            }
            sql.appendLiteral(" ORDER BY m.created_at")
            return try await db.raw(sql).all().map { row in
                Mandate(
                    id: try row.decode(column: "id", as: String.self),
                    principalID: try row.decode(column: "principal_account_id", as: String.self),
                    principalName: try row.decode(column: "principal_name", as: String.self),
                    agentID: try row.decode(column: "agent_account_id", as: String.self),
                    agentName: try row.decode(column: "agent_name", as: String.self),
                    kind: Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .attorney,
                    validUntil: try row.decode(column: "valid_until", as: String?.self))
            }
        }
    }

    /// Records that an agent used a mandate (read the principal's mailbox, for example).
    public func recordUse(_ mandate: Mandate, what: String) async throws {
        try await AuditTrail(database: database, clock: clock).record(
            "mandate.used", accountID: mandate.agentID,
            detail: "\(what) for \(mandate.principalID) (mandate \(mandate.id))")
    }
}
