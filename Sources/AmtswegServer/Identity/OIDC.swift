import Accounts
import Crypto
import Foundation
import JWTKit
import Signing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The OpenID Connect relying party towards an eID identity provider (BundID or a Land's
/// provider): authorization code flow with PKCE (S256), `state` and `nonce` checked, the ID
/// token's signature verified against the provider's JWKS (jwt-kit), its `acr` mapped to a trust
/// level by configuration.
struct OIDCSettings: Sendable {
    var issuer: String
    var clientID: String
    var clientSecret: String?
    var redirectURI: String
    var mapping: TrustLevelMapping
    var scope = "openid profile"
    /// The OIDC `claims` request: the eID provider must assert `acr`; a staff directory, `email`.
    var claimsRequest = #"{"id_token":{"acr":{"essential":true}}}"#

    /// `acr=level` pairs separated by commas, e.g. `STORK-QAA-Level-3=substantial,STORK-QAA-Level-4=high`.
    static func mapping(_ text: String) -> TrustLevelMapping? {
        var table: [String: LevelOfAssurance] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let level = LevelOfAssurance(rawValue: parts[1]) else {
                return nil
            }
            table[parts[0]] = level
        }
        return table.isEmpty ? nil : TrustLevelMapping(table)
    }
}

struct OIDCError: Error, CustomStringConvertible, Equatable {
    var description: String
}

/// The claims of an ID token we use and check.
struct IDTokenClaims: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var nonce: String?
    var acr: String?
    var name: String?
    var given_name: String?
    var family_name: String?
    var email: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}

actor OIDCProvider {
    let settings: OIDCSettings
    private var discovery: Discovery?
    private var keys: JWTKeyCollection?
    private var keysFetched = Date.distantPast

    init(settings: OIDCSettings) { self.settings = settings }

    struct Discovery: Decodable, Sendable {
        var issuer: String
        var authorization_endpoint: String
        var token_endpoint: String
        var jwks_uri: String
    }

    func discover() async throws -> Discovery {
        if let discovery { return discovery }
        let url =
            settings.issuer.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            + "/.well-known/openid-configuration"
        let found = try JSONDecoder().decode(Discovery.self, from: try await Self.get(url))
        // OIDC Discovery § 4.3: the issuer in the document must be the one we configured.
        guard
            found.issuer.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                == settings.issuer.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        else { throw OIDCError(description: "discovery issuer \(found.issuer) is not \(settings.issuer)") }
        discovery = found
        return found
    }

    /// The authorization request: PKCE S256 challenge, state, nonce; asks for the `acr` claim.
    func authorizationURL(state: String, nonce: String, verifier: String, minimum: LevelOfAssurance? = nil)
        async throws -> String
    {
        let d = try await discover()
        let challenge = Base64URL.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
        var components = URLComponents(string: d.authorization_endpoint)!
        components.queryItems =
            (components.queryItems ?? []) + [
                URLQueryItem(name: "response_type", value: "code"),
                URLQueryItem(name: "client_id", value: settings.clientID),
                URLQueryItem(name: "redirect_uri", value: settings.redirectURI),
                URLQueryItem(name: "scope", value: settings.scope),
                URLQueryItem(name: "state", value: state),
                URLQueryItem(name: "nonce", value: nonce),
                URLQueryItem(name: "code_challenge", value: challenge),
                URLQueryItem(name: "code_challenge_method", value: "S256"),
                URLQueryItem(name: "claims", value: settings.claimsRequest),
            ]
        // Step-up: ask the provider for the acr values that reach the level needed.
        if let minimum {
            let values = settings.mapping.table.filter { $0.value >= minimum }.keys.sorted()
            if !values.isEmpty {
                components.queryItems?.append(URLQueryItem(name: "acr_values", value: values.joined(separator: " ")))
            }
        }
        // URLComponents leaves "+" alone; in a query it means a space to most servers.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.string!
    }

    /// Redeems the code (with the PKCE verifier) and returns the verified ID token's claims.
    func redeem(code: String, verifier: String, nonce: String, now: Date) async throws -> IDTokenClaims {
        let d = try await discover()
        var request = URLRequest(url: URL(string: d.token_endpoint)!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        var form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", settings.redirectURI),
            ("code_verifier", verifier),
        ]
        if let secret = settings.clientSecret {
            let basic = Data("\(percentEncode(settings.clientID)):\(percentEncode(secret))".utf8)
                .base64EncodedString()
            request.setValue("Basic \(basic)", forHTTPHeaderField: "Authorization")
        } else {
            form.append(("client_id", settings.clientID))
        }
        request.httpBody = Data(form.map { "\($0.0)=\(percentEncode($0.1))" }.joined(separator: "&").utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        struct TokenResponse: Decodable { var id_token: String? }
        guard status == 200, let token = try? JSONDecoder().decode(TokenResponse.self, from: data).id_token else {
            throw OIDCError(description: "token endpoint answered \(status)")
        }
        return try await verify(idToken: token, nonce: nonce, now: now)
    }

    /// Checks signature (JWKS; refetched once for an unknown key), issuer, audience, expiry,
    /// issue time and nonce.
    func verify(idToken: String, nonce: String, now: Date) async throws -> IDTokenClaims {
        let d = try await discover()
        let claims: IDTokenClaims
        do {
            claims = try await keyCollection(refresh: false).verify(idToken, as: IDTokenClaims.self)
        } catch {
            // A rotated key: fetch the JWKS again (at most every 30 s), then try once more.
            guard Date().timeIntervalSince(keysFetched) > 30 else {
                throw OIDCError(description: "ID token rejected: \(error)")
            }
            do {
                claims = try await keyCollection(refresh: true).verify(idToken, as: IDTokenClaims.self)
            } catch {
                throw OIDCError(description: "ID token rejected: \(error)")
            }
        }
        guard claims.iss.value == d.issuer else { throw OIDCError(description: "wrong issuer") }
        do { try claims.aud.verifyIntendedAudience(includes: settings.clientID) } catch {
            throw OIDCError(description: "wrong audience")
        }
        guard claims.exp.value > now else { throw OIDCError(description: "expired") }
        guard claims.iat.value < now.addingTimeInterval(300) else {
            throw OIDCError(description: "issued in the future")
        }
        guard let tokenNonce = claims.nonce, constantTimeEquals(tokenNonce, nonce) else {
            throw OIDCError(description: "nonce mismatch")
        }
        return claims
    }

    func keyCollection(refresh: Bool) async throws -> JWTKeyCollection {
        if let keys, !refresh { return keys }
        let d = try await discover()
        let json = String(decoding: try await Self.get(d.jwks_uri), as: UTF8.self)
        let collection = try await JWTKeyCollection().add(jwksJSON: json)
        keys = collection
        keysFetched = Date()
        return collection
    }

    static func get(_ url: String) async throws -> Data {
        guard let u = URL(string: url) else { throw OIDCError(description: "bad URL \(url)") }
        var request = URLRequest(url: u)
        request.timeoutInterval = 10
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw OIDCError(description: "GET \(url) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
        }
        return data
    }

    static func random() -> String {
        var rng = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) }))
    }
}
