import Foundation

/// The content of a notice (Bescheid): everything the renderer puts on paper, nothing about layout.
public struct NoticeDocument: Sendable, Hashable, Codable {
    /// The issuing office as printed in the letterhead ("Stadtverwaltung Erfurt – Wohngeldbehörde").
    public var authorityName: String
    /// Postal address lines of the authority; the first ones also form the return address line.
    public var authorityAddress: [String]
    /// Recipient block, one line per entry (name, street, postcode and town).
    public var addressee: [String]
    /// Date of the notice as printed ("14. März 2025").
    public var date: String
    /// File reference (Aktenzeichen).
    public var reference: String
    /// Notice number, printed in the information block and the header of follow-up pages.
    public var noticeNumber: String
    /// Heading, e.g. "Bescheid über Wohngeld"; also the document title in the metadata.
    public var title: String
    /// Operative part (Tenor), one paragraph per entry.
    public var operativePart: [String]
    /// Statement of reasons (Begründung), one paragraph per entry.
    public var reasons: [String]
    /// Calculation table, printed under the heading ``calculationHeading``.
    public var calculation: [CalculationRow]
    public var calculationHeading: String
    /// Legal remedy instructions (Rechtsbehelfsbelehrung).
    public var legalRemedy: String
    /// Contact lines ("Auskunft erteilt: Frau Muster", "Telefon …").
    public var contact: [String]
    /// Issuing authority named under the closing, e.g. "Stadtverwaltung Erfurt, Amt für Soziales".
    public var issuingAuthority: String
    /// BCP 47 language of the text; the renderer writes it as `/Lang` ("de" becomes "de-DE").
    public var language: String

    public init(
        authorityName: String, authorityAddress: [String], addressee: [String], date: String, reference: String,
        noticeNumber: String, title: String, operativePart: [String], reasons: [String],
        calculation: [CalculationRow], calculationHeading: String = "Berechnung", legalRemedy: String,
        contact: [String], issuingAuthority: String, language: String = "de"
    ) {
        self.authorityName = authorityName
        self.authorityAddress = authorityAddress
        self.addressee = addressee
        self.date = date
        self.reference = reference
        self.noticeNumber = noticeNumber
        self.title = title
        self.operativePart = operativePart
        self.reasons = reasons
        self.calculation = calculation
        self.calculationHeading = calculationHeading
        self.legalRemedy = legalRemedy
        self.contact = contact
        self.issuingAuthority = issuingAuthority
        self.language = language
    }
}

/// One line of the calculation table: what, under which norm, how much.
public struct CalculationRow: Sendable, Hashable, Codable {
    public var label: String
    public var norm: String
    public var value: String

    public init(label: String, norm: String, value: String) {
        self.label = label
        self.norm = norm
        self.value = value
    }
}
