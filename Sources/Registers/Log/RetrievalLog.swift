import Crypto
import Foundation

/// A signed statement "the chain of `subject` had the hash `hash` at record `seq`". Records up to a
/// checkpoint may be deleted when their retention ends; the rest of the chain stays verifiable from
/// the checkpoint on (as `AuditCheckpoint` in Cases).
public struct RetrievalCheckpoint: Sendable, Hashable, Codable {
    public var subject: String
    public var seq: Int
    public var hash: String
    public var at: Date
    public var keyID: String
    /// ECDSA P-256 over `RetrievalLog.checkpointMessage`, DER, base64.
    public var signature: String

    public init(subject: String, seq: Int, hash: String, at: Date, keyID: String, signature: String) {
        self.subject = subject
        self.seq = seq
        self.hash = hash
        self.at = Millis.truncate(at)
        self.keyID = keyID
        self.signature = signature
    }
}

/// The retrieval log: one append-only SHA-256 hash chain per subject, so a person's export verifies
/// on its own and old records can be deleted per person behind a signed checkpoint. Pure: storage
/// appends (reading the subject's last record or checkpoint under a lock) and reads.
public enum RetrievalLog {
    /// The `prevHash` of a chain's first record.
    public static let genesis = String(repeating: "0", count: 64)

    /// Where a chain currently ends: its last record or, when all are deleted, its checkpoint.
    public struct Tail: Sendable, Hashable {
        public var seq: Int
        public var hash: String

        public init(seq: Int, hash: String) {
            self.seq = seq
            self.hash = hash
        }

        public init(_ record: RetrievalRecord) { self.init(seq: record.seq, hash: record.hash) }
        public init(_ checkpoint: RetrievalCheckpoint) { self.init(seq: checkpoint.seq, hash: checkpoint.hash) }
    }

    /// SHA-256 over the length-prefixed fields of `r` (all but `hash`; `at` in milliseconds).
    public static func digest(_ r: RetrievalRecord) -> String {
        var c = Canonical()
        c.add("amtsweg-retrieval/1")
        c.add(r.id)
        c.add(r.subject)
        c.add(String(r.seq))
        c.add(String(r.atMilliseconds))
        c.add(r.authorityID)
        c.add(r.authorityName)
        c.add(r.clerkID)
        c.add(r.clerkName)
        c.add(r.register.rawValue)
        c.add(r.registerName)
        c.add(r.issuer)
        c.add(r.categories.map(\.rawValue))
        c.add(r.serviceID)
        c.add(r.serviceName)
        c.add(r.caseNumber)
        c.add(r.purpose)
        c.add(r.legalBasis)
        c.add(r.outcome.rawValue)
        c.add(r.prevHash)
        return c.sha256
    }

    /// `record` appended after `tail` (nil: the first of its chain): numbered, linked, hashed.
    public static func seal(_ record: RetrievalRecord, after tail: Tail?) -> RetrievalRecord {
        var r = record
        r.seq = (tail?.seq ?? 0) + 1
        r.prevHash = tail?.hash ?? genesis
        r.hash = digest(r)
        return r
    }

    /// Seals `records` in order into a new chain (or after `tail`); for tests and imports.
    public static func chain(_ records: [RetrievalRecord], after tail: Tail? = nil) -> [RetrievalRecord] {
        var out: [RetrievalRecord] = []
        var last = tail
        for r in records {
            let sealed = seal(r, after: last)
            out.append(sealed)
            last = Tail(sealed)
        }
        return out
    }

    // MARK: Checkpoints

    public static func checkpointMessage(subject: String, seq: Int, hash: String, at: Date) -> Data {
        Data("amtsweg-retrieval-checkpoint\n\(subject)\n\(seq)\n\(hash)\n\(Millis.of(at))".utf8)
    }

