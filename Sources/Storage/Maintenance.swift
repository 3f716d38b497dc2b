import Foundation
import Logging
import SQLKit

/// Housekeeping and retention, run as a recurring job (one at a time across all nodes, thanks to
/// its unique key): deletes what has outlived its retention period.
public enum Maintenance {
    public static let jobKind = "maintenance.retention"
    public static let uniqueKey = "maintenance.retention"
    public static let interval: TimeInterval = 3600

    /// Retention periods, in seconds.
    public static let finishedJobs: TimeInterval = 7 * 86_400
    public static let rateLimitWindows: TimeInterval = 86_400
    public static let idempotencyKeys: TimeInterval = 86_400

    /// Makes sure the recurring job is scheduled.
    public static func schedule(queue: JobQueue, at date: Date? = nil) async throws {
        try await queue.enqueue(kind: jobKind, runAt: date, uniqueKey: uniqueKey, onConflict: .keep, maxAttempts: 3)
    }

    public static func handler(queue: JobQueue) -> JobHandler {
        { _, db in
            try await run(on: db, clock: queue.clock, queue: queue)
            try await queue.enqueue(
                kind: jobKind, runAt: queue.clock.now().addingTimeInterval(interval), uniqueKey: uniqueKey,
                onConflict: .keep, maxAttempts: 3, on: db)
        }
    }

    public static func run(on db: any SQLDatabase, clock: any WallClock, queue: JobQueue) async throws {
        let now = clock.now()
        try await queue.purgeDone(olderThan: finishedJobs, on: db)
        try await db.raw(
            "DELETE FROM rate_limits WHERE window_start < \(bind: Timestamp.string(now.addingTimeInterval(-rateLimitWindows)))"
        ).run()
        try await db.raw(
            "DELETE FROM idempotency_keys WHERE created_at < \(bind: Timestamp.string(now.addingTimeInterval(-idempotencyKeys)))"
        ).run()
        try await db.raw("DELETE FROM barrier_reports WHERE delete_after < \(bind: Timestamp.string(now))").run()
        try await db.raw("DELETE FROM assistant_questions WHERE delete_after < \(bind: Timestamp.string(now))").run()
        try await db.raw(
            "DELETE FROM oidc_logins WHERE created_at < \(bind: Timestamp.string(now.addingTimeInterval(-3600)))"
        ).run()
        try await db.raw("DELETE FROM sessions WHERE expires_at < \(bind: Timestamp.string(now))").run()
        try await db.raw("DELETE FROM drafts WHERE expires_at < \(bind: Timestamp.string(now))").run()
        try await db.raw(
            "DELETE FROM audit_events WHERE at < \(bind: Timestamp.string(now.addingTimeInterval(-AuditTrail.retention)))"
        ).run()
    }
}
