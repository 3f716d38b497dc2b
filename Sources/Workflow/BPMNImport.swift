import Expressions
import Foundation
import XMLReading

/// Why a BPMN document cannot be deployed: the element (id, or name and line) and what is wrong.
/// Every problem the engine could meet at run time because of the model is found here instead.
public struct DeployError: Error, Sendable, CustomStringConvertible {
    public let element: String?
    public let line: Int?
    public let message: String

    public var description: String {
        var text = message
        if let element { text = "\(element): " + text }
        if let line { text += " (line \(line))" }
        return text
    }

    enum Reason: Error { case invalid(String) }
}

/// Reads BPMN 2.0 XML as Camunda Modeler and bpmn.io write it into executable `ProcessModel`s.
///
/// Pools, lanes, data objects and stores, text annotations, groups, associations, documentation,
/// extension elements of other tools and the diagram interchange are read past. What the engine
/// cannot execute (complex gateways, transactions, compensation, escalation, conditional and link
/// events, …) is refused with the element named.
public enum BPMNImport {
    public static let namespace = "http://www.omg.org/spec/BPMN/20100524/MODEL"

    /// Every executable process of the document (`isExecutable="false"` pools are skipped).
    public static func parse(_ data: Data, dialect: Dialect = .compatible) throws(DeployError) -> [ProcessModel] {
        let root: SafeXML.Element
        do { root = try SafeXML.parse(data) } catch {
            throw DeployError(
                element: error.elementPath.isEmpty ? nil : error.elementPath, line: error.line,
                message: "malformed XML: \(error.message)")
        }
        guard root.localName == "definitions", root.namespace == namespace else {
            throw DeployError(
                element: root.qualifiedName, line: root.line,
                message: "not a BPMN 2.0 document (expected <definitions> in \(namespace))")
        }
        var globals = Globals()
        for child in root.children where child.namespace == namespace {
            let id = child.attributes["id"]
            switch child.localName {
            case "message":
                if let id { globals.messages[id] = child.attributes["name"] ?? id }
            case "signal":
                if let id { globals.signals[id] = child.attributes["name"] ?? id }
            case "error":
                if let id { globals.errors[id] = child.attributes["errorCode"] ?? child.attributes["name"] ?? id }
            default: break
            }
        }
        var models: [ProcessModel] = []
        for child in root.children where child.namespace == namespace && child.localName == "process" {
            if child.attributes["isExecutable"] == "false" { continue }
            var builder = Builder(globals: globals, dialect: dialect)
            models.append(try builder.build(child))
        }
        guard !models.isEmpty else {
            throw DeployError(element: nil, line: nil, message: "the document has no executable process")
        }
        return models
    }

    struct Globals {
        var messages: [String: String] = [:]
        var signals: [String: String] = [:]
        var errors: [String: String] = [:]
    }
}

/// Builds one process: nodes first (scope by scope), then flows, then references are resolved.
private struct Builder {
    let globals: BPMNImport.Globals
    let dialect: Dialect
    var nodes: [FlowNode] = []
    var nodeIndex: [String: Int] = [:]
    var flows: [SequenceFlow] = []
    var lanes: [String: String] = [:]
    /// Raw sequence flows and boundary attachments, resolved once every node is known.
    var pendingFlows: [(element: SafeXML.Element, scope: Int)] = []
    var pendingDefaults: [(node: Int, flowID: String, element: SafeXML.Element)] = []
    var pendingBoundaries: [(node: Int, attachedTo: String, element: SafeXML.Element)] = []
    var flowIndex: [String: Int] = [:]
    var scopeOf: [Int: Int] = [:]

    init(globals: BPMNImport.Globals, dialect: Dialect) {
        self.globals = globals
        self.dialect = dialect
    }

