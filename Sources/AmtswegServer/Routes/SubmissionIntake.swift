import Applications
import Authorities
import Catalog
import Forms
import Foundation
import Routing
import Storage
import Synchronization

/// Where every accepted application goes through, from the web journey and from the API alike:
/// routed to the authority responsible for the applicant's municipality, stored immutably with
/// its form version, applicant, trust level, provenance and content hash, and committed durably
/// before anyone is told "accepted". Until case processing exists, the authority's inbox
/// (`/behoerde/eingang`) is where it lands.
struct SubmissionIntake: Sendable {
    let catalog: ServiceCatalog
    let authorities: AuthorityStore
    let store: SubmissionStore

    /// Responsible authority by service and municipality, remembered per authority-data version
    /// (the responsibility chain is pure, the authorities change rarely).
    let responsibility = ResponsibilityCache()

    func responsible(_ service: Service, ars: String) async throws -> Authority? {
        let (all, version) = try await authorities.allVersioned()
        let key = service.leika + "|" + ars
        if let hit = responsibility.state.withLock({ $0.version == version ? $0.table[key] : nil }) { return hit }
        guard let authority = catalog.responsibleAuthority(for: service, municipalityARS: ars, authorities: all) else {
            return nil
        }
        responsibility.state.withLock { cache in
            if cache.version != version || cache.table.count > 50_000 { cache = (version, [:]) }
            cache.table[key] = authority
        }
        return authority
    }

    enum Result: Sendable {
        case accepted(SubmissionStore.Submission, created: Bool)
        /// The idempotency key was used before for a different request.
        case keyReused
        /// No authority is responsible for this service in this municipality.
        case noAuthority
        /// The destination the client named is not the responsible authority.
        case wrongDestination(expected: String)
    }

    func accept(
        form: ApplicationForm, leika: String, ars: String, data: FormValue, accountID: String?, clientID: String? = nil,
        trustLevel: String?, receiptHash: String? = nil, metadata: String? = nil, destinationID: String? = nil,
        idempotency: (scope: String, key: String, requestHash: String)? = nil, documents: [(String, String)]? = nil,
        canonicalData: String? = nil, actingFor: String? = nil, provenance: String? = nil,
        staffEntry: SubmissionStore.StaffEntry? = nil, onlyFor ownAuthorityID: String? = nil
    ) async throws -> Result {
        guard let service = catalog.service(leika: leika),
            let authority = try await responsible(service, ars: ars)
        else { return .noAuthority }
        let destination = RouteFinder.destinationID(for: authority)
        if let destinationID, destinationID.lowercased() != destination.lowercased() {
            return .wrongDestination(expected: destination)
        }
        // A clerk enters applications for their own authority only.
        if let ownAuthorityID, ownAuthorityID != authority.id { return .wrongDestination(expected: authority.id) }
        // Every value was entered by the applicant, unless the journey prefilled from registers
        // (then per field: register or self-declared, see `OnceOnly.provenance`).
        let provenance = provenance ?? "{\"default\":\"entered\"}"
        let outcome = try await store.accept(
            SubmissionStore.New(
                formID: form.id, formVersion: form.version, leika: leika, authorityID: authority.id, ars: ars,
                accountID: accountID, clientID: clientID, trustLevel: trustLevel,
                data: canonicalData ?? String(decoding: data.jsonData(), as: UTF8.self), provenance: provenance,
                metadata: metadata,
                receiptHash: receiptHash, idempotency: idempotency,
                documents: documents ?? Journey(form: form).documents(in: data), actingFor: actingFor,
                staffEntry: staffEntry))
        switch outcome {
        case .created(let s): return .accepted(s, created: true)
        case .replayed(let s): return .accepted(s, created: false)
        case .keyReused: return .keyReused
        }
    }
}

final class ResponsibilityCache: Sendable {
    let state = Mutex<(version: Int, table: [String: Authority])>((-1, [:]))
}
