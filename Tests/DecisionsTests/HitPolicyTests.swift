import Decisions
import Expressions
import Foundation
import Testing

func n(_ text: String) -> Value { .number(Decimal(string: text)!) }

/// The fee for a residents' parking permit, as a service designer would model it in the Camunda Modeler: by vehicle
/// length, reduced for severely disabled people; two outputs, so each rule gives a context.
let parkingFee = dmn(
    """
    <decision id="gebuehr" name="Gebühr Bewohnerparkausweis">
      <decisionTable id="gebuehr_tabelle" hitPolicy="UNIQUE">
        <input id="in_laenge" label="Fahrzeuglänge (m)">
          <inputExpression id="ie_laenge" typeRef="number"><text>fahrzeuglänge</text></inputExpression>
        </input>
        <input id="in_sb" label="Schwerbehindert (aG, Bl)" camunda:inputVariable="sb">
          <inputExpression id="ie_sb" typeRef="boolean"><text>schwerbehindert</text></inputExpression>
        </input>
        <output id="out_betrag" label="Gebühr (EUR)" name="betrag" typeRef="number" />
        <output id="out_grund" label="Begründung" name="begruendung" typeRef="string" />
        <rule id="kurz">
          <description>bis 4,20 m</description>
          <inputEntry id="kurz_1"><text>&lt;= 4.2</text></inputEntry>
          <inputEntry id="kurz_2"><text>false</text></inputEntry>
          <outputEntry id="kurz_3"><text>30</text></outputEntry>
          <outputEntry id="kurz_4"><text>"Pkw bis 4,20 m"</text></outputEntry>
        </rule>
        <rule id="mittel">
          <inputEntry id="mittel_1"><text>(4.2..4.7]</text></inputEntry>
          <inputEntry id="mittel_2"><text>false</text></inputEntry>
          <outputEntry id="mittel_3"><text>60</text></outputEntry>
          <outputEntry id="mittel_4"><text>"Pkw über 4,20 m bis 4,70 m"</text></outputEntry>
        </rule>
        <rule id="lang">
          <inputEntry id="lang_1"><text>&gt; 4.7</text></inputEntry>
          <inputEntry id="lang_2"><text>false</text></inputEntry>
          <outputEntry id="lang_3"><text>120</text></outputEntry>
          <outputEntry id="lang_4"><text>"Pkw über 4,70 m"</text></outputEntry>
        </rule>
        <rule id="ermaessigt">
          <inputEntry id="ermaessigt_1"><text></text></inputEntry>
          <inputEntry id="ermaessigt_2"><text>true</text></inputEntry>
          <outputEntry id="ermaessigt_3"><text>15</text></outputEntry>
          <outputEntry id="ermaessigt_4"><text>"ermäßigt: schwerbehindert"</text></outputEntry>
          <annotationEntry><text>§ 5 Gebührenordnung</text></annotationEntry>
        </rule>
      </decisionTable>
    </decision>
    <inputData id="laenge" name="fahrzeuglänge"><variable name="fahrzeuglänge" typeRef="number"/></inputData>
    <dmndi:DMNDI><dmndi:DMNDiagram id="diagram"/></dmndi:DMNDI>
    """)

