import Hummingbird

/// Headers that keep pages from being framed, sniffed or loaded with anything from elsewhere:
/// Belong serves every asset itself.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for (name, value) in SecurityHeaders.all { response.headers[name] = value }
        // Over TLS (directly or through a proxy that says so), browsers are told to come back only over TLS.
        if Cookies.isSecure(request) { response.headers[SecurityHeaders.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}

/// The headers themselves, made (and their names checked) once rather than on every response.
enum SecurityHeaders {
    typealias Name = HTTPFields.Element.Name

    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"

    static let strictTransportSecurity = Name("Strict-Transport-Security")!

    static let all: [(Name, String)] = [
        (.contentSecurityPolicy, contentSecurityPolicy),
        (.xContentTypeOptions, "nosniff"),
        (Name("Referrer-Policy")!, "same-origin"),
        (Name("Permissions-Policy")!, "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        (Name("Cross-Origin-Opener-Policy")!, "same-origin"),
    ]
}
