/// When a letter counts as received (Bekanntgabefiktion), § 41 Abs. 2 and 2a VwVfG, which § 1
/// Abs. 1 ThürVwVfG (Art. 1 des Gesetzes vom 2. Juli 2024, GVBl. S. 277, in force 1 January 2025)
/// applies to Thuringian authorities.
///
/// Since 1 January 2025 (Postrechtsmodernisierungsgesetz, BGBl. 2024 I Nr. 236) a letter posted
/// in Germany or a document sent electronically counts as received on the fourth day after
/// dispatch; before, on the third. A document retrieved from a portal counts as received the day
/// after retrieval (§ 41 Abs. 2a Satz 3). None of this holds when it arrived later, or not at all
/// (§ 41 Abs. 2 Satz 3): then count from the real date of receipt with `Deadline.end`.
public enum Bekanntgabe {
    public enum Channel: Sendable, Hashable, Codable {
        /// A written administrative act posted in Germany (§ 41 Abs. 2 Satz 1): give the day of posting.
        case post
        /// Sent electronically (§ 41 Abs. 2 Satz 2): give the day of sending.
        case electronic
        /// Provided for retrieval with the person's consent (§ 41 Abs. 2a): give the day of retrieval.
        case retrieval
    }

    /// What happens when the deemed day is a Saturday, Sunday or holiday. The courts disagree.
    public enum WeekendRule: Sendable, Hashable, Codable {
        /// The deemed day stands: it is a date (Termin), not a period § 31 Abs. 3 VwVfG could move
        /// (BSG, Urteil vom 6. Mai 2010, B 14 AS 12/09 R, for § 37 SGB X; OVG Lüneburg, Beschluss vom
        /// 28. Februar 2011, 4 LA 44/10; the prevailing view on § 41 VwVfG). The default.
        case noExtension
        /// The deemed day moves to the next working day (BFH, Urteil vom 14. Oktober 2003,
        /// IX R 68/98, BStBl. II 2003 S. 898, for § 122 Abs. 2 AO): for tax procedures, or as a
        /// deliberately citizen-friendly policy.
        case nextWorkingDay
    }

    /// The day the document counts as received, with the steps that led there.
    public struct Notice: Sendable, Hashable, Codable {
        public let date: CivilDate
        public let steps: [Deadline.Step]
    }

    /// The first dispatch day that counts with four days instead of three.
    public static let fourthDaySince = CivilDate(year: 2025, month: 1, day: 1) ?? .minimum

    /// The deemed day of receipt of a document dispatched (posted, sent, retrieved) on `dispatched`.
    /// `municipality` (AGS or ARS) gives the holidays for `.nextWorkingDay`.
    public static func deemed(
        dispatched: CivilDate, channel: Channel, municipality: String? = nil, weekendRule: WeekendRule = .noExtension
    ) throws(Deadline.Failure) -> Notice {
        let days = channel == .retrieval ? 1 : (dispatched >= fourthDaySince ? 4 : 3)
        guard var date = dispatched.adding(days: days) else { throw .outOfRange }
        let ordinal = ["", "ersten", "zweiten", "dritten", "vierten"][days]
        var steps: [Deadline.Step]
        switch channel {
        case .post:
            steps = [
                Deadline.Step(
                    reference: "§ 41 Abs. 2 Satz 1 VwVfG",
                    text: "Aufgabe zur Post am \(Deadline.show(dispatched)); der Bescheid gilt am \(ordinal) Tag "
                        + "danach als bekannt gegeben, \(Deadline.show(date)).")
            ]
        case .electronic:
            steps = [
                Deadline.Step(
                    reference: "§ 41 Abs. 2 Satz 2 VwVfG",
                    text: "Elektronische Absendung am \(Deadline.show(dispatched)); der Bescheid gilt am \(ordinal) "
                        + "Tag danach als bekannt gegeben, \(Deadline.show(date)).")
            ]
        case .retrieval:
            steps = [
                Deadline.Step(
                    reference: "§ 41 Abs. 2a Satz 3 VwVfG",
                    text: "Abruf am \(Deadline.show(dispatched)); der Bescheid gilt am Tag danach als bekannt "
                        + "gegeben, \(Deadline.show(date)).")
            ]
        }
        guard !PublicHolidays.isWorkingDay(date, municipality: municipality) else {
            return Notice(date: date, steps: steps)
        }
        switch weekendRule {
        case .noExtension:
            let reason = PublicHolidays.nonWorkingReason(date, municipality: municipality) ?? ""
            steps.append(
                Deadline.Step(
                    reference: "§ 41 Abs. 2 VwVfG (BSG, B 14 AS 12/09 R)",
                    text: "Der \(date.german) ist \(reason); die Bekanntgabe ist ein Termin, keine Frist, und "
                        + "verschiebt sich nicht nach § 31 Abs. 3 VwVfG."))
        case .nextWorkingDay:
            var skipped: [String] = []
            while let reason = PublicHolidays.nonWorkingReason(date, municipality: municipality) {
                skipped.append("\(date.german) ist \(reason)")
                guard let next = date.adding(days: 1) else { throw .outOfRange }
                date = next
            }
            steps.append(
                Deadline.Step(
                    reference: "§ 31 Abs. 3 VwVfG entsprechend (BFH, IX R 68/98)",
                    text: skipped.joined(separator: ", ")
                        + "; die Bekanntgabe gilt am nächsten Werktag, \(Deadline.show(date))."))
        }
        return Notice(date: date, steps: steps)
    }
}
