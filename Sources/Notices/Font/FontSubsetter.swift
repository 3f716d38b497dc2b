/// Builds a TrueType font program holding only the glyphs a document uses.
///
/// Glyphs keep the order of ``GlyphSubset`` (new ID = CID); components of composite glyphs (the
/// base letter and the diaeresis of "ä", say) are appended after them and their references are
/// rewritten. Hinting tables (`cvt `, `fpgm`, `prep`) and `name`/`OS/2` are copied unchanged; `post`
/// is reduced to version 3 (no glyph names); `cmap` is left out, as a CIDFontType2 program needs none.
enum FontSubsetter {
    struct Result {
        /// The font program for `/FontFile2`.
        let program: [UInt8]
        /// Original glyph per glyph of the program (CIDs first, then composite components).
        let glyphs: [UInt16]
    }

    static func subset(_ font: Font, glyphs used: [UInt16]) throws(FontError) -> Result {
        var glyphs = used
        var newIndex: [UInt16: UInt16] = [:]
        newIndex.reserveCapacity(used.count * 2)
        for (index, glyph) in used.enumerated() where newIndex[glyph] == nil {
            newIndex[glyph] = UInt16(index)
        }
        // Close over composite components (breadth first; new components are visited in turn).
        var cursor = 0
        while cursor < glyphs.count {
            let data = font.glyphData(Int(glyphs[cursor]))
            cursor += 1
            for component in try components(of: data) where newIndex[component.glyph] == nil {
                guard Int(component.glyph) < font.numberOfGlyphs else { throw .unsupported("component glyph") }
                newIndex[component.glyph] = UInt16(glyphs.count)
                glyphs.append(component.glyph)
            }
        }
        guard glyphs.count <= Int(UInt16.max) else { throw .unsupported("too many glyphs") }

        // glyf and loca (long offsets)
        var glyf: [UInt8] = []
        var loca: [UInt8] = []
        loca.reserveCapacity(4 * (glyphs.count + 1))
        for glyph in glyphs {
            loca.appendUInt32(UInt32(glyf.count))
            let data = font.glyphData(Int(glyph))
            let start = glyf.count
            glyf.append(contentsOf: data)
            for component in try components(of: data) {
                if let mapped = newIndex[component.glyph] {
                    glyf.setUInt16(mapped, at: start + component.offset)
                }
            }
            glyf.padToFourBytes()
        }
        loca.appendUInt32(UInt32(glyf.count))

        // hmtx: a full metric per glyph
        let reader = BigEndianReader(font.data)
        guard let hheaBytes = font.tableBytes("hhea"), let hmtxRecord = font.tables["hmtx"] else {
            throw .missingTable("hhea/hmtx")
        }
        let metricsCount = Int(try reader.uint16(at: hheaBytes.startIndex + 34))
        var hmtx: [UInt8] = []
        hmtx.reserveCapacity(4 * glyphs.count)
        for glyph in glyphs {
            let original = Int(glyph)
            let bearingOffset =
                original < metricsCount
                ? hmtxRecord.offset + 4 * original + 2
                : hmtxRecord.offset + 4 * metricsCount + 2 * (original - metricsCount)
            hmtx.appendUInt16(UInt16(font.advance(of: glyph)))
            hmtx.appendUInt16(try reader.uint16(at: bearingOffset))
        }

        var hhea = Array(hheaBytes)
        hhea.setUInt16(UInt16(glyphs.count), at: 34)
        guard let maxpBytes = font.tableBytes("maxp"), let headBytes = font.tableBytes("head") else {
            throw .missingTable("maxp/head")
        }
        var maxp = Array(maxpBytes)
        maxp.setUInt16(UInt16(glyphs.count), at: 4)
        var head = Array(headBytes)
        guard head.count >= 54 else { throw .truncated(0) }
        head.setUInt32(0, at: 8)
        head.setUInt16(1, at: 50)

        var tables: [(String, [UInt8])] = [
            ("glyf", glyf), ("head", head), ("hhea", hhea), ("hmtx", hmtx), ("loca", loca), ("maxp", maxp),
        ]
        if let post = font.tableBytes("post"), post.count >= 32 {
            var header = Array(post.prefix(32))
            header.setUInt32(0x0003_0000, at: 0)
            tables.append(("post", header))
        }
        for tag in ["cvt ", "fpgm", "prep", "OS/2", "name", "gasp"] {
            if let bytes = font.tableBytes(tag) { tables.append((tag, Array(bytes))) }
        }
        return Result(program: assemble(tables), glyphs: glyphs)
    }

    /// The component glyph IDs of a composite glyph and where each is stored in `data`.
    static func components(of data: ArraySlice<UInt8>) throws(FontError) -> [(glyph: UInt16, offset: Int)] {
        guard data.count >= 10 else { return [] }
        let base = data.startIndex
        let contours = Int16(bitPattern: UInt16(data[base]) << 8 | UInt16(data[base + 1]))
        guard contours < 0 else { return [] }
        var result: [(glyph: UInt16, offset: Int)] = []
        var position = base + 10
        while true {
            guard position + 4 <= data.endIndex else { throw .unsupported("truncated composite glyph") }
            let flags = UInt16(data[position]) << 8 | UInt16(data[position + 1])
            let glyph = UInt16(data[position + 2]) << 8 | UInt16(data[position + 3])
            result.append((glyph, position + 2 - base))
            position += 4
            position += flags & 0x0001 != 0 ? 4 : 2  // ARG_1_AND_2_ARE_WORDS
            if flags & 0x0008 != 0 {  // WE_HAVE_A_SCALE
                position += 2
            } else if flags & 0x0040 != 0 {  // WE_HAVE_AN_X_AND_Y_SCALE
                position += 4
            } else if flags & 0x0080 != 0 {  // WE_HAVE_A_TWO_BY_TWO
                position += 8
            }
            if flags & 0x0020 == 0 { break }  // MORE_COMPONENTS
        }
        return result
    }

    /// Writes the table directory and tables, then sets `head.checkSumAdjustment`.
    static func assemble(_ unsorted: [(String, [UInt8])]) -> [UInt8] {
        let tables = unsorted.sorted { $0.0 < $1.0 }
        let count = tables.count
        var searchRange = 1
        var entrySelector = 0
        while searchRange * 2 <= count {
            searchRange *= 2
            entrySelector += 1
        }
        var file: [UInt8] = []
        file.reserveCapacity(12 + 16 * count + tables.reduce(0) { $0 + $1.1.count + 3 })
        file.appendUInt32(0x0001_0000)
        file.appendUInt16(UInt16(count))
        file.appendUInt16(UInt16(searchRange * 16))
        file.appendUInt16(UInt16(entrySelector))
        file.appendUInt16(UInt16(count * 16 - searchRange * 16))
        var offset = 12 + 16 * count
        var headOffset: Int?
        for (tag, bytes) in tables {
            file.append(contentsOf: tag.utf8)
            file.appendUInt32(trueTypeChecksum(bytes[...]))
            file.appendUInt32(UInt32(offset))
            file.appendUInt32(UInt32(bytes.count))
            if tag == "head" { headOffset = offset }
            offset += (bytes.count + 3) & ~3
        }
        for (_, bytes) in tables {
            file.append(contentsOf: bytes)
            file.padToFourBytes()
        }
        if let headOffset {
            file.setUInt32(0xB1B0_AFBA &- trueTypeChecksum(file[...]), at: headOffset + 8)
        }
        return file
    }
}
