import Crypto
import Foundation

/// Renders a ``NoticeDocument`` to a PDF/A-2b file (tagged, embedded font subsets, sRGB output
/// intent, XMP metadata) with an empty signature field that ``Sealer`` fills.
///
/// The renderer is our own small PDF writer: streams are written uncompressed, the cross-reference
/// table is classic. It holds only immutable parsed fonts and can be shared between threads.
public struct NoticeRenderer: Sendable {
    public let regularFont: Font
    public let boldFont: Font
    public var geometry = PageGeometry()
    /// `pdf:Producer` / `/Producer`.
    public var producer = "Amtsweg"
    /// `xmp:CreatorTool` / `/Creator`.
    public var creatorTool = "Amtsweg Bescheiderstellung"

    /// The partial name of the signature field on page 1.
    public static let signatureFieldName = "Siegel"

    public init(regularFont: Font, boldFont: Font) {
        self.regularFont = regularFont
        self.boldFont = boldFont
    }

    /// Loads `DejaVuSans.ttf` and `DejaVuSans-Bold.ttf` from `fontDirectory` (cached per path).
    public init(fontDirectory: String) throws {
        let directory = fontDirectory.hasSuffix("/") ? fontDirectory : fontDirectory + "/"
        try self.init(
            regularFont: Font.load(path: directory + "DejaVuSans.ttf"),
            boldFont: Font.load(path: directory + "DejaVuSans-Bold.ttf"))
    }

    /// The PDF bytes of `document`, created at `creationDate`.
    public func render(_ document: NoticeDocument, creationDate: Date = Date()) throws -> [UInt8] {
        var layout = NoticeLayout(document: document, geometry: geometry, regular: regularFont, bold: boldFont)
        layout.run()

        let metadata = DocumentMetadata(
            title: document.title, author: document.authorityName,
            subject: "Bescheid-Nr. \(document.noticeNumber), Aktenzeichen \(document.reference)",
            language: Self.languageTag(document.language), creatorTool: creatorTool, producer: producer,
            created: creationDate)

        var writer = PDFObjectWriter(capacity: 96 * 1024 + layout.pages.count * 24 * 1024)
        let catalog = writer.allocate()
        let pageTree = writer.allocate()
        let info = writer.allocate()
        let xmp = writer.allocate()
        let profile = writer.allocate()
        let acroForm = writer.allocate()
        let field = writer.allocate()
        let structureRoot = writer.allocate()
        let fonts = [writer.allocate(), writer.allocate()]
        let pageObjects = layout.pages.map { _ in writer.allocate() }
        let contentObjects = layout.pages.map { _ in writer.allocate() }
        let elementObjects = layout.tree.elements.map { _ in writer.allocate() }

        writer.object(catalog) { buffer in
            buffer.append("<< /Type /Catalog /Pages \(pageTree) 0 R /Metadata \(xmp) 0 R")
            buffer.append(" /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier ")
            buffer.append(literal: SRGBProfile.outputCondition)
            buffer.append(" /RegistryName (http://www.color.org) /Info ")
            buffer.append(literal: SRGBProfile.outputCondition)
            buffer.append(" /DestOutputProfile \(profile) 0 R >>]")
            buffer.append(" /AcroForm \(acroForm) 0 R /StructTreeRoot \(structureRoot) 0 R")
            buffer.append(" /MarkInfo << /Marked true >> /Lang ")
            buffer.append(literal: metadata.language)
            buffer.append(" /ViewerPreferences << /DisplayDocTitle true >> /PageMode /UseNone >>")
        }
        writer.object(pageTree) { buffer in
            buffer.append("<< /Type /Pages /Count \(layout.pages.count) /Kids [")
            buffer.append(pageObjects.map { "\($0) 0 R" }.joined(separator: " "))
            buffer.append("] >>")
        }
        writer.object(info) { metadata.writeInfo(into: &$0) }
        writer.stream(xmp, data: Array(metadata.xmp.utf8)) { $0.append(" /Type /Metadata /Subtype /XML") }
        writer.stream(profile, data: SRGBProfile.bytes) { $0.append(" /N 3") }
        writer.object(acroForm) { $0.append("<< /Fields [\(field) 0 R] >>") }
        writer.object(field) { buffer in
            buffer.append("<< /Type /Annot /Subtype /Widget /FT /Sig /T ")
            buffer.append(literal: Self.signatureFieldName)
            buffer.append(" /Rect [0 0 0 0] /F 132 /P \(pageObjects[0]) 0 R >>")
        }

        let geometry = self.geometry
        for (index, page) in layout.pages.enumerated() {
            writer.object(pageObjects[index]) { buffer in
                buffer.append("<< /Type /Page /Parent \(pageTree) 0 R /MediaBox [0 0 ")
                buffer.append(real: geometry.width)
                buffer.append(" ")
                buffer.append(real: geometry.height)
                buffer.append("] /Resources << /Font << /F1 \(fonts[0]) 0 R /F2 \(fonts[1]) 0 R >> >>")
                buffer.append(" /Contents \(contentObjects[index]) 0 R /StructParents \(index) /Tabs /S")
                if index == 0 { buffer.append(" /Annots [\(field) 0 R]") }
                buffer.append(" >>")
            }
            writer.stream(contentObjects[index], data: page.content.bytes)
        }

        for (subset, number) in zip(layout.subsets, fonts) {
            try FontEmbedding.write(subset, type0: number, into: &writer)
        }

        StructureWriter.write(
            layout.tree, root: structureRoot, elements: elementObjects, pages: pageObjects, into: &writer)

        var hasher = SHA256()
        for part in [document.title, document.noticeNumber, document.reference, document.authorityName] {
            hasher.update(data: Array(part.utf8) + [0])
        }
        hasher.update(data: Array(metadata.pdfDate.utf8))
        let fileID = Array(hasher.finalize().prefix(16))
        return writer.finish(root: catalog, info: info, fileID: fileID)
    }

    /// "de" → "de-DE"; anything else unchanged.
    static func languageTag(_ language: String) -> String {
        language == "de" ? "de-DE" : language
    }
}
