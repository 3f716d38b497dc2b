import Expressions
import Foundation

/// What a service, script, send or business-rule task's handler gets.
public struct TaskContext: Sendable {
    public let processID: String
    public let nodeID: String
    public let name: String?
    public let variables: [String: Value]
}

/// Runs service, script, send and business-rule tasks: returns variables to set, or throws a
/// `BPMNError` (caught by error events) or any other error (the operation fails, nothing changes).
public typealias TaskHandler = @Sendable (TaskContext) throws -> [String: Value]

/// What an operation did besides changing the instance: the nodes it completed, and signals and
/// messages it threw for other instances.
public struct Outcome: Sendable {
    public internal(set) var completed: [CompletedNode] = []
    public internal(set) var signals: [String] = []
    public internal(set) var messages: [String] = []
}

/// The process engine: pure functions from (instance, event, time) to (instance, outcome). It never
/// reads a clock and never touches storage; callers persist the instance after each operation and
/// turn its `timers` into jobs. An operation that fails throws and leaves the instance as it was.
public struct Engine: Sendable {
    public var repository: ProcessRepository
    public var handlers: [String: TaskHandler]
    /// Tasks whose handler is missing complete as no-ops (the simulation command); otherwise they fail.
    public var missingHandlersAreNoOps: Bool

    public init(
        repository: ProcessRepository, handlers: [String: TaskHandler] = [:], missingHandlersAreNoOps: Bool = false
    ) {
        self.repository = repository
        self.handlers = handlers
        self.missingHandlersAreNoOps = missingHandlersAreNoOps
    }

    public enum Start: Sendable {
        /// The none start event.
        case none
        case message(String)
        case signal(String)
        /// The (timer) start event with this id.
        case event(String)
    }

    /// Starts an instance of the latest version of `processID`.
    public func start(
        _ processID: String, version: Int? = nil, id: String = UUID().uuidString.lowercased(),
        variables: [String: Value] = [:], by start: Start = .none, at now: Date
    ) throws(RuntimeError) -> (ProcessInstance, Outcome) {
        guard let model = repository.model(processID, version: version) else {
            throw RuntimeError("no process \"\(processID)\" is deployed")
        }
        let startNode: Int
        switch start {
        case .none:
            guard let n = model.noneStart else {
                throw RuntimeError(
                    "process \"\(processID)\" has no none start event; start it by its message, signal or timer")
            }
            startNode = n
        case .message(let name):
            guard
                let n = model.triggeredStarts.first(where: {
                    if case .message(name) = $0.trigger { true } else { false }
                })
            else {
                throw RuntimeError("process \"\(processID)\" has no start event for message \"\(name)\"")
            }
            startNode = n.index
        case .signal(let name):
            guard
                let n = model.triggeredStarts.first(where: {
                    if case .signal(name) = $0.trigger { true } else { false }
                })
            else {
                throw RuntimeError("process \"\(processID)\" has no start event for signal \"\(name)\"")
            }
            startNode = n.index
        case .event(let nodeID):
            guard let n = model.node(id: nodeID), n.scope == -1, case .startEvent = n.kind else {
                throw RuntimeError("process \"\(processID)\" has no start event \"\(nodeID)\"")
            }
            startNode = n.index
        }
        let key = "\(model.id)@\(model.version)"
        let root = Execution(
            id: 0, parent: nil, model: key, node: -1, kind: .scope, variables: variables, since: now,
            nodeID: model.id, name: model.name, type: "process")
        var instance = ProcessInstance(
            id: id, processID: model.id, version: model.version, status: .running, startedAt: now, endedAt: nil,
            executions: [0: root], nextID: 1)
        var run = Run(engine: self, instance: instance, now: now)
        try run.subscribeEventSubprocesses(scope: 0)
        run.push(node: startNode, scope: 0, model: key)
        try run.drain()
        instance = run.instance
        return (instance, run.outcome)
    }

