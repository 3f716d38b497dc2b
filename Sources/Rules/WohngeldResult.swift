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
///
/// The engine records its trace compactly (step, value, member: 16 bytes a step, no strings, no reference counting)
/// and the reason as a code plus amount; `trace` and `begruendung` turn them into `TraceEntry` values and German text
/// when they are read. Values, keys, labels, norms and texts are exactly those of the full trace. Results built with
/// `init(betrag:status:begruendung:trace:)`, decoded from JSON, or whose `trace`/`begruendung` were assigned keep
/// what they were given.
public struct WohngeldResult: Sendable {
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

    /// The reason as computed by the engine; rendered by `begruendung`.
    @usableFromInline
    enum Reason: Sendable {
        case text(String)
        case anspruch(Int64)
        case unterBagatellgrenze(Int64)
        case keinBetragNachFormel
        case keineZuBeruecksichtigendenMitglieder
    }

    /// Monthly Wohngeld in whole euros (0 unless `status == .anspruch`).
    public var betrag: Int64
    public var status: Status
    @usableFromInline var reason: Reason
    /// Compact trace as recorded by the engine (nil when `explicitTrace` is set or the trace was switched off).
    /// Never mutated after the calculation, so copies of a result can share it.
    @usableFromInline var records: TraceStorage?
    /// Set when the trace was given from outside (initializer, decoding, assignment).
    @usableFromInline var explicitTrace: [TraceEntry]?
    /// F of § 19 Abs. 1 (for the label of z4).
    @usableFromInline var skalierungsfaktor: FixedDecimal

    public init(betrag: Int64, status: Status, begruendung: String, trace: [TraceEntry]) {
        self.betrag = betrag
        self.status = status
        self.reason = .text(begruendung)
        self.records = nil
        self.explicitTrace = trace
        self.skalierungsfaktor = .zero
    }

    @usableFromInline
    init(betrag: Int64, status: Status, reason: Reason, records: TraceStorage?, skalierungsfaktor: FixedDecimal) {
        self.betrag = betrag
        self.status = status
        self.reason = reason
        self.records = records
        self.explicitTrace = nil
        self.skalierungsfaktor = skalierungsfaktor
    }

    /// German explanation of the outcome.
    public var begruendung: String {
        get {
            switch reason {
            case .text(let text): text
            case .anspruch(let betrag): "Monatliches Wohngeld: \(betrag) € (§ 19 WoGG)."
            case .unterBagatellgrenze(let betrag):
                "Das Wohngeld würde \(betrag) € und damit weniger als 10 € monatlich betragen; "
                    + "ein Anspruch besteht nicht (§ 21 Nr. 1 WoGG)."
            case .keinBetragNachFormel: "Nach der Formel des § 19 WoGG ergibt sich kein Wohngeld."
            case .keineZuBeruecksichtigendenMitglieder:
                "Kein Haushaltsmitglied ist zu berücksichtigen (§§ 7, 8 WoGG); kein Wohngeldanspruch."
            }
        }
        set { reason = .text(newValue) }
    }

    /// Every intermediate value in calculation order.
    public var trace: [TraceEntry] {
        get {
            if let explicitTrace { return explicitTrace }
            guard let records else { return [] }
            return records.withRecords { list in
                list.map { $0.entry(skalierungsfaktor: skalierungsfaktor) }
            }
        }
        set {
            explicitTrace = newValue
            records = nil
        }
    }

    /// Number of trace entries (without building them).
    public var traceCount: Int { explicitTrace?.count ?? records?.count ?? 0 }

    /// The first trace value with `key` (for the members' entries: of the first member).
    public func wert(_ key: String) -> FixedDecimal? {
        if let explicitTrace { return explicitTrace.first { $0.key == key }?.value }
        return records?.withRecords { list in list.first { $0.step.key == key }?.value }
    }
}

extension WohngeldResult: Hashable {
    /// Equal when betrag, status, begruendung and trace are equal, however they are stored.
    public static func == (lhs: WohngeldResult, rhs: WohngeldResult) -> Bool {
        lhs.betrag == rhs.betrag && lhs.status == rhs.status && lhs.begruendung == rhs.begruendung
            && lhs.trace == rhs.trace
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(betrag)
        hasher.combine(status)
        hasher.combine(begruendung)
        hasher.combine(trace)
    }
}

