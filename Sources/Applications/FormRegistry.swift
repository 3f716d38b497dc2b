import Forms
import Foundation

/// A FIM schema made into an online application: the schema, its executable rules, its validator
/// and JSON Schema, and the services (LeiKa keys) it serves.
public struct ApplicationForm: Sendable {
    public let schema: FormSchema
    public let rules: RuleBinding
    public let validator: FormValidator
    public let services: [String]
    /// Import warnings and how each FIM rule fared, for the designer.
    public let warnings: [ImportWarning]
    /// Every element by id (first occurrence), built once.
    private let elements: [String: Element]

    public var id: String { schema.id }
    public var version: String { schema.version ?? "1.0" }

    public init(schema: FormSchema, rules: RuleBinding, services: [String], warnings: [ImportWarning] = []) {
        self.schema = schema
        self.rules = rules
        self.validator = FormValidator(schema: schema)
        self.services = services
        self.warnings = warnings
        var elements: [String: Element] = [:]
        func walk(_ element: Element) {
            if elements[element.id] == nil { elements[element.id] = element }
            if case .group(let g) = element { for child in g.children { walk(child.element) } }
        }
        for ref in schema.children { walk(ref.element) }
        self.elements = elements
    }

    public func element(id: String) -> Element? { elements[id] }

    /// Validates complete application data: schema plus rules.
    public func validate(_ data: FormValue, today: Date = Date()) -> [ValidationIssue] {
        let dynamic = Journey(form: self).dynamic(data, today: today)
        return validator.validate(data, dynamic: dynamic)
    }

    /// The JSON Schema (draft 2020-12) published for this form.
    public func jsonSchema(baseURL: String) -> FormValue {
        JSONSchemaGenerator.generate(schema, id: Self.schemaURI(baseURL: baseURL, id: id, version: version))
    }

    public static func schemaURI(baseURL: String, id: String, version: String) -> String {
        "\(baseURL)/api/v1/forms/\(id)/\(version)/schema.json"
    }
}

/// The forms Amtsweg offers, from `data/forms` (compiled into the binary): which FIM schema, its
/// rules file, and the services it is the application for.
public struct FormRegistry: Sendable {
    public let forms: [ApplicationForm]
    private let byService: [String: Int]
    private let byID: [String: Int]

    public init(forms: [ApplicationForm]) {
        self.forms = forms
        var byService: [String: Int] = [:]
        var byID: [String: Int] = [:]
        for (i, form) in forms.enumerated() {
            byID[form.id] = i
            for leika in form.services { byService[leika] = i }
        }
        self.byService = byService
        self.byID = byID
    }

    public func form(forService leika: String) -> ApplicationForm? { byService[leika].map { forms[$0] } }
    public func form(id: String) -> ApplicationForm? { byID[id].map { forms[$0] } }

    struct Manifest: Decodable {
        struct Entry: Decodable {
            var schema: String
            var rules: String?
            var services: [String]
        }
        var forms: [Entry]
    }

    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Builds the registry from files by relative path (`forms.json` and what it names; genericode
    /// code lists are the `*_genericode.xml` files in the same folder as a schema).
    public static func load(files: [String: String]) throws -> FormRegistry {
        guard let manifestText = files["forms.json"] else { throw LoadError(description: "forms.json is missing") }
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(manifestText.utf8))
        var forms: [ApplicationForm] = []
        for entry in manifest.forms {
            guard let xml = files[entry.schema] else { throw LoadError(description: "\(entry.schema) is missing") }
            let folder = entry.schema.split(separator: "/").dropLast().joined(separator: "/")
            var codeListFiles: [String: Data] = [:]
            for (path, text) in files where path.hasSuffix("_genericode.xml") {
                let parts = path.split(separator: "/")
                if parts.dropLast().joined(separator: "/") == folder, let name = parts.last {
                    codeListFiles[String(name)] = Data(text.utf8)
                }
            }
            let result: ImportResult
            do { result = try XDatenfelder.parse(Data(xml.utf8), codeListFiles: codeListFiles) } catch {
                throw LoadError(description: "\(entry.schema): \(error)")
            }
            let rules: RuleBinding
            do {
                rules = try RuleBinding.load(
                    entry.rules.flatMap { files[$0] }.map { Data($0.utf8) }, for: result.schema)
            } catch { throw LoadError(description: "\(entry.rules ?? entry.schema): \(error)") }
            forms.append(
                ApplicationForm(
                    schema: result.schema, rules: rules, services: entry.services, warnings: result.warnings))
        }
        return FormRegistry(forms: forms)
    }

    /// The forms compiled into the binary.
    public static func embedded() throws -> FormRegistry { try load(files: EmbeddedForms.files) }
}
