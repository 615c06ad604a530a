import BelongCore
import Foundation
import Hummingbird

/// Where a signed-in person lands: their roles, each with the pages it opens.
struct DashboardController {
    let kit: PageKit
    let organizations: OrganizationStore

    func addRoutes(to router: Router<BelongRequestContext>) {
        router.get(SiteURL.dashboard.route, use: dashboard)
    }

    @Sendable func dashboard(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let visitor = try context.requireVisitor(request)
        let t = kit.t(context)
        let all = try await organizations.all()
        let byId = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        var places: [DashboardViewModel.Place] = []
        for grant in visitor.account.grants {
            guard let organization = byId[grant.organizationId] else { continue }
            var links: [(label: String, url: String)] = []
            let schools = grant.role.isDistrictWide ? all.filter { $0.districtId == organization.id && $0.kind == .school } : [organization]
            for school in schools where visitor.may(.viewStudentRecords(school: school.id)) {
                links.append((t("dashboard.peopleAt", ["school": school.name]), SiteURL.people(school: school.id).path))
            }
            if schools.contains(where: { visitor.may(.runSurveys(school: $0.id)) }) {
                links.append((t("dashboard.surveys"), SiteURL.surveys.path))
            }
            places.append(.init(name: organization.name, role: t("role.\(grant.role.rawValue)"), links: links))
        }
        var administration: [(label: String, url: String)] = []
        if visitor.policy.isDistrictAdministrator {
            administration = [
                (t("nav.users"), SiteURL.users.path), (t("nav.import"), SiteURL.imports.path),
                (t("nav.tokens"), SiteURL.tokens.path), (t("nav.audit"), SiteURL.audit.path), (t("nav.instruments"), SiteURL.instruments.path),
            ]
        }
        let model = DashboardViewModel(
            chrome: kit.chrome(request, context, titleKey: "dashboard.title"), displayName: visitor.account.displayName,
            places: places, administration: administration
        )
        return HTMLPage(html: DashboardView.render(model))
    }
}
