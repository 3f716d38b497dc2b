import Foundation

/// Thuringia's regions in memory: look-ups by ARS, AGS, name and postcode, and the containment
/// chain Gemeinde → Verband → Kreis → Land. Built once from the embedded reference data
/// (immutable, so every node holds the same copy and nothing needs invalidating).
public struct RegionDirectory: Sendable {
    public static let landARS = "16"
    public static let landName = "Thüringen"

    public let municipalities: [Municipality]
    public let kreise: [Kreis]
    public let verbaende: [Verband]
    private let byARS: [String: Int]
    private let byAGS: [String: Int]
    private let kreisByKey: [String: Kreis]
    private let verbandByARS: [String: Verband]
    private let byPostcode: [String: [Int]]
    /// Folded name keys as bytes (ASCII after folding), for name search without string overhead.
    private let nameKeys: [NameKey]
    /// Folded full names and their first words → municipalities, for exact look-ups.
    private let exactNames: [String: [Int]]

    struct NameKey: Sendable {
        let key: [UInt8]
        let words: [ArraySlice<UInt8>]
        let index: Int
    }

    /// The directory built from the reference data compiled into the binary.
    public static let thuringia: RegionDirectory = try! RegionDirectory(
        gemeindenCSV: ReferenceData.gemeindenCSV,
        kreiseCSV: ReferenceData.kreiseCSV,
        postcodesCSV: ReferenceData.postcodesCSV
    )

    public init(gemeindenCSV: String, kreiseCSV: String, postcodesCSV: String) throws {
        var kreise: [Kreis] = []
        for record in CSV.records(kreiseCSV) {
            guard let key = record["kreis_schluessel"], let official = record["name"] else { continue }
            kreise.append(
                Kreis(
                    key: key, officialName: official, name: Self.plainName(official),
                    seat: record["sitz"] ?? "", isKreisfrei: official.hasSuffix(", Stadt")))
        }
        var extraPostcodes: [String: [String]] = [:]
        for record in CSV.records(postcodesCSV) {
            guard let plz = record["plz"], let ags = record["ags"] else { continue }
            extraPostcodes[ags, default: []].append(plz)
        }

        var municipalities: [Municipality] = []
        for record in CSV.records(gemeindenCSV) {
            guard let ars = record["ars"], ars.count == 12, let ags = record["ags"], let official = record["name"]
            else { throw RegionDataError.malformedRow(record.description) }
            let type = (record["verband_typ"] ?? "").trimmingCharacters(in: .whitespaces)
            let administration: Administration =
                switch type {
                case "Verwaltungsgemeinschaft": .verwaltungsgemeinschaft
                case "Erfüllende Gemeinde": .erfuellendeGemeinde
                default: .verbandsfrei  // includes the one blank entry (Schmölln, a verbandsfreie Stadt)
                }
            let seat = record["plz_verwaltungssitz"] ?? ""
            var postcodes = [seat]
            for plz in extraPostcodes[ags, default: []].sorted() where !postcodes.contains(plz) {
                postcodes.append(plz)
            }
            municipalities.append(
                Municipality(
                    ars: ars, ags: ags, officialName: official, name: Self.plainName(official),
                    isTown: official.hasSuffix(", Stadt"), isKreisfrei: record["typ"] == "Kreisfreie Stadt",
                    kreisKey: record["kreis_schluessel"] ?? String(ars.prefix(5)),
                    verbandARS: record["verband_ars"] ?? String(ars.prefix(9)), administration: administration,
                    areaHectares: Int(record["flaeche_ha"] ?? "") ?? 0, population: Int(record["einwohner"] ?? "") ?? 0,
                    seatPostcode: seat, postcodes: postcodes))
        }

        var verbandNames: [String: String] = [:]
        for record in CSV.records(gemeindenCSV) {
            if let ars = record["verband_ars"], let name = record["verband_name"] { verbandNames[ars] = name }
        }
        var members: [String: [Municipality]] = [:]
        for m in municipalities { members[m.verbandARS, default: []].append(m) }
        var verbaende: [Verband] = []
        for (ars, group) in members {
            let name = verbandNames[ars] ?? group[0].officialName
            let administration = group[0].administration
            var fulfilling: String? = nil
            if administration == .erfuellendeGemeinde {
                // GV100AD names the group "EG Uder" or after the town itself ("Geisa, Stadt").
                let base = name.hasPrefix("EG ") ? String(name.dropFirst(3)) : name
                fulfilling =
                    group.first { $0.officialName == base || $0.officialName == name }?.ars
                    ?? group.first { $0.name == Self.plainName(base) }?.ars
                guard fulfilling != nil else { throw RegionDataError.noFulfillingMunicipality(ars) }
            }
            verbaende.append(
                Verband(
                    ars: ars, name: name, administration: administration, kreisKey: String(ars.prefix(5)),
                    memberARS: group.map(\.ars).sorted(), fulfillingMunicipalityARS: fulfilling))
        }
        verbaende.sort { $0.ars < $1.ars }

        self.municipalities = municipalities
        self.kreise = kreise
        self.verbaende = verbaende
        var byARS: [String: Int] = [:]
        var byAGS: [String: Int] = [:]
        var byPostcode: [String: [Int]] = [:]
        var nameKeys: [NameKey] = []
        for (index, m) in municipalities.enumerated() {
            byARS[m.ars] = index
            byAGS[m.ags] = index
            for plz in m.postcodes { byPostcode[plz, default: []].append(index) }
            for key in Folding.keys(m.name) {
                let bytes = Array(key.utf8)
                nameKeys.append(NameKey(key: bytes, words: bytes.split(separator: 0x20), index: index))
            }
        }
        self.byARS = byARS
        self.byAGS = byAGS
        self.byPostcode = byPostcode
        self.nameKeys = nameKeys
        var exactNames: [String: [Int]] = [:]
        for entry in nameKeys {
            let key = String(decoding: entry.key, as: UTF8.self)
            exactNames[key, default: []].append(entry.index)
            if let first = entry.words.first, first.count < entry.key.count {
                exactNames[String(decoding: first, as: UTF8.self), default: []].append(entry.index)
            }
        }
        self.exactNames = exactNames.mapValues {
            Array(Set($0)).sorted { municipalities[$0].population > municipalities[$1].population }
        }
        self.kreisByKey = Dictionary(uniqueKeysWithValues: kreise.map { ($0.key, $0) })
        self.verbandByARS = Dictionary(uniqueKeysWithValues: verbaende.map { ($0.ars, $0) })
    }

