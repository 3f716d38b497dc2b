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

    /// The set in force on `date`, or nil before the first embedded set (a copy of `alle[i]`; batch code should use
    /// `referenz(am:)`, which copies nothing).
    public static func gueltig(am date: LocalDate) -> WoGGParameterSet? {
        referenz(am: date).map { alle[$0.index] }
    }

    /// The embedded set in force on `date` as a reference (an index into `alle`), or nil before the first set.
    /// Resolving it costs a few integer comparisons; nothing is copied or reference-counted.
    public static func referenz(am date: LocalDate) -> Referenz? {
        // The sets ascend by gueltigAb: the newest one that has started (usually the first or second tried).
        let tables = CompiledParameters.embedded
        var index = tables.count - 1
        while index >= 0, date < tables.set(index).gueltigAb { index -= 1 }
        return index < 0 ? nil : Referenz(index: index)
    }

    /// One of the embedded parameter sets (`WoGGParameterSet.alle[index]`), for `Wohngeld.calculate(_:parameters:)`
    /// without copying the set.
    public struct Referenz: Sendable, Hashable {
        /// Index into `WoGGParameterSet.alle`.
        public let index: Int

        init(index: Int) { self.index = index }

        /// The referenced set (a copy).
        public var parameterSet: WoGGParameterSet { WoGGParameterSet.alle[index] }
        public var gueltigAb: LocalDate { WoGGParameterSet.alle[index].gueltigAb }
    }
}

/// A parameter set flattened into raw `FixedDecimal` values (Int64) behind a pointer: what the calculation reads.
/// Trivially copyable (no arrays, no reference counting), so threads can share the embedded tables without touching
/// shared reference counts.
@usableFromInline
struct CompiledParameters {
    // Layout (offsets into `base`, each slot one raw Int64).
    static let faktor = 0
    static let zusatz = 1
    static let fbSchwerbehinderung = 2
    static let fbAlleinerziehend = 3
    static let fbErwerbKind = 4
    static let gueltigAb = 130  // year, month, day
    static let pauschalabzug = 6  // 4
    static let mindestM = 10  // 12
    static let mindestY = 22  // 12
    static let koeffizienten = 34  // 12 × (a, b, c)
    static let hoechstbetraege = 70  // 6 rows × 7 Mietstufen
    static let entlastung = 112  // 5 + 1
    static let komponente = 118  // 5 + 1
    static let klima = 124  // 5 + 1
    static let slots = 133

    @usableFromInline let base: UnsafePointer<Int64>

    @inline(__always) func raw(_ offset: Int) -> Int64 { base[offset] }
    @inline(__always) func value(_ offset: Int) -> FixedDecimal { FixedDecimal(raw: base[offset]) }

    var gueltigAb: LocalDate {
        LocalDate(
            year: Int(base[Self.gueltigAb]), month: Int(base[Self.gueltigAb + 1]), day: Int(base[Self.gueltigAb + 2]))
    }
    var skalierungsfaktor: FixedDecimal { value(Self.faktor) }
    var zusatzbetragUeber12: FixedDecimal { value(Self.zusatz) }
    var freibetragSchwerbehinderung: FixedDecimal { value(Self.fbSchwerbehinderung) }
    var freibetragAlleinerziehend: FixedDecimal { value(Self.fbAlleinerziehend) }
    var hoechstFreibetragErwerbKind: FixedDecimal { value(Self.fbErwerbKind) }
    /// § 17 Nr. 2 WoGG, per year.
    var freibetragNSVerfolgung: FixedDecimal { 750 }

    /// `kriterien` 0…3.
    @inline(__always) func pauschalabzug(_ kriterien: Int) -> FixedDecimal { value(Self.pauschalabzug + kriterien) }
    /// `n` 1…12.
    @inline(__always) func mindestM(_ n: Int) -> FixedDecimal { value(Self.mindestM + n - 1) }
    @inline(__always) func mindestY(_ n: Int) -> FixedDecimal { value(Self.mindestY + n - 1) }
    @inline(__always) func a(_ n: Int) -> FixedDecimal { value(Self.koeffizienten + 3 * (n - 1)) }
    @inline(__always) func b(_ n: Int) -> FixedDecimal { value(Self.koeffizienten + 3 * (n - 1) + 1) }
    @inline(__always) func c(_ n: Int) -> FixedDecimal { value(Self.koeffizienten + 3 * (n - 1) + 2) }