    /// A checkpoint at `record`, signed with `key`.
    public static func checkpoint(at record: RetrievalRecord, signedAt: Date, key: P256.Signing.PrivateKey) throws
        -> RetrievalCheckpoint
    {
        let at = Millis.truncate(signedAt)
        let signature = try key.signature(
            for: checkpointMessage(subject: record.subject, seq: record.seq, hash: record.hash, at: at))
        return RetrievalCheckpoint(
            subject: record.subject, seq: record.seq, hash: record.hash, at: at, keyID: keyID(key.publicKey),
            signature: signature.derRepresentation.base64EncodedString())
    }

    /// The first 16 hex digits of the SHA-256 of the public key (X9.63).
    public static func keyID(_ key: P256.Signing.PublicKey) -> String {
        String(Hex.encode(SHA256.hash(data: key.x963Representation)).prefix(16))
    }

    public static func isValid(_ checkpoint: RetrievalCheckpoint, keys: [P256.Signing.PublicKey]) -> Bool {
        guard let der = Data(base64Encoded: checkpoint.signature),
            let signature = try? P256.Signing.ECDSASignature(derRepresentation: der),
            let key = keys.first(where: { keyID($0) == checkpoint.keyID })
        else { return false }
        return key.isValidSignature(
            signature,
            for: checkpointMessage(
                subject: checkpoint.subject, seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at))
    }

    // MARK: Verification

    /// The first place a chain does not verify.
    public struct Break: Sendable, Hashable, CustomStringConvertible {
        public let subject: String
        /// The sequence number expected or found there.
        public let seq: Int
        /// The record's id, when a record is at fault.
        public let recordID: String?
        public let reason: String

        public var description: String {
            "subject \(subject), record \(seq)\(recordID.map { " (\($0))" } ?? ""): \(reason)"
        }
    }

    /// Verifies one subject's chain: `records` in ascending order, all of one subject, starting at
    /// seq 1 (genesis) or right after `anchor`, a checkpoint signed by one of `keys`. Every record
    /// links to its predecessor and hashes to its stored hash. Returns the first break, or nil.
    public static func verify(
        _ records: [RetrievalRecord], anchor: RetrievalCheckpoint? = nil, keys: [P256.Signing.PublicKey] = []
    ) -> Break? {
        guard let first = records.first else { return nil }
        let subject = first.subject
        var prev: String
        if let anchor {
            guard anchor.subject == subject, isValid(anchor, keys: keys) else {
                return Break(subject: subject, seq: anchor.seq, recordID: nil, reason: "checkpoint invalid")
            }
            guard first.seq == anchor.seq + 1 else {
                return Break(
                    subject: subject, seq: anchor.seq + 1, recordID: first.id,
                    reason: "first record does not follow the checkpoint")
            }
            prev = anchor.hash
        } else {
            guard first.seq == 1 else {
                return Break(subject: subject, seq: 1, recordID: first.id, reason: "chain does not start at record 1")
            }
            prev = genesis
        }
        var expected = first.seq
        for r in records {
            guard r.subject == subject else {
                return Break(subject: subject, seq: expected, recordID: r.id, reason: "record of another subject")
            }
            guard r.seq == expected else {
                return Break(subject: subject, seq: expected, recordID: r.id, reason: "record missing or out of order")
            }
            guard r.prevHash == prev else {
                return Break(subject: subject, seq: r.seq, recordID: r.id, reason: "link to previous record broken")
            }
            guard digest(r) == r.hash else {
                return Break(subject: subject, seq: r.seq, recordID: r.id, reason: "content altered")
            }
            prev = r.hash
            expected += 1
        }
        return nil
    }

    // MARK: Cockpit

    /// The records with `from ≤ at < to` (either bound optional) and, when given, of the authority
    /// with that id; newest first (ties: higher seq first).
    public static func filter(
        _ records: [RetrievalRecord], from: Date? = nil, to: Date? = nil, authority: String? = nil
    ) -> [RetrievalRecord] {
        records.filter { r in
            (from.map { r.at >= $0 } ?? true) && (to.map { r.at < $0 } ?? true)
                && (authority.map { r.authorityID == $0 } ?? true)
        }
        .sorted { a, b in a.at != b.at ? a.at > b.at : (a.seq, a.id) > (b.seq, b.id) }
    }

