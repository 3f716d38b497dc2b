import AmtswegServer
import ArgumentParser
import Decisions
import Expressions
import Foundation
import Storage
import Workflow

struct BPMNCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bpmn", abstract: "Check and simulate BPMN 2.0 processes.",
        subcommands: [
            BPMNRun.self, BPMNCheck.self, BPMNDeploy.self, BPMNStart.self, BPMNComplete.self, BPMNMessage.self,
            BPMNShow.self,
        ])
}

/// Deploys the files into an in-memory repository, as the server does (handlers not required).
private func deployAll(_ files: [String]) throws -> ProcessRepository {
    var repository = ProcessRepository()
    // Call activities may name a process of a later file: parse everything first, deploy once.
    var parsed: [(ProcessModel, Data)] = []
    for file in files {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            FileHandle.standardError.write(Data("\(file): cannot be read\n".utf8))
            throw ExitCode(2)
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
    @Option(name: .customLong("dmn"), help: "A DMN file whose decisions business-rule tasks call by id (decisionRef).")
    var decisionFiles: [String] = []

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
        options.variables = try parseVariables(variables)
        var handlers: [String: TaskHandler] = [:]
        for file in decisionFiles {
            let model: DecisionModel
            do { model = try DMNImport.parse(try Data(contentsOf: URL(fileURLWithPath: file))) } catch {
                FileHandle.standardError.write(Data("\(file): cannot be deployed: \(error)\n".utf8))
                throw ExitCode(2)
            }
            handlers.merge(decisionHandlers(model)) { _, new in new }
        }
        let result = Simulator(
            engine: Engine(repository: repository, handlers: handlers, missingHandlersAreNoOps: true)
        ).run(processID, options: options)
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
            let engine = Engine(repository: repository)
            let (messages, signals) = engine.waitsFor(result.instance)
            let waiting =
                result.instance.openTasks.map(\.nodeID) + result.instance.timers.map { "timer \($0.nodeID)" }
                + messages.map { "message \($0)" } + signals.map { "signal \($0)" }
                + engine.waitingJoins(result.instance).map { "join \($0)" }
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

/// `--var` values: JSON when they parse, else a string.
func parseValue(_ raw: String) -> Value {
    (try? JSONDecoder().decode(Value.self, from: Data(raw.utf8))) ?? .string(raw)
}

func parseVariables(_ assignments: [String]) throws -> [String: Value] {
    var result: [String: Value] = [:]
    for assignment in assignments {
        guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
            throw ValidationError("--var \(assignment): expected name=value")
        }
        result[String(assignment[..<eq])] = parseValue(String(assignment[assignment.index(after: eq)...]))
    }
    return result
}

/// The instance as one JSON line: what the operator (and the durability test) reads.
func printInstance(_ instance: ProcessInstance, history: [CompletedNode]? = nil) throws {
    struct Task: Encodable {
        let id: Int
        let node: String
        let name: String?
        let assignee: String?
    }
    struct Timer: Encodable {
        let key: String
        let node: String
        let due: String
    }
    struct Line: Encodable {
        let id: String
        let process: String
        let version: Int
        let status: String
        let tasks: [Task]
        let timers: [Timer]
        let variables: [String: Value]
        let history: [String]?
    }
    let line = Line(
        id: instance.id, process: instance.processID, version: instance.version, status: instance.status.rawValue,
        tasks: instance.openTasks.map { Task(id: $0.id, node: $0.nodeID, name: $0.name, assignee: $0.assignee) },
        timers: instance.timers.map { Timer(key: $0.key, node: $0.nodeID, due: Timestamp.string($0.due)) },
        variables: instance.variables, history: history?.map(\.id))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(line), as: UTF8.self))
}

/// Opens the configured database (migrated) with the process store.
func withProcessStore<R>(_ common: CommonOptions, _ body: (ProcessStore) async throws -> R) async throws -> R {
    let c = try common.resolve()
    let logger = common.logger(c)
    let database = try await Database.open(DatabaseLocation(c.databaseURL), logger: logger)
    do {
        try await Migrator(database: database, logger: logger).migrate()
        let store = ProcessStore(database: database, clock: SystemClock())
        try await store.loadDefinitions()
        let result = try await body(store)
        await database.close()
        return result
    } catch {
        await database.close()
        throw error
    }
}

