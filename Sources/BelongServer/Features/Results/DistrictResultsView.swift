import BelongCore
import Plot

/// The district's comparison of its schools for one wave.
enum DistrictResultsView {
    static func render(_ model: DistrictResultsViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .div(
            .class("results"),
            .h1(.text(model.heading)),
            .p(.class("lead"), .text(model.subheading)),
            ResultsComponents.facts(model.facts),
            .form(
                .class("filters"), .method(.get), .action(model.filterAction),
                Forms.select(name: "level", label: t("results.filter.level"), options: model.levelOptions.map { .init(value: $0.value, label: $0.label) },
                             selected: model.selectedLevel),
                Forms.select(name: "grade", label: t("results.filter.grade"), options: model.gradeOptions.map { .init(value: $0.value, label: $0.label) },
                             selected: model.selectedGrade),
                Forms.submit(t("results.filter.show"), secondary: true)
            ),
            .unwrap(model.withheld) { Notices.warning($0) },
            .unwrap(model.releaseNote) { .p(.class("release-note"), .text($0)) },
            .unwrap(model.headline) { SchoolResultsView.headline($0, t) },
            ResultsComponents.section(model.schools, chart: model.schoolsChart.render(), csvLabel: t("results.csv"), showCSV: true),
            .unwrap(model.trend) { ResultsComponents.section($0, chart: model.trendChart?.render() ?? .empty, csvLabel: t("results.csv"), showCSV: true) },
            .forEach(model.breakdowns) { ResultsComponents.section($0, csvLabel: t("results.csv"), showCSV: true) }
        ))
    }
}
