import HTTPTypes
import Hummingbird
import Texts

/// Chooses the language: `?lang=` (remembered in a cookie), then the cookie, then
/// `Accept-Language`, then German.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        var setCookie: String? = nil
        if let value = request.uri.queryParameters["lang"].map(String.init), let language = Language(rawValue: value) {
            context.language = language
            context.languageFromQuery = true
            setCookie =
                "lang=\(language.rawValue); Path=/; Max-Age=31536000; SameSite=Lax\(secureCookies ? "; Secure" : "")"
        } else if let value = request.cookies["lang"]?.value, let language = Language(rawValue: value) {
            context.language = language
        } else {
            context.language = Language.negotiate(acceptLanguage: request.headers[.acceptLanguage])
        }
        var response = try await next(request, context)
        if let setCookie { response.headers.append(HTTPField(name: .setCookie, value: setCookie)) }
        if response.headers[.contentLanguage] == nil, response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentLanguage] = context.language.rawValue
        }
        response.headers[.vary] = "Accept-Language, Cookie"
        return response
    }
}