    /// The records older than `years` years before `now` (calendar years, UTC): due for deletion.
    public static func expired(_ records: [RetrievalRecord], now: Date, years: Int = 2) -> [RetrievalRecord] {
        let cutoff = cutoff(now: now, years: years)
        return records.filter { $0.at < cutoff }
    }

    static func cutoff(now: Date, years: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .year, value: -years, to: now) ?? now
    }

    /// What to delete from one subject's chain (ascending records) after `years`: the longest prefix
    /// of expired records (deletion stops at the first record still kept, so the chain stays whole),
    /// and the signed checkpoint at its last record that anchors what remains. Store the checkpoint
    /// before deleting.
    public struct Pruning: Sendable, Hashable {
        public var delete: [RetrievalRecord]
        public var keep: [RetrievalRecord]
        public var checkpoint: RetrievalCheckpoint?
    }

    public static func prune(
        _ records: [RetrievalRecord], now: Date, years: Int = 2, key: P256.Signing.PrivateKey
    ) throws -> Pruning {
        let cutoff = cutoff(now: now, years: years)
        let ordered = records.sorted { $0.seq < $1.seq }
        let count = ordered.prefix(while: { $0.at < cutoff }).count
        guard count > 0 else { return Pruning(delete: [], keep: ordered, checkpoint: nil) }
        let last = ordered[count - 1]
        return Pruning(
            delete: Array(ordered.prefix(count)), keep: Array(ordered.dropFirst(count)),
            checkpoint: try checkpoint(at: last, signedAt: now, key: key))
    }

    // MARK: Export (Art. 15 GDPR)

    /// The cockpit's download: a person's own records in chain order, with the checkpoint that
    /// anchors them, so the file verifies on its own.
    public struct Export: Sendable, Hashable, Codable {
        public var format: String
        public var subject: String
        public var generatedAt: Date
        public var legalBasis: String
        /// German labels of the categories used.
        public var categoryLabels: [String: String]
        public var anchor: RetrievalCheckpoint?
        public var records: [RetrievalRecord]
    }

    /// JSON (sorted keys, ISO 8601 UTC times with milliseconds) of `subject`'s records and anchor;
    /// records and checkpoints of other subjects are left out.
    public static func exportJSON(
        _ records: [RetrievalRecord], subject: String, anchor: RetrievalCheckpoint? = nil, generatedAt: Date = Date()
    ) throws -> Data {
        let own = records.filter { $0.subject == subject }.sorted { $0.seq < $1.seq }
        let categories = Set(own.flatMap(\.categories)).sorted()
        let export = Export(
            format: "amtsweg-retrieval-log/1", subject: subject, generatedAt: Millis.truncate(generatedAt),
            legalBasis: "Art. 15 DSGVO",
            categoryLabels: Dictionary(uniqueKeysWithValues: categories.map { ($0.rawValue, $0.label(.de)) }),
            anchor: anchor?.subject == subject ? anchor : nil, records: own)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(ISO8601.format(date))
        }
        return try encoder.encode(export)
    }

    /// Reads an export back (to verify it with `verify(_:anchor:keys:)`).
    public static func decodeExport(_ data: Data) throws -> Export {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = ISO8601.parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO 8601 time: \(text)")
            }
            return date
        }
        return try decoder.decode(Export.self, from: data)
    }
}

enum ISO8601 {
    static func formatter() -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f
    }

    static func format(_ date: Date) -> String { formatter().string(from: Millis.truncate(date)) }
    static func parse(_ text: String) -> Date? { formatter().date(from: text).map(Millis.truncate) }
}
