import Expressions
import Foundation

/// A place where the instance listens for a trigger.
struct Subscription {
    enum Role { case own, gatewayTarget, boundary, eventSubprocess }
    let execution: Int
    /// The node that reacts: the catch event or receive task itself, the gateway's target, the
    /// boundary event, the event subprocess's start event.
    let node: Int
    let model: String
    let trigger: Trigger
    let role: Role
}

/// One operation on one instance: a token game over the agenda until every token rests in a wait
/// state, ended, or failed. Works on a copy; the caller keeps the result only when nothing threw.
struct Run {
    let engine: Engine
    var instance: ProcessInstance
    let now: Date
    var outcome = Outcome()
    /// Tokens to move: into `node` in `scope` (arriving `via` a flow), or — with `inner` — the next
    /// instance of a multi-instance or loop body `scope` (queued, not recursive, so long loops of
    /// immediate tasks neither overflow the stack nor escape the step budget).
    private var agenda: [(node: Int, scope: Int, model: String, via: Int?, inner: Int?)] = []
    private var head = 0
    private var pendingInclusive: [(scope: Int, node: Int, model: String)] = []
    private var models: [String: ProcessModel] = [:]
    /// Node entries in this operation: a process that never reaches a wait state is stopped.
    private var steps = 0
    static let maxSteps = 10_000
    /// Scopes whose tokens were cancelled in this operation (an interrupting event), so a token
    /// that threw the interrupting event does not move on.
    private var interruptedScopes: [Int: Int] = [:]

    init(engine: Engine, instance: ProcessInstance, now: Date) {
        self.engine = engine
        self.instance = instance
        self.now = now
    }

    // MARK: Models and variables

    mutating func model(_ key: String) throws(RuntimeError) -> ProcessModel {
        if let m = models[key] { return m }
        guard let m = engine.repository.model(key: key) else { throw RuntimeError("model \(key) is not deployed") }
        models[key] = m
        return m
    }

    func contentModel(_ e: Execution) -> String { e.childModel ?? e.model }

    /// Variables visible at an execution: its own over its parents', up to the process (or called process).
    func visible(_ id: Int) -> [String: Value] {
        var chain: [Int] = []
        var current: Int? = id
        while let c = current, let e = instance.executions[c] {
            chain.append(c)
            if e.parent == nil || e.childModel != nil { break }
            current = e.parent
        }
        var result: [String: Value] = [:]
        for c in chain.reversed() {
            result.merge(instance.executions[c]!.variables) { _, new in new }
        }
        return result
    }

    /// Sets variables where they are declared (a task's local item, a called process), else on the process.
    mutating func write(_ variables: [String: Value], at id: Int) {
        for (name, value) in variables {
            var current = id
            while true {
                guard let e = instance.executions[current] else { break }
                if e.variables[name] != nil || e.parent == nil || e.childModel != nil {
                    instance.executions[current]!.variables[name] = value
                    break
                }
                current = e.parent!
            }
        }
    }

    func evaluate(_ expression: Expressions.Expression, _ variables: [String: Value], _ what: String)
        throws(RuntimeError) -> Value
    {
        for name in expression.names.sorted() where variables[name] == nil {
            throw RuntimeError("unknown variable \"\(name)\" in \(what) \"\(expression.source)\"")
        }
        do { return try expression.evaluate(variables) } catch {
            throw RuntimeError("\(what) \"\(expression.source)\" could not be evaluated: \(error)")
        }
    }

    func holds(_ expression: Expressions.Expression, _ variables: [String: Value], _ what: String) throws(RuntimeError)
        -> Bool
    {
        switch try evaluate(expression, variables, what) {
        case .bool(let b): return b
        case .null: return false
        case let other: throw RuntimeError("\(what) \"\(expression.source)\" gave \(other), not true or false")
        }
    }

    // MARK: Agenda

    mutating func push(node: Int, scope: Int, model: String, via: Int? = nil) {
        agenda.append((node, scope, model, via, nil))
    }

    mutating func pushInner(body: Int, index: Int, node: Int, model: String) {
        agenda.append((node, body, model, nil, index))
    }

