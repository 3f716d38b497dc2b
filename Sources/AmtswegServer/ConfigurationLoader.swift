import Foundation

/// What the command line said. `nil` means "not given".
public struct ConfigurationFlags: Sendable {
    public var databaseURL: String?
    public var configFile: String?
    public var production = false
    public var demo = false
    public var host: String?
    public var port: Int?
    public var logLevel: String?

    public init() {}
}

public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public var description: String
}

/// The optional JSON config file. Secrets may be here (a file, not a flag).
struct ConfigFile: Decodable {
    var host: String?
    var port: Int?
    var databaseURL: String?
    var publicBaseURL: String?
    var documentStorage: String?
    var hsts: Bool?
    var production: Bool?
    var csrfSecret: String?
    var logLevel: String?

    func apply(to c: inout AppConfiguration) {
        if let host { c.host = host }
        if let port { c.port = port }
        if let databaseURL { c.databaseURL = databaseURL }
        if let publicBaseURL { c.publicBaseURL = publicBaseURL }
        if let documentStorage { c.documentStorage = documentStorage }
        if let hsts { c.hsts = hsts }
        if let production { c.production = production }
        if let csrfSecret { c.csrfSecret = csrfSecret }
        if let logLevel { c.logLevel = logLevel }
    }
}

extension AppConfiguration {
    /// Resolves the configuration. Precedence: flag, then environment (`AMTSWEG_*`), then the
    /// JSON config file (`--config` or `AMTSWEG_CONFIG`), then the built-in default. Secrets
    /// (`AMTSWEG_DATABASE_URL`, `AMTSWEG_CSRF_SECRET`) may also come from a file named by
    /// `…_FILE`. In production mode a password in a flag is refused: flags show up in process
    /// lists and shell histories.
    public static func resolve(
        flags: ConfigurationFlags, environment env: [String: String],
        readFile: (String) throws -> Data = { try Data(contentsOf: URL(fileURLWithPath: $0)) }
    ) throws -> AppConfiguration {
        var c = AppConfiguration()
        if flags.demo { c.databaseURL = "sqlite:data/amtsweg-demo.sqlite" }
        if let path = flags.configFile ?? env["AMTSWEG_CONFIG"] {
            let file: ConfigFile
            do {
                file = try JSONDecoder().decode(ConfigFile.self, from: try readFile(path))
            } catch {
                throw ConfigurationError(description: "config file \(path) is not readable JSON: \(error)")
            }
            file.apply(to: &c)
        }
        func secret(_ name: String) throws -> String? {
            if let value = env[name], !value.isEmpty { return value }
            if let path = env[name + "_FILE"] {
                return String(decoding: try readFile(path), as: UTF8.self).trimmingCharacters(
                    in: .whitespacesAndNewlines)
            }
            return nil
        }
        if let v = try secret("AMTSWEG_DATABASE_URL") { c.databaseURL = v }
        if let v = try secret("AMTSWEG_CSRF_SECRET") { c.csrfSecret = v }
        if let v = try secret("AMTSWEG_SIGNING_KEY") { c.signingKeyPEM = v }
        if let v = try secret("AMTSWEG_PAYMENT_WEBHOOK_SECRET") { c.paymentWebhookSecret = v }
        if let v = try secret("AMTSWEG_SMTP_URL") {
            guard SMTPSettings(url: v) != nil else {
                throw ConfigurationError(description: "AMTSWEG_SMTP_URL must look like smtp://host:port")
            }
            c.smtpURL = v
        }
        if let v = env["AMTSWEG_MAIL_FROM"] { c.mailFrom = v }
        if let v = env["AMTSWEG_OIDC_ISSUER"] { c.oidcIssuer = v }
        if let v = env["AMTSWEG_OIDC_CLIENT_ID"] { c.oidcClientID = v }
        if let v = try secret("AMTSWEG_OIDC_CLIENT_SECRET") { c.oidcClientSecret = v }
        if let v = env["AMTSWEG_OIDC_REDIRECT_URI"] { c.oidcRedirectURI = v }
        if let v = env["AMTSWEG_STAFF_OIDC_ISSUER"] { c.staffOidcIssuer = v }
        if let v = env["AMTSWEG_STAFF_OIDC_CLIENT_ID"] { c.staffOidcClientID = v }
        if let v = try secret("AMTSWEG_STAFF_OIDC_CLIENT_SECRET") { c.staffOidcClientSecret = v }
        if let v = env["AMTSWEG_OIDC_ACR_MAP"] {
            guard OIDCSettings.mapping(v) != nil else {
                throw ConfigurationError(
                    description: "AMTSWEG_OIDC_ACR_MAP must look like acr-value=substantial,other=high")
            }
            c.oidcACRMap = v
        }
        if c.oidcIssuer != nil && c.oidcClientID == nil {
            throw ConfigurationError(description: "AMTSWEG_OIDC_ISSUER needs AMTSWEG_OIDC_CLIENT_ID")
        }
        if let v = env["AMTSWEG_HOST"] { c.host = v }
        if let v = env["AMTSWEG_PORT"] {
            guard let port = Int(v), (0...65535).contains(port) else {
                throw ConfigurationError(description: "AMTSWEG_PORT must be a port number")
            }
            c.port = port
        }
        if let v = env["AMTSWEG_PUBLIC_URL"] { c.publicBaseURL = v }
        if let v = env["AMTSWEG_CATALOG"] { c.catalogPath = v }
        if let v = env["AMTSWEG_DOCUMENT_STORAGE"] { c.documentStorage = v }
        if env["AMTSWEG_HSTS"] == "1" { c.hsts = true }
        if env["AMTSWEG_PRODUCTION"] == "1" { c.production = true }
        if let v = env["AMTSWEG_LOG_LEVEL"] { c.logLevel = v }
        if env["AMTSWEG_LOG_FORMAT"] == "text" { c.jsonLogs = false }
        if let v = env["AMTSWEG_RATE_LIMIT_FORMS"] {
            guard let limit = RateLimit(v) else {
                throw ConfigurationError(description: "AMTSWEG_RATE_LIMIT_FORMS must look like 10/3600")
            }
            c.formRateLimit = limit
        }
        if let v = env["AMTSWEG_RATE_LIMIT_TOKEN"] {
            guard let limit = RateLimit(v) else {
                throw ConfigurationError(description: "AMTSWEG_RATE_LIMIT_TOKEN must look like 30/60")
            }
            c.tokenRateLimit = limit
        }
        if let v = env["AMTSWEG_RATE_LIMIT_SUBMISSIONS"] {
            guard let limit = RateLimit(v) else {
                throw ConfigurationError(description: "AMTSWEG_RATE_LIMIT_SUBMISSIONS must look like 6000/60")
            }
            c.submissionRateLimit = limit
        }
        if let v = env["AMTSWEG_AUDIT_KEY_FILE"] { c.auditKeyFile = v.isEmpty ? nil : v }
        if let v = env["AMTSWEG_SEAL_KEY_DIR"], !v.isEmpty { c.sealKeyDirectory = v }
        if let v = env["AMTSWEG_WOHNGELD_AUTOMATION"] { c.wohngeldAutomation = v != "0" }
        if let v = env["AMTSWEG_SAMPLE_SHARE"] {
            guard let share = Double(v), (0...1).contains(share) else {
                throw ConfigurationError(description: "AMTSWEG_SAMPLE_SHARE must be a number from 0 to 1")
            }
            c.sampleShare = share
        }
        if let v = env["AMTSWEG_SAMPLE_AFTER_RELEASE"] { c.sampleBeforeRelease = v != "1" }
        if let v = env["AMTSWEG_SAMPLE_SEED"] {
            guard let seed = UInt64(v) else {
                throw ConfigurationError(description: "AMTSWEG_SAMPLE_SEED must be an integer")
            }
            c.sampleSeed = seed
        }
        if let v = env["AMTSWEG_FONT_DIR"], !v.isEmpty { c.fontDirectory = v }
        if let v = env["AMTSWEG_JOB_LEASE"] {
            guard let seconds = Int(v), (1...3600).contains(seconds) else {
                throw ConfigurationError(description: "AMTSWEG_JOB_LEASE must be a number of seconds from 1 to 3600")
            }
            c.jobLeaseSeconds = seconds
        }
        if let v = env["AMTSWEG_DRAFT_DAYS"] {
            guard let days = Int(v), (1...365).contains(days) else {
                throw ConfigurationError(description: "AMTSWEG_DRAFT_DAYS must be a number of days from 1 to 365")
            }
            c.draftLifetimeDays = days
        }
        if let v = env["AMTSWEG_RATE_LIMIT_LOGIN"] {
            guard let limit = RateLimit(v) else {
                throw ConfigurationError(description: "AMTSWEG_RATE_LIMIT_LOGIN must look like 10/300")
            }
            c.loginRateLimit = limit
        }
        if let v = env["AMTSWEG_RATE_LIMIT_ASSISTANT"] {
            guard let limit = RateLimit(v) else {
                throw ConfigurationError(description: "AMTSWEG_RATE_LIMIT_ASSISTANT must look like 60/600")
            }
            c.assistantRateLimit = limit
        }
        if let v = env["AMTSWEG_RATE_LIMIT_API_WRITES"] {
            guard let limit = RateLimit(v) else {
                throw ConfigurationError(description: "AMTSWEG_RATE_LIMIT_API_WRITES must look like 30/60")
            }
            c.apiWriteRateLimit = limit
        }
        if flags.production { c.production = true }
        if let databaseURL = flags.databaseURL {
            if c.production, let url = URLComponents(string: databaseURL), url.password != nil {
                throw ConfigurationError(
                    description:
                        "In production mode the database password must come from AMTSWEG_DATABASE_URL(_FILE) or the config file, not from a flag."
                )
            }
            c.databaseURL = databaseURL
        }
        if let host = flags.host { c.host = host }
        if let port = flags.port { c.port = port }
        if let logLevel = flags.logLevel { c.logLevel = logLevel }
        c.demo = flags.demo
        return c
    }
}
