import Expressions
import Foundation
import Testing

@testable import Workflow

/// Wraps process elements in a BPMN document.
func bpmn(_ body: String, extra: String = "") -> Data {
    Data(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
            id="d" targetNamespace="https://amtsweg.de/test">
          \(extra)
          <process id="p" isExecutable="true">
            \(body)
          </process>
        </definitions>
        """.utf8)
}

func engine(_ data: Data, handlers: [String: TaskHandler] = [:]) throws -> Engine {
    var repository = ProcessRepository()
    try repository.deploy(data, handlers: Set(handlers.keys), requireHandlers: !handlers.isEmpty)
    return Engine(repository: repository, handlers: handlers)
}

let t0 = Date(timeIntervalSince1970: 1_767_225_600)

@Suite struct ImportTests {
    func deployError(_ data: Data) -> DeployError? {
        do {
            var repository = ProcessRepository()
            try repository.deploy(data)
            return nil
        } catch { return error }
    }

    @Test func unsupportedElementsAreNamedAtDeploy() throws {
        let error = try #require(
            deployError(
                bpmn(
                    """
                    <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="cg"/>
                    <complexGateway id="cg"/>
                    """)))
        #expect(error.description.contains("complexGateway cg"))
        let escalation = try #require(
            deployError(
                bpmn(
                    """
                    <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="e"/>
                    <intermediateThrowEvent id="e"><escalationEventDefinition/></intermediateThrowEvent>
                    """)))
        #expect(escalation.description.contains("e") && escalation.description.contains("escalation"))
    }

    @Test func unknownReferencesAreNamed() throws {
        let target = try #require(
            deployError(bpmn(#"<startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="nowhere"/>"#)))
        #expect(target.description.contains("nowhere"))
        let message = try #require(
            deployError(
                bpmn(
                    """
                    <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="m"/>
                    <intermediateCatchEvent id="m"><messageEventDefinition messageRef="gibtsnicht"/></intermediateCatchEvent>
                    """)))
        #expect(message.description.contains("gibtsnicht"))
        let called = try #require(
            deployError(
                bpmn(
                    """
                    <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="c"/>
                    <callActivity id="c" calledElement="fehlt"/>
                    """)))
        #expect(called.description.contains("fehlt"))
        let condition = try #require(
            deployError(
                bpmn(
                    """
                    <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="g"/>
                    <exclusiveGateway id="g"/>
                    <sequenceFlow id="c1" sourceRef="g" targetRef="e"><conditionExpression>a ++ b</conditionExpression></sequenceFlow>
                    <endEvent id="e"/>
                    """)))
        #expect(condition.description.contains("c1"))
    }

    @Test func conditionsThatWouldBeIgnoredAreRefused() throws {
        let error = try #require(
            deployError(
                bpmn(
                    """
                    <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="p"/>
                    <parallelGateway id="p"/>
                    <sequenceFlow id="b" sourceRef="p" targetRef="e"><conditionExpression>x > 1</conditionExpression></sequenceFlow>
                    <endEvent id="e"/>
                    """)))
        #expect(error.description.contains("parallelGateway p") && error.description.contains("b"))
    }

    @Test func malformedXMLIsAClearError() throws {
        let error = try #require(deployError(Data("<definitions><process>".utf8)))
        #expect(error.description.contains("malformed XML"))
        let notBPMN = try #require(deployError(Data("<html/>".utf8)))
        #expect(notBPMN.description.contains("not a BPMN 2.0 document"))
    }

    @Test func lanesFlowsWithoutIDsAndArtifacts() throws {
        let data = bpmn(
            """
            <laneSet id="ls"><lane id="l1" name="Sachbearbeitung"><flowNodeRef>t</flowNodeRef></lane></laneSet>
            <dataObject id="do"/><textAnnotation id="ta"><text>Hinweis</text></textAnnotation>
            <startEvent id="s"/><sequenceFlow sourceRef="s" targetRef="t"/>
            <userTask id="t" name="Prüfen" camunda:candidateGroups="sachbearbeitung, leitung"/>
            <sequenceFlow sourceRef="t" targetRef="e"/><endEvent id="e"/>
            """)
        let e = try engine(data)
        let (instance, _) = try e.start("p", at: t0)
        let task = try #require(instance.openTasks.first)
        #expect(task.lane == "Sachbearbeitung")
        #expect(task.candidateGroups == ["sachbearbeitung", "leitung"])
    }

    @Test func versionsAreKept() throws {
        var repository = ProcessRepository()
        let v1 = bpmn(#"<startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="t"/><userTask id="t"/>"#)
        #expect(try repository.deploy(v1).map(\.version) == [1])
        #expect(try repository.deploy(v1).map(\.version) == [1])
        let v2 = bpmn(
            #"<startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="t"/><userTask id="t" name="neu"/>"#)
        #expect(try repository.deploy(v2).map(\.version) == [2])
        #expect(repository.model("p", version: 1)?.node(id: "t")?.name == nil)
        #expect(repository.model("p")?.node(id: "t")?.name == "neu")
    }

    @Test func missingHandlerRefusedWhenRequired() throws {
        var repository = ProcessRepository()
        let data = bpmn(
            #"<startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="r"/><businessRuleTask id="r" camunda:decisionRef="gebuehr"/>"#
        )
        #expect(throws: DeployError.self) { try repository.deploy(data, handlers: [], requireHandlers: true) }
        try repository.deploy(data, handlers: ["gebuehr"], requireHandlers: true)
    }

    @Test func dialects() {
        let d = Dialect.compatible
        #expect(d.translate("${input == 1}") == "input = 1")
        #expect(d.translate("u > 0 and done == True") == "u > 0 and done = true")
        #expect(d.translate("${a && !b}") != nil)
        #expect(d.translate("not done") == "not(done)")
        #expect(d.translate("work_done == 'Yes'") == #"work_done = "Yes""#)
        #expect(d.translate("bpmn:getDataObject('approved')") == "approved")
        #expect(d.translate("= betrag > 1000") == "betrag > 1000")
        #expect(Dialect.feel.translate("${x}") == "${x}")
    }

    @Test func isoTimers() throws {
        #expect(ISODuration("PT5M")?.added(to: t0) == t0.addingTimeInterval(300))
        #expect(ISODuration("PT0.2S")?.added(to: t0) == t0.addingTimeInterval(0.2))
        #expect(ISODuration("P1DT2H")?.added(to: t0) == t0.addingTimeInterval(86_400 + 7200))
        #expect(ISODuration("P1M")?.added(to: t0) == t0.addingTimeInterval(31 * 86_400))
        #expect(ISODuration("5M") == nil && ISODuration("P") == nil && ISODuration("PT") == nil)
        guard case .cycle(let n, nil, _)? = TimerValue.parse("R6/P1D", kind: .cycle) else {
            Issue.record("R6/P1D")
            return
        }
        #expect(n == 6)
        #expect(TimerValue.parse("2026-12-01T09:00:00+01:00", kind: .date) != nil)
        #expect(TimerValue.parse("morgen", kind: .date) == nil)
    }
}

@Suite struct SemanticsTests {
    @Test func terminateEndsEverything() throws {
        let e = try engine(
            bpmn(
                """
                <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="f"/>
                <parallelGateway id="f"/>
                <sequenceFlow id="b" sourceRef="f" targetRef="t"/><userTask id="t"/>
                <sequenceFlow id="c" sourceRef="f" targetRef="x"/><endEvent id="x"><terminateEventDefinition/></endEvent>
                """))
        let (instance, outcome) = try e.start("p", at: t0)
        #expect(instance.status == .completed)
        #expect(instance.openTasks.isEmpty)
        #expect(outcome.completed.last?.id == "x")
    }

    @Test func businessRuleTaskAndCaughtBPMNError() throws {
        let data = bpmn(
            """
            <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="r"/>
            <businessRuleTask id="r" camunda:decisionRef="gebuehr"/>
            <boundaryEvent id="err" attachedToRef="r"><errorEventDefinition errorRef="unvollstaendig"/></boundaryEvent>
            <sequenceFlow id="b" sourceRef="r" targetRef="ok"/><userTask id="ok"/>
            <sequenceFlow id="c" sourceRef="err" targetRef="nach"/><userTask id="nach" name="Nachfordern"/>
            """, extra: #"<error id="unvollstaendig" errorCode="UNVOLLSTAENDIG"/>"#)
        let e = try engine(
            data,
            handlers: [
                "gebuehr": { context in
                    guard case .number(let n)? = context.variables["seiten"] else {
                        throw BPMNError(code: "UNVOLLSTAENDIG")
                    }
                    return ["gebuehr": .number(n * 2)]
                }
            ])
        let (withData, _) = try e.start("p", variables: ["seiten": 3], at: t0)
        #expect(withData.variables["gebuehr"] == 6 && withData.openTasks.map(\.nodeID) == ["ok"])
        let (without, _) = try e.start("p", at: t0)
        #expect(without.openTasks.map(\.nodeID) == ["nach"])
    }

    @Test func uncaughtErrorIsARuntimeError() throws {
        let e = try engine(
            bpmn(
                """
                <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="x"/>
                <endEvent id="x"><errorEventDefinition errorRef="E"/></endEvent>
                """, extra: #"<error id="E" errorCode="E1"/>"#))
        #expect(throws: RuntimeError.self) { try e.start("p", at: t0) }
    }

    @Test func nonInterruptingEventSubprocessRunsBeside() throws {
        let e = try engine(
            bpmn(
                """
                <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="t"/><userTask id="t"/>
                <sequenceFlow id="b" sourceRef="t" targetRef="x"/><endEvent id="x"/>
                <subProcess id="sub" triggeredByEvent="true">
                  <startEvent id="ss" isInterrupting="false"><messageEventDefinition messageRef="m"/></startEvent>
                  <sequenceFlow id="c" sourceRef="ss" targetRef="info"/><userTask id="info"/>
                </subProcess>
                """, extra: #"<message id="m" name="rueckfrage"/>"#))
        var (instance, _) = try e.start("p", at: t0)
        _ = try #require(try e.deliver(&instance, message: "rueckfrage", at: t0))
        _ = try #require(try e.deliver(&instance, message: "rueckfrage", at: t0))
        #expect(instance.openTasks.map(\.nodeID) == ["t", "info", "info"])
        for task in instance.openTasks { _ = try e.complete(&instance, task: task.id, at: t0) }
        #expect(instance.status == .completed)
    }

    @Test func timerDateAndCycleReminders() throws {
        let e = try engine(
            bpmn(
                """
                <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="t"/><userTask id="t"/>
                <boundaryEvent id="frist" attachedToRef="t">
                  <timerEventDefinition><timeDate>2026-01-10T00:00:00Z</timeDate></timerEventDefinition>
                </boundaryEvent>
                <boundaryEvent id="erinnerung" attachedToRef="t" cancelActivity="false">
                  <timerEventDefinition><timeCycle>R2/P3D</timeCycle></timerEventDefinition>
                </boundaryEvent>
                <sequenceFlow id="b" sourceRef="erinnerung" targetRef="mail"/><sendTask id="mail"/>
                <sequenceFlow id="c" sourceRef="frist" targetRef="ablauf"/><userTask id="ablauf"/>
                """), handlers: ["mail": { _ in [:] }])
        var (instance, _) = try e.start("p", at: t0)
        var fired: [String] = []
        var now = t0
        for _ in 0..<20 {
            guard let timer = instance.timers.first else { break }
            now = timer.due
            // Firing twice moves the instance once.
            fired += try e.fireTimer(&instance, key: timer.key, at: now)?.completed.map(\.id) ?? []
            #expect(try e.fireTimer(&instance, key: timer.key, at: now) == nil)
        }
        #expect(fired.filter { $0 == "erinnerung" }.count == 2)
        #expect(fired.filter { $0 == "frist" }.count == 1)
        #expect(instance.openTasks.map(\.nodeID) == ["ablauf"])
        #expect(now == Date(timeIntervalSince1970: 1_767_225_600 + 9 * 86_400))
    }

    @Test func multiInstanceOverCollectionWithCompletionCondition() throws {
        let e = try engine(
            bpmn(
                """
                <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="pruefen"/>
                <userTask id="pruefen">
                  <multiInstanceLoopCharacteristics camunda:collection="${belege}" camunda:elementVariable="beleg">
                    <loopDataOutputRef>ergebnisse</loopDataOutputRef>
                    <outputDataItem id="ergebnis"/>
                    <completionCondition>ergebnis = "abgelehnt"</completionCondition>
                  </multiInstanceLoopCharacteristics>
                </userTask>
                <sequenceFlow id="b" sourceRef="pruefen" targetRef="x"/><endEvent id="x"/>
                """))
        var (instance, _) = try e.start("p", variables: ["belege": ["A", "B", "C"]], at: t0)
        #expect(instance.openTasks.map { $0.localVariables["beleg"] } == ["A", "B", "C"])
        let b = instance.openTasks[1]
        _ = try e.complete(&instance, task: instance.openTasks[0].id, variables: ["ergebnis": "ok"], at: t0)
        _ = try e.complete(&instance, task: b.id, variables: ["ergebnis": "abgelehnt"], at: t0)
        #expect(instance.status == .completed, "the completion condition cancelled the third")
        #expect(instance.variables["ergebnisse"] == ["ok", "abgelehnt", .null])
    }

    @Test func callActivityPassesVariablesBothWays() throws {
        var repository = ProcessRepository()
        let main = Data(
            """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <process id="haupt" isExecutable="true">
                <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="c"/>
                <callActivity id="c" calledElement="pruefung"/>
                <sequenceFlow id="b" sourceRef="c" targetRef="t"/><userTask id="t"/>
              </process>
              <process id="pruefung" isExecutable="true">
                <startEvent id="s2"/><sequenceFlow id="a2" sourceRef="s2" targetRef="r"/>
                <scriptTask id="r"><script>ergebnis = betrag * 2</script></scriptTask>
              </process>
            </definitions>
            """.utf8)
        try repository.deploy(main)
        let e = Engine(repository: repository)
        let (instance, _) = try e.start("haupt", variables: ["betrag": 21], at: t0)
        #expect(instance.variables["ergebnis"] == 42)
        #expect(instance.openTasks.map(\.nodeID) == ["t"])
    }

    @Test func stateSurvivesJSON() throws {
        let e = try engine(
            bpmn(
                """
                <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="t"/>
                <userTask id="t"><multiInstanceLoopCharacteristics><loopCardinality>2</loopCardinality></multiInstanceLoopCharacteristics></userTask>
                <boundaryEvent id="b" attachedToRef="t"><timerEventDefinition><timeDuration>P1D</timeDuration></timerEventDefinition></boundaryEvent>
                <sequenceFlow id="c" sourceRef="t" targetRef="x"/><endEvent id="x"/>
                """))
        let (instance, _) = try e.start(
            "p", variables: ["datum": .date(LocalDate(iso: "2026-01-01")!), "n": .number(Decimal(string: "1.5")!)],
            at: t0)
        let data = try JSONEncoder().encode(instance)
        var decoded = try JSONDecoder().decode(ProcessInstance.self, from: data)
        // The hand-written state JSON reads back the same.
        let fast = try JSONDecoder().decode(ProcessInstance.self, from: Data(instance.jsonState().utf8))
        #expect(fast.jsonState() == instance.jsonState())
        #expect(decoded.jsonState() == instance.jsonState())
        #expect(fast.openTasks == instance.openTasks && fast.timers == instance.timers)
        #expect(fast.variables == instance.variables)
        #expect(decoded.openTasks == instance.openTasks)
        #expect(decoded.timers == instance.timers)
        #expect(decoded.variables == instance.variables)
        for task in decoded.openTasks { _ = try e.complete(&decoded, task: task.id, at: t0) }
        #expect(decoded.status == .completed)
    }

    @Test func endlessLoopIsStopped() throws {
        let e = try engine(
            bpmn(
                """
                <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="g"/>
                <exclusiveGateway id="g"/><sequenceFlow id="b" sourceRef="g" targetRef="g2"/>
                <exclusiveGateway id="g2"/><sequenceFlow id="c" sourceRef="g2" targetRef="g"/>
                """))
        #expect(throws: RuntimeError.self) { try e.start("p", at: t0) }
    }

    @Test func timerStartEvent() throws {
        let e = try engine(
            bpmn(
                """
                <startEvent id="s"><timerEventDefinition><timeCycle>R/P1D</timeCycle></timerEventDefinition></startEvent>
                <sequenceFlow id="a" sourceRef="s" targetRef="t"/><userTask id="t"/>
                """))
        let model = try #require(e.repository.model("p"))
        #expect(model.noneStart == nil && model.triggeredStarts.map(\.id) == ["s"])
        #expect(throws: RuntimeError.self) { try e.start("p", at: t0) }
        let (instance, _) = try e.start("p", by: .event("s"), at: t0)
        #expect(instance.openTasks.map(\.nodeID) == ["t"])
    }
}
