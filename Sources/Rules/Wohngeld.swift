/// Wohngeld nach dem Wohngeldgesetz (WoGG): monthly amount for one household, with a full trace.
public enum Wohngeld {
    /// Computes the monthly Wohngeld (§ 19 WoGG) for `household` with the parameter set in force on its Stichtag.
    public static func calculate(_ household: Household) -> WohngeldResult {
        guard let parameters = WoGGParameterSet.gueltig(am: household.stichtag) else {
            return WohngeldResult(
                betrag: 0, status: .keinParametersatz,
                begruendung:
                    "Für den Stichtag \(household.stichtag) ist kein Parametersatz hinterlegt (ab 2021-01-01).",
                trace: [])
        }
        return calculate(household, parameters: parameters)
    }

    /// Computes with an explicit parameter set (for tests and what-if calculations).
    public static func calculate(_ household: Household, parameters p: WoGGParameterSet) -> WohngeldResult {
        if let problem = validate(household) {
            return WohngeldResult(betrag: 0, status: .ungueltigeEingabe, begruendung: problem, trace: [])
        }
        var trace: [TraceEntry] = []
        trace.reserveCapacity(40 + 6 * household.mitglieder.count)

        // §§ 5–8: number of considered members; § 11 Abs. 3 for mixed households.
        let gesamt = household.mitglieder.count
        var n = 0
        for member in household.mitglieder where member.status.istBeruecksichtigt { n += 1 }
        trace.append(
            .init(
                key: "haushaltsmitglieder", label: "Haushaltsmitglieder insgesamt", value: FixedDecimal(gesamt),
                norm: "§ 5 WoGG"))
        trace.append(
            .init(
                key: "n", label: "Zu berücksichtigende Haushaltsmitglieder", value: FixedDecimal(n),
                norm: "§§ 4, 6–8 WoGG"))
        guard n > 0 else {
            return WohngeldResult(
                betrag: 0, status: .keineZuBeruecksichtigendenMitglieder,
                begruendung: "Kein Haushaltsmitglied ist zu berücksichtigen (§§ 7, 8 WoGG); kein Wohngeldanspruch.",
                trace: trace)
        }
        let mischhaushalt = n < gesamt
        // § 11 Abs. 3 with § 12 Abs. 1 ("vorbehaltlich des § 11 Abs. 3") WoGG: in mixed households M is determined for
        // all members and only the share of the considered members counts (reproduces BMWSB 2025 Beispiel 10).
        // § 19 Abs. 3: for more than 12 considered members the Wohngeld is first computed as for 12 members
        // (tables, a, b, c and minimums for 12; Länderhinweis zu WoGVwV Nr. 19.31, 2025), then increased.
        let nTabelle = mischhaushalt ? gesamt : min(n, 12)
        let nFormel = min(n, 12)

        // Miete / Belastung → M (§§ 9–12, Anlage 1, Anlage 3 Nr. 1).
        let istMiete: Bool
        if case .miete = household.wohnkosten { istMiete = true } else { istMiete = false }
        let wohnkosten = household.wohnkosten.betrag
        trace.append(
            .init(
                key: "wohnkosten", label: istMiete ? "Monatliche Bruttokaltmiete" : "Monatliche Belastung",
                value: wohnkosten, norm: istMiete ? "§ 9 WoGG" : "§ 10 WoGG"))
        trace.append(
            .init(
                key: "mietstufe", label: "Mietstufe", value: FixedDecimal(household.mietstufe),
                norm: "§ 12 Abs. 2 WoGG i. V. m. WoGV Anlage"))
        let hoechstbetrag = p.hoechstbetrag(mitglieder: nTabelle, mietstufe: household.mietstufe)
        trace.append(
            .init(
                key: "hoechstbetrag", label: "Höchstbetrag für Miete oder Belastung", value: hoechstbetrag,
                norm: "§ 12 Abs. 1 WoGG i. V. m. Anlage 1"))
        let klima = p.klimakomponente?.betrag(fuer: nTabelle) ?? .zero
        trace.append(
            .init(
                key: "klimakomponente", label: "Erhöhung des Höchstbetrags (Klimakomponente)", value: klima,
                norm: "§ 12 Abs. 7 WoGG"))
        let begrenzt = min(wohnkosten, hoechstbetrag + klima)
        trace.append(
            .init(
                key: "wohnkostenBegrenzt",
                label: "Berücksichtigte Miete/Belastung bis zu Höchstbetrag + Klimakomponente", value: begrenzt,
                norm: "§ 11 Abs. 1 Satz 1 Nr. 1 WoGG"))
        let entlastung = p.heizkostenentlastung?.betrag(fuer: nTabelle) ?? .zero
        trace.append(
            .init(
                key: "heizkostenentlastung", label: "Betrag zur Entlastung bei den Heizkosten (CO2-Bepreisung)",
                value: entlastung, norm: "§ 12 Abs. 6 WoGG"))
        let komponente = p.heizkostenkomponente?.betrag(fuer: nTabelle) ?? .zero
        trace.append(
            .init(
                key: "heizkostenkomponente", label: "Dauerhafte Heizkostenkomponente", value: komponente,
                norm: "§ 12 Abs. 6 WoGG"))
        var mRoh = begrenzt + entlastung + komponente
        trace.append(
            .init(
                key: "mVorMindestbetrag", label: "Zu berücksichtigende Miete/Belastung vor Mindestbetrag", value: mRoh,
                norm: "§ 11 Abs. 1 Satz 1 Nr. 1 und 2 WoGG"))
        if mischhaushalt {
            mRoh = mRoh.scaled(by: n, over: gesamt)
            trace.append(
                .init(
                    key: "mAnteil", label: "Anteil der zu berücksichtigenden Haushaltsmitglieder (n / Haushaltsgröße)",
                    value: mRoh, norm: "§ 11 Abs. 3, § 12 Abs. 1 WoGG (Mischhaushalt)"))
        }
        let mindestM = p.mindestM[nFormel - 1]
        trace.append(
            .init(
                key: "mindestM", label: "Mindestbetrag für M", value: mindestM,
                norm: "§ 19 Abs. 2 WoGG i. V. m. Anlage 3 Nr. 1"))
        let m = max(mRoh, mindestM)
        trace.append(
            .init(
                key: "M", label: "M – zu berücksichtigende monatliche Miete oder Belastung", value: m,
                norm: "§ 19 Abs. 1, Anlage 3 Nr. 1 WoGG"))

        // Einkommen → Y (§§ 13–17, Anlage 3 Nr. 1).
        var summe = FixedDecimal.zero
        var freibetraege = FixedDecimal.zero
        for (index, member) in household.mitglieder.enumerated() where member.status.istBeruecksichtigt {
            let einkuenfte = max(member.jahreseinkommen, .zero)
            trace.append(
                .init(
                    key: "einkommen.einkuenfte", label: "Positive Einkünfte (jährlich)", value: einkuenfte,
                    norm: "§ 14 WoGG", mitglied: index))
            let anteil = p.pauschalabzug[member.pauschalabzugKriterien]
            let abzug = einkuenfte * anteil
            trace.append(
                .init(
                    key: "einkommen.pauschalabzug", label: "Pauschaler Abzug (je 10 % für Steuern, KV/PV, RV)",
                    value: abzug, norm: "§ 16 Satz 1 WoGG", mitglied: index))
            let jahreseinkommen = einkuenfte - abzug
            trace.append(
                .init(
                    key: "einkommen.jahreseinkommen", label: "Jahreseinkommen", value: jahreseinkommen,
                    norm: "§ 14 Abs. 1, § 16 WoGG", mitglied: index))
            summe += jahreseinkommen
            for freibetrag in member.freibetraege {
                switch freibetrag {
                case .schwerbehinderung:
                    freibetraege += p.freibetragSchwerbehinderung
                    trace.append(
                        .init(
                            key: "freibetrag.schwerbehinderung", label: "Freibetrag für schwerbehinderte Menschen",
                            value: p.freibetragSchwerbehinderung, norm: "§ 17 Nr. 1 WoGG", mitglied: index))
                case .nsVerfolgung:
                    freibetraege += p.freibetragNSVerfolgung
                    trace.append(
                        .init(
                            key: "freibetrag.nsVerfolgung", label: "Freibetrag für Opfer der NS-Verfolgung",
                            value: p.freibetragNSVerfolgung, norm: "§ 17 Nr. 2 WoGG", mitglied: index))
                case .erwerbseinnahmenKind(let einnahmen):
                    let betrag = min(max(einnahmen, .zero), p.hoechstFreibetragErwerbKind)
                    freibetraege += betrag
                    trace.append(
                        .init(
                            key: "freibetrag.erwerbseinnahmenKind",
                            label: "Freibetrag für Erwerbseinnahmen eines Kindes unter 25", value: betrag,
                            norm: "§ 17 Nr. 4 WoGG", mitglied: index))
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
                    trace.append(
                        .init(
                            key: "freibetrag.grundrente", label: "Grundrentenfreibetrag (jährlich)", value: betrag,
                            norm: "§ 17a WoGG i. V. m. Regelbedarfsstufe 1", mitglied: index))
                }
            }
        }
        if household.alleinerziehend {
            freibetraege += p.freibetragAlleinerziehend
            trace.append(
                .init(
                    key: "freibetrag.alleinerziehend", label: "Freibetrag für Alleinerziehende",
                    value: p.freibetragAlleinerziehend, norm: "§ 17 Nr. 3 WoGG"))
        }
        trace.append(
            .init(
                key: "summeJahreseinkommen", label: "Summe der Jahreseinkommen", value: summe, norm: "§ 13 Abs. 1 WoGG")
        )
        trace.append(
            .init(
                key: "freibetraege", label: "Summe der Freibeträge", value: freibetraege,
                norm: "§ 13 Abs. 1, §§ 17, 17a WoGG"
            ))
        let gesamteinkommen = max(summe - freibetraege, .zero)
        trace.append(
            .init(
                key: "gesamteinkommen", label: "Gesamteinkommen (jährlich)", value: gesamteinkommen,
                norm: "§ 13 Abs. 1 WoGG"))
        let monatlich = gesamteinkommen.divided(by: 12)
        trace.append(
            .init(
                key: "gesamteinkommenMonatlich", label: "Monatliches Gesamteinkommen (1/12)", value: monatlich,
                norm: "§ 13 Abs. 2 WoGG"))
        let mindestY = p.mindestY[nFormel - 1]
        trace.append(
            .init(
                key: "mindestY", label: "Mindestbetrag für Y", value: mindestY,
                norm: "§ 19 Abs. 2 WoGG i. V. m. Anlage 3 Nr. 1"))
        let y = max(monatlich, mindestY)
        trace.append(
            .init(
                key: "Y", label: "Y – monatliches Gesamteinkommen", value: y, norm: "§ 19 Abs. 1, Anlage 3 Nr. 1 WoGG"))

        // § 19 Abs. 1 formula with the rounding of Anlage 3 Nr. 2 and 3.
        let k = p.koeffizienten[nFormel - 1]
        trace.append(.init(key: "a", label: "Koeffizient a", value: k.a, norm: "§ 19 Abs. 1 WoGG i. V. m. Anlage 2"))
        trace.append(.init(key: "b", label: "Koeffizient b", value: k.b, norm: "§ 19 Abs. 1 WoGG i. V. m. Anlage 2"))
        trace.append(.init(key: "c", label: "Koeffizient c", value: k.c, norm: "§ 19 Abs. 1 WoGG i. V. m. Anlage 2"))
        let z1 = k.a + k.b * m + k.c * y
        trace.append(.init(key: "z1", label: "z1 = a + b · M + c · Y", value: z1, norm: "Anlage 3 Nr. 2 WoGG"))
        let z2 = z1 * y
        trace.append(.init(key: "z2", label: "z2 = z1 · Y", value: z2, norm: "Anlage 3 Nr. 2 WoGG"))
        let z3 = m - z2
        trace.append(.init(key: "z3", label: "z3 = M − z2", value: z3, norm: "Anlage 3 Nr. 2 WoGG"))
        let z4 = p.skalierungsfaktor * z3
        trace.append(
            .init(
                key: "z4", label: "z4 = \(p.skalierungsfaktor) · z3 (ungerundetes Wohngeld)", value: z4,
                norm: "§ 19 Abs. 1 WoGG, Anlage 3 Nr. 2"))
        var betrag = max(z4.roundedToEuros(), 0)
        trace.append(
            .init(
                key: "gerundet", label: "Auf volle Euro gerundetes Wohngeld", value: FixedDecimal(Int(betrag)),
                norm: "Anlage 3 Nr. 3 WoGG"))
        let obergrenze = m.flooredToEuros()
        if betrag > obergrenze {
            betrag = obergrenze
            trace.append(
                .init(
                    key: "begrenztAufM", label: "Begrenzung auf M (volle Euro)", value: FixedDecimal(Int(betrag)),
                    norm: "§ 19 WoGG (Wohngeld höchstens M; Verwaltungspraxis)"))
        }
        if n > 12, betrag > 0 {
            let zuschlag = p.zusatzbetragUeber12 * (n - 12)
            trace.append(
                .init(
                    key: "zuschlagUeber12", label: "Erhöhung für das 13. und jedes weitere Haushaltsmitglied",
                    value: zuschlag, norm: "§ 19 Abs. 3 WoGG"))
            betrag = min(betrag + zuschlag.roundedToEuros(), obergrenze)
            trace.append(
                .init(
                    key: "nachZuschlag", label: "Wohngeld nach Erhöhung, höchstens M", value: FixedDecimal(Int(betrag)),
                    norm: "§ 19 Abs. 3 WoGG"))
        }
        trace.append(.init(key: "bagatellgrenze", label: "Bagatellgrenze", value: 10, norm: "§ 21 Nr. 1 WoGG"))

        if betrag <= 0 {
            return WohngeldResult(
                betrag: 0, status: .keinBetragNachFormel,
                begruendung: "Nach der Formel des § 19 WoGG ergibt sich kein Wohngeld.", trace: trace)
        }
        if betrag < 10 {
            return WohngeldResult(
                betrag: 0, status: .unterBagatellgrenze,
                begruendung: "Das Wohngeld würde \(betrag) € und damit weniger als 10 € monatlich betragen; "
                    + "ein Anspruch besteht nicht (§ 21 Nr. 1 WoGG).",
                trace: trace)
        }
        return WohngeldResult(
            betrag: betrag, status: .anspruch,
            begruendung: "Monatliches Wohngeld: \(betrag) € (§ 19 WoGG).", trace: trace)
    }

