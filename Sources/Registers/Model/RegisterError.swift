/// Why a register gave no evidence. Adapters throw only these (and `CancellationError` when the
/// calling task is cancelled).
public enum RegisterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No entry matches the query.
    case notFound
    /// More than one entry matches; the query must be narrowed (address, ARS or register id).
    case ambiguous(candidates: Int)
    /// The register could not answer (down, refused the connection, internal error).
    case unavailable(reason: String)
    /// The register did not answer before the deadline.
    case timeout
    /// The query is malformed or not one this register answers; names the offending field
    /// (`familienname`, `vorname`, `registerID`, `address.plz`, `address.ars`, `registergericht`,
    /// `registernummer`, `subject`, `categories`, `purpose`).
    case invalidQuery(field: String)

    public var description: String {
        switch self {
        case .notFound: "not found"
        case .ambiguous(let n): "ambiguous (\(n) candidates)"
        case .unavailable(let reason): "unavailable: \(reason)"
        case .timeout: "timeout"
        case .invalidQuery(let field): "invalid query: \(field)"
        }
    }
}
