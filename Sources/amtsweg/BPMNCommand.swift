import ArgumentParser
import Expressions
import Foundation
import Workflow

struct BPMNCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bpmn", abstract: "Check and simulate BPMN 2.0 processes.",
        subcommands: [BPMNRun.self, BPMNCheck.self])
}

/// Deploys the files into an in-memory repository, as the server does (handlers not required).
private func deployAll(_ files: [String]) throws -> ProcessRepository {
    var repository = ProcessRepository()
    // Call activities may name a process of a later file: parse everything first, deploy once.
    var parsed: [(ProcessModel, Data)] = []
    for file in files {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw ValidationError("\(file): cannot be read")
        }
        do { parsed += try BPMNImport.parse(data).map { ($0, data) } } catch {
            FileHandle.standardError.write(Data("\(file): cannot be deployed: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
    let together = Set(parsed.map(\.0.id))
    for (model, data) in parsed {
        do {
            _ = try repository.deploy([model], source: data, deployedTogether: together)
        } catch {
            FileHandle.standardError.write(Data("cannot be deployed: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
    return repository
}

/// `amtsweg bpmn run FILE… [--process ID] [--var name=value]… [--message NAME]… [--wait DURATION] [--auto]`
struct BPMNRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one instance against a virtual clock and print each completed flow node as a JSON line.",
        discussion: """
            Script and service tasks without a handler complete as no-ops. Exit code 1 on a runtime error \
            (printed as a problem document on stderr), 2 when a file cannot be deployed.
            """)
    @Argument(help: "The BPMN file; more files may follow (processes called by call activities).") var files: [String]
    @Option(help: "The process to start (default: the first executable process of the first file).") var process:
        String?
    @Option(name: .customLong("var"), help: "A variable: name=JSON value; a value that is not JSON is a string.")
    var variables: [String] = []
    @Option(name: .customLong("message"), help: "Deliver this message when the instance waits for it.")
    var messages: [String] = []
    @Option(help: "ISO 8601 duration the clock advances before each completion (default zero).") var wait: String?
    @Flag(help: "Complete open user and receive tasks one at a time, in the order they became ready.") var auto = false

    func run() async throws {
        let repository = try deployAll(files)
        guard let first = files.first, let data = try? Data(contentsOf: URL(fileURLWithPath: first)),
            let firstModels = try? BPMNImport.parse(data)
        else { throw ExitCode(2) }
        let processID = process ?? firstModels[0].id
        guard repository.model(processID) != nil else {
            throw ValidationError(
                "no executable process \"\(processID)\" (known: \(repository.processIDs.joined(separator: ", ")))")
        }
        var options = Simulator.Options()
        options.auto = auto
        options.messages = messages
        if let wait {
            guard let seconds = ISODuration.seconds(wait) else {
                throw ValidationError("--wait \(wait) is not an ISO 8601 duration")
            }
            options.wait = seconds
        }
        for assignment in variables {
            guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
                throw ValidationError("--var \(assignment): expected name=value")
            }
            let name = String(assignment[..<eq])
            let raw = String(assignment[assignment.index(after: eq)...])
            options.variables[name] = (try? JSONDecoder().decode(Value.self, from: Data(raw.utf8))) ?? .string(raw)
        }
        let result = Simulator(engine: Engine(repository: repository, missingHandlersAreNoOps: true))
            .run(processID, options: options)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for node in result.trace {
            struct Line: Encodable {
                let id: String
                let name: String?
                let type: String
            }
            let line = try encoder.encode(Line(id: node.id, name: node.name, type: node.type))
            print(String(decoding: line, as: UTF8.self))
        }
        if let error = result.error {
            struct Problem: Encodable {
                let type = "https://amtsweg.de/probleme/prozessfehler"
                let title = "The process cannot go on"
                let detail: String
                let process: String
            }
            let problem = try encoder.encode(Problem(detail: error.message, process: processID))
            FileHandle.standardError.write(problem + Data("\n".utf8))
            throw ExitCode(1)
        }
        if result.instance.status == .running {
            let waiting = result.instance.openTasks.map(\.nodeID) + result.instance.timers.map { "timer \($0.nodeID)" }
            FileHandle.standardError.write(Data("instance waits: \(waiting.joined(separator: ", "))\n".utf8))
        }
    }
}

/// `amtsweg bpmn check FILE…`: deploys the files and reports what the engine cannot execute.
struct BPMNCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check that BPMN files deploy: every element executable, every reference known."
    )
    @Argument(help: "BPMN files.") var files: [String]

    func run() async throws {
        let repository = try deployAll(files)
        for id in repository.processIDs {
            let model = repository.model(id)!
            print("\(id): deployable, \(model.nodes.count) flow nodes, \(model.flows.count) sequence flows")
        }
    }
}
