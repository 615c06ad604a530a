import BelongCore
import Foundation
import Plot

/// Pieces the self-assessment pages share: the scale's choices for one indicator, its evidence and its note.
enum AssessmentParts {
    static func strategyName(_ strategy: Strategy, _ t: Localizer) -> String {
        t("assessment.strategyHeading", ["number": String(strategy.number), "name": t("about.strategy.\(strategy.rawValue).name")])
    }

    /// The five places on the scale and "not yet" (sent as "none": a radio button without a value would send "on"),
    /// as radio buttons under the indicator's wording.
    static func ratingChoices(_ indicator: Rubric.Indicator, name: String, chosen: String, evidence: String?, _ t: Localizer) -> Node<HTML.FormContext> {
        let options = [("3", t("assessment.scale.3")), ("2", t("assessment.scale.2")), ("1", t("assessment.scale.1")), ("0", t("assessment.scale.0")),
                       ("na", t("assessment.scale.na")), ("none", t("assessment.scale.none"))]
        let id = "field-\(name)"
        return .fieldset(
            .id(id), .class("field indicator"),
            .unwrap(evidence) { _ in .attribute(named: "aria-describedby", value: "\(id)-evidence") },
            .element(named: "legend", nodes: [.text(indicator.text(in: t.language))]),
            .unwrap(evidence) { .p(.id("\(id)-evidence"), .class("indicator__evidence"), .strong(.text(t("assessment.evidence.label"))), .text(" " + $0)) },
            .div(.class("choices choices--rubric6"), .forEach(options.enumerated()) { index, option in
                .div(.class("choice"),
                     .input(.id("\(id)-\(index)"), .name(name), .type(.radio), .value(option.0), .checked(chosen == option.0 || (chosen.isEmpty && option.0 == "none"))),
                     .label(.for("\(id)-\(index)"), .text(option.1)))
            })
        )
    }

    static func note(name: String, label: String, value: String, error: String?, _ t: Localizer) -> Node<HTML.FormContext> {
        let id = "field-\(name)"
        return .div(.class(error == nil ? "field" : "field field--error"),
                    .label(.for(id), .text(label)),
                    .unwrap(error) { .div(.id("\(id)-error"), .class("field__error"), .text($0)) },
                    .textarea(.id(id), .name(name), .attribute(named: "rows", value: "2"), .attribute(named: "maxlength", value: String(AssessmentStore.noteLength)),
                              .if(error != nil, .attribute(named: "aria-invalid", value: "true")),
                              .if(error != nil, .attribute(named: "aria-describedby", value: "\(id)-error")),
                              .text(value)))
    }

    /// The School Health Index's own caution, said of ours.
    static func caution(_ t: Localizer) -> Node<HTML.BodyContext> {
        .p(.class("results-note"), .text(t("assessment.scorecard.caution")))
    }

    static func percent(_ score: StrategyScore, _ t: Localizer) -> String {
        score.percent.map { ResultsText.percent($0 / 100, t) } ?? t("assessment.scorecard.notScored")
    }

    static func change(_ change: Double?, _ t: Localizer) -> String {
        guard let change else { return t("assessment.scorecard.noChange") }
        // ResultsText writes a difference of proportions in points; the change is already in points.
        return t(abs(change.rounded()) == 1 ? "assessment.scorecard.pointsOne" : "assessment.scorecard.points", ["points": ResultsText.signed(change / 100, t)])
    }
}

// MARK: A school's assessments

struct AssessmentListViewModel: Sendable {
    struct Row: Sendable {
        let title: String
        let started: String
        let completed: String?
        let scorecardURL: String
        let rateURL: String?
        let consensusURL: String?
    }

    let chrome: PageChrome
    let school: Organization
    let rows: [Row]
    /// Where a facilitator starts one; nil for those who may not.
    let startURL: String?
    let suggestedTitle: String
    let problem: String?
}

