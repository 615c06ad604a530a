import Plot

/// Percentages across waves, one line per series, each point's shape telling series apart; a suppressed
/// point leaves a gap. Waves are columns: each point sits in the middle of its wave's column, and the
/// wave's name wraps under it; a legend names the series.
struct TrendChart: Sendable {
    struct Series: Sendable {
        let label: String
        /// 0…1 per wave, nil where not shown.
        let values: [Double?]
    }

    let id: String
    let title: String
    let tableId: String?
    let waves: [String]
    let series: [Series]

    static let colours = [SVG.blue, SVG.vermillion, SVG.green, SVG.purple, SVG.orange, SVG.sky]

    func render() -> Node<HTML.BodyContext> {
        let top = 10.0, plotHeight = 180.0
        let columns = max(waves.count, 1)
        let xOf = { (index: Int) in (Double(index) + 0.5) / Double(columns) }
        let yOf = { (value: Double) in top + (1 - value) * plotHeight }
        var marks: [Node<HTML.BodyContext>] = []
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            marks.append(ChartFrame.line(x1: 0, y1: yOf(tick), x2: 1, y2: yOf(tick), stroke: SVG.grid, width: 1))
        }
        for (number, line) in series.enumerated() {
            let colour = Self.colours[number % Self.colours.count]
            for index in line.values.indices.dropLast() {
                if let from = line.values[index], let to = line.values[index + 1] {
                    marks.append(ChartFrame.line(x1: xOf(index), y1: yOf(from), x2: xOf(index + 1), y2: yOf(to), stroke: colour, width: 2.5))
                }
            }
            for (index, value) in line.values.enumerated() {
                if let value { marks.append(ChartFrame.point(number, x: xOf(index), y: yOf(value), fill: colour)) }
            }
        }
        let plot: Node<HTML.BodyContext> = .div(
            .class("chart__plot"),
            .div(.class("chart__yaxis"), .attribute(named: "aria-hidden", value: "true"),
                 .forEach([100, 75, 50, 25, 0]) { tick in .span(.class("chart__ytick chart__ytick--\(tick)"), .text("\(tick)")) }),
            ChartFrame.marks(height: top + plotHeight + 10, marks)
        )
        let waveNames: Node<HTML.BodyContext> = .ol(
            .class("chart__waves"), .attribute(named: "aria-hidden", value: "true"),
            .forEach(waves) { .li(.text($0)) }
        )
        let legend: Node<HTML.BodyContext> = .ul(.class("chart__legend"), .forEach(Array(series.enumerated())) { number, line in
            .li(ChartFrame.swatch(fill: Self.colours[number % Self.colours.count], shape: number), .text(line.label))
        })
        return ChartFrame.chart(id: id, title: title, describedBy: tableId, kind: "trend", [plot, waveNames, legend])
    }
}
