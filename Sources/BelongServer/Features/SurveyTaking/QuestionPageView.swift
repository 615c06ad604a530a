import BelongCore
import Foundation
import Plot

/// One page of questions: a scale's items (one question per screen on a phone), with progress,
/// back, next, and "save and finish later". Every question may be skipped.
struct QuestionPageViewModel: Sendable {
    let chrome: PageChrome
    let title: String
    let code: String
    let page: Int
    let pageCount: Int
    let firstQuestion: Int
    let questionCount: Int
    let items: [Instrument.Item]
    let answers: Answers
    let earlyYears: Bool
    /// For "which adults would you go to": the school's staff, by name.
    let staff: [(id: UUID, name: String)]
    let problem: String?
    /// Opened with "Change" from the review: the page's main button goes back there.
    var returnToReview = false
}

enum QuestionPageView {
    static func render(_ model: QuestionPageViewModel) -> HTML {
        let t = model.chrome.t
        let lang = "?lang=\(t.language.code)"
        let lastQuestion = model.firstQuestion + model.items.count - 1
        return Layout.page(model.chrome, main: .div(
            .class(model.earlyYears ? "survey survey--early" : "survey"),
            .p(.class("survey__title"), .text(model.title)),
            .div(
                .class("progress"),
                .element(named: "progress", nodes: [
                    .attribute(named: "max", value: String(model.pageCount)), .attribute(named: "value", value: String(model.page - 1)),
                    .attribute(named: "aria-labelledby", value: "progress-label"),
                ]),
                .span(.id("progress-label"), .attribute(named: "aria-live", value: "polite"), .text(
                    model.items.count == 1
                        ? t("survey.page.progressOne", ["number": String(model.firstQuestion), "count": String(model.questionCount)])
                        : t("survey.page.progress", ["first": String(model.firstQuestion), "last": String(lastQuestion), "count": String(model.questionCount)])
                ))
            ),
            .unwrap(model.problem) { Notices.warning($0) },
            .form(
                .method(.post), .action(SiteURL.respondPage(code: model.code, page: model.page).path + lang),
                // For survey-steps.js, which shows one question at a time on a phone.
                .attribute(named: "data-steps"),
                .attribute(named: "data-next", value: t("survey.page.nextQuestion")),
                .attribute(named: "data-previous", value: t("survey.page.previousQuestion")),
                // survey-steps.js says which question is on screen as the student moves through them.
                .attribute(named: "data-progress", value: t("survey.page.progressOne", ["number": "{number}", "count": String(model.questionCount)])),
                .attribute(named: "data-first", value: String(model.firstQuestion)),
                .input(.type(.hidden), .name("lang"), .value(t.language.code)),
                .if(model.returnToReview, .input(.type(.hidden), .name("return"), .value("review"))),
                .forEach(model.items.enumerated()) { offset, item in
                    question(item, number: model.firstQuestion + offset, model: model, t: t)
                },
                // "Next" comes first, so pressing Enter sends it; the stylesheet shows "Back" on its left.
                .div(
                    .class("survey__buttons"),
                    button(t(model.returnToReview ? "survey.page.backToReview" : model.page == model.pageCount ? "survey.page.review" : "survey.page.next"),
                           move: "next", secondary: false),
                    .if(model.page > 1, button(t("survey.page.back"), move: "back", secondary: true)),
                    button(t("survey.page.later"), move: "later", secondary: true)
                )
            ),
            .p(.class("muted"), .text(t("survey.page.skipHint")))
        ))
    }

    static func button(_ label: String, move: String, secondary: Bool) -> Node<HTML.FormContext> {
        .button(.type(.submit), .class(secondary ? "button button--secondary" : "button"), .name("move"), .value(move),
                .attribute(named: "data-move", value: move), .text(label))
    }

    static func question(_ item: Instrument.Item, number: Int, model: QuestionPageViewModel, t: Localizer) -> Node<HTML.FormContext> {
        let text = item.text(in: t.language)
        // Young children hear the question and then the choices.
        let spoken = ([text] + item.response.displayOrder.map { t(item.response.labelKey($0)) })
            .map { $0.last.map { ".?!".contains($0) } == true ? $0 : $0 + "." }
            .joined(separator: " ")
        let readAloud: Node<HTML.FormContext> = .if(model.earlyYears, .button(
            .type(.button), .class("read-aloud"), .attribute(named: "hidden"),
            .attribute(named: "data-read-aloud", value: spoken), .attribute(named: "aria-label", value: t("survey.page.readAloud", ["question": text])),
            // A drawn speaker rather than an emoji: kiosks and some phones have no emoji font.
            .img(.src("/img/speaker.svg"), Attribute(name: "alt", value: "", ignoreIfValueIsEmpty: false), .class("read-aloud__icon")),
            .text(t("survey.page.listen"))
        ))
        switch item.response {
        case .openText:
            return .div(
                .class("question"),
                .label(.for("q-\(item.id)"), .class("question__text"), .text("\(number). \(text)")),
                .element(named: "textarea", nodes: [
                    .attribute(named: "id", value: "q-\(item.id)"), .attribute(named: "name", value: "text.\(item.id)"),
                    .attribute(named: "rows", value: "4"), .attribute(named: "maxlength", value: String(Answers.maxTextLength)),
                    .text(model.answers.texts[item.id] ?? ""),
                ])
            )
        case .adultPick:
            let chosen = model.answers.adults
            return .fieldset(
                .class("question"),
                .element(named: "legend", nodes: [.class("question__text"), .text("\(number). \(text)")]),
                .p(.class("field__hint"), .text(t("survey.page.adultsHint"))),
                .forEach(0..<Answers.maxAdults) { slot in
                    Forms.select(name: "adult.\(slot)", label: t("survey.page.adult", ["number": String(slot + 1)]),
                                 options: [.init(value: "", label: t("survey.page.noAdult"))] + model.staff.map { .init(value: $0.id.uuidString.lowercased(), label: $0.name) },
                                 selected: slot < chosen.count ? chosen[slot].uuidString.lowercased() : "")
                }
            )
        default:
            let selected = model.answers.choices[item.id]
            return .fieldset(
                .class(item.response == .faces3 ? "question question--faces" : "question"),
                .element(named: "legend", nodes: [.class("question__text"), .text("\(number). \(text)")]),
                readAloud,
                .div(
                    .class("choices choices--\(item.response.rawValue)"),
                    .forEach(item.response.displayOrder) { value in
                        let id = "q-\(item.id)-\(value)"
                        return .div(
                            .class("choice"),
                            .input(.type(.radio), .id(id), .name("choice.\(item.id)"), .value(String(value)), .checked(selected == value)),
                            .label(
                                .for(id),
                                .if(item.response == .faces3, .img(.src(faceImage(value)), Attribute(name: "alt", value: "", ignoreIfValueIsEmpty: false), .class("face"))),
                                .span(.text(t(item.response.labelKey(value))))
                            )
                        )
                    }
                )
            )
        }
    }

    static func faceImage(_ value: Int) -> String {
        switch value {
        case 3: "/img/face-yes.svg"
        case 2: "/img/face-sometimes.svg"
        default: "/img/face-no.svg"
        }
    }
}
