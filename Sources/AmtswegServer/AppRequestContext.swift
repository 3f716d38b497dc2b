import Accounts
import Hummingbird
import NIOCore
import Texts

/// Per-request state shared by middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Correlates log lines and error pages; echoed as `X-Request-Id`.
    public var requestID = ""
    public var language: Language = .de
    /// Set when the language came from `?lang=`, so internal links keep it for clients without cookies.
    public var languageFromQuery = false
    /// The person acting, when the request carries a live session (`SessionMiddleware`).
    public var actor: Actor?
    /// The session token from the cookie, for logout and rotation.
    var sessionToken: String?
    /// When the signed-in account was created (read with the session, for the account page).
    var accountCreatedAt: String?
    /// The peer address, used only for rate-limit buckets (never logged).
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Forms and JSON bodies are small; uploads get their own limit later.
    public var maxUploadSize: Int { 64 * 1024 }

    /// This request rendered in German whatever was asked for: Leichte Sprache pages are German.
    var inGerman: AppRequestContext {
        var copy = self
        copy.language = .de
        copy.languageFromQuery = false
        return copy
    }
}
