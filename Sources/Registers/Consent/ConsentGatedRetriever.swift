import Crypto
import Foundation

/// Who asks on whose behalf: the authority, the clerk where one acted, the case, and the
/// applicant's account when known.
public struct Requester: Sendable, Hashable, Codable {
    public var authority: Party
    public var clerk: Party?
    public var caseNumber: String?
    /// `RetrievalSubject.account(_:)` of the applicant, when known; otherwise the log keys the
    /// record by the hashed register id.
    public var subject: String?

    public init(authority: Party, clerk: Party? = nil, caseNumber: String? = nil, subject: String? = nil) {
        self.authority = authority
        self.clerk = clerk
        self.caseNumber = caseNumber
        self.subject = subject
    }
}

/// A register's answer with the record the log must append (unsealed: see `RetrievalLog.seal`).
public struct Retrieval: Sendable, Hashable {
    public var evidence: Evidence
    public var record: RetrievalRecord
}

/// Asks registers only within a granted consent: the consent must be for exactly this plan, the
/// register must be in the plan and agreed to, and the query may ask only the plan's categories.
/// Otherwise it throws `ConsentError` without calling any adapter.
///
/// Only successful retrievals yield a `RetrievalRecord`: the log lists data that reached the
/// authority. A failed call (not found, ambiguous, unavailable, timeout) transmitted no data back; it
/// throws the `RegisterError`, and the server keeps it in its operational log without personal data.
public struct ConsentGatedRetriever: Sendable {
    /// The registers that can be asked.
    public let catalog: RegisterCatalog
    private let pepper: SymmetricKey
    private let clock: @Sendable () -> Date
    private let newID: @Sendable () -> String

    /// - Parameters:
    ///   - subjectPepper: the server-held key of `RetrievalSubject.person(registerID:pepper:)`.
    ///   - clock: the time of records.
    ///   - newID: record ids.
    public init(
        catalog: RegisterCatalog, subjectPepper: SymmetricKey, clock: @escaping @Sendable () -> Date = { Date() },
        newID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.catalog = catalog
        self.pepper = subjectPepper
        self.clock = clock
        self.newID = newID
    }

    /// Checks that `consent` covers asking `register` for `query` under `plan`; returns the adapter
    /// and the plan's item.
    public func authorize(_ query: RegisterQuery, from register: RegisterID, plan: RetrievalPlan, consent: Consent)
        throws(ConsentError) -> (adapter: any RegisterAdapter, item: RetrievalPlan.Item)
    {
        guard consent.planHash == plan.hash else { throw .planMismatch }
        guard case .granted(let registers) = consent.decision else { throw .declined }
        guard let item = plan.item(register) else { throw .registerNotInPlan(register) }
        guard registers.contains(register) else { throw .registerNotGranted(register) }
        let uncovered = query.categories.subtracting(item.categories)
        if !uncovered.isEmpty { throw .categoriesNotCovered(register, uncovered.sorted()) }
        guard let adapter = catalog.adapter(register) else { throw .unknownRegister(register) }
        return (adapter, item)
    }

    /// Asks `register` after `authorize`. Throws `ConsentError` (nothing asked), `RegisterError` or
    /// `CancellationError`. Evidence is cut to the categories asked, whatever the adapter returned.
    public func retrieve(
        _ query: RegisterQuery, from register: RegisterID, plan: RetrievalPlan, consent: Consent,
        requester: Requester
    ) async throws -> Retrieval {
        let (adapter, item) = try authorize(query, from: register, plan: plan, consent: consent)
        let context = RetrievalContext(
            authority: requester.authority, clerk: requester.clerk, serviceID: plan.serviceID,
            serviceName: plan.serviceName, purposeID: plan.purposeID, purpose: plan.purpose,
            legalBasis: item.legalBasis, caseNumber: requester.caseNumber)
        let evidence = try await adapter.query(query, context: context).restricted(to: query.categories)
        let subject: String
        if let s = requester.subject {
            subject = s
        } else if case .organisation(let o) = query.subject {
            subject = RetrievalSubject.organisation(
                registergericht: o.registergericht, registernummer: o.registernummer)
        } else {
            subject = RetrievalSubject.person(registerID: evidence.subjectID, pepper: pepper)
        }
        let record = RetrievalRecord(
            id: newID(), subject: subject, at: clock(), authorityID: requester.authority.id,
            authorityName: requester.authority.name, clerkID: requester.clerk?.id, clerkName: requester.clerk?.name,
            register: register, registerName: item.registerName, issuer: evidence.issuer,
            categories: query.categories, serviceID: plan.serviceID, serviceName: plan.serviceName,
            caseNumber: requester.caseNumber, purpose: plan.purpose, legalBasis: evidence.legalBasis,
            outcome: evidence.deliveredCategories.isSuperset(of: query.categories) ? .delivered : .partial)
        return Retrieval(evidence: evidence, record: record)
    }

    /// Asks several registers concurrently; one result per register (errors as in `retrieve`).
    public func retrieveAll(
        _ queries: [RegisterID: RegisterQuery], plan: RetrievalPlan, consent: Consent, requester: Requester
    ) async -> [RegisterID: Result<Retrieval, any Error>] {
        await withTaskGroup(of: (RegisterID, Result<Retrieval, any Error>).self) { group in
            for (register, query) in queries {
                group.addTask {
                    do {
                        return (
                            register,
                            .success(
                                try await retrieve(
                                    query, from: register, plan: plan, consent: consent, requester: requester))
                        )
                    } catch {
                        return (register, .failure(error))
                    }
                }
            }
            var results: [RegisterID: Result<Retrieval, any Error>] = [:]
            for await (register, result) in group { results[register] = result }
            return results
        }
    }
}
