import Foundation

/// One register behind the common interface. Demo adapters read their own tables through a
/// `RegisterSource`; a real adapter (XMeld over OSCI, the NOOTS intermediary of the
/// Registermodernisierung, …) implements the same protocol and is added to the `RegisterCatalog`.
///
/// Contract: validate the query (`RegisterQuery.validate()`), answer only the categories asked
/// (and only those in `descriptor.categories`), throw only `RegisterError` (or `CancellationError`),
/// honour task cancellation, and never log or keep the data (the retriever logs).
public protocol RegisterAdapter: Sendable {
    var id: RegisterID { get }
    var descriptor: RegisterDescriptor { get }
    /// Asks the register. `context` says who asks, for which service and purpose, on which legal basis.
    func query(_ q: RegisterQuery, context: RetrievalContext) async throws -> Evidence
}

/// What a register is and may deliver: shown to the applicant before consent and used to build
/// retrieval plans.
public struct RegisterDescriptor: Sendable, Hashable, Codable {
    /// Whom a register answers about.
    public enum SubjectKind: String, Sendable, Hashable, Codable {
        case person, organisation
    }

    public var id: RegisterID
    /// German name shown to applicants ("Melderegister").
    public var name: String
    /// English name.
    public var nameEN: String
    /// Who keeps the register ("Meldebehörden der Thüringer Gemeinden").
    public var operatorName: String
    public var subjects: Set<SubjectKind>
    /// The categories it can answer.
    public var categories: Set<DataCategory>
    /// Legal basis per purpose id: the register transmits only for purposes listed here.
    public var legalBases: [String: String]
    /// A demo register with synthetic data.
    public var isDemo: Bool

    public init(
        id: RegisterID, name: String, nameEN: String, operatorName: String, subjects: Set<SubjectKind>,
        categories: Set<DataCategory>, legalBases: [String: String], isDemo: Bool
    ) {
        self.id = id
        self.name = name
        self.nameEN = nameEN
        self.operatorName = operatorName
        self.subjects = subjects
        self.categories = categories
        self.legalBases = legalBases
        self.isDemo = isDemo
    }

    /// The legal basis for `purpose`, or nil when the register does not transmit for it.
    public func legalBasis(for purpose: String) -> String? { legalBases[purpose] }

    /// The checks every adapter makes before asking: form, subject kind, categories, purpose.
    public func check(_ q: RegisterQuery, context: RetrievalContext) throws(RegisterError) {
        try q.validate()
        switch q.subject {
        case .person: if !subjects.contains(.person) { throw .invalidQuery(field: "subject") }
        case .organisation: if !subjects.contains(.organisation) { throw .invalidQuery(field: "subject") }
        }
        if !q.categories.isSubset(of: categories) { throw .invalidQuery(field: "categories") }
        if legalBasis(for: context.purposeID) == nil { throw .invalidQuery(field: "purpose") }
    }
}

/// An authority or a member of its staff.
public struct Party: Sendable, Hashable, Codable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// Who asks a register, for what: passed to the adapter (a real register needs to know the
/// requesting authority) and written to the retrieval log.
public struct RetrievalContext: Sendable, Hashable, Codable {
    /// The authority that asks.
    public var authority: Party
    /// The clerk, where one acted (nil when the applicant's own prefill triggered it).
    public var clerk: Party?
    public var serviceID: String
    public var serviceName: String
    /// The purpose id the registers' legal bases are keyed by (e.g. "wohngeld").
    public var purposeID: String
    /// The purpose as shown to the applicant.
    public var purpose: String
    /// The legal basis the plan names for this register.
    public var legalBasis: String
    public var caseNumber: String?

    public init(
        authority: Party, clerk: Party? = nil, serviceID: String, serviceName: String, purposeID: String,
        purpose: String, legalBasis: String, caseNumber: String? = nil
    ) {
        self.authority = authority
        self.clerk = clerk
        self.serviceID = serviceID
        self.serviceName = serviceName
        self.purposeID = purposeID
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.caseNumber = caseNumber
    }
}

/// The registers a deployment can ask, by id. A real register plugs in by `register(_:)`.
public struct RegisterCatalog: Sendable {
    /// The adapters by register id.
    public private(set) var adapters: [RegisterID: any RegisterAdapter]

    /// A catalog of `adapters` (a later one replaces an earlier with the same id).
    public init(_ adapters: [any RegisterAdapter] = []) {
        self.adapters = [:]
        for a in adapters { register(a) }
    }

    /// Adds `adapter`, replacing one with the same id (a real register replaces its demo).
    public mutating func register(_ adapter: any RegisterAdapter) {
        adapters[adapter.id] = adapter
    }

    /// The adapter of register `id`.
    public func adapter(_ id: RegisterID) -> (any RegisterAdapter)? { adapters[id] }

    /// Every register's descriptor, by id.
    public var descriptors: [RegisterDescriptor] {
        adapters.keys.sorted().compactMap { adapters[$0]?.descriptor }
    }

    /// The three demo registers over one source.
    public static func demo(source: any RegisterSource, clock: @escaping @Sendable () -> Date = { Date() })
        -> RegisterCatalog
    {
        RegisterCatalog([
            DemoResidentRegister(source: source, clock: clock),
            DemoIncomeRegister(source: source, clock: clock),
            DemoTradeRegister(source: source, clock: clock),
        ])
    }
}
