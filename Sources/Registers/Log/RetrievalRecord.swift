import Crypto
import Foundation

/// One retrieval of data from a register, as the data-protection cockpit lists it: who asked
/// (authority, clerk where one acted), when, which register, which categories, for which service,
/// case and purpose, on which legal basis. Sealed into the subject's hash chain by
/// `RetrievalLog.seal` (until then `seq` is 0 and the hashes are empty).
public struct RetrievalRecord: Sendable, Hashable, Codable {
    /// Whether the register had data for every category asked.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Data for every requested category.
        case delivered
        /// The register answered, but held no data for some requested category (e.g. no pension).
        case partial
    }

    /// Unique id of the record.
    public var id: String
    /// The person (or organisation) the data are about: see `RetrievalSubject`. One chain each.
    public var subject: String
    /// Position in the subject's chain, from 1.
    public var seq: Int
    /// When the data arrived, to the millisecond.
    public var at: Date
    public var authorityID: String
    public var authorityName: String
    public var clerkID: String?
    public var clerkName: String?
    /// The register asked.
    public var register: RegisterID
    public var registerName: String
    /// The issuing authority named by the evidence.
    public var issuer: String
    /// The categories asked and answered.
    public var categories: [DataCategory]
    public var serviceID: String
    public var serviceName: String
    public var caseNumber: String?
    public var purpose: String
    public var legalBasis: String
    public var outcome: Outcome
    /// The previous record's hash (`RetrievalLog.genesis` for the first).
    public var prevHash: String
    /// `RetrievalLog.digest` of this record.
    public var hash: String

    public init(
        id: String, subject: String, seq: Int = 0, at: Date, authorityID: String, authorityName: String,
        clerkID: String? = nil, clerkName: String? = nil, register: RegisterID, registerName: String, issuer: String,
        categories: Set<DataCategory>, serviceID: String, serviceName: String, caseNumber: String? = nil,
        purpose: String, legalBasis: String, outcome: Outcome, prevHash: String = "", hash: String = ""
    ) {
        self.id = id
        self.subject = subject
        self.seq = seq
        self.at = Millis.truncate(at)
        self.authorityID = authorityID
        self.authorityName = authorityName
        self.clerkID = clerkID
        self.clerkName = clerkName
        self.register = register
        self.registerName = registerName
        self.issuer = issuer
        self.categories = categories.sorted()
        self.serviceID = serviceID
        self.serviceName = serviceName
        self.caseNumber = caseNumber
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.outcome = outcome
        self.prevHash = prevHash
        self.hash = hash
    }

    /// Sealed into a chain.
    public var isSealed: Bool { seq > 0 && !hash.isEmpty }

    /// `at` as stored: milliseconds since 1970 (column `at_ms`).
    public var atMilliseconds: Int64 { Millis.of(at) }
}

/// Who a retrieval record is about: the key of the subject's chain and of the cockpit's list.
public enum RetrievalSubject {
    /// The applicant's account, when one asked or applied.
    public static func account(_ accountID: String) -> String { "account:\(accountID)" }

    /// A person without an account: HMAC-SHA-256 of the register id (the IdNr) under a server-held
    /// key, so the key is stable across registers but the id cannot be recovered by trying ids.
    public static func person(registerID: String, pepper: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("person\n\(registerID)".utf8), using: pepper)
        return "person:" + Hex.encode(mac)
    }

    /// A company: its court and register number (public data).
    public static func organisation(registergericht: String, registernummer: String) -> String {
        let number = OrganisationQuery.normalizedNumber(registernummer) ?? registernummer
        return "organisation:\(OrganisationQuery.courtKey(registergericht)):\(number)"
    }
}
