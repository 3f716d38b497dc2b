/// Wohngeld nach dem Wohngeldgesetz (WoGG): monthly amount for one household, with a full trace.
public enum Wohngeld {
    /// Whether the structured trace is recorded. `.none` gives the same betrag, status and begruendung with an
    /// empty trace (batch runs that only need the amounts).
    public enum TraceMode: Sendable, Hashable {
        case full
        case none
    }

    /// Computes the monthly Wohngeld (§ 19 WoGG) for `household` with the parameter set in force on its Stichtag.
    public static func calculate(_ household: Household) -> WohngeldResult {
        calculate(household, trace: .full)
    }

    /// `calculate(_:)` with or without the structured trace.
    public static func calculate(_ household: Household, trace mode: TraceMode) -> WohngeldResult {
        guard let referenz = WoGGParameterSet.referenz(am: household.stichtag) else {
            return WohngeldResult(
                betrag: 0, status: .keinParametersatz,
                reason: .text(
                    "Für den Stichtag \(household.stichtag) ist kein Parametersatz hinterlegt (ab 2021-01-01)."),
                records: nil, skalierungsfaktor: .zero)
        }
        return compute(household, CompiledParameters.embedded.set(referenz.index), mode)
    }

    /// Computes with an embedded parameter set resolved beforehand (`WoGGParameterSet.referenz(am:)`), e.g. once for
    /// a batch of households with the same Stichtag. The Stichtag of `household` is not looked at.
    public static func calculate(
        _ household: Household, parameters referenz: WoGGParameterSet.Referenz, trace mode: TraceMode = .full
    ) -> WohngeldResult {
        compute(household, CompiledParameters.embedded.set(referenz.index), mode)
    }

    /// Computes with an explicit parameter set (for tests and what-if calculations).
    public static func calculate(_ household: Household, parameters p: WoGGParameterSet) -> WohngeldResult {
        calculate(household, parameters: p, trace: .full)
    }

    /// Computes with an explicit parameter set, with or without the structured trace.
    public static func calculate(_ household: Household, parameters p: WoGGParameterSet, trace mode: TraceMode)
        -> WohngeldResult
    {
        if let problem = validate(household) { return invalid(problem) }
        return CompiledParameters.with(p) { computeValid(household, $0, mode) }
    }

    private static func invalid(_ problem: String) -> WohngeldResult {
        WohngeldResult(
            betrag: 0, status: .ungueltigeEingabe, reason: .text(problem), records: nil, skalierungsfaktor: .zero)
    }

    @inline(__always)
    static func compute(_ household: Household, _ p: CompiledParameters, _ mode: TraceMode) -> WohngeldResult {
        if let problem = validate(household) { return invalid(problem) }
        return computeValid(household, p, mode)
    }

    /// The calculation for validated input. With `.full` every step is written as a `TraceRecord` (step, value,
    /// member; 16 bytes) straight into the result's array, allocated once with the exact upper bound of steps;
    /// labels, norms and the reason text are constants attached when they are read.
    static func computeValid(_ household: Household, _ p: CompiledParameters, _ mode: TraceMode) -> WohngeldResult {
        // §§ 5–8: number of considered members; § 11 Abs. 3 for mixed households.
        var n = 0
        var freibetraege = 0
        for index in household.mitglieder.indices where household.mitglieder[index].status.istBeruecksichtigt {
            n += 1
            freibetraege &+= household.mitglieder[index].freibetraege.count
        }
        let outcome: Outcome
        let records: TraceStorage?
        if case .full = mode {
            // 32 fixed steps at most, 3 per considered member, 1 per Freibetrag (see formula).
            let capacity = 32 + 3 * n + freibetraege
            (records, outcome) = TraceStorage.make(capacity: capacity) { base in
                var sink = RecordingSink(base, capacity: capacity)
                let outcome = formula(household, n, p, &sink)
                return (sink.count, outcome)
            }
        } else {
            var sink = DiscardingSink()
            outcome = formula(household, n, p, &sink)
            records = nil
        }
        return WohngeldResult(
            betrag: outcome.betrag, status: outcome.status, reason: outcome.reason, records: records,
            skalierungsfaktor: p.skalierungsfaktor)
    }

    struct Outcome {
        var betrag: Int64
        var status: WohngeldResult.Status
        var reason: WohngeldResult.Reason
    }

