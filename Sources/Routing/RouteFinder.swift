import Authorities
import Catalog
import Crypto
import Foundation
import Regions
import Signing
import Synchronization

/// Answers "which authority receives an application for this service from this area?" in the
/// shape of the FIT-Connect routing API (`GET /routes?leikaKey=&ars=`): one route per responsible
/// authority, each with its `destinationId` and a `destinationSignature` signed with the platform key.
public final class RouteFinder: Sendable {
    public let catalog: ServiceCatalog
    public let regions: RegionDirectory
    let key: PlatformKey
    let issuer: String
    let submissionHost: String
    let clock: @Sendable () -> Date
    /// Signatures are issued once per destination and service, like the signed addressing data
    /// XZuFI keeps: the 4096-bit RSA operation stays off the hot path.
    private let signatures = Mutex<[String: String]>([:])
    static let signatureCacheLimit = 20_000

    public init(
        catalog: ServiceCatalog, regions: RegionDirectory, key: PlatformKey, issuer: String, submissionHost: String,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.catalog = catalog
        self.regions = regions
        self.key = key
        self.issuer = issuer
        self.submissionHost = submissionHost
        self.clock = clock
    }

    /// The query's area: an ARS (2, 3, 5, 9 or 12 digits) or an AGS (2, 3, 5 or 8 digits).
    public enum Area: Sendable, Equatable {
        case ars(String)
        case ags(String)
    }

    /// The municipalities of an area, `[]` for an area outside Thuringia or unknown.
    public func municipalities(in area: Area) -> [Municipality] {
        switch area {
        case .ags(let ags) where ags.count == 8:
            return regions.municipality(ags: ags).map { [$0] } ?? []
        case .ars(let key), .ags(let key):
            if key.count == 12 { return regions.municipality(ars: key).map { [$0] } ?? [] }
            return regions.municipalities.filter { $0.ars.hasPrefix(key) }
        }
    }

    /// The distinct authorities responsible for `leika` in `area`, each with the municipalities of
    /// the area it serves for that service; ordered by authority name. `[]` when the service is
    /// unknown, handled outside the authority register, or the area is not in Thuringia.
    public func destinations(leika: String, area: Area, authorities: [Authority]) -> [Destination] {
        guard let service = catalog.service(leika: leika) else { return [] }
        var byID: [String: Destination] = [:]
        // An authority serves a Land (2), Kreis (5), Verband (9) or Gemeinde (12) key: a
        // municipality's chain is the authorities of its four prefixes, most local first — the
        // same as AuthoritySeed.chain, without scanning every authority per municipality.
        let byArea = Dictionary(grouping: authorities, by: \.servedARS)
        for m in municipalities(in: area) {
            let chain = Self.chain(for: m.ars, byArea: byArea)
            guard
                let authority = catalog.responsibleAuthority(
                    for: service, municipalityARS: m.ars, chain: chain, authorities: authorities)
            else { continue }
            byID[authority.id, default: Destination(authority: authority, service: service, municipalities: [])]
                .municipalities.append(m.ars)
        }
        return byID.values.sorted { ($0.authority.name, $0.authority.id) < ($1.authority.name, $1.authority.id) }
    }

    /// A municipality's responsibility chain from authorities grouped by the area they serve.
    public static func chain(for municipalityARS: String, byArea: [String: [Authority]]) -> [Authority] {
        [12, 9, 5, 2].flatMap { byArea[String(municipalityARS.prefix($0))] ?? [] }
    }

    /// The routing API's result for a page of destinations.
    public func result(leika: String, area: Area, authorities: [Authority], offset: Int, limit: Int) throws
        -> RouteResult
    {
        let all = destinations(leika: leika, area: area, authorities: authorities)
        let page = all.dropFirst(offset).prefix(limit)
        let routes = try page.map { try route(for: $0) }
        return RouteResult(count: routes.count, offset: offset, totalCount: all.count, routes: routes)
    }

