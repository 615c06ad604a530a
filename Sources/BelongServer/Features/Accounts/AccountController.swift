import BelongCore
import Foundation
import Hummingbird

/// Signing in and out, and changing one's password.
struct AccountController {
    let kit: PageKit
    let signIn: SignInService
    let sessions: SessionStore
    let accounts: AccountStore
    let audit: AuditStore
    let hasher: PasswordHasher
    let returnPaths: ReturnPaths


    @Sendable func showSignIn(request: Request, context: BelongRequestContext) async throws -> Response {
        let next = returnPaths.accept(request.uri.queryParameters.get("next"))
        if context.visitor != nil {
            return Response(status: .seeOther, headers: [.location: next ?? SiteURL.dashboard.path])
        }
        let notice = request.uri.queryParameters.get("signedOut") != nil ? kit.t(context)("signIn.signedOut") : nil
        return try page(request, context, email: "", next: next, problem: nil, notice: notice, status: .ok)
    }

    @Sendable func submitSignIn(request: Request, context: BelongRequestContext) async throws -> Response {
        var request = request
        let form = try await request.form(context: context)
        let t = kit.t(context)
        let next = returnPaths.accept(request.uri.queryParameters.get("next") ?? form["next"])
        let email = form.text("email") ?? ""
        guard !email.isEmpty, let password = form["password"], !password.isEmpty else {
            return try page(request, context, email: email, next: next, problem: t("signIn.missing"), notice: nil, status: .badRequest)
        }
        let outcome = try await signIn.signIn(
            email: email, password: password, ip: context.remoteAddress, userAgent: request.headers[.userAgent]
        )
        switch outcome {
        case .signedIn(_, let token, let mustChange):
            var response = Response(status: .seeOther, headers: [.location: mustChange ? SiteURL.changePassword.path : (next ?? SiteURL.dashboard.path)])
            // A new token at every sign-in: a session id planted before sign-in is worth nothing after.
            response.setCookie(Cookies.make(Cookies.session, value: token, request: request))
            return response
        case .refused:
            return try page(request, context, email: email, next: next, problem: t("signIn.refused"), notice: nil, status: .unauthorized)
        case .locked(let until):
            let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
            return try page(request, context, email: email, next: next, problem: t("signIn.locked", ["minutes": String(minutes)]), notice: nil,
                            status: .tooManyRequests)
        }
    }

    @Sendable func signOut(request: Request, context: BelongRequestContext) async throws -> Response {
        if let visitor = context.visitor, case .session(let tokenHash) = visitor.credential {
            try await sessions.end(tokenHash: tokenHash)
            let actor = context.actor(visitor)
            try await audit.record(.signOut, by: actor, about: .user(visitor.account.id))
        }
        var response = Response(status: .seeOther, headers: [.location: SiteURL.signIn(next: nil).path + "?signedOut=1"])
        response.setCookie(Cookies.expired(Cookies.session, request: request))
        return response
    }

    @Sendable func showChangePassword(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let visitor = try context.requireVisitor(request)
        let model = ChangePasswordViewModel(
            chrome: kit.chrome(request, context, titleKey: "password.title"), mustChange: visitor.mustChangePassword, errors: [],
            done: request.uri.queryParameters.get("done") != nil
        )
        return HTMLPage(html: ChangePasswordView.render(model))
    }

    @Sendable func submitChangePassword(request: Request, context: BelongRequestContext) async throws -> Response {
        let visitor = try context.requireVisitor(request)
        guard case .session(let tokenHash) = visitor.credential else { throw HTTPError(.forbidden) }
        var request = request
        let form = try await request.form(context: context)
        let t = kit.t(context)
        var errors: [(field: String, message: String)] = []
        let current = form["current"] ?? "", new = form["new"] ?? "", confirm = form["confirm"] ?? ""
        let stored = try await accounts.credentials(id: visitor.account.id)
        let storedHash: String
        if let hash = stored?.passwordHash { storedHash = hash } else { storedHash = try await hasher.decoyHash() }
        if try await !hasher.verify(current, hash: storedHash) {
            errors.append(("current", t("password.currentWrong")))
        }
        for problem in PasswordRules.problems(with: new, email: visitor.account.email) {
            errors.append(("new", t("password.problem.\(problem.rawValue)", ["minimum": String(PasswordRules.minimumLength)])))
        }
        if new != confirm { errors.append(("confirm", t("password.mismatch"))) }
        if new == current, !new.isEmpty { errors.append(("new", t("password.same"))) }
        guard errors.isEmpty else {
            let model = ChangePasswordViewModel(
                chrome: kit.chrome(request, context, titleKey: "password.title"), mustChange: visitor.mustChangePassword, errors: errors, done: false
            )
            return try HTMLPage(html: ChangePasswordView.render(model), status: .badRequest).response(from: request, context: context)
        }
        try await accounts.setPassword(userId: visitor.account.id, hash: hasher.hash(new), mustChange: false)
        // Other browsers signed in with the old password are signed out.
        try await sessions.endAll(userId: visitor.account.id, except: tokenHash)
        let actor = context.actor(visitor)
        try await audit.record(.passwordChanged, by: actor, about: .user(visitor.account.id))
        return Response(status: .seeOther, headers: [.location: SiteURL.changePassword.path + "?done=1"])
    }

    private func page(
        _ request: Request, _ context: BelongRequestContext, email: String, next: String?, problem: String?, notice: String?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let model = SignInViewModel(chrome: kit.chrome(request, context, titleKey: "signIn.title"), email: email, next: next, problem: problem, notice: notice)
        return try HTMLPage(html: SignInView.render(model), status: status).response(from: request, context: context)
    }
}
