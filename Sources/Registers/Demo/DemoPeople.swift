/// The fixed demo people and companies the demo and the browser tests use, always present beside
/// the generated population:
///
/// - Erika Mustermann, born 1964-08-12, Jena: married to Max, daughter Leonie; wage. Max draws a
///   reduced-earning-capacity pension.
/// - Anna Beispiel, born 1986-05-14, Erfurt, with daughter Lena: the example Wohngeld application.
/// - Helga Schmidt, born 1948-11-02, Weimar: widowed, old-age and survivor's pension.
/// - Thomas Müller, born 1975-06-15, twice (Erfurt and Gera): ambiguous without an address.
/// - Max Unbekannt, born 1990-01-01: in no register (`notFound`).
/// - Mustermann Software GmbH, HRB 501234, and Holzbau Keller e.K., HRA 502345, Amtsgericht Jena.
public enum DemoPeople {
    static func day(_ iso: String) -> RegisterDate { RegisterDate(iso)! }

    static let jena = (ars: "160530000000", ort: "Jena", behoerde: "Stadt Jena")
    static let erfurt = (ars: "160510000000", ort: "Erfurt", behoerde: "Stadt Erfurt")
    static let gera = (ars: "160520000000", ort: "Gera", behoerde: "Stadt Gera")
    static let weimar = (ars: "160550000000", ort: "Weimar", behoerde: "Stadt Weimar")
    static let ilmenau = (ars: "160700029029", ort: "Ilmenau", behoerde: "Stadt Ilmenau")

    /// Erika Mustermann, Jena: reference person of household H-DEMO-1, wage.
    public static let erika = ResidentRecord(
        id: IdentificationNumber.complete("5712804365"), familienname: "Mustermann", vornamen: "Erika",
        geburtsname: "Gabler", geburtsdatum: day("1964-08-12"), geburtsort: "Gera", geschlecht: "w",
        familienstand: "verheiratet", strasse: "Westbahnhofstraße", hausnummer: "8", plz: "07745", ort: jena.ort,
        ars: jena.ars, einzugsdatum: day("1999-04-01"), householdID: "H-DEMO-1", householdRole: .reference,
        meldebehoerde: jena.behoerde)

    /// Max Albert Mustermann, Erika's husband: reduced-earning-capacity pension.
    public static let maxMustermann = ResidentRecord(
        id: IdentificationNumber.complete("6234890153"), familienname: "Mustermann", vornamen: "Max Albert",
        geburtsdatum: day("1962-03-03"), geburtsort: "Jena", geschlecht: "m", familienstand: "verheiratet",
        strasse: "Westbahnhofstraße", hausnummer: "8", plz: "07745", ort: jena.ort, ars: jena.ars,
        einzugsdatum: day("1999-04-01"), householdID: "H-DEMO-1", householdRole: .partner,
        meldebehoerde: jena.behoerde)

    /// Leonie Mustermann, Erika's daughter.
    public static let leonie = ResidentRecord(
        id: IdentificationNumber.complete("7391028457"), familienname: "Mustermann", vornamen: "Leonie",
        geburtsdatum: day("2008-05-20"), geburtsort: "Jena", geschlecht: "w", familienstand: "ledig",
        strasse: "Westbahnhofstraße", hausnummer: "8", plz: "07745", ort: jena.ort, ars: jena.ars,
        einzugsdatum: day("2008-05-20"), householdID: "H-DEMO-1", householdRole: .child,
        meldebehoerde: jena.behoerde)

    /// Anna Beispiel, Erfurt: the example Wohngeld applicant, wage.
    public static let anna = ResidentRecord(
        id: IdentificationNumber.complete("4820157394"), familienname: "Beispiel", vornamen: "Anna",
        geburtsdatum: day("1986-05-14"), geburtsort: "Erfurt", geschlecht: "w", familienstand: "geschieden",
        strasse: "Lindenstraße", hausnummer: "12", plz: "99084", ort: erfurt.ort, ars: erfurt.ars,
        einzugsdatum: day("2021-04-01"), householdID: "H-DEMO-2", householdRole: .reference,
        meldebehoerde: erfurt.behoerde)

