import Foundation
import Mustache
import Signing
import Testing
import Texts

@testable import AmtswegServer

@Suite("Templates with the catalogue's texts written in per language")
struct ViewsTests {
    /// Values for every name a template uses: strings needing escapes (truthy in sections too).
    func values(_ language: Language) -> [String: Any] {
        var values: [String: Any] = ["t": Catalog.table(language), "lang": language.rawValue]
        let pattern = /\{\{[#^&{]?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}?\}\}/
        for text in Views.templates.values {
            for match in text.matches(of: pattern) {
                let name = String(match.1)
                if name != "t" { values[name] = "v&<\"\(name)\">'" }
            }
        }
        return values
    }

    @Test("Every template renders exactly as with the texts looked up per request", arguments: Language.allCases)
    func sameOutput(language: Language) throws {
        var plain = MustacheLibrary()
        var localized = MustacheLibrary()
        for (name, text) in Views.templates {
            plain.register(try MustacheTemplate(string: text), named: name)
            localized.register(
                try MustacheTemplate(string: Views.localized(text, language)), named: name + "_\(language.rawValue)")
        }
        let values = values(language)
        var compared = 0
        for name in Views.templates.keys.sorted() {
            let expected = try #require(plain.render(values, withTemplate: name), "\(name)")
            let actual = try #require(localized.render(values, withTemplate: name + "_\(language.rawValue)"))
            #expect(actual == expected, "template \(name) (\(language))")
            #expect(!Views.localized(Views.templates[name]!, language).contains("{{t."), "\(name)")
            compared += 1
        }
        #expect(compared == Views.templates.count && compared > 40)
    }

    @Test("FastTemplate renders every template it compiles exactly as Mustache does", arguments: Language.allCases)
    func fastTemplates(language: Language) throws {
        var library = MustacheLibrary()
        var compiled: [String: FastTemplate] = [:]
        var names: Set<String> = []
        let pattern = /\{\{[#^&{\/]?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}?\}\}/
        for (name, text) in Views.templates {
            let localized = Views.localized(text, language)
            library.register(try MustacheTemplate(string: localized), named: name + "_\(language.rawValue)")
            if let fast = FastTemplate(localized) { compiled[name] = fast }
            for match in localized.matches(of: pattern) { names.insert(String(match.1)) }
        }
        // The hot pages use the fast path.
        for name in ["layout", "caseInbox"] { #expect(compiled[name] != nil, "\(name)") }
        var generator = SplitMix(seed: 20_261_127)
        var valueSets: [[String: Any]] = [
            [:], Dictionary(uniqueKeysWithValues: names.map { ($0, "v&<\"\($0)\">'" as Any) }),
            Dictionary(uniqueKeysWithValues: names.map { ($0, true as Any) }),
            Dictionary(uniqueKeysWithValues: names.map { ($0, false as Any) }),
        ]
        for _ in 0..<20 {
            var values: [String: Any] = [:]
            for name in names {
                switch generator.next() % 6 {
                case 0: break
                case 1: values[name] = true
                case 2: values[name] = false
                case 3: values[name] = ""
                case 4: values[name] = Int(generator.next() % 1000)
                default: values[name] = "x<\(name)>&'\"\n  y"
                }
            }
            valueSets.append(values)
        }
        var compared = 0
        for (name, fast) in compiled.sorted(by: { $0.key < $1.key }) {
            for values in valueSets {
                var all = values
                all["t"] = Catalog.table(language)
                let expected = try #require(library.render(all, withTemplate: name + "_\(language.rawValue)"))
                let actual = try #require(fast.render(values), "\(name): a supported value was refused")
                #expect(actual == expected, "template \(name) (\(language))")
                compared += 1
            }
        }
        #expect(compiled.count > 20 && compared > 500)
        // Unsupported values fall back (nil), so the caller renders with Mustache.
        #expect(compiled["layout"]?.render(["title": ["a list"]]) == nil)
        // Unsupported constructs are not compiled.
        #expect(FastTemplate("{{>partial}}") == nil && FastTemplate("{{a.b}}") == nil)
        #expect(FastTemplate("{{#a}}open") == nil && FastTemplate("{{! note }}") == nil)
    }

    @Test("Texts are escaped as Mustache escapes them; partials point to the same language")
    func escaping() {
        let key = Catalog.keys.first { Catalog.text($0, .de).contains("\"") || Catalog.text($0, .de).contains("&") }
        if let key {
            let text = Catalog.text(key, .de)
            #expect(Views.localized("<p>{{t.\(key)}}</p>", .de) == "<p>\(HTML.escape(text))</p>")
            #expect(HTML.escape(text) != text)
        }
        #expect(
            Views.localized("{{>errorSummary}}{{{body}}}{{#x}}{{y}}{{/x}}", .en)
                == "{{>errorSummary_en}}{{{body}}}{{#x}}{{y}}{{/x}}")
        #expect(Views.localized("{{t.no_such_key_anywhere}}", .de) == "")
    }

    @Test("Dates as people read them")
    func displayDate() {
        #expect(ApplicationRoutes.displayDate("2026-11-27", .de) == "27.11.2026")
        #expect(ApplicationRoutes.displayDate("2026-11-27", .en) == "27/11/2026")
        #expect(ApplicationRoutes.displayDate("2026-1-5", .de) == "5.1.2026")
        #expect(ApplicationRoutes.displayDate("unbekannt", .de) == "unbekannt")
    }

    @Test("Option lists: escaped, the selected one marked")
    func options() {
        let html = HTML.options([("a", "A & B"), ("b\"", "<b>")], selected: "b\"")
        #expect(html == "<option value=\"a\">A &amp; B</option><option value=\"b&quot;\" selected>&lt;b&gt;</option>")
        #expect(HTML.options([("a", "A")], selected: nil) == "<option value=\"a\">A</option>")
    }

    @Test("Percent-encoding: unreserved characters stay, everything else is UTF-8 escaped and decodes back")
    func percentEncoding() {
        #expect(percentEncode("abc-XYZ_0.9~") == "abc-XYZ_0.9~")
        #expect(percentEncode("a b&c=d/ü") == "a%20b%26c%3Dd%2F%C3%BC")
        #expect(percentEncode("/konto/a b", keepingSlash: true) == "/konto/a%20b")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let scalars = (0..<Int.random(in: 0...12, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 1...0x1F600, using: &generator))
            }
            let text = String(String.UnicodeScalarView(scalars))
            let encoded = percentEncode(text)
            #expect(encoded.utf8.allSatisfy { $0 < 128 })
            #expect(encoded.removingPercentEncoding == text)
        }
    }

    @Test("base64url without padding agrees with Foundation's base64", arguments: 0..<40)
    func base64URL(length: Int) {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let expected = data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        #expect(Base64URL.encode(data) == expected)
        #expect(Base64URL.decode(expected) == data)
    }
}

/// A seeded generator (SplitMix64), so a failing combination can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
