import Expressions
import Foundation

/// Runs one instance against a virtual clock: what `amtsweg bpmn run` does, and how the tests drive
/// whole processes. Messages are delivered when the instance waits for them; with `auto`, open tasks
/// are completed one at a time in the order they became ready, and before each completion the clock
/// moves on by `wait` and every timer due by then fires first.
public struct Simulator: Sendable {
    public struct Options: Sendable {
        public var variables: [String: Value] = [:]
        public var messages: [String] = []
        /// The clock advance before each completion (`--wait P8D`); without `auto`, once at the end.
        public var wait: TimeInterval = 0
        public var auto = false
        /// Variables set on each task as it is completed, by task id.
        public var taskVariables: [String: [String: Value]] = [:]
        /// A safety stop for endless timer cycles.
        public var maxTimerFirings = 1_000
        public init() {}
    }

    public struct Result: Sendable {
        public let trace: [CompletedNode]
        public let instance: ProcessInstance
        /// The runtime error that stopped the run, if any.
        public let error: RuntimeError?
    }

    public let engine: Engine
    /// 2026-01-01T00:00:00Z: simulations are reproducible.
    public static let epoch = Date(timeIntervalSince1970: 1_767_225_600)

    public init(engine: Engine) { self.engine = engine }

    public func run(_ processID: String, options: Options) -> Result {
        var clock = Self.epoch
        var trace: [CompletedNode] = []
        var messages = options.messages
        var firings = 0
        let model = engine.repository.model(processID)
        var instance: ProcessInstance
        do {
            var start = Engine.Start.none
            if model?.noneStart == nil, let model {
                if let m = messages.firstIndex(where: { name in
                    model.triggeredStarts.contains { if case .message(name) = $0.trigger { true } else { false } }
                }) {
                    start = .message(messages.remove(at: m))
                } else if let timer = model.triggeredStarts.first(where: {
                    if case .timer = $0.trigger { true } else { false }
                }),
                    case .timer(let definition)? = timer.trigger
                {
                    clock = try definition.evaluate(options.variables).first(after: clock).due
                    start = .event(timer.id)
                } else if model.triggeredStarts.count == 1 {
                    // One start event: start by it, as Camunda starts by key.
                    start = .event(model.triggeredStarts[0].id)
                }
            }
            let (started, outcome) = try engine.start(processID, variables: options.variables, by: start, at: clock)
            instance = started
            trace += outcome.completed
        } catch {
            return Result(trace: trace, instance: Self.empty(processID, clock), error: error)
        }

        func settle() throws(RuntimeError) {
            var progress = true
            while progress && instance.status == .running {
                progress = false
                let waiting = engine.waitsFor(instance).messages
                if let m = messages.firstIndex(where: waiting.contains) {
                    let name = messages.remove(at: m)
                    if let outcome = try engine.deliver(&instance, message: name, at: clock) {
                        trace += outcome.completed
                        progress = true
                        continue
                    }
                }
                if let timer = instance.timers.first, timer.due <= clock {
                    firings += 1
                    guard firings <= options.maxTimerFirings else {
                        throw RuntimeError("stopped after \(options.maxTimerFirings) timer firings")
                    }
                    if let outcome = try engine.fireTimer(&instance, key: timer.key, at: clock) {
                        trace += outcome.completed
                    }
                    progress = true
                }
            }
        }

        do {
            try settle()
            while instance.status == .running {
                if options.auto, let task = instance.openTasks.first {
                    clock = clock.addingTimeInterval(options.wait)
                    try settle()
                    guard instance.status == .running else { break }
                    if instance.openTasks.contains(where: { $0.id == task.id }) {
                        let outcome = try engine.complete(
                            &instance, task: task.id, variables: options.taskVariables[task.nodeID] ?? [:], at: clock)
                        trace += outcome.completed
                    }
                    try settle()
                    continue
                }
                // Nothing to complete: time passes until the next timer (with auto) or by `wait` once.
                if options.auto, instance.openTasks.isEmpty, let next = instance.timers.first {
                    clock = max(clock, next.due)
                    try settle()
                    continue
                }
                if !options.auto && options.wait > 0 {
                    clock = clock.addingTimeInterval(options.wait)
                    try settle()
                }
                break
            }
        } catch {
            return Result(trace: trace, instance: instance, error: error)
        }
        return Result(trace: trace, instance: instance, error: nil)
    }

    static func empty(_ processID: String, _ clock: Date) -> ProcessInstance {
        ProcessInstance(
            id: "-", processID: processID, version: 0, status: .running, startedAt: clock, endedAt: nil,
            executions: [:], nextID: 0)
    }
}

extension ISODuration {
    /// Seconds of a days-and-time duration (months count 30 days): for `--wait`.
    public static func seconds(_ text: String) -> TimeInterval? {
        guard let d = ISODuration(text) else { return nil }
        return Double(d.months * 30 + d.days) * 86_400 + NSDecimalNumber(decimal: d.seconds).doubleValue
    }
}
