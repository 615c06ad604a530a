import BelongCore
import Plot

/// Four first steps for a school team.
enum GettingStartedView {
    static let steps = ["learn", "ask", "read", "tell"]

    static func render(_ model: AboutViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            AboutGuide.navigation(current: "gettingStarted", t),
            .h1(.text(t("about.gettingStarted.heading"))),
            .p(.class("lead"), .text(t("about.gettingStarted.lead"))),
            .ol(.class("cards"), .forEach(steps) { step in
                .li(.class("card"), .h2(.class("card__title"), .text(t("about.gettingStarted.\(step)"))), .p(.text(t("about.gettingStarted.\(step)Text"))))
            }),
            .h2(.text(t("about.guide.strategies"))),
            AboutGuide.strategyList(t),
            AboutGuide.staffLink(signedIn: model.signedIn, t)
        ))
    }
}
