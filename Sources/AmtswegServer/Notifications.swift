import Foundation
import Mail
import Storage

/// `smtp://[user:password@]host:port` parsed.
struct SMTPSettings: Sendable {
    var host: String
    var port: Int
    var username: String?
    var password: String?

    init?(url: String) {
        guard let c = URLComponents(string: url), c.scheme == "smtp", let host = c.host, !host.isEmpty else {
            return nil
        }
        self.host = host
        self.port = c.port ?? 25
        self.username = c.user?.removingPercentEncoding
        self.password = c.password?.removingPercentEncoding
    }
}

/// The notification e-mail for a new mailbox message: that something is waiting and where —
/// never the message itself (it may be confidential; e-mail is not a secure channel).
enum Notifications {
    static func effect(smtp: SMTPSettings, from: String, baseURL: String, clock: any WallClock) -> JobEffect {
        let client = SMTPClient(
            host: smtp.host, port: smtp.port, username: smtp.username, password: smtp.password)
        return { job in
            let n = try JSONDecoder().decode(Mailbox.Notification.self, from: Data(job.payload.utf8))
            guard MailMessage.isSafeAddress(n.to), MailMessage.isSafeAddress(from) else {
                throw SMTPClient.SMTPError(description: "refusing an unsafe address")
            }
            let link = baseURL + "/konto/postfach"
            let body = """
                Guten Tag,

                in Ihrem Amtsweg-Postfach liegt eine neue Nachricht. Bitte melden Sie sich an, um sie zu lesen:
                \(link)

                Aus Gründen des Datenschutzes steht der Inhalt nicht in dieser E-Mail.

                --
                Hello, there is a new message in your Amtsweg mailbox. Please log in to read it: \(link)
                For your privacy, this e-mail does not contain the message.
                """
            try await client.send(
                MailMessage(
                    from: from, to: n.to, subject: "Neue Nachricht in Ihrem Postfach / New message in your mailbox",
                    body: body, messageID: "\(n.messageID)@amtsweg", date: clock.now()))
        }
    }
}
