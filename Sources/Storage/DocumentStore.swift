import Crypto
import Foundation
import SQLKit

/// Metadata of a stored document. The bytes are content-addressed by `sha256`; several documents
/// (of different owners) may share one blob.
public struct StoredDocument: Sendable, Codable, Equatable {
    public var id: String
    public var sha256: String
    public var size: Int
    public var contentType: String
    public var filename: String
    public var authorityId: String?
    public var accountId: String?
    public var createdAt: String
}

/// Where document bytes live: a local directory for one node, the database (or a directory all
/// nodes share) for several.
public protocol BlobStore: Sendable {
    func put(_ data: Data, sha256: String, on db: any SQLDatabase) async throws
    func get(sha256: String, on db: any SQLDatabase) async throws -> Data?
    func delete(sha256: String, on db: any SQLDatabase) async throws
}

/// Files under `root/ab/cd/<sha256>`, written to a temporary name and renamed, so a reader never
/// sees half a file.
public struct DirectoryBlobStore: BlobStore {
    public let root: URL
    public init(root: URL) { self.root = root }

    func path(_ sha256: String) -> URL {
        let a = String(sha256.prefix(2))
        let b = String(sha256.dropFirst(2).prefix(2))
        return root.appendingPathComponent(a).appendingPathComponent(b).appendingPathComponent(sha256)
    }

