import Hummingbird

/// Behind a reverse proxy every request comes from the proxy; when told to trust it, the client's
/// own address is the last one the proxy appended to X-Forwarded-For. Without that, one school's NAT
/// or the proxy itself would share a single sign-in limit.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = BelongRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let forwarded = request.headers[.init("X-Forwarded-For")!],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            context.remoteAddress = last
        }
        return try await next(request, context)
    }
}
