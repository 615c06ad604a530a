import Plot

/// One stacked bar per question: how many chose each answer, from least to most favourable, with the
/// question's words wrapping beside (or, on a phone, above) its bar.
struct DistributionChart: Sendable {
    struct Row: Sendable {
        let label: String
        /// Counts per answer in `categories` order; nil when suppressed.
        let counts: [Int]?
        let suppressedText: String
    }

    let id: String
    let title: String
    let tableId: String?
    let categories: [String]
    let rows: [Row]

    /// Diverging colours, unfavourable (vermillion) to favourable (blue), neutral in the middle.
    var colours: [String] {
        switch categories.count {
        case 5: [SVG.vermillion, SVG.orange, SVG.neutral, SVG.sky, SVG.blue]
        case 3: [SVG.vermillion, SVG.neutral, SVG.blue]
        default: Array([SVG.blue, SVG.orange, SVG.green, SVG.purple, SVG.sky].prefix(categories.count))
        }
    }

    func render() -> Node<HTML.BodyContext> {
        let height = 22.0
        let rowNodes: [Node<HTML.BodyContext>] = rows.map { row in
            guard let counts = row.counts, counts.reduce(0, +) > 0 else {
                return .div(.class("chart__row chart__row--withheld"), .span(.class("chart__label"), .text(row.label)),
                            .span(.class("chart__withheld"), .text(row.suppressedText)))
            }
            let total = Double(counts.reduce(0, +))
            var marks: [Node<HTML.BodyContext>] = []
            var from = 0.0
            for (category, count) in counts.enumerated() where count > 0 {
                let to = from + Double(count) / total
                marks.append(ChartFrame.rect(from: from, to: to, y: 2, height: height - 4, fill: colours[category], stroke: "#ffffff"))
                from = to
            }
            return .div(.class("chart__row chart__row--wide"), .span(.class("chart__label"), .text(row.label)), ChartFrame.marks(height: height, marks))
        }
        let legend: Node<HTML.BodyContext> = .ul(.class("chart__legend"), .forEach(Array(categories.enumerated())) { index, category in
            .li(ChartFrame.swatch(fill: colours[index]), .text(category))
        })
        return ChartFrame.chart(id: id, title: title, describedBy: tableId, kind: "bars", rowNodes + [legend])
    }
}
