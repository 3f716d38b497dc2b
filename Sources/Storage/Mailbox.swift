import Foundation
import SQLKit

/// The mailbox (Postfach) of a citizen account: messages from authorities and the owner's
/// replies. Every query is scoped to the owner; reading sets `read_at` once (it counts for delivery).
public struct Mailbox: Sendable {
    public let database: Database
    public let clock: any WallClock
    /// Enqueues the notification e-mail (no content, only that a message is waiting) in the
    /// same transaction as the message, when the owner gave an address. `nil`: no e-mail.
    public var notifications: JobQueue?

    public init(database: Database, clock: any WallClock, notifications: JobQueue? = nil) {
        self.database = database
        self.clock = clock
        self.notifications = notifications
    }

    public static let notifyJobKind = "mail.notify"

    /// The job's payload: the address and the message id — never the message itself.
    public struct Notification: Codable, Sendable, Equatable {
        public var to: String
        public var messageID: String
    }

    public struct Message: Sendable, Equatable, Codable {
        public var id: String
        public var authorityID: String
        /// `in`: from the authority to the owner; `out`: the owner's reply.
        public var direction: String
        public var subject: String
        public var body: String
        public var caseID: String?
        public var inReplyTo: String?
        public var createdAt: String
        public var readAt: String?
        /// Who wrote it: the clerk for `in`, for `out` the owner or an agent acting with a mandate.
        public var sentBy: String?
    }

    /// An authority sends a message (the audit event is written in the same transaction).
    public func send(
        to ownerAccountID: String, from authorityID: String, by staffAccountID: String, subject: String, body: String,
        caseID: String? = nil, attachments: [StoredDocument] = []
    ) async throws -> String {
        try await database.transaction { db in
            try await self.send(
                to: ownerAccountID, from: authorityID, by: staffAccountID, subject: subject, body: body, caseID: caseID,
                attachments: attachments, on: db)
        }
    }

    /// Sends inside the caller's transaction (a case action and its message commit together).
    @discardableResult
    public func send(
        to ownerAccountID: String, from authorityID: String, by staffAccountID: String, subject: String, body: String,
        caseID: String? = nil, attachments: [StoredDocument] = [], on db: any SQLDatabase
    ) async throws -> String {
        let now = clock.now()
        let id = Identifier.uuidV7(at: now)
        try await db.raw(
            """
            INSERT INTO messages (id, owner_account_id, authority_id, direction, subject, body, case_id, in_reply_to, sent_by, created_at, read_at)
            VALUES (\(bind: id), \(bind: ownerAccountID), \(bind: authorityID), 'in', \(bind: subject), \(bind: body), \(bind: caseID),
                    NULL, \(bind: staffAccountID), \(bind: Timestamp.string(now)), NULL)
            """
        ).run()
        for document in attachments {
            try await db.raw(
                "INSERT INTO message_attachments (message_id, document_id) VALUES (\(bind: id), \(bind: document.id))"
            ).run()
        }
        try await AuditTrail.record(
            "message.sent", accountID: staffAccountID, authorityID: authorityID, detail: "message \(id)", at: now,
            on: db)
        if let notifications,
            let email = try await db.raw(
                "SELECT notification_email FROM accounts WHERE id = \(bind: ownerAccountID)"
            ).first(decodingColumn: "notification_email", as: String?.self) ?? nil
        {
            let payload = String(
                decoding: try JSONEncoder().encode(Notification(to: email, messageID: id)), as: UTF8.self)
            // Retries with backoff for about a day before the job goes dead.
            try await notifications.enqueue(
                kind: Self.notifyJobKind, payload: payload, uniqueKey: "mail.notify:\(id)", maxAttempts: 16, on: db)
        }
        return id
    }

    public func list(owner: String) async throws -> [Message] {
        try await database.read { db in
            try await db.raw(
                "SELECT * FROM messages WHERE owner_account_id = \(bind: owner) ORDER BY created_at DESC, id DESC"
            ).all().map(Self.message)
        }
    }

