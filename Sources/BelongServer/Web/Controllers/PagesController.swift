import BelongCore
import Hummingbird

/// The public pages: landing and privacy.
struct PagesController {
    let translations: Translations
    let roster: RosterStore
    let minimumGroupSize: Int

    func addRoutes(to router: Router<BelongRequestContext>) {
        router.get(SiteURL.home.route, use: home)
        router.get(SiteURL.privacy.route, use: privacy)
    }

    @Sendable func home(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let figures = try await roster.activeFigures()
        let chrome = PageChrome(t: translations.localizer(for: context.language), titleKey: "home.title", currentPath: request.uri.description)
        let model = HomeViewModel(chrome: chrome, schools: figures.schools, students: figures.students, staff: figures.staff)
        return HTMLPage(html: HomeView.render(model))
    }

    @Sendable func privacy(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let chrome = PageChrome(t: translations.localizer(for: context.language), titleKey: "privacy.title", currentPath: request.uri.description)
        return HTMLPage(html: PrivacyView.render(PrivacyViewModel(chrome: chrome, minimumGroupSize: minimumGroupSize)))
    }
}
