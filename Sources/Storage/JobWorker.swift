import Foundation
import Logging
import SQLKit
import ServiceLifecycle

public typealias JobHandler = @Sendable (Job, any SQLDatabase) async throws -> Void
/// Work outside the database (an e-mail, a call to another system): runs before the job is
/// completed, outside any transaction, so a slow remote never holds the write lock. At least
/// once: a crash between the effect and the completion repeats the effect.
public typealias JobEffect = @Sendable (Job) async throws -> Void

/// Polls the queue, leases due jobs and runs their handlers. One per node; several nodes share
/// the queue safely. Stops at graceful shutdown after the batch in hand.
public struct JobWorker: Service {
    public let queue: JobQueue
    public let handlers: [String: JobHandler]
    public let effects: [String: JobEffect]
    public let workerID: String
    public var pollInterval: Duration = .milliseconds(500)
    public var batchSize = 8
    public var lease: TimeInterval = 60
    public let logger: Logger

    public init(
        queue: JobQueue, handlers: [String: JobHandler], effects: [String: JobEffect] = [:],
        workerID: String = Identifier.uuidV7(), lease: TimeInterval = 60, logger: Logger
    ) {
        self.lease = lease
        self.queue = queue
        self.handlers = handlers
        self.effects = effects
        self.workerID = workerID
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var processed = 0
                do {
                    processed = try await runOnce()
                } catch {
                    logger.error("job worker poll failed", metadata: ["error": "\(error)"])
                }
                if processed == 0 { try? await Task.sleep(for: pollInterval) }
            }
        }
    }

    /// Claims one batch and processes it; returns how many jobs it handled.
    @discardableResult
    public func runOnce() async throws -> Int {
        let jobs = try await queue.claim(worker: workerID, limit: batchSize, lease: lease)
        for job in jobs { await process(job) }
        return jobs.count
    }

    func process(_ job: Job) async {
        guard job.attempts <= job.maxAttempts else {
            // Claimed again after a crash with no attempts left.
            _ = try? await queue.fail(job, worker: workerID, error: job.lastError ?? "attempts exhausted")
            return
        }
        let effect = effects[job.kind]
        let noWork: JobHandler = { _, _ in }
        guard let handler = handlers[job.kind] ?? (effect == nil ? nil : noWork) else {
            _ = try? await queue.fail(job, worker: workerID, error: "no handler for job kind \(job.kind)")
            logger.error("no handler for job", metadata: ["kind": "\(job.kind)", "job": "\(job.id)"])
            return
        }
        do {
            if let effect { try await effect(job) }
            try await queue.complete(job, worker: workerID, handler: handler)
        } catch StorageError.leaseLost {
            logger.warning("job lease lost", metadata: ["job": "\(job.id)"])
        } catch {
            let status = (try? await queue.fail(job, worker: workerID, error: String(describing: error))) ?? .pending
            logger.warning(
                "job failed",
                metadata: [
                    "job": "\(job.id)", "kind": "\(job.kind)", "attempt": "\(job.attempts)", "status": "\(status)",
                ])
        }
    }
}
