import ArgumentParser
import Cases
import Crypto
import Foundation
import Storage

/// `amtsweg audit verify`: recomputes every audit chain — the platform's security log and each
/// authority's chain of staff access to cases (anchored at signed checkpoints where old entries
/// were removed), and each person's retrieval-log chain — and names the first broken entry. Exit code 1 when any chain is broken.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Verify the audit trails.", subcommands: [AuditVerify.self])
}

struct AuditVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Recompute every audit chain and name the first broken entry.")
    @OptionGroup var common: CommonOptions
    @Option(help: "PEM file of the checkpoint key (default: the configured AMTSWEG_AUDIT_KEY_FILE).") var key: String?

    func run() async throws {
        let c = try common.resolve()
        let logger = common.logger(c)
        let database = try await Database.open(DatabaseLocation(c.databaseURL), logger: logger)
        var keys: [P256.Signing.PublicKey] = []
        if let path = key ?? c.auditKeyFile, let pem = try? String(contentsOfFile: path, encoding: .utf8) {
            keys.append(try P256.Signing.PrivateKey(pemRepresentation: pem).publicKey)
        }
        var broken = false
        if let seq = try await AuditTrail(database: database, clock: SystemClock()).verify() {
            print("BROKEN security log: entry \(seq)")
            broken = true
        } else {
            print("ok security log")
        }
        let clock = SystemClock()
        let cases = CaseStore(
            database: database, clock: clock, processes: ProcessStore(database: database, clock: clock),
            mailbox: Mailbox(database: database, clock: clock), blobs: DatabaseBlobStore())
        let result = try await cases.verifyAudit(keys: keys)
        for b in result.breaks {
            print("BROKEN \(b)")
            broken = true
        }
        print("\(result.chains) case audit chain(s), \(result.entries) entries, \(result.breaks.count) broken")
        // The data-protection cockpit's retrieval log: one chain per person, from its checkpoint.
        let retrievals = try await RegisterStore(database: database, clock: clock).verify(keys: keys)
        for b in retrievals.breaks {
            print("BROKEN retrieval log: \(b)")
            broken = true
        }
        print(
            "\(retrievals.chains) retrieval log chain(s), \(retrievals.records) records, \(retrievals.breaks.count) broken"
        )
        await database.close()
        if broken { throw ExitCode(1) }
    }
}

/// `amtsweg cases export ID --out FILE`: a case as its export ZIP.
struct CasesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "Work with cases.", subcommands: [CasesExport.self])
}

struct CasesExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a case as a ZIP in open formats (metadata, data, documents, history).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The case id.") var id: String
    @Option(help: "Target file.") var out: String

    func run() async throws {
        let c = try common.resolve()
        let logger = common.logger(c)
        let database = try await Database.open(DatabaseLocation(c.databaseURL), logger: logger)
        let blobs: any BlobStore =
            c.documentStorage == "database"
            ? DatabaseBlobStore() : DirectoryBlobStore(root: URL(fileURLWithPath: c.documentStorage))
        let clock = SystemClock()
        let processes = ProcessStore(database: database, clock: clock, handlers: CaseStore.taskHandlers)
        let cases = CaseStore(
            database: database, clock: clock, processes: processes, mailbox: Mailbox(database: database, clock: clock),
            blobs: blobs)
        do {
            let zip = try await cases.export(id, authorityName: "", serviceName: "")
            try zip.write(to: URL(fileURLWithPath: out), options: .withoutOverwriting)
            print("Case \(id) written to \(out) (\(zip.count) bytes).")
        } catch CaseStore.CaseError.notFound {
            await database.close()
            throw ValidationError("no case \(id)")
        }
        await database.close()
    }
}
