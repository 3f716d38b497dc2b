/// A typed question to one register: about whom, and which categories of data are wanted (no
/// more are delivered).
public struct RegisterQuery: Sendable, Hashable, Codable {
    /// Whom the query is about.
    public enum Subject: Sendable, Hashable, Codable {
        case person(PersonQuery)
        case organisation(OrganisationQuery)
    }

    /// Whom the query is about.
    public var subject: Subject
    /// The categories wanted; the answer holds no others.
    public var categories: Set<DataCategory>

    public init(_ subject: Subject, categories: Set<DataCategory>) {
        self.subject = subject
        self.categories = categories
    }

    /// A query about a person.
    public static func person(_ query: PersonQuery, categories: Set<DataCategory>) -> RegisterQuery {
        RegisterQuery(.person(query), categories: categories)
    }

    /// A query about an organisation.
    public static func organisation(_ query: OrganisationQuery, categories: Set<DataCategory>) -> RegisterQuery {
        RegisterQuery(.organisation(query), categories: categories)
    }

    /// Checks the query's form (not whether anything matches). Throws `invalidQuery(field:)`.
    public func validate() throws(RegisterError) {
        if categories.isEmpty { throw .invalidQuery(field: "categories") }
        switch subject {
        case .person(let p): try p.validate()
        case .organisation(let o): try o.validate()
        }
    }
}

/// Finds a person: by identifying data (family name, first name, date of birth, optionally where
/// the person lives) or by the identifier the register knows the person by. The demo registers use
/// the identification number of the Registermodernisierung (IdNr, § 139b AO, IDNrG) as register id.
public enum PersonQuery: Sendable, Hashable, Codable {
    case identity(PersonIdentity)
    case registerID(String)

    /// A query by identifying data.
    public static func identity(
        familienname: String, vorname: String, geburtsdatum: RegisterDate, address: AddressHint? = nil
    ) -> PersonQuery {
        .identity(
            PersonIdentity(familienname: familienname, vorname: vorname, geburtsdatum: geburtsdatum, address: address))
    }

    /// Checks the query's form. Throws `invalidQuery(field:)`.
    public func validate() throws(RegisterError) {
        switch self {
        case .identity(let i): try i.validate()
        case .registerID(let id):
            if id.trimmingWhitespace.isEmpty { throw .invalidQuery(field: "registerID") }
        }
    }
}

/// Identifying data of a person. `vorname` matches any of the person's first names or all of them.
public struct PersonIdentity: Sendable, Hashable, Codable {
    public var familienname: String
    public var vorname: String
    public var geburtsdatum: RegisterDate
    public var address: AddressHint?

    public init(familienname: String, vorname: String, geburtsdatum: RegisterDate, address: AddressHint? = nil) {
        self.familienname = familienname
        self.vorname = vorname
        self.geburtsdatum = geburtsdatum
        self.address = address
    }

    func validate() throws(RegisterError) {
        if familienname.trimmingWhitespace.isEmpty { throw .invalidQuery(field: "familienname") }
        if vorname.trimmingWhitespace.isEmpty { throw .invalidQuery(field: "vorname") }
        try address?.validate()
    }
}

/// What is known of a person's address, to narrow an identity query. Every given field must match.
public struct AddressHint: Sendable, Hashable, Codable {
    public var strasse: String?
    public var hausnummer: String?
    /// Five digits.
    public var plz: String?
    /// The municipality's Amtlicher Regionalschlüssel, twelve digits.
    public var ars: String?

    public init(strasse: String? = nil, hausnummer: String? = nil, plz: String? = nil, ars: String? = nil) {
        self.strasse = strasse
        self.hausnummer = hausnummer
        self.plz = plz
        self.ars = ars
    }

    func validate() throws(RegisterError) {
        if let plz, !plz.isDigits(count: 5) { throw .invalidQuery(field: "address.plz") }
        if let ars, !ars.isDigits(count: 12) { throw .invalidQuery(field: "address.ars") }
    }
}

/// Finds a company in the trade register: the register court and the register number.
public struct OrganisationQuery: Sendable, Hashable, Codable {
    /// E.g. "Amtsgericht Jena" (also "AG Jena" or "Jena").
    public var registergericht: String
    /// E.g. "HRB 501234" (also "HRB501234").
    public var registernummer: String

    public init(registergericht: String, registernummer: String) {
        self.registergericht = registergericht
        self.registernummer = registernummer
    }

    /// Checks the query's form. Throws `invalidQuery(field:)`.
    public func validate() throws(RegisterError) {
        if OrganisationQuery.courtKey(registergericht).isEmpty { throw .invalidQuery(field: "registergericht") }
        if OrganisationQuery.normalizedNumber(registernummer) == nil { throw .invalidQuery(field: "registernummer") }
    }

    /// The court as a lookup key: folded, without "Amtsgericht"/"AG" ("Amtsgericht Jena" → "jena").
    public static func courtKey(_ court: String) -> String {
        let folded = Folding.fold(court)
        for prefix in ["amtsgericht ", "ag "] where folded.hasPrefix(prefix) {
            return String(folded.dropFirst(prefix.count))
        }
        return folded
    }

    /// The register kinds of the German registers of companies, partnerships, cooperatives and
    /// associations.
    public static let registerKinds = ["HRA", "HRB", "GnR", "PR", "VR", "GsR"]

    /// "HRB 501234" from "hrb501234" or "HRB  501234"; nil when not a register kind and a number
    /// (an optional letter suffix such as "HRB 1234 B" is kept).
    public static func normalizedNumber(_ number: String) -> String? {
        let compact = number.split(whereSeparator: { $0.isWhitespace }).joined()
        guard
            let kind = registerKinds.sorted(by: { $0.count > $1.count }).first(where: {
                compact.uppercased().hasPrefix($0.uppercased())
            })
        else { return nil }
        let rest = compact.dropFirst(kind.count)
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        let suffix = rest.dropFirst(digits.count)
        guard !digits.isEmpty, digits.count <= 7, suffix.count <= 2, suffix.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return nil }
        return "\(kind) \(digits)" + (suffix.isEmpty ? "" : " \(suffix.uppercased())")
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    func isDigits(count: Int) -> Bool {
        utf8.count == count && utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
