import Foundation

/// A minimal reader for the flat JSON objects that XDatenfelder 2.0 puts into `praezisierung`
/// (`{"minLength":"1","maxLength":"50","pattern":"[0-9]*"}`). Keeps numbers as written (no binary floating
/// point). Nested arrays/objects are kept as their raw JSON text.
enum FlatJSON {
    enum Value: Equatable {
        case string(String)
        /// A JSON number, as written.
        case number(String)
        case bool(Bool)
        case null
        /// A nested array or object, as raw JSON text.
        case nested(String)

        /// Scalar as text (strings unescaped, numbers as written); nil for null.
        var text: String? {
            switch self {
            case .string(let s), .number(let s), .nested(let s): s
            case .bool(let b): b ? "true" : "false"
            case .null: nil
            }
        }
    }

    /// Members in order, or nil when the text is not one JSON object.
    static func parseObject(_ text: String) -> [(key: String, value: Value)]? {
        var p = Scanner(bytes: Array(text.utf8))
        p.skipSpace()
        guard p.eat(UInt8(ascii: "{")) else { return nil }
        var members: [(key: String, value: Value)] = []
        p.skipSpace()
        if p.eat(UInt8(ascii: "}")) {
            p.skipSpace()
            return p.atEnd ? members : nil
        }
        while true {
            p.skipSpace()
            guard let key = p.string() else { return nil }
            p.skipSpace()
            guard p.eat(UInt8(ascii: ":")) else { return nil }
            p.skipSpace()
            guard let value = p.value() else { return nil }
            members.append((key, value))
            p.skipSpace()
            if p.eat(UInt8(ascii: ",")) { continue }
            guard p.eat(UInt8(ascii: "}")) else { return nil }
            p.skipSpace()
            return p.atEnd ? members : nil
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func skipSpace() {
            while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 }
        }

        mutating func eat(_ b: UInt8) -> Bool {
            if peek == b {
                i += 1
                return true
            }
            return false
        }

        mutating func literal(_ s: String) -> Bool {
            let u = Array(s.utf8)
            guard i + u.count <= bytes.count, Array(bytes[i..<i + u.count]) == u else { return false }
            i += u.count
            return true
        }

        mutating func value() -> Value? {
            guard let b = peek else { return nil }
            switch b {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "{"), UInt8(ascii: "["): return nested()
            default: return number()
            }
        }

        mutating func number() -> Value? {
            let start = i
            if peek == UInt8(ascii: "-") { i += 1 }
            var digits = 0
            while let b = peek,
                (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e")
                    || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || (b == UInt8(ascii: "-") && i > start)
            {
                if b >= 0x30 && b <= 0x39 { digits += 1 }
                i += 1
            }
            guard digits > 0 else { return nil }
            return .number(String(decoding: bytes[start..<i], as: UTF8.self))
        }

        mutating func nested() -> Value? {
            let start = i
            var depth = 0
            while let b = peek {
                if b == UInt8(ascii: "\"") {
                    guard string() != nil else { return nil }
                    continue
                }
                i += 1
                if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
                if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return .nested(String(decoding: bytes[start..<i], as: UTF8.self)) }
                }
            }
            return nil
        }

        mutating func string() -> String? {
            guard eat(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            while let b = peek {
                i += 1
                switch b {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard let e = peek else { return nil }
                    i += 1
                    switch e {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4() else { return nil }
                        if scalar >= 0xD800 && scalar < 0xDC00 {
                            // Surrogate pair.
                            guard literal("\\u"), let low = hex4(), low >= 0xDC00, low < 0xE000 else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(scalar) else { return nil }
                        out.append(contentsOf: Array(String(Character(u)).utf8))
                    default: out.append(e)  // \" \\ \/
                    }
                default:
                    out.append(b)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                i += 1
                v <<= 4
                switch b {
                case 0x30...0x39: v |= UInt32(b - 0x30)
                case 0x41...0x46: v |= UInt32(b - 0x41 + 10)
                case 0x61...0x66: v |= UInt32(b - 0x61 + 10)
                default: return nil
                }
            }
            return v
        }
    }
}

/// Builds `Constraints` from Präzisierung values as written (2.0 JSON members or 3.0 attributes).
enum Precision {
    static let knownKeys: Set<String> = [
        "minLength", "maxLength", "minValue", "maxValue", "pattern", "maxSize", "mediaType", "mediaTypes",
    ]

    /// Converts the raw values; returns problems (unknown keys, non-integer lengths) as messages.
    static func constraints(from raw: [(key: String, value: String)]) -> (Constraints, [String]) {
        var c = Constraints()
        var problems: [String] = []
        func integer(_ key: String, _ v: String) -> Int? {
            let t = Text.trim(v)
            if t.isEmpty { return nil }
            if let n = Int(t) { return n }
            // "5.0" from a JSON number is still a whole number.
            if ValueFormat.isDecimal(t), let d = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")),
                d == d.rounded0
            {
                return NSDecimalNumber(decimal: d).intValue
            }
            problems.append("Präzisierung \(key) is not an integer: \(v)")
            return nil
        }
        for (key, value) in raw {
            let v = Text.trim(value)
            switch key {
            case "minLength": c.minLength = integer(key, v)
            case "maxLength": c.maxLength = integer(key, v)
            case "minValue": c.minValue = v.isEmpty ? nil : v
            case "maxValue": c.maxValue = v.isEmpty ? nil : v
            case "pattern": c.pattern = value.isEmpty ? nil : value
            case "maxSize": c.maxSize = integer(key, v)
            case "mediaType", "mediaTypes":
                c.mediaTypes += v.split(separator: ",").map { Text.trim(String($0)) }.filter { !$0.isEmpty }
            default: problems.append("Unknown Präzisierung member \"\(key)\" ignored")
            }
        }
        return (c, problems)
    }
}

extension Decimal {
    fileprivate var rounded0: Decimal {
        var x = self
        var r = Decimal()
        NSDecimalRound(&r, &x, 0, .plain)
        return r
    }
}
