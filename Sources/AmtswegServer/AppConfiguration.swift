import Foundation
import Storage

/// Everything the server needs to know at start. Built by the `amtsweg` command from flags, the
/// environment (`AMTSWEG_*`) and an optional JSON config file — in that order of precedence.
public struct AppConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var databaseURL = "sqlite:data/amtsweg.sqlite"
    /// Seed demo data and print the URL.
    public var demo = false
    /// Production mode: secrets only from the environment or a file, secure cookies.
    public var production = false
    /// Public base URL, used for canonical links.
    public var publicBaseURL: String?
    /// Send `Strict-Transport-Security` (set when TLS terminates in front of Amtsweg).
    public var hsts = false
    /// Where document bytes go: a directory path, or "database" to keep them in the database
    /// (for several nodes without a shared directory).
    public var documentStorage = "data/documents"
    /// Key for CSRF tokens; when absent, one is generated once and kept in the database.
    public var csrfSecret: String?
    /// The platform signing key and its certificate as PEM (routing signatures, JWKS); when
    /// absent, an RSA-4096 key with a self-signed certificate is generated once and kept in the database.
    public var signingKeyPEM: String?
    /// Form posts (barrier reports) per client and window, counted in the database.
    public var formRateLimit = RateLimit(limit: 10, window: 3600)
    /// Login attempts per client and window (Test-eID and staff); staff accounts also lock after
    /// five failures.
    public var loginRateLimit = RateLimit(limit: 10, window: 300)
    /// Assistant questions and ratings per client and window (page and API together).
    public var assistantRateLimit = RateLimit(limit: 60, window: 600)
    /// Token requests (OAuth client credentials) per client address and window.
    public var tokenRateLimit = RateLimit(limit: 30, window: 60)
    /// Submissions per API client and window, counted in memory on each node (the hot path
    /// must not pay a database write for counting).
    public var submissionRateLimit = RateLimit(limit: 6000, window: 60)
    /// How long an application draft is kept after its last change, in days.
    public var draftLifetimeDays = 30
    /// API writes per client and window.
    public var apiWriteRateLimit = RateLimit(limit: 30, window: 60)
    /// The SMTP relay for notification e-mails (`smtp://[user:password@]host:port`); none: no e-mails.
    public var smtpURL: String?
    /// The sender of notification e-mails.
    public var mailFrom = "postfach@amtsweg.invalid"
    /// The eID identity provider (OpenID Connect): issuer URL, client, and the `acr` → trust
    /// level table (`acr=level,…`; default: BundID's values). No issuer: no eID login.
    public var oidcIssuer: String?
    public var oidcClientID: String?
    public var oidcClientSecret: String?
    public var oidcRedirectURI: String?
    public var oidcACRMap: String?
    /// An authority's own directory (OpenID Connect) for staff login: staff accounts must exist
    /// already (created by an administrator); the directory's `email` claim finds them.
    public var staffOidcIssuer: String?
    public var staffOidcClientID: String?
    public var staffOidcClientSecret: String?
    /// A service catalogue JSON export to serve instead of the seed catalogue compiled in.
    public var catalogPath: String?
    public var runWorker = true
    /// How long a worker holds a job before another node may take it over (after a crash).
    public var jobLeaseSeconds = 60
    /// The PEM file of the key that signs audit checkpoints (ECDSA P-256), kept outside the
    /// database; created on first start when missing. nil: no key, old audit entries are kept.
    public var auditKeyFile: String? = "data/keys/audit-checkpoint.pem"
    /// The authorities' seal keys and certificates (`<authority>.pem`), outside the database; a
    /// missing one is issued by a demo root created there.
    public var sealKeyDirectory = "data/keys/seals"
    /// The fonts notices are set in (DejaVu Sans, shipped in `data/fonts`).
    public var fontDirectory = "data/fonts"
    /// Automatic Wohngeld decisions (§ 31a SGB X): the share a clerk checks (0…1), before the notice
    /// goes out or after, and the seed of the draw (nil: a new random seed at every start).
    public var wohngeldAutomation = true
    public var sampleShare = 0.05
    public var sampleBeforeRelease = true
    public var sampleSeed: UInt64?
    /// The secret(s) payment webhooks are signed with, comma-separated (the first signs, all verify: rotation);
    /// when absent, one is generated once and kept in the database.
    public var paymentWebhookSecret: String?
    public var migrateOnStart = true
    public var logLevel = "info"
    public var jsonLogs = true

    public init() {}
}

/// A rate limit: at most `limit` requests per `window` seconds. Written `10/3600` in the environment.
public struct RateLimit: Sendable, Equatable {
    public var limit: Int
    public var window: Int

    public init(limit: Int, window: Int) {
        self.limit = limit
        self.window = window
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let limit = Int(parts[0]), let window = Int(parts[1]), limit > 0, window > 0 else {
            return nil
        }
        self.init(limit: limit, window: window)
    }
}
