import BelongCore
import Plot

/// The landing page: what Belong is, the way in for a student with a code, the six feelings, what Belong does, who it serves.
enum HomeView {
    static let feelings = ["safe", "seen", "heard", "supported", "significant", "caredFor"]
    static let loop = ["people", "measure", "understand", "tell"]
    static let audiences = ["district", "school", "staff", "students"]

    static func render(_ model: HomeViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .section(
                .class("hero"), .attribute(named: "aria-labelledby", value: "hero-heading"),
                .h1(.id("hero-heading"), .text(t("home.heading"))),
                .p(.class("lead"), .text(t("home.lead")))
            ),
            .section(
                .class("code-entry"), .attribute(named: "aria-labelledby", value: "code-heading"),
                .h2(.id("code-heading"), .text(t("home.code.heading"))),
                .p(.text(t("home.code.text"))),
                .p(.a(.class("button"), .href(SiteURL.respond.path), .text(t("home.code.link"))))
            ),
            .section(
                .class("learn"), .attribute(named: "aria-labelledby", value: "learn-heading"),
                .h2(.id("learn-heading"), .text(t("home.learn.heading"))),
                .p(.text(t("home.learn.text"))),
                .ul(.class("link-list"),
                    .li(.a(.href(SiteURL.about.path), .text(t("home.learn.link")))),
                    .li(.a(.href(SiteURL.aboutStrategies.path), .text(t("home.learn.strategies")))))
            ),
            .if(model.hasRoster, .section(
                .class("figures"), .attribute(named: "aria-labelledby", value: "figures-heading"),
                .h2(.id("figures-heading"), .text(t("home.figures.heading"))),
                .ul(
                    .class("figure-list"),
                    .li(.text(t("home.figures.schools", ["count": t.number(model.schools)]))),
                    .li(.text(t("home.figures.students", ["count": t.number(model.students)]))),
                    .li(.text(t("home.figures.staff", ["count": t.number(model.staff)])))
                )
            )),
            .section(
                .attribute(named: "aria-labelledby", value: "feelings-heading"),
                .h2(.id("feelings-heading"), .text(t("home.feelings.heading"))),
                .p(.text(t("home.feelings.intro"))),
                .ul(.class("feelings"), .forEach(feelings) { key in
                    .li(
                        .class("feeling feeling--\(key)"),
                        .strong(.text(t("home.feelings.\(key)"))),
                        .text(" — "),
                        .text(t("home.feelings.\(key)Text"))
                    )
                })
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "loop-heading"),
                .h2(.id("loop-heading"), .text(t("home.loop.heading"))),
                .p(.text(t("home.loop.intro"))),
                .ol(.class("cards"), .forEach(loop) { key in
                    .li(
                        .class("card"),
                        .h3(.text(t("home.loop.\(key)"))),
                        .p(.text(t("home.loop.\(key)Text")))
                    )
                })
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "who-heading"),
                .h2(.id("who-heading"), .text(t("home.who.heading"))),
                .ul(.class("audiences"), .forEach(audiences) { key in
                    .li(.text(t("home.who.\(key)")))
                }),
                .p(.a(.href(SiteURL.privacy.path), .text(t("home.privacyLink"))))
            )
        ))
    }
}
