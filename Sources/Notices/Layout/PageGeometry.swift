/// A4 page geometry and type sizes of a notice, in PDF points (1/72 inch). Margins follow
/// DIN 5008 roughly: 25 mm left, 20 mm right, the address field 45 mm from the top.
public struct PageGeometry: Sendable, Hashable {
    public var width = 595.28
    public var height = 841.89
    public var leftMargin = 70.87
    public var rightMargin = 56.69
    public var topMargin = 62.0
    public var bottomMargin = 72.0
    public var bodySize = 10.0
    public var bodyLeading = 13.5
    public var paragraphSpacing = 6.0
    public var titleSize = 14.0
    public var headingSize = 11.0
    public var smallSize = 8.5
    public var tableSize = 9.0
    public var tableLeading = 12.0

    public init() {}

    var contentWidth: Double { width - leftMargin - rightMargin }
    var rightEdge: Double { width - rightMargin }
}
