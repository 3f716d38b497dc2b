import Foundation
import NIOCore
import NIOPosix

/// A minimal SMTP client (RFC 5321) for notification e-mails: EHLO, optional AUTH PLAIN,
/// MAIL FROM, RCPT TO, DATA (dot-stuffed), QUIT — one connection per message, a deadline on the
/// whole exchange. No Swift SMTP library is available here; this module is ours and small.
///
/// TLS is not built in yet: run it against a local relay (Postfix, a mail gateway) that does
/// STARTTLS onwards, or a sink in tests.
public struct SMTPClient: Sendable {
    public var host: String
    public var port: Int
    /// The name we greet with (EHLO).
    public var heloName: String
    public var username: String?
    public var password: String?
    public var timeout: Duration

    public init(
        host: String, port: Int, heloName: String = "amtsweg.localhost", username: String? = nil,
        password: String? = nil, timeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.heloName = heloName
        self.username = username
        self.password = password
        self.timeout = timeout
    }

    public struct SMTPError: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Sends `message` to `recipient`. Throws on any non-success reply, a timeout or a lost connection.
    public func send(_ message: MailMessage) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.exchange(message) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw SMTPError(description: "SMTP timeout after \(timeout)")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    func exchange(_ message: MailMessage) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(5))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var lines = LineReader(inbound.makeAsyncIterator())
            func expect(_ codes: Set<Int>, after command: String) async throws {
                let reply = try await lines.reply()
                guard codes.contains(reply.code) else {
                    throw SMTPError(description: "\(command): \(reply.code) \(reply.text)")
                }
            }
            func send(_ line: String) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
            }
            try await expect([220], after: "greeting")
            try await send("EHLO \(heloName)")
            try await expect([250], after: "EHLO")
            if let username, let password {
                let token = Data(("\0" + username + "\0" + password).utf8).base64EncodedString()
                try await send("AUTH PLAIN \(token)")
                try await expect([235], after: "AUTH")
            }
            try await send("MAIL FROM:<\(message.from)>")
            try await expect([250], after: "MAIL FROM")
            try await send("RCPT TO:<\(message.to)>")
            try await expect([250, 251], after: "RCPT TO")
            try await send("DATA")
            try await expect([354], after: "DATA")
            try await outbound.write(ByteBuffer(string: message.rendered() + ".\r\n"))
            try await expect([250], after: "message")
            try await send("QUIT")
            _ = try? await lines.reply()
        }
    }
}

/// Reads CRLF-terminated lines and multi-line SMTP replies ("250-…" continued, "250 …" last).
struct LineReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var buffer = ""

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

    mutating func line() async throws -> String {
        while true {
            if let range = buffer.range(of: "\r\n") {
                let line = String(buffer[..<range.lowerBound])
                buffer.removeSubrange(..<range.upperBound)
                return line
            }
            guard let chunk = try await iterator.next() else {
                throw SMTPClient.SMTPError(description: "connection closed by the server")
            }
            buffer += String(buffer: chunk)
            if buffer.count > 64 * 1024 { throw SMTPClient.SMTPError(description: "reply too long") }
        }
    }

    mutating func reply() async throws -> (code: Int, text: String) {
        var text: [String] = []
        while true {
            let line = try await line()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPClient.SMTPError(description: "malformed reply: \(line.prefix(80))")
            }
            text.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                return (code, text.joined(separator: " "))
            }
        }
    }
}
