import Crypto
import Foundation
import SwiftASN1
import X509

/// A parsed detached CMS SignedData with one signer, as found in a PAdES `/Contents`.
struct CMSSignature {
    let certificates: [Certificate]
    let signer: Certificate
    let digestAlgorithm: ASN1ObjectIdentifier
    let signatureAlgorithm: ASN1ObjectIdentifier
    /// The signed attributes re-tagged as the `SET OF` the signature covers.
    let signedAttributes: [UInt8]
    let signature: [UInt8]
    let contentType: ASN1ObjectIdentifier?
    let messageDigest: [UInt8]?
    let signingTime: Date?
    /// certHash of the first ESSCertIDv2 and whether its hash algorithm is SHA-256.
    let signingCertificateHash: [UInt8]?

    init(der: [UInt8]) throws {
        let contentInfo = try Self.children(DER.parse(der), "ContentInfo")
        guard contentInfo.count == 2,
            try ASN1ObjectIdentifier(derEncoded: contentInfo[0]) == CMSObjectIdentifiers.signedData
        else { throw VerificationProblem("not a CMS SignedData") }
        let wrapped = try Self.children(contentInfo[1], "[0] content")
        guard let signedDataNode = wrapped.first else { throw VerificationProblem("empty SignedData") }
        let signedData = try Self.children(signedDataNode, "SignedData")
        guard signedData.count >= 4 else { throw VerificationProblem("SignedData too short") }

        var certificates: [Certificate] = []
        var signerInfos: [ASN1Node] = []
        let certificatesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
        for node in signedData.dropFirst(3) {
            if node.identifier == certificatesTag {
                for certificate in try Self.children(node, "certificates") {
                    certificates.append(try Certificate(derEncoded: certificate))
                }
            } else if node.identifier == .set {
                signerInfos = try Self.children(node, "signerInfos")
            }
        }
        guard signerInfos.count == 1 else { throw VerificationProblem("expected exactly one SignerInfo") }
        let signerInfo = try Self.children(signerInfos[0], "SignerInfo")
        guard signerInfo.count >= 5 else { throw VerificationProblem("SignerInfo too short") }

        // sid: IssuerAndSerialNumber
        let sid = try Self.children(signerInfo[1], "IssuerAndSerialNumber")
        guard sid.count == 2 else { throw VerificationProblem("unsupported signer identifier") }
        let issuer = try DistinguishedName(derEncoded: sid[0])
        let serial = try ArraySlice<UInt8>(derEncoded: sid[1])
        guard let signer = certificates.first(where: { $0.issuer == issuer && $0.serialNumber.bytes == serial }) else {
            throw VerificationProblem("signer certificate not embedded")
        }
        self.certificates = certificates
        self.signer = signer
        digestAlgorithm = try Self.algorithm(signerInfo[2])

        let attributesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
        guard signerInfo[3].identifier == attributesTag else { throw VerificationProblem("no signed attributes") }
        var attributes = Array(signerInfo[3].encodedBytes)
        attributes[0] = 0x31
        signedAttributes = attributes
        signatureAlgorithm = try Self.algorithm(signerInfo[4])
        guard signerInfo.count >= 6 else { throw VerificationProblem("no signature value") }
        signature = Array(try ASN1OctetString(derEncoded: signerInfo[5]).bytes)

        var contentType: ASN1ObjectIdentifier?
        var messageDigest: [UInt8]?
        var signingTime: Date?
        var certificateHash: [UInt8]?
        for attribute in try Self.children(signerInfo[3], "signedAttrs") {
            let parts = try Self.children(attribute, "Attribute")
            guard parts.count == 2, let value = try Self.children(parts[1], "attrValues").first else { continue }
            switch try ASN1ObjectIdentifier(derEncoded: parts[0]) {
            case CMSObjectIdentifiers.contentType:
                contentType = try ASN1ObjectIdentifier(derEncoded: value)
            case CMSObjectIdentifiers.messageDigest:
                messageDigest = Array(try ASN1OctetString(derEncoded: value).bytes)
            case CMSObjectIdentifiers.signingTime:
                signingTime = try Self.date(value)
            case CMSObjectIdentifiers.signingCertificateV2:
                let certs = try Self.children(value, "SigningCertificateV2")
                guard let first = certs.first, let essCertID = try Self.children(first, "certs").first else { break }
                let fields = try Self.children(essCertID, "ESSCertIDv2")
                var index = 0
                if fields.first?.identifier == .sequence {
                    guard try Self.algorithm(fields[0]) == CMSObjectIdentifiers.sha256 else { break }
                    index = 1
                }
                if index < fields.count {
                    certificateHash = Array(try ASN1OctetString(derEncoded: fields[index]).bytes)
                }
            default: break
            }
        }
        self.contentType = contentType
        self.messageDigest = messageDigest
        self.signingTime = signingTime
        signingCertificateHash = certificateHash
    }

    /// Everything that is wrong with this signature for content with SHA-256 `digest`; empty = intact.
    func problems(forDigest digest: [UInt8]) -> [String] {
        var problems: [String] = []
        if digestAlgorithm != CMSObjectIdentifiers.sha256 { problems.append("digest algorithm is not SHA-256") }
        if contentType != CMSObjectIdentifiers.data { problems.append("content-type attribute missing or not id-data") }
        if messageDigest != digest { problems.append("message digest does not match the signed byte ranges") }
        if let hash = signingCertificateHash {
            var serializer = DER.Serializer()
            if (try? serializer.serialize(signer)) == nil
                || Array(SHA256.hash(data: serializer.serializedBytes)) != hash
            {
                problems.append("signing-certificate-v2 does not match the signer certificate")
            }
        } else {
            problems.append("signing-certificate-v2 attribute missing (PAdES B-B)")
        }
        guard signatureAlgorithm == CMSObjectIdentifiers.ecdsaWithSHA256 else {
            problems.append("unsupported signature algorithm \(signatureAlgorithm)")
            return problems
        }
        guard let key = P256.Signing.PublicKey(signer.publicKey),
            let value = try? P256.Signing.ECDSASignature(derRepresentation: signature),
            key.isValidSignature(value, for: signedAttributes)
        else {
            problems.append("the signature over the signed attributes does not verify")
            return problems
        }
        return problems
    }

    private static func children(_ node: ASN1Node, _ what: String) throws -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else {
            throw VerificationProblem("\(what) is not constructed")
        }
        return Array(nodes)
    }

    private static func algorithm(_ node: ASN1Node) throws -> ASN1ObjectIdentifier {
        guard let first = try children(node, "AlgorithmIdentifier").first else {
            throw VerificationProblem("empty AlgorithmIdentifier")
        }
        return try ASN1ObjectIdentifier(derEncoded: first)
    }

    private static func date(_ node: ASN1Node) throws -> Date? {
        var components = DateComponents()
        if node.identifier == .utcTime {
            let time = try UTCTime(derEncoded: node)
            (components.year, components.month, components.day) = (time.year, time.month, time.day)
            (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
        } else if node.identifier == .generalizedTime {
            let time = try GeneralizedTime(derEncoded: node)
            (components.year, components.month, components.day) = (time.year, time.month, time.day)
            (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
        } else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: components)
    }
}
