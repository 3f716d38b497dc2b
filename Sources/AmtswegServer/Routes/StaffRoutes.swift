import Accounts
import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdOTP
import Storage
import Texts

/// An authority administrator manages the authority's staff: adds members (their first password
/// and TOTP secret are shown once, to be handed over in person) and changes roles. Every change
/// is in the audit trail; an administrator cannot take away their own administrator role.
struct StaffRoutes: Sendable {
    let pages: AccountRoutes
    let teams: TeamStore
    let catalog: ServiceCatalog

    func register(on router: Router<AppRequestContext>) {
        router.get("/behoerde/mitarbeiter", use: list)
        router.post("/behoerde/mitarbeiter", use: add)
        router.post("/behoerde/mitarbeiter/:id/rollen", use: setRoles)
        router.post("/behoerde/teams", use: createTeam)
        router.post("/behoerde/teams/:team/mitglieder", use: setTeamMember)
    }

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }

    /// The administrator and their authority, or the response that ends the request.
    func admin(_ request: Request, _ context: AppRequestContext) throws -> (Actor, String)? {
        guard let actor = context.actor else { return nil }
        guard let authorityID = actor.authorityID, Policy.manageStaff(actor: actor, authorityID: authorityID).allowed
        else {
            throw HTTPError(.forbidden)
        }
        return (actor, authorityID)
    }

    func page(
        _ request: Request, _ context: AppRequestContext, authorityID: String, created: [String: String]? = nil,
        errors: [(field: String, message: String)] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let staff = try await pages.accounts.staff(of: authorityID)
        let authority = try await pages.authorities.authority(id: authorityID)
        var values: [String: Any] = [
            "authorityName": authority?.name ?? authorityID,
            "staff": staff.map { m in
                [
                    "id": m.accountID, "name": m.displayName, "email": m.email, "locked": m.locked,
                    "roles": m.roles.map { t("role_\($0.rawValue)", context) }.sorted().joined(separator: ", "),
                    "choices": StaffRole.allCases.map { r in
                        [
                            "value": r.rawValue, "label": t("role_\(r.rawValue)", context),
                            "checked": m.roles.contains(r), "member": m.accountID,
                        ]
                    },
                ] as [String: Any]
            },
            "roleChoices": StaffRole.allCases.map {
                ["value": $0.rawValue, "label": t("role_\($0.rawValue)", context)]
            },
        ]
        if let created { values["created"] = created }
        let names = Dictionary(staff.map { ($0.accountID, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let teamList = try await teams.teams(of: authorityID)
        values["teams"] = teamList.map { team in
            [
                "id": team.id, "name": team.name,
                "services": team.services.isEmpty
                    ? t("team_all_services", context)
                    : team.services.map { catalog.service(leika: $0)?.name.de ?? $0 }.joined(separator: ", "),
                "areas": team.areas.isEmpty ? t("team_whole_area", context) : team.areas.joined(separator: ", "),
                "members": team.memberIDs.compactMap { names[$0] }.joined(separator: ", "),
                "staffChoices": staff.map { ["id": $0.accountID, "name": $0.displayName] },
            ] as [String: Any]
        }
        values["hasTeams"] = !teamList.isEmpty
        return pages.form(
            "staff", request, context, title: t("staff_title", context), values: values, errors: errors, status: status)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (_, authorityID) = try admin(request, context) else {
            return pages.redirect("/mitarbeiter/anmelden" + pages.lq(context))
        }
        return try await page(request, context, authorityID: authorityID)
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await pages.csrf.verifiedForm(request, context)
        guard let (actor, authorityID) = try admin(request, context) else {
            return pages.redirect("/mitarbeiter/anmelden" + pages.lq(context))
        }
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let roles = Set(StaffRole.allCases.filter { fields["role_\($0.rawValue)"] == "1" })
        var errors: [(field: String, message: String)] = []
        if email.count > 254 || email.wholeMatch(of: /[^\s@]+@[^\s@]+\.[^\s@]+/) == nil {
            errors.append(("email", t("report_error_email", context)))
        } else if try await pages.accounts.staffCredentials(email: email) != nil {
            errors.append(("email", t("staff_error_exists", context)))
        }
        if name.isEmpty || name.count > 200 { errors.append(("name", t("staff_error_name", context))) }
        if roles.isEmpty { errors.append(("role_clerk", t("staff_error_roles", context))) }
        guard errors.isEmpty else {
            return try await page(
                request, context, authorityID: authorityID, errors: errors, status: .unprocessableContent)
        }
        let password = DemoSeed.randomSecret(20)
        let secret = DemoSeed.randomSecret(20)
        _ = try await pages.accounts.createStaff(
            email: email, displayName: name, authorityID: authorityID, roles: roles,
            passwordHash: Bcrypt.hash(password, cost: 12), totpSecret: secret, createdBy: actor.accountID)
        return try await page(
            request, context, authorityID: authorityID,
            created: [
                "email": email, "password": password, "secret": secret,
                "otpauth": TOTP(secret: secret).createAuthenticatorURL(label: email, issuer: "Amtsweg"),
            ])
    }

    @Sendable func createTeam(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await pages.csrf.verifiedForm(request, context)
        guard let (actor, authorityID) = try admin(request, context) else {
            return pages.redirect("/mitarbeiter/anmelden" + pages.lq(context))
        }
        let name = (fields["team_name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let services = (fields["team_services"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(
            String.init)
        let areas = (fields["team_areas"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        let served = try await pages.authorities.authority(id: authorityID)?.servedARS ?? "∅"
        var errors: [(field: String, message: String)] = []
        if name.isEmpty || name.count > 200 { errors.append(("team_name", t("staff_error_name", context))) }
        if services.count > 200 || services.contains(where: { catalog.service(leika: $0) == nil }) {
            errors.append(("team_services", t("team_error_services", context)))
        }
        if areas.count > 200
            || areas.contains(where: {
                !$0.hasPrefix(served) || ![2, 5, 9, 12].contains($0.count) || !$0.allSatisfy(\.isNumber)
            })
        {
            errors.append(("team_areas", t("team_error_areas", context)))
        }
        guard errors.isEmpty else {
            return try await page(
                request, context, authorityID: authorityID, errors: errors, status: .unprocessableContent)
        }
        _ = try await teams.create(
            authorityID: authorityID, name: name, services: services, areas: areas, by: actor.accountID)
        return pages.redirect("/behoerde/mitarbeiter" + pages.lq(context))
    }

    @Sendable func setTeamMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await pages.csrf.verifiedForm(request, context)
        guard let (actor, authorityID) = try admin(request, context) else {
            return pages.redirect("/mitarbeiter/anmelden" + pages.lq(context))
        }
        guard let team = context.parameters.get("team"), team.count <= 64, let member = fields["member"],
            member.count <= 64,
            try await teams.setMember(
                member, in: team, member: fields["action"] != "remove", authorityID: authorityID, by: actor.accountID)
        else { throw HTTPError(.notFound) }
        return pages.redirect("/behoerde/mitarbeiter" + pages.lq(context))
    }

    @Sendable func setRoles(_ request: Request, context: AppRequestContext) async throws -> Response {
        let fields = try await pages.csrf.verifiedForm(request, context)
        guard let (actor, authorityID) = try admin(request, context) else {
            return pages.redirect("/mitarbeiter/anmelden" + pages.lq(context))
        }
        guard let member = context.parameters.get("id"), member.count <= 64 else { throw HTTPError(.notFound) }
        let roles = Set(StaffRole.allCases.filter { fields["role_\($0.rawValue)"] == "1" })
        if member == actor.accountID && !roles.contains(.authorityAdmin) {
            return try await page(
                request, context, authorityID: authorityID, errors: [("staff", t("staff_error_self", context))],
                status: .unprocessableContent)
        }
        // Scoped to the administrator's authority: another authority's staff member is not found.
        guard try await pages.accounts.setStaffRoles(roles, of: member, in: authorityID, by: actor.accountID) else {
            throw HTTPError(.notFound)
        }
        return pages.redirect("/behoerde/mitarbeiter" + pages.lq(context))
    }
}

/// Creating staff accounts from the command line (the first authority administrator of an
/// authority, or a platform administrator without one).
public enum StaffAdmin {
    public struct Created: Sendable {
        public var accountID: String
        public var password: String
        public var totpSecret: String
        public var otpauthURL: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            switch self {
            case .invalid(let why): why
            }
        }
    }

    public static func create(
        _ services: AppServices, email: String, name: String, authorityID: String?, roles: [String]
    ) async throws -> Created {
        let parsed = try roles.map { raw in
            guard let role = StaffRole(rawValue: raw) else {
                throw Failure.invalid(
                    "unknown role \(raw) (known: \(StaffRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return role
        }
        if let authorityID, try await services.authorities.authority(id: authorityID) == nil {
            throw Failure.invalid("no authority with id \(authorityID)")
        }
        guard email.wholeMatch(of: /[^\s@]+@[^\s@]+\.[^\s@]+/) != nil, !name.isEmpty else {
            throw Failure.invalid("give a valid e-mail address and a name")
        }
        let accounts = AccountStore(database: services.database, clock: services.clock)
        guard try await accounts.staffCredentials(email: email) == nil else {
            throw Failure.invalid("there is already an account for \(email)")
        }
        let password = DemoSeed.randomSecret(20)
        let secret = DemoSeed.randomSecret(20)
        let account = try await accounts.createStaff(
            email: email, displayName: name, authorityID: authorityID, roles: Set(parsed),
            passwordHash: Bcrypt.hash(password, cost: 12), totpSecret: secret)
        return Created(
            accountID: account.id, password: password, totpSecret: secret,
            otpauthURL: TOTP(secret: secret).createAuthenticatorURL(label: email, issuer: "Amtsweg"))
    }
}