    mutating func build(_ process: SafeXML.Element) throws(DeployError) -> ProcessModel {
        guard let id = process.attributes["id"], !id.isEmpty else {
            throw DeployError(element: "process", line: process.line, message: "the process has no id")
        }
        try readContainer(process, scope: -1)
        try resolve()
        // Each boundary event's kind holds the index of its activity; record it on the activity.
        for node in nodes {
            if case .boundary(let attachedTo, _, _) = node.kind { nodes[attachedTo].boundaryEvents.append(node.index) }
        }
        try check(scope: -1, container: process)
        return ProcessModel(
            id: id, name: process.attributes["name"], version: 0, nodes: nodes, flows: flows,
            nodeIndex: nodeIndex, lanes: lanes, noneStart: rootNoneStart, eventSubprocesses: eventSubprocessesAtRoot,
            listensByName: ProcessModel.listensByName(nodes))
    }

    // MARK: Reading

    static let ignored: Set<String> = [
        "documentation", "extensionElements", "laneSet", "dataObject", "dataObjectReference", "dataStoreReference",
        "textAnnotation", "association", "group", "ioSpecification", "property", "dataInputAssociation",
        "dataOutputAssociation", "incoming", "outgoing", "auditing", "monitoring", "category", "categoryValue",
        "resourceRole", "performer", "humanPerformer", "potentialOwner", "correlationSubscription", "supports",
        "ioBinding",
        // A looped subprocess's own loop characteristics (read by `loop(_:)`), not a child node.
        "multiInstanceLoopCharacteristics", "standardLoopCharacteristics",
    ]

    static let unsupported: [String: String] = [
        "complexGateway": "complex gateways are not supported",
        "transaction": "transactions (compensation) are not supported",
        "adHocSubProcess": "ad-hoc subprocesses are not supported",
        "callChoreography": "choreographies are not executable", "subChoreography": "choreographies are not executable",
        "choreographyTask": "choreographies are not executable",
        "implicitThrowEvent": "implicit throw events are not supported",
    ]

    mutating func readContainer(_ container: SafeXML.Element, scope: Int) throws(DeployError) {
        for child in container.children {
            guard child.namespace == BPMNImport.namespace else { continue }  // other tools' extensions
            let name = child.localName
            if name == "sequenceFlow" {
                pendingFlows.append((child, scope))
                continue
            }
            if name == "laneSet" {
                readLanes(child)
                continue
            }
            if Self.ignored.contains(name) { continue }
            if let reason = Self.unsupported[name] { throw error(child, reason) }
            try readNode(child, scope: scope)
        }
    }

    mutating func readLanes(_ laneSet: SafeXML.Element) {
        for lane in laneSet.children where lane.localName == "lane" {
            let laneName = lane.attributes["name"] ?? lane.attributes["id"] ?? "lane"
            for ref in lane.children where ref.localName == "flowNodeRef" {
                lanes[ref.text.trimmingCharacters(in: .whitespacesAndNewlines)] = laneName
            }
            for child in lane.children where child.localName == "childLaneSet" { readLanes(child) }
        }
    }

