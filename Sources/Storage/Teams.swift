import Foundation
import SQLKit

/// Teams within an authority: which services and areas they handle (case routing uses this),
/// and who is in them. Every query is scoped to the authority; changes are audited.
public struct TeamStore: Sendable {
    public let database: Database
    public let clock: any WallClock

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public struct Team: Sendable, Equatable {
        public var id: String
        public var name: String
        /// LeiKa keys; empty: every service of the authority.
        public var services: [String]
        /// ARS prefixes; empty: the authority's whole area.
        public var areas: [String]
        public var memberIDs: [String]
    }

    public func create(authorityID: String, name: String, services: [String], areas: [String], by admin: String)
        async throws -> String
    {
        let now = clock.now()
        let id = Identifier.uuidV7(at: now)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO teams (id, authority_id, name, services, areas, created_at)
                VALUES (\(bind: id), \(bind: authorityID), \(bind: name), \(bind: services.joined(separator: " ")),
                        \(bind: areas.joined(separator: " ")), \(bind: Timestamp.string(now)))
                """
            ).run()
            try await AuditTrail.record(
                "team.created", accountID: admin, authorityID: authorityID, detail: "team \(id) \(name)", at: now,
                on: db)
        }
        return id
    }

    /// Puts a staff member of the same authority into a team (or takes them out). False when the
    /// team or the member does not belong to `authorityID`.
    public func setMember(_ accountID: String, in teamID: String, member: Bool, authorityID: String, by admin: String)
        async throws -> Bool
    {
        let now = clock.now()
        return try await database.transaction { db in
            let teamOK =
                try await db.raw(
                    "SELECT id FROM teams WHERE id = \(bind: teamID) AND authority_id = \(bind: authorityID)"
                ).first() != nil
            let staffOK =
                try await db.raw(
                    "SELECT account_id FROM staff_accounts WHERE account_id = \(bind: accountID) AND authority_id = \(bind: authorityID)"
                ).first() != nil
            guard teamOK, staffOK else { return false }
            try await db.raw(
                "DELETE FROM team_members WHERE team_id = \(bind: teamID) AND account_id = \(bind: accountID)"
            ).run()
            if member {
                try await db.raw(
                    "INSERT INTO team_members (team_id, account_id) VALUES (\(bind: teamID), \(bind: accountID))"
                ).run()
            }
            try await AuditTrail.record(
                member ? "team.member-added" : "team.member-removed", accountID: admin, authorityID: authorityID,
                detail: "team \(teamID) member \(accountID)", at: now, on: db)
            return true
        }
    }

    public func teams(of authorityID: String) async throws -> [Team] {
        try await database.read { db in
            let rows = try await db.raw(
                "SELECT id, name, services, areas FROM teams WHERE authority_id = \(bind: authorityID) ORDER BY name"
            ).all()
            var teams: [Team] = []
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                let members = try await db.raw(
                    "SELECT account_id FROM team_members WHERE team_id = \(bind: id) ORDER BY account_id"
                ).all().map { try $0.decode(column: "account_id", as: String.self) }
                teams.append(
                    Team(
                        id: id, name: try row.decode(column: "name", as: String.self),
                        services: try row.decode(column: "services", as: String.self).split(separator: " ").map(
                            String.init),
                        areas: try row.decode(column: "areas", as: String.self).split(separator: " ").map(String.init),
                        memberIDs: members))
            }
            return teams
        }
    }
}
