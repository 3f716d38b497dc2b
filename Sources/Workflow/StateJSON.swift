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
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(768) }

    var out: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func date(_ d: Date) { raw(Self.number(d.timeIntervalSinceReferenceDate)) }

    /// Doubles as JSONEncoder writes them: integral values without a fraction.
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var utf8 = s.utf8
        // Fast path: nothing to escape (ids, node names, most values).
        if utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: utf8)
        } else {
            escape(&utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ utf8: inout String.UTF8View) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 15)])
            default: bytes.append(byte)
            }
        }
    }

    mutating func value(_ v: Value) {
        switch v {
        case .null: raw("null")
        case .bool(let b): raw(b ? "true" : "false")
        case .number(let n): raw(n.description)
        case .string(let s): string(s)
        case .date(let d):
            raw("{\"@date\":")
            string(d.iso)
            raw("}")
        case .duration(let d):
            raw("{\"@duration\":")
            string(d.iso)
            raw("}")
        case .list(let items):
            raw("[")
            for (i, item) in items.enumerated() {
                if i > 0 { raw(",") }
                value(item)
            }
            raw("]")
        case .context(let entries):
            variables(entries)
        }
    }

    mutating func variables(_ entries: [String: Value]) {
        raw("{")
        for (i, key) in entries.keys.sorted().enumerated() {
            if i > 0 { raw(",") }
            string(key)
            raw(":")
            value(entries[key]!)
        }
        raw("}")
    }

    mutating func key(_ k: String) {
        raw(",\"")
        raw(k)
        raw("\":")
    }

    mutating func execution(_ e: Execution) {
        raw("{\"id\":\(e.id)")
        if let parent = e.parent { raw(",\"parent\":\(parent)") }
        key("model")
        string(e.model)
        raw(",\"node\":\(e.node)")
        key("kind")
        string(e.kind.rawValue)
        if !e.variables.isEmpty {
            key("variables")
            variables(e.variables)
        }
        if !e.timers.isEmpty {
            key("timers")
            raw("{")
            for (i, name) in e.timers.keys.sorted().enumerated() {
                if i > 0 { raw(",") }
                let t = e.timers[name]!
                string(name)
                raw(":{\"due\":")
                date(t.due)
                if let remaining = t.remaining { raw(",\"remaining\":\(remaining)") }
                if let interval = t.interval {
                    raw(
                        ",\"interval\":{\"months\":\(interval.months),\"days\":\(interval.days),\"seconds\":\(interval.seconds.description)}"
                    )
                }
                raw(",\"sequence\":\(t.sequence)}")
            }
            raw("}")
        }
        if !e.joins.isEmpty {
            key("joins")
            raw("{")
            for (i, node) in e.joins.keys.sorted().enumerated() {
                if i > 0 { raw(",") }
                raw("\"\(node)\":{")
                for (j, flow) in e.joins[node]!.keys.sorted().enumerated() {
                    if j > 0 { raw(",") }
                    raw("\"\(flow)\":\(e.joins[node]![flow]!)")
                }
                raw("}")
            }
            raw("}")
        }
        if e.counter != 0 { raw(",\"counter\":\(e.counter)") }
        if e.completed != 0 { raw(",\"completed\":\(e.completed)") }
        if e.total != 0 { raw(",\"total\":\(e.total)") }
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
        if e.interrupted { raw(",\"interrupted\":true") }
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
        if e.isTask { raw(",\"isTask\":true") }
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
        raw("}")
    }
}
