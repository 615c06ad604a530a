import BelongCore
import Foundation

/// `/results/{wave}/schools/{school}`: a school's results for one wave, as a principal reads them.
struct SchoolResultsViewModel: Sendable {
    struct Headline: Sendable {
        let value: String
        let range: String
        let explanation: String
        let change: String?
        let verdict: String?
    }

    struct Section: Sendable {
        let id: String
        let title: String
        let intro: String?
        let table: ResultsTable
        let note: String?
        let csvURL: String
    }

    struct GradeOption: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    let chrome: PageChrome
    let heading: String
    let subheading: String
    let facts: [(label: String, value: String)]
    let filterAction: String
    let gradeOptions: [GradeOption]
    let withheld: String?
    /// When an open wave's figures were last released (DOMAIN.md §4, time).
    let releaseNote: String?
    let headline: Headline?
    let feelingsChart: IntervalBarChart?
    let feelings: Section?
    /// The report's one-page summary of the feelings: favourable share, interval, change and verdict, beside the chart.
    let feelingsSummary: ResultsTable?
    /// The index and the trusted-adult share in each wave of this questionnaire, when there are two or more.
    let trendChart: TrendChart?
    let trend: Section?
    let trustedAdult: (question: String, value: String, range: String, n: String, change: String?)?
    let distributionChart: DistributionChart?
    let items: Section?
    let breakdowns: [Section]
    let reliability: Section?
    let nextStep: String?
    /// The library's resources for the school's weakest areas (issue #17); not in the print report.
    var recommendations: RecommendationsViewModel?
    let openAnswers: [(question: String, answers: [OpenAnswerRow])]?
    let openAnswersNote: String?
    /// Where the school team hides an answer; nil in the print report.
    let hideAnswerAction: String?
    /// After an answer was hidden.
    let openAnswersNotice: String?

    struct OpenAnswerRow: Sendable {
        let text: String
        let key: String
        /// What to check before sharing it: "a name on the roster, a phone number".
        let check: String?
    }
    let links: [(label: String, url: String)]
    /// The print report: the same figures, summary first, without the page's controls.
    var isReport = false
    /// In the print report, the details the reader added after the one-page summary (section ids, "reliability", "open").
    var reportParts: Set<String> = []
    /// What the reader may add to the print report: (part, label, chosen).
    var reportChoices: [(part: String, label: String, chosen: Bool)] = []
    var reportAction = ""
}

extension SchoolResultsViewModel {
    /// Whether a section shows: always on the page; in the report, only when the reader added it.
    func shows(_ part: String) -> Bool { !isReport || reportParts.contains(part) }

