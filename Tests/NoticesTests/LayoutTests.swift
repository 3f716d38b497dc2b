import Foundation
import Testing

@testable import Notices

@Suite("Line breaking and layout")
struct LayoutTests {
    @Test("Lines stay within the width and keep every word in order")
    func wrapping() throws {
        let font = try Fixtures.regularFont()
        let text = DemoNotices.wohngeld().reasons.joined(separator: " ")
        for width in [120.0, 250.0, 467.7] {
            let lines = LineBreaker.wrap(text, font: font, size: 10, width: width)
            #expect(lines.count > 1)
            for line in lines {
                #expect(font.width(of: line.unicodeScalars, size: 10) <= width + 1e-9, "too wide: \(line)")
                #expect(!line.hasPrefix(" ") && !line.hasSuffix(" "))
            }
            let words = text.split(separator: " ").map(String.init)
            #expect(lines.flatMap { $0.split(separator: " ").map(String.init) } == words)
        }
    }

    @Test("Greedy: a line takes as many words as fit")
    func greedy() throws {
        let font = try Fixtures.regularFont()
        let lines = LineBreaker.wrap("aa bb cc dd", font: font, size: 10, width: font.width(of: "aa bb", size: 10))
        #expect(lines == ["aa bb", "cc dd"])
    }

    @Test("Forced breaks, empty text and overlong words")
    func edgeCases() throws {
        let font = try Fixtures.regularFont()
        #expect(LineBreaker.wrap("eins\nzwei", font: font, size: 10, width: 400) == ["eins", "zwei"])
        #expect(LineBreaker.wrap("", font: font, size: 10, width: 400) == [""])
        let word = String(repeating: "Grundstücksverkehrsgenehmigung", count: 3)
        let pieces = LineBreaker.wrap("Die " + word + " ist da", font: font, size: 10, width: 100)
        #expect(pieces.count > 3)
        for piece in pieces { #expect(font.width(of: piece.unicodeScalars, size: 10) <= 100) }
        #expect(pieces.joined().replacingOccurrences(of: " ", with: "") == ("Die" + word + "istda"))
    }

    @Test("The demo notice is two pages with tagged content on both")
    func pages() throws {
        let renderer = try Fixtures.renderer()
        var layout = NoticeLayout(
            document: DemoNotices.wohngeld(), geometry: renderer.geometry, regular: renderer.regularFont,
            bold: renderer.boldFont)
        layout.run()
        #expect(layout.pages.count == 2)
        #expect(layout.tree.mcidOwners.count == 2)
        #expect(layout.tree.mcidOwners.allSatisfy { !$0.isEmpty })
        let roles = layout.tree.elements.map(\.role)
        #expect(roles.first == .document)
        #expect(roles.filter { $0 == .heading1 }.count == 1)
        #expect(roles.filter { $0 == .table }.count == 1)
        #expect(roles.filter { $0 == .tableRow }.count == 16)  // header + 15 rows
        #expect(roles.filter { $0 == .tableHeader }.count == 3)
        #expect(roles.filter { $0 == .tableCell }.count == 45)
    }

    @Test("A long notice breaks onto further pages and numbers them all")
    func longNotice() throws {
        var document = DemoNotices.wohngeld()
        document.reasons = Array(repeating: document.reasons[0], count: 40)
        let pdf = try Fixtures.renderer().render(document, creationDate: Fixtures.creationDate)
        let text = String(decoding: pdf, as: UTF8.self)
        let pageCount = text.components(separatedBy: "/Type /Page ").count - 1
        #expect(pageCount >= 4)
        #expect(text.contains("/Type /Pages /Count \(pageCount) "))
    }

    @Test("Rendering is deterministic for the same input and date")
    func deterministic() throws {
        #expect(try Fixtures.renderedNotice() == Fixtures.renderedNotice())
    }

    @Test("The file has the PDF/A-relevant structure")
    func structure() throws {
        let text = String(decoding: try Fixtures.renderedNotice(), as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.7\n%"))
        for fragment in [
            "/MarkInfo << /Marked true >>", "/Lang (de-DE)", "/DisplayDocTitle true", "/StructTreeRoot",
            "/S /GTS_PDFA1", "/OutputConditionIdentifier (sRGB IEC61966-2.1)", "/Subtype /CIDFontType2",
            "/CIDToGIDMap /Identity", "/Encoding /Identity-H", "/FontFile2", "/ToUnicode", "/S /Table",
            "/S /TH", "/S /TD", "/S /H1", "/Type /Metadata /Subtype /XML", "<pdfaid:part>2</pdfaid:part>",
            "/FT /Sig", "/Rect [0 0 0 0] /F 132", "/ID [<",
        ] {
            #expect(text.contains(fragment), "missing \(fragment)")
        }
        #expect(text.hasSuffix("%%EOF\n"))
    }

    @Test("The generated sRGB profile is a well-formed ICC v2 display profile")
    func iccProfile() {
        let profile = SRGBProfile.bytes
        func u32(_ at: Int) -> Int {
            Int(profile[at]) << 24 | Int(profile[at + 1]) << 16 | Int(profile[at + 2]) << 8 | Int(profile[at + 3])
        }
        #expect(u32(0) == profile.count)
        #expect(profile[8] == 2)
        #expect(String(decoding: profile[12..<24], as: UTF8.self) == "mntrRGB XYZ ")
        #expect(String(decoding: profile[36..<40], as: UTF8.self) == "acsp")
        let tagCount = u32(128)
        var tags: Set<String> = []
        for index in 0..<tagCount {
            let entry = 132 + 12 * index
            tags.insert(String(decoding: profile[entry..<(entry + 4)], as: UTF8.self))
            #expect(u32(entry + 4) + u32(entry + 8) <= profile.count)
        }
        #expect(tags == ["desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"])
    }
}
