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
    /// Delivers a signal to every instance waiting for it (and starts processes with a signal start).
    public static let signalJobKind = "bpmn.signal"

    public let database: Database
    public let clock: any WallClock
    private let repository: MutexBox<ProcessRepository>
    private let handlers: [String: TaskHandler]
    private let batcher: TransactionBatcher
    private let cache: StateCache
    private let queue: JobQueue
    private let observers = MutexBox<[StepObserver]>([])

    /// Called inside the transaction of every step after the engine moved an instance (not at
    /// start): domain modules (cases) keep their own rows in step with the process there.
    public typealias StepObserver =
        @Sendable (_ instance: ProcessInstance, _ outcome: Outcome, _ db: any SQLDatabase, _ now: Date) async throws ->
        Void

    /// Drops a deleted instance from this node's cache of committed states.
    public func forget(_ id: String) { cache.invalidate([id]) }

    public func addObserver(_ observer: @escaping StepObserver) {
        observers.withLock { $0.append(observer) }
    }

    public init(database: Database, clock: any WallClock, handlers: [String: TaskHandler] = [:]) {
        self.database = database
        self.clock = clock
        self.repository = MutexBox(ProcessRepository())
        self.handlers = handlers
        self.cache = StateCache()
        self.batcher = TransactionBatcher(database: database, cache: cache)
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
        let row = PendingInstance(
            id: instance.id, processID: instance.processID, version: instance.version, businessKey: businessKey,
            created: Timestamp.string(now))
        let json = instance.jsonState()
        // The rows' SQL is built here, in the caller's task, so the serial commit only writes it.
        let insertSQL = BatchWrites.insertRow(row, status: instance.status.rawValue, json: json, revision: 1)
        let historySQL = BatchWrites.historyRow(instance.id, outcome.completed, base: 0)
        try await perform(on: db) { db, writes in
            writes.insert(row, state: instance, json: json, revision: 1, sql: insertSQL)
            writes.history(historySQL)
            try await self.record(
                instance.id, old: nil, new: instance, outcome: outcome, subscriptions: nil, on: db, writes)
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

    /// The completed flow nodes of an instance, oldest first (names and types from its model).
    public func history(_ id: String) async throws -> [CompletedNode] {
        let (rows, process) = try await database.read { db in
            let process = try await db.raw("SELECT process_id, version FROM process_instances WHERE id = \(bind: id)")
                .first().map {
                    (
                        try $0.decode(column: "process_id", as: String.self),
                        try $0.decode(column: "version", as: Int.self)
                    )
                }
            let rows = try await db.raw(
                "SELECT nodes, at FROM process_history WHERE instance_id = \(bind: id) ORDER BY seq"
            ).all().map {
                (try $0.decode(column: "nodes", as: String.self), try $0.decode(column: "at", as: String.self))
            }
            return (rows, process)
        }
        if let process, model(process.0, version: process.1) == nil { try await loadDefinitions() }
        let model = process.flatMap { self.model($0.0, version: $0.1) }
        return rows.flatMap { nodes, at in
            nodes.split(separator: " ").map { nodeID in
                let node = model?.node(id: String(nodeID))
                return CompletedNode(
                    id: String(nodeID), name: node?.name, type: node?.type ?? "", at: Timestamp.date(at) ?? .distantPast
                )
            }
        }
    }

    /// Broadcasts a signal: every instance waiting for it moves, and processes with a signal start
    /// event for it start — durably, through a job (in the caller's transaction when given).
    public func broadcast(signal name: String, variables: [String: Value] = [:], on db: (any SQLDatabase)? = nil)
        async throws
    {
        if let db {
            try await enqueueSignal(name, variables: variables, except: nil, on: db)
        } else {
            try await database.transaction { db in
                try await self.enqueueSignal(name, variables: variables, except: nil, on: db)
            }
        }
    }

    /// The job handler for signals. An instance whose step fails (e.g. a condition on data it lacks)
    /// keeps waiting; the others move.
    public var signalHandler: JobHandler {
        { job, db in
            let payload = try JSONDecoder().decode(SignalPayload.self, from: Data(job.payload.utf8))
            let ids = try await db.raw(
                """
                SELECT instance_id FROM process_subscriptions WHERE kind = 'signal' AND name = \(bind: payload.name)
                ORDER BY instance_id
                """
            ).all().map { try $0.decode(column: "instance_id", as: String.self) }
            for id in ids where id != payload.except {
                _ = try await self.step(id, on: db) { engine, instance, now in
                    try engine.signal(&instance, payload.name, variables: payload.variables, at: now)
                }
            }
            for processID in self.processIDs {
                guard let model = self.model(processID),
                    model.triggeredStarts.contains(where: {
                        if case .signal(payload.name)? = $0.trigger { true } else { false }
                    })
                else { continue }
                _ = try await self.start(processID, variables: payload.variables, by: .signal(payload.name), on: db)
            }
        }
    }

    public enum Correlation: Sendable {
        case delivered(ProcessInstance, Outcome)
        /// No instance waited; a process with a message start event for it started.
        case started(ProcessInstance, Outcome)
        case duplicate
        /// Nobody waits for this message and no process starts with it.
        case noRecipient
        /// Several instances wait for it: give a business key.
        case ambiguous([String])
    }

    /// Delivers a message by name to the one instance waiting for it (narrowed by the business key,
    /// e.g. the case number), or starts a process with a message start event for it.
    public func correlate(
        message name: String, businessKey: String? = nil, messageID: String, variables: [String: Value] = [:]
    ) async throws -> Correlation {
        // A sender's retry of a message already correlated changes nothing.
        let seen = try await database.read { db in
            try await db.raw("SELECT message_id FROM process_messages WHERE message_id = \(bind: messageID)").first()
                != nil
        }
        if seen { return .duplicate }
        let candidates = try await database.read { db in
            try await db.raw(
                """
                SELECT s.instance_id FROM process_subscriptions s JOIN process_instances i ON i.id = s.instance_id
                WHERE s.kind = 'message' AND s.name = \(bind: name)
                  AND (\(bind: businessKey) IS NULL OR i.business_key = \(bind: businessKey))
                ORDER BY s.instance_id
                """
            ).all().map { try $0.decode(column: "instance_id", as: String.self) }
        }
        if candidates.count > 1 { return .ambiguous(candidates) }
        if let id = candidates.first {
            switch try await deliver(instance: id, message: name, messageID: messageID, variables: variables) {
            case .delivered(let instance, let outcome): return .delivered(instance, outcome)
            case .duplicate: return .duplicate
            case .notWaiting: return .noRecipient
            }
        }
        for processID in processIDs {
            guard let model = model(processID),
                model.triggeredStarts.contains(where: { if case .message(name)? = $0.trigger { true } else { false } })
            else { continue }
            let now = Timestamp.string(clock.now())
            let started: (ProcessInstance, Outcome)? = try await database.transaction { db in
                let seen = try await db.raw(
                    "SELECT message_id FROM process_messages WHERE message_id = \(bind: messageID)"
                ).first()
                if seen != nil { return nil }
                let result = try await self.start(
                    processID, variables: variables, businessKey: businessKey, by: .message(name), on: db)
                try await db.raw(
                    """
                    INSERT INTO process_messages (message_id, instance_id, name, received_at)
                    VALUES (\(bind: messageID), \(bind: result.0.id), \(bind: name), \(bind: now))
                    """
                ).run()
                return result
            }
            guard let started else { return .duplicate }
            return .started(started.0, started.1)
        }
        return .noRecipient
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

    /// Load, run, save in one transaction. The state comes from this batch, from the cache of
    /// committed states, or from the database; the write checks the revision, so a stale cached
    /// state (another node or process moved the instance) is reloaded and the step recomputed.
    /// The engine's own errors come back as `.failure` without aborting a shared group commit;
    /// database errors abort it. A body returning nil changed nothing.
    private func step(
        _ id: String, on db: (any SQLDatabase)?,
        before: (@Sendable (any SQLDatabase) async throws -> Bool)? = nil,
        after: (@Sendable (any SQLDatabase, Date) async throws -> Void)? = nil,
        _ body: @escaping @Sendable (Engine, inout ProcessInstance, Date) throws -> Outcome?
    ) async throws -> Result<(ProcessInstance, Outcome)?, any Error> {
        // A caller's transaction cannot be run again: its steps read the committed state.
        let useCache = db == nil
        // A step in a caller's transaction (a timer job, a case change) moves the instance past
        // what this node may have cached: drop the entry rather than fail a later batch on it.
        if !useCache { cache.invalidate([id]) }
        // The common case — a committed state in the cache — is computed here, in the caller's task,
        // so the serial section (the transaction) only writes; the revision check at the flush
        // catches a stale cache.
        var precomputed:
            (
                from: Int, old: ProcessInstance, new: ProcessInstance, outcome: Outcome, json: String, at: Date,
                subscriptions: (Subscriptions, Subscriptions), updateSQL: RowSQL, historySQL: RowSQL?
            )?
        if useCache, before == nil, let cached = cache.get(id) {
            let engine = self.engine
            var instance = cached.instance
            let now = clock.now()
            if engine.repository.model(cached.instance.processID, version: cached.instance.version) != nil,
                let moved = try? body(engine, &instance, now)
            {
                let json = instance.jsonState()
                precomputed = (
                    cached.revision, cached.instance, instance, moved, json, now,
                    (engine.subscriptionNames(cached.instance), engine.subscriptionNames(instance)),
                    BatchWrites.updateRow(
                        id, json: json, status: instance.status.rawValue, to: cached.revision + 1,
                        from: cached.revision, at: Timestamp.string(now)),
                    BatchWrites.historyRow(id, moved.completed, base: cached.instance.completedCount)
                )
            }
        }
        let ready = precomputed
        let work:
            @Sendable (any SQLDatabase, BatchWrites) async throws -> Result<(ProcessInstance, Outcome)?, any Error> = {
                db, writes in
                if let before, try await !before(db) { return .failure(StepSkipped.duplicate) }
                if let ready, writes.states[id] == nil, self.cache.get(id)?.revision == ready.from {
                    writes.update(
                        id, from: ready.from, to: ready.from + 1, state: ready.new, json: ready.json, at: ready.at,
                        sql: ready.updateSQL)
                    writes.history(ready.historySQL)
                    try await self.record(
                        id, old: ready.old, new: ready.new, outcome: ready.outcome, subscriptions: ready.subscriptions,
                        on: db, writes)
                    if let after { try await after(db, ready.at) }
                    return .success((ready.new, ready.outcome))
                }
                var fromDatabase = false
                var current: (revision: Int, instance: ProcessInstance)
                if let pending = writes.states[id] {
                    current = pending
                    fromDatabase = true  // written in this transaction: current by definition
                } else if useCache, let cached = self.cache.get(id) {
                    current = cached
                } else {
                    guard let loaded = try await self.load(id, on: db) else { return .failure(StorageError.notFound) }
                    current = loaded
                    fromDatabase = true
                }
                while true {
                    if self.model(current.instance.processID, version: current.instance.version) == nil {
                        try await self.loadDefinitions()
                    }
                    var instance = current.instance
                    let now = self.clock.now()
                    let result: Result<Outcome?, any Error>
                    do { result = .success(try body(self.engine, &instance, now)) } catch { result = .failure(error) }
                    guard case .success(let moved?) = result else {
                        // Nothing moved or the engine refused: decide only on the committed state.
                        if !fromDatabase {
                            guard let loaded = try await self.load(id, on: db) else {
                                return .failure(StorageError.notFound)
                            }
                            current = loaded
                            fromDatabase = true
                            continue
                        }
                        return result.map { _ in nil }
                    }
                    // The row is written when the batch is flushed; a stale cached revision makes the
                    // flush fail and the whole batch run again from the database.
                    writes.update(id, from: current.revision, to: current.revision + 1, state: instance, at: now)
                    writes.history(id, moved.completed, base: current.instance.completedCount)
                    try await self.record(
                        id, old: current.instance, new: instance, outcome: moved, subscriptions: nil, on: db, writes)
                    if let after { try await after(db, now) }
                    return .success((instance, moved))
                }
            }
        return try await perform(on: db, work)
    }

    /// The committed state and revision (row-locked on PostgreSQL).
    private func load(_ id: String, on db: any SQLDatabase) async throws -> (revision: Int, instance: ProcessInstance)?
    {
        let lock = database.kind == .postgres ? " FOR UPDATE" : ""
        guard
            let row = try await db.raw(
                "SELECT state, revision FROM process_instances WHERE id = \(bind: id)\(unsafeRaw: lock)"
            ).first()
        else { return nil }
        return (
            try row.decode(column: "revision", as: Int.self),
            try Self.decode(try row.decode(column: "state", as: String.self))
        )
    }

    /// Runs `work` in the caller's transaction (flushing its buffered rows at once), or in the next
    /// group commit (whose states enter the cache once committed).
    private func perform<R: Sendable>(
        on db: (any SQLDatabase)?, _ work: @escaping @Sendable (any SQLDatabase, BatchWrites) async throws -> R
    ) async throws -> R {
        if let db {
            let writes = BatchWrites()
            let result = try await work(db, writes)
            try await writes.flush(on: db)
            return result
        }
        return try await batcher.run(work)
    }

    /// What a step changes besides the state and history: subscriptions, timer jobs, and a signal
    /// job for each signal thrown (delivered to the other instances after this one commits).
    private func record(
        _ id: String, old: ProcessInstance?, new: ProcessInstance, outcome: Outcome,
        subscriptions: (Subscriptions, Subscriptions)?, on db: any SQLDatabase, _ writes: BatchWrites
    ) async throws {
        let engine = self.engine
        let (before, after) =
            subscriptions ?? (old.map { engine.subscriptionNames($0) } ?? [], engine.subscriptionNames(new))
        writes.subscriptions(id, old: before, new: after)
        if old != nil {
            for observer in observers.withLock({ $0 }) { try await observer(new, outcome, db, clock.now()) }
        }
        for signal in outcome.signals {
            try await enqueueSignal(signal, variables: [:], except: id, on: db)
        }
        try await syncTimers(id, old: old?.timers ?? [], new: new.timers, on: db)
    }

    struct SignalPayload: Codable {
        let name: String
        let variables: [String: Value]
        let except: String?
    }

    private func enqueueSignal(_ name: String, variables: [String: Value], except: String?, on db: any SQLDatabase)
        async throws
    {
        let payload = String(
            decoding: try JSONEncoder().encode(SignalPayload(name: name, variables: variables, except: except)),
            as: UTF8.self)
        try await queue.enqueue(kind: Self.signalJobKind, payload: payload, maxAttempts: 10, on: db)
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

    static func decode(_ state: String) throws -> ProcessInstance {
        try JSONDecoder().decode(ProcessInstance.self, from: Data(state.utf8))
    }
}

/// A new instance row, written at the end of its batch.
struct PendingInstance: Sendable {
    let id: String
    let processID: String
    let version: Int
    let businessKey: String?
    let created: String
}

/// What one transaction writes besides the row updates it makes at once: new instance rows and
/// history rows, flushed as one multi-row statement each before the commit; and the states it
/// produced, which later steps of the same batch build on and the cache takes after the commit.
/// Used by one transaction at a time, step after step.
final class BatchWrites: @unchecked Sendable {
    var states: [String: (revision: Int, instance: ProcessInstance)] = [:]
    /// New rows with their state JSON (encoded by the caller, outside the serial section, or nil).
    private var inserts: [String: (row: PendingInstance, state: ProcessInstance, json: String?, sql: RowSQL?)] = [:]
    private var insertOrder: [String] = []
    private var historyRows: [RowSQL] = []
    private var subscriptionRemovals: [(id: String, kind: String, name: String)] = []
    private var subscriptionAdditions: [(id: String, kind: String, name: String)] = []

    /// Records how an instance's subscriptions changed with a step.
    func subscriptions(_ id: String, old: Subscriptions, new: Subscriptions) {
        for s in old.subtracting(new) { subscriptionRemovals.append((id, s.kind, s.name)) }
        for s in new.subtracting(old) { subscriptionAdditions.append((id, s.kind, s.name)) }
    }

    /// `sql`: the row as `insertRow` builds it, when the caller built it already.
    func insert(_ row: PendingInstance, state: ProcessInstance, json: String?, revision: Int, sql: RowSQL? = nil) {
        inserts[row.id] = (row, state, json, sql)
        insertOrder.append(row.id)
        states[row.id] = (revision, state)
    }

    private var updates: [String: (from: Int, to: Int, state: ProcessInstance, json: String?, at: Date, sql: RowSQL?)] =
        [:]
    private var updateOrder: [String] = []

    /// A new state of an instance: folded into its pending insert, or an update checked against
    /// the revision the batch started from.
    func update(
        _ id: String, from: Int, to: Int, state: ProcessInstance, json: String? = nil, at: Date, sql: RowSQL? = nil
    ) {
        states[id] = (to, state)
        if inserts[id] != nil {
            inserts[id]!.state = state
            inserts[id]!.json = nil
            inserts[id]!.sql = nil
        } else if updates[id] != nil {
            updates[id]!.to = to
            updates[id]!.state = state
            updates[id]!.json = nil
            updates[id]!.at = at
            updates[id]!.sql = nil
        } else {
            updates[id] = (from, to, state, json, at, sql)
            updateOrder.append(id)
        }
    }

    /// One row per step: the ids of the nodes it completed, in order (BPMN ids have no spaces).
    func history(_ id: String, _ nodes: [CompletedNode], base: Int) {
        history(Self.historyRow(id, nodes, base: base))
    }

    func history(_ row: RowSQL?) {
        if let row { historyRows.append(row) }
    }

    // MARK: Rows

    /// `(id, process_id, version, status, business_key, state, revision, created_at, updated_at)`
    static func insertRow(_ row: PendingInstance, status: String, json: String, revision: Int) -> RowSQL {
        var r = RowSQL()
        r.raw("(")
        r.text(row.id)
        r.raw(", ")
        r.bind(row.processID)
        r.raw(", \(row.version), ")
        r.text(status)
        r.raw(", ")
        r.bind(row.businessKey)
        r.raw(", ")
        r.bind(json)
        r.raw(", \(revision), ")
        r.text(row.created)
        r.raw(", ")
        r.text(row.created)
        r.raw(")")
        return r
    }

    /// `(id, state, status, revision, old_revision, updated_at)`
    static func updateRow(_ id: String, json: String, status: String, to: Int, from: Int, at: String) -> RowSQL {
        var r = RowSQL()
        r.raw("(")
        r.text(id)
        r.raw(", ")
        r.bind(json)
        r.raw(", ")
        r.text(status)
        r.raw(", \(to), \(from), ")
        r.text(at)
        r.raw(")")
        return r
    }

    /// `(instance_id, seq, nodes, at)`, or nil when the step completed no node.
    static func historyRow(_ id: String, _ nodes: [CompletedNode], base: Int) -> RowSQL? {
        guard let first = nodes.first else { return nil }
        var r = RowSQL()
        r.raw("(")
        r.text(id)
        r.raw(", \(base + 1), ")
        r.bind(nodes.map(\.id).joined(separator: " "))
        r.raw(", ")
        r.text(Timestamp.string(first.at))
        r.raw(")")
        return r
    }

    /// Writes the buffered rows (in chunks that stay under every bind-parameter limit).
    func flush(on db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: insertOrder.count, by: 100) {
            let rows = insertOrder[chunk..<min(chunk + 100, insertOrder.count)].map { id -> RowSQL in
                let (row, state, json, sql) = inserts[id]!
                return sql
                    ?? Self.insertRow(
                        row, status: state.status.rawValue, json: json ?? state.jsonState(),
                        revision: states[id]?.revision ?? 1)
            }
            try await db.raw(
                """
                INSERT INTO process_instances (id, process_id, version, status, business_key, state, revision, created_at, updated_at)
                VALUES \(SQLRows(rows))
                """
            ).run()
        }
        for chunk in stride(from: 0, to: updateOrder.count, by: 100) {
            let ids = updateOrder[chunk..<min(chunk + 100, updateOrder.count)]
            let rows = ids.map { id -> RowSQL in
                let u = updates[id]!
                return u.sql
                    ?? Self.updateRow(
                        id, json: u.json ?? u.state.jsonState(), status: u.state.status.rawValue, to: u.to,
                        from: u.from,
                        at: Timestamp.string(u.at))
            }
            let updated = try await db.raw(
                """
                UPDATE process_instances SET state = v.state, status = v.status, revision = v.revision,
                    updated_at = v.updated_at
                FROM (SELECT column1 AS id, column2 AS state, column3 AS status, column4 AS revision,
                             column5 AS old_revision, column6 AS updated_at
                      FROM (VALUES \(SQLRows(rows))) AS rows) AS v
                WHERE process_instances.id = v.id AND process_instances.revision = v.old_revision
                RETURNING process_instances.id
                """
            ).all().map { try $0.decode(column: "id", as: String.self) }
            if updated.count != ids.count {
                throw StaleStates(ids: Set(ids).subtracting(updated))
            }
        }
        for chunk in stride(from: 0, to: historyRows.count, by: 150) {
            let rows = Array(historyRows[chunk..<min(chunk + 150, historyRows.count)])
            try await db.raw("INSERT INTO process_history (instance_id, seq, nodes, at) VALUES \(SQLRows(rows))").run()
        }
        for r in subscriptionRemovals {
            try await db.raw(
                "DELETE FROM process_subscriptions WHERE instance_id = \(bind: r.id) AND kind = \(bind: r.kind) AND name = \(bind: r.name)"
            ).run()
        }
        for chunk in stride(from: 0, to: subscriptionAdditions.count, by: 200) {
            let rows = subscriptionAdditions[chunk..<min(chunk + 200, subscriptionAdditions.count)].map {
                "(\(bind: $0.id), \(bind: $0.kind), \(bind: $0.name))" as SQLQueryString
            }
            try await db.raw(
                """
                INSERT INTO process_subscriptions (instance_id, kind, name) VALUES \(rows.joined(separator: ", "))
                ON CONFLICT (instance_id, kind, name) DO NOTHING
                """
            ).run()
        }
        subscriptionRemovals = []
        subscriptionAdditions = []
        inserts = [:]
        insertOrder = []
        historyRows = []
        updates = [:]
        updateOrder = []
    }
}

/// Instances whose cached state was not the committed one (another node or process moved them).
struct StaleStates: Error {
    let ids: Set<String>
}

/// Committed states of running instances, so a step needs no read and no JSON decode. Each entry
/// carries its revision; a write with a stale one fails its revision check and reloads.
final class StateCache: Sendable {
    private let entries = MutexBox([String: (revision: Int, instance: ProcessInstance)]())
    static let capacity = 20_000

    func get(_ id: String) -> (revision: Int, instance: ProcessInstance)? { entries.withLock { $0[id] } }

    func invalidate(_ ids: Set<String>) { entries.withLock { for id in ids { $0[id] = nil } } }

    func store(_ states: [String: (revision: Int, instance: ProcessInstance)]) {
        entries.withLock { entries in
            for (id, state) in states {
                // Ended instances do not move again.
                entries[id] = state.instance.status == .running ? state : nil
            }
            if entries.count > Self.capacity { entries.removeAll(keepingCapacity: true) }
        }
    }
}

/// Runs the work of every caller that arrived while a commit was running in the next transaction,
/// one after another, then flushes their buffered rows: one fsync for many process steps. A database
/// error rolls the whole batch back and every caller hears it; nobody hears "done" before the
/// commit. After the commit the batch's states go to the cache.
actor TransactionBatcher {
    typealias Work = @Sendable (any SQLDatabase, BatchWrites) async throws -> any Sendable
    private let database: Database
    private let cache: StateCache
    private var queue: [(Work, CheckedContinuation<any Sendable, any Error>)] = []
    private var running = false
    static let maxBatch = 256

    init(database: Database, cache: StateCache) {
        self.database = database
        self.cache = cache
    }

    func run<R: Sendable>(_ work: @escaping @Sendable (any SQLDatabase, BatchWrites) async throws -> R) async throws
        -> R
    {
        let value = try await withCheckedThrowingContinuation { continuation in
            queue.append(({ db, writes in try await work(db, writes) }, continuation))
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
            var attempt = 0
            while true {
                let writes = BatchWrites()
                do {
                    let results = try await database.transaction { db in
                        var results: [any Sendable] = []
                        for work in works { results.append(try await work(db, writes)) }
                        try await writes.flush(on: db)
                        return results
                    }
                    cache.store(writes.states)
                    for (entry, result) in zip(batch, results) { entry.1.resume(returning: result) }
                } catch let stale as StaleStates where attempt < 3 {
                    // Everything of the batch rolled back; run it again from the committed states.
                    cache.invalidate(stale.ids)
                    attempt += 1
                    continue
                } catch {
                    for entry in batch { entry.1.resume(throwing: error) }
                }
                break
            }
        }
        running = false
    }
}

/// The names an instance waits for: messages and signals.
typealias Subscriptions = Set<SubscriptionName>

struct SubscriptionName: Hashable, Sendable {
    let kind: String
    let name: String
}

extension Engine {
    func subscriptionNames(_ instance: ProcessInstance) -> Subscriptions {
        guard instance.status == .running,
            repository.model(instance.processID, version: instance.version)?.listensByName != false
        else { return [] }
        let (messages, signals) = waitsFor(instance)
        return Set(messages.map { SubscriptionName(kind: "message", name: $0) })
            .union(signals.map { SubscriptionName(kind: "signal", name: $0) })
    }
}

/// Values written into the multi-row statements of a batch: plain literals where that is safe — an
/// integer, or text made only of letters, digits and `-_.:` (our ids, timestamps, status names) —
/// and a bound parameter otherwise. Every bound parameter costs an encoder pass in SQLiteKit, and a
/// batch writes thousands; nothing user-supplied outside that character set is ever inlined.
enum SQLValue {
    static func int(_ value: Int) -> SQLQueryString { "\(unsafeRaw: String(value))" }

    static func text(_ value: String) -> SQLQueryString {
        inlinable(value) ? "\(unsafeRaw: "'" + value + "'")" : "\(bind: value)"
    }

    /// Whether `value` may be written as a literal: 1–64 bytes of `[0-9A-Za-z._:-]`.
    static func inlinable(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= 64
            && value.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: ":")
            }
    }
}

/// One row of a multi-row statement: SQL text around its binds (`text.count == binds.count + 1`).
/// Callers build a step's rows in their own task; the serial commit only writes them out.
struct RowSQL: Sendable {
    private(set) var text: [String] = [""]
    private(set) var binds: [String?] = []

    mutating func raw(_ sql: String) { text[text.count - 1] += sql }

    mutating func bind(_ value: String?) {
        binds.append(value)
        text.append("")
    }

    /// A literal where `SQLValue.text` would write one, a bind otherwise.
    mutating func text(_ value: String) {
        if SQLValue.inlinable(value) { raw("'" + value + "'") } else { bind(value) }
    }
}

/// Rows separated by commas, written straight into the statement (placeholders in the dialect's form).
struct SQLRows: SQLExpression {
    let rows: [RowSQL]

    init(_ rows: [RowSQL]) { self.rows = rows }

    func serialize(to serializer: inout SQLSerializer) {
        for (n, row) in rows.enumerated() {
            if n > 0 { serializer.write(", ") }
            for i in row.binds.indices {
                serializer.write(row.text[i])
                serializer.write(bind: row.binds[i])
            }
            serializer.write(row.text[row.binds.count])
        }
    }
}
