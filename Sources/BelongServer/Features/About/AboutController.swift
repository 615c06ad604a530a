import BelongCore
import Hummingbird

/// The guide to school connectedness: the same pages for everyone, with a way in for staff at the end.
struct AboutController {
    let kit: PageKit

    private func model(_ request: Request, _ context: BelongRequestContext, titleKey: String) -> AboutViewModel {
        AboutViewModel(chrome: kit.chrome(request, context, titleKey: titleKey), signedIn: context.visitor != nil)
    }

    @Sendable func what(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        HTMLPage(html: AboutView.render(model(request, context, titleKey: "about.what.title")))
    }

    @Sendable func why(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        HTMLPage(html: WhyView.render(model(request, context, titleKey: "about.why.title")))
    }

    @Sendable func strategies(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        HTMLPage(html: StrategiesView.render(model(request, context, titleKey: "about.strategies.title")))
    }

    func strategy(_ strategy: Strategy, request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let chrome = kit.chrome(request, context, titleKey: "about.strategy.\(strategy.rawValue).name")
        return HTMLPage(html: StrategyView.render(StrategyViewModel(chrome: chrome, strategy: strategy, signedIn: context.visitor != nil)))
    }

    @Sendable func gettingStarted(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        HTMLPage(html: GettingStartedView.render(model(request, context, titleKey: "about.gettingStarted.title")))
    }

    @Sendable func topics(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        HTMLPage(html: TopicsView.render(model(request, context, titleKey: "about.topics.title")))
    }
}
