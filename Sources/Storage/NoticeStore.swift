import Crypto
import Deadlines
import Foundation
import Notices
import SQLKit
import SwiftASN1
import X509

/// The seal keys of the authorities: one ECDSA P-256 key and certificate chain per authority, as
/// PEM files in a directory outside the database (`<authority>.pem`: key, then the certificates).
/// Rotating a key is replacing its file; notices sealed before keep verifying with the certificate
/// they carry. Without a file, a demo seal is issued by the directory's demo root (`root.pem`,
/// created on first use) — real installations put certificates of their trust service there.
public final class SealKeyring: Sendable {
    public let directory: URL
    private let cache = MutexBox<[String: SealIdentity]>([:])
    private let root = MutexBox<DemoCertificateAuthority?>(nil)

    public init(directory: URL) { self.directory = directory }

    /// The demo root's certificate (trusted by the verification page for demo seals).
    public func trustedRoots() throws -> [Certificate] { [try demoRoot().certificate] }

    public func identity(authorityID: String, authorityName: String) throws -> SealIdentity {
        if let known = cache.withLock({ $0[authorityID] }) { return known }
        let safe = String(authorityID.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" })
        let file = directory.appendingPathComponent("\(safe).pem")
        let identity: SealIdentity
        if let pem = try? String(contentsOf: file, encoding: .utf8) {
            identity = try Self.parse(pem)
        } else {
            identity = try demoRoot().issueSealCertificate(authorityName: authorityName)
            try write(Self.pem(key: identity.privateKey, chain: identity.certificateChain), to: file)
        }
        cache.withLock { $0[authorityID] = identity }
        return identity
    }

    private func demoRoot() throws -> DemoCertificateAuthority {
        if let root = root.withLock({ $0 }) { return root }
        let file = directory.appendingPathComponent("root.pem")
        let made: DemoCertificateAuthority
        if let pem = try? String(contentsOf: file, encoding: .utf8) {
            let parsed = try Self.parse(pem)
            made = DemoCertificateAuthority(privateKey: parsed.privateKey, certificate: parsed.certificate)
        } else {
            made = try DemoCertificateAuthority.create()
            try write(Self.pem(key: made.privateKey, chain: [made.certificate]), to: file)
        }
        root.withLock { $0 = made }
        return made
    }

    private func write(_ text: String, to file: URL) throws {
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown) }
    }

    static func pem(key: P256.Signing.PrivateKey, chain: [Certificate]) throws -> String {
        var out = key.pemRepresentation + "\n"
        for c in chain { out += try c.serializeAsPEM().pemString + "\n" }
        return out
    }

    static func parse(_ text: String) throws -> SealIdentity {
        let documents = try PEMDocument.parseMultiple(pemString: text)
        guard let keyDoc = documents.first(where: { $0.discriminator.contains("PRIVATE KEY") }) else {
            throw StorageError.integrityFailure("seal key file without a private key")
        }
        let key = try P256.Signing.PrivateKey(pemRepresentation: keyDoc.pemString)
        let chain = try documents.filter { $0.discriminator == "CERTIFICATE" }.map { try Certificate(pemDocument: $0) }
        guard !chain.isEmpty else { throw StorageError.integrityFailure("seal key file without a certificate") }
        return SealIdentity(privateKey: key, certificateChain: chain)
    }
}

/// Issued notices (Bescheide): sealed PDFs in the case file and the applicant's mailbox, with their
/// delivery. A notice provided for retrieval counts as delivered on the day after it is first
/// retrieved (§ 41 Abs. 2a VwVfG); one not retrieved within ten days is queued for printing and
/// postal delivery.
public struct NoticeStore: Sendable {
    public let database: Database
    public let clock: any WallClock
    public let keyring: SealKeyring
    public let renderer: NoticeRenderer

    public static let printJobKind = "notices.print"
    public static let retrievalPeriod: TimeInterval = 10 * 86_400

    public init(database: Database, clock: any WallClock, keyring: SealKeyring, renderer: NoticeRenderer) {
        self.database = database
        self.clock = clock
        self.keyring = keyring
        self.renderer = renderer
    }

    public struct Notice: Sendable, Equatable, Codable {
        public var number: String
        public var caseId: String
        public var authorityId: String
        public var sha256: String
        public var issuedAt: String
        public var messageId: String?
        public var firstRetrievedAt: String?
        public var deliveredOn: String?
        public var printQueuedAt: String?
    }

