import Authorities
import Foundation

/// The routing API's answer (FIT-Connect routing API 2.0 `route-result`).
public struct RouteResult: Codable, Sendable {
    public var count: Int
    public var offset: Int
    public var totalCount: Int
    public var routes: [Route]
}

/// One destination (FIT-Connect routing API 2.0 `route`). Optional members are left out when we
/// have nothing to say, never filled with placeholders.
public struct Route: Codable, Sendable {
    public var destinationId: String
    public var destinationSignature: String
    public var destinationName: String?
    public var destinationShortName: String?
    public var contactPersons: [ContactPerson]?
    public var address: PostalAddress?
    public var contactFormUrl: String?
    public var furtherInformation: Description?
    public var requiredDocuments: Description?
    public var legalBasis: Description?
    public var deadline: Description?
    public var origin: String? = "Amtsweg"

    public init(destinationId: String, destinationSignature: String) {
        self.destinationId = destinationId
        self.destinationSignature = destinationSignature
    }

    public struct ContactPerson: Codable, Sendable {
        public var name: String?
        public var tel: String?
        public var email: String?
    }

    public struct PostalAddress: Codable, Sendable {
        public var street: String?
        public var houseNumber: String?
        public var zip: String?
        public var city: String?

        /// Splits "Markt 1a" into street "Markt" and house number "1a".
        init(address: Address) {
            zip = address.postcode
            city = address.locality
            guard let full = address.street?.trimmingCharacters(in: .whitespaces), !full.isEmpty else { return }
            if let space = full.lastIndex(of: " "), full[full.index(after: space)...].first?.isNumber == true {
                street = String(full[..<space])
                houseNumber = String(full[full.index(after: space)...])
            } else {
                street = full
            }
        }
    }

    /// HTML text per language (`{"description": {"de": "<p>…</p>", "en": "<p>…</p>"}}`).
    public struct Description: Codable, Sendable {
        public var description: [String: String]
    }
}