    /// Anlage 1 WoGG Höchstbetrag for `n` ≥ 1 members and Mietstufe 1…7.
    @inline(__always) func hoechstbetrag(mitglieder n: Int, mietstufe: Int) -> FixedDecimal {
        let column = Self.hoechstbetraege + mietstufe - 1
        return n <= 5 ? value(column + 7 * (n - 1)) : value(column + 7 * 4) + value(column + 7 * 5) * (n - 5)
    }

    /// A `Staffel` at `offset` (zero when the set has none): table value up to 5, then + (n − 5) · jedeWeitere.
    @inline(__always) func staffel(_ offset: Int, fuer n: Int) -> FixedDecimal {
        n <= 5 ? value(offset + n - 1) : value(offset + 4) + value(offset + 5) * (n - 5)
    }

    /// Writes `set` into `slots` (at least `CompiledParameters.slots` values).
    static func write(_ set: WoGGParameterSet, into slots: UnsafeMutablePointer<Int64>) {
        precondition(
            set.koeffizienten.count == 12 && set.mindestM.count == 12 && set.mindestY.count == 12
                && set.pauschalabzug.count == 4 && set.hoechstbetraege.count == 6
                && set.hoechstbetraege.allSatisfy { $0.count == 7 },
            "WoGGParameterSet: expected 12 Koeffizienten, 12 mindestM/mindestY, 4 pauschalabzug, 6 × 7 Höchstbeträge")
        slots.update(repeating: 0, count: Self.slots)
        slots[faktor] = set.skalierungsfaktor.raw
        slots[zusatz] = set.zusatzbetragUeber12.raw
        slots[fbSchwerbehinderung] = set.freibetragSchwerbehinderung.raw
        slots[fbAlleinerziehend] = set.freibetragAlleinerziehend.raw
        slots[fbErwerbKind] = set.hoechstFreibetragErwerbKind.raw
        slots[gueltigAb] = Int64(set.gueltigAb.year)
        slots[gueltigAb + 1] = Int64(set.gueltigAb.month)
        slots[gueltigAb + 2] = Int64(set.gueltigAb.day)
        for i in 0..<4 { slots[pauschalabzug + i] = set.pauschalabzug[i].raw }
        for i in 0..<12 {
            slots[mindestM + i] = set.mindestM[i].raw
            slots[mindestY + i] = set.mindestY[i].raw
            slots[koeffizienten + 3 * i] = set.koeffizienten[i].a.raw
            slots[koeffizienten + 3 * i + 1] = set.koeffizienten[i].b.raw
            slots[koeffizienten + 3 * i + 2] = set.koeffizienten[i].c.raw
        }
        for row in 0..<6 {
            for column in 0..<7 { slots[hoechstbetraege + 7 * row + column] = set.hoechstbetraege[row][column].raw }
        }
        for (offset, staffel) in [
            (entlastung, set.heizkostenentlastung), (komponente, set.heizkostenkomponente),
            (klima, set.klimakomponente),
        ] {
            guard let staffel else { continue }
            for i in 0..<5 { slots[offset + i] = staffel.bis5[i].raw }
            slots[offset + 5] = staffel.jedeWeitere.raw
        }
    }

    /// Compiles `set` into temporary storage for the duration of `body` (explicit, possibly modified sets).
    static func with<R>(_ set: WoGGParameterSet, _ body: (CompiledParameters) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: slots) { buffer in
            write(set, into: buffer.baseAddress!)
            return body(CompiledParameters(base: UnsafePointer(buffer.baseAddress!)))
        }
    }

    /// The embedded sets (`WoGGParameterSet.alle`), compiled once and never freed.
    struct Table: @unchecked Sendable {
        let base: UnsafePointer<Int64>
        let count: Int

        @inline(__always) func set(_ index: Int) -> CompiledParameters {
            CompiledParameters(base: base + index * CompiledParameters.slots)
        }
    }

    static let embedded: Table = {
        let sets = WoGGParameterSet.alle
        let storage = UnsafeMutablePointer<Int64>.allocate(capacity: max(1, sets.count) * slots)
        for (index, set) in sets.enumerated() { write(set, into: storage + index * slots) }
        return Table(base: UnsafePointer(storage), count: sets.count)
    }()
}
