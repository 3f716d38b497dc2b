import Foundation
import Registers

/// Fixed times and contexts for the tests.
enum T {
    static let t0 = Date(timeIntervalSince1970: 1_772_323_200)  // 2026-03-01T00:00:00Z

    static let authority = Party(id: "wohngeld-jena", name: "Stadt Jena, Wohngeldstelle")
    static let clerk = Party(id: "u-4711", name: "K. Sachbearbeiterin")

    static func context(purpose: String = DemoPurpose.wohngeld) -> RetrievalContext {
        RetrievalContext(
            authority: authority, clerk: nil, serviceID: "99107004000000", serviceName: "Wohngeld", purposeID: purpose,
            purpose: "Prüfung des Anspruchs auf Wohngeld", legalBasis: "test")
    }

    static let source = InMemoryRegisterSource(DemoPeople.dataset)

    static func date(_ iso: String) -> RegisterDate { RegisterDate(iso)! }

    /// The regional data file: `data/regional/` of the package (the same file as in the main repo).
    static func regionalFile(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("data/regional/\(name)"), encoding: .utf8)
    }

    static let municipalitiesFile = "thueringen_gemeinden_gv100ad_2026-02-28.csv"
    static let postcodesFile = "plz_gemeinde_thueringen.csv"
}

/// A source that always fails, for the unavailable path.
struct BrokenSource: RegisterSource {
    struct Failure: Error {}
    func residents(familiennameFolded: String, geburtsdatum: RegisterDate) async throws -> [ResidentRecord] {
        throw Failure()
    }
    func resident(id: String) async throws -> ResidentRecord? { throw Failure() }
    func household(_ householdID: String) async throws -> [ResidentRecord] { throw Failure() }
    func incomes(familiennameFolded: String, geburtsdatum: RegisterDate) async throws -> [IncomeRecord] {
        throw Failure()
    }
    func incomes(personID: String) async throws -> [IncomeRecord] { throw Failure() }
    func company(courtKey: String, number: String) async throws -> CompanyRecord? { throw Failure() }
    func officers(companyID: String) async throws -> [CompanyOfficerRecord] { throw Failure() }
}