    mutating func drain() throws(RuntimeError) {
        while true {
            while head < agenda.count {
                let token = agenda[head]
                head += 1
                guard instance.executions[token.scope] != nil, instance.status == .running else { continue }
                if let index = token.inner {
                    steps += 1
                    if steps > Self.maxSteps {
                        throw RuntimeError(
                            "the process took more than \(Self.maxSteps) steps without reaching a wait state (an endless loop?)"
                        )
                    }
                    let m = try model(token.model)
                    try spawnInner(body: token.scope, index: index, node: m.nodes[token.node], model: m)
                    continue
                }
                try enter(node: token.node, scope: token.scope, modelKey: token.model, via: token.via)
            }
            agenda.removeAll(keepingCapacity: true)
            head = 0
            guard try fireInclusiveJoins() else { break }
        }
    }

    func tokensPending(in scope: Int) -> Bool {
        agenda[head...].contains { $0.scope == scope } || pendingInclusive.contains { $0.scope == scope }
            // A token waiting at a join is a live token: the scope goes on (BPMN § 13.3).
            || !(instance.executions[scope]?.joins.isEmpty ?? true)
    }

    mutating func log(_ node: FlowNode, name: String? = nil) {
        instance.completedCount += 1
        outcome.completed.append(CompletedNode(id: node.id, name: name ?? node.name, type: node.type, at: now))
    }

    // MARK: Entering nodes

    mutating func enter(node index: Int, scope: Int, modelKey: String, via: Int?) throws(RuntimeError) {
        steps += 1
        if steps > Self.maxSteps {
            throw RuntimeError(
                "the process took more than \(Self.maxSteps) steps without reaching a wait state (an endless loop?)")
        }
        let m = try model(modelKey)
        let node = m.nodes[index]
        switch node.kind {
        case .startEvent:
            log(node)
            try leave(node, scope: scope, model: m)
        case .endEvent(let kind):
            log(node)
            switch kind {
            case .none: try scopeMaybeDone(scope)
            case .message(let name):
                outcome.messages.append(name)
                try scopeMaybeDone(scope)
            case .signal(let name):
                try throwSignal(name)
                try scopeMaybeDone(scope)
            case .terminate:
                cancelChildren(of: scope)
                try scopeDone(scope)
            case .error(let code):
                try throwError(code, scope: scope, task: nil, model: m)
            }
        case .intermediateThrow(let kind):
            log(node)
            let before = interruptedScopes[scope, default: 0]
            switch kind {
            case .none: break
            case .message(let name): outcome.messages.append(name)
            case .signal(let name): try throwSignal(name)
            }
            // An interrupting event subprocess the signal started ended this token's scope.
            guard interruptedScopes[scope, default: 0] == before, instance.executions[scope] != nil else { return }
            try leave(node, scope: scope, model: m)
        case .exclusiveGateway:
            log(node)
            try follow(node, scope: scope, model: m, firstOnly: true, what: "exclusive gateway \(node.id)")
        case .parallelGateway:
            if node.incoming.count > 1 {
                guard let via else { break }
                instance.executions[scope]!.joins[index, default: [:]][via, default: 0] += 1
                let arrived = instance.executions[scope]!.joins[index]!
                guard node.incoming.allSatisfy({ (arrived[$0] ?? 0) > 0 }) else { return }
                var rest = arrived
                for f in node.incoming { rest[f]! -= 1 }
                rest = rest.filter { $0.value > 0 }
                instance.executions[scope]!.joins[index] = rest.isEmpty ? nil : rest
            }
            log(node)
            if node.outgoing.isEmpty { try scopeMaybeDone(scope) }
            for f in node.outgoing { push(node: m.flows[f].target, scope: scope, model: modelKey, via: f) }
        case .inclusiveGateway:
            if node.incoming.count > 1, let via {
                instance.executions[scope]!.joins[index, default: [:]][via, default: 0] += 1
                if !pendingInclusive.contains(where: { $0.scope == scope && $0.node == index }) {
                    pendingInclusive.append((scope, index, modelKey))
                }
                return
            }
            try splitInclusive(node, scope: scope, model: m)
        case .eventBasedGateway:
            let g = insert(kind: .wait, node: node, parent: scope, model: modelKey)
            for f in node.outgoing {
                let target = m.nodes[m.flows[f].target]
                if case .timer(let definition)? = target.trigger {
                    try startTimer(g, nodeID: target.id, definition)
                }
            }
        case .intermediateCatch(let trigger):
            let e = insert(kind: .wait, node: node, parent: scope, model: modelKey)
            if case .timer(let definition) = trigger { try startTimer(e, nodeID: node.id, definition) }
        case .task, .subProcess, .callActivity:
            try activate(node, scope: scope, model: m)
        case .boundary:
            throw RuntimeError("boundary event \(node.id) cannot be reached by a sequence flow")
        }
    }

