import BelongCore
import Hummingbird

/// Picks the reader's language: `?lang=` (remembered in a cookie), then the cookie, then the
/// browser's `Accept-Language`, then English. Survey pages keep the language in their addresses
/// instead and neither read nor set the cookie.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = BelongRequestContext
    static let cookieName = "belong_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let chosen = request.uri.queryParameters.get("lang").flatMap(Language.init(code:))
        let respondent = SiteURL.isRespondent(request.uri.path)
        if let chosen {
            context.language = chosen
        } else if !respondent, let remembered = request.cookies[Self.cookieName].flatMap({ Language(code: $0.value) }) {
            context.language = remembered
        } else if let header = request.headers[.acceptLanguage], let preferred = Language.preferred(byAcceptLanguage: header) {
            context.language = preferred
        }
        var response = try await next(request, context)
        if let chosen, !respondent {
            response.setCookie(Cookies.make(Self.cookieName, value: chosen.code, maxAge: 365 * 24 * 3600, request: request))
        }
        response.headers[.vary] = respondent ? "Accept-Language" : "Accept-Language, Cookie"
        return response
    }
}
