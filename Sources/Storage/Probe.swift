import Foundation
import SQLKit

/// Probe jobs let an operator check that the job system works across all nodes: each probe's
/// handler records which worker ran it, so `amtsweg jobs --probe N` followed by
/// `amtsweg jobs --probe-report` shows whether every probe ran exactly once and on which nodes.
public enum Probe {
    public static let jobKind = "platform.probe"

    public static func handler(workerID: String, clock: any WallClock) -> JobHandler {
        { job, db in
            try await db.raw(
                """
                INSERT INTO job_probes (job_id, worker, executed_at)
                VALUES (\(bind: job.id), \(bind: workerID), \(bind: Timestamp.string(clock.now())))
                """
            ).run()
        }
    }

    public struct Report: Sendable, Codable, Equatable {
        public var enqueued: Int
        public var pending: Int
        public var executions: Int
        public var executedTwiceOrMore: Int
        public var workers: Int
    }

    public static func report(_ database: Database) async throws -> Report {
        try await database.read { db in
            func count(_ sql: SQLQueryString) async throws -> Int {
                try await db.raw(sql).first(decodingColumn: "n", as: Int.self) ?? 0
            }
            return Report(
                enqueued: try await count("SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: jobKind)"),
                pending: try await count(
                    "SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: jobKind) AND status IN ('pending', 'running')"),
                executions: try await count("SELECT COUNT(*) AS n FROM job_probes"),
                executedTwiceOrMore: try await count(
                    "SELECT COUNT(*) AS n FROM (SELECT job_id FROM job_probes GROUP BY job_id HAVING COUNT(*) > 1) AS twice"
                ),
                workers: try await count("SELECT COUNT(DISTINCT worker) AS n FROM job_probes"))
        }
    }
}