    mutating func readNode(_ element: SafeXML.Element, scope: Int) throws(DeployError) {
        guard let id = element.attributes["id"], !id.isEmpty else {
            throw error(element, "a \(element.localName) needs an id")
        }
        guard nodeIndex[id] == nil else { throw error(element, "the id \"\(id)\" is used twice") }
        if element.attributes["isForCompensation"] == "true" {
            throw error(element, "compensation activities are not supported")
        }
        let index = nodes.count
        let kind: FlowNode.Kind
        var handler: String?
        var assignments: [(name: String, expression: Expressions.Expression)] = []
        var assignee: Template?
        var groups: [String] = []
        var message: String?
        switch element.localName {
        case "startEvent":
            kind = .startEvent(
                try trigger(element, allowNone: true), interrupting: element.attributes["isInterrupting"] != "false")
        case "endEvent":
            kind = .endEvent(try endKind(element))
        case "intermediateCatchEvent":
            let t = try trigger(element, allowNone: false)
            if case .error = t { throw error(element, "an intermediate event cannot catch an error") }
            kind = .intermediateCatch(t)
        case "intermediateThrowEvent":
            kind = .intermediateThrow(try throwKind(element))
        case "boundaryEvent":
            guard let attached = element.attributes["attachedToRef"] else {
                throw error(element, "a boundary event needs attachedToRef")
            }
            let t = try trigger(element, allowNone: false)
            pendingBoundaries.append((index, attached, element))
            // The attached activity is resolved later; -1 until then.
            kind = .boundary(
                attachedTo: -1, cancelActivity: element.attributes["cancelActivity"] != "false", trigger: t)
        case "task", "userTask", "manualTask", "receiveTask", "sendTask", "serviceTask", "scriptTask",
            "businessRuleTask":
            let taskKind = FlowNode.TaskKind(rawValue: element.localName)!
            kind = .task(taskKind)
            switch taskKind {
            case .service, .send, .businessRule:
                handler = Self.handlerName(element)
            case .script:
                if let explicit = Self.explicitHandler(element) {
                    handler = explicit
                } else if let script = element.children.first(where: { $0.localName == "script" }),
                    let parsed = Self.assignments(script.text, dialect: dialect)
                {
                    assignments = parsed
                } else {
                    handler = id
                }
            case .user:
                assignee = try userAssignee(element)
                groups =
                    Self.attribute(element, suffix: "candidateGroups").map {
                        $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    } ?? []
            default: break
            }
            if taskKind == .receive, let ref = element.attributes["messageRef"] {
                guard let name = globals.messages[ref] ?? globals.messages[Self.local(ref)] else {
                    throw error(element, "messageRef \"\(ref)\" names no message of the document")
                }
                message = name
            }
        case "exclusiveGateway": kind = .exclusiveGateway
        case "parallelGateway": kind = .parallelGateway
        case "inclusiveGateway": kind = .inclusiveGateway
        case "eventBasedGateway":
            if element.attributes["instantiate"] == "true" || element.attributes["eventGatewayType"] == "Parallel" {
                throw error(element, "instantiating and parallel event-based gateways are not supported")
            }
            kind = .eventBasedGateway
        case "subProcess":
            kind = .subProcess(triggeredByEvent: element.attributes["triggeredByEvent"] == "true")
        case "callActivity":
            guard let called = element.attributes["calledElement"], !called.isEmpty else {
                throw error(element, "a call activity needs calledElement")
            }
            kind = .callActivity(Self.local(called))
        default:
            throw error(element, "<\(element.localName)> is not supported by the engine")
        }
        let node = FlowNode(
            index: index, id: id, name: element.attributes["name"].map(Self.clean), kind: kind, scope: scope,
            loop: try loop(element), assignee: assignee,
            nameTemplate: try element.attributes["name"].flatMap { text throws(DeployError) in
                text.contains("${") || text.contains("#{") ? try template(Self.clean(text), element) : nil
            },
            candidateGroups: groups, handler: handler,
            message: message, assignments: assignments)
        nodes.append(node)
        nodeIndex[id] = index
        if let d = element.attributes["default"] { pendingDefaults.append((index, d, element)) }
        if case .subProcess = kind { try readContainer(element, scope: index) }
    }

    /// References are QNames: `tns:newInvoice` names `newInvoice` of the document.
    static func local(_ ref: String) -> String {
        ref.firstIndex(of: ":").map { String(ref[ref.index(after: $0)...]) } ?? ref
    }

    static func clean(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }

    // MARK: Events

    static let eventDefinitions: Set<String> = [
        "messageEventDefinition", "timerEventDefinition", "signalEventDefinition", "errorEventDefinition",
        "terminateEventDefinition", "escalationEventDefinition", "compensateEventDefinition",
        "conditionalEventDefinition", "linkEventDefinition", "cancelEventDefinition",
    ]

    func definition(_ element: SafeXML.Element) throws(DeployError) -> SafeXML.Element? {
        let definitions = element.children.filter { Self.eventDefinitions.contains($0.localName) }
        if element.children.contains(where: { $0.localName == "eventDefinitionRef" }) {
            throw error(element, "shared event definitions (eventDefinitionRef) are not supported")
        }
        guard definitions.count <= 1 else {
            throw error(element, "events with several event definitions are not supported")
        }
        if let d = definitions.first,
            [
                "escalationEventDefinition", "compensateEventDefinition", "conditionalEventDefinition",
                "linkEventDefinition", "cancelEventDefinition",
            ].contains(d.localName)
        {
            throw error(element, "\(d.localName) is not supported by the engine")
        }
        return definitions.first
    }

