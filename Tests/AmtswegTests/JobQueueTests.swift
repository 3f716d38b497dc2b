import Foundation
import SQLKit
import Storage
import Synchronization
import Testing

/// Failures the test handler throws on purpose.
struct HandlerFailure: Error {}

@Suite("Job queue")
struct JobQueueTests {
    @Test(
        "A failing job is retried with backoff and then dead-lettered; an operator can requeue it",
        arguments: Backend.all)
    func retryThenDeadLetter(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            // setup
            let clock = ManualClock()
            let queue = JobQueue(database: database, clock: clock)
            let calls = Mutex(0)
            let worker = JobWorker(
                queue: queue,
                handlers: [
                    "always-fails": { _, _ in
                        calls.withLock { $0 += 1 }
                        throw HandlerFailure()
                    }
                ], workerID: "w1", logger: testLogger)
            let id = try await queue.enqueue(kind: "always-fails", maxAttempts: 3)
            // act: attempt 1
            #expect(try await worker.runOnce() == 1)
            var job = try #require(try await queue.job(id: id))
            #expect(job.status == "pending" && job.attempts == 1)
            #expect(job.lastError?.contains("HandlerFailure") == true)
            // not due again before the backoff (2 s for the first retry)
            #expect(try await worker.runOnce() == 0)
            clock.advance(by: 2.5)
            #expect(try await worker.runOnce() == 1)  // attempt 2
            job = try #require(try await queue.job(id: id))
            #expect(job.status == "pending" && job.attempts == 2)
            clock.advance(by: 3.5)
            #expect(try await worker.runOnce() == 0, "second backoff is 4 s")
            clock.advance(by: 1)
            #expect(try await worker.runOnce() == 1)  // attempt 3 → dead
            job = try #require(try await queue.job(id: id))
            #expect(job.status == "dead")
            #expect(calls.withLock { $0 } == 3)
            clock.advance(by: 3600)
            #expect(try await worker.runOnce() == 0, "dead jobs are not run")
            #expect(try await queue.jobs(status: .dead).map(\.id) == [id])
            // operator requeues
            #expect(try await queue.requeue(id: id))
            job = try #require(try await queue.job(id: id))
            #expect(job.status == "pending" && job.attempts == 0)
        }
    }

    @Test("The handler's effects and the job's completion commit together", arguments: Backend.all)
    func effectsRollBackOnFailure(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let queue = JobQueue(database: database, clock: clock)
            try await database.transaction { db in try await db.raw("CREATE TABLE effects (job_id TEXT NOT NULL)").run()
            }
            let worker = JobWorker(
                queue: queue,
                handlers: [
                    "half-done": { job, db in
                        try await db.raw("INSERT INTO effects (job_id) VALUES (\(bind: job.id))").run()
                        throw HandlerFailure()
                    }
                ], workerID: "w1", logger: testLogger)
            try await queue.enqueue(kind: "half-done", maxAttempts: 1)
            try await worker.runOnce()
            let effects = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM effects").first(decodingColumn: "n", as: Int.self)
            }
            #expect(effects == 0, "the failed attempt's insert was rolled back")
            #expect(try await queue.counts()[.dead] == 1)
        }
    }

    @Test("A pending job can be replaced or cancelled by its unique key", arguments: Backend.all)
    func uniqueKeys(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let queue = JobQueue(database: database, clock: clock)
            let later = clock.now().addingTimeInterval(3600)
            let first = try await queue.enqueue(
                kind: "timer", payload: #"{"v":1}"#, runAt: later, uniqueKey: "case-1/deadline")
            let kept = try await queue.enqueue(
                kind: "timer", payload: #"{"v":2}"#, uniqueKey: "case-1/deadline", onConflict: .keep)
            #expect(kept == first)
            #expect(try await queue.job(id: first)?.payload == #"{"v":1}"#)
            let replaced = try await queue.enqueue(
                kind: "timer", payload: #"{"v":3}"#, runAt: later.addingTimeInterval(60), uniqueKey: "case-1/deadline",
                onConflict: .replace)
            #expect(replaced == first)
            #expect(try await queue.job(id: first)?.payload == #"{"v":3}"#)
            #expect(try await queue.cancel(uniqueKey: "case-1/deadline"))
            #expect(try await queue.job(id: first) == nil)
            #expect(try await queue.cancel(uniqueKey: "case-1/deadline") == false)
        }
    }

    @Test(
        "A job whose worker died is reclaimed after its lease expires, and the late worker cannot complete it",
        arguments: Backend.all)
    func leaseExpiry(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let queue = JobQueue(database: database, clock: clock)
            try await queue.enqueue(kind: "k")
            let leased = try await queue.claim(worker: "dead-node", limit: 1, lease: 30)
            #expect(leased.count == 1)
            #expect(
                try await queue.claim(worker: "live-node", limit: 1, lease: 30).isEmpty,
                "leased jobs are not handed out twice")
            clock.advance(by: 31)
            let reclaimed = try await queue.claim(worker: "live-node", limit: 1, lease: 30)
            #expect(reclaimed.map(\.id) == leased.map(\.id))
            #expect(reclaimed.first?.attempts == 2)
            await #expect(throws: StorageError.leaseLost(jobID: leased[0].id)) {
                try await queue.complete(leased[0], worker: "dead-node") { _, _ in }
            }
            try await queue.complete(reclaimed[0], worker: "live-node") { _, _ in }
            #expect(try await queue.job(id: leased[0].id)?.status == "done")
        }
    }

    @Test("Two nodes' workers execute a job enqueued once exactly once", arguments: Backend.all)
    func exactlyOnceAcrossNodes(backend: Backend) async throws {
        try await withDatabase(backend) { database, test in
            // setup: two nodes (two pools on one database), each with its own worker
            let nodeB = try await test.open(migrate: false)
            let clock = SystemClock()
            try await database.transaction { db in
                try await db.raw("CREATE TABLE executions (job_id TEXT NOT NULL, worker TEXT NOT NULL)").run()
            }
            func handler(_ worker: String) -> JobHandler {
                { job, db in
                    try await db.raw(
                        "INSERT INTO executions (job_id, worker) VALUES (\(bind: job.id), \(bind: worker))"
                    ).run()
                }
            }
            let queueA = JobQueue(database: database, clock: clock)
            let queueB = JobQueue(database: nodeB, clock: clock)
            let jobCount = 200
            for i in 0..<jobCount { try await queueA.enqueue(kind: "count", payload: #"{"n":\#(i)}"#) }
            var workerA = JobWorker(queue: queueA, handlers: ["count": handler("a")], workerID: "a", logger: testLogger)
            var workerB = JobWorker(queue: queueB, handlers: ["count": handler("b")], workerID: "b", logger: testLogger)
            workerA.batchSize = 4
            workerB.batchSize = 4
            // act: both workers drain the queue concurrently
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in [workerA, workerB] {
                    group.addTask {
                        var idle = 0
                        while idle < 3 {
                            if try await worker.runOnce() == 0 { idle += 1 } else { idle = 0 }
                        }
                    }
                }
                try await group.waitForAll()
            }
            // check
            struct Row: Decodable { var jobId: String; var n: Int }
            let rows = try await database.read { db in
                try await db.raw("SELECT job_id, COUNT(*) AS n FROM executions GROUP BY job_id").all(
                    decoding: Row.self, with: SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase))
            }
            #expect(rows.count == jobCount, "every job ran")
            #expect(rows.allSatisfy { $0.n == 1 }, "no job ran twice")
            #expect(try await queueA.counts()[.done] == jobCount)
            let perWorker = try await database.read { db in
                try await db.raw("SELECT COUNT(DISTINCT worker) AS n FROM executions").first(
                    decodingColumn: "n", as: Int.self)
            }
            if backend == .postgres { #expect(perWorker == 2, "both nodes took part") }
            await nodeB.close()
        }
    }

    @Test(
        "Two nodes starting at once schedule the same recurring job: one job, no unique-key error",
        arguments: Backend.all)
    func sameKeyFromTwoNodesAtOnce(backend: Backend) async throws {
        try await withDatabase(backend) { database, test in
            let nodeB = try await test.open(migrate: false)
            let clock = SystemClock()
            let queues = [JobQueue(database: database, clock: clock), JobQueue(database: nodeB, clock: clock)]
            // Each round: both nodes enqueue the same key concurrently, as nodes starting together do.
            for round in 0..<20 {
                let ids = try await withThrowingTaskGroup(of: String.self) { group in
                    for n in 0..<8 {
                        group.addTask {
                            try await queues[n % 2].enqueue(
                                kind: "recurring", payload: #"{"from":\#(n)}"#, uniqueKey: "recurring-\(round)",
                                onConflict: n == 7 ? .replace : .keep)
                        }
                    }
                    return try await group.reduce(into: Set<String>()) { $0.insert($1) }
                }
                #expect(ids.count == 1, "every caller got the one job of round \(round)")
            }
            #expect(try await queues[0].counts()[.pending] == 20)
            await nodeB.close()
        }
    }

    @Test("The retention job deletes what has outlived its period and schedules itself again", arguments: Backend.all)
    func retention(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock()
            let queue = JobQueue(database: database, clock: clock)
            let now = clock.now()
            try await database.transaction { db in
                try await db.raw(
                    """
                    INSERT INTO barrier_reports (id, page, message, created_at, delete_after) VALUES
                    ('old', '/', 'x', \(bind: Timestamp.string(now.addingTimeInterval(-400 * 86_400))), \(bind: Timestamp.string(now.addingTimeInterval(-35 * 86_400)))),
                    ('new', '/', 'y', \(bind: Timestamp.string(now)), \(bind: Timestamp.string(now.addingTimeInterval(365 * 86_400))))
                    """
                ).run()
            }
            try await Maintenance.schedule(queue: queue)
            let worker = JobWorker(
                queue: queue, handlers: [Maintenance.jobKind: Maintenance.handler(queue: queue)], logger: testLogger)
            #expect(try await worker.runOnce() == 1)
            let left = try await database.read { db in
                try await db.raw("SELECT id FROM barrier_reports").all().map {
                    try $0.decode(column: "id", as: String.self)
                }
            }
            #expect(left == ["new"])
            let next = try await queue.jobs(status: .pending)
            #expect(next.count == 1 && next[0].kind == Maintenance.jobKind)
            #expect(next[0].runAt == Timestamp.string(now.addingTimeInterval(Maintenance.interval)))
        }
    }
}
