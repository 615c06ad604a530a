import BelongCore
import Plot

/// A page of the guide: the same for everyone, but a signed-in reader is sent on to their dashboard rather than to sign in.
struct AboutViewModel: Sendable {
    let chrome: PageChrome
    let signedIn: Bool
}

struct StrategyViewModel: Sendable {
    let chrome: PageChrome
    let strategy: Strategy
    let signedIn: Bool
    /// The library's resources for the strategy, the best established first, and how many there are in all.
    var resources: [(title: String, url: String, facts: String)] = []
    var resourceCount = 0
}

/// The parts every page of the guide shares: where one is in it, and the way on for staff.
enum AboutGuide {
    static let sections: [(key: String, url: SiteURL)] = [
        ("what", .about), ("why", .aboutWhy), ("strategies", .aboutStrategies), ("gettingStarted", .aboutGettingStarted), ("topics", .aboutTopics),
    ]

    /// The guide's table of contents, the current page marked for assistive technology as well as by sight.
    static func navigation(current: String, _ t: Localizer) -> Node<HTML.BodyContext> {
        .nav(
            .class("guide"), .attribute(named: "aria-label", value: t("about.sections")),
            .ol(.forEach(sections) { section in
                .li(.a(
                    .href(section.url.path), .if(section.key == current, .attribute(named: "aria-current", value: "page")),
                    .text(t("about.guide.\(section.key)"))
                ))
            })
        )
    }

    static func staffLink(signedIn: Bool, _ t: Localizer) -> Node<HTML.BodyContext> {
        .p(.class("guide__staff"), signedIn
            ? .a(.href(SiteURL.dashboard.path), .text(t("about.strategies.dashboard")))
            : .a(.href(SiteURL.signIn(next: SiteURL.dashboard.path).path), .text(t("about.strategies.signIn"))))
    }

    /// The numbered list of the six strategies, each a link to its page.
    /// `topLevel`: the list comes right under the page's title, so its names are second-level headings.
    static func strategyList(_ t: Localizer, topLevel: Bool = false) -> Node<HTML.BodyContext> {
        .ol(.class("cards strategies"), .forEach(Strategy.allCases) { strategy in
            let name: Node<HTML.BodyContext> = .a(.href(SiteURL.aboutStrategy(strategy).path), .text(t("about.strategy.\(strategy.rawValue).name")))
            return .li(
                .class("card"),
                topLevel ? .h2(.class("card__title"), name) : .h3(name),
                .p(.text(t("about.strategy.\(strategy.rawValue).short")))
            )
        })
    }
}

/// What school connectedness is: six feelings, the relationships behind them, and its place among the approaches to positive mental health.
enum AboutView {
    static let relationships = ["students", "staffStudents", "staff", "community"]
    static let approaches = ["connectedness", "sel", "fitness", "strengths"]
    static let feelings = ["safe", "seen", "heard", "supported", "significant", "caredFor"]

    static func render(_ model: AboutViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            AboutGuide.navigation(current: "what", t),
            .h1(.text(t("about.what.heading"))),
            .p(.class("lead"), .text(t("about.what.lead"))),
            .ul(.class("feelings"), .forEach(feelings) { key in
                .li(.strong(.text(t("home.feelings.\(key)"))), .text(" — "), .text(t("home.feelings.\(key)Text")))
            }),
            .p(.class("muted"), .text(t("about.what.credit"))),
            .section(
                .attribute(named: "aria-labelledby", value: "relationships-heading"),
                .h2(.id("relationships-heading"), .text(t("about.what.relationshipsHeading"))),
                .p(.text(t("about.what.relationshipsIntro"))),
                .ul(.forEach(relationships) { .li(.text(t("about.what.relationships.\($0)"))) }),
                .p(.text(t("about.what.relationshipsText")))
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "mental-health-heading"),
                .h2(.id("mental-health-heading"), .text(t("about.what.mentalHealthHeading"))),
                .p(.text(t("about.what.mentalHealthDefinition"))),
                .p(.text(t("about.what.mentalHealthText"))),
                .ul(.forEach(approaches) { .li(.text(t("about.what.approaches.\($0)"))) }),
                .p(.text(t("about.what.readings")))
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "guide-heading"),
                .h2(.id("guide-heading"), .text(t("about.sections"))),
                .ul(.class("cards"), .forEach(AboutGuide.sections.dropFirst()) { section in
                    .li(.class("card"), .h3(.a(.href(section.url.path), .text(t("about.guide.\(section.key)")))),
                        .p(.text(t("about.guide.\(section.key)Text"))))
                })
            ),
            AboutGuide.staffLink(signedIn: model.signedIn, t)
        ))
    }
}
