import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem document. `type` URIs are stable and live under one namespace
/// (`urn:amtsweg:problem:`), documented in the OpenAPI document.
public struct Problem: Codable, Sendable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var instance: String?
    /// Per-field messages for validation problems (JSON Pointer → message).
    public var errors: [FieldError]?

    public struct FieldError: Codable, Sendable, Equatable {
        public var pointer: String
        public var detail: String
    }

    public static let namespace = "urn:amtsweg:problem:"
}

/// A failure that knows its HTTP status and problem type. Thrown by handlers; the error
/// middleware turns it into a problem document (API) or an error page (HTML).
public struct ProblemError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var slug: String
    public var title: String
    public var detail: String?
    public var errors: [Problem.FieldError]?
    public var headers: HTTPFields = [:]

    public init(
        _ status: HTTPResponse.Status, _ slug: String, _ title: String, detail: String? = nil,
        errors: [Problem.FieldError]? = nil
    ) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.errors = errors
    }

    public static func notFound(_ detail: String) -> ProblemError {
        ProblemError(.notFound, "not-found", "Resource not found", detail: detail)
    }

    public static func badRequest(_ detail: String, pointer: String? = nil) -> ProblemError {
        ProblemError(
            .badRequest, "invalid-parameter", "Invalid request parameter", detail: detail,
            errors: pointer.map { [Problem.FieldError(pointer: $0, detail: detail)] })
    }

    func problem(instance: String?) -> Problem {
        Problem(
            type: Problem.namespace + slug, title: title, status: Int(status.code), detail: detail, instance: instance,
            errors: errors)
    }
}
