import Expressions
import Foundation
import Testing

@testable import Workflow

/// Every executable model in shared/data/bpmn behaves as its source project's tests say (see the
/// README there). The Camunda (JUEL) and SpiffWorkflow (Python) conditions are translated into FEEL
/// by `Dialect.compatible` at deploy.
@Suite struct GatewayConformance {
    @Test(arguments: [(1, "Task 1"), (2, "Task 2"), (3, "Task 3")])
    func divergingExclusiveGateway(input: Int, task: String) throws {
        let h = try Harness("c7__ExclusiveGatewayTest.testDivergingExclusiveGateway.bpmn20.xml")
        let (instance, _) = try h.start("exclusiveGwDiverging", ["input": .number(Decimal(input))])
        #expect(instance.taskNames == [task])
    }

    @Test func exclusiveGatewayUnknownVariableIsAnError() throws {
        let h = try Harness("c7__ExclusiveGatewayTest.testDivergingExclusiveGateway.bpmn20.xml")
        #expect(throws: RuntimeError.self) { try h.start("exclusiveGwDiverging", ["iinput": 1]) }
        do {
            _ = try h.start("exclusiveGwDiverging", ["iinput": 1])
        } catch let error as RuntimeError {
            #expect(error.message.contains("unknown variable \"input\""))
        }
    }

    @Test(arguments: [(1, "Input is one"), (5, "Default input"), (3, "Input is three")])
    func defaultSequenceFlow(input: Int, task: String) throws {
        let h = try Harness("c7__ExclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml")
        let (instance, _) = try h.start("exclusiveGwDefaultSequenceFlow", ["input": .number(Decimal(input))])
        #expect(instance.taskNames == [task])
    }

    @Test func parallelForkJoin() throws {
        let h = try Harness("c7__ParallelGatewayTest.testForkJoin.bpmn20.xml")
        var (instance, _) = try h.start("forkJoin")
        #expect(Set(instance.taskNames) == ["Receive Payment", "Ship Order"])
        try h.complete(&instance, "Receive Payment")
        #expect(instance.taskNames == ["Ship Order"])
        try h.complete(&instance, "Ship Order")
        #expect(instance.taskNames == ["Archive Order"])
        try h.complete(&instance, "Archive Order")
        #expect(instance.status == .completed)
    }

    @Test(arguments: [(1, ["Task 1", "Task 2", "Task 3"]), (2, ["Task 2", "Task 3"]), (3, ["Task 3"])])
    func divergingInclusiveGateway(input: Int, tasks: [String]) throws {
        let h = try Harness("c7__InclusiveGatewayTest.testDivergingInclusiveGateway.bpmn20.xml")
        let (instance, _) = try h.start("inclusiveGwDiverging", ["input": .number(Decimal(input))])
        #expect(instance.taskNames.sorted() == tasks)
    }

    @Test func eventBasedGatewaySignalWins() throws {
        let h = try Harness(
            "c7__EventBasedGatewayTest.testCatchAlertAndTimer.bpmn20.xml",
            "c7__EventBasedGatewayTest.throwAlertSignal.bpmn20.xml")
        var (catcher, _) = try h.start("catchSignal")
        #expect(h.engine.waitsFor(catcher).signals == ["alert"])
        #expect(catcher.timers.count == 1)
        // Another instance throws the signal; the runtime broadcasts it to every instance.
        let (thrower, outcome) = try h.start("throwSignal")
        #expect(thrower.status == .completed)
        #expect(outcome.signals == ["alert"])
        let delivered = try h.engine.signal(&catcher, "alert", at: h.now)
        #expect(delivered != nil)
        #expect(catcher.timers.isEmpty)
        #expect(h.engine.waitsFor(catcher).signals.isEmpty)
        #expect(catcher.taskNames == ["afterSignal"])
    }

    @Test func eventBasedGatewayTimerWins() throws {
        var h = try Harness("c7__EventBasedGatewayTest.testCatchAlertAndTimer.bpmn20.xml")
        var (catcher, _) = try h.start("catchSignal")
        try h.advance(&catcher, by: 0)
        #expect(catcher.taskNames == ["afterTimer"])
        #expect(h.engine.waitsFor(catcher).signals.isEmpty)
        #expect(catcher.timers.isEmpty)
    }