    public func route(for destination: Destination) throws -> Route {
        let a = destination.authority
        let s = destination.service
        var route = Route(
            destinationId: Self.destinationID(for: a), destinationSignature: try signature(for: destination))
        route.destinationName = a.name
        route.destinationShortName = a.name
        if a.contact.phone != nil || a.contact.email != nil {
            route.contactPersons = [Route.ContactPerson(name: a.name, tel: a.contact.phone, email: a.contact.email)]
        }
        route.address = Route.PostalAddress(address: a.address)
        if let website = a.contact.website, website.hasPrefix("https://") { route.contactFormUrl = website }
        route.furtherInformation = .init(description: html(paragraphs: s.description))
        if !s.documents.isEmpty {
            route.requiredDocuments = .init(description: [
                "de": Self.list(s.documents.map(\.de)),
                "en": Self.list(s.documents.map { $0.en ?? $0.de }),
            ])
        }
        if !s.legalBasis.isEmpty {
            route.legalBasis = .init(description: ["de": Self.list(s.legalBasis), "en": Self.list(s.legalBasis)])
        }
        if let deadline = s.deadline { route.deadline = .init(description: html(paragraphs: deadline)) }
        return route
    }

    private func html(paragraphs text: LocalizedText) -> [String: String] {
        ["de": "<p>" + Self.escape(text.de) + "</p>", "en": "<p>" + Self.escape(text.en ?? text.de) + "</p>"]
    }

    static func list(_ items: [String]) -> String {
        "<ul>" + items.map { "<li>" + escape($0) + "</li>" }.joined() + "</ul>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The signed addressing data of a destination for a service (claims as FIT-Connect's example):
    /// submission host, issuer, the service's LeiKa URN and the area the authority serves.
    func signature(for destination: Destination) throws -> String {
        let cacheKey = destination.authority.id + "|" + destination.service.leika
        if let cached = signatures.withLock({ $0[cacheKey] }) { return cached }
        struct Claims: Encodable {
            struct Services: Encodable {
                var gebietIDs: [String]
                var leistungIDs: [String]
            }
            var submissionHost: String
            var iss: String
            var services: [Services]
            var destinationId: String
            var iat: Int
            var jti: String
        }
        let claims = Claims(
            submissionHost: submissionHost, iss: issuer,
            services: [
                .init(
                    gebietIDs: [
                        "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:"
                            + destination.authority.servedARS
                    ],
                    leistungIDs: ["urn:de:fim:leika:leistung:" + destination.service.leika])
            ],
            destinationId: Self.destinationID(for: destination.authority),
            iat: Int(clock().timeIntervalSince1970), jti: UUID().uuidString.lowercased())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let jws = try JWS.sign(payload: try encoder.encode(claims), with: key)
        signatures.withLock { cache in
            if cache.count >= Self.signatureCacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[cacheKey] = jws
        }
        return jws
    }

    /// The id under which an authority receives submissions: a name-based UUID (RFC 9562
    /// version 5) of the authority's id, stable across nodes and restarts.
    public static func destinationID(for authority: Authority) -> String {
        destinationID(authorityID: authority.id)
    }

    public static func destinationID(authorityID: String) -> String {
        var bytes = Array(Insecure.SHA1.hash(data: Array(namespace) + Array(authorityID.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        // Hexadecimal by hand: String(format:) costs microseconds per byte on a hot path.
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The namespace of destination ids (a fixed random UUID).
    static let namespace: [UInt8] = [
        0x6f, 0x1c, 0x2a, 0x9e, 0x4b, 0x3d, 0x4e, 0x8a, 0x9b, 0x21, 0x0d, 0x57, 0xa3, 0x88, 0x61, 0x2c,
    ]
}

/// An authority responsible for a service, with the municipalities of the queried area it serves.
public struct Destination: Sendable {
    public var authority: Authority
    public var service: Service
    public var municipalities: [String]
}
