import Expressions
import Foundation

/// The state of one running process, persisted as JSON at every wait state. It holds the activity
/// instances still alive (a clerk's task, a subprocess, a multi-instance body, a waiting catch event)
/// as a tree of `Execution`s, the process variables, and the timers those executions started.
public struct ProcessInstance: Codable, Sendable {
    public enum Status: String, Codable, Sendable { case running, completed, terminated }

    public let id: String
    /// The BPMN process id and the deployed version this instance runs; it keeps it for its life.
    public let processID: String
    public let version: Int
    public internal(set) var status: Status
    public let startedAt: Date
    public internal(set) var endedAt: Date?
    var executions: [Int: Execution]
    var nextID: Int
    /// How many flow nodes the instance has completed: the position of the next history entry.
    public internal(set) var completedCount = 0

    /// The process variables.
    public var variables: [String: Value] { executions[0]?.variables ?? [:] }

    /// Tasks waiting for a person or a trigger, oldest first.
    public var openTasks: [OpenTask] {
        executions.values.filter { $0.kind == .wait && $0.isTask }.sorted { $0.id < $1.id }.map {
            OpenTask(
                id: $0.id, nodeID: $0.nodeID, name: $0.name, type: $0.type, assignee: $0.assignee,
                candidateGroups: $0.candidateGroups ?? [], lane: $0.lane, since: $0.since,
                localVariables: $0.variables)
        }
    }

    /// Every pending timer, earliest first.
    public var timers: [PendingTimer] {
        executions.values.flatMap { execution in
            execution.timers.map { node, state in
                PendingTimer(key: "\(execution.id)/\(node)/\(state.sequence)", nodeID: node, due: state.due)
            }
        }.sorted { ($0.due, $0.key) < ($1.due, $1.key) }
    }

    /// Ids of the flow nodes holding a token right now (tasks, catch events, subprocesses, …).
    public var activeNodes: [String] {
        executions.values.filter { $0.parent != nil && $0.kind != .multiInstance && $0.kind != .loop }
            .sorted { $0.id < $1.id }.map(\.nodeID)
    }

    /// The number of live executions for a node: e.g. the instances of a multi-instance activity.
    public func activeCount(of nodeID: String) -> Int {
        executions.values.filter { $0.nodeID == nodeID && $0.kind != .multiInstance && $0.kind != .loop }.count
    }
}

/// A user, manual, receive or abstract task waiting to be completed.
public struct OpenTask: Sendable, Hashable {
    /// The execution id: pass it to `Engine.complete`.
    public let id: Int
    public let nodeID: String
    public let name: String?
    public let type: String
    public let assignee: String?
    public let candidateGroups: [String]
    public let lane: String?
    public let since: Date
    /// Variables of this task instance only (a multi-instance item, `loopCounter`).
    public let localVariables: [String: Value]
}

public struct PendingTimer: Sendable, Hashable {
    /// Stable for one firing: the job queue's unique key. A cycle's next firing gets a new key.
    public let key: String
    public let nodeID: String
    public let due: Date
}

/// A flow node the engine completed, in order: the trace of `amtsweg bpmn run`.
public struct CompletedNode: Sendable, Hashable, Codable {
    public let id: String
    public let name: String?
    public let type: String
    public let at: Date

    public init(id: String, name: String?, type: String, at: Date) {
        self.id = id
        self.name = name
        self.type = type
        self.at = at
    }
}

/// One live activity instance.
struct Execution: Codable, Sendable {
    enum Kind: String, Codable, Sendable {
        /// The process, a subprocess, an event subprocess or a called process.
        case scope
        /// A task, catch event or event-based gateway waiting.
        case wait
        case multiInstance
        case loop
    }

    var id: Int
    var parent: Int?
    /// Key of the model the node belongs to (`process@version`).
    var model: String
    /// Node index in the model; -1 for a process scope.
    var node: Int
    var kind: Kind
    var variables: [String: Value] = [:]
    /// Timers by the id of the node they trigger (a boundary event, the catch event itself, an
    /// event-based gateway's target, an event subprocess's start).
    var timers: [String: TimerState] = [:]
    /// Tokens that arrived at joining gateways of this scope: node index → flow index → count.
    var joins: [Int: [Int: Int]] = [:]
    /// Multi-instance and loop bookkeeping.
    var counter = 0
    var completed = 0
    var total = 0
    var outputs: [Value] = []
    /// A multi-instance body's input items.
    var items: [Value] = []
    /// A call activity's scope: the key of the called model (its children's model).
    var childModel: String?
    /// A scope whose interrupting event subprocess started: its other event subprocesses no longer listen.
    var interrupted = false
    var since: Date
    // Denormalised for task lists (no model lookups needed to list tasks).
    var nodeID: String
    var name: String?
    var type: String
    var isTask = false
    var assignee: String?
    var candidateGroups: [String]?
    var lane: String?
}

