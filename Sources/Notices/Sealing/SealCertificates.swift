import Crypto
import Foundation
import SwiftASN1
import X509

/// An authority's seal: its P-256 key and certificate chain (seal certificate first).
public struct SealIdentity: Sendable {
    public let privateKey: P256.Signing.PrivateKey
    public let certificateChain: [Certificate]

    public init(privateKey: P256.Signing.PrivateKey, certificateChain: [Certificate]) {
        self.privateKey = privateKey
        self.certificateChain = certificateChain
    }

    public var certificate: Certificate { certificateChain[0] }

    /// A ``Sealer`` for this identity.
    public func sealer() throws -> Sealer {
        try Sealer(key: privateKey, certificateChain: certificateChain)
    }
}

/// A demo certification authority ("Amtsweg Demo-Root") that issues per-authority seal
/// certificates, for tests and demonstrations. Real seals use certificates of a qualified trust
/// service provider; nothing here is trusted outside the platform's own demo setup.
public struct DemoCertificateAuthority: Sendable {
    public let privateKey: P256.Signing.PrivateKey
    public let certificate: Certificate

    /// A new self-signed ECDSA P-256 root, valid for `years` from `now`.
    public static func create(
        commonName: String = "Amtsweg Demo-Root", now: Date = Date(), years: Int = 10
    ) throws -> DemoCertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CountryName("DE")
            OrganizationName("Amtsweg")
            CommonName(commonName)
        }
        let identifier = keyIdentifier(key.publicKey)
        let certificate = try Certificate(
            version: .v3,
            serialNumber: DemoCertificateAuthority.serialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(Double(years) * 365.25 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(keyIdentifier: identifier[...])
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        return DemoCertificateAuthority(privateKey: key, certificate: certificate)
    }

    public init(privateKey: P256.Signing.PrivateKey, certificate: Certificate) {
        self.privateKey = privateKey
        self.certificate = certificate
    }

    /// A seal certificate for `authorityName` (keyUsage digitalSignature + nonRepudiation) with a
    /// new P-256 key; the chain holds the seal certificate and this root.
    public func issueSealCertificate(
        authorityName: String, organization: String = "Amtsweg", now: Date = Date(), years: Int = 3
    ) throws -> SealIdentity {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            CountryName("DE")
            OrganizationName(organization)
            CommonName(authorityName)
        }
        let sealCertificate = try Certificate(
            version: .v3,
            serialNumber: DemoCertificateAuthority.serialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: min(
                now.addingTimeInterval(Double(years) * 365.25 * 86_400), certificate.notValidAfter),
            issuer: certificate.subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                SubjectKeyIdentifier(keyIdentifier: Self.keyIdentifier(key.publicKey)[...])
                AuthorityKeyIdentifier(keyIdentifier: Self.keyIdentifier(privateKey.publicKey)[...])
            },
            issuerPrivateKey: Certificate.PrivateKey(privateKey))
        return SealIdentity(privateKey: key, certificateChain: [sealCertificate, certificate])
    }

    /// A self-signed seal certificate, for when no root is wanted.
    public static func selfSignedSeal(authorityName: String, now: Date = Date(), years: Int = 3) throws
        -> SealIdentity
    {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CountryName("DE")
            OrganizationName("Amtsweg")
            CommonName(authorityName)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: DemoCertificateAuthority.serialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(Double(years) * 365.25 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        return SealIdentity(privateKey: key, certificateChain: [certificate])
    }

    /// A random positive serial of 16 octets. swift-certificates' `SerialNumber()` draws 20 random
    /// bytes and, when the first one has its top bit set, encodes 21 octets — more than RFC 5280
    /// allows, and NSS (poppler's `pdfsig`) then cannot find the signer certificate.
    static func serialNumber() -> Certificate.SerialNumber {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = bytes[0] & 0x7F | 0x40
        return Certificate.SerialNumber(bytes: bytes)
    }

    /// RFC 5280 method 1: SHA-1 of the subject public key bit string (the X9.63 point).
    static func keyIdentifier(_ key: P256.Signing.PublicKey) -> [UInt8] {
        Array(Insecure.SHA1.hash(data: key.x963Representation))
    }
}
