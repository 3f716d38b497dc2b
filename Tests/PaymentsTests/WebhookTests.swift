import Crypto
import Foundation
import Testing

@testable import Payments

let primarySecret = "whsec_0123456789abcdef0123456789abcdef"
let oldSecret = "whsec_old_fedcba9876543210fedcba98"

@Suite struct WebhookTests {
    let t0 = 1_772_442_000  // 2026-03-02T09:00:00Z
    var now: Date { Date(timeIntervalSince1970: TimeInterval(t0)) }
    let signer = WebhookSigner(secrets: try! WebhookSecrets([primarySecret]))
    let verifier = WebhookVerifier(secrets: try! WebhookSecrets([primarySecret]))

    var sample: PaymentEvent {
        PaymentEvent(
            id: "evt_1", type: .paymentSucceeded, providerReference: "sim_1", reference: "AW-2026-000123",
            amountCents: 2_500, created: "2026-03-02T09:00:00Z")
    }

    @Test func goodSignatureIsAccepted() throws {
        let d = signer.delivery(of: sample, to: "/api/zahlung/webhook/simulator", timestamp: t0)
        #expect(d.headers["Content-Type"] == "application/json")
        let event = try verifier.verify(body: d.body, headers: d.headers, now: now)
        #expect(event == sample)
        // Header names are case-insensitive.
        let lower = ["amtsweg-signature": try #require(d.headers["Amtsweg-Signature"])]
        #expect(try verifier.verify(body: d.body, headers: lower, now: now) == sample)
    }

    @Test func signatureIsHMACSHA256OverTimestampDotBody() throws {
        let body = Data(#"{"x":1}"#.utf8)
        let header = signer.signatureHeader(body: body, timestamp: 1_700_000_000)
        let expected = HMAC<SHA256>.authenticationCode(
            for: Data(#"1700000000.{"x":1}"#.utf8), using: SymmetricKey(data: Data(primarySecret.utf8)))
        #expect(header == "t=1700000000,v1=" + expected.map { String(format: "%02x", $0) }.joined())
    }

    @Test func bodyIsStableJSON() {
        var e = sample
        e.refundID = "re_1"
        let text = String(decoding: e.jsonData(), as: UTF8.self)
        #expect(
            text
                == #"{"amount":2500,"created":"2026-03-02T09:00:00Z","currency":"EUR","id":"evt_1","providerReference":"sim_1","reference":"AW-2026-000123","refundId":"re_1","type":"payment.succeeded"}"#
        )
    }

    @Test func badSignatureIsRejected() throws {
        let d = signer.delivery(of: sample, to: "/", timestamp: t0)
        let other = WebhookSigner(secrets: try WebhookSecrets(["another-secret-of-32-bytes-long!"]))
        let forged = other.signatureHeader(body: d.body, timestamp: t0)
        #expect(throws: WebhookError.badSignature) {
            try verifier.verify(body: d.body, signatureHeader: forged, now: now)
        }
        let zeros = "t=\(t0),v1=" + String(repeating: "0", count: 64)
        #expect(throws: WebhookError.badSignature) {
            try verifier.verify(body: d.body, signatureHeader: zeros, now: now)
        }
    }

    @Test func tamperedBodyOrTimestampIsRejected() throws {
        let d = signer.delivery(of: sample, to: "/", timestamp: t0)
        let tampered = Data(String(decoding: d.body, as: UTF8.self).replacingOccurrences(of: "2500", with: "25").utf8)
        #expect(tampered != d.body)
        #expect(throws: WebhookError.badSignature) { try verifier.verify(body: tampered, headers: d.headers, now: now) }
        let header = try #require(d.headers[WebhookSigner.headerName])
        let shifted = header.replacingOccurrences(of: "t=\(t0)", with: "t=\(t0 + 1)")
        #expect(throws: WebhookError.badSignature) {
            try verifier.verify(body: d.body, signatureHeader: shifted, now: now)
        }
    }

