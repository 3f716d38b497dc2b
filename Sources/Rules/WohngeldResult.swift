/// One step of the calculation with its German label and legal reference.
public struct TraceEntry: Sendable, Hashable, Codable {
    /// Stable machine key, e.g. "M", "z1", "einkommen.pauschalabzug".
    public var key: String
    /// German label for people.
    public var label: String
    public var value: FixedDecimal
    /// Legal reference, e.g. "§ 12 Abs. 1 WoGG i. V. m. Anlage 1".
    public var norm: String
    /// Index into `Household.mitglieder` for member-specific steps.
    public var mitglied: Int?

    public init(key: String, label: String, value: FixedDecimal, norm: String, mitglied: Int? = nil) {
        self.key = key
        self.label = label
        self.value = value
        self.norm = norm
        self.mitglied = mitglied
    }
}

/// The outcome of `Wohngeld.calculate(_:)`.
public struct WohngeldResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Wohngeld of `betrag` euros per month (≥ 10).
        case anspruch
        /// § 21 Nr. 1 WoGG: the amount would be below 10 €.
        case unterBagatellgrenze
        /// The § 19 formula gives 0 € or less.
        case keinBetragNachFormel
        /// No member is to be considered (all excluded, §§ 7, 8).
        case keineZuBeruecksichtigendenMitglieder
        /// No embedded parameter set for the Stichtag (before 2021-01-01).
        case keinParametersatz
        /// Invalid input (see `begruendung`).
        case ungueltigeEingabe
    }

    /// Monthly Wohngeld in whole euros (0 unless `status == .anspruch`).
    public var betrag: Int64
    public var status: Status
    /// German explanation of the outcome.
    public var begruendung: String
    /// Every intermediate value in calculation order.
    public var trace: [TraceEntry]

    public init(betrag: Int64, status: Status, begruendung: String, trace: [TraceEntry]) {
        self.betrag = betrag
        self.status = status
        self.begruendung = begruendung
        self.trace = trace
    }

    /// The first trace value with `key` (for the members' entries: of the first member).
    public func wert(_ key: String) -> FixedDecimal? {
        trace.first { $0.key == key }?.value
    }
}