    mutating func splitInclusive(_ node: FlowNode, scope: Int, model m: ProcessModel) throws(RuntimeError) {
        log(node)
        try follow(node, scope: scope, model: m, firstOnly: false, what: "inclusive gateway \(node.id)")
    }

    /// Takes the outgoing flows whose condition holds (a flow without one always holds) — the first
    /// only for an exclusive gateway, all of them otherwise — and the default flow when none did.
    mutating func follow(
        _ node: FlowNode, scope: Int, model m: ProcessModel, firstOnly: Bool, what: String
    ) throws(RuntimeError) {
        let key = "\(m.id)@\(m.version)"
        var taken = false
        var variables: [String: Value]?
        for f in node.outgoing where f != node.defaultFlow {
            let flow = m.flows[f]
            if let c = flow.condition {
                if variables == nil { variables = visible(scope) }
                guard try holds(c, variables!, "the condition of \(flow.id)") else { continue }
            }
            push(node: flow.target, scope: scope, model: key, via: f)
            taken = true
            if firstOnly { return }
        }
        if !taken {
            guard let d = node.defaultFlow else {
                throw RuntimeError("no outgoing flow of \(what) matches and it has no default flow")
            }
            push(node: m.flows[d].target, scope: scope, model: key, via: d)
        }
    }

    /// Fires every inclusive join that no live token can still reach. True when one fired.
    mutating func fireInclusiveJoins() throws(RuntimeError) -> Bool {
        var fired = false
        // Joins entered in earlier operations are part of the state: check them too.
        for e in instance.executions.values.filter({ !$0.joins.isEmpty }).sorted(by: { $0.id < $1.id }) {
            let key = contentModel(e)
            guard let m = try? model(key) else { continue }
            for node in e.joins.keys.sorted() where node < m.nodes.count {
                guard case .inclusiveGateway = m.nodes[node].kind,
                    !pendingInclusive.contains(where: { $0.scope == e.id && $0.node == node })
                else { continue }
                pendingInclusive.append((e.id, node, key))
            }
        }
        var i = 0
        while i < pendingInclusive.count {
            let (scope, index, key) = pendingInclusive[i]
            guard instance.executions[scope] != nil, instance.status == .running else {
                pendingInclusive.remove(at: i)
                continue
            }
            let m = try model(key)
            let upstream = Reachability.upstream(of: index, in: m)
            let children = instance.executions.values.filter { $0.parent == scope }
            let blocked =
                children.contains { upstream.contains($0.node) }
                || instance.executions[scope]!.joins.keys.contains { $0 != index && upstream.contains($0) }
            if blocked {
                i += 1
                continue
            }
            pendingInclusive.remove(at: i)
            instance.executions[scope]!.joins[index] = nil
            try splitInclusive(m.nodes[index], scope: scope, model: m)
            fired = true
        }
        return fired
    }

    /// Follows an activity's or event's outgoing flows: unconditional ones always, conditional ones
    /// when they hold, the default flow when none did.
    mutating func leave(_ node: FlowNode, scope: Int, model m: ProcessModel) throws(RuntimeError) {
        if node.outgoing.isEmpty {
            try scopeMaybeDone(scope)
            return
        }
        try follow(node, scope: scope, model: m, firstOnly: false, what: node.id)
    }

    // MARK: Activities

    @discardableResult
    mutating func insert(
        kind: Execution.Kind, node: FlowNode, parent: Int, model key: String, variables: [String: Value] = [:]
    ) -> Int {
        let id = instance.nextID
        instance.nextID += 1
        instance.executions[id] = Execution(
            id: id, parent: parent, model: key, node: node.index, kind: kind, variables: variables, since: now,
            nodeID: node.id, name: node.name, type: node.type)
        return id
    }

