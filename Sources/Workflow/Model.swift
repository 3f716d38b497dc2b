import Expressions
import Foundation

/// A deployed, executable process: the flow nodes of a BPMN `process` (and of its subprocesses) as
/// one flat array, addressed by index. Built by `BPMNImport`; immutable and safe to share.
public struct ProcessModel: Sendable {
    /// The BPMN `process` id, e.g. "parkausweis".
    public let id: String
    public let name: String?
    /// Set by `ProcessRepository.deploy`; 0 before deployment.
    public internal(set) var version: Int
    /// Every flow node, subprocess contents included. A node's `scope` is the index of its subprocess,
    /// or `-1` for the process level.
    public let nodes: [FlowNode]
    public let flows: [SequenceFlow]
    let nodeIndex: [String: Int]
    /// Lanes (roles) by node id, from the process's lane sets.
    public let lanes: [String: String]
    /// The process's none start event, if it has one.
    public let noneStart: Int?
    /// Event subprocesses at process level.
    public let eventSubprocesses: [Int]
    /// Whether an instance of this model can wait for a message or signal by name (or calls a
    /// process that might): storage keeps a subscription index only for those.
    public let listensByName: Bool

    /// Start events with a trigger (message, timer, signal) at process level.
    public var triggeredStarts: [FlowNode] {
        nodes.filter {
            if $0.scope == -1, case .startEvent(let trigger, _) = $0.kind, !trigger.isNone { return true }
            return false
        }
    }

    public func node(id: String) -> FlowNode? { nodeIndex[id].map { nodes[$0] } }

    static func listensByName(_ nodes: [FlowNode]) -> Bool {
        nodes.contains { node in
            switch node.kind {
            case .callActivity: return true
            case .task(.receive): return node.message != nil
            default:
                switch node.trigger {
                case .message?, .signal?: return true
                default: return false
                }
            }
        }
    }

    /// Process ids this model calls (call activities).
    public var calledProcesses: Set<String> {
        Set(nodes.compactMap { if case .callActivity(let called) = $0.kind { called } else { nil } })
    }
}

/// One flow node: event, activity or gateway.
public struct FlowNode: Sendable {
    public let index: Int
    public let id: String
    public let name: String?
    public internal(set) var kind: Kind
    /// Index of the enclosing subprocess node, -1 at process level.
    public let scope: Int
    public internal(set) var incoming: [Int] = []
    public internal(set) var outgoing: [Int] = []
    /// Outgoing flow taken when no condition holds (exclusive and inclusive gateways, activities).
    public internal(set) var defaultFlow: Int?
    /// Boundary event nodes attached to this activity.
    public internal(set) var boundaryEvents: [Int] = []
    /// A subprocess's none start event; an event subprocess's (triggered) start event.
    public internal(set) var noneStart: Int?
    /// The event subprocesses directly inside a subprocess.
    public internal(set) var eventSubprocesses: [Int] = []
    public let loop: Loop?
    /// Assignment of user tasks: an assignee template (`kermit_${loopCounter}`) and candidate groups.
    public let assignee: Template?
    /// A name with `${…}` parts (`My Task ${loopCounter}`), rendered for each task instance.
    public let nameTemplate: Template?
    public let candidateGroups: [String]
    /// The handler name of service, script, send and business-rule tasks.
    public let handler: String?
    /// The message a receive task waits for (nil: it waits to be completed).
    public let message: String?
    /// Assignments a script task performs (`name = expression` lines), when it has no handler.
    public let assignments: [(name: String, expression: Expressions.Expression)]

    public enum Kind: Sendable {
        case startEvent(Trigger, interrupting: Bool)
        case endEvent(EndKind)
        case intermediateCatch(Trigger)
        case intermediateThrow(ThrowKind)
        case boundary(attachedTo: Int, cancelActivity: Bool, trigger: Trigger)
        case task(TaskKind)
        case exclusiveGateway
        case parallelGateway
        case inclusiveGateway
        case eventBasedGateway
        case subProcess(triggeredByEvent: Bool)
        case callActivity(String)
    }

    public enum TaskKind: String, Sendable {
        case user = "userTask", manual = "manualTask", abstract = "task", receive = "receiveTask"
        case send = "sendTask", service = "serviceTask", script = "scriptTask", businessRule = "businessRuleTask"
    }

    public enum EndKind: Sendable {
        case none, terminate
        case error(code: String?)
        case signal(String)
        case message(String)
    }

    public enum ThrowKind: Sendable {
        case none
        case signal(String)
        case message(String)
    }

    /// The BPMN element name, e.g. "userTask", "exclusiveGateway", "boundaryEvent".
    public var type: String {
        switch kind {
        case .startEvent: "startEvent"
        case .endEvent: "endEvent"
        case .intermediateCatch: "intermediateCatchEvent"
        case .intermediateThrow: "intermediateThrowEvent"
        case .boundary: "boundaryEvent"
        case .task(let kind): kind.rawValue
        case .exclusiveGateway: "exclusiveGateway"
        case .parallelGateway: "parallelGateway"
        case .inclusiveGateway: "inclusiveGateway"
        case .eventBasedGateway: "eventBasedGateway"
        case .subProcess: "subProcess"
        case .callActivity: "callActivity"
        }
    }

    /// Whether a token waits here for the outside world (a clerk, a message, a timer).
    var isWaitState: Bool {
        switch kind {
        case .task(let kind): [.user, .manual, .abstract, .receive].contains(kind)
        case .intermediateCatch, .eventBasedGateway: true
        default: false
        }
    }

    var isActivity: Bool {
        switch kind {
        case .task, .subProcess, .callActivity: true
        default: false
        }
    }
}

/// What starts or triggers a catching event.
public enum Trigger: Sendable {
    case none
    case message(String)
    case signal(String)
    case timer(TimerDefinition)
    /// nil catches every error.
    case error(code: String?)

    var isNone: Bool { if case .none = self { true } else { false } }
}

public struct SequenceFlow: Sendable {
    public let index: Int
    /// As written; generated (`flow#3`) for flows without an id.
    public let id: String
    public let source: Int
    public let target: Int
    public let condition: Expressions.Expression?
}

/// Loop characteristics of an activity.
public enum Loop: Sendable {
    case multiInstance(MultiInstance)
    case standard(StandardLoop)
}

public struct MultiInstance: Sendable {
    public let isSequential: Bool
    public let cardinality: Expressions.Expression?
    /// Variable holding the input list (`loopDataInputRef` / `camunda:collection`).
    public let inputCollection: Expressions.Expression?
    /// Name of each instance's item (`inputDataItem`, `camunda:elementVariable`).
    public let inputItem: String?
    public let outputCollection: String?
    public let outputItem: String?
    public let completionCondition: Expressions.Expression?
}

public struct StandardLoop: Sendable {
    public let condition: Expressions.Expression?
    public let maximum: Int?
    public let testBefore: Bool
}

/// A text with `${expression}` parts, e.g. a user task's assignee `kermit_${loopCounter}`.
public struct Template: Sendable {
    enum Part: Sendable {
        case text(String)
        case expression(Expressions.Expression)
    }
    let parts: [Part]
    public let source: String

    func render(_ variables: [String: Value]) throws -> String {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .expression(let expression):
                let value = try expression.evaluate(variables)
                switch value {
                case .string(let s): result += s
                case .null: break
                default: result += value.description
                }
            }
        }
        return result
    }
}
