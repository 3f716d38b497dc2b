/// a, b, c of § 19 Abs. 1 WoGG for one household size (Anlage 2 WoGG, fortgeschrieben nach § 43 WoGG, § 24 WoGV).
public struct Koeffizienten: Sendable, Hashable, Codable {
    public var a: FixedDecimal
    public var b: FixedDecimal
    public var c: FixedDecimal

    public init(a: FixedDecimal, b: FixedDecimal, c: FixedDecimal) {
        self.a = a
        self.b = b
        self.c = c
    }
}

/// A monthly amount per household size 1…5 plus an amount for every further member.
public struct Staffel: Sendable, Hashable, Codable {
    public var bis5: [FixedDecimal]
    public var jedeWeitere: FixedDecimal

    public init(bis5: [FixedDecimal], jedeWeitere: FixedDecimal) {
        precondition(bis5.count == 5)
        self.bis5 = bis5
        self.jedeWeitere = jedeWeitere
    }

    /// The amount for `n` ≥ 1 members: table value up to 5, then + (n − 5) · jedeWeitere.
    public func betrag(fuer n: Int) -> FixedDecimal {
        n <= 5 ? bis5[n - 1] : bis5[4] + jedeWeitere * (n - 5)
    }
}

/// The statutory values of one period, valid from `gueltigAb` until the next set starts.
public struct WoGGParameterSet: Sendable, Hashable {
    public var gueltigAb: LocalDate
    public var rechtsgrundlage: String
    /// F in § 19 Abs. 1 WoGG (1.15 since 2016).
    public var skalierungsfaktor: FixedDecimal
    /// Index 0…11 = 1…12 considered members (Anlage 2 WoGG).
    public var koeffizienten: [Koeffizienten]
    /// § 19 Abs. 3 WoGG: monthly increase for the 13th and each further considered member.
    public var zusatzbetragUeber12: FixedDecimal
    /// Anlage 1 WoGG: rows 0…4 = 1…5 members, row 5 = each further member; columns 0…6 = Mietstufe I…VII.
    public var hoechstbetraege: [[FixedDecimal]]
    /// § 12 Abs. 6 WoGG: Betrag zur Entlastung bei den Heizkosten (CO2-Bepreisung, since 2021).
    public var heizkostenentlastung: Staffel?
    /// § 12 Abs. 6 WoGG: dauerhafte Heizkostenkomponente (since 2023), part of the Gesamtbetrag.
    public var heizkostenkomponente: Staffel?
    /// § 12 Abs. 7 WoGG: Klimakomponente, added to the Höchstbetrag (§ 11 Abs. 1 Satz 1 Nr. 1), since 2023.
    public var klimakomponente: Staffel?
    /// Anlage 3 Nr. 1 WoGG: minimum M for 1…12 members (n > 12 uses 12).
    public var mindestM: [FixedDecimal]
    /// Anlage 3 Nr. 1 WoGG: minimum Y for 1…12 members (n > 12 uses 12).
    public var mindestY: [FixedDecimal]
    /// § 16 WoGG: share deducted for 0…3 criteria met.
    public var pauschalabzug: [FixedDecimal]
    /// § 17 Nr. 1 WoGG, per year.
    public var freibetragSchwerbehinderung: FixedDecimal
    /// § 17 Nr. 3 WoGG, per year.
    public var freibetragAlleinerziehend: FixedDecimal
    /// § 17 Nr. 4 WoGG, per year (cap of the child's own earnings).
    public var hoechstFreibetragErwerbKind: FixedDecimal

    /// § 17 Nr. 2 WoGG, per year (750 €; unchanged since 2009, not in the YAML).
    public var freibetragNSVerfolgung: FixedDecimal { 750 }

    /// Anlage 1 WoGG Höchstbetrag for `n` ≥ 1 members and Mietstufe 1…7.
    public func hoechstbetrag(mitglieder n: Int, mietstufe: Int) -> FixedDecimal {
        let column = mietstufe - 1
        return n <= 5
            ? hoechstbetraege[n - 1][column] : hoechstbetraege[4][column] + hoechstbetraege[5][column] * (n - 5)
    }

    /// The set in force on `date`, or nil before the first embedded set.
    public static func gueltig(am date: LocalDate) -> WoGGParameterSet? {
        var found: WoGGParameterSet?
        for set in alle where set.gueltigAb <= date { found = set }
        return found
    }
}
