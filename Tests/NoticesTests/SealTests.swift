import Crypto
import Foundation
import SwiftASN1
import Testing
import X509

@testable import Notices

/// The `/Contents` CMS of the (last) signature, DER without padding.
private func embeddedCMS(_ pdf: [UInt8]) throws -> [UInt8] {
    let file = try PDFFile(pdf)
    let field = try #require(try file.formFields().first { $0.dictionary["FT"]?.name == "Sig" })
    let signature = try #require(try file.resolve(field.dictionary["V"])?.dictionary)
    let contents = try #require(signature["Contents"]?.string)
    return try NoticeVerifier.trimmedDER(contents)
}

private func attributeTypes(_ cms: [UInt8]) throws -> [ASN1ObjectIdentifier] {
    let parsed = try CMSSignature(der: cms)
    var types: [ASN1ObjectIdentifier] = []
    let set = try DER.parse(parsed.signedAttributes)
    guard case .constructed(let attributes) = set.content else { return [] }
    for attribute in attributes {
        guard case .constructed(let parts) = attribute.content, let first = Array(parts).first else { continue }
        types.append(try ASN1ObjectIdentifier(derEncoded: first))
    }
    return types
}

@Suite("CMS SignedData structure")
struct CMSStructureTests {
    @Test("Detached SignedData with the PAdES B-B signed attributes")
    func attributes() throws {
        let pdf = try Fixtures.sealedNotice()
        let cms = try embeddedCMS(pdf)
        let parsed = try CMSSignature(der: cms)
        #expect(parsed.certificates.count == 2)
        #expect(parsed.signer == Fixtures.authority.seal.certificate)
        #expect(parsed.digestAlgorithm == CMSObjectIdentifiers.sha256)
        #expect(parsed.signatureAlgorithm == CMSObjectIdentifiers.ecdsaWithSHA256)
        let types = try attributeTypes(cms)
        #expect(
            Set(types) == [
                CMSObjectIdentifiers.contentType, CMSObjectIdentifiers.messageDigest,
                CMSObjectIdentifiers.signingCertificateV2,
            ])
        #expect(parsed.signingTime == nil, "EN 319 142-1: no CMS signing-time in PAdES")
        #expect(parsed.contentType == CMSObjectIdentifiers.data)
        #expect(parsed.messageDigest?.count == 32)
        var serializer = DER.Serializer()
        try serializer.serialize(parsed.signer)
        #expect(parsed.signingCertificateHash == Array(SHA256.hash(data: serializer.serializedBytes)))
        // Signed attributes are a DER SET OF, i.e. sorted.
        #expect(parsed.signedAttributes.first == 0x31)
    }

    @Test("Signing-time attribute on request")
    func signingTime() throws {
        let cms = try embeddedCMS(try Fixtures.sealedNotice(includeSigningTime: true))
        #expect(try attributeTypes(cms).contains(CMSObjectIdentifiers.signingTime))
        #expect(try CMSSignature(der: cms).signingTime == Fixtures.signingTime)
    }

    @Test("The builder refuses a certificate that does not belong to the key")
    func mismatch() throws {
        let other = P256.Signing.PrivateKey()
        #expect(throws: SealingError.certificateDoesNotMatchKey) {
            try Sealer(key: other, certificateChain: Fixtures.authority.seal.certificateChain)
        }
        #expect(throws: SealingError.noCertificate) { try Sealer(key: other, certificateChain: []) }
    }

    @Test("The seal certificate carries the expected key usage")
    func certificate() throws {
        let certificate = Fixtures.authority.seal.certificate
        let usage = try #require(try certificate.extensions.keyUsage)
        #expect(usage.digitalSignature)
        #expect(usage.nonRepudiation)
        #expect(!usage.keyCertSign)
        #expect(certificate.issuer == Fixtures.authority.root.certificate.subject)
        #expect(Fixtures.authority.root.certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
    }

    @Test("Serial numbers are positive and at most 20 octets (RFC 5280; NSS rejects longer ones)")
    func serialNumbers() throws {
        for _ in 0..<64 {
            let serial = DemoCertificateAuthority.serialNumber()
            var serializer = DER.Serializer()
            try serializer.serialize(serial.bytes)
            let encoded = serializer.serializedBytes
            #expect(encoded[0] == 0x02)
            #expect(Int(encoded[1]) <= 20)
            #expect(encoded[2] & 0x80 == 0)
        }
    }
}

@Suite("Sealing and verification")
struct SealVerificationTests {
    @Test("A sealed notice is genuine and names signer and time")
    func genuine() throws {
        let pdf = try Fixtures.sealedNotice()
        let result = NoticeVerifier.verify(pdf: pdf, trustedRoots: [Fixtures.authority.root.certificate])
        #expect(result.genuine, "\(result.problems)")
        #expect(result.signatures.count == 1)
        #expect(result.signerSubject?.contains("CN=Stadtverwaltung Erfurt – Wohngeldbehörde") == true)
        #expect(result.signingTime == Fixtures.signingTime)
        #expect(result.seal?.chainTrusted == true)
        #expect(result.seal?.subFilter == "ETSI.CAdES.detached")
        #expect(result.seal?.reason == "Bescheid elektronisch gesiegelt")
        #expect(result.seal?.location == "Erfurt")
    }

