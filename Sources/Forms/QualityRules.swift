import Foundation

/// Severity ("Typ") of a message in the FIM quality catalogue (xdfm-meldungen).
public enum QualitySeverity: String, Sendable, Hashable, Codable, CaseIterable {
    case criticalError = "FehlerKritisch"
    case methodError = "FehlerMethodisch"
    case warning = "Warnung"
    case hint = "Hinweis"
    /// Switched off in the catalogue; the linter never reports these.
    case disabled = "Deaktiviert"
}

/// One message of the FIM quality catalogue.
public struct QualityRule: Sendable, Hashable, Codable {
    /// e.g. "1018".
    public var code: String
    /// Meldungstext.
    public var text: String
    public var severity: QualitySeverity
    /// Meldungshilfe, if any.
    public var help: String?
    public init(code: String, text: String, severity: QualitySeverity, help: String? = nil) {
        self.code = code
        self.text = text
        self.severity = severity
        self.help = help
    }
}

/// The FIM catalogue of quality checks for XDatenfelder 3 (`xdfm-meldungen_*.genericode.xml`).
public enum QualityRules {
    /// Parses the catalogue (genericode with columns Code, Typ, Meldungstext, Meldungshilfe).
    /// The FIM catalogue xdfm-meldungen 1.8, compiled in.
    public static let builtIn: [QualityRule] = (try? load(Data(catalogueXML.utf8))) ?? []

    public static func load(_ data: Data) throws(ImportError) -> [QualityRule] {
        let table = try GenericodeTable.parse(data)
        func column(_ wanted: String) -> String? {
            table.columns.first { $0.id.lowercased() == wanted.lowercased() }?.id
        }
        guard let code = column("Code"), let type = column("Typ"), let text = column("Meldungstext") else {
            throw ImportError(
                message: "Quality catalogue needs the columns Code, Typ and Meldungstext; found "
                    + table.columns.map(\.id).joined(separator: ", "),
                elementPath: "CodeList/ColumnSet")
        }
        let help = column("Meldungshilfe")
        var rules: [QualityRule] = []
        for (n, row) in table.rows.enumerated() {
            guard let c = row[code], !c.isEmpty else { continue }
            let typeText = row[type] ?? ""
            guard let severity = QualitySeverity(rawValue: typeText) else {
                throw ImportError(
                    message: "Unknown severity \"\(typeText)\" for quality rule \(c)",
                    elementPath: "CodeList/SimpleCodeList/Row[\(n + 1)]")
            }
            let h = help.flatMap { row[$0] }
            rules.append(
                QualityRule(code: c, text: row[text] ?? "", severity: severity, help: h?.isEmpty == false ? h : nil))
        }
        return rules
    }
}

/// One problem found by the `Linter`.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// Catalogue code, e.g. "1018".
    public var ruleCode: String
    public var severity: QualitySeverity
    /// The catalogue's Meldungstext.
    public var message: String
    /// What exactly was found (values, ids), if useful.
    public var detail: String?
    public var elementID: String?
    public var elementPath: String
    public init(
        ruleCode: String, severity: QualitySeverity, message: String, detail: String? = nil, elementID: String?,
        elementPath: String
    ) {
        self.ruleCode = ruleCode
        self.severity = severity
        self.message = message
        self.detail = detail
        self.elementID = elementID
        self.elementPath = elementPath
    }
    public var description: String {
        "[\(ruleCode) \(severity.rawValue)] \(elementID ?? elementPath): \(message)"
            + (detail.map { " (\($0))" } ?? "")
    }
}
