import Crypto
import Foundation

/// A provider's notification about a payment, the JSON body of a webhook:
/// `{"amount":1250,"created":"2026-03-02T09:15:00Z","currency":"EUR","id":"evt_…","providerReference":"sim_…",
/// "reference":"AW-2026-000123","type":"payment.succeeded"}` plus `refundId` (refunds) and `failureReason`
/// (failures). Store `id` to refuse duplicates; `Payment.apply` also ignores an event id it has seen.
public struct PaymentEvent: Sendable, Hashable, Codable {
    /// The event types.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case paymentSucceeded = "payment.succeeded"
        case paymentFailed = "payment.failed"
        case paymentCancelled = "payment.cancelled"
        case refundSucceeded = "refund.succeeded"
    }

    /// Unique per event; a redelivery carries the same id.
    public var id: String
    public var type: Kind
    public var providerReference: String
    /// Amtsweg's payment reference as the provider echoes it.
    public var reference: String?
    /// The payment's amount, or for `refund.succeeded` the refund's.
    public var amountCents: Int
    public var currency: String
    /// When the provider created the event, ISO 8601 UTC.
    public var created: String
    /// The provider's refund id (`refund.succeeded` only).
    public var refundID: String?
    /// The provider's text for `payment.failed`.
    public var failureReason: String?

    public init(
        id: String, type: Kind, providerReference: String, reference: String?, amountCents: Int,
        currency: String = Money.currency, created: String, refundID: String? = nil, failureReason: String? = nil
    ) {
        self.id = id
        self.type = type
        self.providerReference = providerReference
        self.reference = reference
        self.amountCents = amountCents
        self.currency = currency
        self.created = created
        self.refundID = refundID
        self.failureReason = failureReason
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, providerReference, reference, created, currency, failureReason
        case amountCents = "amount"
        case refundID = "refundId"
    }

    /// The body bytes: JSON with sorted keys, no escaped slashes.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and integers cannot fail.
        return try! encoder.encode(self)
    }
}

/// The shared secrets for webhook signatures, in order: the first signs, all verify. To rotate, put the new
/// secret first and keep the old one until the provider has switched over.
public struct WebhookSecrets: Sendable {
    /// The keys, signing key first.
    public let keys: [SymmetricKey]

    /// Secrets as UTF-8 text, each at least 16 bytes (use 32 random bytes, e.g. hex or base64 encoded).
    public init(_ secrets: [String]) throws(WebhookError) {
        guard !secrets.isEmpty else { throw .noSecret }
        for (index, s) in secrets.enumerated() where s.utf8.count < 16 { throw .weakSecret(index: index) }
        keys = secrets.map { SymmetricKey(data: Data($0.utf8)) }
    }
}

/// An HTTP POST ready to send (or to hand to Amtsweg's own webhook handler): path, headers, body.
public struct WebhookDelivery: Sendable, Hashable, Codable {
    /// The path on Amtsweg, e.g. "/api/zahlung/webhook/simulator".
    public var path: String
    /// `Content-Type` and `Amtsweg-Signature`.
    public var headers: [String: String]
    public var body: Data

    public init(path: String, headers: [String: String], body: Data) {
        self.path = path
        self.headers = headers
        self.body = body
    }
}

/// Signs webhook bodies: `Amtsweg-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over `"<t>.<body>"`, with
/// the first of the `WebhookSecrets`.
public struct WebhookSigner: Sendable {
    /// The signature header's name.
    public static let headerName = "Amtsweg-Signature"

    public let secrets: WebhookSecrets

    public init(secrets: WebhookSecrets) {
        self.secrets = secrets
    }