/// Fee components of a passport application, summed (COLLECT SUM); the same table serves the other COLLECT
/// variants and RULE ORDER / OUTPUT ORDER through `components(policy:)`.
func components(policy: String) -> String {
    dmn(
        table(
            id: "bestandteile", policy: policy, inputs: ["antragsart", "eilbearbeitung", "kopien"], outputs: ["betrag"],
            outputValues: ["betrag": "30, 20, 10, 5, 2.5"],
            rules: [
                [#""neu""#, "-", "-", "30"],
                [#""verlängerung""#, "-", "-", "20"],
                ["-", "true", "-", "10"],
                ["-", "-", "> 0", "kopien * 2.5"],
                [#""neu", "verlängerung""#, "-", "-", "10"],
            ]))
}

@Suite struct HitPolicyTests {
    let fee: DecisionModel

    init() throws {
        fee = try model(parkingFee)
    }

    func feeFor(_ length: String, disabled: Bool?) throws -> DecisionResult {
        var variables: [String: Value] = ["fahrzeuglänge": n(length)]
        if let disabled { variables["schwerbehindert"] = .bool(disabled) }
        return try fee.evaluate(decisionID: "gebuehr", variables: variables)
    }

    // MARK: UNIQUE

    @Test func uniqueFeeByVehicleLength() throws {
        #expect(try feeFor("4.2", disabled: false).value == ["betrag": 30, "begruendung": "Pkw bis 4,20 m"])
        #expect(
            try feeFor("4.21", disabled: false).value == ["betrag": 60, "begruendung": "Pkw über 4,20 m bis 4,70 m"])
        #expect(
            try feeFor("4.7", disabled: false).value == ["betrag": 60, "begruendung": "Pkw über 4,20 m bis 4,70 m"])
        #expect(try feeFor("5.1", disabled: false).value == ["betrag": 120, "begruendung": "Pkw über 4,70 m"])
    }

    @Test func uniqueReducedFeeForSeverelyDisabled() throws {
        let result = try feeFor("5.1", disabled: true)
        #expect(result.value == ["betrag": 15, "begruendung": "ermäßigt: schwerbehindert"])
        #expect(result.name == "Gebühr Bewohnerparkausweis")
        #expect(result.variables == ["Gebühr Bewohnerparkausweis": result.value])
        let trace = try #require(result.trace.first)
        #expect(result.trace.count == 1)
        #expect(trace.decisionID == "gebuehr")
        #expect(trace.hitPolicy == .unique)
        #expect(trace.inputs.map(\.label) == ["Fahrzeuglänge (m)", "Schwerbehindert (aG, Bl)"])
        #expect(trace.inputs.map(\.expression) == ["fahrzeuglänge", "schwerbehindert"])
        #expect(trace.inputs.map(\.value) == [n("5.1"), true])
        #expect(trace.matchedRules.map(\.rule.number) == [4])
        #expect(trace.matchedRules.map(\.rule.index) == [3])
        #expect(trace.matchedRules.map(\.rule.id) == ["ermaessigt"])
        #expect(trace.matchedRules.map(\.hit) == [true])
        #expect(trace.value == result.value)
    }

    @Test func uniqueWithoutMatchIsNull() throws {
        let result = try feeFor("4.5", disabled: nil)
        #expect(result.value == .null)
        #expect(result.trace[0].matchedRules.isEmpty)
        #expect(result.trace[0].usedDefaultOutput == false)
    }

    @Test func uniqueViolationNamesTheRules() throws {
        let overlapping = try model(
            dmn(
                table(
                    id: "ueberlappend", inputs: ["alter"], outputs: ["stufe"],
                    rules: [["< 18", #""jugendlich""#], ["[16..65]", #""erwachsen""#], ["> 60", #""senior""#]])))
        #expect(try overlapping.evaluate(decisionID: "ueberlappend", variables: ["alter": 10]).value == "jugendlich")
        let error = try #require(evaluationError(overlapping, "ueberlappend", ["alter": 17]))
        #expect(error.kind == .uniqueViolation)
        #expect(error.decisionID == "ueberlappend")
        #expect(error.rules.map(\.number) == [1, 2])
        #expect(error.rules.map(\.id) == ["ueberlappend_r1", "ueberlappend_r2"])
        #expect(error.message.contains("rule 1 ('ueberlappend_r1') and rule 2 ('ueberlappend_r2') matched"))
    }

    @Test func hitPolicyDefaultsToUnique() throws {
        let model = try model(dmn(table(inputs: ["x"], outputs: ["y"], rules: [["> 1", "1"], ["> 2", "2"]])))
        guard case .decisionTable(let table) = try #require(model.decision(id: "d")).logic else {
            Issue.record("not a table")
            return
        }
        #expect(table.hitPolicy == .unique)
        #expect(evaluationError(model, "d", ["x": 3])?.kind == .uniqueViolation)
    }

    // MARK: FIRST

    @Test func firstTakesTheFirstMatchInRuleOrder() throws {
        let model = try model(
            dmn(
                table(
                    policy: #"hitPolicy="FIRST""#, inputs: ["alter"], outputs: ["tarif"],
                    rules: [["< 6", #""frei""#], ["< 18", #""ermäßigt""#], ["-", #""voll""#]])))
        #expect(try model.evaluate(decisionID: "d", variables: ["alter": 4]).value == "frei")
        #expect(try model.evaluate(decisionID: "d", variables: ["alter": 12]).value == "ermäßigt")
        let adult = try model.evaluate(decisionID: "d", variables: ["alter": 40])
        #expect(adult.value == "voll")
        #expect(adult.trace[0].matchedRules.map(\.rule.number) == [3])
        // Evaluation stops at the first match: the trace has one rule even though all three match a 4-year-old.
        #expect(try model.evaluate(decisionID: "d", variables: ["alter": 4]).trace[0].matchedRules.count == 1)
    }

    // MARK: ANY

    @Test func anyAcceptsEqualOutputsAndRefusesConflicts() throws {
        let model = try model(
            dmn(
                table(
                    policy: #"hitPolicy="ANY""#, inputs: ["alter", "einkommen"], outputs: ["anspruch"],
                    rules: [["< 18", "-", "false"], ["-", "> 50000", "false"], ["-", "< 1000", "true"]])))
        let both = try model.evaluate(decisionID: "d", variables: ["alter": 16, "einkommen": 60000])
        #expect(both.value == false)
        #expect(both.trace[0].matchedRules.map(\.rule.number) == [1, 2])
        #expect(both.trace[0].matchedRules.map(\.hit) == [true, true])
        let error = try #require(evaluationError(model, "d", ["alter": 16, "einkommen": 500]))
        #expect(error.kind == .anyConflict)
        #expect(error.rules.map(\.number) == [1, 3])
        #expect(error.message.contains("rule 1 ('d_r1') gives false and rule 3 ('d_r3') gives true"))
    }

    // MARK: PRIORITY

    /// Eligibility for a residents' parking permit: several rules may apply, the most severe outcome wins by the
    /// order of the output values.
    static let eligibility = dmn(
        table(
            id: "anspruch", name: "Anspruch Bewohnerparkausweis", policy: #"hitPolicy="PRIORITY""#,
            inputs: ["hauptwohnsitz", "halter", "offeneGebühren"], outputs: ["ergebnis"],
            outputValues: ["ergebnis": #""abgelehnt", "nachforderung", "bewilligt""#],
            rules: [
                ["false", "-", "-", #""abgelehnt""#],
                ["-", "false", "-", #""abgelehnt""#],
                ["-", "-", "> 0", #""nachforderung""#],
                ["true", "true", "-", #""bewilligt""#],
            ]))

    @Test func priorityReturnsTheHighestRankedOutput() throws {
        let model = try model(Self.eligibility)
        func check(_ residence: Bool, _ holder: Bool, _ open: Int) throws -> DecisionResult {
            try model.evaluate(
                decisionID: "anspruch",
                variables: [
                    "hauptwohnsitz": .bool(residence), "halter": .bool(holder),
                    "offeneGebühren": .number(Decimal(open)),
                ])
        }
        #expect(try check(true, true, 0).value == "bewilligt")
        let arrears = try check(true, true, 50)
        #expect(arrears.value == "nachforderung")
        #expect(arrears.trace[0].matchedRules.map(\.rule.number) == [3, 4])
        #expect(arrears.trace[0].matchedRules.map(\.hit) == [true, false])
        let refused = try check(false, false, 50)
        #expect(refused.value == "abgelehnt")
        #expect(refused.trace[0].matchedRules.map(\.rule.number) == [1, 2, 3])
        // Equal priority: the first of the equal rules is the hit.
        #expect(refused.trace[0].matchedRules.map(\.hit) == [true, false, false])
    }

    @Test func priorityWithSeveralOutputsRanksByTheOutputsWithValues() throws {
        let model = try model(
            dmn(
                table(
                    policy: #"hitPolicy="PRIORITY""#, inputs: ["x"], outputs: ["status", "hinweis"],
                    outputValues: ["status": #""rot", "gelb", "grün""#],
                    rules: [
                        ["> 0", #""grün""#, #""ok""#], ["> 5", #""gelb""#, #""prüfen""#], ["> 9", #""grün""#, #""x""#],
                    ])))
        #expect(
            try model.evaluate(decisionID: "d", variables: ["x": 10]).value == ["status": "gelb", "hinweis": "prüfen"])
        #expect(try model.evaluate(decisionID: "d", variables: ["x": 1]).value == ["status": "grün", "hinweis": "ok"])
    }

    // MARK: COLLECT, RULE ORDER, OUTPUT ORDER

    static let newUrgentTwoCopies: [String: Value] = ["antragsart": "neu", "eilbearbeitung": true, "kopien": 2]

    @Test func collectSumAddsEveryMatchedComponent() throws {
        let model = try model(components(policy: #"hitPolicy="COLLECT" aggregation="SUM""#))
        let result = try model.evaluate(decisionID: "bestandteile", variables: Self.newUrgentTwoCopies)
        // 30 (neu) + 10 (eil) + 2 × 2.5 (Kopien) + 10 (Pauschale): equal outputs are all added, not only distinct ones.
        #expect(result.value == 55)
        #expect(result.trace[0].aggregation == .sum)
        #expect(result.trace[0].matchedRules.map(\.rule.number) == [1, 3, 4, 5])
        #expect(result.trace[0].matchedRules.map(\.output) == [30, 10, 5, 10])
        let renewal = try model.evaluate(
            decisionID: "bestandteile", variables: ["antragsart": "verlängerung", "eilbearbeitung": false, "kopien": 0])
        #expect(renewal.value == 30)
    }

    @Test func collectWithoutMatchIsNullForEveryAggregation() throws {
        let nothing: [String: Value] = ["antragsart": "umschreibung", "eilbearbeitung": false, "kopien": 0]
        for policy in [
            "", #" aggregation="SUM""#, #" aggregation="COUNT""#, #" aggregation="MIN""#, #" aggregation="MAX""#,
        ] {
            let model = try model(components(policy: #"hitPolicy="COLLECT""# + policy))
            #expect(try model.evaluate(decisionID: "bestandteile", variables: nothing).value == .null, "\(policy)")
        }
        for policy in [#"hitPolicy="RULE ORDER""#, #"hitPolicy="OUTPUT ORDER""#] {
            let model = try model(components(policy: policy))
            #expect(try model.evaluate(decisionID: "bestandteile", variables: nothing).value == .null, "\(policy)")
        }
    }

    @Test func collectCountMinMax() throws {
        let count = try model(components(policy: #"hitPolicy="COLLECT" aggregation="COUNT""#))
        #expect(try count.evaluate(decisionID: "bestandteile", variables: Self.newUrgentTwoCopies).value == 4)
        let minimum = try model(components(policy: #"hitPolicy="COLLECT" aggregation="MIN""#))
        #expect(try minimum.evaluate(decisionID: "bestandteile", variables: Self.newUrgentTwoCopies).value == 5)
        let maximum = try model(components(policy: #"hitPolicy="COLLECT" aggregation="MAX""#))
        #expect(try maximum.evaluate(decisionID: "bestandteile", variables: Self.newUrgentTwoCopies).value == 30)
    }

    @Test func collectSumOfANonNumberIsNull() throws {
        let model = try model(
            dmn(
                table(
                    policy: #"hitPolicy="COLLECT" aggregation="SUM""#, inputs: ["x"], outputs: ["y"],
                    rules: [["-", "1"], ["> 1", #""zwei""#]])))
        #expect(try model.evaluate(decisionID: "d", variables: ["x": 1]).value == 1)
        #expect(try model.evaluate(decisionID: "d", variables: ["x": 2]).value == .null)
    }

    @Test func collectAndRuleOrderListOutputsInRuleOrder() throws {
        let collect = try model(components(policy: #"hitPolicy="COLLECT""#))
        #expect(
            try collect.evaluate(decisionID: "bestandteile", variables: Self.newUrgentTwoCopies).value == [
                30, 10, 5, 10,
            ])
        let ruleOrder = try model(components(policy: #"hitPolicy="RULE ORDER""#))
        let result = try ruleOrder.evaluate(decisionID: "bestandteile", variables: Self.newUrgentTwoCopies)
        #expect(result.value == [30, 10, 5, 10])
        #expect(result.trace[0].hitPolicy == .ruleOrder)
    }

    @Test func outputOrderSortsByOutputValues() throws {
        let model = try model(components(policy: #"hitPolicy="OUTPUT ORDER""#))
        let result = try model.evaluate(decisionID: "bestandteile", variables: Self.newUrgentTwoCopies)
        #expect(result.value == [30, 10, 10, 5])
        #expect(result.trace[0].matchedRules.map(\.rule.number) == [1, 3, 5, 4])
    }

    @Test func collectWithSeveralOutputsGivesAContextPerRule() throws {
        let model = try model(
            dmn(
                table(
                    policy: #"hitPolicy="COLLECT""#, inputs: ["x"], outputs: ["code", "text"],
                    rules: [["> 0", #""A""#, #""eins""#], ["> 1", #""B""#, "null"]])))
        #expect(
            try model.evaluate(decisionID: "d", variables: ["x": 2]).value == [
                ["code": "A", "text": "eins"], ["code": "B", "text": .null],
            ])
    }
}