    /// §§ 9–21 WoGG for `n` considered members, recording every step in `record`.
    @inline(__always)
    static func formula<Sink: TraceSink>(
        _ household: Household, _ n: Int, _ p: CompiledParameters, _ record: inout Sink
    )
        -> Outcome
    {
        let members = household.mitglieder
        let gesamt = members.count
        record(.haushaltsmitglieder, FixedDecimal(gesamt))
        record(.n, FixedDecimal(n))
        guard n > 0 else {
            return Outcome(
                betrag: 0, status: .keineZuBeruecksichtigendenMitglieder,
                reason: .keineZuBeruecksichtigendenMitglieder)
        }
        let mischhaushalt = n < gesamt
        // § 11 Abs. 3 with § 12 Abs. 1 ("vorbehaltlich des § 11 Abs. 3") WoGG: in mixed households M is
        // determined for all members and only the share of the considered members counts (reproduces BMWSB 2025
        // Beispiel 10). § 19 Abs. 3: for more than 12 considered members the Wohngeld is first computed as for 12
        // members (tables, a, b, c and minimums for 12; Länderhinweis zu WoGVwV Nr. 19.31, 2025), then increased.
        let nTabelle = mischhaushalt ? gesamt : min(n, 12)
        let nFormel = min(n, 12)

        // Miete / Belastung → M (§§ 9–12, Anlage 1, Anlage 3 Nr. 1).
        let wohnkosten: FixedDecimal
        switch household.wohnkosten {
        case .miete(let betrag):
            wohnkosten = betrag
            record(.wohnkostenMiete, betrag)
        case .belastung(let betrag):
            wohnkosten = betrag
            record(.wohnkostenBelastung, betrag)
        }
        record(.mietstufe, FixedDecimal(household.mietstufe))
        let hoechstbetrag = p.hoechstbetrag(mitglieder: nTabelle, mietstufe: household.mietstufe)
        record(.hoechstbetrag, hoechstbetrag)
        let klima = p.staffel(CompiledParameters.klima, fuer: nTabelle)
        record(.klimakomponente, klima)
        let begrenzt = min(wohnkosten, hoechstbetrag + klima)
        record(.wohnkostenBegrenzt, begrenzt)
        let entlastung = p.staffel(CompiledParameters.entlastung, fuer: nTabelle)
        record(.heizkostenentlastung, entlastung)
        let komponente = p.staffel(CompiledParameters.komponente, fuer: nTabelle)
        record(.heizkostenkomponente, komponente)
        var mRoh = begrenzt + entlastung + komponente
        record(.mVorMindestbetrag, mRoh)
        if mischhaushalt {
            mRoh = mRoh.scaled(by: n, over: gesamt)
            record(.mAnteil, mRoh)
        }
        let mindestM = p.mindestM(nFormel)
        record(.mindestM, mindestM)
        let m = max(mRoh, mindestM)
        record(.m, m)

        // Einkommen → Y (§§ 13–17, Anlage 3 Nr. 1).
        var summe = FixedDecimal.zero
        var freibetraege = FixedDecimal.zero
        for index in 0..<gesamt where members[index].status.istBeruecksichtigt {
            let einkuenfte = max(members[index].jahreseinkommen, .zero)
            record(.einkuenfte, einkuenfte, mitglied: index)
            let anteil = p.pauschalabzug(members[index].pauschalabzugKriterien)
            let abzug = einkuenfte * anteil
            record(.pauschalabzug, abzug, mitglied: index)
            let jahreseinkommen = einkuenfte - abzug
            record(.jahreseinkommen, jahreseinkommen, mitglied: index)
            summe += jahreseinkommen
            if members[index].freibetraege.isEmpty { continue }
            for freibetrag in members[index].freibetraege {
                switch freibetrag {
                case .schwerbehinderung:
                    freibetraege += p.freibetragSchwerbehinderung
                    record(.schwerbehinderung, p.freibetragSchwerbehinderung, mitglied: index)
                case .nsVerfolgung:
                    freibetraege += p.freibetragNSVerfolgung
                    record(.nsVerfolgung, p.freibetragNSVerfolgung, mitglied: index)
                case .erwerbseinnahmenKind(let einnahmen):
                    let betrag = min(max(einnahmen, .zero), p.hoechstFreibetragErwerbKind)
                    freibetraege += betrag
                    record(.erwerbseinnahmenKind, betrag, mitglied: index)
                case .grundrente(let rente):
                    // validate() guarantees a Regelbedarfsstufe 1 for the Stichtag.
                    let halberRegelbedarf = FixedDecimal(Regelbedarf.stufe1(jahr: household.stichtag.year) ?? 0)
                        .divided(by: 2)
                    let positiv = max(rente, .zero)
                    let sockel = min(positiv, 100)
                    let monatlich = min(
                        sockel + (positiv - sockel) * FixedDecimal(raw: 3_000_000_000), halberRegelbedarf)
                    let betrag = monatlich * 12
                    freibetraege += betrag
                    record(.grundrente, betrag, mitglied: index)
                }
            }
        }
        if household.alleinerziehend {
            freibetraege += p.freibetragAlleinerziehend
            record(.alleinerziehend, p.freibetragAlleinerziehend)
        }
        record(.summeJahreseinkommen, summe)
        record(.freibetraege, freibetraege)
        let gesamteinkommen = max(summe - freibetraege, .zero)
        record(.gesamteinkommen, gesamteinkommen)
        let monatlich = gesamteinkommen.divided(by: 12)
        record(.gesamteinkommenMonatlich, monatlich)
        let mindestY = p.mindestY(nFormel)
        record(.mindestY, mindestY)
        let y = max(monatlich, mindestY)
        record(.y, y)

        // § 19 Abs. 1 formula with the rounding of Anlage 3 Nr. 2 and 3.
        let a = p.a(nFormel)
        let b = p.b(nFormel)
        let c = p.c(nFormel)
        record(.a, a)
        record(.b, b)
        record(.c, c)
        let z1 = a + b * m + c * y
        record(.z1, z1)
        let z2 = z1 * y
        record(.z2, z2)
        let z3 = m - z2
        record(.z3, z3)
        let z4 = p.skalierungsfaktor * z3
        record(.z4, z4)
        var betrag = max(z4.roundedToEuros(), 0)
        record(.gerundet, FixedDecimal(Int(betrag)))
        let obergrenze = m.flooredToEuros()
        if betrag > obergrenze {
            betrag = obergrenze
            record(.begrenztAufM, FixedDecimal(Int(betrag)))
        }
        if n > 12, betrag > 0 {
            let zuschlag = p.zusatzbetragUeber12 * (n - 12)
            record(.zuschlagUeber12, zuschlag)
            betrag = min(betrag + zuschlag.roundedToEuros(), obergrenze)
            record(.nachZuschlag, FixedDecimal(Int(betrag)))
        }
        record(.bagatellgrenze, 10)

        if betrag <= 0 { return Outcome(betrag: 0, status: .keinBetragNachFormel, reason: .keinBetragNachFormel) }
        if betrag < 10 {
            return Outcome(betrag: 0, status: .unterBagatellgrenze, reason: .unterBagatellgrenze(betrag))
        }
        return Outcome(betrag: betrag, status: .anspruch, reason: .anspruch(betrag))
    }

