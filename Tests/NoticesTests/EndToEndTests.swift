import Foundation
import Testing

@testable import Notices

/// End-to-end checks with the real tools (Debian: qpdf, poppler-utils; PyPI: pyhanko in .venv).
/// A test whose tool is missing is skipped unless NOTICES_REQUIRE_TOOLS=1.
@Suite("End to end with qpdf, poppler and pyHanko", .serialized)
struct EndToEndTests {
    let sealedFile: URL

    init() throws {
        sealedFile = try Fixtures.temporaryFile(try Fixtures.sealedNotice(), name: "bescheid-gesiegelt.pdf")
    }

    @Test("qpdf --check finds no errors or warnings", .enabled(if: Tool.available("qpdf")))
    func qpdf() throws {
        let output = try Tool.run("qpdf", ["--check", sealedFile.path])
        #expect(output.status == 0, "\(output.text)")
        #expect(output.text.contains("No syntax or stream encoding errors found"))
        #expect(!output.text.lowercased().contains("warning"))
    }

    @Test("pdfinfo -meta shows PDF/A-2b identification and the title", .enabled(if: Tool.available("pdfinfo")))
    func metadata() throws {
        let meta = try Tool.run("pdfinfo", ["-meta", sealedFile.path])
        #expect(meta.status == 0)
        #expect(meta.text.contains("<pdfaid:part>2</pdfaid:part>"))
        #expect(meta.text.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        let info = try Tool.run("pdfinfo", [sealedFile.path])
        #expect(info.text.contains("Bescheid über Wohngeld (Mietzuschuss)"))
        #expect(info.text.contains("Producer:        Amtsweg"))
        #expect(info.text.contains("Tagged:          yes"))
        #expect(info.text.contains("Pages:           2"))
        #expect(info.text.contains("Form:            AcroForm"))
    }

    @Test("pdffonts: every font embedded as a subset with ToUnicode", .enabled(if: Tool.available("pdffonts")))
    func fonts() throws {
        let output = try Tool.run("pdffonts", [sealedFile.path])
        #expect(output.status == 0)
        let rows = output.text.split(separator: "\n").dropFirst(2)
        #expect(rows.count == 2, "\(output.text)")
        for row in rows {
            let columns = row.split(separator: " ", omittingEmptySubsequences: true)
            // name type type encoding emb sub uni object ID → "CID TrueType" is two words
            #expect(columns.count == 9, "\(row)")
            #expect(columns[0].count > 7 && columns[0].dropFirst(6).hasPrefix("+"), "no subset tag: \(row)")
            #expect(Array(columns[4...6]) == ["yes", "yes", "yes"], "\(row)")
        }
    }

    @Test("pdftotext: German text round-trips exactly", .enabled(if: Tool.available("pdftotext")))
    func text() throws {
        let output = try Tool.run("pdftotext", ["-enc", "UTF-8", sealedFile.path, "-"])
        #expect(output.status == 0)
        for expected in [
            "Bescheid", "Wohngeldbehörde", "ä ö ü ß Ä Ö Ü", "Frau Jördis Müller-Lüdenscheidt", "Äußere Straße 12 b",
            "Seite 1 von 2", "Seite 2 von 2", "Rechtsbehelfsbelehrung", "Gerundeter monatlicher Wohngeldbetrag",
            "− 4.368,00 €", "Auskunft erteilt: Herr Özdemir",
        ] {
            #expect(output.text.contains(expected), "missing \(expected)")
        }
    }

    @Test("pdfsig: Signature is Valid.", .enabled(if: Tool.available("pdfsig")))
    func pdfsig() throws {
        let output = try Tool.run("pdfsig", [sealedFile.path])
        #expect(output.text.contains("Signature is Valid."), "\(output.text)")
        #expect(output.text.contains("ETSI.CAdES.detached"))
        #expect(output.text.contains("Total document signed"))
        #expect(output.text.contains("Signer Certificate Common Name: Stadtverwaltung Erfurt – Wohngeldbehörde"))
    }

    /// Fresh keys and certificates each time: encodings vary with the random values (serial numbers,
    /// signature lengths), and one run is not enough to catch a variant that NSS rejects.
    @Test("pdfsig accepts seals of fresh authorities", .enabled(if: Tool.available("pdfsig")))
    func pdfsigFreshIdentities() throws {
        let rendered = try Fixtures.renderedNotice()
        for index in 0..<6 {
            let root = try DemoCertificateAuthority.create()
            let identity = try root.issueSealCertificate(authorityName: "Bürgeramt \(index)")
            let sealed = try identity.sealer().seal(pdf: rendered, signingTime: Date())
            let file = try Fixtures.temporaryFile(sealed, name: "frisch-\(index).pdf")
            let output = try Tool.run("pdfsig", [file.path])
            #expect(output.text.contains("Signature is Valid."), "\(output.text)")
        }
    }

    @Test("pdfsig reports a tampered notice as invalid", .enabled(if: Tool.available("pdfsig")))
    func pdfsigTampered() throws {
        var bytes = try Fixtures.sealedNotice()
        // Change one byte of page content text (a hex digit of a CID in the first content stream).
        let marker = Array("> Tj ET".utf8)
        let index = try #require(
            (0..<(bytes.count - marker.count)).first { bytes[$0..<($0 + marker.count)].elementsEqual(marker) })
        bytes[index - 1] = bytes[index - 1] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        #expect(!NoticeVerifier.verify(pdf: bytes).genuine)
        let file = try Fixtures.temporaryFile(bytes, name: "bescheid-manipuliert.pdf")
        let output = try Tool.run("pdfsig", [file.path])
        #expect(!output.text.contains("Signature is Valid."), "\(output.text)")
        // poppler names the cause: "Digest Mismatch." (older) or "Signature is Invalid.".
        #expect(
            output.text.contains("Digest Mismatch.") || output.text.contains("Signature is Invalid."), "\(output.text)")
    }

    @Test("pyHanko: intact, valid and trusted with the demo root", .enabled(if: Tool.pyHankoAvailable))
    func pyHanko() throws {
        let root = try Fixtures.temporaryFile(
            Array(try Fixtures.authority.root.certificate.serializeAsPEM().pemString.utf8), name: "demo-root.pem")
        let script = Fixtures.packageRoot.appendingPathComponent("scripts/notices/validate_pyhanko.py").path
        let output = try Tool.run(Tool.pyHankoPython, [script, sealedFile.path, root.path])
        #expect(output.status == 0, "\(output.text)")
        #expect(
            output.text.contains("RESULT intact=True valid=True trusted=True coverage=ENTIRE_FILE"), "\(output.text)")
    }
}
