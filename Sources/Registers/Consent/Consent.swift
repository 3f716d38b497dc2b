import Foundation

/// What a service will ask of which registers, for what purpose, on which legal basis: the basis of
/// the consent request. Items are unique per register and sorted by register id.
public struct RetrievalPlan: Sendable, Hashable, Codable {
    /// One register of the plan.
    public struct Item: Sendable, Hashable, Codable {
        public var register: RegisterID
        public var registerName: String
        public var operatorName: String
        public var categories: [DataCategory]
        public var legalBasis: String

        public init(
            register: RegisterID, registerName: String, operatorName: String, categories: Set<DataCategory>,
            legalBasis: String
        ) {
            self.register = register
            self.registerName = registerName
            self.operatorName = operatorName
            self.categories = categories.sorted()
            self.legalBasis = legalBasis
        }
    }

    public var serviceID: String
    public var serviceName: String
    /// The purpose id the registers' legal bases are keyed by.
    public var purposeID: String
    /// The purpose in the applicant's words ("Prüfung Ihres Anspruchs auf Wohngeld").
    public var purpose: String
    /// One item per register, sorted by register id.
    public var items: [Item]

    /// A plan; items of the same register are merged (categories united, the first legal basis kept).
    public init(serviceID: String, serviceName: String, purposeID: String, purpose: String, items: [Item]) {
        self.serviceID = serviceID
        self.serviceName = serviceName
        self.purposeID = purposeID
        self.purpose = purpose
        var merged: [RegisterID: Item] = [:]
        for item in items {
            if var m = merged[item.register] {
                m.categories = Set(m.categories).union(item.categories).sorted()
                merged[item.register] = m
            } else {
                merged[item.register] = item
            }
        }
        self.items = merged.keys.sorted().compactMap { merged[$0] }
    }

    /// A plan whose names and legal bases come from the catalog's descriptors. Throws when a
    /// register is unknown, cannot deliver a category, or has no legal basis for the purpose.
    public static func make(
        serviceID: String, serviceName: String, purposeID: String, purpose: String,
        requests: [RegisterID: Set<DataCategory>], catalog: RegisterCatalog
    ) throws(ConsentError) -> RetrievalPlan {
        var items: [Item] = []
        for register in requests.keys.sorted() {
            let categories = requests[register] ?? []
            guard let d = catalog.adapter(register)?.descriptor else { throw .unknownRegister(register) }
            let missing = categories.subtracting(d.categories)
            if !missing.isEmpty { throw .categoriesNotOffered(register, missing.sorted()) }
            guard let basis = d.legalBasis(for: purposeID) else { throw .noLegalBasis(register, purpose: purposeID) }
            items.append(
                Item(
                    register: register, registerName: d.name, operatorName: d.operatorName, categories: categories,
                    legalBasis: basis))
        }
        return RetrievalPlan(
            serviceID: serviceID, serviceName: serviceName, purposeID: purposeID, purpose: purpose, items: items)
    }

    /// The item of `register`, if the plan has one.
    public func item(_ register: RegisterID) -> Item? { items.first { $0.register == register } }

    /// SHA-256 over the canonical encoding of every field: a consent names the exact plan it agreed to.
    public var hash: String {
        var c = Canonical()
        c.add("amtsweg-retrieval-plan/1")
        c.add(serviceID)
        c.add(serviceName)
        c.add(purposeID)
        c.add(purpose)
        c.add(String(items.count))
        for i in items {
            c.add(i.register.rawValue)
            c.add(i.registerName)
            c.add(i.operatorName)
            c.add(i.categories.map(\.rawValue))
            c.add(i.legalBasis)
        }
        return c.sha256
    }
}

/// What the applicant sees before anything is requested: service, purpose, and per register the
/// data categories and the legal basis. Agreeing or declining yields a `Consent`.
public struct ConsentRequest: Sendable, Hashable, Codable {
    public var plan: RetrievalPlan
    public var planHash: String

    /// The request for `plan`, bound to its hash.
    public init(plan: RetrievalPlan) {
        self.plan = plan
        self.planHash = plan.hash
    }

