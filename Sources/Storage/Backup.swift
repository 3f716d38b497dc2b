import Foundation
import Logging
import SQLKit
import SQLiteKit

/// Online backup and restore for the embedded SQLite database.
///
/// Backup uses `VACUUM INTO`, which writes a consistent, compacted copy while the server keeps
/// running. Restore checks the copy (`PRAGMA integrity_check`, schema present) before it replaces
/// the database file; run it with the server stopped. PostgreSQL: see docs/operations.md
/// (`pg_dump` / `pg_restore`).
public enum Backup {
    public static func backup(_ database: Database, to path: String) async throws {
        guard database.kind == .sqlite else { throw StorageError.unsupported("use pg_dump for PostgreSQL") }
        if FileManager.default.fileExists(atPath: path) { throw StorageError.unsupported("\(path) exists already") }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try await database.exclusive { db in try await db.raw("VACUUM INTO \(bind: path)").run() }
    }

    /// Verifies the backup file and returns the migration versions it contains.
    public static func verify(_ path: String, logger: Logger) async throws -> [Int] {
        guard FileManager.default.fileExists(atPath: path) else { throw StorageError.notFound }
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            let db = connection.sql()
            let check = try await db.raw("PRAGMA integrity_check").first(
                decodingColumn: "integrity_check", as: String.self)
            guard check == "ok" else { throw StorageError.integrityFailure(check ?? "no answer") }
            let versions = try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map {
                try $0.decode(column: "version", as: Int.self)
            }
            try await connection.close()
            return versions
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Replaces the database at `target` with the verified backup at `source`.
    public static func restore(from source: String, to target: String, logger: Logger) async throws {
        _ = try await verify(source, logger: logger)
        let fm = FileManager.default
        let temp = target + ".restoring"
        try? fm.removeItem(atPath: temp)
        let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try fm.copyItem(atPath: source, toPath: temp)
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: target + suffix) }
        if rename(temp, target) != 0 { throw StorageError.integrityFailure("could not move restored file into place") }
    }
}