extension WohngeldResult: Codable {
    private enum CodingKeys: String, CodingKey { case betrag, status, begruendung, trace }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            betrag: try c.decode(Int64.self, forKey: .betrag), status: try c.decode(Status.self, forKey: .status),
            begruendung: try c.decode(String.self, forKey: .begruendung),
            trace: try c.decode([TraceEntry].self, forKey: .trace))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(betrag, forKey: .betrag)
        try c.encode(status, forKey: .status)
        try c.encode(begruendung, forKey: .begruendung)
        try c.encode(trace, forKey: .trace)
    }
}

/// The recorded steps of one calculation: a count and the records in one allocation (non-generic class, so creating
/// it needs no generic metadata lookup). Written once by the engine, read-only afterwards.
@usableFromInline
final class TraceStorageBuffer: ManagedBuffer<Int, TraceRecord> {}

/// `TraceStorageBuffer` as a `Sendable` value: the buffer is written once before the result exists and only read
/// afterwards (`ManagedBuffer` itself is marked not Sendable because it could be mutated).
@usableFromInline
struct TraceStorage: @unchecked Sendable {
    let buffer: TraceStorageBuffer

    var count: Int { buffer.header }

    /// Storage for up to `capacity` records; `fill` writes them and returns how many it wrote.
    @inline(__always)
    static func make<R>(
        capacity: Int, _ fill: (UnsafeMutablePointer<TraceRecord>) -> (count: Int, value: R)
    ) -> (TraceStorage, R) {
        let buffer = unsafeDowncast(
            TraceStorageBuffer.create(minimumCapacity: capacity) { _ in 0 }, to: TraceStorageBuffer.self)
        let value = buffer.withUnsafeMutablePointers { count, records in
            let (written, value) = fill(records)
            count.pointee = written
            return value
        }
        return (TraceStorage(buffer: buffer), value)
    }

    func withRecords<R>(_ body: (UnsafeBufferPointer<TraceRecord>) -> R) -> R {
        buffer.withUnsafeMutablePointers { count, records in
            body(UnsafeBufferPointer(start: records, count: count.pointee))
        }
    }
}

/// One recorded step: which step, its value and the member it belongs to (-1: none). 16 bytes, trivially copyable.
@usableFromInline
struct TraceRecord: Sendable, Hashable {
    @usableFromInline var value: FixedDecimal
    @usableFromInline var mitglied: Int32
    @usableFromInline var step: TraceStep

    @inlinable
    init(_ step: TraceStep, _ value: FixedDecimal, mitglied: Int = -1) {
        self.value = value
        self.mitglied = Int32(truncatingIfNeeded: mitglied)
        self.step = step
    }

    func entry(skalierungsfaktor: FixedDecimal) -> TraceEntry {
        TraceEntry(
            key: step.key, label: step == .z4 ? "z4 = \(skalierungsfaktor) · z3 (ungerundetes Wohngeld)" : step.label,
            value: value, norm: step.norm, mitglied: mitglied < 0 ? nil : Int(mitglied))
    }
}

/// The steps of the calculation with their key, German label and legal reference (string constants).
@usableFromInline
enum TraceStep: UInt8, Sendable, Hashable, CaseIterable {
    case haushaltsmitglieder, n, wohnkostenMiete, wohnkostenBelastung, mietstufe, hoechstbetrag, klimakomponente
    case wohnkostenBegrenzt, heizkostenentlastung, heizkostenkomponente, mVorMindestbetrag, mAnteil, mindestM, m
    case einkuenfte, pauschalabzug, jahreseinkommen
    case schwerbehinderung, nsVerfolgung, erwerbseinnahmenKind, grundrente, alleinerziehend
    case summeJahreseinkommen, freibetraege, gesamteinkommen, gesamteinkommenMonatlich, mindestY, y
    case a, b, c, z1, z2, z3, z4, gerundet, begrenztAufM, zuschlagUeber12, nachZuschlag, bagatellgrenze

