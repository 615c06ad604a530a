import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("The guide to school connectedness as HTML")
struct AboutViewSnapshotTests {
    static func model(_ language: BelongCore.Language, titleKey: String, path: String) -> AboutViewModel {
        AboutViewModel(chrome: PageSnapshots.chrome(language, titleKey: titleKey, path: path), signedIn: false)
    }

    @Test("what it is, why it matters, the six strategies, getting started and the topics, to a visitor", arguments: BelongCore.Language.interface)
    func pages(language: BelongCore.Language) {
        PageSnapshots.check(AboutView.render(Self.model(language, titleKey: "about.what.title", path: "/about")), named: "what-\(language.code)",
                            feature: "About")
        PageSnapshots.check(WhyView.render(Self.model(language, titleKey: "about.why.title", path: "/about/why")), named: "why-\(language.code)",
                            feature: "About")
        PageSnapshots.check(StrategiesView.render(Self.model(language, titleKey: "about.strategies.title", path: "/about/strategies")),
                            named: "strategies-\(language.code)", feature: "About")
        PageSnapshots.check(GettingStartedView.render(Self.model(language, titleKey: "about.gettingStarted.title", path: "/about/getting-started")),
                            named: "gettingStarted-\(language.code)", feature: "About")
        PageSnapshots.check(TopicsView.render(Self.model(language, titleKey: "about.topics.title", path: "/about/topics")),
                            named: "topics-\(language.code)", feature: "About")
    }

    @Test("each strategy's page, to a principal", arguments: Strategy.allCases)
    func strategy(strategy: Strategy) {
        for language in BelongCore.Language.interface {
            let path = SiteURL.aboutStrategy(strategy).path
            let model = StrategyViewModel(
                chrome: PageSnapshots.chrome(language, titleKey: "about.strategy.\(strategy.rawValue).name", path: path, visitor: PageSnapshots.principal),
                strategy: strategy, signedIn: true
            )
            PageSnapshots.check(StrategyView.render(model), named: "\(strategy.rawValue)-\(language.code)", feature: "About")
        }
    }
}
