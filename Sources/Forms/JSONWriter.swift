import Foundation

extension FormValue {
    /// Compact JSON: no whitespace, numbers in plain decimal notation (no exponent, no trailing zeros),
    /// strings as UTF-8 with only `"`, `\` and control characters escaped.
    ///
    /// With `sortedKeys` (the default) object keys are sorted by their UTF-8 bytes (code point order), so
    /// equal values give identical bytes: use this for content hashes. A `Decimal` NaN (which JSON cannot
    /// express and `parse` never produces) is written as `null`.
    public func jsonData(sortedKeys: Bool = true) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        JSONWriter.write(self, into: &out, sortedKeys: sortedKeys)
        return Data(out)
    }

    /// `jsonData(sortedKeys:)` as a `String`.
    public func jsonString(sortedKeys: Bool = true) -> String {
        String(decoding: jsonData(sortedKeys: sortedKeys), as: UTF8.self)
    }
}

enum JSONWriter {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func write(_ value: FormValue, into out: inout [UInt8], sortedKeys: Bool) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let b):
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let d):
            if d.isNaN {
                out.append(contentsOf: "null".utf8)
            } else {
                out.append(contentsOf: ExactDecimal.plainString(d).utf8)
            }
        case .string(let s):
            writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out, sortedKeys: sortedKeys)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            var keys = Array(members.keys)
            if sortedKeys { keys.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
            for (offset, key) in keys.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(members[key]!, into: &out, sortedKeys: sortedKeys)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
