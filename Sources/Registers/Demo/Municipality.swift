/// A Thuringian municipality as the demo data need it, read from the GV100AD-derived CSV
/// (`thueringen_gemeinden_gv100ad_*.csv`: `ars,ags,name,…,typ,…,kreis_name,…,verband_name,verband_typ,…,
/// einwohner,plz_verwaltungssitz`) and optionally the postcode table (`plz,ags`).
public struct Municipality: Sendable, Hashable, Codable {
    /// Amtlicher Regionalschlüssel, twelve digits.
    public var ars: String
    /// Amtlicher Gemeindeschlüssel, eight digits.
    public var ags: String
    /// The official name ("Jena, Stadt").
    public var officialName: String
    /// The name in addresses ("Jena").
    public var name: String
    /// "Kreisfreie Stadt", "Stadt", "Kreisangehörige Gemeinde".
    public var kind: String
    public var kreis: String
    public var verbandName: String
    /// "Verwaltungsgemeinschaft", "Erfüllende Gemeinde", "Verbandsfreie Gemeinde".
    public var verbandKind: String
    public var population: Int
    /// Postcodes (at least the administrative seat's).
    public var postcodes: [String]

    public init(
        ars: String, ags: String, officialName: String, kind: String, kreis: String, verbandName: String,
        verbandKind: String, population: Int, postcodes: [String]
    ) {
        self.ars = ars
        self.ags = ags
        self.officialName = officialName
        self.name = Municipality.plainName(officialName)
        self.kind = kind
        self.kreis = Municipality.plainName(kreis)
        self.verbandName = verbandName
        self.verbandKind = verbandKind
        self.population = population
        self.postcodes = postcodes
    }

    /// The registration office (Meldebehörde): the municipality itself, its Verwaltungsgemeinschaft,
    /// or the erfüllende Gemeinde acting for it.
    public var meldebehoerde: String {
        switch verbandKind {
        case "Verwaltungsgemeinschaft":
            return "Verwaltungsgemeinschaft \(verbandName)"
        case "Erfüllende Gemeinde":
            let seat = verbandName.hasPrefix("EG ") ? String(verbandName.dropFirst(3)) : verbandName
            return Municipality.authorityName(official: seat)
        default:
            return Municipality.authorityName(official: officialName)
        }
    }

    /// "Jena, Stadt" → "Jena".
    static func plainName(_ official: String) -> String {
        official.hasSuffix(", Stadt") ? String(official.dropLast(7)) : official
    }

    /// "Jena, Stadt" → "Stadt Jena", "Ferna" → "Gemeinde Ferna".
    static func authorityName(official: String) -> String {
        official.hasSuffix(", Stadt") ? "Stadt \(plainName(official))" : "Gemeinde \(official)"
    }

    /// Reads the municipality CSV and, when given, the postcode CSV (`plz,ags`; a municipality
    /// without a row there keeps its seat's postcode). Throws `DemoDataError` on a malformed file.
    public static func load(municipalitiesCSV: String, postcodesCSV: String? = nil) throws -> [Municipality] {
        let rows = CSV.records(municipalitiesCSV)
        var byAGS: [String: [String]] = [:]
        if let postcodesCSV {
            for (n, r) in CSV.records(postcodesCSV).enumerated() {
                guard let plz = r["plz"], let ags = r["ags"], plz.isDigits(count: 5), ags.isDigits(count: 8) else {
                    throw DemoDataError.malformed(file: "postcodes", line: n + 2)
                }
                byAGS[ags, default: []].append(plz)
            }
        }
        var out: [Municipality] = []
        for (n, r) in rows.enumerated() {
            guard let ars = r["ars"], ars.isDigits(count: 12), let ags = r["ags"], ags.isDigits(count: 8),
                let name = r["name"], !name.isEmpty, let seatPLZ = r["plz_verwaltungssitz"],
                seatPLZ.isDigits(count: 5), let population = Int(r["einwohner"] ?? "")
            else { throw DemoDataError.malformed(file: "municipalities", line: n + 2) }
            let postcodes = byAGS[ags].map { Array(Set($0)).sorted() } ?? [seatPLZ]
            out.append(
                Municipality(
                    ars: ars, ags: ags, officialName: name, kind: r["typ"] ?? "", kreis: r["kreis_name"] ?? "",
                    verbandName: r["verband_name"] ?? "", verbandKind: (r["verband_typ"] ?? "").trimmingWhitespace,
                    population: population, postcodes: postcodes))
        }
        if out.isEmpty { throw DemoDataError.malformed(file: "municipalities", line: 1) }
        return out
    }
}

/// A demo data file could not be read.
public enum DemoDataError: Error, Sendable, Hashable {
    case malformed(file: String, line: Int)
}

/// A small RFC 4180 reader (comma, double quotes with `""`, LF or CRLF) for our own data files.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"": inQuotes = true
            case ",":
                row.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                row.append(field)
                field = ""
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    static func records(_ text: String) -> [[String: String]] {
        let rows = parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { row in
            var record: [String: String] = [:]
            for (i, name) in header.enumerated() where i < row.count { record[name] = row[i] }
            return record
        }
    }
}