/// `amtsweg bpmn deploy FILE`: deploys into the database (a changed model gets the next version).
struct BPMNDeploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy", abstract: "Deploy a BPMN file to the database.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The BPMN file.") var file: String

    func run() async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        try await withProcessStore(common) { store in
            do {
                for model in try await store.deploy(data) { print("\(model.id) version \(model.version)") }
            } catch let error as DeployError {
                FileHandle.standardError.write(Data("\(file): cannot be deployed: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

/// `amtsweg bpmn start PROCESS [--var name=value]…`: starts a durable instance; prints it as JSON.
struct BPMNStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start a process instance.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The process id.") var process: String
    @Option(name: .customLong("var"), help: "A variable: name=JSON value.") var variables: [String] = []
    @Option(help: "The business key (e.g. the application's reference).") var businessKey: String?
    @Option(help: "Start by this message (a message start event).") var message: String?

    func run() async throws {
        let variables = try parseVariables(self.variables)
        try await withProcessStore(common) { store in
            let (instance, _) = try await store.start(
                process, variables: variables, businessKey: businessKey, by: message.map { .message($0) } ?? .none)
            try printInstance(instance)
        }
    }
}

/// `amtsweg bpmn complete INSTANCE TASK [--var name=value]…`: TASK is the task's id or its node id.
struct BPMNComplete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "complete", abstract: "Complete an open task.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The instance id.") var instance: String
    @Argument(help: "The open task: its number or its node id.") var task: String
    @Option(name: .customLong("var"), help: "A variable: name=JSON value.") var variables: [String] = []

    func run() async throws {
        let variables = try parseVariables(self.variables)
        try await withProcessStore(common) { store in
            guard let current = try await store.instance(instance) else {
                throw ValidationError("no instance \(instance)")
            }
            guard let open = current.openTasks.first(where: { String($0.id) == task || $0.nodeID == task }) else {
                throw ValidationError("no open task \(task) (open: \(current.openTasks.map(\.nodeID)))")
            }
            let (after, _) = try await store.complete(instance: instance, task: open.id, variables: variables)
            try printInstance(after)
        }
    }
}

/// `amtsweg bpmn message INSTANCE NAME --id MESSAGE_ID`: delivers a message once.
struct BPMNMessage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message", abstract: "Deliver a message to an instance.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The instance id.") var instance: String
    @Argument(help: "The message name.") var name: String
    @Option(help: "The message's id: the same id twice moves the instance once.") var id: String
    @Option(name: .customLong("var"), help: "A variable: name=JSON value.") var variables: [String] = []

    func run() async throws {
        let variables = try parseVariables(self.variables)
        try await withProcessStore(common) { store in
            switch try await store.deliver(instance: instance, message: name, messageID: id, variables: variables) {
            case .delivered(let after, _): try printInstance(after)
            case .duplicate: print("duplicate: message \(id) was delivered before")
            case .notWaiting:
                print("not waiting: the instance does not wait for \(name)")
                throw ExitCode(1)
            }
        }
    }
}

/// `amtsweg bpmn show INSTANCE`: the instance with its history as JSON.
struct BPMNShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an instance and its history.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "The instance id.") var instance: String

    func run() async throws {
        try await withProcessStore(common) { store in
            guard let current = try await store.instance(instance) else {
                throw ValidationError("no instance \(instance)")
            }
            try printInstance(current, history: try await store.history(instance))
        }
    }
}

/// Business-rule tasks call DMN decisions: one handler per decision, named by its id (what
/// `camunda:decisionRef` names). The result is set as a variable named after the decision (its
/// name when that is a FEEL name, else its id); a table with several outputs gives a context.
func decisionHandlers(_ model: DecisionModel) -> [String: TaskHandler] {
    var handlers: [String: TaskHandler] = [:]
    for decision in model.decisions {
        let id = decision.id
        let name = decision.name
        let key =
            name.first.map { $0.isLetter || $0 == "_" } == true
                && name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            ? name : id
        handlers[id] = { context in
            let result: DecisionResult
            do throws(DecisionError) {
                result = try model.evaluate(decisionID: id, variables: context.variables)
            } catch {
                throw RuntimeError("decision \(id): \(error.message)")
            }
            return [key: result.value]
        }
    }
    return handlers
}
