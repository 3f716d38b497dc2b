/// Authorisation decisions, as pure functions of the actor and the resource. Routes ask here
/// before touching data; a denial is answered 404 (the resource's existence is not revealed)
/// or 403 where the resource is the actor's own scope.
public enum Policy {
    public enum Decision: Sendable, Equatable {
        case allow
        case deny(String)

        public var allowed: Bool { self == .allow }
    }

    /// A message in a mailbox: only the account that owns the mailbox reads it. Staff and the
    /// platform administrator never read a citizen's mailbox through this route.
    public static func readMailbox(actor: Actor, ownerAccountID: String) -> Decision {
        guard actor.kind == .citizen else { return .deny("only the mailbox owner reads messages") }
        return actor.accountID == ownerAccountID ? .allow : .deny("not the mailbox owner")
    }

    /// Sending a message for an authority: clerks and team leads of that authority.
    public static func sendMessage(actor: Actor, authorityID: String) -> Decision {
        guard actor.kind == .staff, actor.authorityID == authorityID else {
            return .deny("staff of this authority only")
        }
        return actor.roles.isDisjoint(with: [.clerk, .teamLead]) ? .deny("needs the clerk or team-lead role") : .allow
    }

    /// An authority's inbox (replies from citizens, messages it sent): its clerks and team leads.
    public static func readAuthorityInbox(actor: Actor, authorityID: String) -> Decision {
        sendMessage(actor: actor, authorityID: authorityID)
    }

    /// An organisation's mailbox: its members holding the mailbox (or admin) role.
    public static func readOrganisationMailbox(actor: Actor, memberRoles: Set<OrganisationRole>?) -> Decision {
        guard actor.kind == .citizen, let roles = memberRoles else { return .deny("members of the organisation only") }
        return roles.isDisjoint(with: [.mailbox, .admin]) ? .deny("needs the mailbox role") : .allow
    }

    /// Adding members and changing their roles: the organisation's admins.
    public static func manageOrganisation(actor: Actor, memberRoles: Set<OrganisationRole>?) -> Decision {
        guard actor.kind == .citizen, memberRoles?.contains(.admin) == true else {
            return .deny("organisation admins only")
        }
        return .allow
    }

    /// Managing an authority's staff and roles: its authority administrators.
    public static func manageStaff(actor: Actor, authorityID: String) -> Decision {
        guard actor.kind == .staff, actor.authorityID == authorityID, actor.roles.contains(.authorityAdmin) else {
            return .deny("authority administrators of this authority only")
        }
        return .allow
    }

    /// Working cases (inbox, case view, actions, export): clerks and team leads of an authority.
    /// Which case they may open is decided per case: their authority's own, or one shared with it.
    public static func workCases(actor: Actor) -> Decision {
        guard actor.kind == .staff, actor.authorityID != nil else { return .deny("staff of an authority only") }
        return actor.roles.isDisjoint(with: [.clerk, .teamLead]) ? .deny("needs the clerk or team-lead role") : .allow
    }

    /// An applicant's own cases: the citizen whose account applied.
    public static func readOwnCase(actor: Actor, applicantAccountID: String?) -> Decision {
        guard actor.kind == .citizen, let applicantAccountID, applicantAccountID == actor.accountID else {
            return .deny("only the applicant")
        }
        return .allow
    }

    /// A service's minimum trust level against the login's.
    public static func apply(actor: Actor, requires level: LevelOfAssurance) -> Decision {
        actor.level >= level ? .allow : .deny("step-up to \(level.rawValue) needed")
    }
}
