import Expressions
import Foundation
import Logging
import Storage
import Workflow

// bpmn-bench: Amtsweg's side of the BPMN engine benchmark (issue 6), printed as one JSON object.
//
//   bpmn-bench --model FILE [--seconds S] [--clients 64,256]
//
// The model is start → user task → end (shared/data/bpmn/spiff__resetworkflowA-sublevel.bpmn).
// - memory: the engine alone, one thread: start an instance, complete its task; completed instances
//   per second and engine steps (completed flow nodes) per second;
// - persisted: `ProcessStore` on a fresh SQLite file with Amtsweg's settings (WAL, synchronous=FULL):
//   the instance is written at its wait state (INSERT with history and timer sync) and again when
//   the task is completed, each operation committed (fsync) before it returns. Sequential (one
//   client, like SpiffWorkflow's loop) and with 64 and 256 concurrent clients (group commit: the
//   operations that arrive while a commit runs share the next one); p50/p99 of the time to persist
//   one wait state (one store operation, from the call to its committed answer).
// bench/bpmn.py runs it beside SpiffWorkflow on the same model in the same run.

var modelPath = ""
var seconds = 5.0
var clientCounts = [64, 256]
/// `--only concurrent`: just the concurrent persisted run (for profiling).
var only: String?
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    switch arg {
    case "--model": modelPath = args.popFirst() ?? ""
    case "--seconds": seconds = args.popFirst().flatMap(Double.init) ?? seconds
    case "--clients":
        clientCounts = (args.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
        if clientCounts.isEmpty { clientCounts = [64] }
    case "--only": only = args.popFirst()
    default: break
    }
}
guard !modelPath.isEmpty, let data = FileManager.default.contents(atPath: modelPath) else {
    FileHandle.standardError.write(Data("usage: bpmn-bench --model FILE [--seconds S] [--clients N]\n".utf8))
    exit(2)
}

var repository = ProcessRepository()
let models = try repository.deploy(data)
let processID = models[0].id
let engine = Engine(repository: repository)

func nanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

// MARK: memory

func memoryRun(seconds: Double) throws -> (instances: Int, steps: Int, elapsed: Double) {
    let now = Date()
    var instances = 0
    var steps = 0
    let start = nanos()
    let deadline = start + UInt64(seconds * 1e9)
    while nanos() < deadline {
        for _ in 0..<100 {
            var (instance, outcome) = try engine.start(processID, id: "i", at: now)
            steps += outcome.completed.count
            let task = instance.openTasks[0].id
            let done = try engine.complete(&instance, task: task, variables: ["approved": true], at: now)
            steps += done.completed.count
            precondition(instance.status == .completed)
            instances += 1
        }
    }
    return (instances, steps, Double(nanos() - start) / 1e9)
}

if only == nil { _ = try memoryRun(seconds: 1) }  // warm-up
let memory = only == nil ? try memoryRun(seconds: seconds) : (instances: 0, steps: 0, elapsed: 1.0)

// MARK: persisted

var logger = Logger(label: "bpmn-bench")
logger.logLevel = .error

struct Persisted: Sendable {
    var instances: Int
    var elapsed: Double
    var latencies: [Double]
}

actor Collector {
    var instances = 0
    var latencies: [Double] = []
    func add(_ n: Int, _ l: [Double]) {
        instances += n
        latencies += l
    }
}

func persistedRun(clients: Int, seconds: Double) async throws -> (Persisted, Int) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bpmn-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let database = try await Database.open(.sqliteFile(dir.appendingPathComponent("bench.sqlite").path), logger: logger)
    try await Migrator(database: database, logger: logger).migrate()
    let store = ProcessStore(database: database, clock: SystemClock())
    try await store.deploy(data)
    let collector = Collector()
    // Warm-up: 1 s.
    for phase in 0..<2 {
        let duration = phase == 0 ? 1.0 : seconds
        let deadline = nanos() + UInt64(duration * 1e9)
        let started = nanos()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var done = 0
                    var latencies: [Double] = []
                    while nanos() < deadline {
                        var t = nanos()
                        let (instance, _) = try await store.start(processID)
                        latencies.append(Double(nanos() - t) / 1e6)
                        t = nanos()
                        let (finished, _) = try await store.complete(
                            instance: instance.id, task: instance.openTasks[0].id, variables: ["approved": true])
                        latencies.append(Double(nanos() - t) / 1e6)
                        precondition(finished.status == .completed)
                        done += 1
                    }
                    if phase == 1 { await collector.add(done, latencies) }
                }
            }
            try await group.waitForAll()
        }
        if phase == 1 {
            let elapsed = Double(nanos() - started) / 1e9
            let completed = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM process_instances WHERE status = 'completed'").first()?
                    .decode(column: "n", as: Int.self) ?? 0
            }
            await database.close()
            return (
                Persisted(
                    instances: await collector.instances, elapsed: elapsed,
                    latencies: await collector.latencies.sorted()),
                completed
            )
        }
    }
    fatalError("unreachable")
}

func report(_ p: Persisted, rows: Int, clients: Int) -> [String: Any] {
    [
        "clients": clients, "instances": p.instances, "instances_per_s": Double(p.instances) / p.elapsed,
        "persist_p50_ms": percentile(p.latencies, 0.5), "persist_p99_ms": percentile(p.latencies, 0.99),
        "completed_rows_checked": rows, "sqlite": "WAL, synchronous=FULL",
    ]
}

let (sequential, sequentialRows) =
    only == nil
    ? try await persistedRun(clients: 1, seconds: seconds) : (Persisted(instances: 0, elapsed: 1, latencies: []), 0)
var concurrentReports: [[String: Any]] = []
for clients in clientCounts {
    let (concurrent, rows) = try await persistedRun(clients: clients, seconds: seconds)
    concurrentReports.append(report(concurrent, rows: rows, clients: clients))
}

let result: [String: Any] = [
    "engine": "Amtsweg", "model": modelPath,
    "memory": [
        "instances": memory.instances, "instances_per_s": Double(memory.instances) / memory.elapsed,
        "steps_per_s": Double(memory.steps) / memory.elapsed,
        "steps_counted": "completed flow nodes (start event, user task, end event)",
    ],
    "persisted": report(sequential, rows: sequentialRows, clients: 1),
    "persisted_concurrent": concurrentReports,
]
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted])
print(String(decoding: json, as: UTF8.self))
