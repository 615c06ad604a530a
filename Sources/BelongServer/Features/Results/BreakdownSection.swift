import BelongCore
import Foundation

/// A breakdown (grades, classes, schools, an attribute) as a section of a results page: one row per
/// group with its index and feelings, "fewer than N" where the filter withheld it, and the equity gap.
enum BreakdownSection {
    static func make(_ breakdown: Breakdown, label: (GroupKey) -> String, feelingIds: [String], scaleName: (String) -> String, minimum: Int,
                     scopeName: String, attributes: [String: ResultsStore.AttributeLabels], csvURL: String, _ t: Localizer) -> SchoolResultsViewModel.Section {
        let name = ResultsText.dimensionName(breakdown.dimension, attributes: attributes, t)
        let slug = ResultsText.dimensionSlug(breakdown.dimension)
        return .init(
            id: slug, title: t("results.breakdown.heading", ["by": name]), intro: nil,
            table: ResultsTable(
                slug: slug, caption: t("results.breakdown.caption", ["by": name, "scope": scopeName]),
                columns: [ResultsText.columnName(breakdown.dimension, attributes: attributes, t), t("results.column.n"), t("results.column.index")]
                    + feelingIds.map(scaleName),
                rows: breakdown.rows.map { row in
                    guard let figures = row.figures.value else {
                        return [label(row.key), ResultsText.withheld(row.figures, minimum, t)] + Array(repeating: "", count: feelingIds.count + 1)
                    }
                    return [label(row.key), t.number(figures.respondents), ResultsText.proportionCell(figures.index, minimum: minimum, t)]
                        + feelingIds.map { id in figures.scale(id).map { ResultsText.proportionCell($0.favourable, minimum: minimum, t) } ?? "" }
                }),
            note: gapNote(breakdown.indexGap, label: label, t), csvURL: csvURL)
    }

    static func gapNote(_ gap: EquityGap<GroupKey>?, label: (GroupKey) -> String, _ t: Localizer) -> String? {
        gap.map { gap in
            t(gap.change.difference == 0 ? "results.gapLevel" : "results.gap", ["high": label(gap.highest), "low": label(gap.lowest), "points": ResultsText.pointsChange(gap.change, t),
                              "verdict": gap.change.verdict == .noClearChange ? t("results.gapUnclear") : t("results.gapClear")])
        }
    }
}
