import Crypto
import Foundation
import X509

/// Why a PDF could not be sealed.
public enum SealingError: Error, Equatable, Sendable {
    case noCertificate
    case certificateDoesNotMatchKey
    /// The PDF has no empty signature field (`/FT /Sig` without `/V`).
    case noEmptySignatureField
    /// The form must be an indirect object so that the update can replace it.
    case unsupportedStructure(String)
    /// The CMS grew beyond the space reserved for `/Contents`.
    case signatureTooLarge(needed: Int, reserved: Int)
}

/// Seals a PDF with a PAdES baseline B-B signature (SubFilter `/ETSI.CAdES.detached`).
///
/// The seal is added as an incremental update, so the rendered bytes stay untouched: it fills the
/// empty signature field that ``NoticeRenderer`` writes (a new `/Sig` dictionary as its `/V`, the
/// form with `/SigFlags 3`), then computes the `/ByteRange` over the whole file except the
/// `/Contents` hex string, hashes it with SHA-256 and embeds the CMS SignedData.
///
/// A `Sealer` pre-encodes everything that depends only on the key and certificates; it is
/// immutable and can seal from many threads.
public struct Sealer: Sendable {
    private var builder: CMSSignedDataBuilder
    /// Bytes reserved for the DER CMS; the hex string in the file is twice as long.
    public var reservedSignatureBytes = 8192

    /// - Parameters:
    ///   - key: the authority's seal key.
    ///   - certificateChain: the seal certificate first, then intermediates (the root may be left out).
    public init(key: P256.Signing.PrivateKey, certificateChain: [Certificate]) throws {
        builder = try CMSSignedDataBuilder(privateKey: key, chain: certificateChain)
    }

    /// Also writes the CMS signing-time attribute (EN 319 142-1 forbids it for PAdES; off by default).
    public var includesCMSSigningTime: Bool {
        get { builder.includeSigningTime }
        set { builder.includeSigningTime = newValue }
    }

    /// One-shot convenience for ``seal(pdf:signingTime:reason:location:)``.
    public static func seal(
        pdf: [UInt8], key: P256.Signing.PrivateKey, certificateChain: [Certificate], signingTime: Date,
        reason: String? = nil, location: String? = nil
    ) throws -> [UInt8] {
        try Sealer(key: key, certificateChain: certificateChain).seal(
            pdf: pdf, signingTime: signingTime, reason: reason, location: location)
    }

    /// `pdf` with the seal appended as an incremental update.
    public func seal(
        pdf: [UInt8], signingTime: Date, reason: String? = nil, location: String? = nil
    ) throws -> [UInt8] {
        let file = try PDFFile(pdf)
        guard let size = file.trailer["Size"]?.integer, let root = file.trailer["Root"] else {
            throw PDFReadError.missing("trailer /Size or /Root")
        }
        let catalog = try file.catalog().dictionary
        guard let formNumber = catalog["AcroForm"]?.reference, var form = try file.object(formNumber).dictionary
        else { throw SealingError.unsupportedStructure("the catalog needs an indirect /AcroForm") }
        guard
            let (fieldNumber, emptyField) = try file.formFields().first(where: {
                $0.1["FT"]?.name == "Sig" && $0.1["V"] == nil
            }),
            let fieldNumber
        else { throw SealingError.noEmptySignatureField }
        var field = emptyField

        let signatureNumber = size
        field["V"] = .reference(signatureNumber, 0)
        form["SigFlags"] = .integer(3)

        var update = PDFBuffer(capacity: 2 * reservedSignatureBytes + 2048)
        var offsets: [(Int, Int)] = []
        let base = pdf.count
        if let last = pdf.last, last != 0x0A, last != 0x0D { update.append("\n") }

        // The signature dictionary, with fixed-width placeholders for /ByteRange and /Contents.
        offsets.append((signatureNumber, base + update.count))
        update.append(signatureNumber)
        update.append(" 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ")
        let byteRangeStart = update.count
        update.append("[0 0000000000 0000000000 0000000000]")
        let byteRangeEnd = update.count
        update.append(" /Contents ")
        let contentsStart = update.count
        update.append("<")
        update.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 2 * reservedSignatureBytes))
        update.append(">")
        let contentsEnd = update.count
        update.append(" /M ")
        update.append(literal: DocumentMetadata.pdfDate(signingTime))
        if let reason {
            update.append(" /Reason ")
            update.append(textString: reason)
        }
        if let location {
            update.append(" /Location ")
            update.append(textString: location)
        }
        update.append(" /Name ")
        update.append(textString: Self.commonName(of: builder.signer))
        update.append(" >>\nendobj\n")

        for (number, dictionary) in [(fieldNumber, field), (formNumber, form)] {
            offsets.append((number, base + update.count))
            update.append(number)
            update.append(" 0 obj\n")
            dictionary.write(into: &update)
            update.append("\nendobj\n")
        }

        let xrefOffset = base + update.count
        update.append("xref\n")
        for (number, offset) in offsets.sorted(by: { $0.0 < $1.0 }) {
            update.append(number)
            update.append(" 1\n")
            update.append(zeroPadded: offset, width: 10)
            update.append(" 00000 n\r\n")
        }
        var trailer = PDFDictionary()
        trailer["Size"] = .integer(max(size, signatureNumber + 1))
        trailer["Root"] = root
        if let info = file.trailer["Info"] { trailer["Info"] = info }
        if let identifier = file.trailer["ID"] { trailer["ID"] = identifier }
        trailer["Prev"] = .integer(file.startXref)
        update.append("trailer\n")
        trailer.write(into: &update)
        update.append("\nstartxref\n")
        update.append(xrefOffset)
        update.append("\n%%EOF\n")

        var result = pdf
        result.append(contentsOf: update.bytes)
        let gapStart = base + contentsStart
        let gapEnd = base + contentsEnd
        let byteRange = [0, gapStart, gapEnd, result.count - gapEnd]
        var rangeText = "[" + byteRange.map(String.init).joined(separator: " ") + "]"
        let width = byteRangeEnd - byteRangeStart
        rangeText = String(rangeText.dropLast()) + String(repeating: " ", count: width - rangeText.utf8.count) + "]"
        result.replaceSubrange((base + byteRangeStart)..<(base + byteRangeEnd), with: rangeText.utf8)

        var hasher = SHA256()
        hasher.update(data: result[0..<gapStart])
        hasher.update(data: result[gapEnd...])
        let digest = Array(hasher.finalize())
        let cms = try builder.signedData(messageDigest: digest, signingTime: signingTime)
        guard cms.count <= reservedSignatureBytes else {
            throw SealingError.signatureTooLarge(needed: cms.count, reserved: reservedSignatureBytes)
        }
        var hex = PDFBuffer(capacity: 2 * cms.count)
        hex.appendHex(bytes: cms)
        result.replaceSubrange((gapStart + 1)..<(gapStart + 1 + hex.count), with: hex.bytes)
        return result
    }

    /// The certificate's common name, or its whole subject when it has none.
    static func commonName(of certificate: Certificate) -> String {
        for relativeName in certificate.subject {
            for attribute in relativeName where attribute.type == .RDNAttributeType.commonName {
                return attribute.value.description
            }
        }
        return String(describing: certificate.subject)
    }
}
