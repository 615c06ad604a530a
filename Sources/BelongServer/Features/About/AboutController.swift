import BelongCore
import Hummingbird

/// The guide to school connectedness: the same pages for everyone, with a way in for staff at the end.
struct AboutController {
    let kit: PageKit
    let library: LibraryStore

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
        let t = kit.t(context)
        let serving = try await library.all(scope: LibraryScope(context.visitor)).filter { $0.resource.strategies.contains(strategy) }
        // The most specific to the strategy first, then the better established: a reader starts with what is most about it.
        let chosen = serving.map(\.resource).sorted { x, y in
            if x.strategies.count != y.strategies.count { return x.strategies.count < y.strategies.count }
            if x.evidence.level != y.evidence.level { return x.evidence.level < y.evidence.level }
            return Resource.alphabetical(x, y, in: t.language)
        }.prefix(5)
        var model = StrategyViewModel(chrome: chrome, strategy: strategy, signedIn: context.visitor != nil)
        model.resources = chosen.map { resource in
            (resource.title(in: t.language), SiteURL.libraryResource(resource.id).path,
             [LibraryText.kind(resource.kind, t), LibraryText.evidence(resource.evidence, t)].joined(separator: " · "))
        }
        model.resourceCount = serving.count
        return HTMLPage(html: StrategyView.render(model))
    }

    @Sendable func gettingStarted(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        HTMLPage(html: GettingStartedView.render(model(request, context, titleKey: "about.gettingStarted.title")))
    }

    @Sendable func topics(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        HTMLPage(html: TopicsView.render(model(request, context, titleKey: "about.topics.title")))
    }
}