enum AssessmentListView {
    static func render(_ model: AssessmentListViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("assessment.list.heading", ["school": model.school.name]))),
            .p(.class("lead"), .text(t("assessment.list.lead"))),
            .if(model.rows.isEmpty, .p(.text(t("assessment.list.none"))), else: .div(
                .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(t("assessment.list.caption")),
                .table(
                    .caption(.text(t("assessment.list.caption"))),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text(t("assessment.list.column.title"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("assessment.list.column.started"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("assessment.list.column.state"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("assessment.list.column.next")))
                    )),
                    .tbody(.forEach(model.rows) { row in
                        .tr(
                            .th(.attribute(named: "scope", value: "row"), .a(.href(row.scorecardURL), .text(row.title))),
                            .td(.text(row.started)),
                            .td(.text(row.completed.map { t("assessment.list.completedOn", ["day": $0]) } ?? t("assessment.list.inProgress"))),
                            .td(.ul(.class("inline-list"),
                                    .unwrap(row.rateURL) { .li(.a(.href($0), .text(t("assessment.list.rate", ["title": row.title])))) },
                                    .unwrap(row.consensusURL) { .li(.a(.href($0), .text(t("assessment.list.consensus", ["title": row.title])))) }))
                        )
                    })
                )
            )),
            .unwrap(model.startURL) { url in
                .form(.method(.post), .action(url), .class("narrow"),
                      .h2(.text(t("assessment.list.startHeading"))),
                      .p(.text(t("assessment.list.startLead"))),
                      Forms.csrf(model.chrome.formToken),
                      Forms.input(.init(name: "title", label: t("assessment.list.titleLabel"), value: model.suggestedTitle,
                                        hint: t("assessment.list.titleHint"), error: model.problem)),
                      Forms.submit(t("assessment.list.start")))
            }
        ))
    }
}

// MARK: A member's ratings

struct RateViewModel: Sendable {
    let chrome: PageChrome
    let school: Organization
    let assessment: SelfAssessment
    let sections: [Rubric.Section]
    let values: [String: (rating: String, note: String)]
    let evidence: [String: String]
    let notice: String?
    let problems: [String: String]
    let action: String
    let backURL: String
}

enum RateView {
    static func render(_ model: RateViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("assessment.rate.heading", ["title": model.assessment.title]))),
            .p(.class("lead"), .text(t("assessment.rate.lead", ["school": model.school.name]))),
            .p(.text(t("assessment.rate.scale"))),
            Notices.success(model.notice),
            Forms.errorSummary(title: t("assessment.error.summary"), errors: model.problems.sorted { $0.key < $1.key }.map { ("n-\($0.key)", $0.value) }),
            .form(.method(.post), .action(model.action),
                  Forms.csrf(model.chrome.formToken),
                  .forEach(model.sections) { section in
                      .group(
                          .h2(.text(AssessmentParts.strategyName(section.strategy, t))),
                          .forEach(section.indicators) { indicator in
                              .div(.class("indicator-block"),
                                   AssessmentParts.ratingChoices(indicator, name: "r-\(indicator.id)", chosen: model.values[indicator.id]?.rating ?? "",
                                                                 evidence: model.evidence[indicator.id], t),
                                   AssessmentParts.note(name: "n-\(indicator.id)", label: t("assessment.rate.note", ["indicator": indicator.text(in: t.language)]),
                                                        value: model.values[indicator.id]?.note ?? "", error: model.problems[indicator.id], t))
                          }
                      )
                  },
                  Forms.submit(t("assessment.rate.save"))),
            .p(.a(.href(model.backURL), .text(t("assessment.back"))))
        ))
    }
}

// MARK: The consensus

struct ConsensusViewModel: Sendable {
    let chrome: PageChrome
    let school: Organization
    let assessment: SelfAssessment
    /// Members who rated, by name.
    let members: [(id: UUID, name: String)]
    /// Every indicator, the widest disagreement first.
    let spread: [IndicatorSpread]
    /// Members' notes, by member and indicator.
    let notes: [UUID: [String: String]]
    let values: [String: (rating: String, note: String)]
    let evidence: [String: String]
    let notice: String?
    let problems: [String: String]
    let action: String
    let rateURL: String
    let scorecardURL: String
}

