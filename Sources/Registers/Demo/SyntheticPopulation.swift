import Foundation

/// Generates a synthetic, plausible population of Thuringia for the demo registers: residents in
/// households (singles, couples, families, single parents, three generations) at addresses in real
/// municipalities, their wages and pensions, and companies in the trade register. Deterministic: the
/// same seed and inputs give the same records on every platform (own random source, no system
/// randomness). Names follow the birth cohort; no record matches a fixed `DemoPeople` identity.
public enum SyntheticPopulation {
    /// Generates `households` households and `companies` companies as of `referenceDate`, in
    /// `municipalities` (weighted by population; see `Municipality.load`). Register ids are valid
    /// IdNrs distinct from `DemoPeople`'s.
    public static func generate(
        seed: UInt64, municipalities: [Municipality], households: Int = 400, companies: Int = 60,
        referenceDate: RegisterDate = RegisterDate(year: 2026, month: 3, day: 1)!
    ) -> DemoDataset {
        guard !municipalities.isEmpty else { return DemoDataset() }
        var g = Generator(seed: seed, municipalities: municipalities, today: referenceDate)
        var data = DemoDataset()
        for n in 0..<max(companies, 0) { g.company(n + 1, into: &data) }
        for n in 0..<max(households, 0) { g.household(n + 1, into: &data) }
        g.incomes(into: &data)
        return data
    }

    /// The fixed demo people and a generated population together, as the server seeds its tables.
    public static func demoDataset(
        seed: UInt64, municipalities: [Municipality], households: Int = 400, companies: Int = 60,
        referenceDate: RegisterDate = RegisterDate(year: 2026, month: 3, day: 1)!
    ) -> DemoDataset {
        DemoPeople.dataset.merged(
            with: generate(
                seed: seed, municipalities: municipalities, households: households, companies: companies,
                referenceDate: referenceDate))
    }
}

private struct Generator {
    var rng: DemoRandom
    let places: [Municipality]
    let weights: [Int]
    let today: RegisterDate
    var usedIDs: Set<String> = DemoPeople.registerIDs
    var reservedIdentities: Set<String>
    var usedFirmen: Set<String> = Set(DemoPeople.dataset.companies.map(\.firma))
    var nextHRB = 503_000
    var nextHRA = 503_000
    var employers: [String] = []

    init(seed: UInt64, municipalities: [Municipality], today: RegisterDate) {
        rng = DemoRandom(seed: seed)
        places = municipalities
        weights = municipalities.map { max($0.population, 1) }
        self.today = today
        reservedIdentities = Set(
            DemoPeople.residents.map { "\($0.familiennameFolded)|\($0.geburtsdatum)" } + ["unbekannt|1990-01-01"])
    }

    mutating func place() -> Municipality { places[rng.weighted(weights)] }

    mutating func birthDate(age: Int) -> RegisterDate {
        // Between the birthday that makes `age` today and the day before the next one.
        let latest = today.adding(years: -age)
        return latest.adding(days: -rng.below(365))
    }

    mutating func firstNames(female: Bool, born: RegisterDate) -> String {
        let list = (female ? NameLists.female : NameLists.male)[NameLists.cohort(born.year)]
        let first = rng.pick(list)
        if rng.chance(0.3) {
            let second = rng.pick(list)
            if second != first { return "\(first) \(second)" }
        }
        return first
    }

    mutating func idNr() -> String {
        while true {
            let id = IdentificationNumber.random(&rng)
            if usedIDs.insert(id).inserted { return id }
        }
    }

    mutating func birthplace(home: Municipality) -> String {
        let x = rng.unit()
        if x < 0.25 { return home.name }
        if x < 0.8 { return place().name }
        return rng.pick(NameLists.otherBirthplaces)
    }

    // MARK: Households

    struct Member {
        var female: Bool
        var age: Int
        var role: HouseholdRole
        var familienstand: String
        var familienname: String
        var geburtsname: String?
    }

