/// The kinds of territorial unit Amtsweg knows in Thuringia. The Amtlicher Regionalschlüssel (ARS)
/// of each kind has its own length: Land 2, Kreis 5, Gemeindeverband 9, Gemeinde 12 digits.
public enum RegionType: String, Codable, Sendable, CaseIterable {
    case land
    case landkreis
    case kreisfreieStadt = "kreisfreie-stadt"
    /// A Verwaltungsgemeinschaft: member municipalities share one administration.
    case verwaltungsgemeinschaft
    /// An erfüllende Gemeinde (Thüringer Kommunalordnung § 51): one municipality runs the
    /// administration for its neighbours; the group is keyed like a Verband.
    case erfuellendeGemeinde = "erfuellende-gemeinde"
    case gemeinde
}

/// How a municipality is administered (GV100AD "Verbandstyp").
public enum Administration: String, Codable, Sendable {
    case verbandsfrei
    case verwaltungsgemeinschaft
    case erfuellendeGemeinde = "erfuellende-gemeinde"
}

/// A Gemeinde (municipality), keyed by its 12-digit ARS.
public struct Municipality: Sendable, Codable, Hashable {
    public var ars: String
    public var ags: String
    /// Official name as in GV100AD, e.g. "Jena, Stadt".
    public var officialName: String
    /// Name as people say it: "Jena".
    public var name: String
    public var isTown: Bool
    public var isKreisfrei: Bool
    public var kreisKey: String
    public var verbandARS: String
    public var administration: Administration
    public var areaHectares: Int
    public var population: Int
    /// Postcode of the administrative seat (GV100AD).
    public var seatPostcode: String
    /// Every postcode known to cover part of the municipality, seat postcode first.
    public var postcodes: [String]
}

/// A Landkreis or kreisfreie Stadt, keyed by its 5-digit key.
public struct Kreis: Sendable, Codable, Hashable {
    public var key: String
    public var officialName: String
    public var name: String
    public var seat: String
    public var isKreisfrei: Bool
    public var type: RegionType { isKreisfrei ? .kreisfreieStadt : .landkreis }
}

/// A Gemeindeverband (9-digit ARS): a Verwaltungsgemeinschaft, the group an erfüllende Gemeinde
/// serves, or — for a verbandsfreie Gemeinde — the municipality alone.
public struct Verband: Sendable, Codable, Hashable {
    public var ars: String
    public var name: String
    public var administration: Administration
    public var kreisKey: String
    public var memberARS: [String]
    /// For an erfüllende Gemeinde: the municipality that runs the administration.
    public var fulfillingMunicipalityARS: String?
}

/// One step of a containment chain, for display and the API.
public struct RegionRef: Sendable, Codable, Hashable {
    public var ars: String
    public var name: String
    public var type: RegionType
}
