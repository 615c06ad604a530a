import BelongCore
import Plot

/// The six strategies at a glance, where they come from, and the schools that showed them at work.
enum StrategiesView {
    static func render(_ model: AboutViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            AboutGuide.navigation(current: "strategies", t),
            .h1(.text(t("about.strategies.heading"))),
            .p(.class("lead"), .text(t("about.strategies.lead"))),
            AboutGuide.strategyList(t, topLevel: true),
            .p(.class("muted"), .text(t("about.strategies.credit"))),
            .section(
                .attribute(named: "aria-labelledby", value: "grantees-heading"),
                .h2(.id("grantees-heading"), .text(t("about.strategies.granteesHeading"))),
                .p(.text(t("about.strategies.granteesText")))
            ),
            AboutGuide.staffLink(signedIn: model.signedIn, t)
        ))
    }
}
