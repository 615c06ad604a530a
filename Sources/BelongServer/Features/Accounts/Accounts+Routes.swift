import Foundation

/// Signing in and out, one's own password, the district's users and its API tokens.
enum AccountsRoutes {
    static let signIn = Route(.get, "/signin", .page, access: .everyone)
    static let submitSignIn = Route(.post, "/signin", .form, access: .everyone)
    // Signing out is harmless for anyone: it ends whatever session there is.
    static let signOut = Route(.post, "/signout", .form, access: .everyone)
    static let changePassword = Route(.get, "/account/password", .page, access: .signedIn)
    static let submitChangePassword = Route(.post, "/account/password", .form, access: .signedIn)

    static let users = Route(.get, "/admin/users", .page, access: .district(.manageUsers))
    static let createUser = Route(.post, "/admin/users", .form, access: .district(.manageUsers))
    static let user = Route(.get, "/admin/users/{user}", .page, access: .district(.manageUsers))
    static let grant = Route(.post, "/admin/users/{user}/grant", .form, access: .district(.manageUsers))
    static let revoke = Route(.post, "/admin/users/{user}/revoke", .form, access: .district(.manageUsers))
    static let resetPassword = Route(.post, "/admin/users/{user}/reset-password", .form, access: .district(.manageUsers))
    static let deactivate = Route(.post, "/admin/users/{user}/deactivate", .form, access: .district(.manageUsers))
    static let reactivate = Route(.post, "/admin/users/{user}/reactivate", .form, access: .district(.manageUsers))

    static let tokens = Route(.get, "/admin/tokens", .page, access: .district(.manageAPITokens))
    static let createToken = Route(.post, "/admin/tokens", .form, access: .district(.manageAPITokens))
    static let revokeToken = Route(.post, "/admin/tokens/{token}/revoke", .form, access: .district(.manageAPITokens))
}

extension SiteURL {
    /// The sign-in page; `next` is where to go after, if it is a path of this site.
    static func signIn(next: String?) -> SiteURL {
        let page = AccountsRoutes.signIn.link()
        guard let next, SiteURL.isLocal(next), next != "/" else { return page }
        let escaped = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_.~"))) ?? "/"
        return SiteURL(path: "\(page.path)?next=\(escaped)")
    }

    static var signOut: SiteURL { AccountsRoutes.signOut.link() }
    static var changePassword: SiteURL { AccountsRoutes.changePassword.link() }
    static var users: SiteURL { AccountsRoutes.users.link() }
    static func user(_ id: UUID) -> SiteURL { AccountsRoutes.user.link(id) }
    static func grantRole(_ id: UUID) -> SiteURL { AccountsRoutes.grant.link(id) }
    static func revokeRole(_ id: UUID) -> SiteURL { AccountsRoutes.revoke.link(id) }
    static func resetPassword(_ id: UUID) -> SiteURL { AccountsRoutes.resetPassword.link(id) }
    static func deactivate(_ id: UUID) -> SiteURL { AccountsRoutes.deactivate.link(id) }
    static func reactivate(_ id: UUID) -> SiteURL { AccountsRoutes.reactivate.link(id) }
    static var tokens: SiteURL { AccountsRoutes.tokens.link() }
    static func revokeToken(_ id: UUID) -> SiteURL { AccountsRoutes.revokeToken.link(id) }
}

struct AccountsFeature: Feature {
    let account: AccountController
    let users: UsersController
    let tokens: TokensController

    init(_ app: AppServices) {
        account = AccountController(
            kit: app.kit, signIn: app.signIn, sessions: app.sessions, accounts: app.accounts, audit: app.audit, hasher: app.hasher,
            returnPaths: app.returnPaths
        )
        users = UsersController(
            kit: app.kit, administration: UserAdministration(database: app.database, hasher: app.hasher), accounts: app.accounts,
            organizations: app.organizations
        )
        tokens = TokensController(kit: app.kit, tokens: app.tokens, accounts: app.accounts, organizations: app.organizations, audit: app.audit)
    }

    func register(_ routes: RouteTable) {
        routes.add(AccountsRoutes.signIn, use: account.showSignIn)
        routes.add(AccountsRoutes.submitSignIn, use: account.submitSignIn)
        routes.add(AccountsRoutes.signOut, use: account.signOut)
        routes.add(AccountsRoutes.changePassword, use: account.showChangePassword)
        routes.add(AccountsRoutes.submitChangePassword, use: account.submitChangePassword)
        routes.add(AccountsRoutes.users, use: users.list)
        routes.add(AccountsRoutes.createUser, use: users.create)
        routes.add(AccountsRoutes.user, use: users.show)
        routes.add(AccountsRoutes.grant, use: users.grant)
        routes.add(AccountsRoutes.revoke, use: users.revoke)
        routes.add(AccountsRoutes.resetPassword, use: users.resetPassword)
        routes.add(AccountsRoutes.deactivate, use: users.deactivate)
        routes.add(AccountsRoutes.reactivate, use: users.reactivate)
        routes.add(AccountsRoutes.tokens, use: tokens.list)
        routes.add(AccountsRoutes.createToken, use: tokens.create)
        routes.add(AccountsRoutes.revokeToken, use: tokens.revoke)
    }

    static let navigation = [NavigationEntry(position: 50, labelKey: "nav.users", route: AccountsRoutes.users)]
}
