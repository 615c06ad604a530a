import BelongCore
import Foundation
import Hummingbird

/// District administrators create and revoke API tokens; each acts as one of the district's users.
struct TokensController {
    let kit: PageKit
    let tokens: TokenStore
    let accounts: AccountStore
    let organizations: OrganizationStore
    let audit: AuditStore


    private func district(_ request: Request, _ context: BelongRequestContext) throws -> (Visitor, UUID) {
        let visitor = try context.requireVisitor(request)
        guard let district = visitor.policy.districts.sorted(by: { $0.uuidString < $1.uuidString })
            .first(where: { visitor.may(.manageAPITokens(district: $0)) }) else { throw HTTPError(.forbidden) }
        if case .apiToken = visitor.credential { throw PageError(.forbidden, "tokens.byToken") }
        return (visitor, district)
    }

    /// Active accounts holding a role in the district: a token can act only as one of them.
    private func users(in district: UUID) async throws -> [UserAccount] {
        let schools = Set(try await organizations.all().filter { $0.id == district || $0.districtId == district }.map(\.id))
        return try await accounts.list().filter { $0.isActive && $0.grants.contains { schools.contains($0.organizationId) } }
    }

    @Sendable func list(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (_, district) = try district(request, context)
        let notice = request.uri.queryParameters.get("done") == "revoked" ? kit.t(context)("tokens.revokedNotice") : nil
        return try await page(request, context, district: district, created: nil, notice: notice, problem: nil, status: .ok)
    }

    @Sendable func create(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, district) = try district(request, context)
        var request = request
        let fields = try await request.form(context: context)
        let t = kit.t(context)
        let candidates = try await users(in: district)
        guard let name = fields.text("name").map({ String($0.prefix(100)) }),
              let user = candidates.first(where: { $0.id.uuidString.lowercased() == fields["user"]?.lowercased() }) else {
            return try await page(request, context, district: district, created: nil, notice: nil, problem: t("tokens.error"), status: .badRequest)
                .response(from: request, context: context)
        }
        let canWrite = fields["write"] == "yes"
        let (token, secret) = try await tokens.create(name: name, userId: user.id, districtId: district, canWrite: canWrite, createdBy: visitor.account.id)
        let actor = context.actor(visitor)
        try await audit.record(.tokenCreated, by: actor, about: .token(token.id), in: district,
                                 detail: "\(name): acts as \(user.email), \(canWrite ? "read-write" : "read-only")")
        return try await page(request, context, district: district, created: (name, secret), notice: nil, problem: nil, status: .created)
            .response(from: request, context: context)
    }

    @Sendable func revoke(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, district) = try district(request, context)
        guard let id = context.parameters.get("token").flatMap(UUID.init(uuidString:)),
              let token = try await tokens.find(id: id), token.districtId == district else { throw HTTPError(.notFound) }
        try await tokens.revoke(id: id)
        let actor = context.actor(visitor)
        try await audit.record(.tokenRevoked, by: actor, about: .token(id), in: district, detail: token.name)
        return Response(status: .seeOther, headers: [.location: SiteURL.tokens.path + "?done=revoked"])
    }

    private func page(
        _ request: Request, _ context: BelongRequestContext, district: UUID, created: (name: String, secret: String)?, notice: String?,
        problem: String?, status: HTTPResponse.Status
    ) async throws -> HTMLPage {
        let model = TokensViewModel(
            chrome: kit.chrome(request, context, titleKey: "tokens.title"), tokens: try await tokens.list(districtId: district),
            users: try await users(in: district).map { ($0.id, "\($0.displayName) <\($0.email)>") }, created: created, notice: notice, problem: problem
        )
        return HTMLPage(html: TokensView.render(model), status: status)
    }
}
