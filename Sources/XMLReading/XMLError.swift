/// Why a document was refused: the message ("Malformed XML: …" or "Unsupported XML: …"), the path of the
/// elements open at that point (qualified names as written, joined by "/", e.g. `bpmn:definitions/bpmn:process`)
/// and the 1-based line, when there is one.
public struct XMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var elementPath: String
    public var line: Int?

    public init(message: String, elementPath: String, line: Int? = nil) {
        self.message = message
        self.elementPath = elementPath
        self.line = line
    }

    public var description: String {
        "\(message) (element \(elementPath)\(line.map { ", line \($0)" } ?? ""))"
    }
}
