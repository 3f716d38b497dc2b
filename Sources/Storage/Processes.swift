import Crypto
import Expressions
import Foundation
import SQLKit
import Workflow

/// Durable process execution: the `Workflow` engine with its state in `process_instances`.
///
/// Every operation loads the instance (row-locked on PostgreSQL), runs the engine, and writes the new
/// state, its history and its timer jobs in one transaction — the caller's, when it passes one (the
/// domain change and the process step commit together), or a group commit shared with the other
/// operations that arrived meanwhile (one fsync for many). Timers are rows in `jobs`, fired by the job
/// worker through `timerHandler`; a timer that fires again after a crash finds itself gone and does
/// nothing. Messages carry an id and move an instance once.
public final class ProcessStore: Sendable {
    public static let timerJobKind = "bpmn.timer"
    /// Starts an instance at a timer start event's time (and schedules the cycle's next start).
    public static let startJobKind = "bpmn.start"

    public let database: Database
    public let clock: any WallClock
    private let repository: MutexBox<ProcessRepository>
    private let handlers: [String: TaskHandler]
    private let batcher: TransactionBatcher
    private let queue: JobQueue

    public init(database: Database, clock: any WallClock, handlers: [String: TaskHandler] = [:]) {
        self.database = database
        self.clock = clock
        self.repository = MutexBox(ProcessRepository())
        self.handlers = handlers
        self.batcher = TransactionBatcher(database: database)
        self.queue = JobQueue(database: database, clock: clock)
    }

    var engine: Engine {
        Engine(repository: repository.withLock { $0 }, handlers: handlers)
    }

    public var processIDs: [String] { repository.withLock { $0.processIDs } }

    public func model(_ id: String, version: Int? = nil) -> ProcessModel? {
        repository.withLock { $0.model(id, version: version) }
    }

    // MARK: Deployment

    /// Deploys the executable processes of a BPMN document; unchanged models keep their version.
    /// Service, script, send and business-rule tasks need a registered handler.
    @discardableResult
    public func deploy(_ data: Data) async throws -> [ProcessModel] {
        try await loadDefinitions()
        let handlerNames = Set(handlers.keys)
        let deployed = try repository.withLock { repository in
            try repository.deploy(data, handlers: handlerNames, requireHandlers: true)
        }
        let hash = Hex.encode(Data(SHA256.hash(data: data)))
        let source = String(decoding: data, as: UTF8.self)
        let now = Timestamp.string(clock.now())
        try await database.transaction { db in
            for model in deployed {
                try await db.raw(
                    """
                    INSERT INTO process_definitions (process_id, version, source_hash, bpmn, deployed_at)
                    VALUES (\(bind: model.id), \(bind: model.version), \(bind: hash), \(bind: source), \(bind: now))
                    ON CONFLICT (process_id, version) DO NOTHING
                    """
                ).run()
                // Timer start events: the newest version's schedule replaces the previous one.
                for node in model.triggeredStarts {
                    guard case .timer(let definition)? = node.trigger else { continue }
                    let schedule = try definition.schedule(after: self.clock.now())
                    try await self.scheduleStart(model.id, version: model.version, node: node.id, schedule, on: db)
                }
            }
        }
        return deployed
    }

    struct StartPayload: Codable {
        let process: String
        let version: Int
        let node: String
        let schedule: TimerSchedule
    }

    private func scheduleStart(
        _ process: String, version: Int, node: String, _ schedule: TimerSchedule, on db: any SQLDatabase
    ) async throws {
        let payload = String(
            decoding: try JSONEncoder().encode(
                StartPayload(process: process, version: version, node: node, schedule: schedule)), as: UTF8.self)
        try await queue.enqueue(
            kind: Self.startJobKind, payload: payload, runAt: schedule.due, uniqueKey: "bpmn-start:\(process):\(node)",
            onConflict: .replace, maxAttempts: 10, on: db)
    }