enum ConsensusView {
    static func render(_ model: ConsensusViewModel) -> HTML {
        let t = model.chrome.t
        let completed = model.assessment.isCompleted
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("assessment.consensus.heading", ["title": model.assessment.title]))),
            .p(.class("lead"), .text(t("assessment.consensus.lead"))),
            Notices.success(model.notice),
            .p(.text(model.members.isEmpty ? t("assessment.consensus.noMembers")
                : t(model.members.count == 1 ? "assessment.consensus.membersOne" : "assessment.consensus.members",
                    ["count": t.number(model.members.count), "names": AssessmentController.list(model.members.map(\.name), t)]))),
            .ul(.class("inline-list"),
                .if(!completed, .li(.a(.href(model.rateURL), .text(t("assessment.consensus.rateYourself"))))),
                .li(.a(.href(model.scorecardURL), .text(t("assessment.consensus.scorecard"))))),
            Forms.errorSummary(title: t("assessment.error.summary"), errors: model.problems.sorted { $0.key < $1.key }.map { ("e-\($0.key)", $0.value) }),
            .if(completed, .group(
                .p(.text(t("assessment.consensus.isCompleted"))),
                .form(.method(.post), .action(model.action), Forms.csrf(model.chrome.formToken),
                      .input(.type(.hidden), .name("action"), .value("reopen")),
                      Forms.submit(t("assessment.consensus.reopen"), secondary: true))
            ), else: .form(.method(.post), .action(model.action),
                  Forms.csrf(model.chrome.formToken),
                  .forEach(model.spread) { spread in
                      let indicator = spread.indicator
                      return .div(.class("indicator-block"),
                           .p(.class("muted"), .text(AssessmentParts.strategyName(indicator.strategy, t))),
                           .p(.class("indicator__spread"), .text(spreadText(spread, t))),
                           .if(!spread.ratings.isEmpty, .ul(.class("plain-list"), .forEach(model.members.filter { spread.ratings[$0.id] != nil }) { member in
                               .li(.text(t("assessment.consensus.memberSaid", ["name": member.name, "rating": t("assessment.scale.\(spread.ratings[member.id]!.formValue)")])
                                   + (model.notes[member.id]?[indicator.id].map { " — “\($0)”" } ?? "")))
                           })),
                           AssessmentParts.ratingChoices(indicator, name: "c-\(indicator.id)", chosen: model.values[indicator.id]?.rating ?? "",
                                                         evidence: model.evidence[indicator.id], t),
                           AssessmentParts.note(name: "e-\(indicator.id)", label: t("assessment.consensus.evidence", ["indicator": indicator.text(in: t.language)]),
                                                value: model.values[indicator.id]?.note ?? "", error: model.problems[indicator.id], t))
                  },
                  .div(.class("actions"),
                       Forms.submit(t("assessment.consensus.save"), name: "action", value: "save"),
                       Forms.submit(t("assessment.consensus.complete"), name: "action", value: "complete", secondary: true)))
            )
        ))
    }

    static func spreadText(_ spread: IndicatorSpread, _ t: Localizer) -> String {
        if spread.ratings.isEmpty { return t("assessment.consensus.nobodyRated") }
        var text = spread.range != 0 ? t("assessment.consensus.range", ["range": String(spread.range)])
            : spread.applicabilityDiffers ? t("assessment.consensus.scoredAgree") : t("assessment.consensus.agree")
        if spread.applicabilityDiffers { text += " " + t("assessment.consensus.naSplit") }
        if let median = spread.median { text += " " + t("assessment.consensus.median", ["median": t("assessment.scale.\(median)")]) }
        return text
    }
}

// MARK: The scorecard

struct ScorecardViewModel: Sendable {
    let chrome: PageChrome
    let school: Organization
    let assessment: SelfAssessment
    let completed: String?
    let card: Scorecard
    /// The consensus's evidence, by indicator.
    let evidence: [String: String]
    let decidedCount: Int
    let indicatorCount: Int
    let previousTitle: String?
    let notice: String?
    let consensusURL: String?
    let listURL: String
}

enum ScorecardView {
    static func render(_ model: ScorecardViewModel) -> HTML {
        let t = model.chrome.t
        let card = model.card
        func indicatorList(_ indicators: [Rubric.Indicator], none: String) -> Node<HTML.BodyContext> {
            .if(indicators.isEmpty, .p(.text(none)), else: .ul(.forEach(indicators) { indicator in
                .li(.text(indicator.text(in: t.language)), .span(.class("muted"), .text(" (\(AssessmentParts.strategyName(indicator.strategy, t)))")),
                    .unwrap(model.evidence[indicator.id]) { .p(.class("muted"), .text(t("assessment.scorecard.evidenceNote", ["evidence": $0]))) })
            }))
        }
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("assessment.scorecard.heading", ["title": model.assessment.title, "school": model.school.name]))),
            Notices.success(model.notice),
            .p(.class("lead"), .text(model.completed.map { t("assessment.scorecard.completed", ["day": $0]) }
                ?? t("assessment.scorecard.inProgress", ["decided": t.number(model.decidedCount), "count": t.number(model.indicatorCount)]))),
            AssessmentParts.caution(t),
            ResultsComponents.table(ResultsTable(
                slug: "scorecard", caption: t("assessment.scorecard.caption"),
                columns: [t("assessment.scorecard.column.strategy"), t("assessment.scorecard.column.score"), t("assessment.scorecard.column.rated"),
                          model.previousTitle.map { t("assessment.scorecard.column.changeSince", ["title": $0]) } ?? t("assessment.scorecard.column.change")],
                rows: card.lines.map { line in
                    [AssessmentParts.strategyName(line.strategy, t), AssessmentParts.percent(line.score, t), ratedText(line.score, t),
                     AssessmentParts.change(line.change, t)]
                } + [[t("assessment.scorecard.overall"), AssessmentParts.percent(card.overall, t), ratedText(card.overall, t),
                      AssessmentParts.change(card.overallChange, t)]]
            )),
            .p(.class("muted"), .text(t("assessment.scorecard.howScored"))),
            .h2(.text(t("assessment.scorecard.strengths"))),
            indicatorList(card.strengths, none: t("assessment.scorecard.strengthsNone")),
            .h2(.text(t("assessment.scorecard.opportunities"))),
            indicatorList(card.opportunities, none: t("assessment.scorecard.opportunitiesNone")),
            .ul(.class("inline-list"),
                .unwrap(model.consensusURL) { .li(.a(.href($0), .text(t("assessment.scorecard.toConsensus")))) },
                .li(.a(.href(model.listURL), .text(t("assessment.back")))))
        ))
    }

    static func ratedText(_ score: StrategyScore, _ t: Localizer) -> String {
        var text = t("assessment.scorecard.ratedOf", ["rated": t.number(score.rated)])
        if score.notApplicable > 0 { text += t("assessment.scorecard.naCount", ["count": t.number(score.notApplicable)]) }
        if score.undecided > 0 { text += t("assessment.scorecard.undecidedCount", ["count": t.number(score.undecided)]) }
        return text
    }
}

