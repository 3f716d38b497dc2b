/// Names a register. Open: a real register adapter brings its own id; the demo registers use the
/// three below.
public struct RegisterID: RawRepresentable, Sendable, Hashable, Comparable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (a: RegisterID, b: RegisterID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    /// The resident register (Melderegister, BMG): person, address, household.
    public static let melderegister: RegisterID = "melderegister"
    /// Income evidence: wages (Entgeltmeldungen) and pensions, as a Wohngeld decision needs them.
    public static let einkommensnachweise: RegisterID = "einkommensnachweise"
    /// The trade register (Handelsregister, HGB): companies.
    public static let handelsregister: RegisterID = "handelsregister"
}

/// The language of texts shown to people.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case de, en
}

/// A kind of personal or company data a register can deliver. Consent, logging and data
/// minimisation work on categories; every evidence key belongs to exactly one.
public enum DataCategory: String, Sendable, Hashable, Comparable, Codable, CaseIterable {
    /// `person.familienname`, `person.vorname`, `person.geburtsname`.
    case name
    /// `person.geburtsdatum`, `person.geburtsort`.
    case birth
    /// `address.*`.
    case address
    /// `household.<i>.*`.
    case household
    /// `income.wage.<i>.*`.
    case incomeWage = "income.wage"
    /// `income.pension.<i>.*`.
    case incomePension = "income.pension"
    /// `company.*`.
    case company

    /// The label shown to the applicant.
    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.name, .de): "Name"
        case (.name, .en): "Name"
        case (.birth, .de): "Geburtsdatum und -ort"
        case (.birth, .en): "Date and place of birth"
        case (.address, .de): "Anschrift"
        case (.address, .en): "Address"
        case (.household, .de): "Haushaltsmitglieder"
        case (.household, .en): "Household members"
        case (.incomeWage, .de): "Arbeitsentgelt (Lohn, Gehalt)"
        case (.incomeWage, .en): "Wages and salaries"
        case (.incomePension, .de): "Renten"
        case (.incomePension, .en): "Pensions"
        case (.company, .de): "Handelsregistereintrag"
        case (.company, .en): "Trade register entry"
        }
    }

    /// The category an evidence key belongs to, or nil for a key outside the documented scheme.
    public init?(evidenceKey key: String) {
        if key.hasPrefix("income.wage.") {
            self = .incomeWage
        } else if key.hasPrefix("income.pension.") {
            self = .incomePension
        } else if key.hasPrefix("address.") {
            self = .address
        } else if key.hasPrefix("household.") {
            self = .household
        } else if key.hasPrefix("company.") {
            self = .company
        } else if key == EvidenceKey.familienname || key == EvidenceKey.vorname || key == EvidenceKey.geburtsname {
            self = .name
        } else if key == EvidenceKey.geburtsdatum || key == EvidenceKey.geburtsort {
            self = .birth
        } else {
            return nil
        }
    }

    public static func < (a: DataCategory, b: DataCategory) -> Bool {
        let order = allCases
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}
