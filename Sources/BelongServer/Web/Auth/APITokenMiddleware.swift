import BelongCore
import Foundation
import Hummingbird

/// The JSON API authenticates by bearer token only: a browser's session cookie is ignored there, so
/// another site cannot ride on it. Each use of a token is written to the audit log.
struct APITokenMiddleware: RouterMiddleware {
    typealias Context = BelongRequestContext
    let tokens: TokenStore
    let visitors: VisitorLoader
    let audit: AuditStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/api/") else { return try await next(request, context) }
        var context = context
        // Answering a survey needs no token, and its address (a code) must never reach the audit log.
        if SiteURL.isRespondent(request.uri.path) {
            context.visitor = nil
            return try await next(request, context)
        }
        context.visitor = nil
        context.formBinding = nil
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                  let token = try await tokens.authenticate(secret: String(parts[1]).trimmingCharacters(in: .whitespaces)),
                  let visitor = try await visitors.visitor(userId: token.userId, credential: .apiToken(id: token.id, canWrite: token.canWrite)) else {
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "The bearer token is unknown, revoked, or its user is deactivated.")
            }
            context.visitor = visitor
            let actor = context.actor(visitor)
            try await audit.record(.tokenUsed, by: actor, about: .token(token.id), in: token.districtId, detail: "\(request.method.rawValue) \(request.uri.path)")
        }
        return try await next(request, context)
    }
}
