import Authorities
import Foundation

/// The service catalogue: services by LeiKa key, and who is responsible for a service in a
/// municipality (Zuständigkeit).
public struct ServiceCatalog: Sendable {
    public let services: [Service]
    /// The real exceptions to the rule per level, per municipality and service.
    public let overrides: [ResponsibilityOverride]
    private let byLeika: [String: Int]
    /// "leika|ars" → index into `overrides`.
    private let overrideIndex: [String: Int]

    public init(services: [Service], overrides: [ResponsibilityOverride] = []) throws {
        var index: [String: Int] = [:]
        for (i, service) in services.enumerated() {
            try Self.validate(service)
            guard index[service.leika] == nil else { throw CatalogError.duplicateKey(service.leika) }
            index[service.leika] = i
        }
        var overrideIndex: [String: Int] = [:]
        for (i, o) in overrides.enumerated() {
            guard !o.source.isEmpty, !o.authorityID.isEmpty, !o.municipalities.isEmpty, !o.leika.isEmpty else {
                throw CatalogError.invalid(
                    o.leika.first ?? "override", "override needs services, municipalities, authority and source")
            }
            for leika in o.leika {
                guard index[leika] != nil else {
                    throw CatalogError.invalid(leika, "override names an unknown service")
                }
                for ars in o.municipalities {
                    guard ars.count == 12, ars.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                        throw CatalogError.invalid(leika, "override municipality \(ars) is not a 12-digit ARS")
                    }
                    guard overrideIndex[leika + "|" + ars] == nil else {
                        throw CatalogError.invalid(leika, "two overrides for municipality \(ars)")
                    }
                    overrideIndex[leika + "|" + ars] = i
                }
            }
        }
        self.services = services
        self.overrides = overrides
        self.byLeika = index
        self.overrideIndex = overrideIndex
    }

    /// Decodes the catalogue's JSON export (`{"version": 1, "services": […], "overrides": […]}`).
    public static func decode(_ data: Data) throws -> ServiceCatalog {
        struct File: Decodable {
            var version: Int
            var services: [Service]
            var overrides: [ResponsibilityOverride]?
        }
        let file = try JSONDecoder().decode(File.self, from: data)
        guard file.version == 1 else { throw CatalogError.unsupportedVersion(file.version) }
        return try ServiceCatalog(services: file.services, overrides: file.overrides ?? [])
    }

    public func service(leika: String) -> Service? { byLeika[leika].map { services[$0] } }

    /// The catalogue as the JSON export that ``decode(_:)`` reads (`{"version": 1, "services": […]}`).
    public func export() throws -> Data {
        struct File: Encodable {
            var version = 1
            var services: [Service]
            var overrides: [ResponsibilityOverride]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(File(services: services, overrides: overrides))
    }

    /// The life situations services are filed under (Lebenslagen).
    public static let lifeSituations: Set<String> = [
        "moving", "family", "vehicle", "work", "building", "identity", "social", "pets", "leisure", "death", "marriage",
        "education", "health",
    ]

    static func validate(_ s: Service) throws {
        guard s.leika.count == 14, s.leika.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw CatalogError.invalid(s.leika, "LeiKa key must have 14 digits")
        }
        for text in [s.name, s.summary, s.description] where text.de.isEmpty {
            throw CatalogError.invalid(s.leika, "German text missing")
        }
        guard (0...4).contains(s.ozgMaturity) else { throw CatalogError.invalid(s.leika, "OZG maturity must be 0–4") }
        for situation in s.lifeSituations where !lifeSituations.contains(situation) {
            throw CatalogError.invalid(s.leika, "unknown life situation \(situation)")
        }
        switch s.fee.kind {
        case .fixed where s.fee.amountCents == nil:
            throw CatalogError.invalid(s.leika, "fixed fee without amount")
        case .range where s.fee.minCents == nil || s.fee.maxCents == nil:
            throw CatalogError.invalid(s.leika, "fee range without bounds")
        default: break
        }
        if s.responsibility == .special && s.responsibleBody == nil {
            throw CatalogError.invalid(s.leika, "special responsibility needs the responsible body")
        }
    }

    /// The authority responsible for `service` in the municipality `municipalityARS`: a per-ARS
    /// override when there is one, else the rule for the service's level over the authorities' areas.
    /// `nil` for services a body outside the authority register handles (`Service.responsibleBody`).
    public func responsibleAuthority(for service: Service, municipalityARS: String, authorities: [Authority])
        -> Authority?
    {
        responsibleAuthority(
            for: service, municipalityARS: municipalityARS,
            chain: AuthoritySeed.chain(for: municipalityARS, in: authorities), authorities: authorities)
    }

    /// The same, from the municipality's responsibility chain computed once (most local first).
    public func responsibleAuthority(
        for service: Service, municipalityARS: String, chain: [Authority], authorities: [Authority]
    ) -> Authority? {
        if let o = override(for: service, municipalityARS: municipalityARS),
            let authority = authorities.first(where: { $0.id == o.authorityID })
        {
            return authority
        }
        return Self.responsibleAuthority(for: service, inChain: chain)
    }

    /// The override that applies to `service` in `municipalityARS`, if any.
    public func override(for service: Service, municipalityARS: String) -> ResponsibilityOverride? {
        overrideIndex[service.leika + "|" + municipalityARS].map { overrides[$0] }
    }

    /// The rule per level alone, from a municipality's responsibility chain (most local first).
    public static func responsibleAuthority(for service: Service, inChain chain: [Authority]) -> Authority? {
        switch service.responsibility {
        case .gemeinde:
            return chain.first { $0.level != .land && $0.level != .landkreis }
        case .kreis:
            return chain.first { $0.level == .landkreis || $0.level == .kreisfreieStadt }
        case .land:
            return chain.first { $0.level == .land }
        case .special:
            return nil
        }
    }
}

/// A real exception to the rule per level: for these services in these municipalities another
/// authority is responsible — a Große kreisangehörige Stadt doing a Kreis task, a registry-office
/// district spanning several municipalities. Every override names its legal source.
public struct ResponsibilityOverride: Codable, Sendable, Hashable {
    /// LeiKa keys of the services concerned.
    public var leika: [String]
    /// 12-digit ARS of the municipalities concerned.
    public var municipalities: [String]
    /// The responsible authority's id (see `Authority.id`).
    public var authorityID: String
    /// Why, in a sentence people understand.
    public var reason: LocalizedText
    /// Where this is laid down (statute or official page).
    public var source: String

    public init(
        leika: [String], municipalities: [String], authorityID: String, reason: LocalizedText, source: String
    ) {
        self.leika = leika
        self.municipalities = municipalities
        self.authorityID = authorityID
        self.reason = reason
        self.source = source
    }
}

public enum CatalogError: Error, Equatable, CustomStringConvertible {
    case unsupportedVersion(Int)
    case duplicateKey(String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .unsupportedVersion(let v): "unsupported catalogue version \(v)"
        case .duplicateKey(let key): "LeiKa key \(key) appears twice"
        case .invalid(let key, let why): "service \(key): \(why)"
        }
    }
}

extension ServiceCatalog {
    /// The seed catalogue compiled into the binary.
    public static let seed: ServiceCatalog = {
        do {
            return try decode(Data(seedJSON.utf8))
        } catch {
            fatalError("the embedded seed catalogue is invalid: \(error)")  // a test decodes it on every run
        }
    }()
}
