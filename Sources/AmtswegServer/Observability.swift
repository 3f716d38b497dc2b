import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import Prometheus
import Storage

/// Prometheus metrics: Hummingbird's per-route request counter and latency histogram, plus gauges
/// for the database pool and the job queue, sampled when `/metrics` is scraped.
enum Observability {
    static let registry = PrometheusCollectorRegistry()
    /// Bootstraps swift-metrics once per process (it is a process-wide setting).
    static let bootstrap: Void = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }()

    static func render(database: Database, jobs: JobQueue) async -> String {
        let pool = database.poolStatistics
        registry.makeGauge(
            descriptor: .init(
                metricName: "amtsweg_db_pool_connections", unitName: "", helpText: "Connections in the database pool"),
            labels: [("database", database.kind.rawValue)]
        ).set(Double(pool.connections))
        registry.makeGauge(
            descriptor: .init(
                metricName: "amtsweg_db_pool_in_use", unitName: "", helpText: "Database operations in progress"),
            labels: [("database", database.kind.rawValue)]
        ).set(Double(pool.inUse))
        if let counts = try? await jobs.counts() {
            for (status, count) in counts {
                registry.makeGauge(
                    descriptor: .init(
                        metricName: "amtsweg_jobs", unitName: "", helpText: "Jobs in the queue by status"),
                    labels: [("status", status.rawValue)]
                ).set(Double(count))
            }
        }
        registry.makeGauge(
            descriptor: .init(metricName: "amtsweg_db_up", unitName: "", helpText: "1 if the database answers")
        ).set(await database.ping() ? 1.0 : 0.0)
        return registry.emitToString()
    }
}

/// One JSON object per log line (timestamp, level, message, label, metadata) on stdout.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [(String, String)] = [
            ("ts", Timestamp.string(Date())), ("level", event.level.rawValue), ("msg", "\(event.message)"),
            ("logger", label),
        ]
        let merged = event.metadata.map { metadata.merging($0, uniquingKeysWith: { _, new in new }) } ?? metadata
        for key in merged.keys.sorted() { fields.append((key, "\(merged[key]!)")) }
        var line = "{"
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { line += "," }
            Self.appendJSONString(key, to: &line)
            line += ":"
            Self.appendJSONString(value, to: &line)
        }
        line += "}\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// Writes `value` as a JSON string literal (RFC 8259 escaping), without JSONEncoder's cost.
    static func appendJSONString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