    /// Spiff: an inclusive split with a default flow and an inclusive join that also splits.
    @Test func spiffInclusiveGatewayDefaultPath() throws {
        let h = try Harness("spiff__inclusive_gateway.bpmn")
        var (instance, _) = try h.start("main")
        try h.complete(&instance, "set_data", ["v": -1, "u": -1, "w": -1])
        #expect(instance.status == .completed)
        #expect(instance.variables == ["v": 0, "u": -1, "w": -1])
    }

    @Test func spiffInclusiveGatewayBothConditionalPaths() throws {
        let h = try Harness("spiff__inclusive_gateway.bpmn")
        var (instance, _) = try h.start("main")
        let outcome = try h.complete(&instance, "set_data", ["v": 0, "u": 1, "w": 1])
        #expect(instance.status == .completed)
        #expect(instance.variables == ["v": 0, "u": 1, "w": 1])
        // Both script tasks ran before the join fired once.
        let ids = outcome.completed.map(\.id)
        #expect(ids.contains("u_plus_v") && ids.contains("w_plus_v"))
        #expect(ids.filter { $0 == "second" }.count == 1)
    }

    @Test func spiffInclusiveGatewayNoPathIsAnError() throws {
        let h = try Harness("spiff__inclusive_gateway.bpmn")
        var (instance, _) = try h.start("main")
        let before = instance
        do {
            try h.complete(&instance, "set_data", ["v": 0, "u": -1, "w": -1])
            Issue.record("expected an error at gateway second")
        } catch let error as RuntimeError {
            #expect(error.message.contains("second"))
        }
        // The failed operation changed nothing: the task is still open.
        #expect(instance.openTasks == before.openTasks)
    }

    @Test func spiffEventGatewayMessage() throws {
        let h = try Harness("spiff__event-gateway.bpmn")
        var (instance, _) = try h.start("Process_0pvx19v")
        #expect(Set(h.engine.waitsFor(instance).messages) == ["message_1", "message_2"])
        #expect(instance.timers.count == 1)
        let outcome = try #require(try h.engine.deliver(&instance, message: "message_1", at: h.now))
        #expect(instance.status == .completed)
        #expect(outcome.completed.map(\.id).contains("message_1_event"))
        #expect(!outcome.completed.map(\.id).contains("message_2_event"))
        #expect(!outcome.completed.map(\.id).contains("timer_event"))
    }

    @Test func spiffEventGatewayTimer() throws {
        var h = try Harness("spiff__event-gateway.bpmn")
        var (instance, _) = try h.start("Process_0pvx19v")
        let trace = try h.advance(&instance, by: 1)
        #expect(instance.status == .completed)
        #expect(trace.map(\.id).contains("timer_event"))
        #expect(!trace.map(\.id).contains("message_1_event"))
        // The messages are no longer awaited: delivering one now does nothing.
        #expect(try h.engine.deliver(&instance, message: "message_1", at: h.now) == nil)
    }
}

@Suite struct ActivityConformance {
    @Test func userTaskThroughput() throws {
        let h = try Harness("spiff__resetworkflowA-sublevel.bpmn")
        var (instance, _) = try h.start("SubProcessA")
        #expect(instance.openTasks.map(\.nodeID) == ["SubTask2"])
        try h.complete(&instance, "SubTask2")
        #expect(instance.status == .completed)
    }

    @Test func embeddedSubprocess() throws {
        let h = try Harness("c7__SubProcessTest.testSimpleSubProcess.bpmn20.xml")
        var (instance, _) = try h.start("simpleSubProcess")
        #expect(instance.taskNames == ["Task in subprocess"])
        // Activity tree: process → subProcess → subProcessTask.
        #expect(instance.activeNodes == ["subProcess", "subProcessTask"])
        let outcome = try h.complete(&instance, "Task in subprocess")
        #expect(instance.status == .completed)
        #expect(outcome.completed.map(\.id) == ["subProcessTask", "subProcessEnd", "subProcess", "theEnd"])
    }