    public func put(_ data: Data, sha256: String, on db: any SQLDatabase) async throws {
        let target = path(sha256)
        if FileManager.default.fileExists(atPath: target.path) { return }
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = target.deletingLastPathComponent().appendingPathComponent(".\(sha256).\(Identifier.uuidV7())")
        try data.write(to: temp)
        if rename(temp.path, target.path) != 0 {
            try? FileManager.default.removeItem(at: temp)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    public func get(sha256: String, on db: any SQLDatabase) async throws -> Data? {
        try? Data(contentsOf: path(sha256))
    }

    public func delete(sha256: String, on db: any SQLDatabase) async throws {
        try? FileManager.default.removeItem(at: path(sha256))
    }
}

/// Bytes in the `document_blobs` table: shared by every node that shares the database.
public struct DatabaseBlobStore: BlobStore {
    public init() {}

    public func put(_ data: Data, sha256: String, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO document_blobs (sha256, size, bytes) VALUES (\(bind: sha256), \(bind: data.count), \(bind: data))
            ON CONFLICT (sha256) DO NOTHING
            """
        ).run()
    }

    public func get(sha256: String, on db: any SQLDatabase) async throws -> Data? {
        try await db.raw("SELECT bytes FROM document_blobs WHERE sha256 = \(bind: sha256)")
            .first(decodingColumn: "bytes", as: Data.self)
    }

    public func delete(sha256: String, on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM document_blobs WHERE sha256 = \(bind: sha256)").run()
    }
}

/// The verdict of a virus scan.
public enum ScanVerdict: Sendable, Equatable {
    case clean
    case infected(String)
}

/// The hook for a virus scanner (e.g. an adapter to clamd). Every upload passes through it
/// before anything is stored.
public protocol VirusScanner: Sendable {
    func scan(_ data: Data) async throws -> ScanVerdict
}

/// The built-in scanner: recognises the EICAR anti-virus test file, so the hook can be tested
/// end to end; deployments plug in a real engine.
public struct EICARScanner: VirusScanner {
    public init() {}
    static let signature = Data(
        #"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"#.utf8)
    public func scan(_ data: Data) async throws -> ScanVerdict {
        data.range(of: Self.signature) != nil ? .infected("EICAR-Test-File") : .clean
    }
}

/// Content-addressed document storage with metadata in the database and bytes in a ``BlobStore``.
/// Metadata rows are owned (an authority or an account) and only reachable through their owner.
public struct DocumentStore: Sendable {
    public let database: Database
    public let blobs: any BlobStore
    public let scanner: any VirusScanner
    public let clock: any WallClock
    public var maxSize: Int = 20 * 1024 * 1024

    public init(
        database: Database, blobs: any BlobStore, scanner: any VirusScanner = EICARScanner(), clock: any WallClock
    ) {
        self.database = database
        self.blobs = blobs
        self.scanner = scanner
        self.clock = clock
    }

    static let decoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)

    public static func sha256(_ data: Data) -> String {
        Hex.encode(SHA256.hash(data: data))
    }

    /// Scans, hashes and stores the bytes, then records the metadata for `owner`.
    public func store(_ data: Data, filename: String, contentType: String, owner: Owner) async throws -> StoredDocument
    {
        guard data.count <= maxSize else { throw DocumentError.tooLarge(limit: maxSize) }
        if case .infected(let name) = try await scanner.scan(data) { throw StorageError.rejectedByScanner(name) }
        let hash = Self.sha256(data)
        let now = clock.now()
        let authorityId: String? = if case .authority(let id) = owner { id } else { nil }
        let accountId: String? = if case .account(let id) = owner { id } else { nil }
        let document = StoredDocument(
            id: Identifier.uuidV7(at: now), sha256: hash, size: data.count, contentType: contentType,
            filename: String(filename.prefix(255)), authorityId: authorityId, accountId: accountId,
            createdAt: Timestamp.string(now))
        let blobs = self.blobs
        try await database.transaction { db in
            try await blobs.put(data, sha256: hash, on: db)
            try await db.raw(
                """
                INSERT INTO documents (id, sha256, size, content_type, filename, authority_id, account_id, created_at)
                VALUES (\(bind: document.id), \(bind: hash), \(bind: data.count), \(bind: contentType),
                        \(bind: document.filename), \(bind: authorityId), \(bind: accountId), \(bind: document.createdAt))
                """
            ).run()
        }
        return document
    }

    public func metadata(id: String, owner: Owner?) async throws -> StoredDocument? {
        try await database.read { db in
            try await db.select(from: .documents, owner: owner).column("*").where("id", .equal, id)
                .first(decoding: StoredDocument.self, with: Self.decoder)
        }
    }

    /// Which of these document ids the owner has (one query for all).
    public func existing(ids: [String], owner: Owner?) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try await database.read { db in
            Set(
                try await db.select(from: .documents, owner: owner).column("id")
                    .where(SQLColumn("id"), .in, SQLBind.group(ids)).all()
                    .map { try $0.decode(column: "id", as: String.self) })
        }
    }

    /// The owner's documents, newest first, keyset-paginated by id.
    public func list(owner: Owner?, limit: Int = 50, before cursor: String? = nil) async throws -> [StoredDocument] {
        try await database.read { db in
            var query = try db.select(from: .documents, owner: owner).column("*")
            if let cursor { query = query.where("id", .lessThan, cursor) }
            return try await query.orderBy("id", .descending).limit(min(max(limit, 1), 200))
                .all(decoding: StoredDocument.self, with: Self.decoder)
        }
    }

    /// Metadata and bytes; the bytes are checked against their hash.
    public func content(id: String, owner: Owner?) async throws -> (StoredDocument, Data)? {
        let blobs = self.blobs
        return try await database.read { db -> (StoredDocument, Data)? in
            guard
                let document = try await db.select(from: .documents, owner: owner).column("*").where("id", .equal, id)
                    .first(decoding: StoredDocument.self, with: Self.decoder)
            else { return nil }
            guard let data = try await blobs.get(sha256: document.sha256, on: db) else {
                throw StorageError.integrityFailure("blob \(document.sha256) missing")
            }
            guard Self.sha256(data) == document.sha256 else {
                throw StorageError.integrityFailure("blob \(document.sha256) does not match its hash")
            }
            return (document, data)
        }
    }

    /// Deletes the owner's document; the blob goes when no document refers to it any more.
    @discardableResult
    public func delete(id: String, owner: Owner?) async throws -> Bool {
        let blobs = self.blobs
        return try await database.transaction { db in
            guard
                let document = try await db.select(from: .documents, owner: owner).column("*").where("id", .equal, id)
                    .first(decoding: StoredDocument.self, with: Self.decoder)
            else { return false }
            try await db.delete(from: .documents, owner: owner).where("id", .equal, id).run()
            let others =
                try await db.raw("SELECT COUNT(*) AS n FROM documents WHERE sha256 = \(bind: document.sha256)")
                .first(decodingColumn: "n", as: Int.self) ?? 0
            if others == 0 { try await blobs.delete(sha256: document.sha256, on: db) }
            return true
        }
    }
}

public enum DocumentError: Error, Equatable {
    case tooLarge(limit: Int)
}