    /// Lena Beispiel, Anna's daughter.
    public static let lena = ResidentRecord(
        id: IdentificationNumber.complete("3158260471"), familienname: "Beispiel", vornamen: "Lena",
        geburtsdatum: day("2016-09-02"), geburtsort: "Erfurt", geschlecht: "w", familienstand: "ledig",
        strasse: "Lindenstraße", hausnummer: "12", plz: "99084", ort: erfurt.ort, ars: erfurt.ars,
        einzugsdatum: day("2021-04-01"), householdID: "H-DEMO-2", householdRole: .child,
        meldebehoerde: erfurt.behoerde)

    /// Helga Schmidt, Weimar: widowed, two pensions.
    public static let helga = ResidentRecord(
        id: IdentificationNumber.complete("9043718260"), familienname: "Schmidt", vornamen: "Helga Ingeborg",
        geburtsname: "Ehrhardt", geburtsdatum: day("1948-11-02"), geburtsort: "Apolda", geschlecht: "w",
        familienstand: "verwitwet", strasse: "Schillerstraße", hausnummer: "14", hausnummerzusatz: "a",
        plz: "99423", ort: weimar.ort, ars: weimar.ars, einzugsdatum: day("1976-10-01"), householdID: "H-DEMO-3",
        householdRole: .reference, meldebehoerde: weimar.behoerde)

    /// Thomas Müller in Erfurt (same name and birthday as `thomasGera`).
    public static let thomasErfurt = ResidentRecord(
        id: IdentificationNumber.complete("2906417352"), familienname: "Müller", vornamen: "Thomas",
        geburtsdatum: day("1975-06-15"), geburtsort: "Erfurt", geschlecht: "m", familienstand: "ledig",
        strasse: "Krämpferstraße", hausnummer: "5", plz: "99084", ort: erfurt.ort, ars: erfurt.ars,
        einzugsdatum: day("2010-02-01"), householdID: "H-DEMO-4", householdRole: .reference,
        meldebehoerde: erfurt.behoerde)

    /// Thomas Müller in Gera.
    public static let thomasGera = ResidentRecord(
        id: IdentificationNumber.complete("8160293741"), familienname: "Müller", vornamen: "Thomas",
        geburtsdatum: day("1975-06-15"), geburtsort: "Gera", geschlecht: "m", familienstand: "geschieden",
        strasse: "Sorge", hausnummer: "21", plz: "07545", ort: gera.ort, ars: gera.ars,
        einzugsdatum: day("2015-07-01"), householdID: "H-DEMO-5", householdRole: .reference,
        meldebehoerde: gera.behoerde)

    /// Every fixed resident.
    public static let residents = [erika, maxMustermann, leonie, anna, lena, helga, thomasErfurt, thomasGera]

    static func income(
        _ id: String, _ r: ResidentRecord, _ kind: IncomeKind, _ payer: String, _ pensionKind: String? = nil,
        cents: Int, since: String
    ) -> IncomeRecord {
        IncomeRecord(
            id: id, personID: r.id, familienname: r.familienname, vornamen: r.vornamen, geburtsdatum: r.geburtsdatum,
            kind: kind, payer: payer, pensionKind: pensionKind, monthlyGrossCents: cents, since: day(since))
    }

    static let drvMitte = "Deutsche Rentenversicherung Mitteldeutschland"