    mutating func activate(_ node: FlowNode, scope: Int, model m: ProcessModel) throws(RuntimeError) {
        let key = "\(m.id)@\(m.version)"
        switch node.loop {
        case .multiInstance(let mi)?:
            let variables = visible(scope)
            var items: [Value]
            if let input = mi.inputCollection {
                guard case .list(let list) = try evaluate(input, variables, "the input collection of \(node.id)") else {
                    throw RuntimeError("the input collection of \(node.id) (\(input.source)) is not a list")
                }
                items = list
            } else {
                let value = try evaluate(mi.cardinality!, variables, "the loopCardinality of \(node.id)")
                guard case .number(let n) = value, n >= 0, n <= 10_000,
                    n == Decimal(NSDecimalNumber(decimal: n).intValue)
                else {
                    throw RuntimeError(
                        "the loopCardinality of \(node.id) gave \(value), not a whole number from 0 to 10000")
                }
                items = (0..<NSDecimalNumber(decimal: n).intValue).map { .number(Decimal($0)) }
            }
            let body = insert(
                kind: .multiInstance, node: node, parent: scope, model: key,
                variables: [
                    "nrOfInstances": .number(Decimal(items.count)), "nrOfCompletedInstances": 0,
                    "nrOfActiveInstances": .number(Decimal(mi.isSequential ? min(1, items.count) : items.count)),
                ])
            instance.executions[body]!.total = items.count
            instance.executions[body]!.items = items
            instance.executions[body]!.outputs = Array(repeating: .null, count: items.count)
            try startBoundaryTimers(body, node)
            if items.isEmpty {
                try finishLoopBody(body)
                return
            }
            for i in 0..<(mi.isSequential ? 1 : items.count) {
                pushInner(body: body, index: i, node: node.index, model: key)
            }
        case .standard(let loop)?:
            let body = insert(kind: .loop, node: node, parent: scope, model: key)
            try startBoundaryTimers(body, node)
            if loop.maximum == 0 {
                try finishLoopBody(body)
                return
            }
            var before = visible(body)
            before["loopCounter"] = 0
            if loop.testBefore, let c = loop.condition, try !holds(c, before, "the loopCondition of \(node.id)") {
                try finishLoopBody(body)
                return
            }
            pushInner(body: body, index: 0, node: node.index, model: key)
        case nil:
            try activateInstance(node, parent: scope, model: m, variables: [:], boundaries: true)
        }
    }

    mutating func spawnInner(body: Int, index: Int, node: FlowNode, model m: ProcessModel) throws(RuntimeError) {
        guard let b = instance.executions[body] else { return }
        var locals: [String: Value] = ["loopCounter": .number(Decimal(index))]
        if case .multiInstance(let mi)? = node.loop {
            guard index < b.items.count else { return }
            let item = b.items[index]
            if let name = mi.inputItem { locals[name] = item }
            if let name = mi.outputItem, name != mi.inputItem { locals[name] = .null }
        }
        try activateInstance(node, parent: body, model: m, variables: locals, boundaries: false)
    }

    mutating func activateInstance(
        _ node: FlowNode, parent: Int, model m: ProcessModel, variables: [String: Value], boundaries: Bool
    ) throws(RuntimeError) {
        let key = "\(m.id)@\(m.version)"
        switch node.kind {
        case .task(let kind) where node.isWaitState:
            let e = insert(kind: .wait, node: node, parent: parent, model: key, variables: variables)
            instance.executions[e]!.isTask = true
            if let template = node.nameTemplate {
                do { instance.executions[e]!.name = try template.render(visible(e)) } catch {
                    throw RuntimeError("the name \"\(template.source)\" of \(node.id) could not be evaluated: \(error)")
                }
            }
            if kind == .user {
                if let template = node.assignee {
                    do { instance.executions[e]!.assignee = try template.render(visible(e)) } catch {
                        throw RuntimeError(
                            "the assignee \"\(template.source)\" of \(node.id) could not be evaluated: \(error)")
                    }
                }
                if !node.candidateGroups.isEmpty { instance.executions[e]!.candidateGroups = node.candidateGroups }
            }
            instance.executions[e]!.lane = m.lanes[node.id]
            if boundaries { try startBoundaryTimers(e, node) }
        case .task:
            let e = insert(kind: .wait, node: node, parent: parent, model: key, variables: variables)
            if !node.assignments.isEmpty {
                for (name, expression) in node.assignments {
                    let value = try evaluate(expression, visible(e), "the script of \(node.id)")
                    write([name: value], at: e)
                }
            } else if let name = node.handler {
                if let handler = engine.handlers[name] {
                    let context = TaskContext(processID: m.id, nodeID: node.id, name: node.name, variables: visible(e))
                    do {
                        write(try handler(context), at: e)
                    } catch let error as BPMNError {
                        cancel(e)
                        try throwError(error.code, scope: parent, task: node, model: m)
                        return
                    } catch {
                        throw RuntimeError("the handler \"\(name)\" of \(node.id) failed: \(error)")
                    }
                } else if !engine.missingHandlersAreNoOps {
                    throw RuntimeError("no handler \"\(name)\" is registered for \(node.id)")
                }
            }
            try finishActivity(e)
        case .subProcess:
            let e = insert(kind: .scope, node: node, parent: parent, model: key, variables: variables)
            if boundaries { try startBoundaryTimers(e, node) }
            try subscribeEventSubprocesses(scope: e)
            guard let start = node.noneStart else { throw RuntimeError("subprocess \(node.id) has no start event") }
            push(node: start, scope: e, model: key)
        case .callActivity(let called):
            guard let target = engine.repository.model(called) else {
                throw RuntimeError("call activity \(node.id): process \"\(called)\" is not deployed")
            }
            guard let start = target.noneStart else {
                throw RuntimeError("call activity \(node.id): process \"\(called)\" has no none start event")
            }
            var inputs = visible(parent)
            inputs.merge(variables) { _, new in new }
            let e = insert(kind: .scope, node: node, parent: parent, model: key, variables: inputs)
            let childKey = "\(target.id)@\(target.version)"
            instance.executions[e]!.childModel = childKey
            if boundaries { try startBoundaryTimers(e, node) }
            try subscribeEventSubprocesses(scope: e)
            push(node: start, scope: e, model: childKey)
        default:
            throw RuntimeError("\(node.id) is not an activity")
        }
    }

