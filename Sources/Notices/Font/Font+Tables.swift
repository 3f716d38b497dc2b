extension Font {
    /// Reads the best Unicode subtable of `cmap`: format 12 (full Unicode) when present, else format 4 (BMP).
    static func parseCharacterMap(
        _ reader: BigEndianReader, table: TableRecord, glyphCount: Int
    ) throws(FontError) -> ([UInt16], [UInt32: UInt16]) {
        let base = table.offset
        let subtableCount = Int(try reader.uint16(at: base + 2))
        var format4: Int?
        var format12: Int?
        for index in 0..<subtableCount {
            let record = base + 4 + 8 * index
            let platform = try reader.uint16(at: record)
            let encoding = try reader.uint16(at: record + 2)
            let offset = base + Int(try reader.uint32(at: record + 4))
            let isUnicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
            guard isUnicode else { continue }
            switch try reader.uint16(at: offset) {
            case 4 where format4 == nil: format4 = offset
            case 12 where format12 == nil: format12 = offset
            default: break
            }
        }
        var bmp = [UInt16](repeating: 0, count: 0x1_0000)
        var supplementary: [UInt32: UInt16] = [:]
        func store(_ codePoint: UInt32, _ glyph: UInt32) {
            guard glyph != 0, glyph < UInt32(glyphCount) else { return }
            if codePoint < 0x1_0000 {
                bmp[Int(codePoint)] = UInt16(glyph)
            } else if codePoint <= 0x10_FFFF {
                supplementary[codePoint] = UInt16(glyph)
            }
        }
        if let offset = format12 {
            let groups = Int(try reader.uint32(at: offset + 12))
            for group in 0..<groups {
                let record = offset + 16 + 12 * group
                let first = try reader.uint32(at: record)
                let last = try reader.uint32(at: record + 4)
                let startGlyph = try reader.uint32(at: record + 8)
                guard first <= last, last <= 0x10_FFFF else { throw .unsupported("cmap 12 group") }
                for codePoint in first...last { store(codePoint, startGlyph + (codePoint - first)) }
            }
        } else if let offset = format4 {
            let segmentCount = Int(try reader.uint16(at: offset + 6)) / 2
            let endCodes = offset + 14
            let startCodes = endCodes + 2 * segmentCount + 2
            let deltas = startCodes + 2 * segmentCount
            let rangeOffsets = deltas + 2 * segmentCount
            for segment in 0..<segmentCount {
                let end = UInt32(try reader.uint16(at: endCodes + 2 * segment))
                let start = UInt32(try reader.uint16(at: startCodes + 2 * segment))
                let delta = try reader.uint16(at: deltas + 2 * segment)
                let rangeOffsetPosition = rangeOffsets + 2 * segment
                let rangeOffset = Int(try reader.uint16(at: rangeOffsetPosition))
                guard start <= end, start != 0xFFFF else { continue }
                for codePoint in start...end {
                    var glyph: UInt16
                    if rangeOffset == 0 {
                        glyph = UInt16(truncatingIfNeeded: codePoint) &+ delta
                    } else {
                        let glyphPosition = rangeOffsetPosition + rangeOffset + 2 * Int(codePoint - start)
                        glyph = try reader.uint16(at: glyphPosition)
                        if glyph != 0 { glyph = glyph &+ delta }
                    }
                    store(codePoint, UInt32(glyph))
                }
            }
        } else {
            throw .unsupported("no Unicode cmap (format 4 or 12)")
        }
        return (bmp, supplementary)
    }

    /// Name ID 6 from the Windows (UTF-16BE) or Macintosh (Roman) records, limited to `[A-Za-z0-9-]`.
    static func parsePostScriptName(_ reader: BigEndianReader, table: TableRecord?) -> String? {
        guard let table else { return nil }
        do {
            let count = Int(try reader.uint16(at: table.offset + 2))
            let storage = table.offset + Int(try reader.uint16(at: table.offset + 4))
            for index in 0..<count {
                let record = table.offset + 6 + 12 * index
                let platform = try reader.uint16(at: record)
                let nameID = try reader.uint16(at: record + 6)
                guard nameID == 6, platform == 3 || platform == 1 else { continue }
                let length = Int(try reader.uint16(at: record + 8))
                let bytes = try reader.slice(at: storage + Int(try reader.uint16(at: record + 10)), count: length)
                var name = ""
                if platform == 3 {
                    var index = bytes.startIndex
                    while index + 1 < bytes.endIndex {
                        let unit = UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                        if let scalar = Unicode.Scalar(unit) { name.unicodeScalars.append(scalar) }
                        index += 2
                    }
                } else {
                    name = String(decoding: bytes, as: UTF8.self)
                }
                let cleaned = String(
                    name.unicodeScalars.filter {
                        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
                    })
                if !cleaned.isEmpty { return cleaned }
            }
        } catch {
            return nil
        }
        return nil
    }
}
