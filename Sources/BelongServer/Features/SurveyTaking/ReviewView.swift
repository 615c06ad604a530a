import BelongCore
import Foundation
import Plot

/// Before sending: every question with its answer (or "skipped"), each with a way back to change it.
struct ReviewViewModel: Sendable {
    struct Row: Sendable {
        let number: Int
        let question: String
        let answer: String?
        let page: Int
        /// The face a K–3 answer was given with.
        var face: String? = nil
    }

    let chrome: PageChrome
    let title: String
    let code: String
    let rows: [Row]
    let lastPage: Int
    /// Why the last "Send" did not go through, when it did not.
    var problem: String? = nil
    var earlyYears = false
    /// After "No" to the trusted-adult question: where to get help now.
    var help: SurveyHelp? = nil
}

enum ReviewView {
    static func render(_ model: ReviewViewModel) -> HTML {
        let t = model.chrome.t
        let lang = "?lang=\(t.language.code)"
        return Layout.page(model.chrome, main: .div(
            .class("survey"),
            .p(.class("survey__title"), .text(model.title)),
            .h1(.text(t("survey.review.heading"))),
            .if(model.earlyYears, ReadAloud.button(speaking: ReadAloud.sentences([t("survey.review.heading")] + model.rows.flatMap { row in
                ["\(row.number). \(row.question)", row.answer ?? t("survey.review.skipped")]
            }), label: t("survey.page.readPage"), t)),
            .unwrap(model.problem) { Notices.warning($0) },
            .unwrap(model.help) { HelpCard.render($0, t) },
            .p(.text(t("survey.review.lead"))),
            .dl(
                .class("review"),
                .forEach(model.rows) { row in
                    .group(
                        .dt(.text("\(row.number). \(row.question)")),
                        .dd(
                            .span(.class("review__answer"),
                                  .unwrap(row.face) { .img(.src($0), Attribute(name: "alt", value: "", ignoreIfValueIsEmpty: false), .class("face face--small")) },
                                  .text(row.answer ?? t("survey.review.skipped"))), .text(" "),
                            .a(.href(SiteURL.respondPage(code: model.code, page: row.page).path + lang + "&from=review"),
                               .attribute(named: "aria-label", value: t("survey.review.changeLabel", ["number": String(row.number)])),
                               .text(t("survey.review.change")))
                        )
                    )
                }
            ),
            .form(
                .method(.post), .action(SiteURL.respondSubmit(code: model.code).path + lang),
                .input(.type(.hidden), .name("lang"), .value(t.language.code)),
                .div(
                    .class("survey__buttons"),
                    .a(.class("button button--secondary"), .href(SiteURL.respondPage(code: model.code, page: model.lastPage).path + lang), .text(t("survey.page.back"))),
                    Forms.submit(t("survey.review.submit"))
                )
            )
        ))
    }
}

/// After sending, and for "save and finish later".
struct SurveyMessageViewModel: Sendable {
    let chrome: PageChrome
    let heading: String
    let text: String
    /// After "save and finish later": the word that opens the answers on another device.
    var resumeWord: String? = nil
    var earlyYears = false
    /// At the end of a survey: where to get help now.
    var help: SurveyHelp? = nil
}

enum SurveyMessageView {
    static func render(_ model: SurveyMessageViewModel) -> HTML {
        Layout.page(model.chrome, main: .div(
            .class("narrow survey"),
            .h1(.text(model.heading)),
            .if(model.earlyYears, ReadAloud.button(speaking: ReadAloud.sentences([model.heading, model.text]), label: model.chrome.t("survey.page.readPage"), model.chrome.t)),
            .p(.class("lead"), .text(model.text)),
            .unwrap(model.help) { HelpCard.render($0, model.chrome.t) },
            .unwrap(model.resumeWord) { word in
                .div(
                    .class("notice-card resume-word"),
                    .p(.text(model.chrome.t("survey.later.word")), .text(" "), .strong(.class("secret"), .text(ResumeWord.display(word)))),
                    .p(.text(model.chrome.t("survey.later.wordHint")))
                )
            }
        ))
    }
}
