import Decisions
import Expressions
import Foundation
import Testing
import XMLReading

/// Runs the DMN TCK compliance-level-2 cases copied into Fixtures/tck (see the NOTICE there for the source and
/// the list of cases left out): every test case of every `*-test-01.xml` against its model.
@Suite struct TCKTests {
    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("tck")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") && !$0.hasSuffix(".txt") && $0 != "NOTICE" }
            .sorted()
    }()

    @Test func theExpectedCasesAreThere() {
        #expect(Self.cases == Self.used)
    }

    /// The cases we run; `NOTICE` lists the skipped ones and why.
    static let used = [
        "0004-simpletable-U", "0005-simpletable-A", "0006-simpletable-P1", "0007-simpletable-P2",
        "0008-LX-arithmetic", "0010-multi-output-U", "0100-feel-constants", "0101-feel-constants",
        "0102-feel-constants", "0105-feel-math", "0106-feel-ternary-logic", "0107-feel-ternary-logic-not",
        "0108-first-hitpolicy", "0109-ruleOrder-hitpolicy", "0110-outputOrder-hitpolicy",
        "0111-first-hitpolicy-singleoutputcol", "0112-ruleOrder-hitpolicy-singleinoutcol",
        "0113-outputOrder-hitpolicy-singleinoutcol", "0114-min-collect-hitpolicy", "0115-sum-collect-hitpolicy",
        "0116-count-collect-hitpolicy", "0117-multi-any-hitpolicy", "0118-multi-priority-hitpolicy",
        "0119-multi-collect-hitpolicy",
    ]

    @Test(arguments: cases) func tckCase(_ name: String) throws {
        let folder = Self.directory.appendingPathComponent(name)
        let model = try DMNImport.parse(Data(contentsOf: folder.appendingPathComponent("\(name).dmn")))
        let suite = try SafeXML.parse(Data(contentsOf: folder.appendingPathComponent("\(name)-test-01.xml")))
        var checked = 0
        for testCase in suite.children where testCase.localName == "testCase" {
            let caseID = testCase.attributes["id"] ?? "?"
            var variables: [String: Value] = [:]
            for input in testCase.children where input.localName == "inputNode" {
                variables[input.attributes["name"] ?? ""] = try TCKValue.read(input)
            }
            for result in testCase.children where result.localName == "resultNode" {
                let resultName = result.attributes["name"] ?? ""
                let decision = try #require(model.decision(named: resultName), "\(name) #\(caseID): no \(resultName)")
                guard let expectedElement = result.children.first(where: { $0.localName == "expected" }) else {
                    continue
                }
                let expected = try TCKValue.read(expectedElement)
                let errorExpected = result.attributes["errorResult"] == "true"
                do {
                    let actual = try model.evaluate(decisionID: decision.id, variables: variables).value
                    #expect(
                        TCKValue.matches(actual, expected) && !(errorExpected && actual != .null),
                        "\(name) #\(caseID) \(resultName): expected \(expected), got \(actual)")
                } catch {
                    #expect(errorExpected, "\(name) #\(caseID) \(resultName): \(error)")
                }
                checked += 1
            }
        }
        #expect(checked > 0, "\(name): no result checked")
    }
}

/// The TCK's test-case values: `value` (typed with xsi:type, or xsi:nil), `component`s (a context) or `list`.
enum TCKValue {
    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ element: SafeXML.Element) throws -> Value {
        let children = element.children
        if let value = children.first(where: { $0.localName == "value" }) { return try scalar(value) }
        if let list = children.first(where: { $0.localName == "list" }) {
            return .list(try list.children.filter { $0.localName == "item" }.map(read))
        }
        let components = children.filter { $0.localName == "component" }
        if !components.isEmpty || children.isEmpty {
            var context: [String: Value] = [:]
            for component in components { context[component.attributes["name"] ?? ""] = try read(component) }
            return children.isEmpty ? .null : .context(context)
        }
        throw Unsupported(description: "unsupported TCK value element \(children.map(\.localName))")
    }

    static func scalar(_ element: SafeXML.Element) throws -> Value {
        if element.attributes["xsi:nil"] == "true" { return .null }
        let text = element.text
        switch element.attributes["xsi:type"] {
        case "xsd:decimal", "xsd:double", "xsd:integer", "xsd:int", "xsd:long":
            guard let number = Decimal(string: text.trimmingCharacters(in: .whitespaces)) else {
                throw Unsupported(description: "not a number: \(text)")
            }
            return .number(number)
        case "xsd:boolean": return .bool(text.trimmingCharacters(in: .whitespaces) == "true")
        case "xsd:date":
            guard let date = LocalDate(iso: text) else { throw Unsupported(description: "not a date: \(text)") }
            return .date(date)
        case "xsd:duration":
            guard let duration = FEELDuration(iso: text) else {
                throw Unsupported(description: "not a duration: \(text)")
            }
            return .duration(duration)
        case "xsd:string", nil: return .string(text)
        case let other?: throw Unsupported(description: "unsupported xsi:type \(other)")
        }
    }

    /// Equality; numbers the TCK gives rounded (ten or more significant digits) match within a relative 1e-12.
    /// 0008-LX-arithmetic needs it: its expected payments were computed with less precision than our 38-digit
    /// decimals (#002 expects 562.707359373292; the exact value is 562.70735937326592715…, as is ours).
    static func matches(_ actual: Value, _ expected: Value) -> Bool {
        switch (actual, expected) {
        case (.number(let actual), .number(let expected)):
            if actual == expected { return true }
            let digits = expected.description.filter(\.isNumber).drop { $0 == "0" }.count
            guard digits >= 10 else { return false }
            return abs(actual - expected) <= abs(expected) * Decimal(string: "1e-12")!
        case (.list(let actual), .list(let expected)):
            return actual.count == expected.count && zip(actual, expected).allSatisfy(matches)
        case (.context(let actual), .context(let expected)):
            return actual.count == expected.count
                && expected.allSatisfy { key, value in actual[key].map { matches($0, value) } ?? false }
        default:
            return actual == expected
        }
    }
}
