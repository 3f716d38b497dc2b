/// A Wohngeld household (§§ 5–8 WoGG) with everything the calculation needs.
public struct Household: Sendable, Hashable, Codable {
    /// The day the entitlement is computed for; selects the parameter set.
    public var stichtag: LocalDate
    /// Mietstufe 1…7 (= I…VII) of the municipality (§ 12 Abs. 2–4 WoGG, WoGV Anlage); caller input.
    public var mietstufe: Int
    /// Monthly Bruttokaltmiete (Mietzuschuss, § 9) or Belastung (Lastenzuschuss, § 10) in euros.
    public var wohnkosten: Wohnkosten
    /// All household members, including those excluded from Wohngeld (§§ 7, 8).
    public var mitglieder: [HouseholdMember]
    /// § 17 Nr. 3 WoGG: a considered member lives exclusively with one or more children, at least one of them
    /// under 18 with Kindergeld. The conditions are asserted by the caller; the amount is deducted once.
    public var alleinerziehend: Bool

    public init(
        stichtag: LocalDate, mietstufe: Int, wohnkosten: Wohnkosten, mitglieder: [HouseholdMember],
        alleinerziehend: Bool = false
    ) {
        self.stichtag = stichtag
        self.mietstufe = mietstufe
        self.wohnkosten = wohnkosten
        self.mitglieder = mitglieder
        self.alleinerziehend = alleinerziehend
    }
}

/// Monthly housing costs. JSON: `{"art": "miete", "betrag": "512.40"}` or `{"art": "belastung", …}`.
public enum Wohnkosten: Sendable, Hashable {
    /// Mietzuschuss: monthly Bruttokaltmiete (§ 9 WoGG).
    case miete(FixedDecimal)
    /// Lastenzuschuss: monthly Belastung (§ 10 WoGG), already computed by the caller.
    case belastung(FixedDecimal)

    public var betrag: FixedDecimal {
        switch self {
        case .miete(let value), .belastung(let value): value
        }
    }
}

extension Wohnkosten: Codable {
    private enum CodingKeys: String, CodingKey { case art, betrag }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let betrag = try container.decode(FixedDecimal.self, forKey: .betrag)
        switch try container.decode(String.self, forKey: .art) {
        case "miete": self = .miete(betrag)
        case "belastung": self = .belastung(betrag)
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .art, in: container, debugDescription: "expected miete or belastung, got \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .miete(let value):
            try container.encode("miete", forKey: .art)
            try container.encode(value, forKey: .betrag)
        case .belastung(let value):
            try container.encode("belastung", forKey: .art)
            try container.encode(value, forKey: .betrag)
        }
    }
}

extension HouseholdMember.Freibetrag: Codable {
    private enum CodingKeys: String, CodingKey { case art, einnahmen, renteMonatlich }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .art) {
        case "schwerbehinderung": self = .schwerbehinderung
        case "nsVerfolgung": self = .nsVerfolgung
        case "erwerbseinnahmenKind":
            self = .erwerbseinnahmenKind(try container.decode(FixedDecimal.self, forKey: .einnahmen))
        case "grundrente":
            self = .grundrente(renteMonatlich: try container.decode(FixedDecimal.self, forKey: .renteMonatlich))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .art, in: container, debugDescription: "unknown Freibetrag \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .schwerbehinderung: try container.encode("schwerbehinderung", forKey: .art)
        case .nsVerfolgung: try container.encode("nsVerfolgung", forKey: .art)
        case .erwerbseinnahmenKind(let einnahmen):
            try container.encode("erwerbseinnahmenKind", forKey: .art)
            try container.encode(einnahmen, forKey: .einnahmen)
        case .grundrente(let rente):
            try container.encode("grundrente", forKey: .art)
            try container.encode(rente, forKey: .renteMonatlich)
        }
    }
}

/// One person in the household.
public struct HouseholdMember: Sendable, Hashable, Codable {
    public enum Rolle: String, Sendable, Hashable, Codable {
        case antragsteller, partner, kind, sonstiges
    }

    /// Whether the member counts for Wohngeld (§§ 5, 6) or is excluded (§§ 7, 8).
    public enum Status: String, Sendable, Hashable, Codable {
        case beruecksichtigt
        /// § 7 Abs. 1 WoGG: recipient of a transfer benefit (Bürgergeld, Grundsicherung, …) whose housing costs
        /// are covered there.
        case ausgeschlossenTransferleistung
        /// § 8 WoGG or other exclusion decided by the caller.
        case ausgeschlossenSonstiges

