import Expressions
import Foundation
import XMLReading

/// Imports DMN decision models: decision tables and FEEL literal expressions with their required decisions.
/// Everything is parsed and checked here, once; what is not supported is refused with a `DMNError` naming the
/// element and line, so evaluation never meets an unparsed or unsupported construct.
public enum DMNImport {
    /// The DMN model namespaces and the versions they stand for.
    public static let namespaces: [String: String] = [
        "http://www.omg.org/spec/DMN/20151101/dmn.xsd": "1.1",
        "http://www.omg.org/spec/DMN/20151101/dmn11.xsd": "1.1",
        "http://www.omg.org/spec/DMN/20180521/MODEL/": "1.2",
        "https://www.omg.org/spec/DMN/20191111/MODEL/": "1.3",
        "https://www.omg.org/spec/DMN/20211108/MODEL/": "1.4",
        "https://www.omg.org/spec/DMN/20230324/MODEL/": "1.5",
    ]

    /// Parses a DMN document (UTF-8 XML) into a model ready to evaluate.
    public static func parse(_ data: Data) throws(DMNError) -> DecisionModel {
        let root: SafeXML.Element
        do {
            root = try SafeXML.parse(data)
        } catch {
            throw DMNError("\(error.message) (in \(error.elementPath))", line: error.line)
        }
        return try Importer(root: root).model()
    }
}

/// Reads the element tree. Elements in other namespaces (DMNDI, vendor extensions) are skipped; DMN elements are
/// either understood, ignored because they carry no semantics we need (documentation, types), or refused.
private struct Importer {
    let root: SafeXML.Element
    let dmn: String

    init(root: SafeXML.Element) {
        self.root = root
        dmn = root.namespace
    }

    /// DMN elements under `definitions` that do not affect evaluation.
    private static let ignoredInDefinitions: Set<String> = [
        "description", "extensionElements", "itemDefinition", "knowledgeSource", "textAnnotation", "association",
        "group", "elementCollection", "performanceIndicator", "organizationUnit",
    ]
    /// DMN elements under `decision` that do not affect evaluation.
    private static let ignoredInDecision: Set<String> = [
        "description", "extensionElements", "question", "allowedAnswers", "variable", "authorityRequirement",
        "supportedObjective", "impactedPerformanceIndicator", "decisionMaker", "decisionOwner", "usingProcess",
        "usingTask",
    ]
    /// Boxed expressions other than decision tables and literal expressions (DMN 1.1–1.5).
    private static let refusedExpressions: Set<String> = [
        "context", "invocation", "relation", "list", "functionDefinition", "conditional", "filter", "for", "every",
        "some",
    ]

    func model() throws(DMNError) -> DecisionModel {
        guard root.localName == "definitions", let version = DMNImport.namespaces[root.namespace] else {
            let found = root.namespace.isEmpty ? root.localName : "{\(root.namespace)}\(root.localName)"
            throw DMNError(
                "not a DMN 1.1–1.5 model: the root element is \(found), expected 'definitions' in a DMN model namespace",
                elementID: root.attributes["id"], line: root.line)
        }
        try checkLanguage(root, id: root.attributes["id"])
        var decisionElements: [SafeXML.Element] = []
        var inputData: [InputData] = []
        var ids: Set<String> = []
        for child in root.children where child.namespace == dmn {
            let id = child.attributes["id"]
            switch child.localName {
            case "decision":
                decisionElements.append(child)
            case "inputData":
                let datum = try inputDatum(child)
                inputData.append(datum)
            case "businessKnowledgeModel":
                throw refused(child, "business knowledge models (FEEL functions) are not supported")
            case "decisionService":
                throw refused(child, "decision services are not supported")
            case "import":
                throw refused(child, "imports of other models are not supported")
            case let name where Self.ignoredInDefinitions.contains(name):
                continue
            default:
                throw refused(child, "the DMN element '\(child.localName)' is not supported")
            }
            if let id, !ids.insert(id).inserted {
                throw DMNError("duplicate id '\(id)'", elementID: id, line: child.line)
            }
        }
        var drafts: [Draft] = []
        for element in decisionElements { drafts.append(try decision(element)) }
        return try link(drafts, inputData: inputData, version: version)
    }

