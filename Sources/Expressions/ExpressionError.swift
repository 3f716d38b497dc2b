/// A parse error (with the character offset in the source where it was found) or an evaluation
/// error (budget exhausted, input over a safety limit; no offset). FEEL type mismatches are not
/// errors: they evaluate to null.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Character offset in the source for parse errors; nil for evaluation errors.
    public var offset: Int?

    public init(_ message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    public var description: String {
        offset.map { "\(message) (at character \($0))" } ?? message
    }
}
