import Foundation

/// Who an account belongs to.
public enum AccountKind: String, Codable, Sendable, CaseIterable {
    /// A person (Bürgerkonto), identified by an eID provider.
    case citizen
    /// A member of an authority's staff (tenant-bound), with roles.
    case staff
    /// Runs the platform; cannot read case data or messages.
    case platformAdmin = "platform-admin"
    /// A company or association (Organisationskonto): never logs in itself; its members act
    /// for it with the roles they hold in it.
    case organisation
}

/// What a member may do for an organisation.
public enum OrganisationRole: String, Codable, Sendable, CaseIterable {
    /// Manages members and roles.
    case admin
    /// Reads and answers the organisation's mailbox.
    case mailbox
    /// Applies for services in the organisation's name.
    case applicant
}

/// Roles of staff within their authority.
public enum StaffRole: String, Codable, Sendable, CaseIterable {
    case clerk
    case teamLead = "team-lead"
    case authorityAdmin = "authority-admin"
    case dataOfficer = "data-officer"
}

/// The eIDAS levels of assurance (trust levels) a login can reach.
public enum LevelOfAssurance: String, Codable, Sendable, CaseIterable, Comparable {
    case low, substantial, high

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The acting person of a request: account, kind, the trust level of this login, and — for
/// staff — the authority and roles.
public struct Actor: Sendable, Equatable {
    public var accountID: String
    public var kind: AccountKind
    public var displayName: String
    public var level: LevelOfAssurance
    public var authorityID: String?
    public var roles: Set<StaffRole>

    public init(
        accountID: String, kind: AccountKind, displayName: String, level: LevelOfAssurance,
        authorityID: String? = nil, roles: Set<StaffRole> = []
    ) {
        self.accountID = accountID
        self.kind = kind
        self.displayName = displayName
        self.level = level
        self.authorityID = authorityID
        self.roles = roles
    }
}

/// Maps an identity provider's `acr` (or level) claim to a trust level, by configuration —
/// e.g. BundID's `STORK-QAA-Level-3` → substantial. Unknown values map to nothing: the login is
/// refused rather than guessed up.
public struct TrustLevelMapping: Sendable, Equatable {
    public var table: [String: LevelOfAssurance]

    public init(_ table: [String: LevelOfAssurance]) { self.table = table }

    public func level(for acr: String?) -> LevelOfAssurance? { acr.flatMap { table[$0] } }

    /// The levels BundID announces (STORK QAA levels and the eIDAS URIs).
    public static let bundID = TrustLevelMapping([
        "STORK-QAA-Level-1": .low, "STORK-QAA-Level-2": .low, "STORK-QAA-Level-3": .substantial,
        "STORK-QAA-Level-4": .high, "http://eidas.europa.eu/LoA/low": .low,
        "http://eidas.europa.eu/LoA/substantial": .substantial, "http://eidas.europa.eu/LoA/high": .high,
    ])
}