    /// The header value for `body` signed at `timestamp` (unix seconds).
    public func signatureHeader(body: Data, timestamp: Int) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Self.signedPayload(body: body, timestamp: timestamp), using: secrets.keys[0])
        return "t=\(timestamp),v1=\(Data(mac).hex)"
    }

    /// `event` as a signed POST to `path`.
    public func delivery(of event: PaymentEvent, to path: String, timestamp: Int) -> WebhookDelivery {
        let body = event.jsonData()
        return WebhookDelivery(
            path: path,
            headers: [
                "Content-Type": "application/json",
                Self.headerName: signatureHeader(body: body, timestamp: timestamp),
            ], body: body)
    }

    static func signedPayload(body: Data, timestamp: Int) -> Data {
        var payload = Data("\(timestamp).".utf8)
        payload.append(body)
        return payload
    }
}

/// Checks a webhook: signature header present and well-formed, an HMAC that one of the secrets produced
/// (compared in constant time), a timestamp within `tolerance` seconds of now in either direction, and a body
/// that is a valid `PaymentEvent`. The tolerance makes a captured request useless after a few minutes; within it,
/// storing event ids (and `Payment.apply`) makes a replay harmless.
public struct WebhookVerifier: Sendable {
    public let secrets: WebhookSecrets
    /// Seconds; 300 by default.
    public let tolerance: Int

    public init(secrets: WebhookSecrets, tolerance: Int = 300) {
        self.secrets = secrets
        self.tolerance = tolerance
    }

    /// Verifies and decodes. `headers` are matched case-insensitively.
    public func verify(body: Data, headers: [String: String], now: Date = Date()) throws(WebhookError)
        -> PaymentEvent
    {
        let name = WebhookSigner.headerName.lowercased()
        return try verify(
            body: body, signatureHeader: headers.first { $0.key.lowercased() == name }?.value, now: now)
    }

    /// Verifies and decodes, given the `Amtsweg-Signature` header's value (nil if absent).
    public func verify(body: Data, signatureHeader: String?, now: Date = Date()) throws(WebhookError)
        -> PaymentEvent
    {
        try verifySignature(body: body, signatureHeader: signatureHeader, now: now)
        return try Self.decode(body)
    }

    /// Checks header, signature and timestamp only; returns the signed timestamp.
    @discardableResult
    public func verifySignature(body: Data, signatureHeader: String?, now: Date = Date()) throws(WebhookError)
        -> Int
    {
        guard let header = signatureHeader, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .missingSignature
        }
        let (timestamp, macs) = try Self.parse(header)
        let payload = WebhookSigner.signedPayload(body: body, timestamp: timestamp)
        let valid = macs.contains { mac in
            secrets.keys.contains { HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: payload, using: $0) }
        }
        guard valid else { throw .badSignature }
        let age = Int(now.timeIntervalSince1970.rounded(.down)) - timestamp
        guard abs(age) <= tolerance else { throw .timestampOutsideTolerance(age: age, tolerance: tolerance) }
        return timestamp
    }

    /// Parses `t=…,v1=…[,v1=…]`; other keys are ignored so that a future scheme can be added alongside.
    static func parse(_ header: String) throws(WebhookError) -> (timestamp: Int, macs: [Data]) {
        guard header.utf8.count <= 2048 else { throw .malformedSignature("the header is too long") }
        var timestamp: Int?
        var macs: [Data] = []
        for item in header.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw .malformedSignature("\"\(item)\" is not key=value") }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            switch key {
            case "t":
                guard timestamp == nil else { throw .malformedSignature("more than one timestamp") }
                guard (1...12).contains(value.count), value.allSatisfy({ $0.isASCII && $0.isNumber }),
                    let t = Int(value)
                else { throw .malformedSignature("the timestamp \"\(value)\" is not unix seconds") }
                timestamp = t
            case "v1":
                guard value.count == 64, let mac = Data(hex: value) else {
                    throw .malformedSignature("a v1 signature must be 64 hex digits")
                }
                macs.append(mac)
            case "":
                throw .malformedSignature("empty key")
            default:
                continue
            }
        }
        guard let timestamp else { throw .malformedSignature("no timestamp (t=)") }
        guard !macs.isEmpty else { throw .malformedSignature("no v1 signature") }
        return (timestamp, macs)
    }

    /// Decodes and checks an event body.
    static func decode(_ body: Data) throws(WebhookError) -> PaymentEvent {
        let event: PaymentEvent
        do {
            event = try JSONDecoder().decode(PaymentEvent.self, from: body)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .malformedBody("the field \"\(key.stringValue)\" is missing")
        } catch let DecodingError.dataCorrupted(context) {
            throw .malformedBody(
                context.codingPath.isEmpty
                    ? "not JSON" : "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" is invalid")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .malformedBody(
                "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch {
            throw .malformedBody("not a payment event")
        }
        guard !event.id.isEmpty else { throw .malformedBody("the event id is empty") }
        guard event.amountCents > 0, event.amountCents <= Money.maximumCents else {
            throw .malformedBody("the amount \(event.amountCents) is invalid")
        }
        guard event.currency == Money.currency else { throw .malformedBody("the currency must be EUR") }
        if event.type == .refundSucceeded, (event.refundID ?? "").isEmpty {
            throw .malformedBody("a refund event needs a refundId")
        }
        return event
    }
}

