import Crypto
import Foundation
import SwiftASN1
import X509

/// The outcome of checking one signature in a PDF.
public struct SignatureVerification: Sendable {
    /// The byte range is well formed, its gap is exactly the `/Contents` string, the digest matches
    /// and the ECDSA signature over the signed attributes verifies with the signer certificate.
    public var intact: Bool
    /// The signature covers the file up to its last byte (no later incremental update).
    public var coversWholeDocument: Bool
    /// `nil` when no trusted roots were given; else whether the signer chains to one of them and
    /// was valid at the signing time.
    public var chainTrusted: Bool?
    public var signer: Certificate?
    /// The signer's subject, RFC 4514 style ("CN=…,O=…,C=DE").
    public var signerSubject: String?
    /// The CMS signing-time attribute if present, else the dictionary's `/M`.
    public var signingTime: Date?
    public var reason: String?
    public var location: String?
    public var subFilter: String?
    /// Why the signature is not intact (empty when it is).
    public var problems: [String]
}

/// The outcome of checking a sealed notice.
public struct NoticeVerification: Sendable {
    public var signatures: [SignatureVerification]

    /// At least one signature, every signature intact, and one of them covering the whole file.
    public var genuine: Bool {
        !signatures.isEmpty && signatures.allSatisfy(\.intact) && signatures.contains(where: \.coversWholeDocument)
    }

    /// The signature that covers the whole file, if any.
    public var seal: SignatureVerification? { signatures.last(where: \.coversWholeDocument) }
    public var signerSubject: String? { seal?.signerSubject }
    public var signingTime: Date? { seal?.signingTime }
    public var problems: [String] { signatures.isEmpty ? ["no signature"] : signatures.flatMap(\.problems) }
}

/// Checks the PAdES seals of a PDF: the `/ByteRange` must cover everything except the `/Contents`
/// string, the SHA-256 of the covered bytes must equal the CMS message digest, and the ECDSA P-256
/// signature over the signed attributes must verify with the embedded signer certificate. A change of
/// any single byte in the signed ranges makes the notice not genuine.
///
/// Certificate trust is reported separately (``SignatureVerification/chainTrusted``) and only when
/// roots are given; revocation is not checked.
public enum NoticeVerifier {
    public static func verify(pdf: [UInt8], trustedRoots: [Certificate] = []) -> NoticeVerification {
        let file: PDFFile
        let fields: [(number: Int?, dictionary: PDFDictionary)]
        do {
            file = try PDFFile(pdf)
            fields = try file.formFields()
        } catch {
            return NoticeVerification(signatures: [])
        }
        var results: [SignatureVerification] = []
        for (_, field) in fields where field["FT"]?.name == "Sig" {
            guard let value = try? file.resolve(field["V"]), let dictionary = value.dictionary else { continue }
            results.append(verifySignature(dictionary, pdf: pdf, trustedRoots: trustedRoots))
        }
        return NoticeVerification(signatures: results)
    }

    static func verifySignature(
        _ dictionary: PDFDictionary, pdf: [UInt8], trustedRoots: [Certificate]
    ) -> SignatureVerification {
        var result = SignatureVerification(
            intact: false, coversWholeDocument: false, chainTrusted: nil, signer: nil, signerSubject: nil,
            signingTime: dictionary["M"]?.string.flatMap { parsePDFDate(String(decoding: $0, as: UTF8.self)) },
            reason: dictionary["Reason"]?.string.map(decodeTextString),
            location: dictionary["Location"]?.string.map(decodeTextString),
            subFilter: dictionary["SubFilter"]?.name, problems: [])
        do {
            let range = try checkByteRange(dictionary, pdf: pdf)
            result.coversWholeDocument = range.end == pdf.count
            guard let contents = dictionary["Contents"]?.string else { throw VerificationProblem("no /Contents") }
            var hasher = SHA256()
            hasher.update(data: pdf[0..<range.gapStart])
            hasher.update(data: pdf[range.gapEnd..<range.end])
            let digest = Array(hasher.finalize())
            let cms = try CMSSignature(der: trimmedDER(contents))
            result.signer = cms.signer
            result.signerSubject = cms.signer.subject.description
            if let time = cms.signingTime { result.signingTime = time }
            result.problems = cms.problems(forDigest: digest)
            result.intact = result.problems.isEmpty
            if !trustedRoots.isEmpty {
                result.chainTrusted = chainIsTrusted(
                    cms.signer, pool: cms.certificates, roots: trustedRoots, at: result.signingTime ?? Date())
            }
        } catch let problem as VerificationProblem {
            result.problems.append(problem.message)
        } catch {
            result.problems.append("unreadable signature: \(error)")
        }
        return result
    }