    /// Input limits keep every intermediate value far inside the Int64 range of `FixedDecimal` (±922 337 203):
    /// with M ≤ 100 000 and yearly incomes ≤ 10 000 000 in total, z2 stays below 10^8.
    private static func validate(_ household: Household) -> String? {
        if !(1...7).contains(household.mietstufe) { return "Mietstufe muss zwischen 1 (I) und 7 (VII) liegen." }
        if household.wohnkosten.betrag < .zero { return "Miete oder Belastung darf nicht negativ sein." }
        if household.wohnkosten.betrag > 100_000 { return "Miete oder Belastung ist unplausibel hoch (> 100 000 €)." }
        if household.mitglieder.count > 100 { return "Zu viele Haushaltsmitglieder (> 100)." }
        let limit: FixedDecimal = 10_000_000
        return household.mitglieder.withUnsafeBufferPointer { members -> String? in
            var summe = FixedDecimal.zero
            var kindUnter18 = false
            for index in members.indices {
                let einkommen = members[index].jahreseinkommen
                if einkommen > limit { return "Jahreseinkommen ist unplausibel hoch (> 10 000 000 €)." }
                summe += max(einkommen, .zero)
                if summe > limit { return "Summe der Jahreseinkommen ist unplausibel hoch (> 10 000 000 €)." }
                if einkommen < -limit { return "Jahreseinkommen ist unplausibel niedrig." }
                if case .kind = members[index].rolle, (members[index].alter ?? 0) < 18 { kindUnter18 = true }
                if members[index].freibetraege.isEmpty { continue }
                for case .erwerbseinnahmenKind(let einnahmen) in members[index].freibetraege {
                    if let alter = members[index].alter, alter >= 25 {
                        return "Freibetrag nach § 17 Nr. 4 WoGG nur für Kinder unter 25 Jahren."
                    }
                    if einnahmen > limit { return "Erwerbseinnahmen sind unplausibel hoch." }
                }
                for case .grundrente(let rente) in members[index].freibetraege {
                    if Regelbedarf.stufe1(jahr: household.stichtag.year) == nil {
                        return "Für \(household.stichtag.year) ist keine Regelbedarfsstufe 1 (§ 17a WoGG) hinterlegt."
                    }
                    if rente > limit { return "Rente ist unplausibel hoch." }
                }
            }
            if household.alleinerziehend, !kindUnter18 {
                return "Freibetrag nach § 17 Nr. 3 WoGG setzt ein Kind unter 18 Jahren im Haushalt voraus."
            }
            return nil
        }
    }
}

/// Where `Wohngeld.formula` puts its steps.
protocol TraceSink {
    mutating func callAsFunction(_ step: TraceStep, _ value: FixedDecimal, mitglied: Int)
}

extension TraceSink {
    @inline(__always)
    mutating func callAsFunction(_ step: TraceStep, _ value: FixedDecimal) { self(step, value, mitglied: -1) }
}

/// Writes the records into preallocated storage (the result's array).
struct RecordingSink: TraceSink {
    let base: UnsafeMutablePointer<TraceRecord>
    let capacity: Int
    var count = 0

    @inline(__always)
    init(_ base: UnsafeMutablePointer<TraceRecord>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    @inline(__always)
    mutating func callAsFunction(_ step: TraceStep, _ value: FixedDecimal, mitglied: Int) {
        precondition(count < capacity, "trace capacity")
        (base + count).initialize(to: TraceRecord(step, value, mitglied: mitglied))
        count += 1
    }
}

/// Trace off.
struct DiscardingSink: TraceSink {
    @inline(__always)
    mutating func callAsFunction(_ step: TraceStep, _ value: FixedDecimal, mitglied: Int) {}
}
