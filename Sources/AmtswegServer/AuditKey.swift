import Crypto
import Foundation
import Logging

/// The key that signs audit checkpoints: a PEM file outside the database (someone who can write
/// the database cannot sign a forged history), created with mode 0600 on first start.
enum AuditKey {
    static func load(_ path: String?, logger: Logger) throws -> P256.Signing.PrivateKey? {
        guard let path else { return nil }
        let url = URL(fileURLWithPath: path)
        if let pem = try? String(contentsOf: url, encoding: .utf8) {
            return try P256.Signing.PrivateKey(pemRepresentation: pem)
        }
        let key = P256.Signing.PrivateKey()
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            guard
                FileManager.default.createFile(
                    atPath: url.path, contents: Data(key.pemRepresentation.utf8), attributes: [.posixPermissions: 0o600]
                )
            else { throw CocoaError(.fileWriteUnknown) }
            logger.notice("created the audit checkpoint key", metadata: ["path": "\(path)"])
            return key
        } catch {
            logger.warning(
                "no audit checkpoint key: old audit entries will be kept",
                metadata: ["path": "\(path)", "error": "\(error)"])
            return nil
        }
    }
}
