import Foundation

/// Results pages and files (a school's, the district's comparison, the print report, "You said, we did") and
/// the results API. Every figure comes through the results engine's privacy filter.
enum ResultsRoutes {
    static let list = Route(.get, "/results", .page, access: .anyOf([.somewhere(.viewSchoolAggregates), .somewhere(.viewDistrictAggregates)]))
    static let wave = Route(.get, "/results/{wave}", .page, access: .anyOf([.school(.viewSchoolAggregates), .district(.viewDistrictAggregates)]))
    static let districtTable = Route(.get, "/results/{wave}/{table}", .download, access: .district(.viewDistrictAggregates))
    static let school = Route(.get, "/results/{wave}/schools/{school}", .page, access: .school(.viewSchoolAggregates))
    static let report = Route(.get, "/results/{wave}/schools/{school}/report", .page, access: .school(.viewSchoolAggregates))
    static let youSaid = Route(.get, "/results/{wave}/schools/{school}/you-said", .page, access: .school(.viewSchoolAggregates))
    static let schoolTable = Route(.get, "/results/{wave}/schools/{school}/{table}", .download, access: .school(.viewSchoolAggregates))
    // Open answers are the school team's, at their own school only: no district role reads or hides them.
    static let hideOpenAnswer = Route(.post, "/results/{wave}/schools/{school}/hide-answer", .form, access: .school(.readOpenAnswers))

    static let apiWaves = Route(.get, "/api/v1/waves", .api, access: .signedIn)
    static let apiResults = Route(.get, "/api/v1/waves/{wave}/results", .api,
                                  access: .anyOf([.school(.viewSchoolAggregates), .district(.viewDistrictAggregates)]))
    static let apiBreakdown = Route(.get, "/api/v1/waves/{wave}/breakdowns/{dimension}", .api,
                                    access: .anyOf([.school(.viewSchoolAggregates), .district(.viewDistrictAggregates)]))
}

/// A results table as a CSV file: its slug ("feelings", "grade", a district's attribute…) and ".csv".
struct ResultsTableFile: PathValue {
    let slug: String
    var pathSegment: String { "\(slug).csv".pathSegment }
}

extension SiteURL {
    static var results: SiteURL { ResultsRoutes.list.link() }
    static func waveResults(_ wave: UUID) -> SiteURL { ResultsRoutes.wave.link(wave) }
    static func waveResultsTable(wave: UUID, table: String) -> SiteURL { ResultsRoutes.districtTable.link(wave, ResultsTableFile(slug: table)) }
    static func schoolResults(wave: UUID, school: UUID) -> SiteURL { ResultsRoutes.school.link(wave, school) }
    static func schoolResultsTable(wave: UUID, school: UUID, table: String) -> SiteURL {
        ResultsRoutes.schoolTable.link(wave, school, ResultsTableFile(slug: table))
    }
    static func schoolReport(wave: UUID, school: UUID) -> SiteURL { ResultsRoutes.report.link(wave, school) }
    static func youSaid(wave: UUID, school: UUID) -> SiteURL { ResultsRoutes.youSaid.link(wave, school) }
    static func hideOpenAnswer(wave: UUID, school: UUID) -> SiteURL { ResultsRoutes.hideOpenAnswer.link(wave, school) }
}

struct ResultsFeature: Feature {
    let pages: ResultsController
    let api: ResultsAPIController

    init(_ app: AppServices) {
        pages = ResultsController(kit: app.kit, queries: app.resultsQueries, surveys: app.surveys, organizations: app.organizations, audit: app.audit,
                                  recommendations: app.recommendations, plans: app.plans, clock: app.now)
        api = ResultsAPIController(queries: app.resultsQueries, surveys: app.surveys)
    }

    func register(_ routes: RouteTable) {
        routes.add(ResultsRoutes.list, use: pages.list)
        routes.add(ResultsRoutes.wave, use: pages.wave)
        routes.add(ResultsRoutes.districtTable, use: pages.districtTable)
        routes.add(ResultsRoutes.school, use: pages.school)
        routes.add(ResultsRoutes.report, use: pages.report)
        routes.add(ResultsRoutes.youSaid, use: pages.youSaid)
        routes.add(ResultsRoutes.schoolTable, use: pages.schoolTable)
        routes.add(ResultsRoutes.hideOpenAnswer, use: pages.hideOpenAnswer)
        routes.add(ResultsRoutes.apiWaves, use: api.waves)
        routes.add(ResultsRoutes.apiResults, use: api.results)
        routes.add(ResultsRoutes.apiBreakdown, use: api.breakdown)
    }

    static let navigation = [NavigationEntry(
        position: 30, labelKey: "nav.results", route: ResultsRoutes.list
    )]
}
