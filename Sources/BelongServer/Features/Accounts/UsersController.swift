import BelongCore
import Foundation
import Hummingbird

/// District administrators manage accounts and roles for their district's schools.
struct UsersController {
    let kit: PageKit
    let administration: UserAdministration
    let accounts: AccountStore
    let organizations: OrganizationStore


    typealias Place = (id: UUID, name: String, isDistrict: Bool)

    /// The districts the visitor administers, and every district and school in them.
    private func scope(_ request: Request, _ context: BelongRequestContext) async throws -> (Visitor, [Place]) {
        let visitor = try context.requireVisitor(request)
        let districts = visitor.policy.districts.filter { visitor.may(.manageUsers(district: $0)) }
        guard !districts.isEmpty else { throw HTTPError(.forbidden) }
        let places = try await organizations.all()
            .filter { districts.contains($0.id) || ($0.districtId.map(districts.contains) ?? false) }
            .sorted { ($0.kind == .district ? 0 : 1, $0.name) < ($1.kind == .district ? 0 : 1, $1.name) }
            .map { (id: $0.id, name: $0.name, isDistrict: $0.kind == .district) }
        return (visitor, places)
    }

    private func inScope(_ account: UserAccount, _ places: [Place]) -> Bool {
        account.grants.isEmpty || account.grants.contains { grant in places.contains { $0.id == grant.organizationId } }
    }

    private func actor(_ context: BelongRequestContext, _ visitor: Visitor) -> UserAdministration.Actor {
        let actor = context.actor(visitor)
        return .init(id: actor.id, label: actor.label, ip: actor.ip)
    }

    @Sendable func list(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (_, places) = try await scope(request, context)
        let notice = request.uri.queryParameters.get("done").map { kit.t(context)("users.done.\($0)") }
        return try await page(request, context, places: places, form: NewUserForm(place: places.first.map { $0.id.uuidString.lowercased() } ?? ""),
                              notice: notice, created: nil, status: .ok)
    }

