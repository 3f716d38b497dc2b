import Foundation

/// Base64url without padding (RFC 7515 § 2), as JOSE uses it.
public enum Base64URL {
    /// Byte by byte: Foundation's `replacingOccurrences` was a visible part of a page's cost where
    /// it runs per request (CSRF tokens, inbox cursors).
    public static func encode<D: DataProtocol>(_ data: D) -> String {
        let standard = Data(data).base64EncodedData()
        var out = [UInt8]()
        out.reserveCapacity(standard.count)
        for byte in standard {
            switch byte {
            case UInt8(ascii: "+"): out.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): break
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `nil` for anything that is not base64url (padding is tolerated, other characters are not).
    public static func decode(_ text: some StringProtocol) -> Data? {
        var s = String(text)
        while s.hasSuffix("=") { s.removeLast() }
        guard s.utf8.allSatisfy({ byte in Self.alphabet.contains(byte) }) else { return nil }
        s = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = s.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { s += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: s)
    }

    private static let alphabet = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
}