    /// Input limits keep every intermediate value far inside the Int64 range of `FixedDecimal` (±922 337 203):
    /// with M ≤ 100 000 and yearly incomes ≤ 10 000 000 in total, z2 stays below 10^8.
    private static func validate(_ household: Household) -> String? {
        if !(1...7).contains(household.mietstufe) { return "Mietstufe muss zwischen 1 (I) und 7 (VII) liegen." }
        if household.wohnkosten.betrag < .zero { return "Miete oder Belastung darf nicht negativ sein." }
        if household.wohnkosten.betrag > 100_000 { return "Miete oder Belastung ist unplausibel hoch (> 100 000 €)." }
        if household.mitglieder.count > 100 { return "Zu viele Haushaltsmitglieder (> 100)." }
        let limit: FixedDecimal = 10_000_000
        var summe = FixedDecimal.zero
        for member in household.mitglieder {
            if member.jahreseinkommen > limit { return "Jahreseinkommen ist unplausibel hoch (> 10 000 000 €)." }
            summe += max(member.jahreseinkommen, .zero)
            if summe > limit { return "Summe der Jahreseinkommen ist unplausibel hoch (> 10 000 000 €)." }
            if member.jahreseinkommen < -limit { return "Jahreseinkommen ist unplausibel niedrig." }
            for case .erwerbseinnahmenKind(let einnahmen) in member.freibetraege {
                if let alter = member.alter, alter >= 25 {
                    return "Freibetrag nach § 17 Nr. 4 WoGG nur für Kinder unter 25 Jahren."
                }
                if einnahmen > limit { return "Erwerbseinnahmen sind unplausibel hoch." }
            }
            for case .grundrente(let rente) in member.freibetraege {
                if Regelbedarf.stufe1(jahr: household.stichtag.year) == nil {
                    return "Für \(household.stichtag.year) ist keine Regelbedarfsstufe 1 (§ 17a WoGG) hinterlegt."
                }
                if rente > limit { return "Rente ist unplausibel hoch." }
            }
        }
        if household.alleinerziehend,
            !household.mitglieder.contains(where: {
                $0.rolle == .kind && ($0.alter ?? 0) < 18
            })
        {
            return "Freibetrag nach § 17 Nr. 3 WoGG setzt ein Kind unter 18 Jahren im Haushalt voraus."
        }
        return nil
    }
}