    @Sendable func create(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, places) = try await scope(request, context)
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        let t = kit.t(context)
        var form = NewUserForm(email: fields.text("email") ?? "", name: fields.text("name") ?? "", role: fields["role"] ?? "", place: fields["place"] ?? "")
        let role = Role(rawValue: form.role)
        let place = places.first { $0.id.uuidString.lowercased() == form.place.lowercased() }
        if form.email.isEmpty { form.errors.append(("email", t("users.error.emailMissing"))) }
        else if !UserAdministration.looksLikeEmail(UserAccount.normalize(email: form.email)) { form.errors.append(("email", t("users.error.emailInvalid"))) }
        if role == nil { form.errors.append(("role", t("users.error.role"))) }
        if place == nil { form.errors.append(("place", t("users.error.place"))) }
        if let role, let place, role.isDistrictWide != place.isDistrict {
            form.errors.append(("place", t(role.isDistrictWide ? "users.error.needsDistrict" : "users.error.needsSchool")))
        }
        if form.errors.isEmpty, let role, let place, let organization = try await organizations.find(id: place.id) {
            do {
                let (account, password) = try await administration.create(
                    email: form.email, displayName: form.name, role: role, at: organization, by: actor(context, visitor)
                )
                return try await page(request, context, places: places, form: NewUserForm(place: form.place), notice: nil,
                                      created: (account.email, password), status: .created).response(from: request, context: context)
            } catch AccountError.emailTaken {
                form.errors.append(("email", t("users.error.emailTaken")))
            }
        }
        return try await page(request, context, places: places, form: form, notice: nil, created: nil, status: .badRequest)
            .response(from: request, context: context)
    }

    @Sendable func show(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, places, account) = try await target(request, context)
        let notice = request.uri.queryParameters.get("done").map { kit.t(context)("users.done.\($0)") }
        return try await userPage(request, context, visitor: visitor, account: account, places: places, notice: notice, problem: nil, reset: nil)
    }

    @Sendable func grant(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, places, account) = try await target(request, context)
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        guard let role = fields["role"].flatMap(Role.init(rawValue:)),
              let place = places.first(where: { $0.id.uuidString.lowercased() == fields["place"]?.lowercased() }),
              let organization = try await organizations.find(id: place.id) else {
            throw HTTPError(.badRequest, message: kit.t(context)("users.error.place"))
        }
        do {
            try await administration.grant(role, at: organization, to: account.id, by: actor(context, visitor))
        } catch UserAdministration.Problem.wrongKindOfOrganization {
            let page = try await userPage(request, context, visitor: visitor, account: account, places: places, notice: nil,
                                          problem: kit.t(context)(role.isDistrictWide ? "users.error.needsDistrict" : "users.error.needsSchool"), reset: nil)
            return try page.response(from: request, context: context)
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.user(account.id).path + "?done=granted"])
    }

    @Sendable func revoke(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, places, account) = try await target(request, context)
        try context.requireWritable(visitor)
        var request = request
        let fields = try await request.form(context: context)
        guard let role = fields["role"].flatMap(Role.init(rawValue:)),
              let place = places.first(where: { $0.id.uuidString.lowercased() == fields["place"]?.lowercased() }) else {
            throw HTTPError(.badRequest)
        }
        // An administrator cannot remove their own last way back in.
        if account.id == visitor.account.id, role == .districtAdministrator,
           account.grants.filter({ $0.role == .districtAdministrator }).count <= 1 {
            let page = try await userPage(request, context, visitor: visitor, account: account, places: places, notice: nil,
                                          problem: kit.t(context)("users.error.lastAdmin"), reset: nil)
            return try page.response(from: request, context: context)
        }
        try await administration.revoke(.init(role: role, organizationId: place.id), from: account.id, by: actor(context, visitor))
        return Response(status: .seeOther, headers: [.location: SiteURL.user(account.id).path + "?done=revoked"])
    }

    @Sendable func resetPassword(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, places, account) = try await target(request, context)
        try context.requireWritable(visitor)
        let password = try await administration.resetPassword(email: account.email, by: actor(context, visitor))
        return try await userPage(request, context, visitor: visitor, account: account, places: places, notice: nil, problem: nil, reset: password)
            .response(from: request, context: context)
    }

    @Sendable func deactivate(request: Request, context: BelongRequestContext) async throws -> Response {
        try await setActive(false, request, context)
    }

    @Sendable func reactivate(request: Request, context: BelongRequestContext) async throws -> Response {
        try await setActive(true, request, context)
    }

    private func setActive(_ isActive: Bool, _ request: Request, _ context: BelongRequestContext) async throws -> Response {
        let (visitor, _, account) = try await target(request, context)
        try context.requireWritable(visitor)
        guard account.id != visitor.account.id else { throw HTTPError(.badRequest, message: kit.t(context)("users.error.self")) }
        try await administration.setActive(isActive, userId: account.id, by: actor(context, visitor))
        return Response(status: .seeOther, headers: [.location: SiteURL.user(account.id).path + "?done=\(isActive ? "reactivated" : "deactivated")"])
    }

    /// The account named in the path, if it belongs to the visitor's district.
    private func target(_ request: Request, _ context: BelongRequestContext) async throws -> (Visitor, [Place], UserAccount) {
        let (visitor, places) = try await scope(request, context)
        guard let id = context.parameters.get("user").flatMap(UUID.init(uuidString:)),
              let account = try await accounts.find(id: id), inScope(account, places) else {
            throw HTTPError(.notFound)
        }
        return (visitor, places, account)
    }

    private func page(
        _ request: Request, _ context: BelongRequestContext, places: [Place], form: NewUserForm, notice: String?,
        created: (email: String, password: String)?, status: HTTPResponse.Status
    ) async throws -> HTMLPage {
        let t = kit.t(context)
        let names = Dictionary(uniqueKeysWithValues: places.map { ($0.id, $0.name) })
        let rows = try await administration.list().filter { inScope($0, places) }.map { account in
            UsersViewModel.Row(account: account, roles: account.grants.map { "\(t("role.\($0.role.rawValue)")) — \(names[$0.organizationId] ?? "?")" })
        }
        let model = UsersViewModel(
            chrome: kit.chrome(request, context, titleKey: "users.title"), rows: rows, places: places, form: form, notice: notice, created: created
        )
        return HTMLPage(html: UsersView.render(model), status: status)
    }

    private func userPage(
        _ request: Request, _ context: BelongRequestContext, visitor: Visitor, account: UserAccount, places: [Place],
        notice: String?, problem: String?, reset: String?
    ) async throws -> HTMLPage {
        let fresh = try await accounts.find(id: account.id) ?? account
        let names = Dictionary(uniqueKeysWithValues: try await organizations.all().map { ($0.id, $0.name) })
        let model = UserViewModel(
            chrome: kit.chrome(request, context, titleKey: "users.userTitle", titleArguments: ["name": fresh.displayName]),
            account: fresh, grants: fresh.grants.map { ($0, names[$0.organizationId] ?? "?") }, places: places,
            notice: notice, problem: problem, resetPassword: reset, isSelf: fresh.id == visitor.account.id
        )
        return HTMLPage(html: UserView.render(model), status: problem == nil ? .ok : .badRequest)
    }
}
