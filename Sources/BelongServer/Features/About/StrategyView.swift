import BelongCore
import Plot

/// One strategy: what it means, what it looks like in a school, and what Belong does for it now — nothing it does not.
enum StrategyView {
    static func render(_ model: StrategyViewModel) -> HTML {
        let t = model.chrome.t
        let key = "about.strategy.\(model.strategy.rawValue)"
        let practices = (1...9).map { "\(key).looksLike.\($0)" }.filter { t.has($0) }
        return Layout.page(model.chrome, main: .group(
            AboutGuide.navigation(current: "strategies", t),
            .p(.class("muted"), .text(t("about.strategies.number", ["number": t.number(model.strategy.number)]))),
            .h1(.text(t("\(key).name"))),
            .p(.class("lead"), .text(t("\(key).short"))),
            .section(
                .attribute(named: "aria-labelledby", value: "means-heading"),
                .h2(.id("means-heading"), .text(t("about.strategies.meansHeading"))),
                .p(.text(t("\(key).means")))
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "looks-heading"),
                .h2(.id("looks-heading"), .text(t("about.strategies.looksLikeHeading"))),
                .ul(.forEach(practices) { .li(.text(t($0))) })
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "belong-heading"),
                .h2(.id("belong-heading"), .text(t("about.strategies.inBelongHeading"))),
                .p(.text(t("\(key).inBelong"))),
                AboutGuide.staffLink(signedIn: model.signedIn, t)
            ),
            .if(model.resourceCount > 0, .section(
                .attribute(named: "aria-labelledby", value: "library-heading"),
                .h2(.id("library-heading"), .text(t("about.strategies.libraryHeading"))),
                .ul(.class("resource-list"), .forEach(model.resources) { resource in
                    .li(.class("resource-card"), .h3(.class("resource-card__title"), .a(.href(resource.url), .text(resource.title))),
                        .p(.class("resource-card__facts"), .text(resource.facts)))
                }),
                .p(.a(.href(SiteURL.library.path + queryString([("strategy", model.strategy.rawValue)])),
                      .text(t("library.strategyLink", ["count": t.number(model.resourceCount)]))))
            )),
            .p(.a(.href(SiteURL.aboutTopics.path + "#topic-\(model.strategy.rawValue)"), .text(t("about.strategies.topicLink")))),
            .nav(
                .attribute(named: "aria-labelledby", value: "others-heading"),
                .h2(.id("others-heading"), .text(t("about.strategies.others"))),
                .ul(.class("link-list"), .forEach(Strategy.allCases.filter { $0 != model.strategy }) { other in
                    .li(.a(.href(SiteURL.aboutStrategy(other).path), .text(t("about.strategy.\(other.rawValue).name"))))
                })
            )
        ))
    }
}