    /// The owner's message, marked read on first open; `nil` for anyone else's.
    public func open(id: String, owner: String) async throws -> Message? {
        let now = Timestamp.string(clock.now())
        return try await database.transaction { db in
            try await db.raw(
                "UPDATE messages SET read_at = \(bind: now) WHERE id = \(bind: id) AND owner_account_id = \(bind: owner) AND read_at IS NULL AND direction = 'in'"
            ).run()
            let message = try await db.raw(
                "SELECT * FROM messages WHERE id = \(bind: id) AND owner_account_id = \(bind: owner)"
            ).first().map(Self.message)
            // A notice in this message is now retrieved (§ 41 Abs. 2a VwVfG).
            if message != nil { try await NoticeStore.retrieved(messageID: id, at: self.clock.now(), on: db) }
            return message
        }
    }

    /// The owner's reply to one of their messages; `nil` when the message is not theirs.
    public func reply(to id: String, owner: String, body: String, actingAgent: String? = nil) async throws -> String? {
        let now = clock.now()
        let replyID = Identifier.uuidV7(at: now)
        return try await database.transaction { db in
            guard
                let original = try await db.raw(
                    "SELECT * FROM messages WHERE id = \(bind: id) AND owner_account_id = \(bind: owner)"
                ).first().map(Self.message)
            else { return nil }
            let subject = original.subject.hasPrefix("Re: ") ? original.subject : "Re: " + original.subject
            try await db.raw(
                """
                INSERT INTO messages (id, owner_account_id, authority_id, direction, subject, body, case_id, in_reply_to, sent_by, created_at, read_at)
                VALUES (\(bind: replyID), \(bind: owner), \(bind: original.authorityID), 'out', \(bind: subject), \(bind: body),
                        \(bind: original.caseID), \(bind: id), \(bind: actingAgent ?? owner), \(bind: Timestamp.string(now)), NULL)
                """
            ).run()
            if let actingAgent {
                try await AuditTrail.record(
                    "mandate.used", accountID: actingAgent, authorityID: original.authorityID,
                    detail: "replied for \(owner) to message \(id)", at: now, on: db)
            }
            return replyID
        }
    }

    /// An authority's side of its conversations: what it sent and the citizens' replies.
    public func authorityMessages(authorityID: String, limit: Int = 200) async throws -> [Message] {
        try await database.read { db in
            try await db.raw(
                "SELECT * FROM messages WHERE authority_id = \(bind: authorityID) ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)"
            ).all().map(Self.message)
        }
    }

    /// The attachments of the owner's message (documents owned by the owner).
    public func attachments(of messageID: String, owner: String) async throws -> [StoredDocument] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT d.* FROM message_attachments ma JOIN messages m ON m.id = ma.message_id
                JOIN documents d ON d.id = ma.document_id
                WHERE ma.message_id = \(bind: messageID) AND m.owner_account_id = \(bind: owner) AND d.account_id = \(bind: owner)
                ORDER BY d.filename
                """
            ).all(decoding: StoredDocument.self, with: SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase))
        }
    }

    public func unreadCount(owner: String) async throws -> Int {
        try await database.read { db in
            try await db.raw(
                "SELECT COUNT(*) AS n FROM messages WHERE owner_account_id = \(bind: owner) AND read_at IS NULL AND direction = 'in'"
            ).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    static func message(_ row: any SQLRow) throws -> Message {
        Message(
            id: try row.decode(column: "id", as: String.self),
            authorityID: try row.decode(column: "authority_id", as: String.self),
            direction: try row.decode(column: "direction", as: String.self),
            subject: try row.decode(column: "subject", as: String.self),
            body: try row.decode(column: "body", as: String.self),
            caseID: try row.decode(column: "case_id", as: String?.self),
            inReplyTo: try row.decode(column: "in_reply_to", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: String.self),
            readAt: try row.decode(column: "read_at", as: String?.self),
            sentBy: try row.decode(column: "sent_by", as: String?.self))
    }
}
