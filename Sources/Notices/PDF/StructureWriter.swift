/// Writes the structure tree root, one `StructElem` per element and the parent tree that maps each
/// page's MCIDs back to their elements.
enum StructureWriter {
    static func write(
        _ tree: StructureTree, root: Int, elements objects: [Int], pages: [Int], into writer: inout PDFObjectWriter
    ) {
        writer.object(root) { buffer in
            buffer.append("<< /Type /StructTreeRoot /K \(objects[StructureTree.root]) 0 R /ParentTree << /Nums [")
            for page in pages.indices {
                buffer.append(page)
                buffer.append(" [")
                let owners = page < tree.mcidOwners.count ? tree.mcidOwners[page] : []
                for (position, owner) in owners.enumerated() {
                    if position > 0 { buffer.append(" ") }
                    buffer.append(objects[owner])
                    buffer.append(" 0 R")
                }
                buffer.append("] ")
            }
            buffer.append("] >> /ParentTreeNextKey ")
            buffer.append(pages.count)
            buffer.append(" >>")
        }
        for (index, element) in tree.elements.enumerated() {
            writer.object(objects[index]) { buffer in
                buffer.append("<< /Type /StructElem /S /")
                buffer.append(element.role.rawValue)
                buffer.append(" /P ")
                buffer.append(element.parent.map { objects[$0] } ?? root)
                buffer.append(" 0 R")
                if element.role == .tableHeader { buffer.append(" /A << /O /Table /Scope /Column >>") }
                buffer.append(" /K [")
                for (position, kid) in element.kids.enumerated() {
                    if position > 0 { buffer.append(" ") }
                    switch kid {
                    case .element(let child):
                        buffer.append(objects[child])
                        buffer.append(" 0 R")
                    case .content(let page, let mcid):
                        buffer.append("<< /Type /MCR /Pg ")
                        buffer.append(pages[page])
                        buffer.append(" 0 R /MCID ")
                        buffer.append(mcid)
                        buffer.append(" >>")
                    }
                }
                buffer.append("] >>")
            }
        }
    }
}
