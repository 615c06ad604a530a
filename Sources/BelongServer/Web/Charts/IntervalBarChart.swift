import Plot

/// Horizontal bars of percentages, each with its 95% interval as a whisker; a row under the minimum n
/// shows its label and "fewer than N" instead of a bar. Labels wrap beside their bars on a wide screen
/// and sit above them on a phone.
struct IntervalBarChart: Sendable {
    struct Bar: Sendable {
        let label: String
        /// 0…1, nil when suppressed.
        let value: Double?
        let lower: Double?
        let upper: Double?
        /// What the row says at its end: "72%" or "fewer than 10".
        let text: String
    }

    let id: String
    let title: String
    let tableId: String?
    let bars: [Bar]

    func render() -> Node<HTML.BodyContext> {
        let height = 22.0
        return ChartFrame.chart(id: id, title: title, describedBy: tableId, kind: "bars", [ChartFrame.axis()] + bars.map { bar in
            guard let value = bar.value else {
                return .div(.class("chart__row chart__row--withheld"), .span(.class("chart__label"), .text(bar.label)),
                            .span(.class("chart__withheld"), .text(bar.text)))
            }
            var marks = ChartFrame.grid(height: height)
            marks.append(ChartFrame.rect(from: 0, to: value, y: 3, height: height - 6, fill: SVG.blue))
            if let lower = bar.lower, let upper = bar.upper {
                let middle = height / 2
                marks += [
                    ChartFrame.line(x1: lower, y1: middle, x2: upper, y2: middle, stroke: SVG.ink),
                    ChartFrame.line(x1: lower, y1: 5, x2: lower, y2: height - 5, stroke: SVG.ink),
                    ChartFrame.line(x1: upper, y1: 5, x2: upper, y2: height - 5, stroke: SVG.ink),
                ]
            }
            return .div(.class("chart__row"), .span(.class("chart__label"), .text(bar.label)),
                        ChartFrame.marks(height: height, marks), .span(.class("chart__value"), .text(bar.text)))
        })
    }
}