    @Test func oldTimestampIsRefused() throws {
        let d = signer.delivery(of: sample, to: "/", timestamp: t0 - 301)
        #expect(throws: WebhookError.timestampOutsideTolerance(age: 301, tolerance: 300)) {
            try verifier.verify(body: d.body, headers: d.headers, now: now)
        }
        let edge = signer.delivery(of: sample, to: "/", timestamp: t0 - 300)
        #expect(try verifier.verify(body: edge.body, headers: edge.headers, now: now) == sample)
        let error = WebhookError.timestampOutsideTolerance(age: 301, tolerance: 300)
        #expect(error.description.hasPrefix("Replayed or old event refused"))
        #expect(error.httpStatus == 401)
        #expect(error.slug == "webhook-replayed")
    }

    @Test func futureTimestampIsRefused() throws {
        let d = signer.delivery(of: sample, to: "/", timestamp: t0 + 301)
        #expect(throws: WebhookError.timestampOutsideTolerance(age: -301, tolerance: 300)) {
            try verifier.verify(body: d.body, headers: d.headers, now: now)
        }
        let edge = signer.delivery(of: sample, to: "/", timestamp: t0 + 300)
        #expect(try verifier.verify(body: edge.body, headers: edge.headers, now: now) == sample)
        let strict = WebhookVerifier(secrets: try WebhookSecrets([primarySecret]), tolerance: 10)
        #expect(throws: WebhookError.timestampOutsideTolerance(age: -300, tolerance: 10)) {
            try strict.verify(body: edge.body, headers: edge.headers, now: now)
        }
    }

    @Test func rotatedKeysAreAccepted() throws {
        let rotated = WebhookVerifier(secrets: try WebhookSecrets([primarySecret, oldSecret]))
        let byOld = WebhookSigner(secrets: try WebhookSecrets([oldSecret]))
        let byNew = WebhookSigner(secrets: try WebhookSecrets([primarySecret, oldSecret]))
        for s in [byOld, byNew] {
            let d = s.delivery(of: sample, to: "/", timestamp: t0)
            #expect(try rotated.verify(body: d.body, headers: d.headers, now: now) == sample)
        }
        // The first secret signs.
        let d = byNew.delivery(of: sample, to: "/", timestamp: t0)
        #expect(try verifier.verify(body: d.body, headers: d.headers, now: now) == sample)
        // Once the old secret is dropped, its signatures fail.
        let old = byOld.delivery(of: sample, to: "/", timestamp: t0)
        #expect(throws: WebhookError.badSignature) {
            try verifier.verify(body: old.body, headers: old.headers, now: now)
        }
        // Several v1 values: one valid suffices.
        let both =
            "t=\(t0),v1=" + String(repeating: "ab", count: 32) + ","
            + (try #require(d.headers[WebhookSigner.headerName])).split(separator: ",")[1]
        #expect(try verifier.verify(body: d.body, signatureHeader: both, now: now) == sample)
    }

    @Test(arguments: [
        "", "   ", "garbage", "t=1772442000", "v1=" + String(repeating: "a", count: 64),
        "t=abc,v1=" + String(repeating: "a", count: 64), "t=1772442000,v1=abcd",
        "t=1772442000,v1=" + String(repeating: "g", count: 64), "t=1,t=2,v1=" + String(repeating: "a", count: 64),
        "t=-5,v1=" + String(repeating: "a", count: 64), "t=1772442000,,v1=" + String(repeating: "a", count: 64),
        "t=99999999999999999999,v1=" + String(repeating: "a", count: 64), String(repeating: "x=1,", count: 600),
    ])
    func malformedHeadersAreRejected(header: String) throws {
        let body = sample.jsonData()
        #expect {
            try verifier.verify(body: body, signatureHeader: header, now: now)
        } throws: { error in
            switch error as? WebhookError {
            case .missingSignature: header.trimmingCharacters(in: .whitespaces).isEmpty
            case .malformedSignature: true
            default: false
            }
        }
    }

    @Test func missingHeaderIsRejected() {
        #expect(throws: WebhookError.missingSignature) {
            try verifier.verify(body: sample.jsonData(), headers: ["Content-Type": "application/json"], now: now)
        }
        #expect(WebhookError.missingSignature.httpStatus == 400)
    }

    @Test func unknownSchemesAreIgnored() throws {
        let d = signer.delivery(of: sample, to: "/", timestamp: t0)
        let header = "v0=legacy, " + (try #require(d.headers[WebhookSigner.headerName])) + " , v2=future"
        #expect(try verifier.verify(body: d.body, signatureHeader: header, now: now) == sample)
    }

    @Test func signedButInvalidBodiesAreRejected() throws {
        let cases: [(String, String)] = [
            ("not json", "not JSON"),
            (
                #"{"id":"e","type":"payment.refunded","providerReference":"r","amount":1,"currency":"EUR","created":"x"}"#,
                "\"type\""
            ),
            (
                #"{"id":"e","type":"payment.succeeded","providerReference":"r","currency":"EUR","created":"x"}"#,
                "\"amount\""
            ),
            (
                #"{"id":"e","type":"payment.succeeded","providerReference":"r","amount":0,"currency":"EUR","created":"x"}"#,
                "amount 0"
            ),
            (
                #"{"id":"e","type":"payment.succeeded","providerReference":"r","amount":5,"currency":"USD","created":"x"}"#,
                "EUR"
            ),
            (
                #"{"id":"e","type":"refund.succeeded","providerReference":"r","amount":5,"currency":"EUR","created":"x"}"#,
                "refundId"
            ),
            (
                #"{"id":"","type":"payment.succeeded","providerReference":"r","amount":5,"currency":"EUR","created":"x"}"#,
                "id is empty"
            ),
        ]
        for (json, fragment) in cases {
            let body = Data(json.utf8)
            let header = signer.signatureHeader(body: body, timestamp: t0)
            #expect {
                try verifier.verify(body: body, signatureHeader: header, now: now)
            } throws: { error in
                guard case .malformedBody(let why) = error as? WebhookError else { return false }
                return why.contains(fragment)
            }
        }
    }

    @Test func secretsMustBeStrong() {
        #expect(throws: WebhookError.noSecret) { try WebhookSecrets([]) }
        #expect(throws: WebhookError.weakSecret(index: 1)) { try WebhookSecrets([primarySecret, "short"]) }
    }

    @Test func hexRoundTrips() {
        let bytes = Data((0...255).map(UInt8.init))
        #expect(Data(hex: bytes.hex) == bytes)
        #expect(Data(hex: "ABcd") == Data([0xAB, 0xCD]))
        #expect(Data(hex: "abc") == nil)
        #expect(Data(hex: "zz") == nil)
    }
}