    /// Checks `[0 a b c]` with the gap `a..<b` being exactly the hex string of `/Contents`.
    private static func checkByteRange(
        _ dictionary: PDFDictionary, pdf: [UInt8]
    ) throws -> (gapStart: Int, gapEnd: Int, end: Int) {
        guard let values = dictionary["ByteRange"]?.array, values.count == 4 else {
            throw VerificationProblem("/ByteRange must have four numbers")
        }
        let numbers = values.compactMap(\.integer)
        guard numbers.count == 4, numbers[0] == 0, numbers[1] > 0, numbers[2] > numbers[1], numbers[3] >= 0,
            numbers[2] + numbers[3] <= pdf.count
        else { throw VerificationProblem("/ByteRange is malformed or exceeds the file") }
        let gapStart = numbers[1]
        let gapEnd = numbers[2]
        guard pdf[gapStart] == UInt8(ascii: "<"), pdf[gapEnd - 1] == UInt8(ascii: ">") else {
            throw VerificationProblem("the /ByteRange gap is not the /Contents hex string")
        }
        for byte in pdf[(gapStart + 1)..<(gapEnd - 1)] {
            let isHex =
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            guard isHex else { throw VerificationProblem("the /ByteRange gap holds more than the hex string") }
        }
        return (gapStart, gapEnd, numbers[2] + numbers[3])
    }

    /// The DER without the zero padding of the placeholder (the outer SEQUENCE's length decides).
    static func trimmedDER(_ bytes: [UInt8]) throws -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x30 else { throw VerificationProblem("/Contents is not DER") }
        let length: Int
        var header = 2
        if bytes[1] < 0x80 {
            length = Int(bytes[1])
        } else {
            let count = Int(bytes[1] & 0x7F)
            guard count <= 4, bytes.count >= 2 + count else { throw VerificationProblem("bad DER length") }
            length = bytes[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
            header += count
        }
        guard header + length <= bytes.count else { throw VerificationProblem("truncated CMS") }
        return Array(bytes[0..<(header + length)])
    }

    private static func chainIsTrusted(
        _ signer: Certificate, pool: [Certificate], roots: [Certificate], at time: Date
    ) -> Bool {
        var current = signer
        for _ in 0..<8 {
            guard current.notValidBefore <= time, time <= current.notValidAfter else { return false }
            if roots.contains(current) { return true }
            let candidates = roots + pool
            guard
                let issuer = candidates.first(where: {
                    $0.subject == current.issuer && $0 != current
                        && $0.publicKey.isValidSignature(current.signature, for: current)
                })
            else { return false }
            if roots.contains(issuer) { return issuer.notValidBefore <= time && time <= issuer.notValidAfter }
            current = issuer
        }
        return false
    }

    /// `D:YYYYMMDDHHmmSS` with optional `Z` or `+HH'mm'` offset.
    static func parsePDFDate(_ text: String) -> Date? {
        var digits = Array(text.utf8)
        if digits.starts(with: Array("D:".utf8)) { digits.removeFirst(2) }
        func number(_ start: Int, _ count: Int, _ fallback: Int) -> Int {
            guard start + count <= digits.count else { return fallback }
            return Int(String(decoding: digits[start..<(start + count)], as: UTF8.self)) ?? fallback
        }
        guard digits.count >= 4 else { return nil }
        var components = DateComponents()
        components.year = number(0, 4, 0)
        components.month = number(4, 2, 1)
        components.day = number(6, 2, 1)
        components.hour = number(8, 2, 0)
        components.minute = number(10, 2, 0)
        components.second = number(12, 2, 0)
        var offset = 0
        if digits.count > 14, digits[14] == UInt8(ascii: "+") || digits[14] == UInt8(ascii: "-") {
            offset = (number(15, 2, 0) * 3600 + number(18, 2, 0) * 60) * (digits[14] == UInt8(ascii: "-") ? -1 : 1)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? calendar.timeZone
        return calendar.date(from: components)
    }

    /// A PDF text string: UTF-16BE with byte order mark, else PDFDocEncoding read as Latin-1.
    static func decodeTextString(_ bytes: [UInt8]) -> String {
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            var units: [UInt16] = []
            var index = 2
            while index + 1 < bytes.count {
                units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}

struct VerificationProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
