import Hummingbird
import Logging

/// Logs each request at debug level, with any access code in the path replaced: a log must never
/// tie a survey address (and so a response) to a moment or a network address.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = BelongRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.debug("request", metadata: [
            "method": "\(request.method)", "path": "\(SiteURL.redacted(request.uri.description))",
        ])
        return try await next(request, context)
    }
}
