/// Standard structure types of the logical structure tree (ISO 32000-1, 14.8.4).
enum StructureRole: String {
    case document = "Document"
    case heading1 = "H1"
    case heading2 = "H2"
    case paragraph = "P"
    case table = "Table"
    case tableRow = "TR"
    case tableHeader = "TH"
    case tableCell = "TD"
}

/// The logical structure of a tagged PDF as it is built during layout: elements with their kids
/// (elements or marked-content sequences) and, per page, the element that owns each MCID (the
/// parent tree).
struct StructureTree {
    enum Kid {
        case element(Int)
        case content(page: Int, mcid: Int)
    }

    struct Element {
        let role: StructureRole
        let parent: Int?
        var kids: [Kid] = []
    }

    /// Element 0 is the `Document` root.
    private(set) var elements: [Element] = [Element(role: .document, parent: nil)]
    /// Per page: the owning element of MCID 0, 1, 2, …
    private(set) var mcidOwners: [[Int]] = []

    static let root = 0

    mutating func add(_ role: StructureRole, parent: Int = StructureTree.root) -> Int {
        elements.append(Element(role: role, parent: parent))
        let index = elements.count - 1
        elements[parent].kids.append(.element(index))
        return index
    }

    /// A new MCID on `page` for content of `element`.
    mutating func mark(_ element: Int, page: Int) -> Int {
        while mcidOwners.count <= page { mcidOwners.append([]) }
        let mcid = mcidOwners[page].count
        mcidOwners[page].append(element)
        elements[element].kids.append(.content(page: page, mcid: mcid))
        return mcid
    }
}
