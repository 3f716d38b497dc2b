import Foundation
import Logging
import SQLKit
import ServiceLifecycle

/// The assistant's question log, for improving content: which catalogue words people asked
/// with, what the assistant did, and whether it helped. Never the question as typed (it may
/// hold names or addresses); rows are deleted after `retention` by the retention job.
public struct AssistantLog: Sendable {
    public let database: Database
    public let clock: any WallClock
    public static let retention: TimeInterval = 365 * 86_400
    /// Questions wait here and are written in batches (`flush()`), so answering never queues
    /// behind the database's writer. A crash loses at most the last batch of log rows — never
    /// anything a person submitted.
    let pending = MutexBox<[Row]>([])
    /// One flush at a time: a reader that flushes waits for a batch another flush is still writing.
    let flushLock = AsyncLock()

    struct Row: Sendable {
        var id, day, language, terms, intents, outcome: String
        var leika: String?
        var pct: Int
        var deleteAfter: String
    }

    public init(database: Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Writes the waiting questions in one transaction.
    public func flush() async throws {
        await flushLock.lock()
        do {
            try await writePending()
            await flushLock.unlock()
        } catch {
            await flushLock.unlock()
            throw error
        }
    }

    private func writePending() async throws {
        let rows = pending.withLock { rows -> [Row] in
            defer { rows.removeAll(keepingCapacity: true) }
            return rows
        }
        guard !rows.isEmpty else { return }
        try await database.transaction { db in
            for r in rows {
                try await db.raw(
                    """
                    INSERT INTO assistant_questions (id, asked_at, language, terms, intents, outcome, leika, confidence_pct, helpful, delete_after)
                    VALUES (\(bind: r.id), \(bind: r.day), \(bind: r.language), \(bind: r.terms), \(bind: r.intents),
                            \(bind: r.outcome), \(bind: r.leika), \(bind: r.pct), NULL, \(bind: r.deleteAfter))
                    """
                ).run()
            }
        }
    }

    public struct Entry: Sendable, Codable, Equatable {
        public var id: String
        public var askedAt: String
        public var language: String
        public var terms: String
        public var intents: String
        public var outcome: String
        public var leika: String?
        public var confidencePct: Int
        public var helpful: Bool?
    }

    /// Records a question; returns the id the feedback refers to.
    public func record(
        language: String, terms: [String], intents: [String], outcome: String, leika: String?, confidence: Double
    ) async throws -> String {
        let now = clock.now()
        let id = Identifier.uuidV7(at: now)
        // Day precision: the time of day adds nothing to content work and helps re-identification.
        let day = String(Timestamp.string(now).prefix(10))
        let deleteAfter = Timestamp.string(now.addingTimeInterval(Self.retention))
        let pct = Int((min(max(confidence, 0), 1) * 100).rounded())
        let row = Row(
            id: id, day: day, language: language, terms: terms.joined(separator: " "),
            intents: intents.joined(separator: " "), outcome: outcome, leika: leika, pct: pct, deleteAfter: deleteAfter)
        let count = pending.withLock { rows in
            rows.append(row)
            return rows.count
        }
        if count >= 500 { try await flush() }
        return id
    }

    public enum FeedbackResult: Sendable, Equatable {
        case recorded, unknown, alreadyRated
    }

    /// Stores "was this helpful?" once per question.
    public func feedback(id: String, helpful: Bool) async throws -> FeedbackResult {
        try await flush()  // the question may still be waiting
        return try await database.transaction { db in
            let rows = try await db.raw(
                "SELECT helpful FROM assistant_questions WHERE id = \(bind: id)"
            ).all()
            guard let row = rows.first else { return .unknown }
            if try row.decodeNil(column: "helpful") == false { return .alreadyRated }
            try await db.raw(
                "UPDATE assistant_questions SET helpful = \(bind: helpful ? "yes" : "no") WHERE id = \(bind: id) AND helpful IS NULL"
            ).run()
            return .recorded
        }
    }

    public func entry(id: String) async throws -> Entry? {
        try await flush()
        return try await database.read { db in
            try await db.raw(
                "SELECT id, asked_at, language, terms, intents, outcome, leika, confidence_pct, helpful FROM assistant_questions WHERE id = \(bind: id)"
            ).all().first.map { row in
                let helpful = try row.decode(column: "helpful", as: String?.self)
                return Entry(
                    id: try row.decode(column: "id", as: String.self),
                    askedAt: try row.decode(column: "asked_at", as: String.self),
                    language: try row.decode(column: "language", as: String.self),
                    terms: try row.decode(column: "terms", as: String.self),
                    intents: try row.decode(column: "intents", as: String.self),
                    outcome: try row.decode(column: "outcome", as: String.self),
                    leika: try row.decode(column: "leika", as: String?.self),
                    confidencePct: try row.decode(column: "confidence_pct", as: Int.self),
                    helpful: helpful.map { $0 == "yes" })
            }
        }
    }
}

/// Writes the assistant's question log every `interval` and once more at shutdown.
public struct AssistantLogFlusher: Service {
    public let log: AssistantLog
    public var interval: Duration = .milliseconds(250)
    public let logger: Logger

    public init(log: AssistantLog, logger: Logger) {
        self.log = log
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                do { try await log.flush() } catch {
                    logger.error("assistant log flush failed", metadata: ["error": "\(error)"])
                }
            }
        }
        try? await log.flush()
    }
}