    mutating func household(_ n: Int, into data: inout DemoDataset) {
        let home = place()
        let street = rng.pick(NameLists.streets)
        let number = String(rng.chance(0.7) ? rng.int(1...40) : rng.int(41...160))
        let suffix: String? = rng.chance(0.08) ? rng.pick(["a", "b", "c"]) : nil
        let plz = rng.pick(home.postcodes)
        let householdID = "H" + pad(n, 6)
        let surname = rng.pick(NameLists.family)
        var members: [Member] = []
        switch rng.weighted([38, 30, 20, 7, 5]) {
        case 0:  // one person
            let age = singleAge()
            let stand =
                age >= 72 && rng.chance(0.55)
                ? "verwitwet" : age >= 35 && rng.chance(0.3) ? "geschieden" : "ledig"
            members.append(
                Member(
                    female: rng.chance(age >= 72 ? 0.7 : 0.48), age: age, role: .reference, familienstand: stand,
                    familienname: surname))
        case 1:  // couple without children at home
            let age = rng.int(22...88)
            couple(age: age, surname: surname, into: &members)
        case 2:  // couple with children
            let age = rng.int(26...54)
            couple(age: age, surname: surname, into: &members)
            children(
                count: 1 + rng.weighted([45, 40, 15]), parentAge: min(age, members[1].age), surname: surname,
                into: &members)
        case 3:  // single parent
            let age = rng.int(22...52)
            let female = rng.chance(0.85)
            members.append(
                Member(
                    female: female, age: age, role: .reference,
                    familienstand: rng.chance(0.5) ? "geschieden" : "ledig", familienname: surname))
            children(count: rng.int(1...2), parentAge: age, surname: surname, into: &members)
        default:  // three generations: a couple or single adult with a parent
            let age = rng.int(42...60)
            couple(age: age, surname: surname, into: &members)
            members.append(
                Member(
                    female: rng.chance(0.75), age: min(age + rng.int(22...32), 98), role: .other,
                    familienstand: "verwitwet", familienname: rng.chance(0.5) ? surname : rng.pick(NameLists.family)))
        }
        let movedIn = rng.day(
            from: max(RegisterDate(year: 1990, month: 10, day: 3)!, today.adding(years: -(members[0].age - 18))),
            to: today.adding(days: -30))
        for m in members {
            var born = birthDate(age: m.age)
            var first = firstNames(female: m.female, born: born)
            while reservedIdentities.contains("\(Folding.fold(m.familienname))|\(born)") {
                born = born.adding(days: 1)
                first = firstNames(female: m.female, born: born)
            }
            data.residents.append(
                ResidentRecord(
                    id: idNr(), familienname: m.familienname, vornamen: first, geburtsname: m.geburtsname,
                    geburtsdatum: born, geburtsort: birthplace(home: home), geschlecht: m.female ? "w" : "m",
                    familienstand: m.familienstand, strasse: street, hausnummer: number, hausnummerzusatz: suffix,
                    plz: plz, ort: home.name, ars: home.ars, einzugsdatum: max(movedIn, born),
                    householdID: householdID, householdRole: m.role, meldebehoerde: home.meldebehoerde))
        }
    }

    mutating func singleAge() -> Int {
        let bands = [(19, 29), (30, 39), (40, 49), (50, 59), (60, 69), (70, 79), (80, 94)]
        let band = bands[rng.weighted([14, 10, 10, 14, 16, 18, 18])]
        return rng.int(band.0...band.1)
    }

    mutating func couple(age: Int, surname: String, into members: inout [Member]) {
        let female = rng.chance(0.5)
        let sameSex = rng.chance(0.04)
        let partnerAge = min(max(age + rng.int(-6...6), 19), 98)
        let married = rng.chance(age >= 40 ? 0.8 : 0.5)
        let stand = married ? "verheiratet" : "ledig"
        members.append(Member(female: female, age: age, role: .reference, familienstand: stand, familienname: surname))
        var partnerName = surname
        var birthName: String? = nil
        if married {
            if rng.chance(0.12) {
                partnerName = rng.pick(NameLists.family)
            } else {
                birthName = rng.pick(NameLists.family)
            }
        } else {
            partnerName = rng.pick(NameLists.family)
        }
        members.append(
            Member(
                female: sameSex ? female : !female, age: partnerAge, role: .partner, familienstand: stand,
                familienname: partnerName, geburtsname: birthName == partnerName ? nil : birthName))
    }

    mutating func children(count: Int, parentAge: Int, surname: String, into members: inout [Member]) {
        let oldest = min(parentAge - 19, 24)
        guard oldest >= 0 else { return }
        for _ in 0..<count {
            members.append(
                Member(
                    female: rng.chance(0.49), age: rng.int(0...oldest), role: .child, familienstand: "ledig",
                    familienname: surname))
        }
    }

    // MARK: Incomes

