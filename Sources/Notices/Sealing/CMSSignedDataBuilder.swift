import Crypto
import Foundation
import SwiftASN1
import X509

/// Builds a detached CMS SignedData (RFC 5652) as PAdES baseline B-B wants it (ETSI EN 319 142-1):
/// ECDSA P-256 with SHA-256, the signer certificate and its chain embedded, and the signed attributes
/// content-type, message-digest and ESS signing-certificate-v2.
///
/// The CMS signing-time attribute is left out by default: EN 319 142-1 forbids it for PAdES and puts
/// the claimed signing time into the signature dictionary's `/M` instead. ``includeSigningTime``
/// adds it for consumers that insist on it (plain CAdES habits).
///
/// swift-certificates' `CMS.sign` cannot add signing-certificate-v2, so the structure is assembled
/// here with swift-asn1. Everything that depends only on the certificates is encoded once in `init`.
struct CMSSignedDataBuilder: Sendable {
    let privateKey: P256.Signing.PrivateKey
    let signer: Certificate
    var includeSigningTime = false
    /// DER of every certificate to embed, the signer first.
    private let certificateDERs: [[UInt8]]
    /// The encoded signing-certificate-v2 attribute and issuer-and-serial-number (constant per signer).
    private let signingCertificateAttribute: [UInt8]
    private let issuerAndSerialNumber: [UInt8]

    init(privateKey: P256.Signing.PrivateKey, chain: [Certificate]) throws {
        guard let signer = chain.first else { throw SealingError.noCertificate }
        guard signer.publicKey == Certificate.PublicKey(privateKey.publicKey) else {
            throw SealingError.certificateDoesNotMatchKey
        }
        self.privateKey = privateKey
        self.signer = signer
        certificateDERs = try chain.map { certificate in
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return serializer.serializedBytes
        }

        var issuerSerial = DER.Serializer()
        try issuerSerial.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(signer.issuer)
            try coder.serialize(signer.serialNumber.bytes)
        }
        issuerAndSerialNumber = issuerSerial.serializedBytes

        // Attribute { id-aa-signingCertificateV2, SET { SigningCertificateV2 { SEQUENCE OF ESSCertIDv2 {
        //   certHash, IssuerSerial { GeneralNames { directoryName [4] }, serialNumber } } } } }
        let certificateHash = Array(SHA256.hash(data: certificateDERs[0]))
        var attribute = DER.Serializer()
        try attribute.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(CMSObjectIdentifiers.signingCertificateV2)
            try coder.appendConstructedNode(identifier: .set) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            try coder.serialize(ASN1OctetString(contentBytes: certificateHash[...]))
                            try coder.appendConstructedNode(identifier: .sequence) { coder in
                                try coder.appendConstructedNode(identifier: .sequence) { coder in
                                    try coder.serialize(
                                        signer.issuer, explicitlyTaggedWithTagNumber: 4, tagClass: .contextSpecific)
                                }
                                try coder.serialize(signer.serialNumber.bytes)
                            }
                        }
                    }
                }
            }
        }
        signingCertificateAttribute = attribute.serializedBytes
    }

    /// The signed attributes as the DER `SET OF Attribute` that the signature covers.
    func signedAttributes(messageDigest: [UInt8], signingTime: Date) throws -> [UInt8] {
        var attributes: [RawDER] = [RawDER(bytes: signingCertificateAttribute)]
        attributes.append(
            try RawDER.attribute(CMSObjectIdentifiers.contentType) { try $0.serialize(CMSObjectIdentifiers.data) })
        attributes.append(
            try RawDER.attribute(CMSObjectIdentifiers.messageDigest) {
                try $0.serialize(ASN1OctetString(contentBytes: messageDigest[...]))
            })
        if includeSigningTime {
            attributes.append(
                try RawDER.attribute(CMSObjectIdentifiers.signingTime) {
                    try Self.serializeTime(signingTime, into: &$0)
                })
        }
        var serializer = DER.Serializer()
        try serializer.serializeSetOf(attributes)
        return serializer.serializedBytes
    }

    /// The DER ContentInfo holding the SignedData for content with SHA-256 digest `messageDigest`.
    func signedData(messageDigest: [UInt8], signingTime: Date) throws -> [UInt8] {
        let attributes = try signedAttributes(messageDigest: messageDigest, signingTime: signingTime)
        let signature = Array(try privateKey.signature(for: attributes).derRepresentation)
        var implicitAttributes = attributes
        implicitAttributes[0] = 0xA0  // SET → [0] IMPLICIT inside SignerInfo

        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(CMSObjectIdentifiers.signedData)
            try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(1)
                    try coder.appendConstructedNode(identifier: .set) { coder in
                        try Self.serializeAlgorithm(CMSObjectIdentifiers.sha256, into: &coder)
                    }
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(CMSObjectIdentifiers.data)
                    }
                    try coder.serializeSetOf(
                        certificateDERs.map(RawDER.init(bytes:)),
                        identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
                    try coder.appendConstructedNode(identifier: .set) { coder in
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            try coder.serialize(1)
                            coder.serializeRawBytes(issuerAndSerialNumber)
                            try Self.serializeAlgorithm(CMSObjectIdentifiers.sha256, into: &coder)
                            coder.serializeRawBytes(implicitAttributes)
                            try Self.serializeAlgorithm(CMSObjectIdentifiers.ecdsaWithSHA256, into: &coder)
                            try coder.serialize(ASN1OctetString(contentBytes: signature[...]))
                        }
                    }
                }
            }
        }
        return serializer.serializedBytes
    }

    /// AlgorithmIdentifier without parameters (RFC 5754 for SHA-2 and RFC 5758 for ECDSA say absent).
    private static func serializeAlgorithm(_ oid: ASN1ObjectIdentifier, into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(oid) }
    }

    /// UTCTime up to 2049, GeneralizedTime after, as RFC 5652 prescribes for signing-time.
    private static func serializeTime(_ date: Date, into coder: inout DER.Serializer) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let (year, month, day) = (c.year ?? 1970, c.month ?? 1, c.day ?? 1)
        let (hour, minute, second) = (c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        if (1950..<2050).contains(year) {
            try coder.serialize(
                UTCTime(year: year, month: month, day: day, hours: hour, minutes: minute, seconds: second))
        } else {
            try coder.serialize(
                GeneralizedTime(
                    year: year, month: month, day: day, hours: hour, minutes: minute, seconds: second,
                    fractionalSeconds: 0))
        }
    }
}

/// Bytes that are already DER, for `SET OF` sorting and embedding.
struct RawDER: DERSerializable {
    let bytes: [UInt8]

    func serialize(into coder: inout DER.Serializer) throws {
        coder.serializeRawBytes(bytes)
    }

    /// `Attribute ::= SEQUENCE { attrType, attrValues SET { value } }` with one value.
    static func attribute(
        _ type: ASN1ObjectIdentifier, value: (inout DER.Serializer) throws -> Void
    ) throws -> RawDER {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(type)
            try coder.appendConstructedNode(identifier: .set) { try value(&$0) }
        }
        return RawDER(bytes: serializer.serializedBytes)
    }
}
