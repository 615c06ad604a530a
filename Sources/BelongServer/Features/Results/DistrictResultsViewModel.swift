import BelongCore
import Foundation

/// `/results/{wave}` for a district administrator or analyst: schools side by side, totals, trends.
struct DistrictResultsViewModel: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
    }

    let chrome: PageChrome
    let heading: String
    let subheading: String
    let facts: [(label: String, value: String)]
    let filterAction: String
    let levelOptions: [Option]
    let selectedLevel: String
    let gradeOptions: [Option]
    let selectedGrade: String
    let filterSummary: [String]
    let withheld: String?
    /// When an open wave's figures were last released (DOMAIN.md §4, time).
    let releaseNote: String?
    let headline: SchoolResultsViewModel.Headline?
    let schoolsChart: IntervalBarChart
    let schools: SchoolResultsViewModel.Section
    let trendChart: TrendChart?
    let trend: SchoolResultsViewModel.Section?
    let breakdowns: [SchoolResultsViewModel.Section]

    var tables: [ResultsTable] { ([schools] + (trend.map { [$0] } ?? []) + breakdowns).map(\.table) }
}

extension DistrictResultsViewModel {
    init(_ results: DistrictResults, chrome: PageChrome) {
        let t = chrome.t
        let minimum = results.minimumN
        let scaleName = { (id: String) in ResultsText.scaleName(id, in: results.instrument, t) }
        let query = [results.level.map { "level=\($0.rawValue)" }, results.grade.map { "grade=\($0.rawValue)" }].compactMap { $0 }.joined(separator: "&")
        let csv = { (slug: String) in SiteURL.waveResultsTable(wave: results.wave.id, table: slug).path + (query.isEmpty ? "" : "?\(query)") }
        let scopeName = [results.level.map { ResultsText.levelName($0, t) }, results.grade.map { t.grade($0) }].compactMap { $0 }.joined(separator: " · ")
        let scopeLabel = scopeName.isEmpty ? t("results.district.all") : scopeName

        self.chrome = chrome
        heading = t("results.district.heading", ["wave": results.wave.title])
        subheading = "\(SurveyText.respondents(results.wave.respondents, t)) · \(SurveyText.window(results.wave, t))"
        let figures = results.figures.value
        var facts: [(String, String)] = [
            (t("results.fact.scope"), scopeLabel),
            (t("results.fact.respondents"), figures.map { t.number($0.respondents) } ?? ResultsText.withheld(results.figures, minimum, t)),
        ]
        if let totalParticipation = results.totalParticipation, totalParticipation.eligible > 0 {
            facts.append((t("results.fact.participation"), t("results.participationValue", [
                "responded": t.number(totalParticipation.responded), "eligible": t.number(totalParticipation.eligible),
                "rate": "\(totalParticipation.rate ?? 0)"])))
        }
        facts.append((t("results.fact.minimum"), t("results.minimumValue", ["n": t.number(minimum)])))
        if let previous = results.previous { facts.append((t("results.fact.previous"), previous.wave.title)) }
        self.facts = facts
        filterAction = SiteURL.waveResults(results.wave.id).path
        levelOptions = [Option(value: "", label: t("results.allLevels"))] + results.levels.map { Option(value: $0.rawValue, label: ResultsText.levelName($0, t)) }
        selectedLevel = results.level?.rawValue ?? ""
        gradeOptions = [Option(value: "", label: t("results.allGrades"))] + results.grades.map { Option(value: String($0.rawValue), label: t.grade($0)) }
        selectedGrade = results.grade.map { String($0.rawValue) } ?? ""
        filterSummary = scopeName.isEmpty ? [] : [scopeName]
        withheld = figures == nil ? ResultsText.withheldNotice(results.figures.reason, minimum, t) : nil
        releaseNote = ResultsText.releaseNote(results.release, counted: results.releasedResponses, waiting: results.waiting, wave: results.wave, t)
        headline = figures.map { figures in
            let index = ResultsText.proportion(figures.index, minimum: minimum, t)
            let change = results.movement.index
            return .init(value: index.value, range: index.range, explanation: ResultsText.indexExplanation(results.layout, t),
                         change: change.map { ResultsText.pointsChange($0, t) }, verdict: change.map { ResultsText.verdict($0.verdict, t) })
        }

        let name = { (key: GroupKey) in key.school.flatMap { results.schoolNames[$0] } ?? "" }
        let feelingIds = (figures?.scales ?? results.schools.rows.compactMap { $0.figures.value }.first?.scales ?? []).map(\.id)
        schoolsChart = IntervalBarChart(
            id: "schools-chart", title: t("results.district.chartTitle", ["scope": scopeLabel]), tableId: "schools-table",
            bars: results.schools.rows.map { row in
                let index = row.figures.value?.index.value
                return .init(label: name(row.key), value: index?.value, lower: index?.interval?.lower, upper: index?.interval?.upper,
                             text: row.figures.value.map { ResultsText.proportion($0.index, minimum: minimum, t).value } ?? ResultsText.withheld(row.figures, minimum, t))
            })
        let gap = results.schools.indexGap
        let totalRate: String = results.totalParticipation?.rate.map { t("results.format.percent", ["value": "\($0)"]) } ?? ""
        let totalN: String = figures.map { t.number($0.respondents) } ?? ResultsText.withheld(results.figures, minimum, t)
        // The trusted-adult question, where the instrument asks it: the share with an adult they can talk to.
        let trusted = results.layout.items.firstIndex { $0.response == .yesno3 }
        let trustedCell = { (figures: GroupFigures?) -> [String] in
            guard let trusted else { return [] }
            return [figures.flatMap { $0.items.indices.contains(trusted) ? ResultsText.proportionCell($0.items[trusted].favourable, minimum: minimum, t) : nil } ?? ""]
        }
        let totalRow: [String] = [t("results.district.total"), totalN, totalRate,
                                  figures.map { ResultsText.proportionCell($0.index, minimum: minimum, t) } ?? ""]
            + feelingIds.map { id in figures?.scale(id).map { ResultsText.proportionCell($0.favourable, minimum: minimum, t) } ?? "" }
            + trustedCell(figures)
        schools = .init(
            id: "schools", title: t("results.district.schools"), intro: t("results.district.schoolsIntro"),
            table: ResultsTable(
                slug: "schools", caption: t("results.district.schoolsCaption", ["scope": scopeLabel]),
                columns: [t("results.column.school"), t("results.column.n"), t("results.column.participation"), t("results.column.index")] + feelingIds.map(scaleName)
                    + (trusted == nil ? [] : [t("results.column.trusted")]),
                rows: results.schools.rows.map { row in
                    let rate = row.key.school.flatMap { results.participation[$0]?.rate }.map { t("results.format.percent", ["value": "\($0)"]) } ?? ""
                    guard let figures = row.figures.value else {
                        return [name(row.key), ResultsText.withheld(row.figures, minimum, t), rate, ""]
                            + Array(repeating: "", count: feelingIds.count + (trusted == nil ? 0 : 1))
                    }
                    return [name(row.key), t.number(figures.respondents), rate, ResultsText.proportionCell(figures.index, minimum: minimum, t)]
                        + feelingIds.map { id in figures.scale(id).map { ResultsText.proportionCell($0.favourable, minimum: minimum, t) } ?? "" }
                        + trustedCell(figures)
                } + [totalRow]),
            note: BreakdownSection.gapNote(gap, label: name, t), csvURL: csv("schools"))

        if results.trend.count > 1 {
            let waves = results.trend.map(\.wave.title)
            let schoolIds = results.schools.rows.compactMap(\.key.school)
            var series = [TrendChart.Series(label: t("results.district.total"), values: results.trend.map { $0.total.value?.index.value?.value })]
            if schoolIds.count <= 5 {
                series += schoolIds.map { id in
                    TrendChart.Series(label: results.schoolNames[id] ?? "", values: results.trend.map { $0.schools[id]?.value?.index.value?.value })
                }
            }
            trendChart = TrendChart(id: "trend-chart", title: t("results.trend.chartTitle", ["scope": scopeLabel]), tableId: "trend-table",
                                    waves: waves, series: series)
            let cell = { (figures: Reported<GroupFigures>?) in
                figures?.value.map { "\(ResultsText.proportionCell($0.index, minimum: minimum, t)) · n = \(t.number($0.index.value?.n ?? 0))" }
                    ?? ResultsText.withheld(figures, minimum, t)
            }
            trend = .init(
                id: "trend", title: t("results.trend.heading"), intro: t("results.trend.intro"),
                table: ResultsTable(slug: "trend", caption: t("results.trend.caption", ["scope": scopeLabel]),
                                    columns: [t("results.column.group")] + waves,
                                    rows: [[t("results.district.total")] + results.trend.map { cell($0.total) }]
                                        + schoolIds.map { id in [results.schoolNames[id] ?? ""] + results.trend.map { cell($0.schools[id]) } }),
                note: nil, csvURL: csv("trend"))
        } else {
            trendChart = nil
            trend = nil
        }

        breakdowns = results.breakdowns.map { breakdown in
            BreakdownSection.make(breakdown, label: { key in
                ResultsText.rowLabel(key, dimension: breakdown.dimension, schools: results.schoolNames, classes: [:], attributes: results.attributeLabels, t)
            }, feelingIds: feelingIds, scaleName: scaleName, minimum: minimum, scopeName: scopeLabel, attributes: results.attributeLabels,
            csvURL: csv(ResultsText.dimensionSlug(breakdown.dimension)), t)
        }
    }
}
