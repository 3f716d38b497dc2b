import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// The platform's signing key: an RSA key with a self-signed X.509 certificate, as FIT-Connect
/// expects for signatures (RSA ≥ 4096 bit, PS512, certificate chain in `x5c`).
///
/// The key signs JWS (``JWS``) and is published as a JWK set (``jwks``). Stored as PEM
/// (``pemBundle``): the private key followed by the certificate, so every node uses the same pair.
public struct PlatformKey: Sendable {
    public let privateKey: _RSA.Signing.PrivateKey
    public let certificate: Certificate
    /// RFC 7638 JWK thumbprint (SHA-256, base64url): stable for the key, 43 characters.
    public let keyID: String

    public static let minimumKeySize = 4096

    /// A random positive serial of 16 octets: swift-certificates' `SerialNumber()` encodes 21
    /// octets about half the time, more than RFC 5280 § 4.1.2.2 allows (20).
    public static func serialNumber() -> Certificate.SerialNumber {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = bytes[0] & 0x7F | 0x40
        return Certificate.SerialNumber(bytes: bytes)
    }

    /// A new key and a self-signed certificate for `commonName`, valid for `years` from `now`.
    public static func generate(commonName: String, now: Date = Date(), years: Int = 5) throws -> PlatformKey {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits4096)
        let name = try DistinguishedName {
            CountryName("DE")
            OrganizationName("Amtsweg")
            CommonName(commonName)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Self.serialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(Double(years) * 365.25 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        return try PlatformKey(privateKey: key, certificate: certificate)
    }

    public init(privateKey: _RSA.Signing.PrivateKey, certificate: Certificate) throws {
        guard privateKey.keySizeInBits >= Self.minimumKeySize else {
            throw SigningError.weakKey(privateKey.keySizeInBits)
        }
        guard certificate.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw SigningError.certificateMismatch
        }
        self.privateKey = privateKey
        self.certificate = certificate
        self.keyID = try Self.thumbprint(privateKey.publicKey)
    }

    /// Reads ``pemBundle``: a PKCS#1 or PKCS#8 RSA private key and its certificate, in any order.
    public init(pemBundle: String) throws {
        let documents = try PEMDocument.parseMultiple(pemString: pemBundle)
        guard let keyDocument = documents.first(where: { $0.discriminator.hasSuffix("PRIVATE KEY") }),
            let certDocument = documents.first(where: { $0.discriminator == "CERTIFICATE" })
        else { throw SigningError.invalidPEM("expected a private key and a certificate") }
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: keyDocument.pemString)
        try self.init(privateKey: key, certificate: try Certificate(pemDocument: certDocument))
    }

    public var pemBundle: String {
        get throws { privateKey.pemRepresentation + "\n" + (try certificate.serializeAsPEM().pemString) + "\n" }
    }

    /// The certificate, DER encoded.
    public var certificateDER: [UInt8] {
        get throws {
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return serializer.serializedBytes
        }
    }

    /// The public key as a JWK for signature checks (`key_ops: ["verify"]`, `alg: PS512`).
    public var jwk: JWK {
        get throws {
            let primitives = try privateKey.publicKey.getKeyPrimitives()
            return JWK(
                kty: "RSA", key_ops: ["verify"], alg: JWS.algorithm,
                x5c: [try Data(certificateDER).base64EncodedString()], kid: keyID,
                n: Base64URL.encode(primitives.modulus), e: Base64URL.encode(primitives.publicExponent))
        }
    }

    public var jwks: JWKS { get throws { JWKS(keys: [try jwk]) } }

    static func thumbprint(_ key: _RSA.Signing.PublicKey) throws -> String {
        let p = try key.getKeyPrimitives()
        // RFC 7638 § 3.2: the required members in lexicographic order, no whitespace.
        let json = #"{"e":"\#(Base64URL.encode(p.publicExponent))","kty":"RSA","n":"\#(Base64URL.encode(p.modulus))"}"#
        return Base64URL.encode(Data(SHA256.hash(data: Data(json.utf8))))
    }
}

/// A JSON Web Key (RFC 7517) for an RSA public key, with the members FIT-Connect requires.
public struct JWK: Codable, Sendable, Equatable {
    public var kty: String
    public var key_ops: [String]
    public var alg: String
    public var x5c: [String]
    public var kid: String
    public var n: String
    public var e: String

    public init(kty: String, key_ops: [String], alg: String, x5c: [String], kid: String, n: String, e: String) {
        self.kty = kty
        self.key_ops = key_ops
        self.alg = alg
        self.x5c = x5c
        self.kid = kid
        self.n = n
        self.e = e
    }

    /// The RSA public key this JWK describes.
    public func publicKey() throws -> _RSA.Signing.PublicKey {
        guard kty == "RSA", let modulus = Base64URL.decode(n), let exponent = Base64URL.decode(e) else {
            throw SigningError.invalidKey
        }
        return try _RSA.Signing.PublicKey(n: modulus, e: exponent)
    }
}

public struct JWKS: Codable, Sendable, Equatable {
    public var keys: [JWK]
    public init(keys: [JWK]) { self.keys = keys }
}

public enum SigningError: Error, Equatable, CustomStringConvertible {
    case weakKey(Int)
    case certificateMismatch
    case invalidPEM(String)
    case invalidKey
    case malformed(String)
    case unknownKey(String)
    case unsupportedAlgorithm(String)
    case badSignature

    public var description: String {
        switch self {
        case .weakKey(let bits): "RSA key has \(bits) bits; at least \(PlatformKey.minimumKeySize) are required"
        case .certificateMismatch: "the certificate does not belong to the private key"
        case .invalidPEM(let why): "invalid PEM: \(why)"
        case .invalidKey: "invalid JWK"
        case .malformed(let why): "malformed JWS: \(why)"
        case .unknownKey(let kid): "no key with kid \(kid) in the key set"
        case .unsupportedAlgorithm(let alg): "unsupported JWS algorithm \(alg)"
        case .badSignature: "the signature does not verify"
        }
    }
}