struct TimerState: Codable, Sendable, Hashable {
    var due: Date
    /// Firings left after this one: 0 for a duration or date; nil for an endless cycle.
    var remaining: Int?
    var interval: ISODuration?
    var sequence: Int
}

/// A failure while running: no outgoing flow matches, an expression fails, an uncaught BPMN error,
/// a handler fails. The operation that met it changes nothing.
public struct RuntimeError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Thrown by a handler to raise a BPMN error, caught by error boundary events and error event
/// subprocesses.
public struct BPMNError: Error, Sendable {
    public let code: String
    public init(code: String) { self.code = code }
}

// The state is written at every wait state, so its JSON is kept small: fields at their default
// are left out, and executions are a list (each carries its id).
extension Execution {
    enum CodingKeys: String, CodingKey {
        case id, parent, model, node, kind, variables, timers, joins, counter, completed, total, outputs, items
        case childModel, interrupted, since, nodeID, name, type, isTask, assignee, candidateGroups, lane
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        parent = try c.decodeIfPresent(Int.self, forKey: .parent)
        model = try c.decode(String.self, forKey: .model)
        node = try c.decode(Int.self, forKey: .node)
        kind = try c.decode(Kind.self, forKey: .kind)
        variables = try c.decodeIfPresent([String: Value].self, forKey: .variables) ?? [:]
        timers = try c.decodeIfPresent([String: TimerState].self, forKey: .timers) ?? [:]
        joins = try c.decodeIfPresent([Int: [Int: Int]].self, forKey: .joins) ?? [:]
        counter = try c.decodeIfPresent(Int.self, forKey: .counter) ?? 0
        completed = try c.decodeIfPresent(Int.self, forKey: .completed) ?? 0
        total = try c.decodeIfPresent(Int.self, forKey: .total) ?? 0
        outputs = try c.decodeIfPresent([Value].self, forKey: .outputs) ?? []
        items = try c.decodeIfPresent([Value].self, forKey: .items) ?? []
        childModel = try c.decodeIfPresent(String.self, forKey: .childModel)
        interrupted = try c.decodeIfPresent(Bool.self, forKey: .interrupted) ?? false
        since = try c.decode(Date.self, forKey: .since)
        nodeID = try c.decode(String.self, forKey: .nodeID)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        type = try c.decode(String.self, forKey: .type)
        isTask = try c.decodeIfPresent(Bool.self, forKey: .isTask) ?? false
        assignee = try c.decodeIfPresent(String.self, forKey: .assignee)
        candidateGroups = try c.decodeIfPresent([String].self, forKey: .candidateGroups)
        lane = try c.decodeIfPresent(String.self, forKey: .lane)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(parent, forKey: .parent)
        try c.encode(model, forKey: .model)
        try c.encode(node, forKey: .node)
        try c.encode(kind, forKey: .kind)
        if !variables.isEmpty { try c.encode(variables, forKey: .variables) }
        if !timers.isEmpty { try c.encode(timers, forKey: .timers) }
        if !joins.isEmpty { try c.encode(joins, forKey: .joins) }
        if counter != 0 { try c.encode(counter, forKey: .counter) }
        if completed != 0 { try c.encode(completed, forKey: .completed) }
        if total != 0 { try c.encode(total, forKey: .total) }
        if !outputs.isEmpty { try c.encode(outputs, forKey: .outputs) }
        if !items.isEmpty { try c.encode(items, forKey: .items) }
        try c.encodeIfPresent(childModel, forKey: .childModel)
        if interrupted { try c.encode(true, forKey: .interrupted) }
        try c.encode(since, forKey: .since)
        try c.encode(nodeID, forKey: .nodeID)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encode(type, forKey: .type)
        if isTask { try c.encode(true, forKey: .isTask) }
        try c.encodeIfPresent(assignee, forKey: .assignee)
        try c.encodeIfPresent(candidateGroups, forKey: .candidateGroups)
        try c.encodeIfPresent(lane, forKey: .lane)
    }
}

extension ProcessInstance {
    enum CodingKeys: String, CodingKey {
        case id, processID, version, status, startedAt, endedAt, executions, nextID, completedCount
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        processID = try c.decode(String.self, forKey: .processID)
        version = try c.decode(Int.self, forKey: .version)
        status = try c.decode(Status.self, forKey: .status)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        endedAt = try c.decodeIfPresent(Date.self, forKey: .endedAt)
        let list = try c.decode([Execution].self, forKey: .executions)
        executions = Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
        nextID = try c.decode(Int.self, forKey: .nextID)
        completedCount = try c.decodeIfPresent(Int.self, forKey: .completedCount) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(processID, forKey: .processID)
        try c.encode(version, forKey: .version)
        try c.encode(status, forKey: .status)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encodeIfPresent(endedAt, forKey: .endedAt)
        try c.encode(executions.values.sorted { $0.id < $1.id }, forKey: .executions)
        try c.encode(nextID, forKey: .nextID)
        try c.encode(completedCount, forKey: .completedCount)
    }
}
