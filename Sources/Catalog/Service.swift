import Authorities

/// A text in German, English and Leichte Sprache (plain German). English and Leichte Sprache fall
/// back to German when missing.
public struct LocalizedText: Codable, Sendable, Hashable {
    public var de: String
    public var en: String?
    public var ls: String?

    public init(de: String, en: String? = nil, ls: String? = nil) {
        self.de = de
        self.en = en
        self.ls = ls
    }
}

/// Who a service is for.
public enum TargetGroup: String, Codable, Sendable, CaseIterable {
    case citizens
    case companies
}

/// The eIDAS trust level a service needs for an online application.
public enum TrustLevel: String, Codable, Sendable, CaseIterable, Comparable {
    case low, substantial, high

    public static func < (a: TrustLevel, b: TrustLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Which tier of administration handles a service for a municipality.
public enum ResponsibilityLevel: String, Codable, Sendable {
    /// The local administration: Gemeinde, Verwaltungsgemeinschaft, erfüllende Gemeinde or kreisfreie Stadt.
    case gemeinde
    /// The Landratsamt, or the kreisfreie Stadt.
    case kreis
    /// A Land authority (the Thüringer Landesverwaltungsamt).
    case land
    /// Another body named by the service (for example the Studierendenwerk for BAföG).
    case special
}

/// A fee as the catalogue states it. Amounts are integer cents (EUR); a fee that differs by
/// municipality or is not known is said so, never guessed.
public struct Fee: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case free, fixed, range, municipal, unknown
    }
    public var kind: Kind
    public var amountCents: Int64?
    public var minCents: Int64?
    public var maxCents: Int64?
    public var note: LocalizedText?
    public var digitalDiscountCents: Int64?

    public init(
        kind: Kind, amountCents: Int64? = nil, minCents: Int64? = nil, maxCents: Int64? = nil,
        note: LocalizedText? = nil,
        digitalDiscountCents: Int64? = nil
    ) {
        self.kind = kind
        self.amountCents = amountCents
        self.minCents = minCents
        self.maxCents = maxCents
        self.note = note
        self.digitalDiscountCents = digitalDiscountCents
    }
}

/// A Leistung: an administrative service, keyed by its 14-digit LeiKa key.
public struct Service: Codable, Sendable, Hashable {
    public var leika: String
    public var name: LocalizedText
    public var summary: LocalizedText
    public var description: LocalizedText
    public var targetGroups: [TargetGroup]
    public var lifeSituations: [String]
    public var documents: [LocalizedText]
    public var fee: Fee
    public var deadline: LocalizedText?
    public var processingTime: LocalizedText?
    public var legalBasis: [String]
    public var trustLevel: TrustLevel
    public var ozgMaturity: Int
    public var responsibility: ResponsibilityLevel
    public var responsibleBody: LocalizedText?
    public var responsibilityNote: LocalizedText?
    public var synonyms: [String]
    public var popularity: Int
    public var sources: [String]
    /// The provision that prescribes the written form for the application, if any (e.g. "§ 81 Abs. 1
    /// AsylG"). Online, only a submission after an eID login at trust level high replaces it
    /// (§ 3a Abs. 2 ThürVwVfG), so such a service asks for that level.
    public var writtenForm: String?

    public init(
        leika: String, name: LocalizedText, summary: LocalizedText, description: LocalizedText,
        targetGroups: [TargetGroup], lifeSituations: [String], documents: [LocalizedText], fee: Fee,
        deadline: LocalizedText?, processingTime: LocalizedText?, legalBasis: [String], trustLevel: TrustLevel,
        ozgMaturity: Int, responsibility: ResponsibilityLevel, responsibleBody: LocalizedText?,
        responsibilityNote: LocalizedText?, synonyms: [String], popularity: Int, sources: [String],
        writtenForm: String? = nil
    ) {
        self.writtenForm = writtenForm
        self.leika = leika
        self.name = name
        self.summary = summary
        self.description = description
        self.targetGroups = targetGroups
        self.lifeSituations = lifeSituations
        self.documents = documents
        self.fee = fee
        self.deadline = deadline
        self.processingTime = processingTime
        self.legalBasis = legalBasis
        self.trustLevel = trustLevel
        self.ozgMaturity = ozgMaturity
        self.responsibility = responsibility
        self.responsibleBody = responsibleBody
        self.responsibilityNote = responsibilityNote
        self.synonyms = synonyms
        self.popularity = popularity
        self.sources = sources
    }
}