    /// Completes an activity instance (or a catch event) and moves on: to the next flow, or back to
    /// its multi-instance or loop body.
    mutating func finishActivity(_ id: Int) throws(RuntimeError) {
        guard let e = instance.executions[id] else { return }
        let m = try model(e.model)
        let node = m.nodes[e.node]
        if e.childModel != nil, let parent = e.parent {
            // A called process hands its variables back — except the multi-instance locals of
            // its instance (loopCounter, the input item), which stay with the instance.
            var out = e.variables
            if let p = instance.executions[parent], p.kind == .multiInstance || p.kind == .loop, p.node == e.node {
                out["loopCounter"] = nil
                if case .multiInstance(let mi)? = node.loop, let item = mi.inputItem { out[item] = nil }
            }
            write(out, at: parent)
        }
        log(node, name: e.name)
        cancel(id)
        guard let p = e.parent, let parent = instance.executions[p] else { return }
        if (parent.kind == .multiInstance || parent.kind == .loop) && parent.node == e.node && parent.model == e.model {
            try innerCompleted(body: p, inner: e, node: node, model: m)
        } else if case .subProcess(true) = node.kind {
            try scopeMaybeDone(p)
        } else {
            try leave(node, scope: p, model: m)
        }
    }

    mutating func innerCompleted(body: Int, inner: Execution, node: FlowNode, model m: ProcessModel)
        throws(RuntimeError)
    {
        instance.executions[body]!.completed += 1
        let b = instance.executions[body]!
        switch node.loop {
        case .multiInstance(let mi)?:
            if case .number(let n)? = inner.variables["loopCounter"],
                let i = Int(exactly: NSDecimalNumber(decimal: n).intValue),
                i < b.outputs.count, let name = mi.outputItem
            {
                instance.executions[body]!.outputs[i] = inner.variables[name] ?? .null
            }
            let active = mi.isSequential ? (b.completed < b.total ? 1 : 0) : b.total - b.completed
            instance.executions[body]!.variables["nrOfCompletedInstances"] = .number(Decimal(b.completed))
            instance.executions[body]!.variables["nrOfActiveInstances"] = .number(Decimal(active))
            var done = b.completed >= b.total
            if !done, let c = mi.completionCondition {
                var variables = visible(body)
                variables.merge(inner.variables) { _, new in new }
                done = try holds(c, variables, "the completionCondition of \(node.id)")
            }
            if done {
                cancelChildren(of: body)
                try finishLoopBody(body)
            } else if mi.isSequential {
                pushInner(body: body, index: b.completed, node: node.index, model: "\(m.id)@\(m.version)")
            }
        case .standard(let loop)?:
            var again = true
            if let max = loop.maximum, b.completed >= max {
                again = false
            } else if let c = loop.condition {
                var variables = visible(body)
                variables.merge(inner.variables) { _, new in new }
                again = try holds(c, variables, "the loopCondition of \(node.id)")
            }
            if again {
                pushInner(body: body, index: b.completed, node: node.index, model: "\(m.id)@\(m.version)")
            } else {
                try finishLoopBody(body)
            }
        case nil:
            break
        }
    }

