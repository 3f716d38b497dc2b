import Decisions
import Expressions
import Foundation
import Testing

/// Required decisions, literal expressions, defaults, input values and evaluation limits.
@Suite struct ModelTests {
    /// Total fee = base fee (a table) + surcharge (a table), both reading the same input; the total is a literal
    /// expression; `bescheid` requires the total and the base fee (a diamond: the base fee runs once).
    static let total = dmn(
        """
        <inputData id="i_laenge" name="länge"/>
        <decision id="grund" name="grundgebühr">
          <informationRequirement><requiredInput href="#i_laenge"/></informationRequirement>
          <decisionTable hitPolicy="FIRST">
            <input label="Länge"><inputExpression><text>länge</text></inputExpression></input>
            <output name="betrag"/>
            <rule id="g1"><inputEntry><text>&lt;= 4.7</text></inputEntry><outputEntry><text>30</text></outputEntry></rule>
            <rule id="g2"><inputEntry><text>-</text></inputEntry><outputEntry><text>60</text></outputEntry></rule>
          </decisionTable>
        </decision>
        <decision id="zuschlag" name="zuschlag">
          <decisionTable hitPolicy="UNIQUE">
            <input><inputExpression><text>eilig</text></inputExpression></input>
            <output name="betrag"/>
            <rule id="z1"><inputEntry><text>true</text></inputEntry><outputEntry><text>15</text></outputEntry></rule>
            <rule id="z2"><inputEntry><text>not(true)</text></inputEntry><outputEntry><text>0</text></outputEntry></rule>
          </decisionTable>
        </decision>
        <decision id="summe" name="summe">
          <informationRequirement><requiredDecision href="#grund"/></informationRequirement>
          <informationRequirement><requiredDecision href="#zuschlag"/></informationRequirement>
          <literalExpression><text>grundgebühr + zuschlag</text></literalExpression>
        </decision>
        <decision id="bescheid" name="bescheid">
          <informationRequirement><requiredDecision href="#summe"/></informationRequirement>
          <informationRequirement><requiredDecision href="#grund"/></informationRequirement>
          <literalExpression><text>{gesamt: summe, davonGrundgebühr: grundgebühr}</text></literalExpression>
        </decision>
        """)

    @Test func requiredDecisionsRunFirstAndOnce() throws {
        let model = try model(Self.total)
        let result = try model.evaluate(decisionID: "bescheid", variables: ["länge": 5, "eilig": true])
        #expect(result.value == ["gesamt": 75, "davonGrundgebühr": 60])
        #expect(result.trace.map(\.decisionID) == ["grund", "zuschlag", "summe", "bescheid"])
        #expect(result.trace[2].requiredDecisions == ["grund", "zuschlag"])
        #expect(result.trace[2].inputs.map(\.label) == ["grundgebühr", "zuschlag"])
        #expect(result.trace[2].inputs.map(\.value) == [60, 15])
        #expect(result.trace[2].hitPolicy == nil)
        #expect(result.trace[0].matchedRules.map(\.rule.id) == ["g2"])
        #expect(result.trace[0].inputs.map(\.label) == ["Länge"])
        #expect(model.decision(id: "grund")?.requiredInputs == ["i_laenge"])
        // A required decision's result hides a variable of the same name.
        let shadowed = try model.evaluate(decisionID: "summe", variables: ["länge": 4, "eilig": false, "zuschlag": 99])
        #expect(shadowed.value == 30)
        // Asking for a required decision itself runs only it.
        #expect(try model.evaluate(decisionID: "grund", variables: ["länge": 4]).trace.count == 1)
    }

    @Test func aFailingRequiredDecisionNamesItself() throws {
        let model = try model(
            dmn(
                """
                <decision id="a" name="a">
                  <decisionTable><input><inputExpression><text>x</text></inputExpression></input><output name="y"/>
                    <rule id="r1"><inputEntry><text>&gt; 0</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
                    <rule id="r2"><inputEntry><text>&gt; 1</text></inputEntry><outputEntry><text>2</text></outputEntry></rule>
                  </decisionTable>
                </decision>
                <decision id="b" name="b">
                  <informationRequirement><requiredDecision href="#a"/></informationRequirement>
                  <literalExpression><text>a * 2</text></literalExpression>
                </decision>
                """))
        #expect(try model.evaluate(decisionID: "b", variables: ["x": 1]).value == 2)
        let error = try #require(evaluationError(model, "b", ["x": 2]))
        #expect(error.kind == .uniqueViolation)
        #expect(error.decisionID == "a")
        #expect(error.rules.map(\.id) == ["r1", "r2"])
    }

    @Test func unknownDecision() throws {
        let model = try model(Self.total)
        let error = try #require(evaluationError(model, "gibtsnicht", [:]))
        #expect(error.kind == .unknownDecision)
        #expect(error.description == "decision 'gibtsnicht': the model has no decision with id 'gibtsnicht'")
    }

