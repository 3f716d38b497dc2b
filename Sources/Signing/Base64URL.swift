import Foundation

/// Base64url without padding (RFC 7515 § 2), as JOSE uses it.
public enum Base64URL {
    public static func encode<D: DataProtocol>(_ data: D) -> String {
        Data(data).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
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
