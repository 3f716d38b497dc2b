import Foundation

/// Malformed JSON: what is wrong and the byte offset where it was found.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Byte offset into the input (0-based).
    public var offset: Int
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
    public var description: String { "\(message) at byte \(offset)" }
}

extension FormValue {
    /// The deepest nesting of arrays and objects `parse` accepts.
    public static let maxNestingDepth = 64

    /// Parses one JSON text (RFC 8259), strictly.
    ///
    /// - Input must be UTF-8 without a byte order mark; any value is allowed at the top level.
    /// - Rejected: duplicate object keys, trailing commas, comments, control characters and invalid UTF-8 in
    ///   strings, lone surrogate escapes, leading zeros, `NaN`/`Infinity`, nesting deeper than 64.
    /// - Numbers become `Decimal` exactly. A number that `Decimal` cannot hold exactly (more than 38
    ///   significant digits, or an exponent outside −128…127 after trailing zeros are removed, e.g. `1e400`)
    ///   is rejected rather than rounded.
    /// - The caller limits the input size.
    public static func parse(_ data: some Collection<UInt8>) throws(JSONSyntaxError) -> FormValue {
        let result = data.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONSyntaxError) -> FormValue in
                var parser = JSONParser(buffer)
                return try parser.parseDocument()
            }
        }
        if let result { return try result.get() }
        let bytes = Array(data)
        return try bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONSyntaxError) -> FormValue in
                var parser = JSONParser(buffer)
                return try parser.parseDocument()
            }
        }.get()
    }
}

struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, offset: offset ?? index)
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> FormValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw fail("byte order mark is not allowed", at: 0)
        }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count { throw fail("unexpected data after the JSON value") }
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> FormValue {
        guard index < bytes.count else { throw fail("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw fail("unexpected character, expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard bytes.count - index >= count else { throw fail("invalid literal") }
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw fail("invalid literal", at: index + offset)
        }
        index += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > FormValue.maxNestingDepth {
            throw fail("nesting deeper than \(FormValue.maxNestingDepth) levels")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> FormValue {
        try enter()
        index += 1  // {
        var members: [String: FormValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input in object") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw fail(bytes[index] == UInt8(ascii: "}") ? "trailing comma in object" : "expected a string key")
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            if members.updateValue(value, forKey: key) != nil {
                throw fail("duplicate key \"\(key)\"", at: keyOffset)
            }
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input in object") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(members)
            default:
                throw fail("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> FormValue {
        try enter()
        index += 1  // [
        var items: [FormValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { throw fail("trailing comma in array") }
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input in array") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(items)
            default:
                throw fail("expected ',' or ']'")
            }
        }
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            } else if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(from: start)
            } else if byte < 0x20 {
                throw fail("control character in string")
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw fail("unterminated string", at: start - 1)
    }

    private mutating func parseEscapedString(from start: Int) throws(JSONSyntaxError) -> String {
        var buffer = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                try appendEscape(to: &buffer)
            } else if byte < 0x20 {
                throw fail("control character in string")
            } else if byte < 0x80 {
                buffer.append(byte)
                index += 1
            } else {
                let sequenceStart = index
                try skipUTF8Sequence()
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sequenceStart..<index]))
            }
        }
        throw fail("unterminated string", at: start - 1)
    }

    private mutating func appendEscape(to buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let escapeStart = index
        index += 1  // backslash
        guard index < bytes.count else { throw fail("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else { throw fail("lone high surrogate", at: escapeStart) }
                index += 2
                let lowSurrogate = try readHex4()
                guard (0xDC00...0xDFFF).contains(lowSurrogate) else {
                    throw fail("lone high surrogate", at: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (lowSurrogate - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail("lone low surrogate", at: escapeStart)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid escape", at: escapeStart) }
            buffer.append(contentsOf: UTF8.encode(unicode)!)
        default:
            throw fail("invalid escape", at: escapeStart)
        }
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw fail("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Checks one multi-byte UTF-8 sequence at `index` (no overlongs, no surrogates, at most U+10FFFF).
    private mutating func skipUTF8Sequence() throws(JSONSyntaxError) {
        let first = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch first {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: throw fail("invalid UTF-8")
        }
        guard bytes.count - index >= length, secondRange.contains(bytes[index + 1]) else {
            throw fail("invalid UTF-8")
        }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
            throw fail("invalid UTF-8")
        }
        index += length
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONSyntaxError) -> Decimal {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let integerStart = index
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw fail("leading zero in number", at: integerStart) }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let integerEnd = index
        var fractionStart = index
        var fractionEnd = index
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fractionStart = index
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            fractionEnd = index
        }
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a digit in exponent") }
            while index < bytes.count, isDigit(bytes[index]) {
                exponent = Swift.min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), 1_000_000)
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        // Significant digits: from the first non-zero digit to the last non-zero digit.
        let fractionCount = fractionEnd - fractionStart
        var lastNonZero = -1  // position in the combined digit sequence (integer digits then fraction digits)
        var firstNonZero = -1
        let integerCount = integerEnd - integerStart
        for position in 0..<(integerCount + fractionCount) {
            let byte =
                position < integerCount
                ? bytes[integerStart + position] : bytes[fractionStart + position - integerCount]
            if byte != UInt8(ascii: "0") {
                if firstNonZero < 0 { firstNonZero = position }
                lastNonZero = position
            }
        }
        if firstNonZero < 0 { return Decimal.zero }
        var digits = DecimalDigits()
        for position in firstNonZero...lastNonZero {
            let byte =
                position < integerCount
                ? bytes[integerStart + position] : bytes[fractionStart + position - integerCount]
            digits.append(byte - UInt8(ascii: "0"))
        }
        let trailingZeros = integerCount + fractionCount - 1 - lastNonZero
        guard let value = digits.make(negative: negative, exponent: exponent - fractionCount + trailingZeros) else {
            throw fail("number cannot be represented exactly (more than 38 digits or out of range)", at: start)
        }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
