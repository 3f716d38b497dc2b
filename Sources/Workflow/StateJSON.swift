import Expressions
import Foundation

extension ProcessInstance {
    /// The state as JSON, written by hand: the same document `JSONEncoder` writes (dates as seconds
    /// since 2001, fields at their default left out), which `JSONDecoder` reads back — at a fraction
    /// of the cost, since a state is written at every wait state.
    public func jsonState() -> String {
        var w = StateWriter()
        w.raw("{\"id\":")
        w.string(id)
        w.raw(",\"processID\":")
        w.string(processID)
        w.raw(",\"version\":\(version),\"status\":")
        w.string(status.rawValue)
        w.raw(",\"startedAt\":")
        w.date(startedAt)
        if let endedAt {
            w.raw(",\"endedAt\":")
            w.date(endedAt)
        }
        w.raw(",\"executions\":[")
        for (i, e) in executions.values.sorted(by: { $0.id < $1.id }).enumerated() {
            if i > 0 { w.raw(",") }
            w.execution(e)
        }
        w.raw("],\"nextID\":\(nextID),\"completedCount\":\(completedCount)}")
        return w.out
    }
}

private struct StateWriter {
    var out = ""

    init() { out.reserveCapacity(512) }

    mutating func raw(_ s: String) { out += s }

    mutating func date(_ d: Date) { out += Self.number(d.timeIntervalSinceReferenceDate) }

    /// Doubles as JSONEncoder writes them: integral values without a fraction.
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    mutating func string(_ s: String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    mutating func value(_ v: Value) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.description
        case .string(let s): string(s)
        case .date(let d):
            out += "{\"@date\":"
            string(d.iso)
            out += "}"
        case .duration(let d):
            out += "{\"@duration\":"
            string(d.iso)
            out += "}"
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                value(item)
            }
            out += "]"
        case .context(let entries):
            variables(entries)
        }
    }

    mutating func variables(_ entries: [String: Value]) {
        out += "{"
        for (i, key) in entries.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            string(key)
            out += ":"
            value(entries[key]!)
        }
        out += "}"
    }

    mutating func key(_ k: String) {
        out += ",\""
        out += k
        out += "\":"
    }

    mutating func execution(_ e: Execution) {
        out += "{\"id\":\(e.id)"
        if let parent = e.parent { out += ",\"parent\":\(parent)" }
        key("model")
        string(e.model)
        out += ",\"node\":\(e.node)"
        key("kind")
        string(e.kind.rawValue)
        if !e.variables.isEmpty {
            key("variables")
            variables(e.variables)
        }
        if !e.timers.isEmpty {
            key("timers")
            out += "{"
            for (i, name) in e.timers.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                let t = e.timers[name]!
                string(name)
                out += ":{\"due\":"
                date(t.due)
                if let remaining = t.remaining { out += ",\"remaining\":\(remaining)" }
                if let interval = t.interval {
                    out +=
                        ",\"interval\":{\"months\":\(interval.months),\"days\":\(interval.days),\"seconds\":\(interval.seconds.description)}"
                }
                out += ",\"sequence\":\(t.sequence)}"
            }
            out += "}"
        }
        if !e.joins.isEmpty {
            key("joins")
            out += "{"
            for (i, node) in e.joins.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                out += "\"\(node)\":{"
                for (j, flow) in e.joins[node]!.keys.sorted().enumerated() {
                    if j > 0 { out += "," }
                    out += "\"\(flow)\":\(e.joins[node]![flow]!)"
                }
                out += "}"
            }
            out += "}"
        }
        if e.counter != 0 { out += ",\"counter\":\(e.counter)" }
        if e.completed != 0 { out += ",\"completed\":\(e.completed)" }
        if e.total != 0 { out += ",\"total\":\(e.total)" }
        if !e.outputs.isEmpty {
            key("outputs")
            value(.list(e.outputs))
        }
        if !e.items.isEmpty {
            key("items")
            value(.list(e.items))
        }
        if let childModel = e.childModel {
            key("childModel")
            string(childModel)
        }
        if e.interrupted { out += ",\"interrupted\":true" }
        key("since")
        date(e.since)
        key("nodeID")
        string(e.nodeID)
        if let name = e.name {
            key("name")
            string(name)
        }
        key("type")
        string(e.type)
        if e.isTask { out += ",\"isTask\":true" }
        if let assignee = e.assignee {
            key("assignee")
            string(assignee)
        }
        if let groups = e.candidateGroups {
            key("candidateGroups")
            value(.list(groups.map { .string($0) }))
        }
        if let lane = e.lane {
            key("lane")
            string(lane)
        }
        out += "}"
    }
}
