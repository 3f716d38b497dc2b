import Foundation

/// Strict checks of the textual formats used in form data (all ASCII, checked on UTF-8 bytes).
enum ValueFormats {
    struct DateParts: Hashable {
        var year: Int
        var month: Int
        var day: Int
    }

    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Runs `body` on the UTF-8 bytes of `s` without copying a native string.
    static func withBytes<R>(_ s: String, _ body: (Bytes) -> R) -> R {
        var copy = s
        return copy.withUTF8(body)
    }

    /// "YYYY-MM-DD", a real calendar date (proleptic Gregorian, years 0000–9999 as in RFC 3339 full-date).
    static func date(_ s: String) -> DateParts? {
        withBytes(s) { date(bytes: $0) }
    }

    static func date(bytes b: Bytes) -> DateParts? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let year = number(b, 0, 4), let month = number(b, 5, 2), let day = number(b, 8, 2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        return DateParts(year: year, month: month, day: day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// "HH:MM" or "HH:MM:SS" (24-hour clock); the time of day in seconds.
    static func time(_ s: String) -> Int? {
        withBytes(s) { b in
            guard b.count == 5 || b.count == 8, b[2] == UInt8(ascii: ":"),
                let hour = number(b, 0, 2), let minute = number(b, 3, 2), hour < 24, minute < 60
            else { return nil }
            var second = 0
            if b.count == 8 {
                guard b[5] == UInt8(ascii: ":"), let s = number(b, 6, 2), s < 60 else { return nil }
                second = s
            }
            return hour * 3600 + minute * 60 + second
        }
    }

    /// RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `t`/`z` accepted as RFC 3339 allows.
    static func dateTime(_ s: String) -> Bool {
        withBytes(s) { b in
            guard b.count >= 20, date(bytes: Bytes(rebasing: b[0..<10])) != nil,
                b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
                b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
                let hour = number(b, 11, 2), let minute = number(b, 14, 2), let second = number(b, 17, 2),
                hour < 24, minute < 60, second <= 60
            else { return false }
            var i = 19
            if b[i] == UInt8(ascii: ".") {
                i += 1
                let fractionStart = i
                while i < b.count, isDigit(b[i]) { i += 1 }
                guard i > fractionStart, i < b.count else { return false }
            }
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 == b.count }
            guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), b.count - i == 6,
                b[i + 3] == UInt8(ascii: ":"),
                let offsetHour = number(b, i + 1, 2), let offsetMinute = number(b, i + 4, 2),
                offsetHour < 24, offsetMinute < 60
            else { return false }
            return true
        }
    }

    /// A UUID in 8-4-4-4-12 hex notation (any version, either case).
    static func uuid(_ s: String) -> Bool {
        withBytes(s) { b in
            guard b.count == 36 else { return false }
            for (i, byte) in b.enumerated() {
                if i == 8 || i == 13 || i == 18 || i == 23 {
                    if byte != UInt8(ascii: "-") { return false }
                } else if !isHex(byte) {
                    return false
                }
            }
            return true
        }
    }

    // MARK: Latin characters (DIN SPEC 91379, approximated)

    /// Unicode ranges accepted for `text_latin` (an approximation of DIN SPEC 91379 "Latin characters in
    /// Unicode"): tab/line breaks, Basic Latin, Latin-1 Supplement, Latin Extended-A and -B, spacing modifier
    /// letters, combining diacritical marks, Latin Extended Additional, general punctuation (dashes, quotes,
    /// ellipsis, per mille, guillemets) and the euro sign.
    static let latinRanges: [ClosedRange<UInt32>] = [
        0x09...0x0A, 0x0D...0x0D, 0x20...0x7E, 0xA0...0x24F, 0x2B0...0x36F, 0x1E00...0x1EFF, 0x2010...0x2027,
        0x2030...0x203A, 0x20AC...0x20AC,
    ]

    /// The same set as a regular expression for JSON Schema (ECMA-262, Python `re` and Rust `regex` syntax).
    static let latinPattern: String = {
        var body = ""
        for range in latinRanges {
            body += escape(range.lowerBound)
            if range.upperBound != range.lowerBound { body += "-" + escape(range.upperBound) }
        }
        return "^[" + body + "]*$"
    }()

    private static func escape(_ scalar: UInt32) -> String {
        switch scalar {
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        default:
            let hex = String(scalar, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }

    /// The first character outside the Latin set, or nil when all are allowed.
    static func firstNonLatin(_ s: String) -> Unicode.Scalar? {
        // Fast path: printable ASCII.
        var ascii = true
        for byte in s.utf8 where !(byte >= 0x20 && byte < 0x7F) && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            ascii = false
            break
        }
        if ascii { return nil }
        for scalar in s.unicodeScalars where !isLatin(scalar.value) {
            return scalar
        }
        return nil
    }

    static func isLatin(_ value: UInt32) -> Bool {
        for range in latinRanges where range.contains(value) { return true }
        return false
    }

    // MARK: Helpers

    private static func number(_ b: Bytes, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for i in start..<(start + count) {
            guard isDigit(b[i]) else { return nil }
            value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// English month names for display.
    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    static func germanDate(_ d: DateParts) -> String {
        pad(d.day, 2) + "." + pad(d.month, 2) + "." + pad(d.year, 4)
    }

    static func englishDate(_ d: DateParts) -> String {
        "\(d.day) \(englishMonths[d.month - 1]) \(pad(d.year, 4))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
