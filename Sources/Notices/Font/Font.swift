import Foundation
import Synchronization

/// Why a font file could not be used.
public enum FontError: Error, Equatable, Sendable {
    case unreadable(String)
    case truncated(Int)
    case notTrueType
    case missingTable(String)
    case unsupported(String)
    /// The OS/2 `fsType` forbids embedding (restricted licence, bit 1).
    case embeddingRestricted
}

/// A parsed TrueType font (glyf outlines): the metrics and tables that layout and subsetting need.
///
/// Parsing happens once; a `Font` is immutable and shared between documents and threads. Use
/// ``load(path:)`` to read a file once per process, or ``init(data:)`` for bytes from elsewhere.
public final class Font: Sendable {
    /// The whole font file.
    let data: [UInt8]
    let tables: [String: TableRecord]
    /// Design units per em (`head.unitsPerEm`).
    public let unitsPerEm: Int
    public let numberOfGlyphs: Int
    /// The PostScript name (name ID 6), reduced to the characters a PDF name may carry.
    public let postScriptName: String
    /// Bounding box of all glyphs in design units: xMin, yMin, xMax, yMax.
    let boundingBox: (Int, Int, Int, Int)
    let ascender: Int
    let descender: Int
    let capHeight: Int
    let italicAngle: Double
    let isFixedPitch: Bool
    let weightClass: Int
    let indexToLocFormat: Int
    /// Advance width per glyph in design units.
    let advanceWidths: [UInt16]
    /// Glyph data offsets in `glyf` (numberOfGlyphs + 1 entries, relative to the table).
    let glyphOffsets: [UInt32]
    /// Glyph per code point of the Basic Multilingual Plane; 0 means none.
    private let bmpGlyphs: [UInt16]
    private let supplementaryGlyphs: [UInt32: UInt16]

    struct TableRecord: Sendable {
        let offset: Int
        let length: Int
    }

    /// Parses a TrueType font. Throws for CFF-flavoured OpenType, missing tables or a licence that
    /// forbids embedding.
    public init(data bytes: [UInt8]) throws(FontError) {
        let reader = BigEndianReader(bytes)
        let version = try reader.uint32(at: 0)
        guard version == 0x0001_0000 || version == 0x7472_7565 else { throw .notTrueType }
        let tableCount = Int(try reader.uint16(at: 4))
        var tables: [String: TableRecord] = [:]
        for index in 0..<tableCount {
            let record = 12 + 16 * index
            let tagBytes = try reader.slice(at: record, count: 4)
            let tag = String(decoding: tagBytes, as: UTF8.self)
            let offset = Int(try reader.uint32(at: record + 8))
            let length = Int(try reader.uint32(at: record + 12))
            guard offset + length <= bytes.count else { throw .truncated(offset) }
            tables[tag] = TableRecord(offset: offset, length: length)
        }
        func table(_ tag: String) throws(FontError) -> TableRecord {
            guard let record = tables[tag] else { throw .missingTable(tag) }
            return record
        }

        let head = try table("head")
        let unitsPerEm = Int(try reader.uint16(at: head.offset + 18))
        guard unitsPerEm > 0 else { throw .unsupported("unitsPerEm 0") }
        boundingBox = (
            Int(try reader.int16(at: head.offset + 36)), Int(try reader.int16(at: head.offset + 38)),
            Int(try reader.int16(at: head.offset + 40)), Int(try reader.int16(at: head.offset + 42))
        )
        indexToLocFormat = Int(try reader.int16(at: head.offset + 50))

        let maxp = try table("maxp")
        let glyphCount = Int(try reader.uint16(at: maxp.offset + 4))
        guard glyphCount > 0 else { throw .unsupported("no glyphs") }

        let hhea = try table("hhea")
        ascender = Int(try reader.int16(at: hhea.offset + 4))
        descender = Int(try reader.int16(at: hhea.offset + 6))
        let metricsCount = Int(try reader.uint16(at: hhea.offset + 34))
        guard metricsCount > 0, metricsCount <= glyphCount else { throw .unsupported("numberOfHMetrics") }

        let hmtx = try table("hmtx")
        var widths = [UInt16](repeating: 0, count: glyphCount)
        for glyph in 0..<metricsCount {
            widths[glyph] = try reader.uint16(at: hmtx.offset + 4 * glyph)
        }
        for glyph in metricsCount..<glyphCount {
            widths[glyph] = widths[metricsCount - 1]
        }

        let loca = try table("loca")
        _ = try table("glyf")
        var offsets = [UInt32](repeating: 0, count: glyphCount + 1)
        for index in 0...glyphCount {
            offsets[index] =
                indexToLocFormat == 0
                ? UInt32(try reader.uint16(at: loca.offset + 2 * index)) * 2
                : try reader.uint32(at: loca.offset + 4 * index)
        }

        if let os2 = tables["OS/2"] {
            let fsType = try reader.uint16(at: os2.offset + 8)
            // Bit 1 alone = restricted licence embedding; bits 2/3 permit it; bit 9 = bitmap only.
            if fsType & 0x000F == 0x0002 || fsType & 0x0200 != 0 { throw .embeddingRestricted }
            weightClass = Int(try reader.uint16(at: os2.offset + 4))
            let os2Version = try reader.uint16(at: os2.offset)
            capHeight =
                os2Version >= 2 && os2.length >= 90 ? Int(try reader.int16(at: os2.offset + 88)) : ascender
        } else {
            weightClass = 400
            capHeight = ascender
        }

        if let post = tables["post"] {
            let angle = Int32(bitPattern: try reader.uint32(at: post.offset + 4))
            italicAngle = Double(angle) / 65536
            isFixedPitch = try reader.uint32(at: post.offset + 12) != 0
        } else {
            italicAngle = 0
            isFixedPitch = false
        }

        let (bmp, supplementary) = try Self.parseCharacterMap(reader, table: try table("cmap"), glyphCount: glyphCount)
        postScriptName = Self.parsePostScriptName(reader, table: tables["name"]) ?? "EmbeddedFont"

        self.data = bytes
        self.tables = tables
        self.unitsPerEm = unitsPerEm
        self.numberOfGlyphs = glyphCount
        self.advanceWidths = widths
        self.glyphOffsets = offsets
        self.bmpGlyphs = bmp
        self.supplementaryGlyphs = supplementary
    }

