import Regions

/// The level of an authority (Behörde) — which tier of Thuringia's administration it belongs to.
public enum AuthorityLevel: String, Codable, Sendable, CaseIterable {
    case land
    case landkreis
    case kreisfreieStadt = "kreisfreie-stadt"
    case verwaltungsgemeinschaft
    case erfuellendeGemeinde = "erfuellende-gemeinde"
    case gemeinde
}

/// An authority: the tenant every authority-owned row belongs to. `servedARS` is the area it
/// serves: a 2-digit Land key, a 5-digit Kreis key, a 9-digit Verband key or a 12-digit Gemeinde key.
public struct Authority: Sendable, Codable, Hashable {
    /// Stable, readable id (for example `th-lra-16061`): seeding is idempotent across nodes.
    public var id: String
    public var name: String
    public var level: AuthorityLevel
    public var servedARS: String
    public var address: Address
    public var contact: Contact
    /// Opening hours as free text per line, e.g. "Mo–Fr 9–12 Uhr"; empty until the authority maintains them.
    public var openingHours: [String]

    public init(
        id: String, name: String, level: AuthorityLevel, servedARS: String, address: Address,
        contact: Contact = Contact(), openingHours: [String] = []
    ) {
        self.id = id
        self.name = name
        self.level = level
        self.servedARS = servedARS
        self.address = address
        self.contact = contact
        self.openingHours = openingHours
    }

    /// Whether the authority's area contains the municipality.
    public func serves(_ municipalityARS: String) -> Bool { municipalityARS.hasPrefix(servedARS) }
}

public struct Address: Sendable, Codable, Hashable {
    public var street: String?
    public var postcode: String
    public var locality: String
    public init(street: String? = nil, postcode: String, locality: String) {
        self.street = street
        self.postcode = postcode
        self.locality = locality
    }
}

public struct Contact: Sendable, Codable, Hashable {
    public var phone: String?
    public var email: String?
    public var website: String?
    public init(phone: String? = nil, email: String? = nil, website: String? = nil) {
        self.phone = phone
        self.email = email
        self.website = website
    }
}
