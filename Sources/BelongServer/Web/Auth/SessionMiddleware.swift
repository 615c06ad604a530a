import BelongCore
import Foundation
import Hummingbird

/// Finds who is signed in from the session cookie, and gives every browser a visitor cookie that
/// form tokens can be bound to before anyone signs in.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = BelongRequestContext
    let sessions: SessionStore
    let people: VisitorLoader

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Someone answering a survey is nobody in particular: no session is read and no cookie set,
        // even on a teacher's signed-in computer.
        if SiteURL.isRespondent(request.uri.path) { return try await next(request, context) }
        var context = context
        var clearSession = false
        if let token = request.cookies[Cookies.session]?.value, !token.isEmpty {
            do {
                if let session = try await sessions.resume(token: token),
                   let visitor = try await people.visitor(userId: session.userId, credential: .session(tokenHash: session.tokenHash)) {
                    context.visitor = visitor
                    context.formBinding = "session:\(session.tokenHash)"
                } else {
                    clearSession = true
                }
            } catch {
                // Storage trouble: carry on signed out (pages that need a person will ask them to sign in) rather than fail every page.
                context.logger.error("could not resume session", metadata: ["error": "\(error)"])
            }
        }
        var newVisitorCookie: String?
        if context.formBinding == nil {
            let existing = request.cookies[Cookies.visitor]?.value
            let visitorId = existing.flatMap { $0.count >= 32 ? $0 : nil } ?? Tokens.random()
            if visitorId != existing { newVisitorCookie = visitorId }
            context.formBinding = "visitor:\(visitorId)"
        }
        var response = try await next(request, context)
        // A stale cookie is cleared, unless this very response (a sign-in) has just set a new one.
        let setsSession = response.headers[values: .setCookie].contains { $0.hasPrefix("\(Cookies.session)=") }
        if clearSession, !setsSession { response.setCookie(Cookies.expired(Cookies.session, request: request)) }
        // Only pages that show a form need one: stylesheets, images, health checks and "not found" pages (which a
        // survey page or its browser may also load) set nothing.
        if let newVisitorCookie, response.status.kind == .successful, response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.setCookie(Cookies.make(Cookies.visitor, value: newVisitorCookie, request: request))
        }
        return response
    }
}

/// Builds a `Visitor` for an account: its roles, and the district of each school they concern.
struct VisitorLoader: Sendable {
    let accounts: AccountStore
    let organizations: OrganizationStore

    func visitor(userId: UUID, credential: Visitor.Credential) async throws -> Visitor? {
        guard let credentials = try await accounts.credentials(id: userId), credentials.account.isActive else { return nil }
        let policy = AccessPolicy(grants: credentials.account.grants, districtOfSchool: try await organizations.districtOfSchool())
        return Visitor(account: credentials.account, policy: policy, credential: credential, mustChangePassword: credentials.mustChangePassword)
    }
}