    /// Parses font bytes handed over as `Data`.
    public convenience init(data: Data) throws(FontError) {
        try self.init(data: [UInt8](data))
    }

    private static let cache = Mutex<[String: Font]>([:])

    /// The font at `path`, parsed on first use and then served from a process-wide cache.
    public static func load(path: String) throws -> Font {
        if let cached = cache.withLock({ $0[path] }) { return cached }
        guard let contents = FileManager.default.contents(atPath: path) else { throw FontError.unreadable(path) }
        let font = try Font(data: [UInt8](contents))
        return cache.withLock { fonts in
            if let winner = fonts[path] { return winner }
            fonts[path] = font
            return font
        }
    }

    /// The glyph for `scalar`, or 0 (`.notdef`) when the font has none.
    @inline(__always)
    public func glyph(for scalar: Unicode.Scalar) -> UInt16 {
        let value = scalar.value
        if value < 0x1_0000 { return bmpGlyphs[Int(value)] }
        return supplementaryGlyphs[value] ?? 0
    }

    /// Advance width of `glyph` in design units.
    @inline(__always)
    public func advance(of glyph: UInt16) -> Int {
        Int(glyph) < advanceWidths.count ? Int(advanceWidths[Int(glyph)]) : 0
    }

    /// Width of `text` set at `size` points, without kerning.
    public func width(of text: Substring.UnicodeScalarView, size: Double) -> Double {
        var units = 0
        for scalar in text { units += advance(of: glyph(for: scalar)) }
        return Double(units) * size / Double(unitsPerEm)
    }

    public func width(of text: String, size: Double) -> Double {
        width(of: Substring(text).unicodeScalars, size: size)
    }

    /// The raw bytes of table `tag`, if present.
    func tableBytes(_ tag: String) -> ArraySlice<UInt8>? {
        guard let record = tables[tag] else { return nil }
        return data[record.offset..<(record.offset + record.length)]
    }

    /// The `glyf` bytes of `glyph` (empty for glyphs without outline).
    func glyphData(_ glyph: Int) -> ArraySlice<UInt8> {
        guard let glyf = tables["glyf"], glyph >= 0, glyph < numberOfGlyphs else { return [] }
        let start = Int(glyphOffsets[glyph])
        let end = Int(glyphOffsets[glyph + 1])
        guard start <= end, end <= glyf.length else { return [] }
        return data[(glyf.offset + start)..<(glyf.offset + end)]
    }
}