// MARK: The district's schools

struct DistrictAssessmentsViewModel: Sendable {
    struct Row: Sendable {
        let school: Organization
        let assessment: SelfAssessment?
        let completed: String?
        let card: Scorecard?
        let url: String
    }

    let chrome: PageChrome
    let rows: [Row]

    /// How many schools have each strategy as a strength (70% or more) and as an opportunity (under 40%).
    var distribution: [(strategy: Strategy, strength: Int, opportunity: Int, scored: Int)] {
        Strategy.allCases.map { strategy in
            let percents = rows.compactMap { $0.card?.lines.first { $0.strategy == strategy }?.score.percent }
            return (strategy, percents.filter { $0 >= DistrictAssessmentsView.strengthFrom }.count,
                    percents.filter { $0 < DistrictAssessmentsView.opportunityBelow }.count, percents.count)
        }
    }
}

enum DistrictAssessmentsView {
    /// A strategy scored at least this is counted a strength of the school, below `opportunityBelow` an opportunity:
    /// an indicator's 2 of 3 is 67%, so 70% means most indicators at 2 or 3.
    static let strengthFrom = 70.0
    static let opportunityBelow = 40.0

    static func render(_ model: DistrictAssessmentsViewModel) -> HTML {
        let t = model.chrome.t
        let assessed = model.rows.filter { $0.card != nil }
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("assessment.district.heading"))),
            .p(.class("lead"), .text(t("assessment.district.lead", ["assessed": t.number(assessed.count), "count": t.number(model.rows.count)]))),
            AssessmentParts.caution(t),
            .div(
                .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(t("assessment.district.caption")),
                .table(.class("results-table"),
                    .caption(.text(t("assessment.district.caption"))),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text(t("assessment.district.column.school"))),
                        .forEach(Strategy.allCases) { strategy in
                            .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("about.strategy.\(strategy.rawValue).name")))
                        },
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("assessment.scorecard.overall")))
                    )),
                    .tbody(.forEach(model.rows) { row in
                        .tr(.th(.attribute(named: "scope", value: "row"), .a(.href(row.url), .text(row.school.name)),
                                .unwrap(row.assessment) { .span(.class("muted"), .text(" · \($0.title)")) }),
                            .unwrap(row.card, { card in
                                .group(.forEach(card.lines) { .td(.class("number"), .text(AssessmentParts.percent($0.score, t))) },
                                       .td(.class("number"), .text(AssessmentParts.percent(card.overall, t))))
                            }, else: .td(.attribute(named: "colspan", value: String(Strategy.allCases.count + 1)), .text(t("assessment.district.none")))))
                    })
                )
            ),
            .h2(.text(t("assessment.district.distribution"))),
            .p(.text(t("assessment.district.distributionLead"))),
            ResultsComponents.table(ResultsTable(
                slug: "strategies", caption: t("assessment.district.distributionCaption"),
                columns: [t("assessment.scorecard.column.strategy"), t("assessment.district.column.strength"), t("assessment.district.column.opportunity"),
                          t("assessment.district.column.scored")],
                rows: model.distribution.map { line in
                    [AssessmentParts.strategyName(line.strategy, t), t.number(line.strength), t.number(line.opportunity), t.number(line.scored)]
                }
            ))
        ))
    }
}