    mutating func finishLoopBody(_ id: Int) throws(RuntimeError) {
        guard let b = instance.executions[id], let parent = b.parent else { return }
        let m = try model(b.model)
        let node = m.nodes[b.node]
        if case .multiInstance(let mi)? = node.loop, let name = mi.outputCollection {
            write([name: .list(b.outputs)], at: parent)
        }
        cancel(id)
        try leave(node, scope: parent, model: m)
    }

    // MARK: Scopes

    mutating func scopeMaybeDone(_ scope: Int) throws(RuntimeError) {
        guard instance.executions[scope] != nil else { return }
        if instance.executions.values.contains(where: { $0.parent == scope }) { return }
        if tokensPending(in: scope) { return }
        try scopeDone(scope)
    }

    mutating func scopeDone(_ scope: Int) throws(RuntimeError) {
        guard let e = instance.executions[scope] else { return }
        if e.parent == nil {
            instance.status = .completed
            instance.endedAt = now
            instance.executions = [
                0: Execution(
                    id: 0, parent: nil, model: e.model, node: -1, kind: .scope, variables: e.variables, since: e.since,
                    nodeID: e.nodeID, name: e.name, type: e.type)
            ]
            return
        }
        try finishActivity(scope)
    }

    /// Removes an execution with everything below it (its timers and subscriptions go with it).
    mutating func cancel(_ id: Int) {
        var stack = [id]
        var doomed: Set<Int> = []
        while let current = stack.popLast() {
            doomed.insert(current)
            for e in instance.executions.values where e.parent == current { stack.append(e.id) }
        }
        for d in doomed { instance.executions[d] = nil }
    }

    mutating func cancelChildren(of scope: Int) {
        interruptedScopes[scope, default: 0] += 1
        for e in instance.executions.values where e.parent == scope { cancel(e.id) }
        instance.executions[scope]?.joins = [:]
        pendingInclusive.removeAll { $0.scope == scope }
        // Tokens of this scope still on the agenda die with it.
        if head < agenda.count {
            let rest = agenda[head...].filter { $0.scope != scope }
            agenda = Array(agenda[..<head]) + rest
        }
    }

    func isAlive(_ s: Subscription) -> Bool { instance.executions[s.execution] != nil }

    // MARK: Events

    mutating func subscribeEventSubprocesses(scope: Int) throws(RuntimeError) {
        for (esp, start, key) in try eventSubprocesses(of: scope) {
            _ = esp
            if case .timer(let definition)? = start.trigger {
                try startTimer(scope, nodeID: start.id, definition, modelKey: key)
            }
        }
    }

    mutating func eventSubprocesses(of scope: Int) throws(RuntimeError) -> [(FlowNode, FlowNode, String)] {
        guard let e = instance.executions[scope], e.kind == .scope, !e.interrupted else { return [] }
        let key = contentModel(e)
        let m = try model(key)
        let list = (e.node == -1 || e.childModel != nil) ? m.eventSubprocesses : m.nodes[e.node].eventSubprocesses
        return list.compactMap { i in m.nodes[i].noneStart.map { (m.nodes[i], m.nodes[$0], key) } }
    }

    mutating func startTimer(_ execution: Int, nodeID: String, _ definition: TimerDefinition, modelKey: String? = nil)
        throws(RuntimeError)
    {
        let value = try definition.evaluate(visible(execution))
        let (due, remaining) = value.first(after: now)
        instance.executions[execution]!.timers[nodeID] = TimerState(
            due: due, remaining: remaining, interval: value.interval, sequence: 1)
    }

    mutating func startBoundaryTimers(_ execution: Int, _ node: FlowNode) throws(RuntimeError) {
        guard !node.boundaryEvents.isEmpty else { return }
        let m = try model(instance.executions[execution]!.model)
        for b in node.boundaryEvents {
            if case .timer(let definition)? = m.nodes[b].trigger {
                try startTimer(execution, nodeID: m.nodes[b].id, definition)
            }
        }
    }

