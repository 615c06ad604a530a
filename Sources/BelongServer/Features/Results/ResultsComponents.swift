import Plot

/// Pieces every results page shares: a results table, a section with its chart, the facts list.
enum ResultsComponents {
    static func table(_ table: ResultsTable, id: String? = nil) -> Node<HTML.BodyContext> {
        // A wide table scrolls on its own; keyboard users reach it too (WCAG 2.1.1).
        .div(
            .class("table-wrap"), .attribute(named: "tabindex", value: "0"), .attribute(named: "role", value: "region"),
            .attribute(named: "aria-label", value: table.caption),
            .table(
                .unwrap(id) { .id($0) },
                .class("results-table"),
                .caption(.text(table.caption)),
                .thead(.tr(.forEach(table.columns.enumerated()) { index, column in
                    .th(.attribute(named: "scope", value: "col"), .if(index > 0, .class("number")), .text(column))
                })),
                .tbody(.forEach(table.rows) { row in
                    .tr(.forEach(row.enumerated()) { index, cell in
                        index == 0
                            ? .th(.attribute(named: "scope", value: "row"), .text(cell))
                            : .td(.class("number"), .text(cell))
                    })
                })
            )
        )
    }

    static func section(_ section: SchoolResultsViewModel.Section, chart: Node<HTML.BodyContext> = .empty, csvLabel: String, showCSV: Bool) -> Node<HTML.BodyContext> {
        .section(
            .id(section.id),
            .attribute(named: "aria-labelledby", value: "\(section.id)-heading"),
            .class("results-section"),
            .h2(.id("\(section.id)-heading"), .text(section.title)),
            .unwrap(section.intro) { .p(.class("muted"), .text($0)) },
            chart,
            table(section.table, id: "\(section.id)-table"),
            .unwrap(section.note) { .p(.class("results-note"), .text($0)) },
            .if(showCSV, .p(.class("screen-only"), .a(.href(section.csvURL), .attribute(named: "download", value: "\(section.table.slug).csv"), .text(csvLabel))))
        )
    }

    static func facts(_ facts: [(label: String, value: String)]) -> Node<HTML.BodyContext> {
        .dl(.class("results-facts"), .forEach(facts) { fact in .group(.dt(.text(fact.label)), .dd(.text(fact.value))) })
    }
}
