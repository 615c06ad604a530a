import BelongCore
import Foundation
import Plot

/// The first page behind a code: the language, what is asked, how private it is.
struct WelcomeViewModel: Sendable {
    let chrome: PageChrome
    let title: String
    let code: String
    let confidential: Bool
    let questionCount: Int
    let languages: [BelongCore.Language]
    let resuming: Bool
    let firstPage: String
}

enum WelcomeView {
    static func render(_ model: WelcomeViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .div(
            .class("narrow survey"),
            .h1(.text(model.title)),
            .if(model.languages.count > 1, .nav(
                .class("language-choice"), .ariaLabel(t("survey.welcome.language")),
                .ul(.forEach(model.languages) { language in
                    .li(.a(.href(SiteURL.respondWelcome(code: model.code).path + "?lang=\(language.code)"),
                           .attribute(named: "lang", value: language.code), .attribute(named: "hreflang", value: language.code),
                           .if(language == t.language, .attribute(named: "aria-current", value: "true")),
                           .text(language.endonym)))
                })
            )),
            .if(model.resuming, Notices.success(t("survey.welcome.resuming"))),
            .section(
                .class("notice-card"), .attribute(named: "aria-labelledby", value: "notice-heading"),
                .h2(.id("notice-heading"), .text(t("survey.welcome.noticeHeading"))),
                .ul(
                    .li(.text(t("survey.welcome.asked", ["count": t.number(model.questionCount)]))),
                    .li(.strong(.text(t(model.confidential ? "survey.welcome.confidential" : "survey.welcome.anonymous")))),
                    .li(.text(t("survey.welcome.skip"))),
                    .li(.text(t("survey.welcome.stop")))
                )
            ),
            .p(.a(.class("button"), .href(model.firstPage), .text(t(model.resuming ? "survey.welcome.continue" : "survey.welcome.start"))))
        ))
    }
}