    /// The request as plain text, one paragraph per register.
    public func text(_ language: Language) -> String {
        var lines: [String] = []
        switch language {
        case .de:
            lines.append(
                "Für „\(plan.serviceName)“ möchten wir folgende Daten direkt bei den zuständigen Stellen abrufen. "
                    + "Zweck: \(plan.purpose).")
        case .en:
            lines.append(
                "For “\(plan.serviceName)” we would like to retrieve the following data directly from the registers. "
                    + "Purpose: \(plan.purpose).")
        }
        for item in plan.items {
            let categories = item.categories.map { $0.label(language) }.joined(separator: ", ")
            switch language {
            case .de:
                lines.append(
                    "\(item.registerName) (\(item.operatorName)): \(categories). Rechtsgrundlage: \(item.legalBasis).")
            case .en:
                lines.append(
                    "\(item.registerName) (\(item.operatorName)): \(categories). Legal basis: \(item.legalBasis).")
            }
        }
        switch language {
        case .de:
            lines.append(
                "Sie können zustimmen, einzelne Register ausnehmen oder ablehnen und die Angaben selbst eintragen.")
        case .en:
            lines.append("You may agree, leave out single registers, or decline and enter the data yourself.")
        }
        return lines.joined(separator: "\n")
    }
}

/// The applicant's answer to a `ConsentRequest`, bound to the plan by its hash.
public struct Consent: Sendable, Hashable, Codable {
    /// Granted (for all or some registers) or declined.
    public enum Decision: Sendable, Hashable, Codable {
        /// Agreed for these registers of the plan (all, or some).
        case granted(registers: [RegisterID])
        /// Declined: the applicant enters the data by hand.
        case declined
    }

    public var planHash: String
    public var decision: Decision
    /// When the applicant decided.
    public var at: Date

    public init(planHash: String, decision: Decision, at: Date) {
        self.planHash = planHash
        self.decision = decision
        self.at = at
    }

    /// Agreement to `registers` of the request (nil: all of them; others are ignored).
    public static func granted(_ request: ConsentRequest, at: Date, registers: Set<RegisterID>? = nil) -> Consent {
        let offered = request.plan.items.map(\.register)
        let chosen = offered.filter { registers?.contains($0) ?? true }
        return Consent(planHash: request.planHash, decision: .granted(registers: chosen), at: at)
    }

    /// The applicant declined `request` and enters the data by hand.
    public static func declined(_ request: ConsentRequest, at: Date) -> Consent {
        Consent(planHash: request.planHash, decision: .declined, at: at)
    }

    /// The registers agreed to (empty when declined).
    public var grantedRegisters: Set<RegisterID> {
        if case .granted(let r) = decision { return Set(r) }
        return []
    }
}

/// Why the retriever refused to ask a register. Nothing was requested.
public enum ConsentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The applicant declined.
    case declined
    /// The consent was given for another plan.
    case planMismatch
    /// The register is not part of the plan.
    case registerNotInPlan(RegisterID)
    /// The applicant left this register out.
    case registerNotGranted(RegisterID)
    /// The query asks for categories the plan does not name for this register.
    case categoriesNotCovered(RegisterID, [DataCategory])
    /// No adapter with this id in the catalog.
    case unknownRegister(RegisterID)
    /// The register cannot deliver these categories.
    case categoriesNotOffered(RegisterID, [DataCategory])
    /// The register names no legal basis for the purpose.
    case noLegalBasis(RegisterID, purpose: String)

    public var description: String {
        switch self {
        case .declined: "consent declined"
        case .planMismatch: "consent given for another plan"
        case .registerNotInPlan(let r): "register \(r) is not in the plan"
        case .registerNotGranted(let r): "no consent for register \(r)"
        case .categoriesNotCovered(let r, let c):
            "categories \(c.map(\.rawValue).joined(separator: ", ")) of \(r) not covered by the plan"
        case .unknownRegister(let r): "unknown register \(r)"
        case .categoriesNotOffered(let r, let c):
            "register \(r) cannot deliver \(c.map(\.rawValue).joined(separator: ", "))"
        case .noLegalBasis(let r, let p): "register \(r) has no legal basis for purpose \(p)"
        }
    }
}
