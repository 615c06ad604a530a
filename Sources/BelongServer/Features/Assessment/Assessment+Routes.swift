import BelongCore
import Foundation

/// The six-strategy self-assessment (issue #18): a school's assessments and their scorecards, for whoever reads
/// its results; each member's own ratings; the facilitator's spread and consensus; the district's side by side.
enum AssessmentRoutes {
    static let list = Route(.get, "/schools/{school}/assessments", .page, access: .school(.viewSchoolAggregates))
    static let start = Route(.post, "/schools/{school}/assessments", .form, access: .school(.facilitateAssessment))
    static let scorecard = Route(.get, "/schools/{school}/assessments/{assessment}", .page, access: .school(.viewSchoolAggregates))
    static let rate = Route(.get, "/schools/{school}/assessments/{assessment}/rate", .page, access: .school(.rateAssessment))
    static let saveRatings = Route(.post, "/schools/{school}/assessments/{assessment}/rate", .form, access: .school(.rateAssessment))
    static let consensus = Route(.get, "/schools/{school}/assessments/{assessment}/consensus", .page, access: .school(.facilitateAssessment))
    static let decide = Route(.post, "/schools/{school}/assessments/{assessment}/consensus", .form, access: .school(.facilitateAssessment))
    static let district = Route(.get, "/district/assessments", .page, access: .district(.viewDistrictAggregates))
}

extension SiteURL {
    static func assessments(school: UUID) -> SiteURL { AssessmentRoutes.list.link(school) }
    static func assessment(_ id: UUID, school: UUID) -> SiteURL { AssessmentRoutes.scorecard.link(school, id) }
    static func rateAssessment(_ id: UUID, school: UUID) -> SiteURL { AssessmentRoutes.rate.link(school, id) }
    static func assessmentConsensus(_ id: UUID, school: UUID) -> SiteURL { AssessmentRoutes.consensus.link(school, id) }
    static var districtAssessments: SiteURL { AssessmentRoutes.district.link() }
}

struct AssessmentFeature: Feature {
    let pages: AssessmentController

    init(_ app: AppServices) {
        pages = AssessmentController(kit: app.kit, assessments: app.assessments, organizations: app.organizations, accounts: app.accounts,
                                     surveys: app.surveys, instruments: app.instruments, audit: app.audit, now: app.now,
                                     timeZone: app.configuration.timeZone)
    }

    func register(_ routes: RouteTable) {
        routes.add(AssessmentRoutes.list, use: pages.list)
        routes.add(AssessmentRoutes.start, use: pages.start)
        routes.add(AssessmentRoutes.scorecard, use: pages.scorecard)
        routes.add(AssessmentRoutes.rate, use: pages.rateForm)
        routes.add(AssessmentRoutes.saveRatings, use: pages.saveRatings)
        routes.add(AssessmentRoutes.consensus, use: pages.consensusForm)
        routes.add(AssessmentRoutes.decide, use: pages.decide)
        routes.add(AssessmentRoutes.district, use: pages.district)
    }
}