    // MARK: Requirements

    private struct Draft {
        let id: String
        let name: String
        let logic: Decision.Logic
        let requiredDecisions: [(id: String, element: SafeXML.Element)]
        let requiredInputs: [(id: String, element: SafeXML.Element)]
        let line: Int
    }

    /// Resolves the requirements, refuses cycles and plans each decision's evaluation order.
    private func link(_ drafts: [Draft], inputData: [InputData], version: String) throws(DMNError) -> DecisionModel {
        var indexByID: [String: Int] = [:]
        for (index, draft) in drafts.enumerated() { indexByID[draft.id] = index }
        let inputIDs = Set(inputData.map(\.id))
        var requirements: [[Int]] = []
        for draft in drafts {
            var indices: [Int] = []
            for (id, element) in draft.requiredDecisions {
                guard let index = indexByID[id] else {
                    let what =
                        inputIDs.contains(id) ? "is input data, not a decision" : "is not a decision in this model"
                    throw DMNError(
                        "decision '\(draft.name)' requires decision '#\(id)', which \(what)", elementID: draft.id,
                        line: element.line)
                }
                if !indices.contains(index) { indices.append(index) }
            }
            for (id, element) in draft.requiredInputs where !inputIDs.contains(id) {
                throw DMNError(
                    "decision '\(draft.name)' requires input '#\(id)', which is not input data in this model",
                    elementID: draft.id, line: element.line)
            }
            requirements.append(indices)
        }
        try Self.checkAcyclic(requirements, drafts)
        let decisions = drafts.enumerated().map { index, draft in
            Decision(
                id: draft.id, name: draft.name, logic: draft.logic,
                requiredDecisions: draft.requiredDecisions.map(\.id),
                requiredInputs: draft.requiredInputs.map(\.id), line: draft.line, requiredIndices: requirements[index])
        }
        let plans = decisions.indices.map { Self.plan($0, requirements) }
        return DecisionModel(
            id: root.attributes["id"], name: root.attributes["name"], namespace: root.attributes["namespace"],
            dmnVersion: version, decisions: decisions, inputData: inputData, indexByID: indexByID, plans: plans)
    }