    /// Whether an execution carries its node's boundary events (a multi-instance body does, its inner
    /// instances do not).
    func carriesBoundaries(_ e: Execution) -> Bool {
        guard e.parent != nil, e.node >= 0 else { return false }
        if let p = e.parent, let parent = instance.executions[p], parent.kind == .multiInstance || parent.kind == .loop,
            parent.node == e.node, parent.model == e.model
        {
            return false
        }
        return true
    }

    /// Every place the instance listens, in execution order.
    mutating func subscriptions(matching predicate: (Trigger) -> Bool) -> [Subscription] {
        var result: [Subscription] = []
        guard instance.status == .running else { return [] }
        for e in instance.executions.values.sorted(by: { $0.id < $1.id }) {
            guard let m = try? model(e.model) else { continue }
            if e.node >= 0 {
                let node = m.nodes[e.node]
                if e.kind == .wait {
                    switch node.kind {
                    case .intermediateCatch(let t):
                        if predicate(t) {
                            result.append(
                                Subscription(execution: e.id, node: e.node, model: e.model, trigger: t, role: .own))
                        }
                    case .task(.receive):
                        if let message = node.message, predicate(.message(message)) {
                            result.append(
                                Subscription(
                                    execution: e.id, node: e.node, model: e.model, trigger: .message(message),
                                    role: .own))
                        }
                    case .eventBasedGateway:
                        for f in node.outgoing {
                            let target = m.nodes[m.flows[f].target]
                            let t: Trigger? = target.trigger ?? target.message.map { .message($0) }
                            if let t, predicate(t) {
                                result.append(
                                    Subscription(
                                        execution: e.id, node: target.index, model: e.model, trigger: t,
                                        role: .gatewayTarget))
                            }
                        }
                    default: break
                    }
                }
                if e.kind != .wait || node.isActivity, carriesBoundaries(e) {
                    for b in node.boundaryEvents {
                        if let t = m.nodes[b].trigger, predicate(t) {
                            result.append(
                                Subscription(execution: e.id, node: b, model: e.model, trigger: t, role: .boundary))
                        }
                    }
                }
            }
            if e.kind == .scope, let starts = try? eventSubprocesses(of: e.id) {
                for (_, start, key) in starts {
                    if let t = start.trigger, predicate(t) {
                        result.append(
                            Subscription(
                                execution: e.id, node: start.index, model: key, trigger: t, role: .eventSubprocess))
                    }
                }
            }
        }
        return result
    }

    /// Where a message's or signal's variables go: the execution that goes on after the event (a
    /// waiting task or catch event itself; the scope around an event-based gateway or an activity
    /// whose boundary event fires; the scope of an event subprocess) — so a called process that
    /// receives sees them, and nothing is written into an execution about to be cancelled.
    func receiver(of s: Subscription) -> Int {
        switch s.role {
        case .own, .eventSubprocess: return s.execution
        case .gatewayTarget, .boundary: return instance.executions[s.execution]?.parent ?? s.execution
        }
    }

    mutating func trigger(_ s: Subscription) throws(RuntimeError) {
        guard let e = instance.executions[s.execution] else { return }
        let m = try model(s.model)
        let node = m.nodes[s.node]
        switch s.role {
        case .own:
            try finishActivity(s.execution)
        case .gatewayTarget:
            let gm = try model(e.model)
            log(gm.nodes[e.node])
            cancel(s.execution)
            log(node)
            try leave(node, scope: e.parent!, model: m)
        case .boundary:
            guard case .boundary(_, let interrupting, _) = node.kind else { return }
            log(node)
            if interrupting { cancel(s.execution) }
            try leave(node, scope: e.parent!, model: m)
        case .eventSubprocess:
            guard let espIndex = m.nodes.firstIndex(where: { $0.noneStart == s.node && $0.type == "subProcess" }) else {
                return
            }
            try startEventSubprocess(scope: s.execution, esp: m.nodes[espIndex], start: node, model: m)
        }
    }

