import Deadlines
import Foundation

/// How long a service's records are kept after the case is closed, and whether they are offered to
/// the state archive first (Thüringer Archivgesetz: records of possibly lasting value are offered
/// before they are deleted). Drafts that are never sent are deleted much sooner.
public struct RetentionPolicy: Sendable, Equatable, Codable {
    /// Years after the end of the year in which the case was closed (the usual
    /// Aufbewahrungsfrist counting of registry plans).
    public var years: Int
    public var offerToArchive: Bool

    public init(years: Int, offerToArchive: Bool) {
        self.years = years
        self.offerToArchive = offerToArchive
    }

    /// Six years, offered to the archive: the default of most registry plans for administrative
    /// decisions on applications.
    public static let standard = RetentionPolicy(years: 6, offerToArchive: true)

    /// The day after which the records may go: the end of the closing year plus `years`.
    public func expiry(closedOn date: CivilDate) -> CivilDate {
        CivilDate(year: min(date.year + years, 9999), month: 12, day: 31) ?? .maximum
    }
}
