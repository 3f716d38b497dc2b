import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Storage

/// Gives each request an id (honouring a well-formed incoming `X-Request-Id`), puts it on the
/// logger and the response, and logs one line per request: method, route, status, duration.
/// No query strings, no addresses, no bodies — nothing personal ends up in the logs.
struct RequestLogMiddleware: RouterMiddleware {
    /// "12.34" without String(format:), which is slow on the path every request takes.
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        let incoming = request.headers[.xRequestID]
        let id =
            if let incoming, incoming.count <= 64, incoming.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                incoming
            } else {
                Identifier.uuidV7()
            }
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        let start = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.xRequestID] = id
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(context.endpointPath ?? "unmatched"),
                "status": .stringConvertible(response.status.code), "ms": .string(Self.twoDecimals(ms)),
            ])
        return response
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("X-Request-Id")!
    static let permissionsPolicy = Self("Permissions-Policy")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let idempotencyKey = Self("Idempotency-Key")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
