import Crypto
import Foundation

/// Length-prefixed canonical text for hashing: no two different field lists serialise alike.
/// Absent optionals encode as `~`, present ones as `=` followed by the value.
struct Canonical {
    private(set) var text = ""

    mutating func add(_ field: String) {
        text += "\(field.utf8.count):\(field)"
    }

    mutating func add(_ field: String?) {
        if let field { add("=" + field) } else { add("~") }
    }

    mutating func add(_ fields: [String]) {
        add(String(fields.count))
        for f in fields { add(f) }
    }

    var sha256: String { Hex.encode(SHA256.hash(data: Data(text.utf8))) }
}

enum Hex {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Milliseconds since 1970 for hashing and storage: the precision every database column keeps.
enum Millis {
    static func of(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
    static func truncate(_ date: Date) -> Date { self.date(of(date)) }
}
