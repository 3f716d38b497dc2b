/// Why a PDF could not be read for sealing or verification.
public enum PDFReadError: Error, Equatable, Sendable {
    case syntax(String, offset: Int)
    case missing(String)
    case unsupported(String)
}

/// A small PDF object parser: enough for trailers, cross-reference tables and the dictionaries of
/// the catalog, the form and signatures. It never reads stream data.
struct PDFParser {
    let bytes: [UInt8]
    var position: Int

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        "()<>[]{}/%".utf8.contains(byte)
    }

    private func error(_ message: String) -> PDFReadError { .syntax(message, offset: position) }

    mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// A bare keyword or number token (`obj`, `R`, `xref`, `12`, `-3.5`).
    mutating func token() -> String {
        skipWhitespace()
        let start = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]), !Self.isDelimiter(bytes[position]) {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func expect(_ keyword: String) throws(PDFReadError) {
        let found = token()
        guard found == keyword else { throw error("expected \(keyword), found \(found)") }
    }

    mutating func integer() throws(PDFReadError) -> Int {
        let text = token()
        guard let value = Int(text) else { throw error("expected an integer, found \(text)") }
        return value
    }

    mutating func value(depth: Int = 0) throws(PDFReadError) -> PDFValue {
        guard depth < 64 else { throw error("nesting too deep") }
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "/"):
            return .name(name())
        case UInt8(ascii: "("):
            return .string(try literalString())
        case UInt8(ascii: "<"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") {
                return .dictionary(try dictionary(depth: depth))
            }
            return .string(try hexString())
        case UInt8(ascii: "["):
            position += 1
            var values: [PDFValue] = []
            while true {
                skipWhitespace()
                guard position < bytes.count else { throw error("unterminated array") }
                if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(values)
                }
                values.append(try value(depth: depth + 1))
            }
        default:
            let text = token()
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: break
            }
            if let number = Int(text) {
                // "n g R" is a reference; look ahead without consuming otherwise.
                let saved = position
                if let generation = Int(token()), token() == "R" { return .reference(number, generation) }
                position = saved
                return .integer(number)
            }
            if let real = Double(text) { return .real(real) }
            throw error("unexpected token \(text)")
        }
    }

    mutating func dictionary(depth: Int = 0) throws(PDFReadError) -> PDFDictionary {
        skipWhitespace()
        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "<"), bytes[position + 1] == UInt8(ascii: "<")
        else { throw error("expected a dictionary") }
        position += 2
        var dictionary = PDFDictionary()
        while true {
            skipWhitespace()
            guard position + 1 < bytes.count else { throw error("unterminated dictionary") }
            if bytes[position] == UInt8(ascii: ">"), bytes[position + 1] == UInt8(ascii: ">") {
                position += 2
                return dictionary
            }
            guard bytes[position] == UInt8(ascii: "/") else { throw error("expected a name key") }
            let key = name()
            dictionary[key] = try value(depth: depth + 1)
        }
    }

    private mutating func name() -> String {
        position += 1
        var name: [UInt8] = []
        while position < bytes.count, !Self.isWhitespace(bytes[position]), !Self.isDelimiter(bytes[position]) {
            if bytes[position] == UInt8(ascii: "#"), position + 2 < bytes.count,
                let high = Self.hexValue(bytes[position + 1]), let low = Self.hexValue(bytes[position + 2])
            {
                name.append(high << 4 | low)
                position += 3
            } else {
                name.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: name, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `<…>`; whitespace is ignored and an odd last digit is followed by an implicit 0.
    mutating func hexString() throws(PDFReadError) -> [UInt8] {
        position += 1
        var result: [UInt8] = []
        result.reserveCapacity(64)
        var high: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ">") {
                if let high { result.append(high << 4) }
                return result
            }
            if Self.isWhitespace(byte) { continue }
            guard let digit = Self.hexValue(byte) else { throw error("bad hex digit") }
            if let pending = high {
                result.append(pending << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        throw error("unterminated hex string")
    }

    private mutating func literalString() throws(PDFReadError) -> [UInt8] {
        position += 1
        var result: [UInt8] = []
        var depth = 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                depth += 1
                result.append(byte)
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return result }
                result.append(byte)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw error("unterminated string") }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case 0x0D:
                    if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                case 0x0A: break
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var code = Int(escaped - UInt8(ascii: "0"))
                    for _ in 0..<2 {
                        guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[position])
                        else { break }
                        code = code * 8 + Int(bytes[position] - UInt8(ascii: "0"))
                        position += 1
                    }
                    result.append(UInt8(truncatingIfNeeded: code))
                default: result.append(escaped)
                }
            default:
                result.append(byte)
            }
        }
        throw error("unterminated string")
    }
}
