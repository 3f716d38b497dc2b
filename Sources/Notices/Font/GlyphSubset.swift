/// The glyphs one document uses from one font, numbered densely from 1 (0 stays `.notdef`).
///
/// The new numbers are the CIDs written into content streams (Identity-H) and, because the subset
/// font keeps the same order, also its glyph IDs (`/CIDToGIDMap /Identity`).
struct GlyphSubset {
    let font: Font
    /// Original glyph ID per new glyph ID.
    private(set) var originalGlyphs: [UInt16] = [0]
    /// Unicode text per new glyph ID, for the ToUnicode CMap (empty for `.notdef`).
    private(set) var texts: [[Unicode.Scalar]] = [[]]
    /// New glyph ID per original glyph ID, 0 = not used yet.
    private var newGlyphs: [UInt16]
    private let fallbackGlyph: UInt16

    init(font: Font) {
        self.font = font
        newGlyphs = [UInt16](repeating: 0, count: font.numberOfGlyphs)
        let replacement = font.glyph(for: "\u{FFFD}")
        fallbackGlyph = replacement != 0 ? replacement : font.glyph(for: "?")
    }

    /// The CID for `scalar`, adding its glyph to the subset on first use. Characters the font lacks
    /// are shown as U+FFFD (or "?"), never as `.notdef`, which PDF/A forbids.
    @inline(__always)
    mutating func cid(for scalar: Unicode.Scalar) -> (cid: UInt16, advance: Int) {
        var original = font.glyph(for: scalar)
        if original == 0 { original = fallbackGlyph }
        let existing = newGlyphs[Int(original)]
        if existing != 0 || original == 0 { return (existing, font.advance(of: original)) }
        let cid = UInt16(originalGlyphs.count)
        newGlyphs[Int(original)] = cid
        originalGlyphs.append(original)
        texts.append([scalar])
        return (cid, font.advance(of: original))
    }

    /// Number of glyphs referenced by text, `.notdef` included.
    var count: Int { originalGlyphs.count }

    /// Advance width of CID `cid` in thousandths of an em, as `/W` wants it.
    func pdfWidth(of cid: Int) -> Int {
        let advance = font.advance(of: originalGlyphs[cid])
        return (advance * 1000 + font.unitsPerEm / 2) / font.unitsPerEm
    }

    /// A subset tag of six capitals derived from the glyph set, so equal subsets get equal names.
    var tag: String {
        var hash: UInt32 = 2_166_136_261
        for glyph in originalGlyphs {
            hash = (hash ^ UInt32(glyph)) &* 16_777_619
        }
        var letters = ""
        for _ in 0..<6 {
            letters.unicodeScalars.append(Unicode.Scalar(UInt8(65 + hash % 26)))
            hash /= 26
        }
        return letters
    }
}
