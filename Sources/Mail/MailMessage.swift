import Foundation

/// A plain-text e-mail (RFC 5322) with a UTF-8 subject (RFC 2047) and body (quoted-printable).
public struct MailMessage: Sendable, Equatable, Codable {
    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    public var messageID: String
    public var date: Date

    public init(from: String, to: String, subject: String, body: String, messageID: String, date: Date) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.date = date
    }

    /// Whether `address` is a plain addr-spec we are willing to put into an SMTP command: no
    /// spaces, angle brackets or line breaks (header and command injection).
    public static func isSafeAddress(_ address: String) -> Bool {
        guard address.count <= 254, address.wholeMatch(of: /[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+/) != nil else {
            return false
        }
        return !address.contains(where: { $0.isNewline || $0 == "\0" })
    }

    /// Headers and body with CRLF line endings, dot-stuffed for DATA (without the final ".").
    public func rendered() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let headers = [
            "From: \(from)", "To: \(to)", "Subject: \(Self.encodedWord(subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable", "Auto-Submitted: auto-generated",
        ]
        let bodyLines = Self.quotedPrintable(body).split(separator: "\r\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix(".") ? "." + $0 : String($0)
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + bodyLines.joined(separator: "\r\n") + "\r\n"
    }

    static func encodedWord(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline }) { return text }
        return "=?utf-8?B?" + Data(text.utf8).base64EncodedString() + "?="
    }

    /// Quoted-printable (RFC 2045 § 6.7): lines at most 76 characters, CRLF line breaks.
    static func quotedPrintable(_ text: String) -> String {
        var lines: [String] = []
        for rawLine in text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            var line = ""
            var length = 0
            for byte in rawLine.utf8 {
                let piece: String
                if (byte >= 33 && byte <= 126 && byte != 61) || byte == 32 {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = String(format: "=%02X", byte)
                }
                if length + piece.count > 75 {
                    lines.append(line + "=")
                    line = ""
                    length = 0
                }
                line += piece
                length += piece.count
            }
            if line.hasSuffix(" ") { line = String(line.dropLast()) + "=20" }
            lines.append(line)
        }
        return lines.joined(separator: "\r\n")
    }
}
