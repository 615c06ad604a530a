/// Answering a survey with a code: the pages, and the respondent API. Everyone may call them; the code decides.
enum SurveyTakingRoutes {
    static let enter = Route(.get, "/s", .page, access: .everyone)
    static let enterSubmitted = Route(.post, "/s", .form, access: .everyone)
    static let thanks = Route(.get, "/s/thanks", .page, access: .everyone)
    static let welcome = Route(.get, "/s/{code}", .page, access: .everyone)
    static let unlock = Route(.post, "/s/{code}", .form, access: .everyone)
    static let page = Route(.get, "/s/{code}/{page}", .page, access: .everyone)
    static let savePage = Route(.post, "/s/{code}/{page}", .form, access: .everyone)
    static let review = Route(.get, "/s/{code}/review", .page, access: .everyone)
    static let submit = Route(.post, "/s/{code}/submit", .form, access: .everyone)

    static let survey = Route(.get, "/api/v1/respond/{code}", .api, access: .everyone)
    static let submitAnswers = Route(.post, "/api/v1/respond/{code}", .api, access: .everyone)
    static let saveDraft = Route(.put, "/api/v1/respond/{code}/draft", .api, access: .everyone)
}

extension SiteURL {
    static var respond: SiteURL { SurveyTakingRoutes.enter.link() }
    static var respondThanks: SiteURL { SurveyTakingRoutes.thanks.link() }
    static func respondWelcome(code: String) -> SiteURL { SurveyTakingRoutes.welcome.link(code) }
    static func respondPage(code: String, page: Int) -> SiteURL { SurveyTakingRoutes.page.link(code, page) }
    static func respondReview(code: String) -> SiteURL { SurveyTakingRoutes.review.link(code) }
    static func respondSubmit(code: String) -> SiteURL { SurveyTakingRoutes.submit.link(code) }
}

struct SurveyTakingFeature: Feature {
    let pages: RespondController
    let api: RespondAPIController

    init(_ app: AppServices) {
        pages = RespondController(kit: app.kit, taking: app.taking, people: app.people, help: app.help, helpline: app.configuration.helpline)
        api = RespondAPIController(kit: app.kit, taking: app.taking, people: app.people, help: app.help, helpline: app.configuration.helpline)
    }

    func register(_ routes: RouteTable) {
        routes.add(SurveyTakingRoutes.enter, use: pages.enter)
        routes.add(SurveyTakingRoutes.enterSubmitted, use: pages.enterSubmitted)
        routes.add(SurveyTakingRoutes.thanks, use: pages.thanks)
        routes.add(SurveyTakingRoutes.welcome, use: pages.welcome)
        routes.add(SurveyTakingRoutes.unlock, use: pages.unlock)
        routes.add(SurveyTakingRoutes.review, use: pages.review)
        routes.add(SurveyTakingRoutes.submit, use: pages.submit)
        routes.add(SurveyTakingRoutes.page, use: pages.page)
        routes.add(SurveyTakingRoutes.savePage, use: pages.savePage)
        routes.add(SurveyTakingRoutes.survey, use: api.survey)
        routes.add(SurveyTakingRoutes.submitAnswers, use: api.submit)
        routes.add(SurveyTakingRoutes.saveDraft, use: api.saveDraft)
    }
}