    @Test func literalExpressionsUseTheFEELSubset() throws {
        let model = try model(
            dmn(
                """
                <decision id="alter" name="volljährig">
                  <literalExpression><text>years and months duration(geburt, today).years &gt;= 18</text></literalExpression>
                </decision>
                """))
        let birth = Value.date(LocalDate(iso: "2008-05-01")!)
        #expect(
            try model.evaluate(
                decisionID: "alter", variables: ["geburt": birth, "today": .date(LocalDate(iso: "2026-05-01")!)]
            ).value == true)
        #expect(
            try model.evaluate(
                decisionID: "alter", variables: ["geburt": birth, "today": .date(LocalDate(iso: "2026-04-30")!)]
            ).value == false)
        let trace = try model.evaluate(decisionID: "alter", variables: [:]).trace[0]
        #expect(trace.inputs.map(\.label) == ["geburt", "today"])
        #expect(trace.value == .null)
    }

    @Test func defaultOutputEntryWhenNoRuleMatches() throws {
        let model = try model(
            dmn(
                """
                <decision id="d" name="d"><decisionTable hitPolicy="UNIQUE">
                  <input><inputExpression><text>x</text></inputExpression></input>
                  <output name="betrag"><defaultOutputEntry><text>basis * 2</text></defaultOutputEntry></output>
                  <output name="text"/>
                  <rule id="r1"><inputEntry><text>1</text></inputEntry>
                    <outputEntry><text>10</text></outputEntry><outputEntry><text>"eins"</text></outputEntry></rule>
                </decisionTable></decision>
                """))
        #expect(try model.evaluate(decisionID: "d", variables: ["x": 1]).value == ["betrag": 10, "text": "eins"])
        let fallback = try model.evaluate(decisionID: "d", variables: ["x": 2, "basis": 4])
        #expect(fallback.value == ["betrag": 8, "text": .null])
        #expect(fallback.trace[0].usedDefaultOutput)
    }

    @Test func dashMatchesAnythingButOnlyAllowedValuesWhenTheInputHasInputValues() throws {
        let xml = dmn(
            """
            <decision id="d" name="d"><decisionTable hitPolicy="FIRST">
              <input><inputExpression><text>status</text></inputExpression>
                <inputValues><text>"ledig", "verheiratet"</text></inputValues></input>
              <input><inputExpression><text>kinder</text></inputExpression></input>
              <output name="y"/>
              <rule><inputEntry><text>-</text></inputEntry><inputEntry><text>&gt; 0</text></inputEntry>
                <outputEntry><text>"mit Kindern"</text></outputEntry></rule>
              <rule><inputEntry><text></text></inputEntry><inputEntry><text>-</text></inputEntry>
                <outputEntry><text>"ohne"</text></outputEntry></rule>
            </decisionTable></decision>
            """)
        let status = try model(xml)
        #expect(
            try status.evaluate(decisionID: "d", variables: ["status": "ledig", "kinder": 2]).value == "mit Kindern")
        #expect(try status.evaluate(decisionID: "d", variables: ["status": "ledig"]).value == "ohne")
        // "geschieden" is not among the input values: `-` does not match it (DMN: e in (v)); nor does it match null.
        #expect(try status.evaluate(decisionID: "d", variables: ["status": "geschieden", "kinder": 2]).value == .null)
        #expect(try status.evaluate(decisionID: "d", variables: ["kinder": 2]).value == .null)
        // Without input values, `-` matches anything, null included.
        let open = try model(dmn(table(inputs: ["x"], outputs: ["y"], rules: [["-", "1"]])))
        #expect(try open.evaluate(decisionID: "d", variables: [:]).value == 1)
    }

    @Test func entriesMayReadOtherVariables() throws {
        let model = try model(
            dmn(
                table(
                    policy: #"hitPolicy="FIRST""#, inputs: ["einkommen"], outputs: ["stufe"],
                    rules: [["<= grenze", #""unter""#], ["-", #""über""#]])))
        #expect(try model.evaluate(decisionID: "d", variables: ["einkommen": 900, "grenze": 1000]).value == "unter")
        #expect(try model.evaluate(decisionID: "d", variables: ["einkommen": 900, "grenze": 800]).value == "über")
    }

    @Test func anExhaustedBudgetIsAnError() throws {
        let model = try model(
            dmn(
                table(
                    policy: #"hitPolicy="FIRST""#, inputs: ["count(liste[item > 0])"], outputs: ["y"],
                    rules: [["> 0", "1"]])))
        let big = Value.list(Array(repeating: 1, count: 20_000))
        let error = try #require(evaluationError(model, "d", ["liste": big]))
        #expect(error.kind == .expressionFailed)
        #expect(error.message.contains("budget"))
        #expect(try model.evaluate(decisionID: "d", variables: ["liste": [1, 2]]).value == 1)
    }

    @Test func modelsAreSendable() async throws {
        let model = try model(parkingFee)
        let values = try await withThrowingTaskGroup(of: Value.self) { group in
            for length in ["4.0", "4.5", "5.0"] {
                group.addTask {
                    try model.evaluate(
                        decisionID: "gebuehr", variables: ["fahrzeuglänge": n(length), "schwerbehindert": false]
                    ).value
                }
            }
            var values: [Value] = []
            for try await value in group { values.append(value) }
            return values
        }
        #expect(values.count == 3)
    }
}
