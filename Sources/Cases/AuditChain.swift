import Crypto
import Foundation

/// One entry of an authority's audit chain: a member of staff opened a case or changed its data.
public struct AuditEntry: Sendable, Codable, Equatable {
    /// The chain: one per authority, so nodes do not queue behind one global chain.
    public var chain: String
    public var seq: Int
    public var at: String
    public var actor: String
    public var action: String
    public var caseID: String?
    public var detail: String
    public var prevHash: String
    public var hash: String

    public init(
        chain: String, seq: Int, at: String, actor: String, action: String, caseID: String?, detail: String,
        prevHash: String, hash: String
    ) {
        self.chain = chain
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.caseID = caseID
        self.detail = detail
        self.prevHash = prevHash
        self.hash = hash
    }
}

/// A signed statement "the chain `chain` had the hash `hash` at entry `seq`". Entries up to a
/// checkpoint may be removed when their retention ends; the chain stays verifiable from the
/// checkpoint on, and nobody without the key can rewrite history before it.
public struct AuditCheckpoint: Sendable, Codable, Equatable {
    public var chain: String
    public var seq: Int
    public var hash: String
    public var at: String
    public var keyID: String
    /// ECDSA P-256 over `AuditChain.checkpointMessage`, DER, base64.
    public var signature: String

    public init(chain: String, seq: Int, hash: String, at: String, keyID: String, signature: String) {
        self.chain = chain
        self.seq = seq
        self.hash = hash
        self.at = at
        self.keyID = keyID
        self.signature = signature
    }
}

/// Hashing and verification of the per-authority audit chains (pure; storage appends and reads).
public enum AuditChain {
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the length-prefixed fields: no two different entries serialise alike.
    public static func digest(
        chain: String, seq: Int, at: String, actor: String, action: String, caseID: String?, detail: String,
        prev: String
    ) -> String {
        let fields = [chain, String(seq), at, actor, action, caseID ?? "", detail, prev]
        var text = ""
        for f in fields { text += "\(f.utf8.count):\(f)" }
        return hex(SHA256.hash(data: Data(text.utf8)))
    }

    public static func entry(
        chain: String, seq: Int, at: String, actor: String, action: String, caseID: String?, detail: String,
        prev: String
    ) -> AuditEntry {
        AuditEntry(
            chain: chain, seq: seq, at: at, actor: actor, action: action, caseID: caseID, detail: detail,
            prevHash: prev,
            hash: digest(
                chain: chain, seq: seq, at: at, actor: actor, action: action, caseID: caseID, detail: detail,
                prev: prev))
    }

    public static func checkpointMessage(chain: String, seq: Int, hash: String, at: String) -> Data {
        Data("amtsweg-audit-checkpoint\n\(chain)\n\(seq)\n\(hash)\n\(at)".utf8)
    }

    public static func sign(
        chain: String, seq: Int, hash: String, at: String, key: P256.Signing.PrivateKey
    ) throws -> AuditCheckpoint {
        let signature = try key.signature(for: checkpointMessage(chain: chain, seq: seq, hash: hash, at: at))
        return AuditCheckpoint(
            chain: chain, seq: seq, hash: hash, at: at, keyID: keyID(key.publicKey),
            signature: signature.derRepresentation.base64EncodedString())
    }

    /// The first 16 hex digits of the SHA-256 of the public key (X9.63): names the key that signed.
    public static func keyID(_ key: P256.Signing.PublicKey) -> String {
        String(hex(SHA256.hash(data: key.x963Representation)).prefix(16))
    }

    public static func isValid(_ checkpoint: AuditCheckpoint, keys: [P256.Signing.PublicKey]) -> Bool {
        guard let der = Data(base64Encoded: checkpoint.signature),
            let signature = try? P256.Signing.ECDSASignature(derRepresentation: der),
            let key = keys.first(where: { keyID($0) == checkpoint.keyID })
        else { return false }
        return key.isValidSignature(
            signature,
            for: checkpointMessage(
                chain: checkpoint.chain, seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at))
    }

    public struct Break: Sendable, Equatable, CustomStringConvertible {
        public let chain: String
        /// The first entry that does not verify (or the checkpoint's sequence number).
        public let seq: Int
        public let reason: String
        public var description: String { "chain \(chain), entry \(seq): \(reason)" }
    }

    /// Verifies one chain: `entries` in ascending order, `checkpoints` of this chain. The first entry
    /// left is anchored at the genesis (seq 1) or at a valid checkpoint just before it; every entry
    /// links to its predecessor and hashes to its stored hash; every checkpoint inside the range
    /// matches its entry. Returns the first break, or nil.
    public static func verify(
        chain: String, entries: [AuditEntry], checkpoints: [AuditCheckpoint], keys: [P256.Signing.PublicKey]
    ) -> Break? {
        for c in checkpoints where !isValid(c, keys: keys) {
            return Break(chain: chain, seq: c.seq, reason: "checkpoint signature invalid")
        }
        guard let first = entries.first else { return nil }
        var prev: String
        if first.seq == 1 {
            prev = genesis
        } else if let anchor = checkpoints.first(where: { $0.seq == first.seq - 1 }) {
            prev = anchor.hash
        } else {
            return Break(chain: chain, seq: first.seq, reason: "no checkpoint anchors the first entry")
        }
        let bySeq = Dictionary(checkpoints.map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        var expected = first.seq
        for e in entries {
            guard e.chain == chain, e.seq == expected else {
                return Break(chain: chain, seq: expected, reason: "entry missing or out of order")
            }
            guard e.prevHash == prev else {
                return Break(chain: chain, seq: e.seq, reason: "link to previous entry broken")
            }
            let recomputed = digest(
                chain: e.chain, seq: e.seq, at: e.at, actor: e.actor, action: e.action, caseID: e.caseID,
                detail: e.detail, prev: e.prevHash)
            guard recomputed == e.hash else { return Break(chain: chain, seq: e.seq, reason: "content altered") }
            if let c = bySeq[e.seq], c.hash != e.hash {
                return Break(chain: chain, seq: e.seq, reason: "differs from signed checkpoint")
            }
            prev = e.hash
            expected += 1
        }
        return nil
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
