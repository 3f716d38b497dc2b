import Accounts
import Hummingbird
import Storage

/// Resolves the session cookie to the acting person. A missing, unknown or timed-out session
/// leaves `context.actor` empty; routes decide what that means.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountStore
    static let cookieName = "sid"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let token = request.cookies[Self.cookieName]?.value, !token.isEmpty,
            !request.uri.path.hasPrefix("/static/")
        else { return try await next(request, context) }
        var context = context
        if let session = try await accounts.session(token: token) {
            context.actor = try await accounts.actor(for: session)
            context.sessionToken = token
            context.accountCreatedAt = session.account.createdAt
        }
        return try await next(request, context)
    }

    static func cookie(_ token: String, secure: Bool) -> String {
        "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Lax\(secure ? "; Secure" : "")"
    }

    static func clearingCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0\(secure ? "; Secure" : "")"
    }
}
