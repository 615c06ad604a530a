import BelongCore
import Hummingbird

/// The public pages: landing and privacy.
struct PagesController {
    let kit: PageKit
    let roster: RosterStore
    let minimumGroupSize: Int


    @Sendable func home(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let figures = try await roster.activeFigures()
        let model = HomeViewModel(
            chrome: kit.chrome(request, context, titleKey: "home.title"),
            schools: figures.schools, students: figures.students, staff: figures.staff
        )
        return HTMLPage(html: HomeView.render(model))
    }

    @Sendable func privacy(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let model = PrivacyViewModel(chrome: kit.chrome(request, context, titleKey: "privacy.title"), minimumGroupSize: minimumGroupSize)
        return HTMLPage(html: PrivacyView.render(model))
    }
}