    @Test func callActivity() throws {
        let h = try Harness("c7__CallActivity.testCallSimpleSubProcess.bpmn20.xml", "c7__simpleSubProcess.bpmn20.xml")
        var (instance, _) = try h.start("callSimpleSubProcess")
        var seen: [String] = []
        while let task = instance.openTasks.first {
            seen.append(task.name ?? task.nodeID)
            try h.complete(&instance, task.nodeID)
        }
        #expect(seen == ["Task before subprocess", "Task in subprocess", "Task after subprocess"])
        #expect(instance.status == .completed)
    }

    @Test func receiveTaskWithoutMessage() throws {
        let h = try Harness("c7__ReceiveTaskTest.simpleReceiveTask.bpmn20.xml")
        var (instance, _) = try h.start("testProcess")
        #expect(instance.activeNodes == ["waitState"])
        #expect(h.engine.waitsFor(instance).messages.isEmpty)
        try h.complete(&instance, "waitState")
        #expect(instance.status == .completed)
    }

    @Test func miwgInvoiceDeploysAndRuns() throws {
        let h = try Harness("miwg__C.1.1.bpmn")
        var (instance, _) = try h.start("handle-invoice", ["approver": "demo"])
        #expect(instance.openTasks.map(\.nodeID) == ["assignApprover"])
        try h.complete(&instance, "assignApprover", ["approver": "kermit"])
        #expect(instance.openTasks.first?.assignee == "kermit")
        try h.complete(&instance, "approveInvoice", ["approved": true])
        #expect(instance.openTasks.first?.candidateGroups == ["accounting"])
        try h.complete(&instance, "prepareBankTransfer")
        #expect(instance.status == .completed)
    }

    @Test func miwgDocumentRequestDeploys() throws {
        var h = try Harness("miwg__C.9.1.bpmn")
        var (instance, _) = try h.start("requestDocument_en")
        #expect(instance.activeNodes == ["ReceiveTask_WaitForDocument"])
        // R6/P1D reminders, then the P7D escalation to "Call customer".
        let trace = try h.advance(&instance, by: 8 * 86_400)
        #expect(trace.filter { $0.id == "SendTask_SendReminderEmail" }.count == 6)
        #expect(instance.taskNames == ["Call customer"])
    }
}

@Suite struct EventConformance {
    @Test func interruptingTimerOnTask() throws {
        var h = try Harness("c7__BoundaryTimerEventTest.testInterruptingTimerDuration.bpmn20.xml")
        var (instance, _) = try h.start("escalationExample")
        #expect(instance.taskNames == ["First line support"])
        #expect(instance.openTasks.first?.assignee == "kermit")
        try h.advance(&instance, by: 4 * 60)
        #expect(instance.taskNames == ["First line support"])
        try h.advance(&instance, by: 61)
        #expect(instance.taskNames == ["Handle escalated issue"])
        #expect(instance.openTasks.first?.candidateGroups == ["management"])
    }

    @Test func interruptingTimerOnSubprocess() throws {
        var h = try Harness("c7__SubProcessTest.testSimpleSubProcessWithTimer.bpmn20.xml")
        var (instance, _) = try h.start("simpleSubProcess")
        #expect(instance.taskNames == ["Task in subprocess"])
        try h.advance(&instance, by: 2 * 3600 + 1)
        #expect(instance.taskNames == ["Fix escalated problem"])
        #expect(!instance.activeNodes.contains("subProcess"))
    }

    @Test func intermediateTimer() throws {
        var h = try Harness("c7__IntermediateTimerEventTest.testCatchingTimerEvent.bpmn20.xml")
        var (instance, _) = try h.start("intermediateTimerEventExample")
        #expect(instance.timers.count == 1)
        try h.advance(&instance, by: 5 * 60 + 1)
        #expect(instance.timers.isEmpty)
        #expect(instance.status == .completed)
    }

