import Plot

/// Horizontal bars of percentages, each with its 95% interval as a whisker; a row under the
/// minimum n shows its label and "fewer than N" instead of a bar.
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
        let labelWidth = 190.0, barWidth = 330.0, rowHeight = 30.0, top = 22.0
        let height = top + Double(bars.count) * rowHeight + 8
        var children: [SVG.Content] = []
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let x = labelWidth + tick * barWidth
            children.append(SVG.line(x1: x, y1: top - 4, x2: x, y2: height - 6, stroke: SVG.grid, width: 1))
            children.append(SVG.text("\(Int(tick * 100))", x: x, y: 14, anchor: "middle", size: 11, fill: "#44515e"))
        }
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            children.append(SVG.text(Self.clip(bar.label), x: labelWidth - 8, y: y + 19, anchor: "end"))
            if let value = bar.value {
                children.append(SVG.rect(x: labelWidth, y: y + 6, width: value * barWidth, height: 18, fill: SVG.blue))
                if let lower = bar.lower, let upper = bar.upper {
                    let x1 = labelWidth + lower * barWidth, x2 = labelWidth + upper * barWidth
                    children.append(SVG.line(x1: x1, y1: y + 15, x2: x2, y2: y + 15, stroke: SVG.ink, width: 1.5))
                    children.append(SVG.line(x1: x1, y1: y + 9, x2: x1, y2: y + 21, stroke: SVG.ink, width: 1.5))
                    children.append(SVG.line(x1: x2, y1: y + 9, x2: x2, y2: y + 21, stroke: SVG.ink, width: 1.5))
                }
                children.append(SVG.text(bar.text, x: labelWidth + barWidth + 8, y: y + 19, weight: "600"))
            } else {
                children.append(SVG.text(bar.text, x: labelWidth + 6, y: y + 19, size: 12, fill: "#44515e"))
            }
        }
        return SVG.image(id: id, title: title, describedBy: tableId, width: labelWidth + barWidth + 110, height: height, children)
    }

    static func clip(_ label: String) -> String {
        label.count > 28 ? String(label.prefix(27)) + "…" : label
    }
}
