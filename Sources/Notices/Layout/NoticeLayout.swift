/// Lays a ``NoticeDocument`` out on A4 pages: letterhead and address field on page 1, running
/// header from page 2, the body with page breaks, and "Seite i von n" footers once the page count
/// is known. Every piece of body text is tagged (marked content with an MCID owned by a structure
/// element); letterhead furniture, headers, footers and rules are artifacts.
struct NoticeLayout {
    let document: NoticeDocument
    let geometry: PageGeometry
    let fonts: [Font]
    private(set) var subsets: [GlyphSubset]
    private(set) var tree = StructureTree()
    private(set) var pages: [PageCanvas] = []
    private var y = 0.0

    /// Column split of the calculation table (fractions of the content width).
    private static let labelShare = 0.52
    private static let normShare = 0.28

    init(document: NoticeDocument, geometry: PageGeometry, regular: Font, bold: Font) {
        self.document = document
        self.geometry = geometry
        fonts = [regular, bold]
        subsets = [GlyphSubset(font: regular), GlyphSubset(font: bold)]
    }

    mutating func run() {
        newPage()
        letterhead()
        body()
        footers()
    }

    private var page: Int { pages.count - 1 }

    private mutating func newPage() {
        pages.append(PageCanvas(index: pages.count))
        y = geometry.height - geometry.topMargin
        if pages.count > 1 { runningHeader() }
    }

    /// Starts a new page unless `height` points still fit above the bottom margin.
    private mutating func ensureSpace(_ height: Double) {
        if y - height < geometry.bottomMargin { newPage() }
    }

    // MARK: Text blocks

    /// Sets `text` as one structure element of `role`, breaking lines and pages; moves the cursor.
    private mutating func flow(
        _ text: String, role: StructureRole, face: FontFace = .regular, size: Double? = nil,
        leading: Double? = nil, spacingAfter: Double? = nil, parent: Int = StructureTree.root
    ) {
        let size = size ?? geometry.bodySize
        let leading = leading ?? geometry.bodyLeading
        let lines = LineBreaker.wrap(text, font: fonts[face.rawValue], size: size, width: geometry.contentWidth)
        let element = tree.add(role, parent: parent)
        var open = false
        for line in lines {
            if y - leading < geometry.bottomMargin {
                if open { pages[page].endMarked() }
                open = false
                newPage()
            }
            if !open {
                pages[page].beginMarked(role, mcid: tree.mark(element, page: page))
                open = true
            }
            y -= leading
            pages[page].text(line, face: face, size: size, x: geometry.leftMargin, y: y, subsets: &subsets)
        }
        if open { pages[page].endMarked() }
        y -= spacingAfter ?? geometry.paragraphSpacing
    }

    /// Sets `lines` as one paragraph at a fixed position on the current page; returns the last baseline.
    @discardableResult
    private mutating func block(
        _ lines: [String], x: Double, top: Double, width: Double, face: FontFace = .regular, size: Double,
        leading: Double
    ) -> Double {
        let wrapped = lines.flatMap { LineBreaker.wrap($0, font: fonts[face.rawValue], size: size, width: width) }
        guard !wrapped.isEmpty else { return top }
        let element = tree.add(.paragraph)
        pages[page].beginMarked(.paragraph, mcid: tree.mark(element, page: page))
        var baseline = top
        for line in wrapped {
            baseline -= leading
            pages[page].text(line, face: face, size: size, x: x, y: baseline, subsets: &subsets)
        }
        pages[page].endMarked()
        return baseline
    }

    // MARK: Page 1

    private mutating func letterhead() {
        let top = geometry.height - geometry.topMargin + 20
        let left = geometry.leftMargin
        let infoX = geometry.rightEdge - 175
        let nameBottom = block(
            [document.authorityName], x: left, top: top, width: infoX - left - 12, face: .bold, size: 13, leading: 15)
        block(
            document.authorityAddress, x: left, top: nameBottom - 2, width: infoX - left - 12,
            size: geometry.smallSize, leading: 11)

        var information = [
            "Datum: \(document.date)", "Aktenzeichen: \(document.reference)", "Bescheid-Nr.: \(document.noticeNumber)",
        ]
        information.removeAll { $0.hasSuffix(": ") }
        var rightBottom = block(information, x: infoX, top: top, width: 175, size: geometry.smallSize, leading: 11)
        if !document.contact.isEmpty {
            rightBottom = block(
                document.contact, x: infoX, top: rightBottom - 8, width: 175, size: geometry.smallSize, leading: 11)
        }

        // Address field (DIN 5008 form B: 45 mm from the top edge, 85 mm wide).
        let fieldTop = geometry.height - 127.56
        let returnAddress = ([document.authorityName] + document.authorityAddress).joined(separator: " · ")
        let returnBottom = block([returnAddress], x: left, top: fieldTop, width: 241, size: 7, leading: 9)
        pages[page].beginArtifact()
        pages[page].rule(x1: left, x2: left + 241, y: returnBottom - 3, width: 0.4)
        pages[page].endMarked()
        let addressBottom = block(
            document.addressee, x: left, top: returnBottom - 8, width: 241, size: geometry.bodySize, leading: 12.5)

        y = min(addressBottom - 36, rightBottom - 24, geometry.height - 290)
    }

    // MARK: Body