    @Test("The byte range covers everything but the /Contents string")
    func byteRange() throws {
        let pdf = try Fixtures.sealedNotice()
        let text = String(decoding: pdf, as: UTF8.self)
        let range = try #require(text.range(of: "/ByteRange ["))
        let numbers = text[range.upperBound...].prefix(while: { $0 != "]" }).split(separator: " ").compactMap {
            Int($0)
        }
        #expect(numbers.count == 4)
        #expect(numbers[0] == 0)
        #expect(numbers[2] + numbers[3] == pdf.count)
        #expect(pdf[numbers[1]] == UInt8(ascii: "<"))
        #expect(pdf[numbers[2] - 1] == UInt8(ascii: ">"))
        #expect(text.contains("/SubFilter /ETSI.CAdES.detached"))
        #expect(text.contains("/SigFlags 3"))
        #expect(text.contains("/M (D:20250314093100Z)"))
    }

    @Test("Any changed byte in the signed ranges makes the notice not genuine")
    func tampering() throws {
        let pdf = try Fixtures.sealedNotice()
        let text = String(decoding: pdf, as: UTF8.self)
        let range = try #require(text.range(of: "/ByteRange ["))
        let numbers = text[range.upperBound...].prefix(while: { $0 != "]" }).split(separator: " ").compactMap {
            Int($0)
        }
        let gapStart = numbers[1]
        let gapEnd = numbers[2]
        // The header, the middle of page content, the byte before the gap, the trailer of the update.
        for position in [10, pdf.count / 3, gapStart - 1, gapEnd + 5, pdf.count - 20] {
            var tampered = pdf
            tampered[position] ^= 0x01
            let result = NoticeVerifier.verify(pdf: tampered)
            #expect(!result.genuine, "byte \(position) changed but still genuine")
        }
        // Changing a digit of the ECDSA signature value (the last bytes of the CMS) breaks it as well.
        let cmsLength = try embeddedCMS(pdf).count
        var badSignature = pdf
        let digit = gapStart + 1 + 2 * (cmsLength - 8)
        badSignature[digit] = badSignature[digit] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(!NoticeVerifier.verify(pdf: badSignature).genuine)
    }

    @Test("Text appended after the seal is detected")
    func appended() throws {
        var pdf = try Fixtures.sealedNotice()
        pdf.append(contentsOf: Array("\n% later change\n".utf8))
        let result = NoticeVerifier.verify(pdf: pdf)
        #expect(!result.genuine)
        #expect(result.signatures.first?.intact == true)
        #expect(result.signatures.first?.coversWholeDocument == false)
    }

    @Test("An unsealed notice is not genuine, and cannot be sealed twice into the same field")
    func unsealed() throws {
        let rendered = try Fixtures.renderedNotice()
        let result = NoticeVerifier.verify(pdf: rendered)
        #expect(!result.genuine)
        #expect(result.problems == ["no signature"])
        let sealed = try Fixtures.sealedNotice()
        #expect(throws: SealingError.noEmptySignatureField) {
            try Fixtures.authority.seal.sealer().seal(pdf: sealed, signingTime: Fixtures.signingTime)
        }
        #expect(!NoticeVerifier.verify(pdf: Array("garbage".utf8)).genuine)
    }

    @Test("Trust is only claimed for the right root")
    func trust() throws {
        let pdf = try Fixtures.sealedNotice()
        let stranger = try DemoCertificateAuthority.create(commonName: "Fremde Wurzel")
        let result = NoticeVerifier.verify(pdf: pdf, trustedRoots: [stranger.certificate])
        #expect(result.genuine)
        #expect(result.seal?.chainTrusted == false)
        #expect(NoticeVerifier.verify(pdf: pdf).seal?.chainTrusted == nil)
    }

    @Test("A self-signed seal also verifies")
    func selfSigned() throws {
        let identity = try DemoCertificateAuthority.selfSignedSeal(
            authorityName: "Landratsamt Demo", now: Fixtures.creationDate)
        let pdf = try identity.sealer().seal(pdf: try Fixtures.renderedNotice(), signingTime: Fixtures.signingTime)
        let result = NoticeVerifier.verify(pdf: pdf, trustedRoots: [identity.certificate])
        #expect(result.genuine, "\(result.problems)")
        #expect(result.seal?.chainTrusted == true)
    }

    @Test("Too little space for the signature is an error, not a broken file")
    func reserve() throws {
        var sealer = try Fixtures.authority.seal.sealer()
        sealer.reservedSignatureBytes = 64
        #expect(throws: SealingError.self) {
            try sealer.seal(pdf: try Fixtures.renderedNotice(), signingTime: Fixtures.signingTime)
        }
    }
}
