import AmtswegServer
import Applications
import ArgumentParser
import Catalog
import Forms
import Foundation
import Hummingbird
import Logging
import NIOCore
import Storage

@main
struct Amtsweg: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amtsweg",
        abstract: "Amtsweg – digital administration for Thuringia.",
        subcommands: [
            Serve.self, Migrate.self, Seed.self, BackupCommand.self, RestoreCommand.self, Jobs.self,
            CatalogCommand.self, StaffCommand.self, ClientsCommand.self, FIMCommand.self, BPMNCommand.self,
            AuditCommand.self, CasesCommand.self, RulesCommand.self, RawServer.self,
        ],
        defaultSubcommand: Serve.self)
}

/// Options shared by every command. Precedence: flag, then environment (`AMTSWEG_*`), then the
/// JSON config file (`--config` or `AMTSWEG_CONFIG`), then the built-in default.
struct CommonOptions: ParsableArguments {
    @Option(help: "Database: sqlite:PATH, :memory: or postgres://USER@HOST:PORT/DB (env AMTSWEG_DATABASE_URL).")
    var databaseURL: String?

    @Option(help: "JSON configuration file (env AMTSWEG_CONFIG).")
    var config: String?

    @Flag(
        help: "Production mode: secrets only from the environment or files, secure cookies (env AMTSWEG_PRODUCTION=1).")
    var production = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error (env AMTSWEG_LOG_LEVEL).")
    var logLevel: String?