    /// Naive substring search: names are short, so this beats anything cleverer.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0] {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// "Jena, Stadt" → "Jena"; names without the suffix stay as they are.
    static func plainName(_ official: String) -> String {
        official.hasSuffix(", Stadt") ? String(official.dropLast(7)) : official
    }

    public func municipality(ars: String) -> Municipality? { byARS[ars].map { municipalities[$0] } }
    public func municipality(ags: String) -> Municipality? { byAGS[ags].map { municipalities[$0] } }
    public func kreis(key: String) -> Kreis? { kreisByKey[key] }
    public func verband(ars: String) -> Verband? { verbandByARS[ars] }

    /// Municipalities whose name, or the first word of it, is exactly `phrase` after folding
    /// ("saalfeld" → Saalfeld/Saale, "bad salzungen" → Bad Salzungen), largest first. O(1).
    public func municipalities(namedExactly phrase: String) -> [Municipality] {
        var seen = Set<Int>()
        var result: [Municipality] = []
        for key in Folding.keys(phrase) {
            for i in exactNames[key] ?? [] where seen.insert(i).inserted { result.append(municipalities[i]) }
        }
        return result
    }

    /// Every municipality the postcode may mean, largest first. One code can cover many
    /// municipalities; callers show them all and let the person choose — never guess.
    public func municipalities(postcode: String) -> [Municipality] {
        (byPostcode[postcode] ?? []).map { municipalities[$0] }.sorted { $0.population > $1.population }
    }

    /// Gemeinde → Verband (when it has one of its own) → Kreis → Land.
    public func containment(of municipality: Municipality) -> [RegionRef] {
        var chain = [RegionRef(ars: municipality.ars, name: municipality.name, type: .gemeinde)]
        if municipality.administration != .verbandsfrei, let v = verband(ars: municipality.verbandARS) {
            chain.append(
                RegionRef(
                    ars: v.ars, name: v.name,
                    type: v.administration == .erfuellendeGemeinde ? .erfuellendeGemeinde : .verwaltungsgemeinschaft))
        }
        if let k = kreis(key: municipality.kreisKey) { chain.append(RegionRef(ars: k.key, name: k.name, type: k.type)) }
        chain.append(RegionRef(ars: Self.landARS, name: Self.landName, type: .land))
        return chain
    }

    /// Search by name (folded: "Gossnitz" finds Gößnitz), by postcode or postcode prefix, or by key.
    /// Ranking: exact name, name prefix, word prefix, substring; ties go to the larger population.
    public func search(_ query: String, limit: Int = 20) -> [Municipality] {
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return [] }
        if trimmed.allSatisfy(\.isNumber) {
            if trimmed.count == 12, let m = municipality(ars: trimmed) { return [m] }
            if trimmed.count == 8, let m = municipality(ags: trimmed) { return [m] }
            if trimmed.count == 5 { return Array(municipalities(postcode: trimmed).prefix(limit)) }
            guard trimmed.count >= 2 else { return [] }
            var scored: [(Int, Municipality)] = []
            for m in municipalities where m.postcodes.contains(where: { $0.hasPrefix(trimmed) }) {
                scored.append((0, m))
            }
            return Array(scored.map(\.1).sorted { $0.population > $1.population }.prefix(limit))
        }
        let queryKeys = Folding.keys(trimmed).map { Array($0.utf8) }
        // Best score per municipality; lower is better.
        var best = [UInt8](repeating: UInt8.max, count: municipalities.count)
        var hits: [Int] = []
        for entry in nameKeys {
            for q in queryKeys {
                let score: UInt8
                if entry.key == q {
                    score = 0
                } else if entry.key.starts(with: q) {
                    score = 1
                } else if entry.words.contains(where: { $0.starts(with: q) }) {
                    score = 2
                } else if q.count >= 3, Self.contains(entry.key, q) {
                    score = 3
                } else {
                    continue
                }
                if best[entry.index] == UInt8.max { hits.append(entry.index) }
                if score < best[entry.index] { best[entry.index] = score }
            }
        }
        hits.sort { a, b in
            if best[a] != best[b] { return best[a] < best[b] }
            return municipalities[a].population > municipalities[b].population
        }
        return hits.prefix(limit).map { municipalities[$0] }
    }
}

public enum RegionDataError: Error, CustomStringConvertible {
    case malformedRow(String)
    case noFulfillingMunicipality(String)
    public var description: String {
        switch self {
        case .malformedRow(let row): "malformed municipality row: \(row)"
        case .noFulfillingMunicipality(let ars): "no fulfilling municipality found for Verband \(ars)"
        }
    }
}
