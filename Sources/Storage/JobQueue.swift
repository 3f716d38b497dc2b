import Foundation
import Logging
import SQLKit

/// A job as stored in the `jobs` table.
public struct Job: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, running, done, dead
    }
    public var id: String
    public var kind: String
    public var payload: String
    public var uniqueKey: String?
    public var status: String
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: String
    public var leasedBy: String?
    public var leasedUntil: String?
    public var lastError: String?
    public var createdAt: String
    public var updatedAt: String
}

/// What to do when a pending job with the same unique key already exists.
public enum UniqueKeyConflict: Sendable {
    /// Keep the pending job; the new request is dropped.
    case keep
    /// Replace the pending job's payload and run time (a rescheduled timer).
    case replace
}

/// The database-backed job queue. Contract:
/// - a job has a run-at time and an optional unique key; a pending job can be cancelled or
///   replaced by its key;
/// - a worker leases a job for a bounded time; an expired lease makes the job claimable again;
/// - the handler's work and the job's completion commit in one transaction, so a job runs at
///   least once and its effects happen once;
/// - failures retry with exponential backoff and end in the `dead` state, where an operator can
///   see and requeue them.
/// On PostgreSQL several nodes claim with `FOR UPDATE SKIP LOCKED`; on SQLite the single writer
/// serialises claims.
public struct JobQueue: Sendable {
    public let database: Database
    public let clock: any WallClock
    public var baseBackoff: TimeInterval = 2
    public var maxBackoff: TimeInterval = 3600

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    static let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)

    /// Enqueues in its own transaction.
    @discardableResult
    public func enqueue(
        kind: String, payload: String = "{}", runAt: Date? = nil, uniqueKey: String? = nil,
        onConflict: UniqueKeyConflict = .keep, maxAttempts: Int = 5
    ) async throws -> String {
        try await database.transaction { db in
            try await self.enqueue(
                kind: kind, payload: payload, runAt: runAt, uniqueKey: uniqueKey, onConflict: onConflict,
                maxAttempts: maxAttempts, on: db)
        }
    }

    /// Enqueues inside the caller's transaction, so the job exists exactly when the caller's
    /// change commits (the outbox pattern).
    @discardableResult
    public func enqueue(
        kind: String, payload: String = "{}", runAt: Date? = nil, uniqueKey: String? = nil,
        onConflict: UniqueKeyConflict = .keep, maxAttempts: Int = 5, on db: any SQLDatabase
    ) async throws -> String {
        let now = clock.now()
        let runAtString = Timestamp.string(runAt ?? now)
        let nowString = Timestamp.string(now)
        // Two nodes (or transactions) may enqueue the same key at the same moment, and neither sees
        // the other's row before it commits: the insert yields to the pending job instead of failing
        // on the unique index, and the job that stands is kept (or takes these values).
        for _ in 0..<3 {
            if let uniqueKey, let existing = try await pending(uniqueKey, on: db) {
                if onConflict == .replace {
                    try await db.raw(
                        """
                        UPDATE jobs SET payload = \(bind: payload), run_at = \(bind: runAtString), kind = \(bind: kind),
                        max_attempts = \(bind: maxAttempts), attempts = 0, last_error = NULL, updated_at = \(bind: nowString)
                        WHERE id = \(bind: existing)
                        """
                    ).run()
                }
                return existing
            }
            let id = Identifier.uuidV7(at: now)
            let inserted = try await db.raw(
                """
                INSERT INTO jobs (id, kind, payload, unique_key, status, attempts, max_attempts, run_at, created_at, updated_at)
                VALUES (\(bind: id), \(bind: kind), \(bind: payload), \(bind: uniqueKey), 'pending', 0, \(bind: maxAttempts),
                        \(bind: runAtString), \(bind: nowString), \(bind: nowString))
                ON CONFLICT (unique_key) WHERE status = 'pending' DO NOTHING
                RETURNING id
                """
            ).all()
            if !inserted.isEmpty { return id }
        }
        throw StorageError.integrityFailure("job \(uniqueKey ?? kind) could neither be inserted nor found")
    }

    /// The pending job with this key (row-locked on PostgreSQL).
    private func pending(_ uniqueKey: String, on db: any SQLDatabase) async throws -> String? {
        let lock = database.kind == .postgres ? " FOR UPDATE" : ""
        return try await db.raw(
            "SELECT id FROM jobs WHERE unique_key = \(bind: uniqueKey) AND status = 'pending'\(unsafeRaw: lock)"
        ).first(decodingColumn: "id", as: String.self)
    }

    /// Cancels the pending job with this key (an interrupted timer). Returns whether one existed.
    @discardableResult
    public func cancel(uniqueKey: String, on db: (any SQLDatabase)? = nil) async throws -> Bool {
        let body: @Sendable (any SQLDatabase) async throws -> Bool = { db in
            try await !db.raw(
                "DELETE FROM jobs WHERE unique_key = \(bind: uniqueKey) AND status = 'pending' RETURNING id"
            )
            .all().isEmpty
        }
        if let db { return try await body(db) }
        return try await database.transaction(body)
    }

    /// Leases up to `limit` due jobs (or jobs whose lease expired) to `worker`.
    public func claim(worker: String, limit: Int, lease: TimeInterval) async throws -> [Job] {
        let now = clock.now()
        let nowString = Timestamp.string(now)
        let until = Timestamp.string(now.addingTimeInterval(lease))
        let skipLocked = database.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.transaction { db in
            try await db.raw(
                """
                UPDATE jobs SET status = 'running', leased_by = \(bind: worker), leased_until = \(bind: until),
                    attempts = attempts + 1, updated_at = \(bind: nowString)
                WHERE id IN (
                    SELECT id FROM jobs
                    WHERE (status = 'pending' AND run_at <= \(bind: nowString))
                       OR (status = 'running' AND leased_until < \(bind: nowString))
                    ORDER BY run_at LIMIT \(bind: limit)\(unsafeRaw: skipLocked))
                RETURNING *
                """
            ).all(decoding: Job.self, with: Self.decoder)
        }
    }

    /// Runs `handler` for a leased job and marks it done in the same transaction. If the lease
    /// was lost meanwhile (another worker reclaimed the job), nothing commits.
    public func complete(
        _ job: Job, worker: String, handler: @Sendable (Job, any SQLDatabase) async throws -> Void
    ) async throws {
        let nowString = Timestamp.string(clock.now())
        try await database.transaction { db in
            // Marking done first takes the row lock on PostgreSQL, so a concurrent reclaim waits.
            let mine = try await db.raw(
                """
                UPDATE jobs SET status = 'done', leased_until = NULL, last_error = NULL, updated_at = \(bind: nowString)
                WHERE id = \(bind: job.id) AND leased_by = \(bind: worker) AND status = 'running' RETURNING id
                """
            ).all()
            guard !mine.isEmpty else { throw StorageError.leaseLost(jobID: job.id) }
            try await handler(job, db)
        }
    }

    /// Records a failed attempt: back to `pending` with backoff, or `dead` when attempts are used up.
    /// Returns the new status.
    @discardableResult
    public func fail(_ job: Job, worker: String, error: String) async throws -> Job.Status {
        let now = clock.now()
        let dead = job.attempts >= job.maxAttempts
        let delay = min(maxBackoff, baseBackoff * pow(2, Double(max(0, job.attempts - 1))))
        let jitter = delay * Double.random(in: 0...0.1)
        let runAt = Timestamp.string(now.addingTimeInterval(delay + jitter))
        let status: Job.Status = dead ? .dead : .pending
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE jobs SET status = \(bind: status.rawValue), run_at = \(bind: runAt), leased_by = NULL,
                    leased_until = NULL, last_error = \(bind: String(error.prefix(2000))), updated_at = \(bind: Timestamp.string(now))
                WHERE id = \(bind: job.id) AND leased_by = \(bind: worker) AND status = 'running'
                """
            ).run()
        }
        return status
    }

    /// Puts a dead job back in the queue with fresh attempts (operator action).
    public func requeue(id: String) async throws -> Bool {
        let now = Timestamp.string(clock.now())
        return try await database.transaction { db in
            try await !db.raw(
                """
                UPDATE jobs SET status = 'pending', attempts = 0, run_at = \(bind: now), last_error = NULL,
                    updated_at = \(bind: now)
                WHERE id = \(bind: id) AND status = 'dead' RETURNING id
                """
            ).all().isEmpty
        }
    }

    public func job(id: String) async throws -> Job? {
        try await database.read { db in
            try await db.raw("SELECT * FROM jobs WHERE id = \(bind: id)").first(decoding: Job.self, with: Self.decoder)
        }
    }

    public func jobs(status: Job.Status, limit: Int = 100) async throws -> [Job] {
        try await database.read { db in
            try await db.raw(
                "SELECT * FROM jobs WHERE status = \(bind: status.rawValue) ORDER BY run_at LIMIT \(bind: limit)"
            ).all(decoding: Job.self, with: Self.decoder)
        }
    }

    /// Jobs per status, for `/metrics` (queue depth) and the operator.
    public func counts() async throws -> [Job.Status: Int] {
        try await database.read { db in
            var result: [Job.Status: Int] = [:]
            for status in Job.Status.allCases { result[status] = 0 }
            for row in try await db.raw("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status").all() {
                if let status = Job.Status(rawValue: try row.decode(column: "status", as: String.self)) {
                    result[status] = try row.decode(column: "n", as: Int.self)
                }
            }
            return result
        }
    }

    /// Deletes finished jobs older than `age` (housekeeping).
    public func purgeDone(olderThan age: TimeInterval, on db: any SQLDatabase) async throws {
        let cutoff = Timestamp.string(clock.now().addingTimeInterval(-age))
        try await db.raw("DELETE FROM jobs WHERE status = 'done' AND updated_at < \(bind: cutoff)").run()
    }
}
