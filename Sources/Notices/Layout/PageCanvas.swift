/// Which of the two embedded faces a run of text uses.
enum FontFace: Int {
    case regular = 0
    case bold = 1

    /// The resource name in the page's `/Font` dictionary.
    var resourceName: StaticString {
        switch self {
        case .regular: "/F1"
        case .bold: "/F2"
        }
    }
}

/// The content stream of one page being laid out, with marked-content bookkeeping.
struct PageCanvas {
    let index: Int
    var content = PDFBuffer(capacity: 24 * 1024)

    init(index: Int) { self.index = index }

    /// Starts a marked-content sequence for structure element `role` with `mcid`.
    mutating func beginMarked(_ role: StructureRole, mcid: Int) {
        content.append("/")
        content.append(role.rawValue)
        content.append(" <</MCID ")
        content.append(mcid)
        content.append(">> BDC\n")
    }

    /// Starts an artifact (page furniture such as running headers, footers and rules).
    mutating func beginArtifact(pagination subtype: StaticString? = nil) {
        if let subtype {
            content.append("/Artifact <</Type /Pagination /Subtype /")
            content.append(subtype)
            content.append(">> BDC\n")
        } else {
            content.append("/Artifact BMC\n")
        }
    }

    mutating func endMarked() { content.append("EMC\n") }

    /// Shows `text` at (`x`, `y`) — the baseline origin — in `face` at `size`.
    mutating func text(
        _ text: Substring, face: FontFace, size: Double, x: Double, y: Double, subsets: inout [GlyphSubset]
    ) {
        content.append("BT ")
        content.append(face.resourceName)
        content.append(" ")
        content.append(real: size)
        content.append(" Tf 1 0 0 1 ")
        content.append(real: x)
        content.append(" ")
        content.append(real: y)
        content.append(" Tm <")
        for scalar in text.unicodeScalars {
            content.appendHex(subsets[face.rawValue].cid(for: scalar).cid)
        }
        content.append("> Tj ET\n")
    }

    /// A horizontal rule from `x1` to `x2` at `y`, grey, `width` points thick.
    mutating func rule(x1: Double, x2: Double, y: Double, width: Double = 0.5, grey: Double = 0.6) {
        content.append(real: grey)
        content.append(" G ")
        content.append(real: width)
        content.append(" w ")
        content.append(real: x1)
        content.append(" ")
        content.append(real: y)
        content.append(" m ")
        content.append(real: x2)
        content.append(" ")
        content.append(real: y)
        content.append(" l S\n")
    }
}
