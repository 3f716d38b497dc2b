/// One household as the batch command and the API take it: a `Household` whose Mietstufe may be
/// given directly or follow from the municipality's ARS (WoGV annex), with an optional id the
/// answer repeats. JSON format: docs/rules/wohngeld.md.
public struct WohngeldRequest: Sendable, Hashable, Codable {
    public var id: String?
    public var stichtag: LocalDate
    public var mietstufe: Int?
    public var ars: String?
    public var wohnkosten: Wohnkosten
    public var mitglieder: [HouseholdMember]
    public var alleinerziehend: Bool?

    public init(
        id: String? = nil, stichtag: LocalDate, mietstufe: Int? = nil, ars: String? = nil, wohnkosten: Wohnkosten,
        mitglieder: [HouseholdMember], alleinerziehend: Bool? = nil
    ) {
        self.id = id
        self.stichtag = stichtag
        self.mietstufe = mietstufe
        self.ars = ars
        self.wohnkosten = wohnkosten
        self.mitglieder = mitglieder
        self.alleinerziehend = alleinerziehend
    }

    /// What is wrong with a request, at its JSON pointer.
    public struct Problem: Error, Sendable, Equatable, Codable {
        public let pointer: String
        public let detail: String

        public init(pointer: String, detail: String) {
            self.pointer = pointer
            self.detail = detail
        }

        /// The problem a `DecodingError` describes, at the pointer of the failing key.
        public init(decoding error: any Error) {
            let path: [any CodingKey]
            let detail: String
            switch error as? DecodingError {
            case .keyNotFound(let key, let c)?:
                path = c.codingPath + [key]
                detail = "fehlt"
            case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?, .dataCorrupted(let c)?:
                path = c.codingPath
                detail = c.debugDescription.isEmpty ? "ungültiger Wert" : c.debugDescription
            default:
                path = []
                detail = "kein gültiges JSON-Objekt"
            }
            self.init(
                pointer: path.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined(), detail: detail)
        }
    }

    /// The household to calculate, or the first problem of the request.
    public func household() throws(Problem) -> (Household, mietstufeNorm: String) {
        var stufe = mietstufe
        var norm = "§ 12 Abs. 2 WoGG (angegeben)"
        if let ars {
            guard let entry = Mietstufen.thuringia(ars: ars, on: stichtag) else {
                throw Problem(
                    pointer: "/ars", detail: "keine Mietstufe für den Regionalschlüssel \(ars) am \(stichtag)")
            }
            if let stufe, stufe != entry.stufe {
                throw Problem(
                    pointer: "/mietstufe", detail: "widerspricht der Mietstufe \(entry.stufe) der Gemeinde \(ars)")
            }
            stufe = entry.stufe
            norm = entry.norm
        }
        guard let stufe else { throw Problem(pointer: "/mietstufe", detail: "Mietstufe (1–7) oder ars angeben") }
        guard (1...7).contains(stufe) else {
            throw Problem(pointer: "/mietstufe", detail: "Mietstufe muss 1 bis 7 sein")
        }
        guard !mitglieder.isEmpty, mitglieder.count <= 100 else {
            throw Problem(pointer: "/mitglieder", detail: "1 bis 100 Haushaltsmitglieder")
        }
        if wohnkosten.betrag < .zero { throw Problem(pointer: "/wohnkosten/betrag", detail: "darf nicht negativ sein") }
        for (i, m) in mitglieder.enumerated() where m.jahreseinkommen < .zero {
            throw Problem(pointer: "/mitglieder/\(i)/jahreseinkommen", detail: "darf nicht negativ sein")
        }
        return (
            Household(
                stichtag: stichtag, mietstufe: stufe, wohnkosten: wohnkosten, mitglieder: mitglieder,
                alleinerziehend: alleinerziehend ?? false), norm
        )
    }
}

/// The answer for one household: the amount, its status and reason, and every value of the
/// calculation with its norm.
public struct WohngeldResponse: Sendable, Hashable, Codable {
    public var id: String?
    public var mietstufe: Int
    public var mietstufeNorm: String
    public var betrag: Int64
    public var status: WohngeldResult.Status
    public var begruendung: String
    public var trace: [TraceEntry]

    public init(id: String?, mietstufe: Int, mietstufeNorm: String, result: WohngeldResult) {
        self.id = id
        self.mietstufe = mietstufe
        self.mietstufeNorm = mietstufeNorm
        self.betrag = result.betrag
        self.status = result.status
        self.begruendung = result.begruendung
        self.trace = result.trace
    }
}

extension WohngeldRequest {
    /// Calculates; a request that does not describe a valid household throws its problem.
    public func calculate() throws(Problem) -> WohngeldResponse {
        let (household, norm) = try household()
        return WohngeldResponse(
            id: id, mietstufe: household.mietstufe, mietstufeNorm: norm, result: Wohngeld.calculate(household))
    }
}
