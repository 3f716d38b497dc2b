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
    public var runWorker = true
    public var migrateOnStart = true
    public var logLevel = "info"
    public var jsonLogs = true

    public init() {}
}