    func resolve(demo: Bool = false, host: String? = nil, port: Int? = nil) throws -> AppConfiguration {
        var flags = ConfigurationFlags()
        flags.databaseURL = databaseURL
        flags.configFile = config
        flags.production = production
        flags.demo = demo
        flags.host = host
        flags.port = port
        flags.logLevel = logLevel
        do {
            return try AppConfiguration.resolve(flags: flags, environment: ProcessInfo.processInfo.environment)
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
    }

    func logger(_ c: AppConfiguration) -> Logger {
        let json = c.jsonLogs
        LoggingSystem.bootstrap { label in
            json ? JSONLogHandler(label: label) as any LogHandler : StreamLogHandler.standardOutput(label: label)
        }
        var logger = Logger(label: "amtsweg")
        logger.logLevel = Logger.Level(rawValue: c.logLevel) ?? .info
        return logger
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server and the job worker.")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Demo: an embedded SQLite database under ./data, created and seeded if missing.")
    var demo = false
    @Option(help: "Address to listen on (env AMTSWEG_HOST).") var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (env AMTSWEG_PORT).") var port: Int?
    @Flag(help: "Do not run the background job worker on this node.") var noWorker = false
    @Option(help: "Serve this service catalogue JSON export instead of the built-in one (env AMTSWEG_CATALOG).")
    var catalog: String?

    func run() async throws {
        var c = try common.resolve(demo: demo, host: host, port: port)
        c.runWorker = !noWorker
        if let catalog { c.catalogPath = catalog }
        let logger = common.logger(c)
        do {
            let services = try await makeServices(c, logger: logger)
            if c.demo {
                for line in try await DemoSeed.run(services) {
                    FileHandle.standardOutput.write(Data((line + "\n").utf8))
                }
            }
            let displayHost = c.host == "0.0.0.0" ? "127.0.0.1" : c.host
            let configuredPort = c.port
            let database = DatabaseLocation.describe(c.databaseURL)
            let app = try await buildApplication(services, logger: logger) { channel in
                let port = channel.localAddress?.port ?? configuredPort
                FileHandle.standardOutput.write(
                    Data("Amtsweg läuft / is running: http://\(displayHost):\(port)/  (\(database))\n".utf8))
            }
            try await app.runService()
        } catch {
            // PostgresNIO's errors describe themselves generically; the operator needs the details
            // (SQLSTATE, the server's message) to see why a node did not start.
            logger.error("amtsweg serve stopped: \(String(reflecting: error))")
            throw error
        }
    }
}

extension DatabaseLocation {
    static func describe(_ url: String) -> String { (try? DatabaseLocation(url).description) ?? "?" }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let c = try common.resolve()
        let logger = common.logger(c)
        let database = try await Database.open(DatabaseLocation(c.databaseURL), logger: logger)
        let applied = try await Migrator(database: database, logger: logger).migrate()
        await database.close()
        print(
            applied.isEmpty
                ? "Database is up to date." : "Applied migrations: \(applied.map(String.init).joined(separator: ", "))")
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate and load reference data (Thuringia's authorities).")
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let c = try common.resolve()
        let services = try await makeServices(c, logger: common.logger(c))
        let count = try await services.authorities.all().count
        await services.database.close()
        print("Seeded: \(count) authorities, \(services.regions.municipalities.count) municipalities.")
    }
}

struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract:
            "Create a staff account (e.g. an authority's first administrator); prints its first password and TOTP key once."
    )
    @OptionGroup var common: CommonOptions
    @Option(help: "Authority id, e.g. th-stadt-16053; omit for a platform administrator.") var authority: String?
    @Option(help: "Work e-mail address (the login name).") var email: String
    @Option(help: "Display name.") var name: String
    @Option(help: "Comma-separated roles: clerk, team-lead, authority-admin, data-officer.") var roles: String = ""

    func run() async throws {
        let c = try common.resolve()
        let services = try await makeServices(c, logger: common.logger(c))
        do {
            let created = try await StaffAdmin.create(
                services, email: email, name: name, authorityID: authority,
                roles: roles.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            await services.database.close()
            print("Created \(email) (\(created.accountID)).")
            print("First password (hand over in person): \(created.password)")
            print("Authenticator key: \(created.otpauthURL)")
        } catch let failure as StaffAdmin.Failure {
            await services.database.close()
            throw ValidationError(failure.description)
        }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Online backup of the SQLite database (VACUUM INTO), verified after writing.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Target file (must not exist).") var target: String

    func run() async throws {
        let c = try common.resolve()
        let logger = common.logger(c)
        let database = try await Database.open(DatabaseLocation(c.databaseURL), logger: logger)
        defer { Task { await database.close() } }
        try await Backup.backup(database, to: target)
        let versions = try await Backup.verify(target, logger: logger)
        print("Backup written to \(target) (schema versions \(versions.map(String.init).joined(separator: ", "))).")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore the SQLite database from a backup. Stop the server first.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Backup file.") var source: String

    func run() async throws {
        let c = try common.resolve()
        let logger = common.logger(c)
        guard case .sqliteFile(let path) = try DatabaseLocation(c.databaseURL) else {
            throw ValidationError("restore works on a SQLite file; for PostgreSQL use pg_restore (docs/operations.md)")
        }
        try await Backup.restore(from: source, to: path, logger: logger)
        print("Restored \(path) from \(source).")
    }
}

struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Inspect the job queue and requeue dead jobs.")
    @OptionGroup var common: CommonOptions
    @Option(help: "List jobs with this status: pending, running, done, dead.") var status: String = "dead"
    @Option(help: "Requeue the dead job with this id.") var requeue: String?
    @Option(help: "Enqueue this many probe jobs (each records the worker that ran it).") var probe: Int?
    @Flag(help: "Print, as JSON, whether every probe ran exactly once and on how many workers.") var probeReport = false

    func run() async throws {
        let c = try common.resolve()
        let logger = common.logger(c)
        let database = try await Database.open(DatabaseLocation(c.databaseURL), logger: logger)
        let queue = JobQueue(database: database, clock: SystemClock())
        if let probe {
            for _ in 0..<probe { try await queue.enqueue(kind: Probe.jobKind) }
            print("Enqueued \(probe) probe jobs.")
        } else if probeReport {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(try await Probe.report(database)), as: UTF8.self))
        } else if let requeue {
            let ok = try await queue.requeue(id: requeue)
            print(ok ? "Requeued \(requeue)." : "No dead job \(requeue).")
        } else {
            guard let status = Job.Status(rawValue: status) else { throw ValidationError("unknown status") }
            let counts = try await queue.counts()
            print(Job.Status.allCases.map { "\($0.rawValue): \(counts[$0] ?? 0)" }.joined(separator: "  "))
            for job in try await queue.jobs(status: status) {
                print(
                    "\(job.id)  \(job.kind)  attempts \(job.attempts)/\(job.maxAttempts)  run_at \(job.runAt)  \(job.lastError ?? "")"
                )
            }
        }
        await database.close()
    }
}