    private mutating func body() {
        flow(document.title, role: .heading1, face: .bold, size: geometry.titleSize, leading: 18, spacingAfter: 10)
        for paragraph in document.operativePart { flow(paragraph, role: .paragraph) }
        if !document.reasons.isEmpty {
            heading("Begründung")
            for paragraph in document.reasons { flow(paragraph, role: .paragraph) }
        }
        if !document.calculation.isEmpty {
            heading(document.calculationHeading)
            table(document.calculation)
        }
        if !document.legalRemedy.isEmpty {
            heading("Rechtsbehelfsbelehrung")
            flow(document.legalRemedy, role: .paragraph)
        }
        ensureSpace(4 * geometry.bodyLeading)
        y -= 6
        flow("Mit freundlichen Grüßen", role: .paragraph, spacingAfter: 2)
        flow(document.issuingAuthority, role: .paragraph, spacingAfter: 10)
        flow(
            "Dieser Bescheid wurde mit einem elektronischen Siegel versehen und ist ohne Unterschrift gültig.",
            role: .paragraph, size: geometry.smallSize, leading: 11)
    }

    /// A second-level heading kept together with at least two lines of what follows.
    private mutating func heading(_ text: String) {
        ensureSpace(18 + 3 * geometry.bodyLeading)
        y -= 6
        flow(text, role: .heading2, face: .bold, size: geometry.headingSize, leading: 15, spacingAfter: 4)
    }

    // MARK: Table

    private struct Column {
        let x: Double
        let width: Double
        let rightAligned: Bool
    }

    private var columns: [Column] {
        let width = geometry.contentWidth
        let left = geometry.leftMargin
        let label = width * Self.labelShare
        let norm = width * Self.normShare
        return [
            Column(x: left, width: label - 6, rightAligned: false),
            Column(x: left + label, width: norm - 6, rightAligned: false),
            Column(x: left + label + norm, width: width - label - norm, rightAligned: true),
        ]
    }

    private mutating func table(_ rows: [CalculationRow]) {
        let table = tree.add(.table)
        tableRow(["Position", "Rechtsgrundlage", "Betrag"], table: table, header: true, artifact: false)
        for row in rows {
            tableRow([row.label, row.norm, row.value], table: table, header: false, artifact: false)
        }
        y -= geometry.paragraphSpacing
    }

    private mutating func tableRow(_ cells: [String], table: Int, header: Bool, artifact: Bool) {
        let size = geometry.tableSize
        let leading = geometry.tableLeading
        let face: FontFace = header ? .bold : .regular
        let font = fonts[face.rawValue]
        let columns = self.columns
        let wrapped = zip(cells, columns).map { LineBreaker.wrap($0, font: font, size: size, width: $1.width) }
        let height = Double(wrapped.map(\.count).max() ?? 1) * leading + 5
        if y - height < geometry.bottomMargin {
            newPage()
            // Repeat the column headings on the new page, as page furniture.
            if !header {
                tableRow(["Position", "Rechtsgrundlage", "Betrag"], table: table, header: true, artifact: true)
            }
        }
        let row = artifact ? nil : tree.add(.tableRow, parent: table)
        for (lines, column) in zip(wrapped, columns) {
            if let row {
                let role: StructureRole = header ? .tableHeader : .tableCell
                let cell = tree.add(role, parent: row)
                pages[page].beginMarked(role, mcid: tree.mark(cell, page: page))
            } else {
                pages[page].beginArtifact()
            }
            var baseline = y - 2
            for line in lines {
                baseline -= leading
                let x =
                    column.rightAligned
                    ? column.x + column.width - font.width(of: line.unicodeScalars, size: size) : column.x
                pages[page].text(line, face: face, size: size, x: x, y: baseline, subsets: &subsets)
            }
            pages[page].endMarked()
        }
        y -= height
        pages[page].beginArtifact()
        pages[page].rule(x1: geometry.leftMargin, x2: geometry.rightEdge, y: y, width: header ? 0.8 : 0.4)
        pages[page].endMarked()
    }

    // MARK: Page furniture

    private mutating func runningHeader() {
        let text = "\(document.authorityName) · Bescheid \(document.noticeNumber) vom \(document.date)"
        let top = geometry.height - 40
        pages[page].beginArtifact(pagination: "Header")
        for line in LineBreaker.wrap(text, font: fonts[0], size: 8, width: geometry.contentWidth).prefix(1) {
            pages[page].text(line, face: .regular, size: 8, x: geometry.leftMargin, y: top, subsets: &subsets)
        }
        pages[page].rule(x1: geometry.leftMargin, x2: geometry.rightEdge, y: top - 6, width: 0.4)
        pages[page].endMarked()
    }

    private mutating func footers() {
        let count = pages.count
        for index in pages.indices {
            let label = "Seite \(index + 1) von \(count)"
            let width = fonts[0].width(of: label, size: 8)
            pages[index].beginArtifact(pagination: "Footer")
            pages[index].rule(x1: geometry.leftMargin, x2: geometry.rightEdge, y: 52, width: 0.4)
            if !document.reference.isEmpty {
                let reference = Substring("Aktenzeichen: \(document.reference)")
                pages[index].text(reference, face: .regular, size: 8, x: geometry.leftMargin, y: 40, subsets: &subsets)
            }
            pages[index].text(
                Substring(label), face: .regular, size: 8, x: geometry.rightEdge - width, y: 40, subsets: &subsets)
            pages[index].endMarked()
        }
    }
}