    /// The job handler for timer start events: starts the instance in the job's transaction and
    /// schedules the cycle's next start.
    public var startHandler: JobHandler {
        { job, db in
            let payload = try JSONDecoder().decode(StartPayload.self, from: Data(job.payload.utf8))
            _ = try await self.start(payload.process, version: payload.version, by: .event(payload.node), on: db)
            if let next = payload.schedule.next() {
                try await self.scheduleStart(
                    payload.process, version: payload.version, node: payload.node, next, on: db)
            }
        }
    }

    /// Loads every deployed definition (at start, and when another node deployed a new one).
    public func loadDefinitions() async throws {
        let rows = try await database.read { db in
            try await db.raw("SELECT process_id, version, source_hash, bpmn FROM process_definitions ORDER BY version")
                .all()
        }
        var loaded: [(ProcessModel, Int, String)] = []
        for row in rows {
            let id = try row.decode(column: "process_id", as: String.self)
            let version = try row.decode(column: "version", as: Int.self)
            if model(id, version: version) != nil { continue }
            let bpmn = try row.decode(column: "bpmn", as: String.self)
            let hash = try row.decode(column: "source_hash", as: String.self)
            for parsed in try BPMNImport.parse(Data(bpmn.utf8)) where parsed.id == id {
                loaded.append((parsed, version, hash))
            }
        }
        guard !loaded.isEmpty else { return }
        repository.withLock { repository in
            for (model, version, hash) in loaded { repository.register(model, version: version, sourceHash: hash) }
        }
    }

    // MARK: Operations

    /// Starts an instance; with `db`, inside the caller's transaction.
    public func start(
        _ processID: String, version: Int? = nil, variables: [String: Value] = [:], businessKey: String? = nil,
        by start: Engine.Start = .none, on db: (any SQLDatabase)? = nil
    ) async throws -> (ProcessInstance, Outcome) {
        if model(processID, version: version) == nil { try await loadDefinitions() }
        let engine = self.engine
        let now = clock.now()
        let (instance, outcome) = try engine.start(
            processID, version: version, id: Identifier.uuidV7(at: now), variables: variables, by: start, at: now)
        try await perform(on: db) { db in
            let state = try Self.encode(instance)
            let stamp = Timestamp.string(now)
            try await db.raw(
                """
                INSERT INTO process_instances (id, process_id, version, status, business_key, state, revision, created_at, updated_at)
                VALUES (\(bind: instance.id), \(bind: instance.processID), \(bind: instance.version),
                        \(bind: instance.status.rawValue), \(bind: businessKey), \(bind: state), 1, \(bind: stamp), \(bind: stamp))
                """
            ).run()
            try await self.appendHistory(instance.id, outcome.completed, base: 0, on: db)
            try await self.syncTimers(instance.id, old: [], new: instance.timers, on: db)
        }
        return (instance, outcome)
    }

    /// Completes an open task.
    public func complete(
        instance id: String, task: Int, variables: [String: Value] = [:], on db: (any SQLDatabase)? = nil
    ) async throws -> (ProcessInstance, Outcome) {
        let moved = try await step(id, on: db) { engine, instance, now in
            try engine.complete(&instance, task: task, variables: variables, at: now)
        }.get()
        guard let moved else { throw StorageError.notFound }
        return moved
    }

    public enum Delivery: Sendable {
        case delivered(ProcessInstance, Outcome)
        /// This message id was correlated before: nothing moved.
        case duplicate
        /// The instance does not wait for this message now.
        case notWaiting
    }

