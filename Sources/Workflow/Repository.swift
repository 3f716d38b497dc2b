import Crypto
import Foundation

/// Deployed process models by id and version. Deploying the same BPMN again keeps its version; a
/// changed model gets the next one. Running instances keep the version they started with.
public struct ProcessRepository: Sendable {
    private var models: [String: ProcessModel] = [:]
    private var latest: [String: Int] = [:]
    private var hashes: [String: [String: Int]] = [:]

    public init() {}

    /// Parses and deploys every executable process of `data`. `handlers` lists the handler names
    /// the engine has; with `requireHandlers`, a service, script, send or business-rule task without a
    /// handler is refused (the simulation command passes false: such tasks complete as no-ops).
    @discardableResult
    public mutating func deploy(
        _ data: Data, dialect: Dialect = .compatible, handlers: Set<String> = [], requireHandlers: Bool = false
    ) throws(DeployError) -> [ProcessModel] {
        let parsed = try BPMNImport.parse(data, dialect: dialect)
        return try deploy(parsed, source: data, handlers: handlers, requireHandlers: requireHandlers)
    }

    /// Deploys already parsed models (`source` decides whether a model changed).
    @discardableResult
    public mutating func deploy(
        _ parsed: [ProcessModel], source: Data, handlers: Set<String> = [], requireHandlers: Bool = false,
        deployedTogether: Set<String> = []
    ) throws(DeployError) -> [ProcessModel] {
        let known = Set(models.values.map(\.id)).union(parsed.map(\.id)).union(deployedTogether)
        for model in parsed {
            for node in model.nodes {
                if case .callActivity(let called) = node.kind, !known.contains(called) {
                    throw DeployError(
                        element: "callActivity \(node.id)", line: nil,
                        message: "calledElement \"\(called)\" names no deployed process")
                }
                if requireHandlers, let handler = node.handler, !handlers.contains(handler) {
                    throw DeployError(
                        element: "\(node.type) \(node.id)", line: nil,
                        message: "no handler \"\(handler)\" is registered")
                }
            }
        }
        let digest = SHA256.hash(data: source).map { String(format: "%02x", $0) }.joined()
        var deployed: [ProcessModel] = []
        for var model in parsed {
            if let version = hashes[model.id]?[digest] {
                deployed.append(models["\(model.id)@\(version)"]!)
                continue
            }
            let version = (latest[model.id] ?? 0) + 1
            model.version = version
            latest[model.id] = version
            hashes[model.id, default: [:]][digest] = version
            models["\(model.id)@\(version)"] = model
            deployed.append(model)
        }
        return deployed
    }

    /// Adds a model with a known version (loading deployments back from storage).
    public mutating func register(_ model: ProcessModel, version: Int, sourceHash: String) {
        var model = model
        model.version = version
        models["\(model.id)@\(version)"] = model
        latest[model.id] = max(latest[model.id] ?? 0, version)
        hashes[model.id, default: [:]][sourceHash] = version
    }

    public func model(_ id: String, version: Int? = nil) -> ProcessModel? {
        guard let v = version ?? latest[id] else { return nil }
        return models["\(id)@\(v)"]
    }

    func model(key: String) -> ProcessModel? { models[key] }

    public var processIDs: [String] { latest.keys.sorted() }
}