    /// The fixed people's incomes.
    public static let incomes: [IncomeRecord] = [
        income("I-DEMO-1", erika, .wage, "Saaletal Pflegedienst gGmbH", cents: 245_000, since: "2011-09-01"),
        income(
            "I-DEMO-2", maxMustermann, .pension, drvMitte, "erwerbsminderungsrente", cents: 112_000, since: "2019-07-01"
        ),
        income("I-DEMO-3", anna, .wage, "Mustermann Software GmbH", cents: 185_000, since: "2020-01-01"),
        income("I-DEMO-4", helga, .pension, drvMitte, "altersrente", cents: 134_000, since: "2013-12-01"),
        income(
            "I-DEMO-5", helga, .pension, "Deutsche Rentenversicherung Bund", "hinterbliebenenrente", cents: 61_000,
            since: "2017-03-01"),
        income("I-DEMO-6", thomasErfurt, .wage, "Bau Erfurt GmbH", cents: 320_000, since: "2004-08-01"),
        income("I-DEMO-7", thomasGera, .wage, "Stadtverwaltung Gera", cents: 289_000, since: "1998-09-01"),
    ]

    /// Mustermann Software GmbH, HRB 501234, Jena.
    public static let mustermannSoftware = CompanyRecord(
        id: "C-DEMO-1", firma: "Mustermann Software GmbH", rechtsform: "GmbH", registergericht: "Amtsgericht Jena",
        registernummer: "HRB 501234", sitz: jena.ort, sitzARS: jena.ars, strasse: "Leutragraben", hausnummer: "1",
        plz: "07743", ort: jena.ort, gegenstand: "Entwicklung und Vertrieb von Software sowie IT-Beratung",
        kapitalCents: 2_500_000, eintragungsdatum: day("2014-03-18"))

    /// Frank Keller Holzbau e.K., HRA 502345, Ilmenau.
    public static let holzbauKeller = CompanyRecord(
        id: "C-DEMO-2", firma: "Frank Keller Holzbau e.K.", rechtsform: "e.K.", registergericht: "Amtsgericht Jena",
        registernummer: "HRA 502345", sitz: ilmenau.ort, sitzARS: ilmenau.ars, strasse: "Am Ehrenberg",
        hausnummer: "3", plz: "98693", ort: ilmenau.ort,
        gegenstand: "Zimmerer- und Holzbauarbeiten sowie der Handel mit Bauholz", kapitalCents: nil,
        eintragungsdatum: day("2003-06-02"))

    /// The fixed companies' representatives.
    public static let officers: [CompanyOfficerRecord] = [
        CompanyOfficerRecord(
            companyID: "C-DEMO-1", position: 1, familienname: "Keller", vornamen: "Sandra",
            geburtsdatum: day("1979-02-11"), wohnort: "Jena", rolle: "Geschäftsführerin"),
        CompanyOfficerRecord(
            companyID: "C-DEMO-1", position: 2, familienname: "Mustermann", vornamen: "Erika",
            geburtsdatum: day("1964-08-12"), wohnort: "Jena", rolle: "Prokuristin"),
        CompanyOfficerRecord(
            companyID: "C-DEMO-2", position: 1, familienname: "Keller", vornamen: "Frank",
            geburtsdatum: day("1968-10-09"), wohnort: "Ilmenau", rolle: "Inhaber"),
    ]

    /// The fixed records.
    public static let dataset = DemoDataset(
        residents: residents, incomes: incomes, companies: [mustermannSoftware, holzbauKeller], officers: officers)

    /// Erika Mustermann's identity, as the applicant enters it.
    public static let erikaQuery = PersonQuery.identity(
        familienname: "Mustermann", vorname: "Erika", geburtsdatum: day("1964-08-12"))

    /// A person in no register.
    public static let notFound = PersonQuery.identity(
        familienname: "Unbekannt", vorname: "Max", geburtsdatum: day("1990-01-01"))

    /// Two residents match: Thomas Müller in Erfurt and in Gera.
    public static let ambiguous = PersonQuery.identity(
        familienname: "Müller", vorname: "Thomas", geburtsdatum: day("1975-06-15"))

    /// Mustermann Software GmbH.
    public static let companyQuery = OrganisationQuery(
        registergericht: "Amtsgericht Jena", registernummer: "HRB 501234")

    /// The register ids of the fixed people.
    public static var registerIDs: Set<String> { Set(residents.map(\.id)) }
}