    func trigger(_ element: SafeXML.Element, allowNone: Bool) throws(DeployError) -> Trigger {
        guard let d = try definition(element) else {
            if allowNone { return .none }
            throw error(element, "the event has no event definition")
        }
        switch d.localName {
        case "messageEventDefinition":
            return .message(try messageName(d, element))
        case "signalEventDefinition":
            return .signal(try signalName(d, element))
        case "errorEventDefinition":
            return .error(code: try errorCode(d, element))
        case "timerEventDefinition":
            let parts = d.children.filter { ["timeDuration", "timeDate", "timeCycle"].contains($0.localName) }
            guard parts.count == 1, let part = parts.first,
                let kind = TimerDefinition.Kind(rawValue: part.localName)
            else { throw error(element, "a timer needs exactly one of timeDuration, timeDate, timeCycle") }
            do {
                return .timer(try TimerDefinition(kind: kind, source: part.text, dialect: dialect))
            } catch {
                guard case .invalid(let message) = error else { throw self.error(element, "invalid timer") }
                throw self.error(element, message)
            }
        default:
            throw error(element, "\(d.localName) cannot start or be caught here")
        }
    }

    func endKind(_ element: SafeXML.Element) throws(DeployError) -> FlowNode.EndKind {
        guard let d = try definition(element) else { return .none }
        switch d.localName {
        case "terminateEventDefinition": return .terminate
        case "errorEventDefinition": return .error(code: try errorCode(d, element))
        case "signalEventDefinition": return .signal(try signalName(d, element))
        case "messageEventDefinition": return .message(try messageName(d, element))
        default: throw error(element, "an end event cannot have a \(d.localName)")
        }
    }

    func throwKind(_ element: SafeXML.Element) throws(DeployError) -> FlowNode.ThrowKind {
        guard let d = try definition(element) else { return .none }
        switch d.localName {
        case "signalEventDefinition": return .signal(try signalName(d, element))
        case "messageEventDefinition": return .message(try messageName(d, element))
        default: throw error(element, "an intermediate throw event cannot have a \(d.localName)")
        }
    }

    func messageName(_ d: SafeXML.Element, _ element: SafeXML.Element) throws(DeployError) -> String {
        guard let ref = d.attributes["messageRef"] else { throw error(element, "the message event has no messageRef") }
        guard let name = globals.messages[ref] ?? globals.messages[Self.local(ref)] else {
            throw error(element, "messageRef \"\(ref)\" names no message of the document")
        }
        return name
    }

    func signalName(_ d: SafeXML.Element, _ element: SafeXML.Element) throws(DeployError) -> String {
        guard let ref = d.attributes["signalRef"] else { throw error(element, "the signal event has no signalRef") }
        guard let name = globals.signals[ref] ?? globals.signals[Self.local(ref)] else {
            throw error(element, "signalRef \"\(ref)\" names no signal of the document")
        }
        return name
    }

    func errorCode(_ d: SafeXML.Element, _ element: SafeXML.Element) throws(DeployError) -> String? {
        guard let ref = d.attributes["errorRef"] else { return nil }
        guard let code = globals.errors[ref] ?? globals.errors[Self.local(ref)] else {
            throw error(element, "errorRef \"\(ref)\" names no error of the document")
        }
        return code
    }

    // MARK: Tasks

    static func attribute(_ element: SafeXML.Element, suffix: String) -> String? {
        element.attributes.first { $0.key.hasSuffix(":" + suffix) }?.value
    }

    /// A handler named explicitly: `amtsweg:handler`, Camunda's `decisionRef`, `delegateExpression`,
    /// `class`, `expression` or `topic`, Zeebe's `taskDefinition type`.
    static func explicitHandler(_ element: SafeXML.Element) -> String? {
        for key in ["handler", "decisionRef", "delegateExpression", "class", "expression", "topic"] {
            if let value = attribute(element, suffix: key) {
                return Dialect.compatible.translate(value) ?? value
            }
        }
        for ext in element.children where ext.localName == "extensionElements" {
            for child in ext.children where child.localName == "taskDefinition" {
                if let type = child.attributes["type"] { return type }
            }
        }
        if let implementation = element.attributes["implementation"], !implementation.hasPrefix("##") {
            return implementation
        }
        return nil
    }