    @Test func nonInterruptingTimerOnTask() throws {
        var h = try Harness("spiff__boundary_timer_on_task.bpmn")
        var (instance, _) = try h.start("test_timer")
        #expect(instance.variables["timer_called"] == false)
        try h.advance(&instance, by: 1)
        #expect(instance.variables["timer_called"] == true)
        try h.complete(&instance, "user_task")
        #expect(instance.status == .completed)
    }

    @Test func nonInterruptingTimerOnSubprocess() throws {
        var h = try Harness("spiff__timer-non-interrupt-boundary.bpmn")
        var (instance, _) = try h.start("NonInterruptTimer")
        #expect(instance.openTasks.map(\.nodeID) == ["Activity_Work"])
        try h.advance(&instance, by: 0.1)
        #expect(instance.openTasks.count == 1)
        try h.advance(&instance, by: 0.2)
        #expect(Set(instance.openTasks.map(\.nodeID)) == ["Activity_Work", "GetReason"])
        try h.complete(&instance, "GetReason", ["delay_reason": "Just Because"])
        try h.complete(&instance, "Activity_Work", ["work_done": "Yes"])
        #expect(instance.status == .completed)
        #expect(instance.variables == ["work_done": "Yes", "delay_reason": "Just Because"])
    }

    @Test func messageStartEvent() throws {
        let h = try Harness("c7__MessageStartEventTest.testSingleMessageStartEvent.bpmn20.xml")
        var (instance, _) = try h.start("singleMessageStartEvent", by: .message("newInvoiceMessage"))
        #expect(instance.taskNames == ["Task"])
        try h.complete(&instance, "task")
        #expect(instance.status == .completed)
        // Start by key works too (a single start event).
        let (byKey, _) = try h.start("singleMessageStartEvent", by: .event("theStart"))
        #expect(byKey.taskNames == ["Task"])
    }

    @Test func intermediateMessage() throws {
        let h = try Harness("c7__MessageIntermediateEventTest.testSingleIntermediateMessageEvent.bpmn20.xml")
        var (instance, _) = try h.start("process")
        #expect(instance.activeNodes == ["messageCatch"])
        #expect(try h.engine.deliver(&instance, message: "otherMessage", at: h.now) == nil)
        _ = try #require(try h.engine.deliver(&instance, message: "newInvoiceMessage", at: h.now))
        #expect(instance.taskNames == ["Task"])
        // The same message twice moves the instance once.
        #expect(try h.engine.deliver(&instance, message: "newInvoiceMessage", at: h.now) == nil)
        try h.complete(&instance, "task")
        #expect(instance.status == .completed)
    }

    @Test func messageBoundaryFires() throws {
        let h = try Harness("c7__MessageBoundaryEventTest.testSingleBoundaryMessageEvent.bpmn20.xml")
        var (instance, _) = try h.start("process")
        _ = try #require(try h.engine.deliver(&instance, message: "messageName", at: h.now))
        #expect(instance.openTasks.map(\.nodeID) == ["taskAfterMessage"])
        try h.complete(&instance, "taskAfterMessage")
        #expect(instance.status == .completed)
    }

    @Test func messageBoundaryRemovedWhenTaskCompletes() throws {
        let h = try Harness("c7__MessageBoundaryEventTest.testSingleBoundaryMessageEvent.bpmn20.xml")
        var (instance, _) = try h.start("process")
        #expect(h.engine.waitsFor(instance).messages == ["messageName"])
        try h.complete(&instance, "task")
        #expect(h.engine.waitsFor(instance).messages.isEmpty)
        #expect(instance.openTasks.map(\.nodeID) == ["taskAfterTask"])
        try h.complete(&instance, "taskAfterTask")
        #expect(instance.status == .completed)
    }

    @Test func interruptingMessageEventSubprocess() throws {
        let h = try Harness("c7__MessageEventSubprocessTest.testInterruptingUnderProcessDefinition.bpmn20.xml")
        var (instance, _) = try h.start("process")
        #expect(h.engine.waitsFor(instance).messages == ["newMessage"])
        try h.complete(&instance, "task")
        #expect(instance.status == .completed)
        #expect(h.engine.waitsFor(instance).messages.isEmpty)

        var (second, _) = try h.start("process")
        _ = try #require(try h.engine.deliver(&second, message: "newMessage", at: h.now))
        #expect(second.openTasks.map(\.nodeID) == ["eventSubProcessTask"])
        try h.complete(&second, "eventSubProcessTask")
        #expect(second.status == .completed)
    }

