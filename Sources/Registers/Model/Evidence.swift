import Foundation

/// What a register delivered: the data, which register and authority issued it, when, and on which
/// legal basis. `data` is flat; its keys are listed in `EvidenceKey`.
public struct Evidence: Sendable, Hashable, Codable {
    /// The register that answered.
    public var register: RegisterID
    /// The issuing authority, e.g. "Stadt Jena (Meldebehörde)".
    public var issuer: String
    /// When the register issued the evidence.
    public var issuedAt: Date
    /// The provision the register transmitted the data on.
    public var legalBasis: String
    /// The categories the register answered for (those asked; a category may have no keys when
    /// the register holds no such data, e.g. no wages).
    public var categories: [DataCategory]
    /// The identifier the register knows the subject by (demo: the IdNr; companies: the register
    /// number).
    public var subjectID: String
    /// The data, keyed as `EvidenceKey` documents.
    public var data: [String: String]

    public init(
        register: RegisterID, issuer: String, issuedAt: Date, legalBasis: String, categories: Set<DataCategory>,
        subjectID: String, data: [String: String]
    ) {
        self.register = register
        self.issuer = issuer
        self.issuedAt = issuedAt
        self.legalBasis = legalBasis
        self.categories = categories.sorted()
        self.subjectID = subjectID
        self.data = data
    }

    /// Only the keys of `categories` (keys outside the scheme are dropped too).
    public func restricted(to categories: Set<DataCategory>) -> Evidence {
        var copy = self
        copy.categories = self.categories.filter { categories.contains($0) }
        copy.data = data.filter { key, _ in DataCategory(evidenceKey: key).map(categories.contains) ?? false }
        return copy
    }

    /// The categories of `categories` with at least one key in `data`.
    public var deliveredCategories: Set<DataCategory> {
        Set(data.keys.compactMap { DataCategory(evidenceKey: $0) })
    }
}

/// The keys of `Evidence.data`. Values are strings: dates `yyyy-MM-dd`, amounts in euro cents as
/// integers, codes as listed. Repeated entries carry a zero-based index (`household.0.vorname`),
/// numbered without gaps in the order given below.
public enum EvidenceKey {
    // Category `name`.
    /// Family name.
    public static let familienname = "person.familienname"
    /// All first names, space separated, as registered.
    public static let vorname = "person.vorname"
    /// Birth name, when it differs from the family name.
    public static let geburtsname = "person.geburtsname"

    // Category `birth`.
    /// Date of birth, `yyyy-MM-dd`.
    public static let geburtsdatum = "person.geburtsdatum"
    /// Place of birth.
    public static let geburtsort = "person.geburtsort"

    // Category `address` (the main residence, Hauptwohnung).
    public static let strasse = "address.strasse"
    public static let hausnummer = "address.hausnummer"
    /// Letter after the house number ("a"); absent when none.
    public static let hausnummerzusatz = "address.hausnummerzusatz"
    /// Postcode, five digits.
    public static let plz = "address.plz"
    /// Municipality name ("Jena").
    public static let ort = "address.ort"
    /// The municipality's Amtlicher Regionalschlüssel, twelve digits.
    public static let ars = "address.ars"
    /// Moved in on, `yyyy-MM-dd`.
    public static let einzugsdatum = "address.einzugsdatum"

    /// Category `household`: the other people registered in the same household, ordered partner
    /// first, then by date of birth.
    public enum HouseholdField: String, Sendable, CaseIterable {
        case familienname, vorname, geburtsdatum
        /// Relation to the person asked about: `ehegatte`, `lebenspartner`, `partner`, `kind`,
        /// `elternteil`, `geschwister`, `sonstige`.
        case beziehung
    }

    /// `household.<i>.<field>`.
    public static func household(_ index: Int, _ field: HouseholdField) -> String {
        "household.\(index).\(field.rawValue)"
    }

    /// Category `income.wage`: current employments, oldest first.
    public enum WageField: String, Sendable, CaseIterable {
        /// The employer's name.
        case employer
        /// Average monthly gross wage of the last twelve months, euro cents.
        case monthlyGrossCents
        /// Employed since, `yyyy-MM-dd`.
        case since
    }

    /// `income.wage.<i>.<field>`.
    public static func wage(_ index: Int, _ field: WageField) -> String {
        "income.wage.\(index).\(field.rawValue)"
    }

    /// Category `income.pension`: current pensions, oldest first.
    public enum PensionField: String, Sendable, CaseIterable {
        /// The paying insurer.
        case insurer
        /// `altersrente`, `erwerbsminderungsrente`, `hinterbliebenenrente`.
        case kind
        /// Current monthly gross pension, euro cents.
        case monthlyGrossCents
        /// Paid since, `yyyy-MM-dd`.
        case since
    }

    /// `income.pension.<i>.<field>`.
    public static func pension(_ index: Int, _ field: PensionField) -> String {
        "income.pension.\(index).\(field.rawValue)"
    }

    // Category `company`.
    /// The company's registered name (Firma).
    public static let firma = "company.firma"
    /// "GmbH", "UG (haftungsbeschränkt)", "AG", "e.K.", "OHG", "KG", "GmbH & Co. KG".
    public static let rechtsform = "company.rechtsform"
    /// "Amtsgericht Jena".
    public static let registergericht = "company.registergericht"
    /// "HRB 501234".
    public static let registernummer = "company.registernummer"
    /// Registered seat (municipality name).
    public static let sitz = "company.sitz"
    /// ARS of the seat.
    public static let sitzARS = "company.sitz.ars"
    public static let companyStrasse = "company.anschrift.strasse"
    public static let companyHausnummer = "company.anschrift.hausnummer"
    public static let companyPLZ = "company.anschrift.plz"
    public static let companyOrt = "company.anschrift.ort"
    /// Object of the company (Unternehmensgegenstand).
    public static let gegenstand = "company.gegenstand"
    /// Share or nominal capital, euro cents; absent for partnerships and sole traders.
    public static let kapitalCents = "company.kapitalCents"
    /// First registered on, `yyyy-MM-dd`.
    public static let eintragungsdatum = "company.eintragungsdatum"

    /// The company's representatives, in register order.
    public enum RepresentativeField: String, Sendable, CaseIterable {
        /// Family name, or the name of a company acting as general partner.
        case familienname
        /// Absent for a company.
        case vorname
        /// `yyyy-MM-dd`; absent for a company.
        case geburtsdatum
        /// Place of residence, or seat of a company.
        case wohnort
        /// "Geschäftsführer", "Vorstand", "Inhaber", "persönlich haftender Gesellschafter", ….
        case rolle
    }

    /// `company.vertreter.<i>.<field>`.
    public static func representative(_ index: Int, _ field: RepresentativeField) -> String {
        "company.vertreter.\(index).\(field.rawValue)"
    }
}