    static func handlerName(_ element: SafeXML.Element) -> String {
        explicitHandler(element) ?? element.attributes["id"] ?? ""
    }

    /// A script of `name = expression` lines (Spiff's `timer_called = True`): assignments, not code.
    static func assignments(_ script: String, dialect: Dialect) -> [(name: String, expression: Expressions.Expression)]?
    {
        var result: [(name: String, expression: Expressions.Expression)] = []
        let lines = script.split(whereSeparator: { $0 == "\n" || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return nil }
        for line in lines {
            guard let eq = line.firstIndex(of: "=") else { return nil }
            var name = line[..<eq].trimmingCharacters(in: .whitespaces)
            var rest = String(line[line.index(after: eq)...])
            // `v += 1` is `v = v + (1)`.
            if let op = name.last, "+-*/".contains(op) {
                name = String(name.dropLast()).trimmingCharacters(in: .whitespaces)
                rest = "\(name) \(op) (\(rest))"
            }
            guard !rest.hasPrefix("="), let first = name.first, first.isLetter || first == "_",
                name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
                let feel = dialect.translate(rest), let expression = try? Expressions.Expression(feel)
            else { return nil }
            result.append((name, expression))
        }
        return result
    }

    func userAssignee(_ element: SafeXML.Element) throws(DeployError) -> Template? {
        if let text = Self.attribute(element, suffix: "assignee") { return try template(text, element) }
        for performer in element.children where performer.localName == "humanPerformer" {
            for rae in performer.children where rae.localName == "resourceAssignmentExpression" {
                if let fe = rae.children.first(where: { $0.localName == "formalExpression" }) {
                    return try template(fe.text.trimmingCharacters(in: .whitespacesAndNewlines), element)
                }
            }
        }
        return nil
    }

    func template(_ text: String, _ element: SafeXML.Element) throws(DeployError) -> Template {
        var parts: [Template.Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") ?? rest.range(of: "#{") {
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw error(element, "unclosed ${ in \"\(text)\"")
            }
            let inner = String(rest[open.upperBound..<close])
            guard let feel = dialect.translate(inner), let expression = try? Expressions.Expression(feel) else {
                throw error(element, "\"\(inner)\" in \"\(text)\" is not an expression the engine can evaluate")
            }
            parts.append(.expression(expression))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return Template(parts: parts, source: text)
    }

    // MARK: Loops

    func loop(_ element: SafeXML.Element) throws(DeployError) -> Loop? {
        if let mi = element.children.first(where: { $0.localName == "multiInstanceLoopCharacteristics" }) {
            func expression(_ text: String?, _ what: String) throws(DeployError) -> Expressions.Expression? {
                guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
                guard let feel = dialect.translate(text), let e = try? Expressions.Expression(feel) else {
                    throw error(element, "the \(what) \"\(text)\" is not an expression the engine can evaluate")
                }
                return e
            }
            func childText(_ name: String) -> String? {
                mi.children.first { $0.localName == name }.map {
                    $0.text.trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            func itemName(_ name: String) -> String? {
                guard let item = mi.children.first(where: { $0.localName == name }) else { return nil }
                return item.attributes["id"] ?? item.attributes["name"]
            }
            let collection = Self.attribute(mi, suffix: "collection") ?? childText("loopDataInputRef")
            let cardinality = try expression(childText("loopCardinality"), "loopCardinality")
            let input = try expression(collection, "input collection")
            guard cardinality != nil || input != nil else {
                throw error(element, "a multi-instance activity needs loopCardinality or an input collection")
            }
            return .multiInstance(
                MultiInstance(
                    isSequential: mi.attributes["isSequential"] == "true", cardinality: cardinality,
                    inputCollection: input,
                    inputItem: Self.attribute(mi, suffix: "elementVariable") ?? itemName("inputDataItem"),
                    outputCollection: childText("loopDataOutputRef"), outputItem: itemName("outputDataItem"),
                    completionCondition: try expression(childText("completionCondition"), "completionCondition")))
        }
        if let standard = element.children.first(where: { $0.localName == "standardLoopCharacteristics" }) {
            var condition: Expressions.Expression?
            if let c = standard.children.first(where: { $0.localName == "loopCondition" }) {
                guard let feel = dialect.translate(c.text), let e = try? Expressions.Expression(feel) else {
                    throw error(element, "the loopCondition \"\(c.text)\" is not an expression the engine can evaluate")
                }
                condition = e
            }
            var maximum: Int?
            if let m = standard.attributes["loopMaximum"] {
                guard let n = Int(m), n >= 0 else { throw error(element, "loopMaximum \"\(m)\" is not a number") }
                maximum = n
            }
            guard condition != nil || maximum != nil else {
                throw error(element, "a standard loop needs a loopCondition or a loopMaximum")
            }
            return .standard(
                StandardLoop(
                    condition: condition, maximum: maximum, testBefore: standard.attributes["testBefore"] == "true"))
        }
        return nil
    }

    // MARK: Resolving and checking

    mutating func resolve() throws(DeployError) {
        for (element, scope) in pendingFlows {
            let index = flows.count
            let id = element.attributes["id"] ?? "flow#\(index + 1)"
            guard let sourceID = element.attributes["sourceRef"], let targetID = element.attributes["targetRef"] else {
                throw error(element, "sequence flow \(id) needs sourceRef and targetRef")
            }
            guard let source = nodeIndex[sourceID] else {
                throw error(element, "sequence flow \(id): sourceRef \"\(sourceID)\" names no flow node")
            }
            guard let target = nodeIndex[targetID] else {
                throw error(element, "sequence flow \(id): targetRef \"\(targetID)\" names no flow node")
            }
            guard nodes[source].scope == scope, nodes[target].scope == scope else {
                throw error(element, "sequence flow \(id) crosses a subprocess boundary")
            }
            var condition: Expressions.Expression?
            if let c = element.children.first(where: { $0.localName == "conditionExpression" }) {
                let text = c.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty {
                    guard let feel = dialect.translate(text), let e = try? Expressions.Expression(feel) else {
                        throw error(
                            element,
                            "sequence flow \(id): the condition \"\(text)\" is not an expression the engine can evaluate"
                        )
                    }
                    condition = e
                }
            }
            flows.append(SequenceFlow(index: index, id: id, source: source, target: target, condition: condition))
            if element.attributes["id"] != nil { flowIndex[id] = index }
            nodes[source].outgoing.append(index)
            nodes[target].incoming.append(index)
        }
        for (node, flowID, element) in pendingDefaults {
            guard let flow = flowIndex[flowID], flows[flow].source == node else {
                throw error(element, "the default flow \"\(flowID)\" is not an outgoing flow of \(nodes[node].id)")
            }
            nodes[node].defaultFlow = flow
        }
        for (index, attachedID, element) in pendingBoundaries {
            guard let target = nodeIndex[attachedID], nodes[target].isActivity else {
                throw error(element, "attachedToRef \"\(attachedID)\" names no activity")
            }
            guard nodes[target].scope == nodes[index].scope else {
                throw error(element, "the boundary event and \(attachedID) are in different scopes")
            }
            guard case .boundary(_, let cancel, let trigger) = nodes[index].kind else { continue }
            nodes[index].kind = .boundary(attachedTo: target, cancelActivity: cancel, trigger: trigger)
        }
    }

    /// Structural checks per scope: one none start event (or event starts only), event subprocesses
    /// started by exactly one triggered start event, event-based gateways followed by catch events.
    mutating func check(scope: Int, container: SafeXML.Element) throws(DeployError) {
        let members = nodes.indices.filter { nodes[$0].scope == scope }
        var noneStarts: [Int] = []
        var anyStart = false
        for i in members {
            let node = nodes[i]
            switch node.kind {
            case .startEvent(let trigger, _):
                anyStart = true
                if case .none = trigger { noneStarts.append(i) }
                if scope >= 0, case .subProcess(false) = nodes[scope].kind, !isNone(trigger) {
                    throw error(node, "a start event inside a subprocess must be a none start event")
                }
                if case .error = trigger, !(scope >= 0 && isEventSubprocess(scope)) {
                    throw error(node, "an error start event belongs in an event subprocess")
                }
                if !node.incoming.isEmpty { throw error(node, "a start event cannot have incoming flows") }
            case .subProcess(let triggered):
                if triggered {
                    guard node.incoming.isEmpty, node.outgoing.isEmpty else {
                        throw error(node, "an event subprocess cannot have sequence flows")
                    }
                    let starts = nodes.indices.filter {
                        if nodes[$0].scope == i, case .startEvent = nodes[$0].kind { return true }
                        return false
                    }
                    guard starts.count == 1, case .startEvent(let trigger, _) = nodes[starts[0]].kind, !isNone(trigger)
                    else { throw error(node, "an event subprocess needs exactly one start event with a trigger") }
                    if scope == -1 {
                        eventSubprocessesAtRoot.append(i)
                    } else {
                        nodes[scope].eventSubprocesses.append(i)
                    }
                    nodes[i].noneStart = starts[0]
                }
                try check(scope: i, container: container)
            case .eventBasedGateway:
                if let f = node.outgoing.first(where: { flows[$0].condition != nil }) {
                    throw error(
                        node,
                        "the event decides after an event-based gateway: the condition on \(flows[f].id) would be ignored"
                    )
                }
                guard node.outgoing.count >= 2 else {
                    throw error(node, "an event-based gateway needs two or more outgoing flows")
                }
                for f in node.outgoing {
                    let target = nodes[flows[f].target]
                    switch target.kind {
                    case .intermediateCatch: break
                    case .task(.receive): break
                    default:
                        throw error(
                            node,
                            "an event-based gateway must be followed by catch events or receive tasks (\(target.id) is a \(target.type))"
                        )
                    }
                    if target.incoming.count != 1 {
                        throw error(target, "an event after an event-based gateway needs exactly one incoming flow")
                    }
                }
            case .boundary:
                if !node.incoming.isEmpty { throw error(node, "a boundary event cannot have incoming flows") }
            case .endEvent:
                if !node.outgoing.isEmpty { throw error(node, "an end event cannot have outgoing flows") }
            case .parallelGateway:
                if let f = node.outgoing.first(where: { flows[$0].condition != nil }) {
                    throw error(
                        node,
                        "a parallel gateway takes every outgoing flow: the condition on \(flows[f].id) would be ignored"
                    )
                }
            default: break
            }
            if case .boundary(let attached, _, let trigger) = node.kind, case .error = trigger {
                switch nodes[attached].kind {
                case .subProcess, .callActivity, .task(.service), .task(.script), .task(.businessRule), .task(.send):
                    break
                default:
                    throw error(
                        node,
                        "an error boundary event catches errors of subprocesses, call activities and handler tasks only"
                    )
                }
            }
        }
        let eventOnly = scope >= 0 && isEventSubprocess(scope)
        if !eventOnly {
            if noneStarts.count > 1 { throw error(nodes[noneStarts[1]], "a scope can have only one none start event") }
            if scope >= 0 {
                guard noneStarts.count == 1 else {
                    throw error(nodes[scope], "the subprocess needs one none start event")
                }
                nodes[scope].noneStart = noneStarts[0]
            } else {
                guard anyStart else {
                    throw DeployError(
                        element: container.attributes["id"], line: container.line,
                        message: "the process has no start event")
                }
                rootNoneStart = noneStarts.first
            }
        }
    }

    var rootNoneStart: Int?
    var eventSubprocessesAtRoot: [Int] = []

    func isNone(_ t: Trigger) -> Bool { if case .none = t { true } else { false } }
    func isEventSubprocess(_ i: Int) -> Bool { if case .subProcess(true) = nodes[i].kind { true } else { false } }

    func error(_ element: SafeXML.Element, _ message: String) -> DeployError {
        DeployError(
            element: element.attributes["id"].map { "\(element.localName) \($0)" } ?? element.localName,
            line: element.line, message: message)
    }

    func error(_ node: FlowNode, _ message: String) -> DeployError {
        DeployError(element: "\(node.type) \(node.id)", line: nil, message: message)
    }
}