struct RawServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "raw-server", abstract: "Bare Hummingbird hello-world: the benchmark baseline.")
    @Option var host = "127.0.0.1"
    @Option var port = 8081

    func run() async throws {
        try await buildRawServer(host: host, port: port).runService()
    }
}

struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Export the built-in service catalogue, or check a catalogue file before serving it with --catalog.")
    @Option(help: "Write the built-in catalogue to this file.") var export: String?
    @Option(help: "Validate this catalogue file.") var check: String?

    func run() async throws {
        if let export {
            try ServiceCatalog.seed.export().write(to: URL(fileURLWithPath: export))
            print("Wrote \(ServiceCatalog.seed.services.count) services to \(export).")
        }
        if let check {
            do {
                let catalog = try ServiceCatalog.decode(try Data(contentsOf: URL(fileURLWithPath: check)))
                print("\(check): \(catalog.services.count) services, valid.")
            } catch {
                throw ValidationError("\(check) is not a valid catalogue: \(error)")
            }
        }
        if export == nil && check == nil { throw ValidationError("give --export FILE or --check FILE") }
    }
}

struct FIMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fim", abstract: "Work with FIM XDatenfelder files.", subcommands: [FIMLint.self])
}

/// `amtsweg fim lint FILE`: imports an XDatenfelder 2.0/3.0 file (code lists from its folder) and
/// reports the findings of the FIM quality catalogue that can be checked statically. Exit code 1
/// when the file does not import or has an error-level finding.
struct FIMLint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint", abstract: "Check an XDatenfelder file against the FIM quality rules.")
    @Argument(help: "The XDatenfelder file (2.0 or 3.0).") var file: String
    @Option(help: "Rules file beside the schema (executable conditions) to check as well.") var rules: String?

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let result: ImportResult
        do { result = try XDatenfelder.parse(contentsOf: url) } catch {
            print("\(file): does not import: \(error)")
            throw ExitCode(1)
        }
        for warning in result.warnings {
            print("\(file): warning: \(warning.message) [\(warning.elementID ?? warning.elementPath)]")
        }
        let findings = Linter(rules: QualityRules.builtIn).lint(result)
        for finding in findings {
            print(
                "\(file): \(finding.severity.rawValue) \(finding.ruleCode): \(finding.message) [\(finding.elementID ?? finding.elementPath)]"
            )
        }
        let binding = try RuleBinding.load(
            rules.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }, for: result.schema)
        for entry in binding.report {
            print(
                "\(file): rule \(entry.rule) \(entry.status.rawValue): \(entry.text.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(120))"
            )
        }
        let errors = findings.filter { $0.severity == .criticalError }.count
        print("\(file): \(result.schema.id) – \(findings.count) finding(s), \(errors) error(s)")
        if errors > 0 { throw ExitCode(1) }
    }
}

struct ClientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clients",
        abstract: "Register an API client (OAuth 2.0 client credentials); prints its id and secret once.")
    @OptionGroup var common: CommonOptions
    @Option(help: "Name of the software or operator.") var name: String
    @Option(help: "Space-separated scopes: submissions:write submissions:read.")
    var scopes: String = "submissions:write submissions:read"
    @Option(help: "Comma-separated LeiKa keys the client may submit to, or * for all.") var services: String

    func run() async throws {
        let c = try common.resolve()
        let services = try await makeServices(c, logger: common.logger(c))
        let allowed = Set(self.services.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let (client, secret) = try await APIClientStore(database: services.database, clock: services.clock).create(
            name: name, scopes: Set(scopes.split(separator: " ").map(String.init)), services: allowed)
        await services.database.close()
        print("client_id: \(client.id)")
        print("client_secret (shown once): \(secret)")
    }
}
