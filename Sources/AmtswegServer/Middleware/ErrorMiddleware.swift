import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Texts

/// Turns every failure into a clear answer: an RFC 9457 problem document under `/api/`, a
/// friendly error page everywhere else. Unexpected errors are logged with the request id and
/// answered with 500 — never a bare stack trace, never the error text.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as ProblemError {
            return respond(error, request: request, context: context)
        } catch let error as any HTTPResponseError {
            let problem: ProblemError =
                switch error.status {
                case .notFound: .notFound("No resource at \(request.uri.path).")
                case .contentTooLarge:
                    ProblemError(
                        .contentTooLarge, "too-large", "Request body too large",
                        detail: "The request body exceeds the limit of \(context.maxUploadSize) bytes.")
                case .methodNotAllowed:
                    ProblemError(
                        .methodNotAllowed, "method-not-allowed", "Method not allowed",
                        detail: "\(request.method) is not allowed here.")
                case .badRequest:
                    ProblemError(
                        .badRequest, "bad-request", "Bad request", detail: "The request could not be understood.")
                case .unsupportedMediaType:
                    ProblemError(.unsupportedMediaType, "unsupported-media-type", "Unsupported media type")
                default:
                    ProblemError(error.status, "http-\(error.status.code)", error.status.reasonPhrase)
                }
            return respond(problem, request: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": .string(String(reflecting: type(of: error)))])
            context.logger.debug("unhandled error detail", metadata: ["error": .string("\(error)")])
            let problem = ProblemError(
                .internalServerError, "internal", "Internal error",
                detail: "The request could not be processed. Reference: \(context.requestID)")
            return respond(problem, request: request, context: context)
        }
    }

    func respond(_ error: ProblemError, request: Request, context: Context) -> Response {
        var response: Response
        if request.uri.path.hasPrefix("/api/") || request.uri.path == "/metrics" {
            let problem = error.problem(instance: request.uri.path)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(problem)) ?? Data()
            response = Response(
                status: error.status, headers: [.contentType: "application/problem+json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } else {
            response = views.errorPage(status: error.status, context: context, request: request)
        }
        for field in error.headers { response.headers.append(field) }
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