/// Why a webhook was refused, or a secret rejected. Carries what an RFC 9457 problem document needs.
public enum WebhookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `WebhookSecrets` got no secret.
    case noSecret
    /// The secret at `index` is shorter than 16 bytes.
    case weakSecret(index: Int)
    /// No `Amtsweg-Signature` header.
    case missingSignature
    /// The header is not `t=…,v1=…`.
    case malformedSignature(String)
    /// No secret produces this signature: wrong secret, or body or timestamp altered.
    case badSignature
    /// Signed `age` seconds ago (negative: in the future), beyond the tolerance: replayed or old event refused.
    case timestampOutsideTolerance(age: Int, tolerance: Int)
    /// Correctly signed, but not a valid payment event.
    case malformedBody(String)

    /// The HTTP status to answer with.
    public var httpStatus: Int {
        switch self {
        case .noSecret, .weakSecret: 500
        case .missingSignature, .malformedSignature, .malformedBody: 400
        case .badSignature, .timestampOutsideTolerance: 401
        }
    }

    /// The problem type's slug, e.g. for `urn:amtsweg:problem:webhook-signature-invalid`.
    public var slug: String {
        switch self {
        case .noSecret, .weakSecret: "webhook-misconfigured"
        case .missingSignature: "webhook-signature-missing"
        case .malformedSignature: "webhook-signature-malformed"
        case .badSignature: "webhook-signature-invalid"
        case .timestampOutsideTolerance: "webhook-replayed"
        case .malformedBody: "webhook-body-malformed"
        }
    }

    /// The problem's title.
    public var title: String {
        switch self {
        case .noSecret, .weakSecret: "Webhook secrets misconfigured"
        case .missingSignature: "Signature missing"
        case .malformedSignature: "Signature header malformed"
        case .badSignature: "Signature invalid"
        case .timestampOutsideTolerance: "Replayed or old event refused"
        case .malformedBody: "Event malformed"
        }
    }

    /// The problem's detail: one English sentence.
    public var description: String {
        switch self {
        case .noSecret: "No webhook secret is configured."
        case .weakSecret(let i): "Webhook secret \(i + 1) is shorter than 16 bytes."
        case .missingSignature: "The \(WebhookSigner.headerName) header is missing."
        case .malformedSignature(let why): "The \(WebhookSigner.headerName) header is malformed: \(why)."
        case .badSignature: "The signature does not match the body and timestamp."
        case .timestampOutsideTolerance(let age, let tolerance):
            age >= 0
                ? "Replayed or old event refused: signed \(age) s ago, more than the \(tolerance) s allowed."
                : "Replayed or old event refused: signed \(-age) s in the future, more than the \(tolerance) s allowed."
        case .malformedBody(let why): "The event body is malformed: \(why)."
        }
    }
}

extension Data {
    /// Lower-case hex digits.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes from hex digits (either case); nil for an odd count or a non-hex character.
    init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 65...70: c - 55
            case 97...102: c - 87
            default: nil
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let hi = value(utf8[i]), let lo = value(utf8[i + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
            i += 2
        }
        self.init(bytes)
    }
}
