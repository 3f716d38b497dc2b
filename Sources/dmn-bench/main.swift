import Decisions
import Expressions
import Foundation

// Median time of one evaluation of a 10-rule UNIQUE decision table (two inputs, two outputs, every rule checked),
// with the trace. Run in release: swift run -c release dmn-bench

let rules = (0..<10).map { index in
    let low = 3 + Double(index) * 0.25
    return """
        <rule id="r\(index + 1)">
          <inputEntry><text>[\(low)..\(low + 0.25))</text></inputEntry>
          <inputEntry><text>\(index % 2 == 0 ? "\"pkw\", \"kombi\"" : "not(\"lkw\")")</text></inputEntry>
          <outputEntry><text>\(20 + index * 5)</text></outputEntry>
          <outputEntry><text>"Stufe \(index + 1)"</text></outputEntry>
        </rule>
        """
}
let document = """
    <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="bench" name="bench" namespace="bench">
      <decision id="gebuehr" name="Gebühr">
        <decisionTable hitPolicy="UNIQUE">
          <input label="Länge"><inputExpression typeRef="number"><text>länge</text></inputExpression></input>
          <input label="Art"><inputExpression typeRef="string"><text>fahrzeug.art</text></inputExpression></input>
          <output name="betrag"/><output name="stufe"/>
          \(rules.joined(separator: "\n"))
        </decisionTable>
      </decision>
    </definitions>
    """

let model = try DMNImport.parse(Data(document.utf8))
let inputs: [[String: Value]] = (0..<10).map { index in
    [
        "länge": .number(Decimal(string: "\(3.1 + Double(index) * 0.25)")!),
        "fahrzeug": ["art": index % 2 == 0 ? "pkw" : "krad"],
    ]
}
// Sanity check: each input matches exactly one rule.
for variables in inputs {
    let result = try model.evaluate(decisionID: "gebuehr", variables: variables)
    precondition(result.trace[0].matchedRules.count == 1, "\(variables) → \(result.value)")
}

let batch = 1_000
var samples: [Double] = []
var sink = 0
for _ in 0..<300 {
    let start = DispatchTime.now().uptimeNanoseconds
    for iteration in 0..<batch {
        let result = try model.evaluate(decisionID: "gebuehr", variables: inputs[iteration % inputs.count])
        sink &+= result.trace.count
    }
    samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(batch))
}
samples.sort()
let median = samples[samples.count / 2]
print("dmn-bench: 10-rule UNIQUE table, 2 inputs, 2 outputs, with trace")
print("median \(Int(median.rounded())) ns per evaluation (p10 \(Int(samples[30])) ns, p90 \(Int(samples[270])) ns)")
if sink == 0 { print("") }
