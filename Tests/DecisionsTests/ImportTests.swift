import Decisions
import Expressions
import Foundation
import Testing

@Suite struct ImportTests {
    @Test func readsTheTableAsWritten() throws {
        let model = try model(parkingFee)
        #expect(model.dmnVersion == "1.3")
        #expect(model.id == "definitions")
        #expect(model.namespace == "https://amtsweg.example/dmn")
        #expect(model.inputData == [InputData(id: "laenge", name: "fahrzeuglänge", typeRef: "number")])
        let decision = try #require(model.decision(id: "gebuehr"))
        #expect(model.decision(named: "Gebühr Bewohnerparkausweis")?.id == "gebuehr")
        guard case .decisionTable(let table) = decision.logic else {
            Issue.record("not a table")
            return
        }
        #expect(table.id == "gebuehr_tabelle")
        #expect(table.inputs.map(\.expression) == ["fahrzeuglänge", "schwerbehindert"])
        #expect(table.outputs.map(\.name) == ["betrag", "begruendung"])
        #expect(table.rules.map(\.id) == ["kurz", "mittel", "lang", "ermaessigt"])
        #expect(table.rules[3].inputEntries == ["", "true"])
        #expect(table.rules[1].outputEntries == ["60", #""Pkw über 4,20 m bis 4,70 m""#])
    }

    @Test func acceptsEveryDMNModelNamespace() throws {
        let versions = [
            "http://www.omg.org/spec/DMN/20151101/dmn.xsd": "1.1",
            "http://www.omg.org/spec/DMN/20180521/MODEL/": "1.2",
            "https://www.omg.org/spec/DMN/20191111/MODEL/": "1.3",
            "https://www.omg.org/spec/DMN/20211108/MODEL/": "1.4",
            "https://www.omg.org/spec/DMN/20230324/MODEL/": "1.5",
        ]
        for (namespace, version) in versions {
            let model = try model(dmn(table(inputs: ["x"], outputs: ["y"], rules: [["-", "1"]]), namespace: namespace))
            #expect(model.dmnVersion == version)
            #expect(try model.evaluate(decisionID: "d", variables: [:]).value == 1)
        }
    }

    // MARK: Refused documents

