import Accounts
import Foundation
import SQLKit

/// Organisation accounts and their members. Every change is written to the audit trail in the
/// same transaction.
public struct OrganisationStore: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public struct Membership: Sendable, Equatable {
        public var organisationID: String
        public var organisationName: String
        public var roles: Set<OrganisationRole>
    }

    public struct Member: Sendable, Equatable {
        public var accountID: String
        public var displayName: String
        public var roles: Set<OrganisationRole>
    }

    /// Creates an organisation; its creator becomes its first admin.
    public func create(name: String, by creator: String) async throws -> String {
        let now = clock.now()
        let id = Identifier.uuidV7(at: now)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO accounts (id, kind, display_name, subject, email, created_at)
                VALUES (\(bind: id), 'organisation', \(bind: name), NULL, NULL, \(bind: Timestamp.string(now)))
                """
            ).run()
            try await db.raw(
                """
                INSERT INTO organisation_members (organisation_id, member_account_id, roles, added_at)
                VALUES (\(bind: id), \(bind: creator), 'admin mailbox applicant', \(bind: Timestamp.string(now)))
                """
            ).run()
            try await AuditTrail.record(
                "organisation.created", accountID: creator, authorityID: nil, detail: "organisation \(id)", at: now,
                on: db)
        }
        return id
    }

    /// The roles `accountID` holds in the organisation, `nil` for non-members.
    public func roles(of accountID: String, in organisationID: String) async throws -> Set<OrganisationRole>? {
        try await database.read { db in
            try await db.raw(
                "SELECT roles FROM organisation_members WHERE organisation_id = \(bind: organisationID) AND member_account_id = \(bind: accountID)"
            ).first(decodingColumn: "roles", as: String.self).map(Self.parse)
        }
    }

    public func memberships(of accountID: String) async throws -> [Membership] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT m.organisation_id, a.display_name, m.roles FROM organisation_members m
                JOIN accounts a ON a.id = m.organisation_id WHERE m.member_account_id = \(bind: accountID)
                ORDER BY a.display_name
                """
            ).all().map { row in
                Membership(
                    organisationID: try row.decode(column: "organisation_id", as: String.self),
                    organisationName: try row.decode(column: "display_name", as: String.self),
                    roles: Self.parse(try row.decode(column: "roles", as: String.self)))
            }
        }
    }

    public func members(of organisationID: String) async throws -> [Member] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT m.member_account_id, a.display_name, m.roles FROM organisation_members m
                JOIN accounts a ON a.id = m.member_account_id WHERE m.organisation_id = \(bind: organisationID)
                ORDER BY a.display_name
                """
            ).all().map { row in
                Member(
                    accountID: try row.decode(column: "member_account_id", as: String.self),
                    displayName: try row.decode(column: "display_name", as: String.self),
                    roles: Self.parse(try row.decode(column: "roles", as: String.self)))
            }
        }
    }

    /// Adds a member or changes a member's roles (empty roles remove the member). Returns false
    /// when the account is not a citizen account.
    public func setRoles(_ roles: Set<OrganisationRole>, of member: String, in organisationID: String, by admin: String)
        async throws -> Bool
    {
        let now = clock.now()
        return try await database.transaction { db in
            let kind = try await db.raw("SELECT kind FROM accounts WHERE id = \(bind: member)").first(
                decodingColumn: "kind", as: String.self)
            guard kind == AccountKind.citizen.rawValue else { return false }
            try await db.raw(
                "DELETE FROM organisation_members WHERE organisation_id = \(bind: organisationID) AND member_account_id = \(bind: member)"
            ).run()
            if !roles.isEmpty {
                try await db.raw(
                    """
                    INSERT INTO organisation_members (organisation_id, member_account_id, roles, added_at)
                    VALUES (\(bind: organisationID), \(bind: member), \(bind: Self.format(roles)), \(bind: Timestamp.string(now)))
                    """
                ).run()
            }
            try await AuditTrail.record(
                "organisation.roles", accountID: admin, authorityID: nil,
                detail: "organisation \(organisationID) member \(member) roles [\(Self.format(roles))]", at: now, on: db
            )
            return true
        }
    }

    static func parse(_ text: String) -> Set<OrganisationRole> {
        Set(text.split(separator: " ").compactMap { OrganisationRole(rawValue: String($0)) })
    }

    static func format(_ roles: Set<OrganisationRole>) -> String {
        roles.map(\.rawValue).sorted().joined(separator: " ")
    }
}
