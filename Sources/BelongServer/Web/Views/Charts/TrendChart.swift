import Plot

/// Percentages across waves, one line per series, each point's shape telling series apart; a
/// suppressed point leaves a gap.
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

    func render() -> Node<HTML.BodyContext> {
        let left = 44.0, width = 420.0, top = 14.0, plotHeight = 180.0, labelRoom = 150.0
        let colours = [SVG.blue, SVG.vermillion, SVG.green, SVG.purple, SVG.orange, SVG.sky]
        let step = waves.count > 1 ? width / Double(waves.count - 1) : 0
        let xOf = { (index: Int) in left + (waves.count > 1 ? Double(index) * step : width / 2) }
        let yOf = { (value: Double) in top + (1 - value) * plotHeight }
        var children: [SVG.Content] = []
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            children.append(SVG.line(x1: left, y1: yOf(tick), x2: left + width, y2: yOf(tick), stroke: SVG.grid, width: 1))
            children.append(SVG.text("\(Int(tick * 100))", x: left - 6, y: yOf(tick) + 4, anchor: "end", size: 11, fill: "#44515e"))
        }
        for (index, wave) in waves.enumerated() {
            children.append(SVG.text(Self.clip(wave), x: xOf(index), y: top + plotHeight + 18, anchor: "middle", size: 11))
        }
        for (number, line) in series.enumerated() {
            let colour = colours[number % colours.count]
            var run: [(Double, Double)] = []
            for (index, value) in line.values.enumerated() {
                if let value {
                    run.append((xOf(index), yOf(value)))
                } else {
                    if run.count > 1 { children.append(SVG.polyline(run, stroke: colour)) }
                    run = []
                }
            }
            if run.count > 1 { children.append(SVG.polyline(run, stroke: colour)) }
            for (index, value) in line.values.enumerated() {
                if let value { children.append(SVG.marker(number, x: xOf(index), y: yOf(value), fill: colour)) }
            }
            if let lastIndex = line.values.lastIndex(where: { $0 != nil }), let last = line.values[lastIndex] {
                children.append(SVG.text(TrendChart.clip(line.label), x: xOf(lastIndex) + 10, y: yOf(last) + 4 + Double(number % 2) * 3, size: 11, fill: SVG.ink))
            }
        }
        return SVG.image(id: id, title: title, describedBy: tableId, width: left + width + labelRoom, height: top + plotHeight + 28, children)
    }

    static func clip(_ label: String) -> String {
        label.count > 22 ? String(label.prefix(21)) + "…" : label
    }
}