    init(_ results: SchoolResults, chrome: PageChrome, showsReliability: Bool, isReport: Bool = false, reportParts: Set<String> = [],
         hiddenNotice: Bool = false) {
        let t = chrome.t
        let minimum = results.minimumN
        let figures = results.figures.value
        let movement = results.movement
        let base = SiteURL.schoolResults(wave: results.wave.id, school: results.school.id)
        let gradeQuery = results.grade.map { "?grade=\($0.rawValue)" } ?? ""
        let csv = { (slug: String) in SiteURL.schoolResultsTable(wave: results.wave.id, school: results.school.id, table: slug).path + gradeQuery }
        let scopeName = results.grade.map { t("results.scopeGrade", ["school": results.school.name, "grade": t.grade($0)]) } ?? results.school.name
        let classes = results.classTitles

        self.chrome = chrome
        self.isReport = isReport
        heading = t("results.school.heading", ["scope": scopeName])
        subheading = "\(results.wave.title) · \(SurveyText.window(results.wave, t))"
        var facts: [(String, String)] = [
            (t("results.fact.respondents"), figures.map { t.number($0.respondents) } ?? ResultsText.withheld(results.figures, minimum, t)),
        ]
        if let count = results.participation, count.eligible > 0 {
            facts.append((t("results.fact.participation"), t("results.participationValue", [
                "responded": t.number(count.responded), "eligible": t.number(count.eligible), "rate": "\(count.rate ?? 0)"])))
        }
        facts.append((t("results.fact.who"), SurveyText.respondents(results.wave.respondents, t)))
        facts.append((t("results.fact.mode"), t("surveys.mode.\(results.wave.mode.rawValue)")))
        facts.append((t("results.fact.minimum"), t("results.minimumValue", ["n": t.number(minimum)])))
        if let previous = results.previous { facts.append((t("results.fact.previous"), previous.wave.title)) }
        self.facts = facts
        filterAction = base.path
        gradeOptions = [GradeOption(value: "", label: t("results.allGrades"), selected: results.grade == nil)]
            + results.grades.map { GradeOption(value: String($0.rawValue), label: t.grade($0), selected: $0 == results.grade) }
        withheld = figures == nil ? ResultsText.withheldNotice(results.figures.reason, minimum, t) : nil
        releaseNote = ResultsText.releaseNote(results.release, counted: results.releasedResponses, waiting: results.waiting, wave: results.wave, t)

        headline = figures.map { figures in
            let index = ResultsText.proportion(figures.index, minimum: minimum, t)
            let change = movement.index
            return Headline(value: index.value, range: index.range, explanation: ResultsText.indexExplanation(results.layout, t),
                            change: change.map { ResultsText.pointsChange($0, t) }, verdict: change.map { ResultsText.verdict($0.verdict, t) })
        }

        let scales = figures?.scales ?? []
        let scaleName = { (id: String) in ResultsText.scaleName(id, in: results.instrument, t) }
        feelingsChart = figures.map { _ in
            IntervalBarChart(id: "feelings-chart", title: t("results.feelings.chartTitle", ["scope": scopeName]),
                             tableId: isReport ? "feelings-summary-table" : "feelings-table",
                             bars: scales.map { scale in
                                 let value = scale.favourable.value
                                 return .init(label: scaleName(scale.id), value: value?.value, lower: value?.interval?.lower, upper: value?.interval?.upper,
                                              text: ResultsText.proportion(scale.favourable, minimum: minimum, t).value)
                             })
        }
        feelings = figures.map { _ in
            Section(id: "feelings", title: t("results.feelings.heading"),
                    intro: t(ResultsText.isEarlyYears(results.layout) ? "results.feelings.introEarly" : "results.feelings.intro"), table: ResultsTable(
                slug: "feelings", caption: t("results.feelings.caption", ["scope": scopeName]),
                columns: [t("results.column.feeling"), t("results.column.favourable"), t("results.column.range"), t("results.column.mean"),
                          t("results.column.n"), t("results.column.change"), t("results.column.verdict")]
                    + (results.previous == nil ? [] : [t("results.column.meanChange")]),
                rows: scales.map { scale in
                    let favourable = ResultsText.proportion(scale.favourable, minimum: minimum, t)
                    let change = movement.scale(scale.id)
                    var row = [scaleName(scale.id), favourable.value, favourable.range, ResultsText.mean(scale.mean, minimum: minimum, t),
                               scale.mean.value.map { t.number($0.n) } ?? "", change.map { ResultsText.pointsChange($0, t) } ?? "—",
                               change.map { ResultsText.verdict($0.verdict, t) } ?? "—"]
                    if results.previous != nil {
                        // Both waves show the mean, yet no interval exists (one side does not vary): say so, with no verdict.
                        let bothShown = results.previous?.figures.value?.scale(scale.id)?.mean.isShown == true && scale.mean.isShown
                        row.append(movement.scaleMean(scale.id).map { ResultsText.meanChange($0, t) } ?? (bothShown ? t("results.notDefined") : "—"))
                    }
                    return row
                }), note: results.previous == nil ? nil : t("results.changeNote", ["wave": results.previous!.wave.title]), csvURL: csv("feelings"))
        }

        feelingsSummary = figures.map { _ in
            ResultsTable(slug: "feelings-summary", caption: t("results.feelings.caption", ["scope": scopeName]),
                         columns: [t("results.column.feeling"), t("results.column.favourable"), t("results.column.range"),
                                   t("results.column.change"), t("results.column.verdict")],
                         rows: scales.map { scale in
                             let favourable = ResultsText.proportion(scale.favourable, minimum: minimum, t)
                             let change = movement.scale(scale.id)
                             return [scaleName(scale.id), favourable.value, favourable.range, change.map { ResultsText.pointsChange($0, t) } ?? "—",
                                     change.map { ResultsText.verdict($0.verdict, t) } ?? "—"]
                         })
        }

        let choiceItems = results.layout.items
        let trustedId = choiceItems.first { $0.response == .yesno3 }?.id
        if results.trend.count > 1 {
            let waves = results.trend.map(\.wave.title)
            var series = [TrendChart.Series(label: t("results.index.heading"), values: results.trend.map { $0.figures.value?.index.value?.value })]
            var rows = [[t("results.index.heading")] + results.trend.map { point in
                point.figures.value.map { "\(ResultsText.proportionCell($0.index, minimum: minimum, t)) · n = \(t.number($0.index.value?.n ?? 0))" }
                    ?? ResultsText.withheld(point.figures, minimum, t)
            }]
            if let trustedId {
                series.append(.init(label: t("results.column.trusted"), values: results.trend.map { $0.figures.value?.item(trustedId)?.favourable.value?.value }))
                rows.append([t("results.column.trusted")] + results.trend.map { point in
                    point.figures.value.flatMap { $0.item(trustedId) }.map { ResultsText.proportionCell($0.favourable, minimum: minimum, t) }
                        ?? ResultsText.withheld(point.figures, minimum, t)
                })
            }
            trendChart = TrendChart(id: "trend-chart", title: t("results.trend.chartTitle", ["scope": scopeName]), tableId: "trend-table",
                                    waves: waves, series: series)
            trend = Section(id: "trend", title: t("results.trend.heading"), intro: t("results.trend.schoolIntro"),
                            table: ResultsTable(slug: "trend", caption: t("results.trend.caption", ["scope": scopeName]),
                                                columns: [t("results.column.measure")] + waves, rows: rows),
                            note: nil, csvURL: csv("trend"))
        } else {
            trendChart = nil
            trend = nil
        }
        if let figures, let trusted = choiceItems.firstIndex(where: { $0.response == .yesno3 }) {
            let item = figures.items[trusted]
            let value = ResultsText.proportion(item.favourable, minimum: minimum, t)
            let answered = item.favourable.value.map { t("results.answeredBy", ["n": t.number($0.n)]) } ?? ""
            trustedAdult = (choiceItems[trusted].text(in: t.language), value.value, value.range, answered, movement.item(item.id).map {
                "\(ResultsText.pointsChange($0, t)) · \(ResultsText.verdict($0.verdict, t))" })
        } else {
            trustedAdult = nil
        }

        let categoryNames = { (item: Instrument.Item) in (item.response.values ?? 1...5).map { t(item.response.labelKey($0)) } }
        let agreeItems = choiceItems.indices.filter { choiceItems[$0].response == choiceItems.first?.response }
        distributionChart = figures.flatMap { figures in
            guard let first = choiceItems.first else { return nil }
            return DistributionChart(id: "items-chart", title: t("results.items.chartTitle", ["scope": scopeName]), tableId: "items-table",
                                     categories: categoryNames(first), rows: agreeItems.map { index in
                                         .init(label: choiceItems[index].text(in: t.language), counts: figures.items[index].distribution.value,
                                               suppressedText: ResultsText.withheld(figures.items[index].distribution, minimum, t))
                                     })
        }
        items = figures.map { figures in
            let top = choiceItems.map { $0.response.values?.upperBound ?? 5 }.max() ?? 5
            let valueColumns = (1...top).map { t("results.column.answer", ["value": "\($0)"]) }
            return Section(id: "items", title: t("results.items.heading"), intro: t("results.items.intro"), table: ResultsTable(
                slug: "items", caption: t("results.items.caption", ["scope": scopeName]),
                columns: [t("results.column.question")] + valueColumns + [t("results.column.favourable"), t("results.column.range"), t("results.column.n")],
                rows: choiceItems.indices.map { index in
                    let item = figures.items[index]
                    let favourable = ResultsText.proportion(item.favourable, minimum: minimum, t)
                    var counts = item.distribution.value.map { $0.map { t.number($0) } } ?? []
                    counts += Array(repeating: counts.isEmpty ? ResultsText.withheld(item.distribution, minimum, t) : "", count: top - counts.count)
                    let n = item.distribution.value.map { t.number($0.reduce(0, +)) } ?? ""
                    let question = choiceItems[index].reverse
                        ? t("results.items.reversed", ["question": choiceItems[index].text(in: t.language)]) : choiceItems[index].text(in: t.language)
                    return [question] + counts + [favourable.value, favourable.range, n]
                }), note: t("results.items.note"), csvURL: csv("items"))
        }

        let feelingIds = scales.map(\.id)
        breakdowns = results.breakdowns.map { breakdown in
            BreakdownSection.make(breakdown, label: { key in
                ResultsText.rowLabel(key, dimension: breakdown.dimension, schools: [:], classes: classes, attributes: results.attributeLabels, t)
            }, feelingIds: feelingIds, scaleName: scaleName, minimum: minimum, scopeName: scopeName, attributes: results.attributeLabels,
            csvURL: csv(ResultsText.dimensionSlug(breakdown.dimension)), t)
        }

        reliability = !showsReliability ? nil : results.reliability.value.map { values in
            Section(id: "reliability", title: t("results.reliability.heading"), intro: t("results.reliability.intro"), table: ResultsTable(
                slug: "reliability", caption: t("results.reliability.caption", ["scope": scopeName]),
                columns: [t("results.column.feeling"), t("results.column.items"), t("results.column.alpha"), t("results.column.alphaStd"),
                          t("results.column.alphaRange"), t("results.column.n"), t("results.column.flag")],
                rows: zip(results.layout.scales, values).map { scale, reliability in
                    guard let reliability else {
                        let why = scale.items.count < 2 ? t("results.reliability.oneItem") : t("results.reliability.none")
                        return [scaleName(scale.id), t.number(scale.items.count), why, "", "", "", ""]
                    }
                    return [scaleName(scale.id), t.number(reliability.items), ResultsText.decimal(reliability.raw, digits: 2, t),
                            ResultsText.decimal(reliability.standardized, digits: 2, t),
                            t("results.format.range", ["lower": ResultsText.decimal(reliability.interval.lower, digits: 2, t),
                                                       "upper": ResultsText.decimal(reliability.interval.upper, digits: 2, t)]),
                            t.number(reliability.n), reliability.isLow ? t("results.reliability.low") : ""]
                }), note: nil, csvURL: csv("reliability"))
        }

        nextStep = results.weakestScale.map { t("results.nextStep", ["feeling": scaleName($0.id)]) }
        if let answers = results.openAnswers {
            openAnswers = results.wave.items(of: results.instrument).filter { $0.response == .openText }.map { item in
                (item.text(in: t.language), (answers[item.id] ?? []).map { answer in
                    let found = answer.findings.sorted().map { t("results.open.found.\($0.rawValue)") }
                    return OpenAnswerRow(text: answer.text, key: answer.key,
                                         check: found.isEmpty ? nil : t("results.open.check", ["found": found.joined(separator: t("results.open.and"))]))
                })
            }
            openAnswersNote = t("results.open.note", ["n": t.number(minimum)])
            hideAnswerAction = isReport ? nil : SiteURL.hideOpenAnswer(wave: results.wave.id, school: results.school.id).path
        } else {
            openAnswers = nil
            openAnswersNote = nil
            hideAnswerAction = nil
        }
        openAnswersNotice = hiddenNotice ? t("results.open.hidden") : nil
        self.reportParts = reportParts
        reportAction = SiteURL.schoolReport(wave: results.wave.id, school: results.school.id).path
        reportChoices = ([feelings, trend, items].compactMap { $0 } + breakdowns + [reliability].compactMap { $0 }).map { ($0.id, $0.title, reportParts.contains($0.id)) }
            + (openAnswers == nil ? [] : [("open", t("results.open.heading"), reportParts.contains("open"))])
        links = [
            (t("results.link.report"), SiteURL.schoolReport(wave: results.wave.id, school: results.school.id).path),
            (t("results.link.youSaid"), SiteURL.youSaid(wave: results.wave.id, school: results.school.id).path),
        ]
    }
}