    mutating func incomes(into data: inout DemoDataset) {
        var n = 0
        func record(
            _ r: ResidentRecord, _ kind: IncomeKind, _ payer: String, _ pensionKind: String?, _ cents: Int,
            _ since: RegisterDate
        ) -> IncomeRecord {
            n += 1
            return IncomeRecord(
                id: "I" + pad(n, 7), personID: r.id, familienname: r.familienname, vornamen: r.vornamen,
                geburtsdatum: r.geburtsdatum, kind: kind, payer: payer, pensionKind: pensionKind,
                monthlyGrossCents: cents, since: since)
        }
        for r in data.residents {
            let age = r.geburtsdatum.age(on: today)
            let adult = today.adding(years: -max(age - 18, 0))
            let working = RegisterDate(year: max(adult.year, today.year - 30), month: adult.month, day: 1) ?? adult
            if age >= 16 && age < 18 && r.householdRole == .child {
                if rng.chance(0.25) {
                    data.incomes.append(
                        record(
                            r, .wage, employer(near: r), nil, rng.int(85_000...115_000),
                            since(r, from: today.adding(years: -1))))
                }
                continue
            }
            guard age >= 18 else { continue }
            if age >= 66 || (age >= 63 && rng.chance(0.4)) {
                let start =
                    age >= 66
                    ? today.adding(years: -(age - 65)).adding(days: -rng.below(200))
                    : today.adding(days: -rng.int(30...700))
                data.incomes.append(
                    record(r, .pension, insurer(), "altersrente", rng.int(85_000...205_000), monthStart(start)))
                if r.familienstand == "verwitwet" {
                    let widowed = rng.day(from: start, to: today.adding(days: -60))
                    data.incomes.append(
                        record(
                            r, .pension, insurer(), "hinterbliebenenrente", rng.int(38_000...92_000),
                            monthStart(widowed)))
                }
                continue
            }
            if r.householdRole == .child && age < 25 && rng.chance(0.6) {
                // In school, training or studies: perhaps a student job.
                if rng.chance(0.3) {
                    data.incomes.append(
                        record(r, .wage, employer(near: r), nil, rng.int(30_000...60_300), since(r, from: working)))
                }
                continue
            }
            if rng.chance(0.8) {
                let cents: Int
                switch rng.weighted([70, 20, 10]) {
                case 0: cents = 230_000 + Int(rng.unit() * rng.unit() * 380_000)
                case 1: cents = rng.int(120_000...260_000)
                default: cents = rng.chance(0.5) ? 60_300 : rng.int(25_000...60_300)
                }
                data.incomes.append(record(r, .wage, employer(near: r), nil, cents, since(r, from: working)))
                if rng.chance(0.05) {
                    data.incomes.append(
                        record(r, .wage, employer(near: r), nil, rng.int(20_000...60_300), since(r, from: working)))
                }
            } else if age >= 30 && rng.chance(0.12) {
                data.incomes.append(
                    record(
                        r, .pension, insurer(), "erwerbsminderungsrente", rng.int(70_000...145_000),
                        since(r, from: today.adding(years: -10))))
            }
        }
    }

    mutating func since(_ r: ResidentRecord, from: RegisterDate) -> RegisterDate {
        let earliest = max(from, r.geburtsdatum.adding(years: 15))
        let latest = today.adding(days: -31)
        return monthStart(rng.day(from: min(earliest, latest), to: latest))
    }

    func monthStart(_ d: RegisterDate) -> RegisterDate { RegisterDate(year: d.year, month: d.month, day: 1)! }

    mutating func insurer() -> String {
        [
            "Deutsche Rentenversicherung Mitteldeutschland", "Deutsche Rentenversicherung Bund",
            "Deutsche Rentenversicherung Knappschaft-Bahn-See",
        ][rng.weighted([75, 20, 5])]
    }

    mutating func employer(near r: ResidentRecord) -> String {
        let x = rng.unit()
        if x < 0.12 { return "Freistaat Thüringen" }
        if x < 0.2, let home = places.first(where: { $0.ars == r.ars }) {
            return home.kind == "Kreisangehörige Gemeinde"
                ? "Landratsamt \(home.kreis)" : "Stadtverwaltung \(home.name)"
        }
        if !employers.isEmpty && x < 0.85 { return rng.pick(employers) }
        let home = places.first(where: { $0.ars == r.ars }) ?? place()
        return "\(rng.pick(NameLists.branches).name) \(home.name) GmbH"
    }

    // MARK: Companies

