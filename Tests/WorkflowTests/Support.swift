import Expressions
import Foundation
import Testing

@testable import Workflow

/// The shared BPMN models (`shared/data/bpmn`), found by walking up from this file (works in
/// /work/main and in a CI clone with shared/ beside the repository).
enum BPMNData {
    static let root: URL? = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !dir.path.isEmpty {
            let candidate = dir.appendingPathComponent("shared/data/bpmn")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static func data(_ name: String) throws -> Data {
        let root = try #require(root, "shared/data/bpmn not found above \(#filePath)")
        return try Data(contentsOf: root.appendingPathComponent(name))
    }

    static var allFiles: [String] {
        guard let root else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [])
            .filter { $0.hasSuffix(".bpmn") || $0.hasSuffix(".bpmn20.xml") }.sorted()
    }
}

/// Deploys shared models and drives instances with a clock the test moves.
struct Harness {
    var engine: Engine
    var now = Simulator.epoch

    init(_ files: String..., handlers: [String: TaskHandler] = [:], noOps: Bool = true) throws {
        var repository = ProcessRepository()
        let parsed = try files.map { name in (try BPMNImport.parse(BPMNData.data(name)), try BPMNData.data(name)) }
        let together = Set(parsed.flatMap { $0.0.map(\.id) })
        for (models, data) in parsed {
            try repository.deploy(models, source: data, deployedTogether: together)
        }
        engine = Engine(repository: repository, handlers: handlers, missingHandlersAreNoOps: noOps)
    }

    func start(_ process: String, _ variables: [String: Value] = [:], by start: Engine.Start = .none) throws
        -> (ProcessInstance, Outcome)
    {
        try engine.start(process, variables: variables, by: start, at: now)
    }

    /// Completes the open task with this name or id.
    @discardableResult
    func complete(_ instance: inout ProcessInstance, _ task: String, _ variables: [String: Value] = [:]) throws
        -> Outcome
    {
        let open = try #require(
            instance.openTasks.first { $0.name == task || $0.nodeID == task },
            "no open task \(task); open: \(instance.openTasks.map(\.nodeID))")
        return try engine.complete(&instance, task: open.id, variables: variables, at: now)
    }

    /// Moves the clock and fires every timer due by then; returns the trace.
    @discardableResult
    mutating func advance(_ instance: inout ProcessInstance, by seconds: TimeInterval) throws -> [CompletedNode] {
        now = now.addingTimeInterval(seconds)
        var trace: [CompletedNode] = []
        while let timer = instance.timers.first, timer.due <= now {
            trace += try engine.fireTimer(&instance, key: timer.key, at: now)?.completed ?? []
        }
        return trace
    }
}

extension ProcessInstance {
    var taskNames: [String] { openTasks.map { $0.name ?? $0.nodeID } }
}
