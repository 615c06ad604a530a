import BelongCore
import Plot

/// A school's results for a wave. The page answers, in order: how connected do students feel,
/// did it change, which feeling is weakest, for whom — then the detail for those who want it.
enum SchoolResultsView {
    static func render(_ model: SchoolResultsViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .div(.class(model.isReport ? "results report" : "results"),
                 .h1(.text(model.heading)),
                 .p(.class("lead"), .text(model.subheading)),
                 ResultsComponents.facts(model.facts),
                 .if(!model.isReport, filter(model)),
                 .unwrap(model.withheld) { Notices.warning($0) },
            .unwrap(model.releaseNote) { .p(.class("release-note"), .text($0)) },
                 .if(model.isReport, .div(.class("summary-pair"), .unwrap(model.headline) { headline($0, t) }, trustedAdult(model)),
                     else: .unwrap(model.headline) { headline($0, t) }),
                 .unwrap(model.nextStep) { .p(.class("next-step"), .strong(.text(t("results.nextStepLabel"))), .text(" "), .text($0)) },
                 .if(model.isReport, .unwrap(model.feelingsSummary) { summary in
                     .section(.id("feelings-summary"), .attribute(named: "aria-labelledby", value: "feelings-summary-heading"), .class("results-section"),
                              .h2(.id("feelings-summary-heading"), .text(t("results.feelings.heading"))),
                              model.feelingsChart?.render() ?? .empty,
                              ResultsComponents.table(summary, id: "feelings-summary-table"))
                 }),
                 .unwrap(model.feelings.flatMap { model.shows($0.id) ? $0 : nil }) { section in
                     ResultsComponents.section(section, chart: model.isReport ? .empty : model.feelingsChart?.render() ?? .empty,
                                               csvLabel: t("results.csv"), showCSV: !model.isReport)
                 },
                 .if(!model.isReport, trustedAdult(model)),
                 .if(!model.isReport, .unwrap(model.recommendations) { RecommendationsSection.render($0, t) }),
                 .unwrap(model.trend.flatMap { model.shows($0.id) ? $0 : nil }) { section in
                     ResultsComponents.section(section, chart: model.trendChart?.render() ?? .empty, csvLabel: t("results.csv"), showCSV: !model.isReport)
                 },
                 .if(model.isReport, reportChoices(model)),
                 .if(model.isReport && !model.reportParts.isEmpty, .div(.class("page-break"))),
                 .unwrap(model.items.flatMap { model.shows($0.id) ? $0 : nil }) { section in
                     ResultsComponents.section(section, chart: model.distributionChart?.render() ?? .empty, csvLabel: t("results.csv"), showCSV: !model.isReport)
                 },
                 .forEach(model.breakdowns.filter { model.shows($0.id) }) { ResultsComponents.section($0, csvLabel: t("results.csv"), showCSV: !model.isReport) },
                 .unwrap(model.reliability.flatMap { model.shows($0.id) ? $0 : nil }) { section in
                     // Closed on the page: it is for those who check the scales, not the first thing a reader needs.
                     .element(named: "details", nodes: [
                         .class("analysts"), .if(model.isReport, .attribute(named: "open", value: "open")),
                         .element(named: "summary", nodes: [.text(t("results.reliability.summary"))]),
                         ResultsComponents.section(section, csvLabel: t("results.csv"), showCSV: !model.isReport),
                     ])
                 },
                 .unwrap(model.openAnswers.flatMap { model.shows("open") ? $0 : nil }) { groups in
                     .section(.id("open-answers"), .attribute(named: "aria-labelledby", value: "open-heading"), .class("results-section"),
                              .h2(.id("open-heading"), .text(t("results.open.heading"))),
                              Notices.success(model.openAnswersNotice),
                              .unwrap(model.openAnswersNote) { .p(.class("muted"), .text($0)) },
                              .if(model.hideAnswerAction != nil, .p(.class("muted screen-only"), .text(t("results.open.hideNote")))),
                              .forEach(groups) { group in
                                  .group(.h3(.text(group.question)),
                                         .if(group.answers.isEmpty, .p(.text(t("results.open.none"))),
                                             else: .ul(.class("open-answers"), .forEach(group.answers) { answer in
                                                 .li(.if(answer.check != nil, .class("open-answer--check")),
                                                     .div(.class("open-answer__text"), .id("answer-\(answer.key)"),
                                                          .p(.text(answer.text)),
                                                          .unwrap(answer.check) { .p(.class("open-answer__check"), .strong(.text($0))) }),
                                                     .unwrap(model.hideAnswerAction) { action in
                                                         .form(.class("screen-only open-answer__hide"), .method(.post), .action(action),
                                                               Forms.csrf(model.chrome.formToken),
                                                               .input(.type(.hidden), .name("answer"), .value(answer.key)),
                                                               .button(.type(.submit), .class("button button--secondary button--small"),
                                                                       .attribute(named: "aria-describedby", value: "answer-\(answer.key)"),
                                                                       .text(t("results.open.hide"))))
                                                     })
                                             })))
                              })
                 },
                 .if(!model.isReport, .nav(.attribute(named: "aria-label", value: t("results.more")), .class("screen-only"),
                                           .ul(.class("link-list"), .forEach(model.links) { .li(.a(.href($0.url), .text($0.label))) })))
            )
        ))
    }

    static func trustedAdult(_ model: SchoolResultsViewModel) -> Node<HTML.BodyContext> {
        let t = model.chrome.t
        return .unwrap(model.trustedAdult) { trusted in
            .section(.id("trusted-adult"), .attribute(named: "aria-labelledby", value: "trusted-heading"), .class("results-section"),
                     .h2(.id("trusted-heading"), .text(t("results.trusted.heading"))),
                     .p(.text(trusted.question)),
                     .p(.class("big-figure"), .text(trusted.value), .text(" "), .span(.class("muted"), .text(trusted.range))),
                     .if(!trusted.n.isEmpty, .p(.class("muted"), .text(trusted.n))),
                     .unwrap(trusted.change) { .p(.text(t("results.sincePrevious", ["change": $0]))) })
        }
    }

    /// The report prints a one-page summary; the reader adds the details they want after it.
    static func reportChoices(_ model: SchoolResultsViewModel) -> Node<HTML.BodyContext> {
        let t = model.chrome.t
        return .form(
            .class("filters report-choices screen-only"), .method(.get), .action(model.reportAction),
            .fieldset(
                .element(named: "legend", text: t("results.report.add")),
                .p(.class("field__hint"), .text(t("results.report.addHint"))),
                .forEach(model.reportChoices) { choice in
                    .div(.class("field field--checkbox"),
                         .input(.type(.checkbox), .id("part-\(choice.part)"), .name("part"), .value(choice.part), .if(choice.chosen, .checked(true))),
                         .label(.for("part-\(choice.part)"), .text(choice.label)))
                }
            ),
            .unwrap(model.gradeOptions.first { $0.selected && !$0.value.isEmpty }) { .input(.type(.hidden), .name("grade"), .value($0.value)) },
            Forms.submit(t("results.report.update"), secondary: true)
        )
    }

    static func filter(_ model: SchoolResultsViewModel) -> Node<HTML.BodyContext> {
        let t = model.chrome.t
        return .form(
            .class("filters"), .method(.get), .action(model.filterAction),
            Forms.select(name: "grade", label: t("results.filter.grade"),
                                  options: model.gradeOptions.map { .init(value: $0.value, label: $0.label) },
                                  selected: model.gradeOptions.first { $0.selected }?.value),
            Forms.submit(t("results.filter.show"), secondary: true)
        )
    }

    static func headline(_ headline: SchoolResultsViewModel.Headline, _ t: Localizer) -> Node<HTML.BodyContext> {
        .section(
            .class("headline"), .attribute(named: "aria-labelledby", value: "index-heading"),
            .h2(.id("index-heading"), .text(t("results.index.heading"))),
            .p(.class("big-figure"), .text(headline.value), .text(" "), .span(.class("muted"), .text(headline.range))),
            .p(.text(headline.explanation)),
            .unwrap(headline.change) { change in
                .p(.text(t("results.sincePrevious", ["change": change])), .text(" "), .strong(.text(headline.verdict.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? "")))
            }
        )
    }
}
