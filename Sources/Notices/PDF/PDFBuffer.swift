/// An append-only byte buffer with the number and string formats PDF needs, written without
/// Foundation formatting (which would dominate the render time).
struct PDFBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 64 * 1024) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    @inline(__always)
    mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func append(contentsOf other: some Sequence<UInt8>) { bytes.append(contentsOf: other) }

    /// A decimal integer.
    mutating func append(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(UInt(value.magnitude))
        } else {
            append(UInt(value))
        }
    }

    private mutating func append(_ value: UInt) {
        var digitCount = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            digitCount += 1
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(48, count: digitCount))
        var rest = value
        for index in stride(from: start + digitCount - 1, through: start, by: -1) {
            bytes[index] = 48 + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// A real with at most two decimals, trailing zeros dropped ("12.5", "0.33", "7").
    mutating func append(real value: Double) {
        let hundredths = Int((value * 100).rounded())
        if hundredths < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = hundredths.magnitude
        append(UInt(magnitude / 100))
        let fraction = magnitude % 100
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(48 + UInt8(fraction / 10))
            if fraction % 10 != 0 { bytes.append(48 + UInt8(fraction % 10)) }
        }
    }

    /// A number right-aligned in `width` characters, padded with zeros (xref offsets).
    mutating func append(zeroPadded value: Int, width: Int) {
        var digits = [UInt8](repeating: 48, count: width)
        var rest = value
        var index = width - 1
        while rest > 0, index >= 0 {
            digits[index] = 48 + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
        bytes.append(contentsOf: digits)
    }

    /// Four hex digits of a CID, as in `<0041>`.
    @inline(__always)
    mutating func appendHex(_ value: UInt16) {
        bytes.append(hexDigits[Int(value >> 12)])
        bytes.append(hexDigits[Int((value >> 8) & 0xF)])
        bytes.append(hexDigits[Int((value >> 4) & 0xF)])
        bytes.append(hexDigits[Int(value & 0xF)])
    }

    mutating func appendHex(bytes data: some Sequence<UInt8>) {
        for byte in data {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0xF)])
        }
    }

    /// A literal string `( … )` of ASCII text with `(`, `)` and `\` escaped. Non-ASCII text must go
    /// through ``append(textString:)``.
    mutating func append(literal text: String) {
        bytes.append(UInt8(ascii: "("))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: ")"))
    }

    /// A PDF text string: a literal for plain ASCII, else UTF-16BE with byte order mark in hex.
    mutating func append(textString text: String) {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            append(literal: text)
            return
        }
        append("<FEFF")
        for unit in text.utf16 { appendHex(unit) }
        append(">")
    }

    /// `/Name`, with characters outside the regular set written as `#xx`.
    mutating func append(name: String) {
        bytes.append(UInt8(ascii: "/"))
        for byte in name.utf8 {
            let regular = byte > 0x20 && byte < 0x7F && !"#()<>[]{}/%".utf8.contains(byte)
            if regular {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "#"))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0xF)])
            }
        }
    }
}

private let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