    /// Completes a waiting task (user, manual, receive, abstract) with the given variables.
    public func complete(
        _ instance: inout ProcessInstance, task: Int, variables: [String: Value] = [:], at now: Date
    ) throws(RuntimeError) -> Outcome {
        guard let e = instance.executions[task], e.kind == .wait, e.isTask else {
            throw RuntimeError("no open task \(task) in instance \(instance.id)")
        }
        var run = Run(engine: self, instance: instance, now: now)
        run.write(variables, at: task)
        try run.finishActivity(task)
        try run.drain()
        instance = run.instance
        return run.outcome
    }

    /// Fires a timer by its key (from `ProcessInstance.timers`). Returns nil when the timer is gone
    /// (its activity completed, or it fired already): firing twice moves the instance once.
    public func fireTimer(_ instance: inout ProcessInstance, key: String, at now: Date) throws(RuntimeError) -> Outcome?
    {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let eid = Int(parts[0]), let seq = Int(parts[2]),
            let state = instance.executions[eid]?.timers[String(parts[1])], state.sequence == seq,
            state.due <= now
        else { return nil }
        var run = Run(engine: self, instance: instance, now: now)
        try run.fireTimer(execution: eid, nodeID: String(parts[1]))
        try run.drain()
        instance = run.instance
        return run.outcome
    }

    /// Delivers a message to the first execution waiting for it (a receive task, a catch event, an
    /// event-based gateway, a message boundary event, an event subprocess). Its variables are set on
    /// the process. Returns nil when the instance does not wait for this message.
    public func deliver(
        _ instance: inout ProcessInstance, message: String, variables: [String: Value] = [:], at now: Date
    ) throws(RuntimeError) -> Outcome? {
        var run = Run(engine: self, instance: instance, now: now)
        guard let target = run.subscriptions(matching: { if case .message(message) = $0 { true } else { false } }).first
        else { return nil }
        run.write(variables, at: run.receiver(of: target))
        try run.trigger(target)
        try run.drain()
        instance = run.instance
        return run.outcome
    }

    /// Broadcasts a signal to every subscription of the instance. Returns nil when none listened.
    public func signal(
        _ instance: inout ProcessInstance, _ name: String, variables: [String: Value] = [:], at now: Date
    ) throws(RuntimeError) -> Outcome? {
        var run = Run(engine: self, instance: instance, now: now)
        let targets = run.subscriptions(matching: { if case .signal(name) = $0 { true } else { false } })
        guard !targets.isEmpty else { return nil }
        for target in targets where run.isAlive(target) {
            run.write(variables, at: run.receiver(of: target))
            try run.trigger(target)
        }
        try run.drain()
        instance = run.instance
        return run.outcome
    }

    /// Ids of the joining gateways where some tokens arrived and others are still awaited.
    public func waitingJoins(_ instance: ProcessInstance) -> [String] {
        instance.executions.values.flatMap { e -> [String] in
            let scopeModel = repository.model(key: e.childModel ?? e.model)
            return e.joins.keys.compactMap { scopeModel?.nodes[$0].id }
        }.sorted()
    }

    /// Names of the messages and signals the instance waits for now.
    public func waitsFor(_ instance: ProcessInstance) -> (messages: [String], signals: [String]) {
        var run = Run(engine: self, instance: instance, now: instance.startedAt)
        var messages: [String] = []
        var signals: [String] = []
        for s in run.subscriptions(matching: { _ in true }) {
            switch s.trigger {
            case .message(let m): messages.append(m)
            case .signal(let name): signals.append(name)
            default: break
            }
        }
        return (messages, signals)
    }
}

extension FlowNode {
    /// What starts or triggers this event (nil for other nodes).
    public var trigger: Trigger? {
        switch kind {
        case .startEvent(let t, _), .intermediateCatch(let t): t
        case .boundary(_, _, let t): t
        default: nil
        }
    }
}