    /// A new notice number: "B-" and twelve characters of an unambiguous alphabet.
    static func newNumber() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return "B-" + String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Renders and seals `document` for `authorityID`; the caller stores it (in its transaction).
    public func seal(_ document: NoticeDocument, authorityID: String) throws -> Data {
        let pdf = try renderer.render(document, creationDate: clock.now())
        let identity = try keyring.identity(authorityID: authorityID, authorityName: document.issuingAuthority)
        let sealed = try identity.sealer().seal(
            pdf: pdf, signingTime: clock.now(), reason: "Bescheid \(document.noticeNumber)",
            location: document.authorityName)
        return Data(sealed)
    }

    /// Records an issued notice and schedules the print check, in the caller's transaction.
    public func record(
        number: String, caseID: String, authorityID: String, sha256: String, messageID: String?, queue: JobQueue,
        on db: any SQLDatabase
    ) async throws {
        let now = clock.now()
        try await db.raw(
            """
            INSERT INTO notices (number, case_id, authority_id, sha256, issued_at, message_id)
            VALUES (\(bind: number), \(bind: caseID), \(bind: authorityID), \(bind: sha256), \(bind: Timestamp.string(now)), \(bind: messageID))
            """
        ).run()
        try await queue.enqueue(
            kind: Self.printJobKind, payload: #"{"number":"\#(number)"}"#,
            runAt: now.addingTimeInterval(Self.retrievalPeriod), uniqueKey: "notices.print:\(number)", on: db)
    }

    /// The first retrieval of the message that carries a notice: delivered on the next day.
    static func retrieved(messageID: String, at now: Date, on db: any SQLDatabase) async throws {
        let delivered = CivilDate.berlin(now).adding(days: 1)?.iso
        try await db.raw(
            """
            UPDATE notices SET first_retrieved_at = \(bind: Timestamp.string(now)), delivered_on = \(bind: delivered)
            WHERE message_id = \(bind: messageID) AND first_retrieved_at IS NULL
            """
        ).run()
    }

    /// The print check: a notice still not retrieved goes to the print queue (postal delivery).
    public var printHandler: JobHandler {
        { job, db in
            struct Payload: Decodable { let number: String }
            let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
            try await db.raw(
                """
                UPDATE notices SET print_queued_at = \(bind: Timestamp.string(self.clock.now()))
                WHERE number = \(bind: payload.number) AND first_retrieved_at IS NULL AND print_queued_at IS NULL
                """
            ).run()
        }
    }

    public func notice(number: String) async throws -> Notice? {
        try await database.read { db in
            try await db.raw("SELECT * FROM notices WHERE number = \(bind: number)").first(
                decoding: Notice.self, with: JobQueue.decoder)
        }
    }

    public func notice(sha256: String) async throws -> Notice? {
        try await database.read { db in
            try await db.raw("SELECT * FROM notices WHERE sha256 = \(bind: sha256)").first(
                decoding: Notice.self, with: JobQueue.decoder)
        }
    }

    public func notices(ofCase caseID: String) async throws -> [Notice] {
        try await database.read { db in
            try await db.raw("SELECT * FROM notices WHERE case_id = \(bind: caseID) ORDER BY issued_at").all(
                decoding: Notice.self, with: JobQueue.decoder)
        }
    }

    public func printQueue(authorityID: String) async throws -> [Notice] {
        try await database.read { db in
            try await db.raw(
                "SELECT * FROM notices WHERE authority_id = \(bind: authorityID) AND print_queued_at IS NOT NULL ORDER BY print_queued_at"
            ).all(decoding: Notice.self, with: JobQueue.decoder)
        }
    }

    /// Whether these bytes are a notice we issued: the seal verifies (PAdES, the whole file) and
    /// the exact file is in the register of issued notices.
    public struct Verification: Sendable {
        public let genuine: Bool
        public let notice: Notice?
        public let signer: String?
        public let signedAt: Date?
        public let problems: [String]
    }

    public func verify(_ pdf: Data) async throws -> Verification {
        let check = NoticeVerifier.verify(pdf: [UInt8](pdf), trustedRoots: (try? keyring.trustedRoots()) ?? [])
        let known = try await notice(sha256: DocumentStore.sha256(pdf))
        var problems = check.problems
        if known == nil { problems.append("not in the register of issued notices") }
        return Verification(
            genuine: check.genuine && known != nil, notice: known, signer: check.signerSubject,
            signedAt: check.signingTime, problems: problems)
    }
}
