/// Realistic sample notices for demos, tests and the benchmark.
public enum DemoNotices {
    /// A Wohngeld approval of about two pages with a 15-row calculation table.
    public static func wohngeld(noticeNumber: String = "WG-2025-000123") -> NoticeDocument {
        NoticeDocument(
            authorityName: "Stadtverwaltung Erfurt – Wohngeldbehörde",
            authorityAddress: ["Amt für Soziales", "Juri-Gagarin-Ring 150", "99084 Erfurt"],
            addressee: ["Frau Jördis Müller-Lüdenscheidt", "Äußere Straße 12 b", "99085 Erfurt"],
            date: "14. März 2025",
            reference: "50.3-WG-4711/2025",
            noticeNumber: noticeNumber,
            title: "Bescheid über Wohngeld (Mietzuschuss)",
            operativePart: [
                "Sehr geehrte Frau Müller-Lüdenscheidt,",
                "auf Ihren Antrag vom 3. Februar 2025 wird Ihnen für die Zeit vom 1. Februar 2025 bis zum "
                    + "31. Januar 2026 Wohngeld in Form eines Mietzuschusses in Höhe von monatlich 287 Euro "
                    + "bewilligt.",
                "Das Wohngeld wird monatlich im Voraus auf das von Ihnen angegebene Konto überwiesen. Die "
                    + "Nachzahlung für Februar und März 2025 in Höhe von 574 Euro wird gesondert angewiesen.",
            ],
            reasons: [
                "Sie haben nach § 3 Absatz 1 des Wohngeldgesetzes (WoGG) als Mieterin einer Wohnung Anspruch "
                    + "auf Wohngeld. Zu Ihrem Haushalt gehören nach §§ 5 und 6 WoGG zwei Haushaltsmitglieder, die "
                    + "bei der Berechnung zu berücksichtigen sind.",
                "Die zu berücksichtigende Miete wurde nach § 9 WoGG ermittelt und ist nach § 12 WoGG durch "
                    + "den Höchstbetrag für die Mietenstufe III der Stadt Erfurt begrenzt. Hinzu kommen die "
                    + "Entlastung bei den Heizkosten und die Klimakomponente.",
                "Das Gesamteinkommen wurde nach den §§ 13 bis 18 WoGG aus den Jahreseinkommen der "
                    + "berücksichtigten Haushaltsmitglieder ermittelt. Von den Einkünften wurden die pauschalen "
                    + "Abzüge nach § 16 WoGG und der Freibetrag für Alleinerziehende nach § 17 Nummer 3 WoGG "
                    + "abgesetzt.",
                "Die Höhe des Wohngeldes ergibt sich aus der Formel nach § 19 Absatz 1 WoGG in Verbindung mit "
                    + "Anlage 2 WoGG. Die Einzelheiten der Berechnung entnehmen Sie bitte der folgenden Übersicht. "
                    + "Änderungen Ihrer Verhältnisse – insbesondere Ein- und Auszüge, Einkommens- und "
                    + "Mietänderungen – teilen Sie uns bitte unverzüglich mit (§ 27 WoGG). Prüfzeichen: "
                    + "ä ö ü ß Ä Ö Ü.",
            ],
            calculation: [
                CalculationRow(
                    label: "Zahl der zu berücksichtigenden Haushaltsmitglieder", norm: "§§ 5, 6 WoGG", value: "2"),
                CalculationRow(label: "Mietenstufe der Gemeinde", norm: "§ 12 Abs. 2 WoGG, WoGV", value: "III"),
                CalculationRow(label: "Bruttokaltmiete laut Mietvertrag", norm: "§ 9 WoGG", value: "612,00 €"),
                CalculationRow(
                    label: "Höchstbetrag für Miete und Belastung", norm: "§ 12 Abs. 1 WoGG", value: "558,00 €"),
                CalculationRow(label: "Klimakomponente", norm: "§ 12 Abs. 7 WoGG", value: "23,00 €"),
                CalculationRow(label: "Entlastung bei den Heizkosten", norm: "§ 12 Abs. 6 WoGG", value: "26,00 €"),
                CalculationRow(label: "Zu berücksichtigende Miete (M)", norm: "§ 11 WoGG", value: "607,00 €"),
                CalculationRow(label: "Jahreseinkommen Antragstellerin", norm: "§ 14 WoGG", value: "21.840,00 €"),
                CalculationRow(label: "Pauschaler Abzug (20 %)", norm: "§ 16 Abs. 1 WoGG", value: "− 4.368,00 €"),
                CalculationRow(
                    label: "Freibetrag für Alleinerziehende", norm: "§ 17 Nr. 3 WoGG", value: "− 1.320,00 €"),
                CalculationRow(label: "Jährliches Gesamteinkommen", norm: "§ 13 WoGG", value: "16.152,00 €"),
                CalculationRow(label: "Monatliches Gesamteinkommen (Y)", norm: "§ 13 Abs. 1 WoGG", value: "1.346,00 €"),
                CalculationRow(
                    label: "Rechenwert nach der Wohngeldformel", norm: "§ 19 Abs. 1, Anlage 2 WoGG", value: "286,73 €"),
                CalculationRow(
                    label: "Gerundeter monatlicher Wohngeldbetrag", norm: "§ 19 Abs. 2 WoGG", value: "287,00 €"),
                CalculationRow(label: "Bewilligungszeitraum (Monate)", norm: "§ 25 Abs. 1 WoGG", value: "12"),
            ],
            legalRemedy: "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben "
                + "werden. Der Widerspruch ist schriftlich, in elektronischer Form nach § 3a Absatz 2 des "
                + "Verwaltungsverfahrensgesetzes oder zur Niederschrift bei der Stadtverwaltung Erfurt, Amt für "
                + "Soziales, Juri-Gagarin-Ring 150, 99084 Erfurt, einzulegen. Die Schriftform kann auch durch "
                + "Übermittlung eines elektronischen Dokuments mit qualifizierter elektronischer Signatur oder "
                + "über das Servicekonto des Portals ersetzt werden.",
            contact: [
                "Auskunft erteilt: Herr Özdemir", "Zimmer 2.14", "Telefon 0361 655-4711", "wohngeld@erfurt.example",
            ],
            issuingAuthority: "Stadtverwaltung Erfurt, Amt für Soziales – Wohngeldbehörde")
    }
}