    mutating func startEventSubprocess(scope: Int, esp: FlowNode, start: FlowNode, model m: ProcessModel)
        throws(RuntimeError)
    {
        let key = "\(m.id)@\(m.version)"
        guard case .startEvent(_, let interrupting) = start.kind else { return }
        if interrupting {
            // Only the event subprocesses' own start timers end; boundary events on the (sub)process
            // keep listening while the event subprocess runs.
            let starts = Set((try eventSubprocesses(of: scope)).map { $0.1.id })
            cancelChildren(of: scope)
            instance.executions[scope]!.timers = instance.executions[scope]!.timers.filter { !starts.contains($0.key) }
            instance.executions[scope]!.interrupted = true
        }
        let x = insert(kind: .scope, node: esp, parent: scope, model: key)
        try subscribeEventSubprocesses(scope: x)
        log(start)
        try leave(start, scope: x, model: m)
    }

    mutating func fireTimer(execution: Int, nodeID: String) throws(RuntimeError) {
        guard var state = instance.executions[execution]?.timers[nodeID] else { return }
        if state.remaining != 0, let interval = state.interval {
            state.due = interval.added(to: state.due)
            state.remaining = state.remaining.map { $0 - 1 }
            state.sequence += 1
            instance.executions[execution]!.timers[nodeID] = state
        } else {
            instance.executions[execution]!.timers[nodeID] = nil
        }
        let matches = subscriptions { if case .timer = $0 { true } else { false } }
        guard
            let s = matches.first(where: { sub in
                sub.execution == execution && (try? model(sub.model))?.nodes[sub.node].id == nodeID
            })
        else { return }
        try trigger(s)
    }

    mutating func throwSignal(_ name: String) throws(RuntimeError) {
        outcome.signals.append(name)
        let targets = subscriptions { if case .signal(name) = $0 { true } else { false } }
        for t in targets where isAlive(t) { try trigger(t) }
    }

    /// Finds the nearest handler of a BPMN error: the failing task's error boundary, then outwards each
    /// scope's error event subprocess and the error boundary of the subprocess or call activity.
    mutating func throwError(_ code: String?, scope: Int, task: FlowNode?, model m: ProcessModel) throws(RuntimeError) {
        func catches(_ t: Trigger?) -> Bool {
            guard case .error(let caught)? = t else { return false }
            return caught == nil || caught == code
        }
        /// A handler naming the code takes precedence over a catch-all (as in Camunda 7).
        func best(_ candidates: [Int], _ m: ProcessModel) -> Int? {
            candidates.first { if case .error(let c?)? = m.nodes[$0].trigger { c == code } else { false } }
                ?? candidates.first { catches(m.nodes[$0].trigger) }
        }
        if let task {
            // A handler task's own boundary (a multi-instance task: the body carries it).
            let carrier = instance.executions[scope].flatMap { p in
                (p.kind == .multiInstance || p.kind == .loop) && p.node == task.index ? p : nil
            }
            if let b = best(task.boundaryEvents, m) {
                log(m.nodes[b])
                if let carrier {
                    cancel(carrier.id)
                    try leave(m.nodes[b], scope: carrier.parent!, model: m)
                } else {
                    try leave(m.nodes[b], scope: scope, model: m)
                }
                return
            }
        }
        var current: Int? = scope
        while let sid = current, let s = instance.executions[sid] {
            let subprocesses = s.kind == .scope ? try eventSubprocesses(of: sid) : []
            if let (esp, start, key) =
                subprocesses.first(where: { if case .error(let c?)? = $0.1.trigger { c == code } else { false } })
                ?? subprocesses.first(where: { catches($0.1.trigger) })
            {
                try startEventSubprocess(scope: sid, esp: esp, start: start, model: try model(key))
                return
            }
            if carriesBoundaries(s) {
                let sm = try model(s.model)
                if let b = best(sm.nodes[s.node].boundaryEvents, sm) {
                    log(sm.nodes[b])
                    cancel(sid)
                    try leave(sm.nodes[b], scope: s.parent!, model: sm)
                    return
                }
            }
            current = s.parent
        }
        throw RuntimeError("the BPMN error \"\(code ?? "")\" is not caught by any error event")
    }
}

/// Which nodes of a scope can still send a token to a node (for inclusive joins).
enum Reachability {
    static func upstream(of target: Int, in model: ProcessModel) -> Set<Int> {
        var seen: Set<Int> = []
        var stack = [target]
        while let n = stack.popLast() {
            let node = model.nodes[n]
            var predecessors = node.incoming.map { model.flows[$0].source }
            if case .boundary(let attached, _, _) = node.kind { predecessors.append(attached) }
            for p in predecessors where !seen.contains(p) {
                seen.insert(p)
                stack.append(p)
            }
        }
        seen.remove(target)
        return seen
    }
}
