import Foundation
import Testing

@testable import Notices

/// Reads a font's table directory: tag → (offset, length).
private func tableDirectory(_ bytes: [UInt8]) -> [String: (offset: Int, length: Int)] {
    func u16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
    func u32(_ at: Int) -> Int { u16(at) << 16 | u16(at + 2) }
    var tables: [String: (offset: Int, length: Int)] = [:]
    for index in 0..<u16(4) {
        let record = 12 + 16 * index
        tables[String(decoding: bytes[record..<(record + 4)], as: UTF8.self)] = (u32(record + 8), u32(record + 12))
    }
    return tables
}

private func u16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
private func u32(_ bytes: [UInt8], _ at: Int) -> Int { u16(bytes, at) << 16 | u16(bytes, at + 2) }

@Suite("TrueType parsing")
struct FontParsingTests {
    @Test("DejaVu Sans: metrics, cmap and advance widths")
    func metrics() throws {
        let font = try Fixtures.regularFont()
        #expect(font.unitsPerEm == 2048)
        #expect(font.numberOfGlyphs > 5000)
        #expect(font.postScriptName == "DejaVuSans")
        for scalar in "AaäöüßÄÖÜ€§–".unicodeScalars {
            #expect(font.glyph(for: scalar) != 0, "no glyph for \(scalar)")
        }
        #expect(font.glyph(for: "\u{E000}") == 0)  // private use: not in the font
        // DejaVu Sans: "A" advances 1401 units, the space 651, "i" 569.
        #expect(font.advance(of: font.glyph(for: "A")) == 1401)
        #expect(font.advance(of: font.glyph(for: " ")) == 651)
        #expect(font.advance(of: font.glyph(for: "i")) == 569)
        #expect(abs(font.width(of: "Ai", size: 10) - (1401 + 569) * 10 / 2048.0) < 1e-9)
        // A supplementary-plane character through cmap format 12 (group 1D538…1D539 → 5495…).
        #expect(font.glyph(for: "\u{1D538}") == 5495)
        #expect(font.glyph(for: "\u{1D539}") == 5496)
    }

    @Test("Fonts are cached per path")
    func cache() throws {
        #expect(try Fixtures.regularFont() === Fixtures.regularFont())
    }

    @Test("Bad input is rejected, not trapped on")
    func badInput() throws {
        #expect(throws: FontError.notTrueType) { try Font(data: [UInt8]("not a font at all".utf8)) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.regularFontPath)))
        #expect(throws: FontError.self) { try Font(data: Array(bytes.prefix(4000))) }
        #expect(throws: FontError.self) { try Font(data: Array(bytes.prefix(11))) }
        #expect(throws: (any Error).self) { try Font.load(path: "/nonexistent/font.ttf") }
    }

    @Test("A font whose licence restricts embedding is refused")
    func restrictedLicence() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.regularFontPath)))
        guard let os2 = tableDirectory(bytes)["OS/2"] else {
            Issue.record("no OS/2 table")
            return
        }
        bytes[os2.offset + 8] = 0
        bytes[os2.offset + 9] = 2  // fsType = restricted licence embedding
        #expect(throws: FontError.embeddingRestricted) { try Font(data: bytes) }
    }
}

@Suite("TrueType subsetting")
struct FontSubsetTests {
    @Test("Composite glyphs bring their components, renumbered")
    func composites() throws {
        let font = try Fixtures.regularFont()
        let aUmlaut = font.glyph(for: "ä")
        let components = try FontSubsetter.components(of: font.glyphData(Int(aUmlaut)))
        #expect(!components.isEmpty, "DejaVu builds ä from a and the diaeresis")

        var subset = GlyphSubset(font: font)
        _ = subset.cid(for: "ä")
        let result = try FontSubsetter.subset(font, glyphs: subset.originalGlyphs)
        #expect(result.glyphs.prefix(2) == [0, aUmlaut])
        for component in components { #expect(result.glyphs.contains(component.glyph)) }

        // Inside the subset program the composite points at the new numbers.
        let program = result.program
        let tables = tableDirectory(program)
        let glyf = try #require(tables["glyf"])
        let loca = try #require(tables["loca"])
        let start = u32(program, loca.offset + 4 * 1)
        let end = u32(program, loca.offset + 4 * 2)
        let newComponents = try FontSubsetter.components(of: program[(glyf.offset + start)..<(glyf.offset + end)])
        #expect(newComponents.count == components.count)
        for (new, old) in zip(newComponents, components) {
            #expect(Int(new.glyph) < result.glyphs.count)
            #expect(result.glyphs[Int(new.glyph)] == old.glyph)
        }
    }

    @Test("The subset program is a well-formed TrueType file")
    func wellFormed() throws {
        let font = try Fixtures.regularFont()
        var subset = GlyphSubset(font: font)
        for scalar in "Bescheid über Wohngeld – ä ö ü ß Ä Ö Ü".unicodeScalars { _ = subset.cid(for: scalar) }
        let result = try FontSubsetter.subset(font, glyphs: subset.originalGlyphs)
        let program = result.program
        let tables = tableDirectory(program)
        for tag in ["glyf", "head", "hhea", "hmtx", "loca", "maxp", "post", "cvt ", "fpgm", "prep"] {
            #expect(tables[tag] != nil, "missing \(tag)")
        }
        #expect(tables["cmap"] == nil)
        let glyphCount = result.glyphs.count
        #expect(u16(program, try #require(tables["maxp"]).offset + 4) == glyphCount)
        #expect(u16(program, try #require(tables["hhea"]).offset + 34) == glyphCount)
        #expect(try #require(tables["hmtx"]).length == 4 * glyphCount)
        #expect(try #require(tables["loca"]).length == 4 * (glyphCount + 1))
        #expect(u16(program, try #require(tables["head"]).offset + 50) == 1)  // long loca
        // Whole-file checksum with checkSumAdjustment is the magic number.
        #expect(trueTypeChecksum(program[...]) == 0xB1B0_AFBA)
        // Far smaller than the 740 kB original.
        #expect(program.count < 60_000)
        // Advances survive: hmtx of the new glyph 1 equals the original glyph's advance.
        let hmtx = try #require(tables["hmtx"])
        #expect(u16(program, hmtx.offset + 4) == font.advance(of: result.glyphs[1]))
    }

    @Test("Missing characters fall back to U+FFFD, never to .notdef")
    func fallback() throws {
        var subset = GlyphSubset(font: try Fixtures.regularFont())
        let (cid, _) = subset.cid(for: "\u{E000}")
        #expect(cid != 0)
        #expect(subset.originalGlyphs[Int(cid)] == subset.font.glyph(for: "\u{FFFD}"))
    }

    @Test("CIDs are dense, stable and shared per glyph")
    func numbering() throws {
        var subset = GlyphSubset(font: try Fixtures.regularFont())
        let first = subset.cid(for: "W").cid
        let second = subset.cid(for: "o").cid
        #expect(first == 1)
        #expect(second == 2)
        #expect(subset.cid(for: "W").cid == 1)
        #expect(subset.count == 3)
        #expect(subset.tag.count == 6)
        #expect(subset.tag.allSatisfy { $0.isUppercase })
        #expect(subset.pdfWidth(of: 1) == (font(subset).advance(of: font(subset).glyph(for: "W")) * 1000 + 1024) / 2048)
    }

    private func font(_ subset: GlyphSubset) -> Font { subset.font }
}
