/// Writes one font subset as a composite font: Type0 (Identity-H) → CIDFontType2 with `/W` widths
/// and `/CIDToGIDMap /Identity` → FontDescriptor with `/FontFile2`, plus a ToUnicode CMap.
enum FontEmbedding {
    /// Writes the five objects; `type0` is the number that page resources refer to.
    static func write(
        _ subset: GlyphSubset, type0: Int, into writer: inout PDFObjectWriter
    ) throws(FontError) {
        let font = subset.font
        let result = try FontSubsetter.subset(font, glyphs: subset.originalGlyphs)
        let baseFont = subset.tag + "+" + font.postScriptName
        let cidFont = writer.allocate()
        let descriptor = writer.allocate()
        let program = writer.allocate()
        let toUnicode = writer.allocate()

        writer.object(type0) { buffer in
            buffer.append("<< /Type /Font /Subtype /Type0 /BaseFont ")
            buffer.append(name: baseFont)
            buffer.append(" /Encoding /Identity-H /DescendantFonts [")
            buffer.append(cidFont)
            buffer.append(" 0 R] /ToUnicode ")
            buffer.append(toUnicode)
            buffer.append(" 0 R >>")
        }
        writer.object(cidFont) { buffer in
            buffer.append("<< /Type /Font /Subtype /CIDFontType2 /BaseFont ")
            buffer.append(name: baseFont)
            buffer.append(" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ")
            buffer.append(descriptor)
            buffer.append(" 0 R /CIDToGIDMap /Identity /DW ")
            buffer.append(subset.pdfWidth(of: 0))
            buffer.append(" /W [0 [")
            for cid in 0..<subset.count {
                if cid > 0 { buffer.append(" ") }
                buffer.append(subset.pdfWidth(of: cid))
            }
            buffer.append("]] >>")
        }
        let scale = { (units: Int) -> Int in units * 1000 / font.unitsPerEm }
        writer.object(descriptor) { buffer in
            buffer.append("<< /Type /FontDescriptor /FontName ")
            buffer.append(name: baseFont)
            // Flags: 32 = nonsymbolic, plus 1 = fixed pitch and 64 = italic when they apply.
            let flags = 32 | (font.isFixedPitch ? 1 : 0) | (font.italicAngle != 0 ? 64 : 0)
            buffer.append(" /Flags ")
            buffer.append(flags)
            buffer.append(" /FontBBox [")
            let box = font.boundingBox
            for (index, value) in [box.0, box.1, box.2, box.3].enumerated() {
                if index > 0 { buffer.append(" ") }
                buffer.append(scale(value))
            }
            buffer.append("] /ItalicAngle ")
            buffer.append(real: font.italicAngle)
            buffer.append(" /Ascent ")
            buffer.append(scale(font.ascender))
            buffer.append(" /Descent ")
            buffer.append(scale(font.descender))
            buffer.append(" /CapHeight ")
            buffer.append(scale(font.capHeight))
            buffer.append(" /StemV ")
            buffer.append(font.weightClass >= 600 ? 140 : 80)
            buffer.append(" /FontWeight ")
            buffer.append(font.weightClass)
            buffer.append(" /FontFile2 ")
            buffer.append(program)
            buffer.append(" 0 R >>")
        }
        writer.stream(program, data: result.program) { buffer in
            buffer.append(" /Length1 ")
            buffer.append(result.program.count)
        }
        writer.stream(toUnicode, data: toUnicodeCMap(subset).bytes)
    }

    /// The ToUnicode CMap: one `bfchar` entry per used CID, UTF-16BE, at most 100 per block.
    static func toUnicodeCMap(_ subset: GlyphSubset) -> PDFBuffer {
        var cmap = PDFBuffer(capacity: 4096)
        cmap.append(
            """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """)
        let cids = Array(1..<subset.count)
        var start = 0
        while start < cids.count {
            let block = cids[start..<min(start + 100, cids.count)]
            cmap.append(block.count)
            cmap.append(" beginbfchar\n")
            for cid in block {
                cmap.append("<")
                cmap.appendHex(UInt16(cid))
                cmap.append("> <")
                for scalar in subset.texts[cid] {
                    for unit in scalar.utf16 { cmap.appendHex(unit) }
                }
                cmap.append(">\n")
            }
            cmap.append("endbfchar\n")
            start += 100
        }
        cmap.append(
            """
            endcmap
            CMapName currentdict /CMap defineresource pop
            end
            end
            """)
        return cmap
    }
}
