import Hummingbird

/// Belong's cookies: HttpOnly and SameSite=Lax always, Secure whenever the request came over TLS
/// (directly, or through a proxy that says so in X-Forwarded-Proto).
enum Cookies {
    static let session = "belong_session"
    static let visitor = "belong_visitor"

    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    static func make(_ name: String, value: String, maxAge: Int? = nil, request: Request) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }

    static func expired(_ name: String, request: Request) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }
}