    var key: String {
        switch self {
        case .haushaltsmitglieder: "haushaltsmitglieder"
        case .n: "n"
        case .wohnkostenMiete, .wohnkostenBelastung: "wohnkosten"
        case .mietstufe: "mietstufe"
        case .hoechstbetrag: "hoechstbetrag"
        case .klimakomponente: "klimakomponente"
        case .wohnkostenBegrenzt: "wohnkostenBegrenzt"
        case .heizkostenentlastung: "heizkostenentlastung"
        case .heizkostenkomponente: "heizkostenkomponente"
        case .mVorMindestbetrag: "mVorMindestbetrag"
        case .mAnteil: "mAnteil"
        case .mindestM: "mindestM"
        case .m: "M"
        case .einkuenfte: "einkommen.einkuenfte"
        case .pauschalabzug: "einkommen.pauschalabzug"
        case .jahreseinkommen: "einkommen.jahreseinkommen"
        case .schwerbehinderung: "freibetrag.schwerbehinderung"
        case .nsVerfolgung: "freibetrag.nsVerfolgung"
        case .erwerbseinnahmenKind: "freibetrag.erwerbseinnahmenKind"
        case .grundrente: "freibetrag.grundrente"
        case .alleinerziehend: "freibetrag.alleinerziehend"
        case .summeJahreseinkommen: "summeJahreseinkommen"
        case .freibetraege: "freibetraege"
        case .gesamteinkommen: "gesamteinkommen"
        case .gesamteinkommenMonatlich: "gesamteinkommenMonatlich"
        case .mindestY: "mindestY"
        case .y: "Y"
        case .a: "a"
        case .b: "b"
        case .c: "c"
        case .z1: "z1"
        case .z2: "z2"
        case .z3: "z3"
        case .z4: "z4"
        case .gerundet: "gerundet"
        case .begrenztAufM: "begrenztAufM"
        case .zuschlagUeber12: "zuschlagUeber12"
        case .nachZuschlag: "nachZuschlag"
        case .bagatellgrenze: "bagatellgrenze"
        }
    }

    var label: String {
        switch self {
        case .haushaltsmitglieder: "Haushaltsmitglieder insgesamt"
        case .n: "Zu berücksichtigende Haushaltsmitglieder"
        case .wohnkostenMiete: "Monatliche Bruttokaltmiete"
        case .wohnkostenBelastung: "Monatliche Belastung"
        case .mietstufe: "Mietstufe"
        case .hoechstbetrag: "Höchstbetrag für Miete oder Belastung"
        case .klimakomponente: "Erhöhung des Höchstbetrags (Klimakomponente)"
        case .wohnkostenBegrenzt: "Berücksichtigte Miete/Belastung bis zu Höchstbetrag + Klimakomponente"
        case .heizkostenentlastung: "Betrag zur Entlastung bei den Heizkosten (CO2-Bepreisung)"
        case .heizkostenkomponente: "Dauerhafte Heizkostenkomponente"
        case .mVorMindestbetrag: "Zu berücksichtigende Miete/Belastung vor Mindestbetrag"
        case .mAnteil: "Anteil der zu berücksichtigenden Haushaltsmitglieder (n / Haushaltsgröße)"
        case .mindestM: "Mindestbetrag für M"
        case .m: "M – zu berücksichtigende monatliche Miete oder Belastung"
        case .einkuenfte: "Positive Einkünfte (jährlich)"
        case .pauschalabzug: "Pauschaler Abzug (je 10 % für Steuern, KV/PV, RV)"
        case .jahreseinkommen: "Jahreseinkommen"
        case .schwerbehinderung: "Freibetrag für schwerbehinderte Menschen"
        case .nsVerfolgung: "Freibetrag für Opfer der NS-Verfolgung"
        case .erwerbseinnahmenKind: "Freibetrag für Erwerbseinnahmen eines Kindes unter 25"
        case .grundrente: "Grundrentenfreibetrag (jährlich)"
        case .alleinerziehend: "Freibetrag für Alleinerziehende"
        case .summeJahreseinkommen: "Summe der Jahreseinkommen"
        case .freibetraege: "Summe der Freibeträge"
        case .gesamteinkommen: "Gesamteinkommen (jährlich)"
        case .gesamteinkommenMonatlich: "Monatliches Gesamteinkommen (1/12)"
        case .mindestY: "Mindestbetrag für Y"
        case .y: "Y – monatliches Gesamteinkommen"
        case .a: "Koeffizient a"
        case .b: "Koeffizient b"
        case .c: "Koeffizient c"
        case .z1: "z1 = a + b · M + c · Y"
        case .z2: "z2 = z1 · Y"
        case .z3: "z3 = M − z2"
        case .z4: "z4 = F · z3 (ungerundetes Wohngeld)"  // F is filled in by TraceRecord.entry
        case .gerundet: "Auf volle Euro gerundetes Wohngeld"
        case .begrenztAufM: "Begrenzung auf M (volle Euro)"
        case .zuschlagUeber12: "Erhöhung für das 13. und jedes weitere Haushaltsmitglied"
        case .nachZuschlag: "Wohngeld nach Erhöhung, höchstens M"
        case .bagatellgrenze: "Bagatellgrenze"
        }
    }