    @Test func malformedXMLGivesTheLine() throws {
        let error = try #require(
            importError(
                "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">\n<decision>\n</definitions>"))
        #expect(error.line == 3)
        #expect(error.message.contains("Malformed XML"))
    }

    @Test func refusesOtherDocuments() throws {
        let bpmn = #"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="b"/>"#
        let error = try #require(importError(bpmn))
        #expect(error.message.contains("not a DMN 1.1–1.5 model"))
        #expect(error.elementID == "b")
        #expect(error.line == 1)
    }

    @Test func unknownHitPolicyNamesTheTable() throws {
        let xml = dmn(table(id: "t", policy: #"hitPolicy="SOMETIMES""#, inputs: ["x"], outputs: ["y"], rules: []))
        let error = try #require(importError(xml))
        #expect(error.message.contains("unknown hit policy 'SOMETIMES'"))
        #expect(error.elementID == "t_table")
        #expect(error.line == line(of: "SOMETIMES", in: xml))
    }

    @Test func aggregationNeedsCollectAndOneOutput() throws {
        let withFirst = dmn(
            table(policy: #"hitPolicy="FIRST" aggregation="SUM""#, inputs: ["x"], outputs: ["y"], rules: []))
        #expect(importError(withFirst)?.message.contains("aggregation SUM needs the hit policy COLLECT") == true)
        let unknown = dmn(
            table(policy: #"hitPolicy="COLLECT" aggregation="AVG""#, inputs: ["x"], outputs: ["y"], rules: []))
        #expect(importError(unknown)?.message.contains("unknown aggregation 'AVG'") == true)
        let twoOutputs = dmn(
            table(policy: #"hitPolicy="COLLECT" aggregation="SUM""#, inputs: ["x"], outputs: ["a", "b"], rules: []))
        #expect(importError(twoOutputs)?.message.contains("needs a single output") == true)
    }

    @Test func priorityNeedsOutputValues() throws {
        let xml = dmn(table(policy: #"hitPolicy="PRIORITY""#, inputs: ["x"], outputs: ["y"], rules: [["-", "1"]]))
        #expect(importError(xml)?.message.contains("no output has any") == true)
    }

    @Test func unparsableInputEntryPointsToRuleAndColumn() throws {
        let xml = dmn(
            table(
                id: "t", inputs: ["alter", "einkommen"], outputs: ["y"],
                rules: [["< 18", "-", "1"], ["[18..65", "< 1000", "2"]]))
        let error = try #require(importError(xml))
        #expect(error.rule == 2)
        #expect(error.column == 8)
        #expect(error.elementID == "t_r2")
        #expect(error.line == line(of: "t_r2", in: xml))
        #expect(error.message.hasPrefix("rule 2, input entry 1 ('alter'):"))
        #expect(error.message.contains("to close the interval, found end of expression at column 8 of \"[18..65\""))
    }

    @Test func unparsableOutputEntryPointsToRuleAndColumn() throws {
        let xml = dmn(
            table(id: "t", inputs: ["x"], outputs: ["gebühr"], rules: [["-", "10 +* 2"]]))
        let error = try #require(importError(xml))
        #expect(error.rule == 1)
        #expect(error.column == 5)
        #expect(error.message.hasPrefix("rule 1, output entry 1 ('gebühr'): unexpected '*' at column 5"))
        #expect(error.description.contains("line \(line(of: "t_r1", in: xml)!)"))
    }

    @Test func multiLineEntriesGiveTheLineOfTheError() throws {
        let xml = dmn(
            """
            <decision id="d" name="d"><literalExpression id="le"><text>1 +
            2 +
            )</text></literalExpression></decision>
            """)
        let error = try #require(importError(xml))
        #expect(error.line == line(of: ")</text>", in: xml))
        #expect(error.column == 1)
        #expect(error.elementID == "le")
    }

    @Test func entryCountsMustFitTheTable() throws {
        let xml = dmn(
            """
            <decision id="d" name="d"><decisionTable>
              <input><inputExpression><text>x</text></inputExpression></input>
              <output name="a"/><output name="b"/>
              <rule id="r1"><inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
            </decisionTable></decision>
            """)
        let error = try #require(importError(xml))
        #expect(error.message == "rule 1 has 1 input and 1 output entries; the table has 1 inputs and 2 outputs")
        #expect(error.elementID == "r1")
        #expect(error.rule == 1)
        #expect(error.line == line(of: "<rule id=\"r1\">", in: xml))
    }

    @Test func severalOutputsNeedDistinctNames() throws {
        let xml = dmn(
            """
            <decision id="d" name="d"><decisionTable id="t">
              <input><inputExpression><text>x</text></inputExpression></input>
              <output id="o1" name="a"/><output id="o2"/>
            </decisionTable></decision>
            """)
        let error = try #require(importError(xml))
        #expect(error.message.contains("output 2 has no name"))
        #expect(error.elementID == "o2")
    }

    @Test func refusesUnsupportedElementsWithIdAndLine() throws {
        let context = dmn(
            """
            <decision id="d" name="d">
              <context id="ctx"><contextEntry><literalExpression><text>1</text></literalExpression></contextEntry></context>
            </decision>
            """)
        let error = try #require(importError(context))
        #expect(error.message == "a 'context' expression is not supported")
        #expect(error.elementID == "ctx")
        #expect(error.line == line(of: "<context id=\"ctx\">", in: context))

        let invocation = dmn(#"<decision id="d" name="d"><invocation id="inv"/></decision>"#)
        #expect(importError(invocation)?.message == "an 'invocation' expression is not supported")
        for kind in ["relation", "list", "functionDefinition"] {
            let xml = dmn(#"<decision id="d" name="d"><\#(kind) id="x"/></decision>"#)
            #expect(importError(xml)?.message.contains("'\(kind)' expression is not supported") == true)
        }

        let bkm = dmn(
            """
            <businessKnowledgeModel id="pmt" name="PMT">
              <encapsulatedLogic><literalExpression><text>1</text></literalExpression></encapsulatedLogic>
            </businessKnowledgeModel>
            """)
        let bkmError = try #require(importError(bkm))
        #expect(bkmError.message.contains("business knowledge models"))
        #expect(bkmError.elementID == "pmt")
        #expect(bkmError.line == line(of: "<businessKnowledgeModel", in: bkm))

        let service = dmn(#"<decisionService id="svc" name="svc"/>"#)
        #expect(importError(service)?.message == "decision services are not supported")
        let imported = dmn(#"<import namespace="x" importType="https://www.omg.org/spec/DMN/20191111/MODEL/"/>"#)
        #expect(importError(imported)?.message == "imports of other models are not supported")
        let noLogic = dmn(#"<decision id="d" name="Leer"/>"#)
        #expect(importError(noLogic)?.message.contains("has no decision logic") == true)
    }

    @Test func refusesOtherExpressionLanguages() throws {
        let xml = dmn(
            """
            <decision id="d" name="d"><decisionTable>
              <input id="i1"><inputExpression id="ie" expressionLanguage="juel"><text>${x}</text></inputExpression></input>
              <output name="y"/>
            </decisionTable></decision>
            """)
        let error = try #require(importError(xml))
        #expect(error.message == "the expression language 'juel' is not supported; only FEEL")
        #expect(error.elementID == "ie")
        let feel = dmn(
            """
            <decision id="d" name="d"><literalExpression expressionLanguage="https://www.omg.org/spec/DMN/20191111/FEEL/">
            <text>1 + 1</text></literalExpression></decision>
            """)
        #expect(try model(feel).evaluate(decisionID: "d", variables: [:]).value == 2)
    }

    @Test func requirementsMustResolve() throws {
        let missing = dmn(
            """
            <decision id="d" name="d">
              <informationRequirement><requiredDecision href="#nirgends"/></informationRequirement>
              <literalExpression><text>1</text></literalExpression>
            </decision>
            """)
        let error = try #require(importError(missing))
        #expect(error.message == "decision 'd' requires decision '#nirgends', which is not a decision in this model")
        #expect(error.line == line(of: "nirgends", in: missing))
        let external = dmn(
            """
            <decision id="d" name="d">
              <informationRequirement><requiredDecision href="other.dmn#x"/></informationRequirement>
              <literalExpression><text>1</text></literalExpression>
            </decision>
            """)
        #expect(importError(external)?.message.contains("imports are not supported") == true)
        let input = dmn(
            """
            <decision id="d" name="d">
              <informationRequirement><requiredInput href="#fehlt"/></informationRequirement>
              <literalExpression><text>1</text></literalExpression>
            </decision>
            """)
        #expect(importError(input)?.message.contains("requires input '#fehlt'") == true)
    }

    @Test func refusesCyclesAtImport() throws {
        let xml = dmn(
            """
            <decision id="a" name="a">
              <informationRequirement><requiredDecision href="#b"/></informationRequirement>
              <literalExpression><text>b + 1</text></literalExpression>
            </decision>
            <decision id="b" name="b">
              <informationRequirement><requiredDecision href="#c"/></informationRequirement>
              <literalExpression><text>c + 1</text></literalExpression>
            </decision>
            <decision id="c" name="c">
              <informationRequirement><requiredDecision href="#a"/></informationRequirement>
              <literalExpression><text>a + 1</text></literalExpression>
            </decision>
            """)
        let error = try #require(importError(xml))
        #expect(error.message == "required decisions form a cycle: 'a' → 'b' → 'c' → 'a'")
        #expect(error.elementID == "a")
        #expect(error.line == line(of: #"<decision id="a""#, in: xml))
    }

    @Test func refusesDuplicateIDs() throws {
        let xml = dmn(
            """
            <decision id="d" name="a"><literalExpression><text>1</text></literalExpression></decision>
            <inputData id="d" name="x"/>
            """)
        let error = try #require(importError(xml))
        #expect(error.message == "duplicate id 'd'")
        #expect(error.line == line(of: "<inputData", in: xml))
    }

    @Test func ignoresDocumentationTypesAndDiagrams() throws {
        let xml = dmn(
            """
            <description>Gebühren</description>
            <itemDefinition name="tBetrag"><typeRef>number</typeRef></itemDefinition>
            <knowledgeSource id="satzung" name="Gebührensatzung"/>
            <textAnnotation id="note"><text>Stand 2026</text></textAnnotation>
            <decision id="d" name="d">
              <question>Wie hoch?</question>
              <variable name="d" typeRef="tBetrag"/>
              <authorityRequirement><requiredAuthority href="#satzung"/></authorityRequirement>
              <extensionElements><camunda:foo/></extensionElements>
              <literalExpression typeRef="number"><text>42</text></literalExpression>
            </decision>
            <camunda:somethingElse/>
            <dmndi:DMNDI/>
            """)
        #expect(try model(xml).evaluate(decisionID: "d", variables: [:]).value == 42)
    }

    @Test func refusesUnknownDMNElements() throws {
        let xml = dmn(
            #"<decision id="d" name="d"><literalExpression><text>1</text></literalExpression></decision><gadget id="g"/>"#
        )
        let error = try #require(importError(xml))
        #expect(error.message == "the DMN element 'gadget' is not supported")
        #expect(error.elementID == "g")
    }
}