    mutating func company(_ n: Int, into data: inout DemoDataset) {
        let seat = place()
        let branch = rng.pick(NameLists.branches)
        let owner = rng.pick(NameLists.family)
        let form = ["GmbH", "UG (haftungsbeschränkt)", "AG", "e.K.", "OHG", "KG", "GmbH & Co. KG"][
            rng.weighted([58, 10, 2, 12, 4, 4, 10])]
        let id = "C" + pad(n, 5)
        var officers: [(String, String?, RegisterDate?, String, String)] = []
        func person(_ role: String, surname: String? = nil, first: String? = nil) -> (
            String, String?, RegisterDate?, String, String
        ) {
            let female = rng.chance(0.3)
            let born = birthDate(age: rng.int(26...68))
            return (
                surname ?? rng.pick(NameLists.family), first ?? firstNames(female: female, born: born), born,
                rng.chance(0.6) ? seat.name : place().name, role
            )
        }
        var firma: String
        var capital: Int?
        switch form {
        case "GmbH":
            firma = rng.chance(0.5) ? "\(owner) \(branch.name) GmbH" : "\(branch.name) \(seat.name) GmbH"
            capital = [2_500_000, 2_500_000, 2_500_000, 5_000_000, 10_000_000][rng.below(5)]
            for _ in 0..<rng.int(1...2) { officers.append(person("Geschäftsführer")) }
        case "UG (haftungsbeschränkt)":
            firma = "\(owner) \(branch.name) UG (haftungsbeschränkt)"
            capital = rng.int(1...50) * 10_000
            officers.append(person("Geschäftsführer", surname: owner))
        case "AG":
            firma = rng.chance(0.5) ? "Thüringer \(branch.name) AG" : "\(seat.name) \(branch.name) AG"
            capital = rng.int(5...50) * 1_000_000
            for _ in 0..<rng.int(2...3) { officers.append(person("Vorstand")) }
        case "e.K.":
            let born = birthDate(age: rng.int(28...66))
            let first = firstNames(female: rng.chance(0.3), born: born).split(separator: " ")[0]
            firma = "\(first) \(owner) \(branch.name) e.K."
            officers.append((owner, String(first), born, seat.name, "Inhaber"))
        case "OHG":
            let partner = rng.pick(NameLists.family)
            firma = "\(owner) & \(partner) \(branch.name) OHG"
            officers.append(person("persönlich haftender Gesellschafter", surname: owner))
            officers.append(person("persönlich haftender Gesellschafter", surname: partner))
        case "KG":
            firma = "\(owner) \(branch.name) KG"
            officers.append(person("persönlich haftender Gesellschafter", surname: owner))
        default:
            firma = "\(owner) \(branch.name) GmbH & Co. KG"
            officers.append(
                (
                    "\(owner) \(branch.name) Verwaltungs-GmbH", nil, nil, seat.name,
                    "persönlich haftende Gesellschafterin"
                ))
        }
        if usedFirmen.contains(firma) { firma = firma.replacingFirst(owner, with: "\(owner) \(seat.name)") }
        var k = 2
        while usedFirmen.contains(firma) {
            firma = "\(firma) \(k)"
            k += 1
        }
        usedFirmen.insert(firma)
        let hrb = ["GmbH", "UG (haftungsbeschränkt)", "AG"].contains(form)
        let number: String
        if hrb {
            nextHRB += rng.int(1...40)
            number = "HRB \(nextHRB)"
        } else {
            nextHRA += rng.int(1...40)
            number = "HRA \(nextHRA)"
        }
        data.companies.append(
            CompanyRecord(
                id: id, firma: firma, rechtsform: form, registergericht: "Amtsgericht Jena", registernummer: number,
                sitz: seat.name, sitzARS: seat.ars, strasse: rng.pick(NameLists.streets),
                hausnummer: String(rng.int(1...90)), plz: rng.pick(seat.postcodes), ort: seat.name,
                gegenstand: branch.gegenstand, kapitalCents: capital,
                eintragungsdatum: rng.day(
                    from: RegisterDate(year: 1991, month: 1, day: 2)!, to: today.adding(days: -30))))
        for (i, o) in officers.enumerated() {
            data.officers.append(
                CompanyOfficerRecord(
                    companyID: id, position: i + 1, familienname: o.0, vornamen: o.1, geburtsdatum: o.2, wohnort: o.3,
                    rolle: o.4))
        }
        employers.append(firma)
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
