import Expressions
import Foundation
import SQLKit
import Storage
import Synchronization
import Testing
import Workflow

/// A clerk's task with a two-hour escalation timer and a reminder cycle, and a message step.
let reviewProcess = Data(
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="https://amtsweg.de/test">
      <message id="docs" name="unterlagenEingegangen"/>
      <process id="pruefung" isExecutable="true">
        <startEvent id="start"/>
        <sequenceFlow id="f1" sourceRef="start" targetRef="pruefen"/>
        <userTask id="pruefen" name="Antrag prüfen"/>
        <boundaryEvent id="eskalation" attachedToRef="pruefen">
          <timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition>
        </boundaryEvent>
        <sequenceFlow id="f2" sourceRef="pruefen" targetRef="warten"/>
        <sequenceFlow id="f3" sourceRef="eskalation" targetRef="leitung"/>
        <userTask id="leitung" name="Leitung entscheidet"/>
        <sequenceFlow id="f4" sourceRef="leitung" targetRef="warten"/>
        <receiveTask id="warten" name="Unterlagen abwarten" messageRef="docs"/>
        <sequenceFlow id="f5" sourceRef="warten" targetRef="ende"/>
        <endEvent id="ende"/>
      </process>
    </definitions>
    """.utf8)

@Suite("Durable processes")
struct ProcessStoreTests {
    @Test("Start and complete persist every wait state; the state survives reopening", arguments: Backend.all)
    func persistAndReopen(backend: Backend) async throws {
        let test = try await TestDatabase.make(backend)
        defer { Task { await test.drop() } }
        let clock = ManualClock()
        var database = try await test.open()
        var store = ProcessStore(database: database, clock: clock)
        let models = try await store.deploy(reviewProcess)
        #expect(models.map(\.version) == [1])
        let (started, _) = try await store.start("pruefung", variables: ["az": "AW-1"], businessKey: "AW-1")
        #expect(started.openTasks.map(\.nodeID) == ["pruefen"])
        await database.close()

        database = try await test.open()
        store = ProcessStore(database: database, clock: clock)
        try await store.loadDefinitions()
        let loaded = try #require(try await store.instance(started.id))
        #expect(loaded.openTasks.map(\.nodeID) == ["pruefen"])
        #expect(loaded.variables["az"] == "AW-1")
        let (after, _) = try await store.complete(instance: started.id, task: loaded.openTasks[0].id)
        #expect(after.activeNodes == ["warten"])
        // The escalation timer's job went with the task.
        #expect(try await JobQueue(database: database, clock: clock).jobs(status: .pending).isEmpty)
        #expect(try await store.history(started.id).map(\.id) == ["start", "pruefen"])
        await database.close()
    }

    @Test(
        "Group commits write awkward values through binds: quotes, umlauts, no business key", arguments: Backend.all)
    func batchedRowsKeepTheirValues(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let store = ProcessStore(database: database, clock: clock)
            try await store.deploy(reviewProcess)
            let keys: [String?] = (0..<40).map { $0 % 4 == 0 ? nil : "O'Brien; ä–\($0) \"x\" -- \($0)" }
            // Started together: the group commit writes many rows per statement.
            let started = try await withThrowingTaskGroup(of: (String, Int, String?).self) { group in
                for (n, key) in keys.enumerated() {
                    group.addTask {
                        let (i, _) = try await store.start(
                            "pruefung", variables: ["az": .string("AW-'\(n)'")], businessKey: key)
                        _ = try await store.complete(instance: i.id, task: i.openTasks[0].id)
                        return (i.id, n, key)
                    }
                }
                return try await group.reduce(into: [String: (n: Int, key: String?)]()) { $0[$1.0] = ($1.1, $1.2) }
            }
            #expect(started.count == keys.count)
            // A fresh store reads what was committed, not its cache.
            let fresh = ProcessStore(database: database, clock: clock)
            try await fresh.loadDefinitions()
            let rows = try await database.read { db in
                try await db.raw("SELECT id, business_key, revision FROM process_instances").all()
            }
            #expect(rows.count == keys.count)
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                let expected = try #require(started[id])
                #expect(try row.decode(column: "business_key", as: String?.self) == expected.key)
                #expect(try row.decode(column: "revision", as: Int.self) == 2)
                let instance = try #require(try await fresh.instance(id))
                #expect(instance.activeNodes == ["warten"])
                #expect(instance.variables["az"] == .string("AW-'\(expected.n)'"))
                #expect(try await fresh.history(id).map(\.id) == ["start", "pruefen"])
            }
        }
    }

    @Test("A timer is a job: it fires once, and firing it again after a crash does nothing", arguments: Backend.all)
    func timerFiresOnce(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let store = ProcessStore(database: database, clock: clock)
            try await store.deploy(reviewProcess)
            let (instance, _) = try await store.start("pruefung")
            let queue = JobQueue(database: database, clock: clock)
            let pending = try await queue.jobs(status: .pending)
            #expect(pending.count == 1 && pending[0].kind == ProcessStore.timerJobKind)
            let worker = JobWorker(
                queue: queue, handlers: [ProcessStore.timerJobKind: store.timerHandler], workerID: "w1",
                logger: testLogger)
            #expect(try await worker.runOnce() == 0, "not due yet")
            clock.advance(by: 2 * 3600 + 1)
            #expect(try await worker.runOnce() == 1)
            let escalated = try #require(try await store.instance(instance.id))
            #expect(escalated.openTasks.map(\.nodeID) == ["leitung"])
            // The same job's work again (a worker that crashed before marking it done): no second move.
            try await database.transaction { db in try await store.timerHandler(pending[0], db) }
            let history = try await store.history(instance.id).map(\.id)
            #expect(history == ["start", "eskalation"])
            #expect(try #require(try await store.instance(instance.id)).openTasks.map(\.nodeID) == ["leitung"])
        }
    }

    @Test("The same message twice moves the instance once", arguments: Backend.all)
    func messageOnce(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let store = ProcessStore(database: database, clock: clock)
            try await store.deploy(reviewProcess)
            let (instance, _) = try await store.start("pruefung")
            guard
                case .notWaiting = try await store.deliver(
                    instance: instance.id, message: "unterlagenEingegangen", messageID: "m0")
            else { Issue.record("the instance does not wait for the message yet"); return }
            _ = try await store.complete(instance: instance.id, task: instance.openTasks[0].id)
            guard
                case .delivered(let done, _) = try await store.deliver(
                    instance: instance.id, message: "unterlagenEingegangen", messageID: "m1", variables: ["anzahl": 2])
            else { Issue.record("expected delivery"); return }
            #expect(done.status == .completed)
            #expect(done.variables["anzahl"] == 2)
            guard
                case .duplicate = try await store.deliver(
                    instance: instance.id, message: "unterlagenEingegangen", messageID: "m1")
            else { Issue.record("expected the duplicate to be recognised"); return }
            #expect(try await store.history(instance.id).map(\.id) == ["start", "pruefen", "warten", "ende"])
        }
    }

    @Test("A process step in the caller's transaction rolls back with it", arguments: Backend.all)
    func callerTransaction(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let store = ProcessStore(database: database, clock: ManualClock())
            try await store.deploy(reviewProcess)
            struct Abort: Error {}
            let id = Mutex<String?>(nil)
            await #expect(throws: Abort.self) {
                try await database.transaction { db in
                    let (instance, _) = try await store.start("pruefung", on: db)
                    id.withLock { $0 = instance.id }
                    throw Abort()
                }
            }
            let started = try #require(id.withLock { $0 })
            #expect(try await store.instance(started) == nil)
            #expect(try await JobQueue(database: database, clock: ManualClock()).jobs(status: .pending).isEmpty)
        }
    }

    @Test(
        "A changed model gets a new version; running instances keep theirs; other nodes load it", arguments: Backend.all
    )
    func versions(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let store = ProcessStore(database: database, clock: clock)
            try await store.deploy(reviewProcess)
            let (old, _) = try await store.start("pruefung")
            #expect(try await store.deploy(reviewProcess).map(\.version) == [1], "unchanged: same version")
            let changed = Data(
                String(decoding: reviewProcess, as: UTF8.self).replacingOccurrences(of: "PT2H", with: "PT4H").utf8)
            #expect(try await store.deploy(changed).map(\.version) == [2])
            let (new, _) = try await store.start("pruefung")
            #expect(old.version == 1 && new.version == 2)
            #expect(new.timers[0].due.timeIntervalSince(old.timers[0].due) == 2 * 3600)
            // Another node (a second store on the same database) runs the old instance on version 1.
            let other = ProcessStore(database: database, clock: clock)
            let (moved, _) = try await other.complete(instance: old.id, task: old.openTasks[0].id)
            #expect(moved.version == 1 && moved.activeNodes == ["warten"])
        }
    }

    @Test("Deploying refuses a service task without a handler, naming it")
    func handlersRequired() async throws {
        try await withDatabase(.sqlite) { database, _ in
            let bpmn = Data(
                """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
                  <process id="p" isExecutable="true">
                    <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="bescheid"/>
                    <serviceTask id="bescheid" name="Bescheid erstellen"/>
                  </process>
                </definitions>
                """.utf8)
            let store = ProcessStore(database: database, clock: ManualClock())
            do {
                try await store.deploy(bpmn)
                Issue.record("deployed without a handler")
            } catch let error as DeployError {
                #expect(error.description.contains("bescheid"))
            }
            let withHandler = ProcessStore(
                database: database, clock: ManualClock(), handlers: ["bescheid": { _ in ["erstellt": true] }])
            try await withHandler.deploy(bpmn)
            let (instance, _) = try await withHandler.start("p")
            #expect(instance.status == .completed && instance.variables["erstellt"] == true)
        }
    }

    @Test("Two workers share the timer queue and no timer fires twice", arguments: Backend.all)
    func twoWorkers(backend: Backend) async throws {
        try await withDatabase(backend) { database, test in
            let clock = ManualClock()
            let store = ProcessStore(database: database, clock: clock)
            try await store.deploy(reviewProcess)
            var ids: [String] = []
            for _ in 0..<40 { ids.append(try await store.start("pruefung").0.id) }
            clock.advance(by: 3 * 3600)
            // A second node: its own connection pool and store on the same database.
            let second = try await test.open()
            let otherStore = ProcessStore(database: second, clock: clock)
            let handled = Mutex([String: Int]())
            func worker(_ name: String, _ db: Database, _ s: ProcessStore) -> JobWorker {
                var w = JobWorker(
                    queue: JobQueue(database: db, clock: clock),
                    handlers: [
                        ProcessStore.timerJobKind: { job, tx in
                            try await s.timerHandler(job, tx)
                            handled.withLock { $0[name, default: 0] += 1 }
                        }
                    ], workerID: name, logger: testLogger)
                w.batchSize = 4
                return w
            }
            let a = worker("a", database, store)
            let b = worker("b", second, otherStore)
            async let runA: Void = { while try await a.runOnce() > 0 {} }()
            async let runB: Void = { while try await b.runOnce() > 0 {} }()
            _ = try await (runA, runB)
            await second.close()
            let counts = handled.withLock { $0 }
            #expect(counts.values.reduce(0, +) == 40)
            for id in ids {
                let history = try await store.history(id).map(\.id)
                #expect(history.filter { $0 == "eskalation" }.count == 1)
            }
            if backend == .postgres { #expect(counts.count == 2, "both workers took timers: \(counts)") }
        }
    }
}

@Suite("Timer start events")
struct TimerStartTests {
    @Test(
        "A timer start event starts instances on its cycle; a new version replaces the schedule", arguments: Backend.all
    )
    func cycle(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let store = ProcessStore(database: database, clock: clock)
            func model(_ cycle: String) -> Data {
                Data(
                    """
                    <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
                      <process id="monatsabschluss" isExecutable="true">
                        <startEvent id="s"><timerEventDefinition><timeCycle>\(cycle)</timeCycle></timerEventDefinition></startEvent>
                        <sequenceFlow id="a" sourceRef="s" targetRef="t"/><userTask id="t"/>
                      </process>
                    </definitions>
                    """.utf8)
            }
            try await store.deploy(model("R2/PT1H"))
            let queue = JobQueue(database: database, clock: clock)
            let worker = JobWorker(
                queue: queue, handlers: [ProcessStore.startJobKind: store.startHandler], workerID: "w",
                logger: testLogger)
            func instances() async throws -> Int {
                try await database.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM process_instances").first()!.decode(
                        column: "n", as: Int.self)
                }
            }
            #expect(try await worker.runOnce() == 0)
            clock.advance(by: 3601)
            #expect(try await worker.runOnce() == 1)
            #expect(try await instances() == 1)
            clock.advance(by: 3600)
            #expect(try await worker.runOnce() == 1)
            #expect(try await instances() == 2)
            clock.advance(by: 3600)
            #expect(try await worker.runOnce() == 0, "R2: two starts only")
            // A new version with an endless cycle replaces the schedule.
            try await store.deploy(model("R/PT1H"))
            clock.advance(by: 3601)
            #expect(try await worker.runOnce() == 1)
            let versions = try await database.read { db in
                try await db.raw("SELECT version FROM process_instances ORDER BY created_at").all().map {
                    try $0.decode(column: "version", as: Int.self)
                }
            }
            #expect(versions == [1, 1, 2])
        }
    }
}

@Suite("Process state cache")
struct ProcessCacheTests {
    @Test("A node with a stale cached state reloads it: no step is lost, none applied twice", arguments: Backend.all)
    func staleCache(backend: Backend) async throws {
        try await withDatabase(backend) { database, test in
            let clock = ManualClock()
            let bpmn = Data(
                """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
                  <process id="zwei" isExecutable="true">
                    <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="f"/>
                    <parallelGateway id="f"/>
                    <sequenceFlow id="b" sourceRef="f" targetRef="eins"/><userTask id="eins"/>
                    <sequenceFlow id="c" sourceRef="f" targetRef="zwei"/><userTask id="zwei"/>
                    <sequenceFlow id="d" sourceRef="eins" targetRef="j"/><sequenceFlow id="e" sourceRef="zwei" targetRef="j"/>
                    <parallelGateway id="j"/><sequenceFlow id="g" sourceRef="j" targetRef="x"/><endEvent id="x"/>
                  </process>
                </definitions>
                """.utf8)
            let nodeA = ProcessStore(database: database, clock: clock)
            try await nodeA.deploy(bpmn)
            let (instance, _) = try await nodeA.start("zwei")  // node A caches revision 1
            let second = try await test.open()
            let nodeB = ProcessStore(database: second, clock: clock)
            let eins = try #require(instance.openTasks.first { $0.nodeID == "eins" })
            let zwei = try #require(instance.openTasks.first { $0.nodeID == "zwei" })
            _ = try await nodeB.complete(instance: instance.id, task: eins.id)
            // Node A still holds revision 1, in which "eins" is open.
            await #expect(throws: RuntimeError.self) { try await nodeA.complete(instance: instance.id, task: eins.id) }
            let (done, _) = try await nodeA.complete(instance: instance.id, task: zwei.id)
            #expect(done.status == .completed)
            let history = try await nodeA.history(instance.id).map(\.id)
            #expect(history.filter { $0 == "eins" }.count == 1 && history.filter { $0 == "j" }.count == 1)
            await second.close()
        }
    }
}

@Suite("Signals and messages between instances")
struct ProcessCorrelationTests {
    static let bpmn = Data(
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
          <signal id="sig" name="stichtag"/>
          <message id="msg" name="unterlagen"/>
          <message id="neu" name="antrag"/>
          <process id="wartet" isExecutable="true">
            <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="c"/>
            <intermediateCatchEvent id="c"><signalEventDefinition signalRef="sig"/></intermediateCatchEvent>
            <sequenceFlow id="b" sourceRef="c" targetRef="t"/><userTask id="t"/>
          </process>
          <process id="wirft" isExecutable="true">
            <startEvent id="s2"/><sequenceFlow id="a2" sourceRef="s2" targetRef="w"/>
            <intermediateThrowEvent id="w"><signalEventDefinition signalRef="sig"/></intermediateThrowEvent>
            <sequenceFlow id="b2" sourceRef="w" targetRef="e2"/><endEvent id="e2"/>
          </process>
          <process id="startet" isExecutable="true">
            <startEvent id="s3"><signalEventDefinition signalRef="sig"/></startEvent>
            <sequenceFlow id="a3" sourceRef="s3" targetRef="t3"/><userTask id="t3"/>
          </process>
          <process id="nachfordern" isExecutable="true">
            <startEvent id="s4"/><sequenceFlow id="a4" sourceRef="s4" targetRef="r"/>
            <receiveTask id="r" messageRef="msg"/><sequenceFlow id="b4" sourceRef="r" targetRef="e4"/><endEvent id="e4"/>
          </process>
          <process id="eingang" isExecutable="true">
            <startEvent id="s5"><messageEventDefinition messageRef="neu"/></startEvent>
            <sequenceFlow id="a5" sourceRef="s5" targetRef="t5"/><userTask id="t5"/>
          </process>
        </definitions>
        """.utf8)

    @Test(
        "A thrown signal reaches every waiting instance once and starts signal-started processes",
        arguments: Backend.all)
    func signal(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let store = ProcessStore(database: database, clock: clock)
            try await store.deploy(Self.bpmn)
            var waiting: [String] = []
            for _ in 0..<3 { waiting.append(try await store.start("wartet").0.id) }
            let (thrower, outcome) = try await store.start("wirft")
            #expect(thrower.status == .completed && outcome.signals == ["stichtag"])
            let queue = JobQueue(database: database, clock: clock)
            let worker = JobWorker(
                queue: queue, handlers: [ProcessStore.signalJobKind: store.signalHandler], workerID: "w",
                logger: testLogger)
            #expect(try await worker.runOnce() == 1)
            for id in waiting {
                #expect(try #require(try await store.instance(id)).openTasks.map(\.nodeID) == ["t"])
            }
            let started = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM process_instances WHERE process_id = 'startet'").first()!
                    .decode(column: "n", as: Int.self)
            }
            #expect(started == 1)
            // Nobody waits any more: a second broadcast moves none of them again.
            try await store.broadcast(signal: "stichtag")
            #expect(try await worker.runOnce() == 1)
            for id in waiting {
                #expect(try await store.history(id).filter { $0.id == "c" }.count == 1)
            }
        }
    }

    @Test("A message finds its instance by name and business key, once; or starts its process", arguments: Backend.all)
    func correlate(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let store = ProcessStore(database: database, clock: ManualClock())
            try await store.deploy(Self.bpmn)
            let (a, _) = try await store.start("nachfordern", businessKey: "AW-1")
            let (b, _) = try await store.start("nachfordern", businessKey: "AW-2")
            guard case .ambiguous(let both) = try await store.correlate(message: "unterlagen", messageID: "m0") else {
                Issue.record("two instances wait: ambiguous without a key")
                return
            }
            #expect(Set(both) == [a.id, b.id])
            guard
                case .delivered(let moved, _) = try await store.correlate(
                    message: "unterlagen", businessKey: "AW-2", messageID: "m1")
            else {
                Issue.record("expected delivery to AW-2")
                return
            }
            #expect(moved.id == b.id && moved.status == .completed)
            guard
                case .duplicate = try await store.correlate(message: "unterlagen", businessKey: "AW-2", messageID: "m1")
            else {
                Issue.record("the same message id twice")
                return
            }
            guard case .delivered(let other, _) = try await store.correlate(message: "unterlagen", messageID: "m2")
            else {
                Issue.record("only AW-1 waits now")
                return
            }
            #expect(other.id == a.id)
            guard case .started(let fresh, _) = try await store.correlate(message: "antrag", messageID: "m3") else {
                Issue.record("a message start event starts its process")
                return
            }
            #expect(fresh.processID == "eingang" && fresh.openTasks.map(\.nodeID) == ["t5"])
            guard case .duplicate = try await store.correlate(message: "antrag", messageID: "m3") else {
                Issue.record("the same start message twice starts one instance")
                return
            }
            guard case .noRecipient = try await store.correlate(message: "gibtsnicht", messageID: "m4") else {
                Issue.record("no recipient")
                return
            }
        }
    }
}
