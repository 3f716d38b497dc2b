import Authorities
import Foundation

/// The service catalogue: services by LeiKa key, and who is responsible for a service in a
/// municipality (Zuständigkeit).
public struct ServiceCatalog: Sendable {
    public let services: [Service]
    private let byLeika: [String: Int]

    public init(services: [Service]) throws {
        var index: [String: Int] = [:]
        for (i, service) in services.enumerated() {
            try Self.validate(service)
            guard index[service.leika] == nil else { throw CatalogError.duplicateKey(service.leika) }
            index[service.leika] = i
        }
        self.services = services
        self.byLeika = index
    }

    /// Decodes the catalogue's JSON export (`{"version": 1, "services": […]}`).
    public static func decode(_ data: Data) throws -> ServiceCatalog {
        struct File: Decodable {
            var version: Int
            var services: [Service]
        }
        let file = try JSONDecoder().decode(File.self, from: data)
        guard file.version == 1 else { throw CatalogError.unsupportedVersion(file.version) }
        return try ServiceCatalog(services: file.services)
    }

    public func service(leika: String) -> Service? { byLeika[leika].map { services[$0] } }

    /// The catalogue as the JSON export that ``decode(_:)`` reads (`{"version": 1, "services": […]}`).
    public func export() throws -> Data {
        struct File: Encodable {
            var version = 1
            var services: [Service]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(File(services: services))
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

    /// The authority responsible for `service` in the municipality `municipalityARS`, from the
    /// authorities' areas and the service's level. `nil` for services a body outside the
    /// authority register handles (see `Service.responsibleBody`).
    public static func responsibleAuthority(
        for service: Service, municipalityARS: String, authorities: [Authority]
    ) -> Authority? {
        responsibleAuthority(for: service, inChain: AuthoritySeed.chain(for: municipalityARS, in: authorities))
    }

    /// The same, from a municipality's responsibility chain computed once (most local first).
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