    @Test func signalStartsEventSubprocess() throws {
        let h = try Harness("spiff__event-subprocess.bpmn")
        var (instance, _) = try h.start("main")
        try h.complete(&instance, "set_data", ["v1": true, "v2": false])
        #expect(instance.openTasks.map(\.nodeID) == ["task"])
        #expect(instance.variables["v1"] == true && instance.variables["v2"] == false)
        try h.complete(&instance, "task")
        #expect(instance.status == .completed)
    }

    @Test func errorEndEventCaughtOnSubprocess() throws {
        let h = try Harness("c7__BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocess.bpmn20.xml")
        var (instance, _) = try h.start("boundaryErrorOnEmbeddedSubprocess")
        #expect(instance.taskNames == ["subprocessTask"])
        try h.complete(&instance, "subprocessTask")
        #expect(instance.taskNames == ["task after catching the error"])
    }
}

@Suite struct LoopConformance {
    @Test func parallelMultiInstance() throws {
        let h = try Harness("c7__MultiInstanceTest.testParallelUserTasks.bpmn20.xml")
        var (instance, _) = try h.start("miParallelUserTasks")
        #expect(instance.taskNames == ["My Task 0", "My Task 1", "My Task 2"])
        #expect(instance.openTasks.map(\.assignee) == ["kermit_0", "kermit_1", "kermit_2"])
        for expected in [2, 1, 0] {
            try h.complete(&instance, instance.openTasks[0].nodeID)
            #expect(instance.activeCount(of: "miTasks") == expected)
        }
        #expect(instance.status == .completed)
    }

    @Test func sequentialMultiInstance() throws {
        let h = try Harness("c7__MultiInstanceTest.sequentialUserTasks.bpmn20.xml")
        var (instance, _) = try h.start("miSequentialUserTasks", ["nrOfLoops": 3])
        var assignees: [String?] = []
        while let task = instance.openTasks.first {
            #expect(instance.openTasks.count == 1)
            assignees.append(task.assignee)
            try h.complete(&instance, task.nodeID)
        }
        #expect(assignees == ["kermit_0", "kermit_1", "kermit_2"])
        #expect(instance.status == .completed)
    }

    @Test func spiffMultiInstanceOutputCollection() throws {
        let h = try Harness("spiff__parallel_multiinstance_cardinality.bpmn")
        var (instance, _) = try h.start("main")
        #expect(instance.openTasks.count == 3)
        for task in instance.openTasks {
            let item = try #require(task.localVariables["input_item"])
            guard case .number(let n) = item else { Issue.record("input_item is \(item)"); continue }
            _ = try h.engine.complete(&instance, task: task.id, variables: ["output_item": .number(n * 2)], at: h.now)
        }
        #expect(instance.status == .completed)
        #expect(instance.variables["output_data"] == [0, 2, 4])
    }

    @Test func spiffStandardLoopRunsToMaximum() throws {
        let h = try Harness("spiff__standard_loop.bpmn")
        var (instance, _) = try h.start("main", ["done": false])
        var iterations = 0
        while instance.status == .running {
            try h.complete(&instance, "any_task", ["done": false])
            iterations += 1
        }
        #expect(iterations == 3)
    }

    @Test func spiffStandardLoopStopsWhenDone() throws {
        let h = try Harness("spiff__standard_loop.bpmn")
        var (instance, _) = try h.start("main", ["done": false])
        try h.complete(&instance, "any_task", ["done": true])
        #expect(instance.status == .completed)
    }

    @Test func spiffStandardLoopSkippedWhenDoneBefore() throws {
        let h = try Harness("spiff__standard_loop.bpmn")
        let (instance, outcome) = try h.start("main", ["done": true])
        #expect(instance.status == .completed)
        #expect(!outcome.completed.map(\.id).contains("any_task"))
    }
}
