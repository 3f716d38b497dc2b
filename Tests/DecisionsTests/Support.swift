import Decisions
import Expressions
import Foundation
import Testing

/// Builds a DMN document: `body` inside `definitions` in the given model namespace (DMN 1.3 by default).
func dmn(_ body: String, namespace: String = "https://www.omg.org/spec/DMN/20191111/MODEL/") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <definitions xmlns="\(namespace)" xmlns:camunda="http://camunda.org/schema/1.0/dmn" \
    xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" id="definitions" name="Test" \
    namespace="https://amtsweg.example/dmn">
    \(body)
    </definitions>
    """
}

func model(_ xml: String) throws -> DecisionModel {
    try DMNImport.parse(Data(xml.utf8))
}

/// The import error for a document that must be refused.
func importError(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) -> DMNError? {
    do {
        _ = try DMNImport.parse(Data(xml.utf8))
        Issue.record("the import should have failed", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// The evaluation error for a call that must fail.
func evaluationError(
    _ model: DecisionModel, _ id: String, _ variables: [String: Value],
    sourceLocation: SourceLocation = #_sourceLocation
) -> DecisionError? {
    do {
        let result = try model.evaluate(decisionID: id, variables: variables)
        Issue.record("the evaluation should have failed, gave \(result.value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// The 1-based line of the first line containing `marker`.
func line(of marker: String, in text: String) -> Int? {
    text.components(separatedBy: "\n").firstIndex { $0.contains(marker) }.map { $0 + 1 }
}

/// A decision table with the given hit policy attributes, inputs (name: expression), outputs and rules, each rule
/// given as its input entries followed by its output entries.
func table(
    id: String = "d", name: String? = nil, policy: String = "", inputs: [String], outputs: [String],
    outputValues: [String: String] = [:], rules: [[String]]
) -> String {
    var xml = "<decision id=\"\(id)\" name=\"\(name ?? id)\">\n<decisionTable id=\"\(id)_table\" \(policy)>\n"
    for (index, input) in inputs.enumerated() {
        xml += "<input id=\"\(id)_in\(index + 1)\" label=\"\(input)\">"
        xml += "<inputExpression typeRef=\"number\"><text>\(input)</text></inputExpression></input>\n"
    }
    for output in outputs {
        xml += "<output id=\"\(id)_out_\(output)\" name=\"\(output)\">"
        if let values = outputValues[output] { xml += "<outputValues><text>\(escaped(values))</text></outputValues>" }
        xml += "</output>\n"
    }
    for (index, rule) in rules.enumerated() {
        xml += "<rule id=\"\(id)_r\(index + 1)\">"
        for entry in rule.prefix(inputs.count) { xml += "<inputEntry><text>\(escaped(entry))</text></inputEntry>" }
        for entry in rule.dropFirst(inputs.count) { xml += "<outputEntry><text>\(escaped(entry))</text></outputEntry>" }
        xml += "</rule>\n"
    }
    return xml + "</decisionTable>\n</decision>"
}

/// Text escaped for XML character data.
func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
}
