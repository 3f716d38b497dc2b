import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Signing

/// CSRF protection for HTML forms: a random per-browser value in an HttpOnly, SameSite=Strict
/// cookie, and in the form its HMAC under the platform key (shared by all nodes through the
/// database). A post is accepted only when the two belong together and the browser does not
/// report a cross-site request.
struct CSRF: Sendable {
    let keyBytes: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    let secureCookies: Bool
    static let cookieName = "csrf"
    static let field = "csrf_token"

    init(secret: String, secureCookies: Bool) {
        self.keyBytes = Array(SHA256.hash(data: Data(secret.utf8)))
        self.secureCookies = secureCookies
    }

    func token(for nonce: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(nonce.utf8), using: key)
        return Base64URL.encode(Data(mac))
    }

    /// The browser's nonce, or a new one plus the cookie that sets it.
    func nonce(for request: Request) -> (nonce: String, setCookie: String?) {
        if let value = request.cookies[Self.cookieName]?.value, value.count == 43 { return (value, nil) }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        let nonce = Base64URL.encode(Data(bytes))
        let cookie = "\(Self.cookieName)=\(nonce); Path=/; HttpOnly; SameSite=Strict\(secureCookies ? "; Secure" : "")"
        return (nonce, cookie)
    }

    /// The posted form of a state-changing request, or 403 when its CSRF token does not verify.
    func verifiedForm(_ request: Request, _ context: some RequestContext) async throws -> [String: String] {
        let fields = parseForm(String(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
        guard verify(request: request, submitted: fields[Self.field]) else { throw HTTPError(.forbidden) }
        return fields
    }

    func verify(request: Request, submitted: String?) -> Bool {
        if let site = request.headers[.secFetchSite], site == "cross-site" { return false }
        guard let nonce = request.cookies[Self.cookieName]?.value, let submitted else { return false }
        return constantTimeEquals(token(for: nonce), submitted)
    }
}

/// Compares secrets without leaking, through timing, how much of them matched.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in x.indices { diff |= x[i] ^ y[i] }
    return diff == 0
}

/// Parses `application/x-www-form-urlencoded`.
func parseForm(_ body: String) -> [String: String] {
    var result: [String: String] = [:]
    for pair in body.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        func decode(_ s: Substring) -> String {
            String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
        }
        let key = decode(parts[0])
        if result[key] == nil { result[key] = parts.count > 1 ? decode(parts[1]) : "" }
    }
    return result
}
