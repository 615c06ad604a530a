import Plot

/// One stacked bar per question: how many chose each answer, from least to most favourable.
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
        let labelWidth = 250.0, barWidth = 340.0, rowHeight = 28.0, top = 8.0
        let legendTop = top + Double(rows.count) * rowHeight + 10
        let height = legendTop + 26
        var children: [SVG.Content] = []
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            children.append(SVG.text(Self.clip(row.label), x: labelWidth - 8, y: y + 18, anchor: "end", size: 12))
            guard let counts = row.counts, counts.reduce(0, +) > 0 else {
                children.append(SVG.text(row.suppressedText, x: labelWidth + 6, y: y + 18, size: 12, fill: "#44515e"))
                continue
            }
            let total = Double(counts.reduce(0, +))
            var x = labelWidth
            for (category, count) in counts.enumerated() where count > 0 {
                let width = Double(count) / total * barWidth
                children.append(SVG.rect(x: x, y: y + 5, width: width, height: 18, fill: colours[category], stroke: "#ffffff"))
                x += width
            }
        }
        var x = labelWidth
        for (index, category) in categories.enumerated() {
            children.append(SVG.rect(x: x, y: legendTop + 4, width: 12, height: 12, fill: colours[index]))
            children.append(SVG.text(category, x: x + 16, y: legendTop + 14, size: 11))
            x += 22 + Double(category.count) * 6.2
        }
        return SVG.image(id: id, title: title, describedBy: tableId, width: max(labelWidth + barWidth + 10, x + 10), height: height, children)
    }

    static func clip(_ label: String) -> String {
        label.count > 40 ? String(label.prefix(39)) + "…" : label
    }
}
