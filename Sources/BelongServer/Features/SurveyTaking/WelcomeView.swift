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
    /// Answers are saved for this code in another browser: ask for their resume word, or start again.
    let locked: Bool
    let typedWord: String
    let wordProblem: String?
    let firstPage: String
    /// The K–3 form: the page can be heard.
    var earlyYears = false
}

enum WelcomeView {
    static func render(_ model: WelcomeViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .div(
            .class("narrow survey"),
            .h1(.text(model.title)),
            .if(model.earlyYears, ReadAloud.button(speaking: ReadAloud.sentences([
                model.title, t("survey.welcome.noticeHeading"), t("survey.welcome.asked", ["count": t.number(model.questionCount)]),
                t(model.confidential ? "survey.welcome.confidential" : "survey.welcome.anonymous"), t("survey.welcome.skip"), t("survey.welcome.stop"),
            ]), label: t("survey.page.readPage"), t)),
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
            .if(model.locked, .section(
                .class("notice-card"), .attribute(named: "aria-labelledby", value: "locked-heading"),
                .h2(.id("locked-heading"), .text(t("survey.welcome.lockedHeading"))),
                .p(.text(t("survey.welcome.lockedText"))),
                .form(
                    .method(.post), .action(SiteURL.respondWelcome(code: model.code).path + "?lang=\(t.language.code)"), .attribute(named: "novalidate"),
                    Forms.input(.init(name: "resume", label: t("survey.welcome.wordLabel"), value: model.typedWord, hint: t("survey.welcome.wordHint"),
                                      error: model.wordProblem, autocomplete: "off", leftToRight: true)),
                    Forms.submit(t("survey.welcome.open"))
                ),
                .p(.text(t("survey.welcome.startAgainText")))
            )),
            .p(.a(.class(model.locked ? "button button--secondary" : "button"), .href(model.firstPage),
                  .text(t(model.resuming ? "survey.welcome.continue" : model.locked ? "survey.welcome.startAgain" : "survey.welcome.start"))))
        ))
    }
}
