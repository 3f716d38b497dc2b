import SQLKit

/// Who owns a row. Authority-owned data (cases, an authority's documents) belongs to an authority
/// (the tenant); a person's data (drafts, mailbox, their uploads) belongs to their account.
public enum Owner: Sendable, Hashable {
    case authority(String)
    case account(String)

    var column: String {
        switch self {
        case .authority: "authority_id"
        case .account: "account_id"
        }
    }

    var id: String {
        switch self {
        case .authority(let id), .account(let id): id
        }
    }

    var isAuthority: Bool {
        if case .authority = self { return true }
        return false
    }
}

/// A table whose rows belong to an owner. The only way to query one is through
/// ``SQLDatabase/select(from:owner:)`` and its siblings, which refuse to run without an owner
/// and filter by it in SQL — so one authority can never read another's rows by forgetting a WHERE.
public struct OwnedTable: Sendable {
    public let name: String
    public let allowsAuthority: Bool
    public let allowsAccount: Bool

    public static let documents = OwnedTable(name: "documents", allowsAuthority: true, allowsAccount: true)

    func check(_ owner: Owner?) throws -> Owner {
        guard let owner else { throw StorageError.missingTenantScope(table: name) }
        guard owner.isAuthority ? allowsAuthority : allowsAccount else { throw StorageError.wrongScope(table: name) }
        return owner
    }
}

extension SQLDatabase {
    /// `SELECT … FROM table WHERE <owner column> = owner` — throws when `owner` is nil.
    public func select(from table: OwnedTable, owner: Owner?) throws -> SQLSelectBuilder {
        let owner = try table.check(owner)
        return self.select().from(table.name).where(SQLColumn(owner.column), .equal, SQLBind(owner.id))
    }

    /// `DELETE FROM table WHERE <owner column> = owner` — throws when `owner` is nil.
    public func delete(from table: OwnedTable, owner: Owner?) throws -> SQLDeleteBuilder {
        let owner = try table.check(owner)
        return self.delete(from: table.name).where(SQLColumn(owner.column), .equal, SQLBind(owner.id))
    }

    /// `UPDATE table … WHERE <owner column> = owner` — throws when `owner` is nil.
    public func update(_ table: OwnedTable, owner: Owner?) throws -> SQLUpdateBuilder {
        let owner = try table.check(owner)
        return self.update(table.name).where(SQLColumn(owner.column), .equal, SQLBind(owner.id))
    }
}