        public var istBeruecksichtigt: Bool {
            // A pattern match compares the case tag; `==` on a String-backed enum may compare the raw strings.
            if case .beruecksichtigt = self { true } else { false }
        }
    }

    /// §§ 17, 17a WoGG Freibeträge attached to a member (amounts per year from the parameter set).
    /// JSON: `{"art": "schwerbehinderung"}`, `{"art": "erwerbseinnahmenKind", "einnahmen": "800"}`.
    public enum Freibetrag: Sendable, Hashable {
        /// § 17 Nr. 1: GdB 100, or GdB < 100 with Pflegebedürftigkeit (§ 14 SGB XI) and häusliche/teilstationäre
        /// Pflege or Kurzzeitpflege — 1 800 € (since 2020).
        case schwerbehinderung
        /// § 17 Nr. 2: Opfer der nationalsozialistischen Verfolgung or gleichgestellt — 750 €.
        case nsVerfolgung
        /// § 17 Nr. 4: the own yearly Einnahmen aus Erwerbstätigkeit of a child under 25, at most 1 200 €.
        case erwerbseinnahmenKind(FixedDecimal)
        /// § 17a: Grundrentenfreibetrag for a member with at least 33 years of Grundrentenzeiten (asserted by the
        /// caller): 100 € of the monthly gesetzliche Rente plus 30 % of the part above 100 €, at most 50 % of
        /// Regelbedarfsstufe 1; deducted as 12 × the monthly amount.
        case grundrente(renteMonatlich: FixedDecimal)
    }

    public var rolle: Rolle
    public var alter: Int?
    public var status: Status
    /// Yearly positive Einkünfte (§ 14 WoGG), already net of Werbungskosten; negative values count as 0.
    public var jahreseinkommen: FixedDecimal
    /// § 16 Satz 1 Nr. 1: Steuern vom Einkommen are expected to be paid in the Bewilligungszeitraum.
    public var zahltSteuern: Bool
    /// § 16 Satz 1 Nr. 2 (and Satz 2–4: comparable private contributions): KV/PV contributions are paid.
    public var zahltKrankenPflegeversicherung: Bool
    /// § 16 Satz 1 Nr. 3 (and Satz 2–4: comparable private contributions): pension contributions are paid.
    public var zahltRentenversicherung: Bool
    public var freibetraege: [Freibetrag]

    public init(
        rolle: Rolle, alter: Int? = nil, status: Status = .beruecksichtigt, jahreseinkommen: FixedDecimal = .zero,
        zahltSteuern: Bool = false, zahltKrankenPflegeversicherung: Bool = false,
        zahltRentenversicherung: Bool = false, freibetraege: [Freibetrag] = []
    ) {
        self.rolle = rolle
        self.alter = alter
        self.status = status
        self.jahreseinkommen = jahreseinkommen
        self.zahltSteuern = zahltSteuern
        self.zahltKrankenPflegeversicherung = zahltKrankenPflegeversicherung
        self.zahltRentenversicherung = zahltRentenversicherung
        self.freibetraege = freibetraege
    }

    /// Number of § 16 criteria met (0…3).
    public var pauschalabzugKriterien: Int {
        (zahltSteuern ? 1 : 0) + (zahltKrankenPflegeversicherung ? 1 : 0) + (zahltRentenversicherung ? 1 : 0)
    }
}

extension HouseholdMember {
    private enum CodingKeys: String, CodingKey {
        case rolle, alter, status, jahreseinkommen, zahltSteuern, zahltKrankenPflegeversicherung,
            zahltRentenversicherung, freibetraege
    }

    /// Only `rolle` is required; everything else has the default of `init` (considered, no income,
    /// no § 16 criteria, no Freibeträge).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            rolle: try c.decode(Rolle.self, forKey: .rolle), alter: try c.decodeIfPresent(Int.self, forKey: .alter),
            status: try c.decodeIfPresent(Status.self, forKey: .status) ?? .beruecksichtigt,
            jahreseinkommen: try c.decodeIfPresent(FixedDecimal.self, forKey: .jahreseinkommen) ?? .zero,
            zahltSteuern: try c.decodeIfPresent(Bool.self, forKey: .zahltSteuern) ?? false,
            zahltKrankenPflegeversicherung: try c.decodeIfPresent(Bool.self, forKey: .zahltKrankenPflegeversicherung)
                ?? false,
            zahltRentenversicherung: try c.decodeIfPresent(Bool.self, forKey: .zahltRentenversicherung) ?? false,
            freibetraege: try c.decodeIfPresent([Freibetrag].self, forKey: .freibetraege) ?? [])
    }
}