    var norm: String {
        switch self {
        case .haushaltsmitglieder: "§ 5 WoGG"
        case .n: "§§ 4, 6–8 WoGG"
        case .wohnkostenMiete: "§ 9 WoGG"
        case .wohnkostenBelastung: "§ 10 WoGG"
        case .mietstufe: "§ 12 Abs. 2 WoGG i. V. m. WoGV Anlage"
        case .hoechstbetrag: "§ 12 Abs. 1 WoGG i. V. m. Anlage 1"
        case .klimakomponente: "§ 12 Abs. 7 WoGG"
        case .wohnkostenBegrenzt: "§ 11 Abs. 1 Satz 1 Nr. 1 WoGG"
        case .heizkostenentlastung, .heizkostenkomponente: "§ 12 Abs. 6 WoGG"
        case .mVorMindestbetrag: "§ 11 Abs. 1 Satz 1 Nr. 1 und 2 WoGG"
        case .mAnteil: "§ 11 Abs. 3, § 12 Abs. 1 WoGG (Mischhaushalt)"
        case .mindestM, .mindestY: "§ 19 Abs. 2 WoGG i. V. m. Anlage 3 Nr. 1"
        case .m, .y: "§ 19 Abs. 1, Anlage 3 Nr. 1 WoGG"
        case .einkuenfte: "§ 14 WoGG"
        case .pauschalabzug: "§ 16 Satz 1 WoGG"
        case .jahreseinkommen: "§ 14 Abs. 1, § 16 WoGG"
        case .schwerbehinderung: "§ 17 Nr. 1 WoGG"
        case .nsVerfolgung: "§ 17 Nr. 2 WoGG"
        case .erwerbseinnahmenKind: "§ 17 Nr. 4 WoGG"
        case .grundrente: "§ 17a WoGG i. V. m. Regelbedarfsstufe 1"
        case .alleinerziehend: "§ 17 Nr. 3 WoGG"
        case .summeJahreseinkommen, .gesamteinkommen: "§ 13 Abs. 1 WoGG"
        case .freibetraege: "§ 13 Abs. 1, §§ 17, 17a WoGG"
        case .gesamteinkommenMonatlich: "§ 13 Abs. 2 WoGG"
        case .a, .b, .c: "§ 19 Abs. 1 WoGG i. V. m. Anlage 2"
        case .z1, .z2, .z3: "Anlage 3 Nr. 2 WoGG"
        case .z4: "§ 19 Abs. 1 WoGG, Anlage 3 Nr. 2"
        case .gerundet: "Anlage 3 Nr. 3 WoGG"
        case .begrenztAufM: "§ 19 WoGG (Wohngeld höchstens M; Verwaltungspraxis)"
        case .zuschlagUeber12, .nachZuschlag: "§ 19 Abs. 3 WoGG"
        case .bagatellgrenze: "§ 21 Nr. 1 WoGG"
        }
    }
}
