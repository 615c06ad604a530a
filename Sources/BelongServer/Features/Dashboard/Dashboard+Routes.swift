/// The page every signed-in person lands on.
enum DashboardRoutes {
    static let dashboard = Route(.get, "/dashboard", .page, access: .signedIn)
}

extension SiteURL {
    static var dashboard: SiteURL { DashboardRoutes.dashboard.link() }
}

struct DashboardFeature: Feature {
    let dashboard: DashboardController

    init(_ app: AppServices) {
        dashboard = DashboardController(kit: app.kit, organizations: app.organizations, summaries: DashboardSummaries(
            queries: app.resultsQueries, surveys: app.surveys, participation: app.participation, people: app.people
        ), recommendations: app.recommendations, plans: app.plans, timeZone: app.configuration.timeZone, clock: app.now)
    }

    func register(_ routes: RouteTable) {
        routes.add(DashboardRoutes.dashboard, use: dashboard.dashboard)
    }

    static let navigation = [NavigationEntry(position: 10, labelKey: "nav.dashboard", route: DashboardRoutes.dashboard)]
}
