import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import JWTKit
import Synchronization
import Testing
import _CryptoExtras

@testable import AmtswegServer

/// A fake identity provider on a live port: discovery, JWKS and a token endpoint that answers
/// with the ID token the test prepared — correctly signed, forged, replayed, for someone else.
final class FakeIdP: Sendable {
    let token = Mutex<String>("")
    let good: _RSA.Signing.PrivateKey
    let kid = "idp-key-1"

    init() throws { good = try _RSA.Signing.PrivateKey(keySize: .bits2048) }

    func jwks() throws -> String {
        let p = try good.publicKey.getKeyPrimitives()
        func b64(_ d: Data) -> String {
            d.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return
            #"{"keys":[{"kty":"RSA","alg":"RS256","use":"sig","kid":"\#(kid)","n":"\#(b64(p.modulus))","e":"\#(b64(p.publicExponent))"}]}"#
    }

    func app() -> some ApplicationProtocol {
        let router = Router()
        router.get("/.well-known/openid-configuration") { request, _ -> Response in
            let base = "http://\(request.head.authority ?? "127.0.0.1")"
            let json = """
                {"issuer":"\(base)","authorization_endpoint":"\(base)/authorize","token_endpoint":"\(base)/token","jwks_uri":"\(base)/jwks"}
                """
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        router.get("/jwks") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: try self.jwks())))
        }
        router.post("/token") { _, _ -> Response in
            let json = #"{"access_token":"x","token_type":"Bearer","id_token":"\#(self.token.withLock { $0 })"}"#
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    func sign(_ claims: IDTokenClaims, with key: _RSA.Signing.PrivateKey) async throws -> String {
        let keys = await JWTKeyCollection().add(
            rsa: try Insecure.RSA.PrivateKey(backing: key), digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        return try await keys.sign(claims)
    }
}

@Suite("eID login (OpenID Connect relying party)")
struct OIDCTests {
    static func claims(
        issuer: String, audience: String = "amtsweg", nonce: String?, acr: String = "high-acr",
        expiresIn: TimeInterval = 300
    )
        -> IDTokenClaims
    {
        IDTokenClaims(
            iss: .init(value: issuer), sub: .init(value: "user-1"), aud: .init(value: [audience]),
            exp: .init(value: Date().addingTimeInterval(expiresIn)), iat: .init(value: Date()), nonce: nonce, acr: acr,
            name: "Erika Mustermann", given_name: nil, family_name: nil)
    }

    @Test("A correctly signed token passes; forged, replayed (wrong nonce), foreign, expired tokens are rejected")
    func verification() async throws {
        let idp = try FakeIdP()
        try await idp.app().test(.live) { client in
            let issuer = "http://127.0.0.1:\(client.port!)"
            let provider = OIDCProvider(
                settings: OIDCSettings(
                    issuer: issuer, clientID: "amtsweg", clientSecret: "s", redirectURI: "http://localhost/cb",
                    mapping: TrustLevelMapping(["high-acr": .high])))
            // the authorization request carries PKCE S256, state and nonce
            let url = try await provider.authorizationURL(state: "st", nonce: "no", verifier: "ver")
            #expect(url.contains("code_challenge_method=S256") && url.contains("state=st") && url.contains("nonce=no"))
            #expect(!url.contains("code_challenge=ver"), "the verifier itself never leaves the server")

            let good = try await idp.sign(Self.claims(issuer: issuer, nonce: "n1"), with: idp.good)
            idp.token.withLock { $0 = good }
            let claims = try await provider.redeem(code: "c", verifier: "v", nonce: "n1", now: Date())
            #expect(claims.acr == "high-acr" && claims.sub.value == "user-1")

            // the same token presented for another login (its nonce) is a replay
            await #expect(throws: OIDCError.self) {
                try await provider.redeem(code: "c", verifier: "v", nonce: "n2", now: Date())
            }
            // signed by a key the provider does not publish, under its key id
            let forger = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            let forged = try await idp.sign(Self.claims(issuer: issuer, nonce: "n3"), with: forger)
            idp.token.withLock { $0 = forged }
            await #expect(throws: OIDCError.self) {
                try await provider.redeem(code: "c", verifier: "v", nonce: "n3", now: Date())
            }
            // a token for another client, from another issuer, expired
            for bad in [
                Self.claims(issuer: issuer, audience: "someone-else", nonce: "n4"),
                Self.claims(issuer: "http://evil.example", nonce: "n4"),
                Self.claims(issuer: issuer, nonce: "n4", expiresIn: -60),
            ] {
                let token = try await idp.sign(bad, with: idp.good)
                idp.token.withLock { $0 = token }
                await #expect(throws: (any Error).self) {
                    try await provider.redeem(code: "c", verifier: "v", nonce: "n4", now: Date())
                }
            }
            // a token with its signature cut off
            idp.token.withLock { $0 = good.split(separator: ".").prefix(2).joined(separator: ".") + "." }
            await #expect(throws: OIDCError.self) {
                try await provider.redeem(code: "c", verifier: "v", nonce: "n1", now: Date())
            }
        }
    }

    @Test("The acr → trust level table comes from configuration")
    func mappingConfiguration() {
        let m = OIDCSettings.mapping("eidas-low=low, eidas-substantial=substantial,eidas-high=high")
        #expect(m?.level(for: "eidas-low") == .low && m?.level(for: "eidas-high") == .high)
        #expect(m?.level(for: "eidas-substantial") == .substantial && m?.level(for: "other") == nil)
        #expect(OIDCSettings.mapping("x=extreme") == nil && OIDCSettings.mapping("") == nil)
    }
}
