import AmtswegServer
import Foundation
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    let file = Data(
        #"{"port": 7000, "host": "10.0.0.1", "databaseURL": "sqlite:/from/file.sqlite", "logLevel": "debug"}"#.utf8)

    func resolve(_ flags: ConfigurationFlags = ConfigurationFlags(), _ env: [String: String] = [:]) throws
        -> AppConfiguration
    {
        try AppConfiguration.resolve(flags: flags, environment: env) { path in
            switch path {
            case "/etc/amtsweg.json": file
            case "/run/secrets/db": Data("postgres://amtsweg:s3cret@db/amtsweg\n".utf8)
            default: throw CocoaError(.fileNoSuchFile)
            }
        }
    }

    @Test("Flags beat the environment, which beats the config file, which beats the defaults")
    func precedence() throws {
        var flags = ConfigurationFlags()
        flags.configFile = "/etc/amtsweg.json"
        #expect(try resolve(flags).port == 7000)
        #expect(try resolve(flags).host == "10.0.0.1")
        #expect(try resolve(flags, ["AMTSWEG_PORT": "7100"]).port == 7100)
        flags.port = 7200
        #expect(try resolve(flags, ["AMTSWEG_PORT": "7100"]).port == 7200)
        #expect(try resolve().port == 8080)
        #expect(try resolve(ConfigurationFlags(), ["AMTSWEG_CONFIG": "/etc/amtsweg.json"]).logLevel == "debug")
    }

    @Test("--demo uses the demo SQLite file unless a database is configured")
    func demo() throws {
        var flags = ConfigurationFlags()
        flags.demo = true
        #expect(try resolve(flags).databaseURL == "sqlite:data/amtsweg-demo.sqlite")
        #expect(try resolve(flags, ["AMTSWEG_DATABASE_URL": "sqlite::memory:"]).databaseURL == "sqlite::memory:")
    }

    @Test("Secrets come from the environment or a *_FILE")
    func secretsFromFiles() throws {
        let c = try resolve(
            ConfigurationFlags(), ["AMTSWEG_DATABASE_URL_FILE": "/run/secrets/db", "AMTSWEG_CSRF_SECRET": "k"])
        #expect(c.databaseURL == "postgres://amtsweg:s3cret@db/amtsweg")
        #expect(c.csrfSecret == "k")
    }

    @Test("In production mode a password in a flag is refused")
    func productionRefusesPasswordFlags() throws {
        var flags = ConfigurationFlags()
        flags.production = true
        flags.databaseURL = "postgres://amtsweg:s3cret@db/amtsweg"
        #expect(throws: ConfigurationError.self) { try resolve(flags) }
        flags.databaseURL = "postgres://amtsweg@db/amtsweg"
        #expect(try resolve(flags).databaseURL == "postgres://amtsweg@db/amtsweg")
        flags.production = false
        flags.databaseURL = "postgres://amtsweg:s3cret@db/amtsweg"
        #expect(try resolve(flags).databaseURL == "postgres://amtsweg:s3cret@db/amtsweg", "allowed outside production")
    }

    @Test("Malformed settings are errors, not silent defaults")
    func malformed() throws {
        #expect(throws: ConfigurationError.self) { try resolve(ConfigurationFlags(), ["AMTSWEG_PORT": "eighty"]) }
        #expect(throws: ConfigurationError.self) {
            try resolve(ConfigurationFlags(), ["AMTSWEG_RATE_LIMIT_FORMS": "many"])
        }
        #expect(throws: ConfigurationError.self) {
            try resolve(ConfigurationFlags(), ["AMTSWEG_CONFIG": "/missing.json"])
        }
        #expect(
            try resolve(ConfigurationFlags(), ["AMTSWEG_RATE_LIMIT_FORMS": "5/60"]).formRateLimit
                == RateLimit(limit: 5, window: 60))
    }
}
