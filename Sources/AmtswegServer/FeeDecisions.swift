import Decisions
import Expressions
import Forms
import Foundation
import Payments

/// Fees found by DMN decision tables (`FeeSchedule.decision`): each decision with the form fields its
/// input variables read. The decision's value is the fee in euros (a number, or a context with
/// `betrag`); it must come out in whole cents.
struct DMNFeeDecisions: FeeDecisionEvaluating {
    struct Entry: Sendable {
        let model: DecisionModel
        /// Input variable → form field path (`G05000493.F05001064`).
        let inputs: [String: String]
    }

    let entries: [String: Entry]

    func fee(decision: String, inputs: [String: String]) throws -> Int {
        guard let entry = entries[decision] else {
            throw FeeError.decisionFailed(decision: decision, message: "no such fee decision")
        }
        var variables: [String: Value] = [:]
        for (variable, path) in entry.inputs {
            guard let value = inputs[path], !value.isEmpty else { throw FeeError.missingInput(field: path) }
            variables[variable] = .string(value)
        }
        let result = try entry.model.evaluate(decisionID: decision, variables: variables)
        var euros: Decimal?
        switch result.value {
        case .number(let n): euros = n
        case .context(let c): if case .number(let n)? = c["betrag"] { euros = n }
        default: break
        }
        guard let euros else {
            throw FeeError.decisionFailed(decision: decision, message: "no fee for these inputs (\(result.value))")
        }
        let cents = euros * 100
        var rounded = Decimal()
        var value = cents
        NSDecimalRound(&rounded, &value, 0, .plain)
        guard rounded == cents, let whole = Int(exactly: NSDecimalNumber(decimal: rounded).int64Value) else {
            throw FeeError.decisionFailed(decision: decision, message: "\(euros) € is not a whole number of cents")
        }
        return whole
    }

    /// The built-in fee decisions (their source: data/fees/*.dmn).
    static func builtIn() throws -> DMNFeeDecisions {
        let model = try DMNImport.parse(Data(bewohnerparkausweisDMN.utf8))
        return DMNFeeDecisions(entries: [
            "bewohnerparkausweis-gebuehr": Entry(model: model, inputs: ["dauer": "G05000493.F05001064"])
        ])
    }

    /// data/fees/bewohnerparkausweis-gebuehr.dmn (a test keeps the two identical).
    static let bewohnerparkausweisDMN = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Fee for a new resident parking permit by its period of validity (code list C05000108:
             "1" = 12 months, "2" = 24 months). Sample values ("Musterwert"): the amount is set by each
             municipality's fee ordinance under § 6a Abs. 5a StVG. Output in euros. -->
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="bewohnerparkausweis-gebuehren"
                     name="Gebühren Bewohnerparkausweis" namespace="https://amtsweg.example/dmn/fees">
          <decision id="bewohnerparkausweis-gebuehr" name="gebuehr">
            <decisionTable id="gebuehr-tabelle" hitPolicy="UNIQUE">
              <input id="in-dauer" label="Gültigkeitsdauer">
                <inputExpression id="in-dauer-expr" typeRef="string"><text>dauer</text></inputExpression>
              </input>
              <output id="out-betrag" name="betrag" typeRef="number"/>
              <rule id="r12">
                <inputEntry id="r12-in"><text>"1"</text></inputEntry>
                <outputEntry id="r12-out"><text>30</text></outputEntry>
              </rule>
              <rule id="r24">
                <inputEntry id="r24-in"><text>"2"</text></inputEntry>
                <outputEntry id="r24-out"><text>55.5</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """#
}

/// Form data as the inputs of a fee schedule: field paths (`G05000493.F05001064`, repeated groups
/// `G1[0].F2`) to their values as text.
enum FeeInputs {
    static func flatten(_ value: FormValue) -> [String: String] {
        var out: [String: String] = [:]
        func walk(_ value: FormValue, _ path: String) {
            switch value {
            case .object(let o): for (k, v) in o { walk(v, path.isEmpty ? k : "\(path).\(k)") }
            case .array(let a): for (i, v) in a.enumerated() { walk(v, "\(path)[\(i)]") }
            case .null: break
            case .string(let s): out[path] = s
            case .number(let n): out[path] = "\(n)"
            case .bool(let b): out[path] = b ? "true" : "false"
            }
        }
        walk(value, "")
        return out
    }
}