    /// Depth-first search with an explicit stack; a back edge is a cycle, reported with its path.
    private static func checkAcyclic(_ requirements: [[Int]], _ drafts: [Draft]) throws(DMNError) {
        enum State { case new, open, done }
        var state = [State](repeating: .new, count: requirements.count)
        for start in requirements.indices where state[start] == .new {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = .open
            while let (node, next) = stack.last {
                guard next < requirements[node].count else {
                    state[node] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let target = requirements[node][next]
                switch state[target] {
                case .new:
                    state[target] = .open
                    stack.append((target, 0))
                case .open:
                    let path = stack.map(\.node).drop { $0 != target } + [target]
                    let names = path.map { "'\(drafts[$0].name)'" }.joined(separator: " → ")
                    throw DMNError(
                        "required decisions form a cycle: \(names)", elementID: drafts[target].id,
                        line: drafts[target].line)
                case .done:
                    continue
                }
            }
        }
    }

    /// Every decision `index` depends on, each once, dependencies before dependents, `index` last.
    private static func plan(_ index: Int, _ requirements: [[Int]]) -> [Int] {
        var order: [Int] = []
        var seen: Set<Int> = []
        func visit(_ node: Int) {
            guard seen.insert(node).inserted else { return }
            for required in requirements[node] { visit(required) }
            order.append(node)
        }
        visit(index)
        return order
    }

    // MARK: Elements

    private func inputDatum(_ element: SafeXML.Element) throws(DMNError) -> InputData {
        guard let id = element.attributes["id"], !id.isEmpty else {
            throw DMNError("inputData without an id", line: element.line)
        }
        guard let name = element.attributes["name"], !name.isEmpty else {
            throw DMNError("inputData '\(id)' has no name", elementID: id, line: element.line)
        }
        let variable = element.children.first { $0.namespace == dmn && $0.localName == "variable" }
        return InputData(id: id, name: name, typeRef: variable?.attributes["typeRef"])
    }

    private func decision(_ element: SafeXML.Element) throws(DMNError) -> Draft {
        guard let id = element.attributes["id"], !id.isEmpty else {
            throw DMNError("decision without an id", line: element.line)
        }
        let name = element.attributes["name"].flatMap { $0.isEmpty ? nil : $0 } ?? id
        var logic: Decision.Logic?
        var requiredDecisions: [(id: String, element: SafeXML.Element)] = []
        var requiredInputs: [(id: String, element: SafeXML.Element)] = []
        for child in element.children where child.namespace == dmn {
            switch child.localName {
            case "informationRequirement":
                for requirement in child.children where requirement.namespace == dmn {
                    let target = try reference(requirement, in: id)
                    switch requirement.localName {
                    case "requiredDecision": requiredDecisions.append((target, requirement))
                    case "requiredInput": requiredInputs.append((target, requirement))
                    default: throw refused(requirement, "unknown information requirement '\(requirement.localName)'")
                    }
                }
            case "knowledgeRequirement":
                throw refused(child, "knowledge requirements (business knowledge models) are not supported", id)
            case "decisionTable", "literalExpression":
                guard logic == nil else { throw refused(child, "decision '\(name)' has more than one expression", id) }
                logic =
                    child.localName == "decisionTable"
                    ? .decisionTable(try decisionTable(child, decisionID: id))
                    : .literalExpression(try literalExpression(child, decisionID: id))
            case let kind where Self.refusedExpressions.contains(kind):
                throw refused(child, "\(Self.article(kind)) '\(kind)' expression is not supported", id)
            case let kind where Self.ignoredInDecision.contains(kind):
                continue
            default:
                throw refused(child, "the DMN element '\(child.localName)' is not supported in a decision", id)
            }
        }
        guard let logic else {
            throw DMNError(
                "decision '\(name)' has no decision logic (a decision table or a literal expression)", elementID: id,
                line: element.line)
        }
        return Draft(
            id: id, name: name, logic: logic, requiredDecisions: requiredDecisions, requiredInputs: requiredInputs,
            line: element.line)
    }

    private static func article(_ word: String) -> String {
        word.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }

    /// `href="#id"` of a requirement; references into other models are refused.
    private func reference(_ element: SafeXML.Element, in decisionID: String) throws(DMNError) -> String {
        guard let href = element.attributes["href"], href.hasPrefix("#"), href.count > 1 else {
            let href = element.attributes["href"] ?? ""
            throw DMNError(
                "\(element.localName) '\(href)' does not refer to an element of this model (imports are not supported)",
                elementID: decisionID, line: element.line)
        }
        return String(href.dropFirst())
    }

    private func literalExpression(_ element: SafeXML.Element, decisionID: String) throws(DMNError) -> LiteralExpression
    {
        let id = element.attributes["id"] ?? decisionID
        try checkLanguage(element, id: id)
        if let imported = child(element, "importedValues") {
            throw refused(imported, "imported values are not supported", id)
        }
        guard let text = child(element, "text"), !Self.isBlank(text.text) else {
            throw DMNError(
                "the literal expression of decision '\(decisionID)' is empty", elementID: id, line: element.line)
        }
        let compiled = try compile(text, what: "literal expression", id: id, rule: nil)
        return LiteralExpression(source: text.text, expression: compiled)
    }

    // MARK: Decision tables

    private func decisionTable(_ element: SafeXML.Element, decisionID: String) throws(DMNError) -> DecisionTable {
        let tableID = element.attributes["id"]
        let id = tableID ?? decisionID
        let policyName = element.attributes["hitPolicy"] ?? "UNIQUE"
        guard let hitPolicy = HitPolicy(rawValue: policyName) else {
            let known = HitPolicy.allCases.map(\.rawValue).joined(separator: ", ")
            throw DMNError(
                "unknown hit policy '\(policyName)'; expected one of \(known)", elementID: id, line: element.line)
        }
        var aggregation: Aggregation?
        if let name = element.attributes["aggregation"] {
            guard let known = Aggregation(rawValue: name) else {
                throw DMNError(
                    "unknown aggregation '\(name)'; expected SUM, MIN, MAX or COUNT", elementID: id, line: element.line)
            }
            guard hitPolicy == .collect else {
                throw DMNError(
                    "aggregation \(name) needs the hit policy COLLECT, not \(hitPolicy.rawValue)", elementID: id,
                    line: element.line)
            }
            aggregation = known
        }
        var inputs: [DecisionTable.Input] = []
        var outputs: [DecisionTable.Output] = []
        var ruleElements: [SafeXML.Element] = []
        for child in element.children where child.namespace == dmn {
            switch child.localName {
            case "input": inputs.append(try input(child, number: inputs.count + 1, tableID: id))
            case "output": outputs.append(try output(child, number: outputs.count + 1, tableID: id))
            case "rule": ruleElements.append(child)
            case "annotation", "description", "extensionElements": continue
            default:
                throw refused(child, "the DMN element '\(child.localName)' is not supported in a decision table", id)
            }
        }
        guard !outputs.isEmpty else {
            throw DMNError("the decision table has no output", elementID: id, line: element.line)
        }
        if outputs.count > 1 {
            var names: Set<String> = []
            for (index, output) in outputs.enumerated() {
                guard let name = output.name, !name.isEmpty else {
                    throw DMNError(
                        "output \(index + 1) has no name; a table with several outputs needs a name for each",
                        elementID: output.id ?? id, line: element.line)
                }
                guard names.insert(name).inserted else {
                    throw DMNError("two outputs are named '\(name)'", elementID: output.id ?? id, line: element.line)
                }
            }
            if let aggregation {
                throw DMNError(
                    "COLLECT with \(aggregation.rawValue) needs a single output; this table has \(outputs.count)",
                    elementID: id, line: element.line)
            }
        }
        let rankedOutputs = outputs.indices.filter { !outputs[$0].ranking.isEmpty }
        if (hitPolicy == .priority || hitPolicy == .outputOrder) && rankedOutputs.isEmpty {
            throw DMNError(
                "hit policy \(hitPolicy.rawValue) ranks outputs by their output values, but no output has any",
                elementID: id, line: element.line)
        }
        var rules: [DecisionTable.Rule] = []
        for (index, ruleElement) in ruleElements.enumerated() {
            rules.append(try rule(ruleElement, number: index + 1, inputs: inputs, outputs: outputs, tableID: id))
        }
        return DecisionTable(
            id: tableID, hitPolicy: hitPolicy, aggregation: aggregation, inputs: inputs, outputs: outputs, rules: rules,
            checksInputValues: inputs.contains { $0.allowed != nil }, rankedOutputs: rankedOutputs)
    }

    private func input(_ element: SafeXML.Element, number: Int, tableID: String) throws(DMNError) -> DecisionTable.Input
    {
        let inputID = element.attributes["id"]
        let id = inputID ?? tableID
        let label = element.attributes["label"]
        let what = "input \(number)\(label.map { " ('\($0)')" } ?? "")"
        guard let expressionElement = child(element, "inputExpression") else {
            throw DMNError("\(what) has no inputExpression", elementID: id, line: element.line)
        }
        try checkLanguage(expressionElement, id: id)
        guard let text = child(expressionElement, "text"), !Self.isBlank(text.text) else {
            throw DMNError("the input expression of \(what) is empty", elementID: id, line: expressionElement.line)
        }
        let compiled = try compile(text, what: "the input expression of \(what)", id: id, rule: nil)
        var allowedSource: String?
        var allowed: UnaryTests?
        if let values = child(element, "inputValues") {
            try checkLanguage(values, id: id)
            if let valuesText = child(values, "text"), !Self.isBlank(valuesText.text) {
                allowedSource = valuesText.text
                allowed = try unaryTests(valuesText, what: "the input values of \(what)", id: id, rule: nil)
            }
        }
        return DecisionTable.Input(
            id: inputID, label: label, expression: text.text, typeRef: expressionElement.attributes["typeRef"],
            inputValues: allowedSource, compiled: compiled, allowed: allowed)
    }

    private func output(_ element: SafeXML.Element, number: Int, tableID: String) throws(DMNError)
        -> DecisionTable.Output
    {
        let outputID = element.attributes["id"]
        let id = outputID ?? tableID
        let name = element.attributes["name"]
        let what = "output \(number)\(name.map { " ('\($0)')" } ?? "")"
        var valuesSource: String?
        var ranking: [UnaryTests] = []
        if let values = child(element, "outputValues") {
            try checkLanguage(values, id: id)
            if let text = child(values, "text"), !Self.isBlank(text.text) {
                valuesSource = text.text
                ranking = try positiveTests(text, what: "the output values of \(what)", id: id)
            }
        }
        var defaultSource: String?
        var compiledDefault: Compiled?
        if let entry = child(element, "defaultOutputEntry") {
            try checkLanguage(entry, id: id)
            if let text = child(entry, "text"), !Self.isBlank(text.text) {
                defaultSource = text.text
                compiledDefault = try compile(text, what: "the default output of \(what)", id: id, rule: nil)
            }
        }
        return DecisionTable.Output(
            id: outputID, name: name, label: element.attributes["label"], typeRef: element.attributes["typeRef"],
            outputValues: valuesSource, defaultOutput: defaultSource, ranking: ranking, compiledDefault: compiledDefault
        )
    }

    private func rule(
        _ element: SafeXML.Element, number: Int, inputs: [DecisionTable.Input], outputs: [DecisionTable.Output],
        tableID: String
    ) throws(DMNError) -> DecisionTable.Rule {
        let ruleID = element.attributes["id"]
        let id = ruleID ?? tableID
        var inputEntries: [String] = []
        var outputEntries: [String] = []
        var tests: [DecisionTable.Test] = []
        var results: [Compiled] = []
        for entry in element.children where entry.namespace == dmn {
            switch entry.localName {
            case "inputEntry":
                try checkLanguage(entry, id: entry.attributes["id"] ?? id)
                let column = inputEntries.count
                guard column < inputs.count else {
                    throw DMNError(
                        "rule \(number) has more input entries than the table's \(inputs.count) inputs",
                        elementID: id, line: entry.line, rule: number)
                }
                let label = inputs[column].label.map { " ('\($0)')" } ?? ""
                let text = child(entry, "text")
                inputEntries.append(text?.text ?? "")
                if let text, !Self.isBlank(text.text), text.text.trimmingCharacters(in: .whitespacesAndNewlines) != "-"
                {
                    let what = "rule \(number), input entry \(column + 1)\(label)"
                    let parsed = try unaryTests(text, what: what, id: entry.attributes["id"] ?? id, rule: number)
                    tests.append(ConstantTests(text.text).map { .constant($0) } ?? .tests(parsed))
                } else {
                    tests.append(.any)
                }
            case "outputEntry":
                try checkLanguage(entry, id: entry.attributes["id"] ?? id)
                let column = outputEntries.count
                guard column < outputs.count else {
                    throw DMNError(
                        "rule \(number) has more output entries than the table's \(outputs.count) outputs",
                        elementID: id, line: entry.line, rule: number)
                }
                let name = outputs[column].name.map { " ('\($0)')" } ?? ""
                let text = child(entry, "text")
                outputEntries.append(text?.text ?? "")
                if let text, !Self.isBlank(text.text) {
                    let what = "rule \(number), output entry \(column + 1)\(name)"
                    results.append(try compile(text, what: what, id: entry.attributes["id"] ?? id, rule: number))
                } else {
                    results.append(.constant(.null))
                }
            case "annotationEntry", "description", "extensionElements":
                continue
            default:
                throw refused(entry, "the DMN element '\(entry.localName)' is not supported in a rule", id)
            }
        }
        guard inputEntries.count == inputs.count, outputEntries.count == outputs.count else {
            throw DMNError(
                "rule \(number) has \(inputEntries.count) input and \(outputEntries.count) output entries; the table has "
                    + "\(inputs.count) inputs and \(outputs.count) outputs",
                elementID: id, line: element.line, rule: number)
        }
        return DecisionTable.Rule(
            id: ruleID, inputEntries: inputEntries, outputEntries: outputEntries, tests: tests, results: results)
    }

    // MARK: FEEL

    /// Parses an expression; constants are evaluated now, single names read directly at evaluation.
    private func compile(_ text: SafeXML.Element, what: String, id: String, rule: Int?) throws(DMNError) -> Compiled {
        let expression: Expressions.Expression
        do {
            expression = try Expressions.Expression(text.text)
        } catch {
            throw feelError(error, in: text, what: what, id: id, rule: rule)
        }
        if expression.names.isEmpty, let value = try? expression.evaluate() { return .constant(value) }
        let trimmed = text.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if expression.names.count == 1, expression.names.first == trimmed { return .variable(trimmed) }
        return .expression(expression)
    }

    private func unaryTests(_ text: SafeXML.Element, what: String, id: String, rule: Int?) throws(DMNError)
        -> UnaryTests
    {
        do {
            return try UnaryTests(text.text)
        } catch {
            throw feelError(error, in: text, what: what, id: id, rule: rule)
        }
    }

    /// Output values (`"gold", "silver", "bronze"`) as one unary test per value, in priority order: split at the
    /// commas outside string literals, then joined back until each part parses (so `[1, 2]` or `f(a, b)` stay whole).
    private func positiveTests(_ text: SafeXML.Element, what: String, id: String) throws(DMNError) -> [UnaryTests] {
        _ = try unaryTests(text, what: what, id: id, rule: nil)
        let trimmed = text.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed == "-" || (trimmed.hasPrefix("not") && trimmed.dropFirst(3).drop(while: \.isWhitespace).first == "(")
        {
            throw DMNError("\(what) must list values, not '-' or 'not(…)'", elementID: id, line: text.line)
        }
        let parts = CommaSplit.split(text.text)
        var tests: [UnaryTests] = []
        var pending: String?
        for part in parts {
            let candidate = pending.map { $0 + "," + part } ?? part
            if let test = try? UnaryTests(candidate) {
                tests.append(test)
                pending = nil
            } else {
                pending = candidate
            }
        }
        guard pending == nil else {
            throw DMNError("\(what) could not be split into single values", elementID: id, line: text.line)
        }
        return tests
    }

    /// A FEEL parse error with the rule, the column (1-based, in the entry's text) and the document line.
    private func feelError(_ error: any Error, in text: SafeXML.Element, what: String, id: String, rule: Int?)
        -> DMNError
    {
        guard let error = error as? ExpressionError else {
            return DMNError("\(what): \(error)", elementID: id, line: text.line, rule: rule)
        }
        guard let offset = error.offset else {
            return DMNError("\(what): \(error.message)", elementID: id, line: text.line, rule: rule)
        }
        var line = text.line
        var column = 1
        for character in text.text.prefix(offset) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        let source = text.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let excerpt = source.count > 60 ? source.prefix(57) + "…" : Substring(source)
        return DMNError(
            "\(what): \(error.message) at column \(column) of \"\(excerpt)\"", elementID: id, line: line, rule: rule,
            column: column)
    }

    /// FEEL is the only expression language; `expressionLanguage` may name it (any DMN version's URI, or "feel").
    private func checkLanguage(_ element: SafeXML.Element, id: String?) throws(DMNError) {
        guard let language = element.attributes["expressionLanguage"] else { return }
        let lowered = language.lowercased()
        if lowered == "feel" || (lowered.contains("omg.org/spec/") && lowered.contains("/feel")) { return }
        throw DMNError(
            "the expression language '\(language)' is not supported; only FEEL",
            elementID: element.attributes["id"] ?? id,
            line: element.line)
    }

    // MARK: Helpers

    private func child(_ element: SafeXML.Element, _ localName: String) -> SafeXML.Element? {
        element.children.first { $0.namespace == dmn && $0.localName == localName }
    }

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy { $0.isWhitespace }
    }

    private func refused(_ element: SafeXML.Element, _ message: String, _ enclosingID: String? = nil) -> DMNError {
        DMNError(message, elementID: element.attributes["id"] ?? enclosingID, line: element.line)
    }
}
