import BelongCore
import Foundation

/// A school's action plan (issue #18): read by whoever reads the school's results; its goals and actions set by
/// the school's administrator and team (and the district administrator); an action's owner updates their own.
enum PlanRoutes {
    static let plan = Route(.get, "/schools/{school}/plan", .page, access: .school(.viewSchoolAggregates))
    static let export = Route(.get, "/schools/{school}/plan/plan.csv", .download, access: .school(.viewSchoolAggregates))
    static let addGoal = Route(.post, "/schools/{school}/plan/goals", .form, access: .school(.editPlan))
    static let removeGoal = Route(.post, "/schools/{school}/plan/goals/{goal}/remove", .form, access: .school(.editPlan))
    static let setDueDates = Route(.post, "/schools/{school}/plan/due", .form, access: .school(.editPlan))
    static let addAction = Route(.post, "/schools/{school}/plan/actions", .form, access: .school(.editPlan))
    static let action = Route(.get, "/schools/{school}/plan/actions/{action}", .page, access: .school(.viewSchoolAggregates))
    static let api = Route(.get, "/api/v1/schools/{school}/plan", .api, access: .school(.viewSchoolAggregates))
    /// The owner may update their own action without `editPlan`: the controller checks which.
    static let updateAction = Route(.post, "/schools/{school}/plan/actions/{action}", .form, access: .school(.viewSchoolAggregates))
}

extension SiteURL {
    static func plan(school: UUID) -> SiteURL { PlanRoutes.plan.link(school) }
    static func planExport(school: UUID) -> SiteURL { PlanRoutes.export.link(school) }
    static func planGoals(school: UUID) -> SiteURL { PlanRoutes.addGoal.link(school) }
    static func removeGoal(_ id: UUID, school: UUID) -> SiteURL { PlanRoutes.removeGoal.link(school, id) }
    static func planDueDates(school: UUID) -> SiteURL { PlanRoutes.setDueDates.link(school) }
    static func planActions(school: UUID) -> SiteURL { PlanRoutes.addAction.link(school) }
    static func planAction(_ id: UUID, school: UUID) -> SiteURL { PlanRoutes.action.link(school, id) }
}

struct PlanFeature: Feature {
    let pages: PlanController
    let api: PlanAPIController

    init(_ app: AppServices) {
        pages = PlanController(kit: app.kit, plans: app.plans, organizations: app.organizations, accounts: app.accounts, surveys: app.surveys,
                               queries: app.resultsQueries, library: app.library, audit: app.audit, now: app.now, timeZone: app.configuration.timeZone)
        api = PlanAPIController(pages: pages)
    }

    func register(_ routes: RouteTable) {
        routes.add(PlanRoutes.plan, use: pages.plan)
        routes.add(PlanRoutes.export, use: pages.export)
        routes.add(PlanRoutes.addGoal, use: pages.addGoal)
        routes.add(PlanRoutes.removeGoal, use: pages.removeGoal)
        routes.add(PlanRoutes.setDueDates, use: pages.setDueDates)
        routes.add(PlanRoutes.addAction, use: pages.addAction)
        routes.add(PlanRoutes.action, use: pages.actionPage)
        routes.add(PlanRoutes.updateAction, use: pages.updateAction)
        routes.add(PlanRoutes.api, use: api.plan)
    }
}
