import Crypto
import Foundation
import _CryptoExtras

/// JSON Web Signatures in compact serialisation (RFC 7515) with PS512 (RSASSA-PSS, SHA-512,
/// MGF1 with SHA-512, salt as long as the hash: RFC 7518 § 3.5) — the algorithm FIT-Connect uses.
public enum JWS {
    public static let algorithm = "PS512"

    /// Signs `payload` (usually JSON) and returns `header.payload.signature`. The protected header
    /// carries `alg`, `kid` and `typ`.
    public static func sign(payload: Data, with key: PlatformKey, type: String = "JWT") throws -> String {
        let header = #"{"alg":"\#(algorithm)","kid":"\#(key.keyID)","typ":"\#(type)"}"#
        let signingInput = Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(payload)
        let signature = try key.privateKey.signature(
            for: SHA512.hash(data: Data(signingInput.utf8)), padding: .PSS)
        return signingInput + "." + Base64URL.encode(signature.rawRepresentation)
    }

    /// Verifies `compact` against the key of `keys` its header names and returns the payload.
    public static func verify(_ compact: String, keys: JWKS) throws -> Data {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw SigningError.malformed("expected three parts, found \(parts.count)") }
        guard let headerData = Base64URL.decode(parts[0]), let payload = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2])
        else { throw SigningError.malformed("a part is not base64url") }
        struct Header: Decodable {
            var alg: String
            var kid: String?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: headerData) else {
            throw SigningError.malformed("the header is not JSON with alg")
        }
        guard header.alg == algorithm else { throw SigningError.unsupportedAlgorithm(header.alg) }
        guard let jwk = keys.keys.first(where: { $0.kid == header.kid }) else {
            throw SigningError.unknownKey(header.kid ?? "(none)")
        }
        let publicKey = try jwk.publicKey()
        let signingInput = parts[0] + "." + parts[1]
        guard
            publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature),
                for: SHA512.hash(data: Data(signingInput.utf8)), padding: .PSS)
        else { throw SigningError.badSignature }
        return payload
    }
}