    /// Delivers a message identified by `messageID`; the same id twice moves the instance once.
    public func deliver(
        instance id: String, message: String, messageID: String, variables: [String: Value] = [:],
        on db: (any SQLDatabase)? = nil
    ) async throws -> Delivery {
        let result = try await step(
            id, on: db,
            before: { db in
                try await db.raw("SELECT message_id FROM process_messages WHERE message_id = \(bind: messageID)")
                    .first() == nil
            },
            after: { db, now in
                try await db.raw(
                    """
                    INSERT INTO process_messages (message_id, instance_id, name, received_at)
                    VALUES (\(bind: messageID), \(bind: id), \(bind: message), \(bind: Timestamp.string(now)))
                    """
                ).run()
            }
        ) { engine, instance, now in
            try engine.deliver(&instance, message: message, variables: variables, at: now)
        }
        switch result {
        case .success(let moved?): return .delivered(moved.0, moved.1)
        case .success(nil): return .notWaiting
        case .failure(StepSkipped.duplicate): return .duplicate
        case .failure(let error): throw error
        }
    }

    public func instance(_ id: String) async throws -> ProcessInstance? {
        try await database.read { db in
            guard let row = try await db.raw("SELECT state FROM process_instances WHERE id = \(bind: id)").first()
            else { return nil }
            return try Self.decode(try row.decode(column: "state", as: String.self))
        }
    }

    /// The completed flow nodes of an instance, oldest first.
    public func history(_ id: String) async throws -> [CompletedNode] {
        try await database.read { db in
            try await db.raw(
                "SELECT node_id, node_name, node_type, at FROM process_history WHERE instance_id = \(bind: id) ORDER BY seq"
            ).all().map { row in
                CompletedNode(
                    id: try row.decode(column: "node_id", as: String.self),
                    name: try row.decode(column: "node_name", as: String?.self),
                    type: try row.decode(column: "node_type", as: String.self),
                    at: Timestamp.date(try row.decode(column: "at", as: String.self)) ?? .distantPast)
            }
        }
    }

    /// The job handler for timers: fires the timer in the job's transaction. A timer already gone
    /// (fired before a crash, or its activity completed) does nothing.
    public var timerHandler: JobHandler {
        { job, db in
            struct Payload: Decodable {
                let instance: String
                let timer: String
            }
            let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
            _ = try await self.step(payload.instance, on: db) { engine, instance, now in
                try engine.fireTimer(&instance, key: payload.timer, at: now)
            }.get()
        }
    }

    // MARK: Internals

    enum StepSkipped: Error { case duplicate }

    /// Load, run, save in one transaction. The engine's own errors come back as `.failure` without
    /// aborting a shared group commit; database errors abort it. A body returning nil changed nothing.
    private func step(
        _ id: String, on db: (any SQLDatabase)?,
        before: (@Sendable (any SQLDatabase) async throws -> Bool)? = nil,
        after: (@Sendable (any SQLDatabase, Date) async throws -> Void)? = nil,
        _ body: @escaping @Sendable (Engine, inout ProcessInstance, Date) throws -> Outcome?
    ) async throws -> Result<(ProcessInstance, Outcome)?, any Error> {
        let kind = database.kind
        let work: @Sendable (any SQLDatabase) async throws -> Result<(ProcessInstance, Outcome)?, any Error> = { db in
            let lock = kind == .postgres ? " FOR UPDATE" : ""
            guard
                let row = try await db.raw(
                    "SELECT state, revision FROM process_instances WHERE id = \(bind: id)\(unsafeRaw: lock)"
                ).first()
            else { return .failure(StorageError.notFound) }
            if let before, try await !before(db) { return .failure(StepSkipped.duplicate) }
            let old = try Self.decode(try row.decode(column: "state", as: String.self))
            let revision = try row.decode(column: "revision", as: Int.self)
            if self.model(old.processID, version: old.version) == nil { try await self.loadDefinitions() }
            var instance = old
            let now = self.clock.now()
            let outcome: Outcome
            do {
                guard let moved = try body(self.engine, &instance, now) else { return .success(nil) }
                outcome = moved
            } catch { return .failure(error) }
            let state = try Self.encode(instance)
            try await db.raw(
                """
                UPDATE process_instances SET state = \(bind: state), status = \(bind: instance.status.rawValue),
                    revision = \(bind: revision + 1), updated_at = \(bind: Timestamp.string(now))
                WHERE id = \(bind: id) AND revision = \(bind: revision)
                """
            ).run()
            try await self.appendHistory(id, outcome.completed, base: old.completedCount, on: db)
            try await self.syncTimers(id, old: old.timers, new: instance.timers, on: db)
            if let after { try await after(db, now) }
            return .success((instance, outcome))
        }
        if let db { return try await work(db) }
        return try await batcher.run(work)
    }

