import Accounts
import Foundation
import HummingbirdBcrypt
import Registers
import Storage

/// Demo data for `serve --demo`: a welcome message in the mailbox of each Test-eID person, a
/// demo clerk of the Stadtverwaltung Jena, and the demo registers' synthetic population of
/// Thuringia (beside the fixed `DemoPeople`, seeded at start). Idempotent; never runs outside demo mode.
public enum DemoSeed {
    static let clerkEmail = "sachbearbeitung@jena.demo.amtsweg.invalid"
    static let adminEmail = "verwaltung@jena.demo.amtsweg.invalid"
    static let jenaID = "th-stadt-16053"

    /// Returns lines to print (the clerk's one-time credentials on first creation).
    public static func run(_ services: AppServices) async throws -> [String] {
        let accounts = AccountStore(database: services.database, clock: services.clock)
        let mailbox = services.mailbox
        var lines: [String] = []
        var clerkID: String
        if let existing = try await accounts.staffCredentials(email: clerkEmail) {
            clerkID = existing.account.id
        } else {
            let password = randomSecret(18)
            let totp = randomSecret(20)
            clerkID = try await accounts.createStaff(
                email: clerkEmail, displayName: "Demo-Sachbearbeitung Jena", authorityID: jenaID, roles: [.clerk],
                passwordHash: Bcrypt.hash(password, cost: 10), totpSecret: totp
            ).id
            lines.append(
                "Demo-Sachbearbeitung / demo clerk: \(clerkEmail)  password \(password)  TOTP secret (raw) \(totp)")
        }
        if try await accounts.staffCredentials(email: adminEmail) == nil {
            let password = randomSecret(18)
            let totp = randomSecret(20)
            _ = try await accounts.createStaff(
                email: adminEmail, displayName: "Demo-Behördenadministration Jena", authorityID: jenaID,
                roles: [.authorityAdmin, .clerk], passwordHash: Bcrypt.hash(password, cost: 10), totpSecret: totp)
            lines.append(
                "Demo-Administration / demo admin: \(adminEmail)  password \(password)  TOTP secret (raw) \(totp)")
        }
        for person in TestIdentity.all {
            let citizen = try await accounts.citizen(subject: person.subject, displayName: person.displayName)
            if try await mailbox.list(owner: citizen.id).isEmpty {
                _ = try await mailbox.send(
                    to: citizen.id, from: jenaID, by: clerkID, subject: "Willkommen in Ihrem Postfach",
                    body: """
                        Guten Tag \(person.displayName),

                        dies ist Ihr Postfach bei Amtsweg. Hier erhalten Sie Nachrichten und Bescheide der Behörden; Sie können direkt antworten.

                        Mit freundlichen Grüßen
                        Stadtverwaltung Jena (Demo)
                        """)
            }
        }
        // The demo registers: a synthetic population in real municipalities (when the data file is
        // at hand; the fixed demo people are always there).
        let csv = URL(fileURLWithPath: "data/regional/thueringen_gemeinden_gv100ad_2026-02-28.csv")
        if let text = try? String(contentsOf: csv, encoding: .utf8),
            let places = try? Municipality.load(
                municipalitiesCSV: text,
                postcodesCSV: try? String(
                    contentsOf: URL(fileURLWithPath: "data/regional/plz_gemeinde_thueringen.csv"), encoding: .utf8))
        {
            try await services.registers.store.seed(SyntheticPopulation.generate(seed: 16, municipalities: places))
        }
        return lines
    }

    static func randomSecret(_ length: Int) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &rng)! })
    }
}
