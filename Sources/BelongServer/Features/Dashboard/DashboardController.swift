import BelongCore
import Foundation
import Hummingbird

/// Where a signed-in person lands: for each place they work, how it is doing and what needs doing now.
struct DashboardController {
    let kit: PageKit
    let organizations: OrganizationStore
    let summaries: DashboardSummaries
    let recommendations: SchoolRecommendations
    let plans: PlanStore
    var timeZone = "UTC"
    /// The clock, injected so tests can fix the time.
    var clock: @Sendable () -> Date = Date.init

    @Sendable func dashboard(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let visitor = try context.requireVisitor(request)
        let t = kit.t(context)
        let all = try await organizations.all()
        let byId = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        var places: [DashboardViewModel.Place] = []
        for grant in visitor.account.grants {
            guard let organization = byId[grant.organizationId] else { continue }
            let schools = grant.role.isDistrictWide ? all.filter { $0.districtId == organization.id && $0.kind == .school } : [organization]
            var links: [(label: String, url: String)] = []
            for school in schools where visitor.may(.viewStudentRecords(school: school.id)) {
                links.append((t("dashboard.peopleAt", ["school": school.name]), SiteURL.people(school: school.id).path))
            }
            if schools.contains(where: { visitor.may(.runSurveys(school: $0.id)) }) {
                links.append((t("dashboard.surveys"), SiteURL.surveys.path))
            }
            links.append((t("nav.results"), SiteURL.results.path))
            if grant.role.isDistrictWide, visitor.may(.viewDistrictAggregates(district: organization.id)) {
                links.append((t("assessment.district.title"), SiteURL.districtAssessments.path))
            } else if !grant.role.isDistrictWide, visitor.may(.viewSchoolAggregates(school: organization.id)) {
                links.append((t("assessment.list.linkAt", ["school": organization.name]), SiteURL.assessments(school: organization.id).path))
                links.append((t("dashboard.planAt", ["school": organization.name]), SiteURL.plan(school: organization.id).path))
            }
            let role = t("role.\(grant.role.rawValue)")
            if grant.role.isDistrictWide {
                places.append(try await districtPlace(organization, role: role, schools: schools, links: links, visitor: visitor, t))
            } else if visitor.may(.viewSchoolAggregates(school: organization.id)) {
                let teacher = grant.role == .staff ? visitor.account.staffId : nil
                places.append(try await schoolPlace(organization, role: role, teacher: teacher, links: links, visitor: visitor, t))
            }
        }
        var administration: [(label: String, url: String)] = []
        if visitor.policy.isDistrictAdministrator {
            administration = [
                (t("nav.users"), SiteURL.users.path), (t("nav.import"), SiteURL.imports.path),
                (t("nav.tokens"), SiteURL.tokens.path), (t("nav.audit"), SiteURL.audit.path), (t("nav.instruments"), SiteURL.instruments.path),
            ]
        }
        // The person's own open actions, wherever they still read the plan: overdue first.
        let today = SurveyWindow.day(of: clock(), timeZone: timeZone)
        let mine = PlanAction.ordered(try await plans.actions(owner: visitor.account.id).filter {
            $0.status.isOpen && visitor.may(.viewSchoolAggregates(school: $0.schoolId))
        }, today: today)
        var goals: [UUID: [PlanGoal]] = [:]
        for school in Set(mine.map(\.schoolId)) { goals[school] = try await plans.goals(school: school) }
        let model = DashboardViewModel(
            chrome: kit.chrome(request, context, titleKey: "dashboard.title"), displayName: visitor.account.displayName,
            places: places, administration: administration,
            myActions: mine.map { action in
                let item = PlanText.action(action, owner: byId[action.schoolId]?.name, goals: goals[action.schoolId] ?? [], school: action.schoolId, today: today, t)
                return item
            }
        )
        return HTMLPage(html: DashboardView.render(model))
    }

    private func schoolPlace(_ school: Organization, role: String, teacher: UUID?, links: [(label: String, url: String)], visitor: Visitor,
                             _ t: Localizer) async throws -> DashboardViewModel.Place {
        let summary = try await summaries.school(school, teacher: teacher)
        var place = DashboardPlaces.school(summary, role: role, links: links,
                                           runs: visitor.may(.runSurveys(school: school.id)), plans: visitor.may(.planSurveys(school: school.id)), now: clock(), t)
        // When the team means to look again, from its plan: due on the school's home.
        let today = SurveyWindow.day(of: clock(), timeZone: timeZone)
        place.attention += PlanText.due(try await plans.dueDates(school: school.id), today: today, t).map { ($0, SiteURL.plan(school: school.id).path + "#due") }
        let shown = try await recommendations.recommend(for: school, scope: LibraryScope(visitor), current: summary.latest?.results, limit: 3)
        if shown.hadFigures {
            place.recommendations = RecommendationsViewModel(
                shown, shortlistURL: visitor.may(.markResources(school: school.id)) ? SiteURL.shortlist(school: school.id).path : nil, t)
        }
        return place
    }

    private func districtPlace(_ district: Organization, role: String, schools: [Organization], links: [(label: String, url: String)],
                               visitor: Visitor, _ t: Localizer) async throws -> DashboardViewModel.Place {
        DashboardPlaces.district(district, summary: try await summaries.district(district.id, schools: schools.map(\.id)),
                                 names: Dictionary(uniqueKeysWithValues: schools.map { ($0.id, $0.name) }), role: role, links: links, now: clock(), t)
    }
}