    private func perform(on db: (any SQLDatabase)?, _ work: @escaping @Sendable (any SQLDatabase) async throws -> Void)
        async throws
    {
        if let db { return try await work(db) }
        try await batcher.run(work)
    }

    /// `base`: how many nodes the instance had completed before this step.
    private func appendHistory(_ id: String, _ nodes: [CompletedNode], base: Int, on db: any SQLDatabase) async throws {
        guard !nodes.isEmpty else { return }
        let rows = nodes.enumerated().map { i, node -> SQLQueryString in
            "(\(bind: id), \(bind: base + i + 1), \(bind: node.id), \(bind: node.name), \(bind: node.type), \(bind: Timestamp.string(node.at)))"
        }
        try await db.raw(
            "INSERT INTO process_history (instance_id, seq, node_id, node_name, node_type, at) VALUES \(rows.joined(separator: ", "))"
        ).run()
    }

    private func syncTimers(_ id: String, old: [PendingTimer], new: [PendingTimer], on db: any SQLDatabase) async throws
    {
        let oldKeys = Set(old.map(\.key))
        let newKeys = Set(new.map(\.key))
        for timer in old where !newKeys.contains(timer.key) {
            try await queue.cancel(uniqueKey: "bpmn:\(id):\(timer.key)", on: db)
        }
        for timer in new where !oldKeys.contains(timer.key) {
            let payload = String(
                decoding: try JSONEncoder().encode(["instance": id, "timer": timer.key]), as: UTF8.self)
            try await queue.enqueue(
                kind: Self.timerJobKind, payload: payload, runAt: timer.due, uniqueKey: "bpmn:\(id):\(timer.key)",
                maxAttempts: 10, on: db)
        }
    }

    static func encode(_ instance: ProcessInstance) throws -> String {
        String(decoding: try JSONEncoder().encode(instance), as: UTF8.self)
    }

    static func decode(_ state: String) throws -> ProcessInstance {
        try JSONDecoder().decode(ProcessInstance.self, from: Data(state.utf8))
    }
}

/// Runs the work of every caller that arrived while a commit was running in the next transaction,
/// one after another: one fsync for many process steps. A database error rolls the whole batch back
/// and every caller hears it; nobody hears "done" before the commit.
actor TransactionBatcher {
    typealias Work = @Sendable (any SQLDatabase) async throws -> any Sendable
    private let database: Database
    private var queue: [(Work, CheckedContinuation<any Sendable, any Error>)] = []
    private var running = false
    static let maxBatch = 256

    init(database: Database) { self.database = database }

    func run<R: Sendable>(_ work: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let value = try await withCheckedThrowingContinuation { continuation in
            queue.append(({ db in try await work(db) }, continuation))
            if !running {
                running = true
                Task { await drain() }
            }
        }
        return value as! R
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = Array(queue.prefix(Self.maxBatch))
            queue.removeFirst(batch.count)
            let works = batch.map(\.0)
            do {
                let results = try await database.transaction { db in
                    var results: [any Sendable] = []
                    for work in works { results.append(try await work(db)) }
                    return results
                }
                for (entry, result) in zip(batch, results) { entry.1.resume(returning: result) }
            } catch {
                for entry in batch { entry.1.resume(throwing: error) }
            }
        }
        running = false
    }
}
