import Plot

/// The frame every chart shares. Words sit in HTML, so they wrap and keep the page's text size on every
/// screen; only marks (bars, whiskers, lines, points) are SVG, drawn in percent of the width so nothing
/// scales text down on a phone. The chart is one image to a screen reader, named by its title and
/// described by the data table beside it.
enum ChartFrame {
    typealias Content = Node<HTML.BodyContext>

    static func chart(id: String, title: String, describedBy: String?, kind: String, _ children: [Content]) -> Content {
        var nodes: [Content] = [
            .id(id), .class("chart chart--\(kind)"), .attribute(named: "role", value: "img"),
            .attribute(named: "aria-labelledby", value: "\(id)-title"),
            .span(.id("\(id)-title"), .class("visually-hidden"), .text(title)),
        ]
        if let describedBy { nodes.append(.attribute(named: "aria-describedby", value: describedBy)) }
        return .div(.group(nodes + children))
    }

    /// An SVG of marks only, as wide as its box and `height` px tall.
    static func marks(height: Double, _ children: [Content], className: String = "chart__marks") -> Content {
        .element(named: "svg", nodes: [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "class", value: className),
            .attribute(named: "width", value: "100%"), .attribute(named: "height", value: SVG.number(height)),
            .attribute(named: "aria-hidden", value: "true"), .attribute(named: "focusable", value: "false"),
        ] + children)
    }

    static func percent(_ fraction: Double) -> String { SVG.number(min(max(fraction, 0), 1) * 100) + "%" }

    static func rect(from: Double, to: Double, y: Double, height: Double, fill: String, stroke: String? = nil) -> Content {
        var nodes: [Content] = [
            .attribute(named: "x", value: percent(from)), .attribute(named: "y", value: SVG.number(y)),
            .attribute(named: "width", value: percent(max(0, to - from))), .attribute(named: "height", value: SVG.number(height)),
            .attribute(named: "fill", value: fill),
        ]
        if let stroke { nodes += [.attribute(named: "stroke", value: stroke), .attribute(named: "stroke-width", value: "1")] }
        return .element(named: "rect", nodes: nodes)
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1.5, dashed: Bool = false) -> Content {
        var nodes: [Content] = [
            .attribute(named: "x1", value: percent(x1)), .attribute(named: "y1", value: SVG.number(y1)),
            .attribute(named: "x2", value: percent(x2)), .attribute(named: "y2", value: SVG.number(y2)),
            .attribute(named: "stroke", value: stroke), .attribute(named: "stroke-width", value: SVG.number(width)),
        ]
        if dashed { nodes.append(.attribute(named: "stroke-dasharray", value: "4 3")) }
        return .element(named: "line", nodes: nodes)
    }

    /// A point at a fraction of the width and a y in px, whose shape (not only its colour) tells series apart.
    static func point(_ shape: Int, x: Double, y: Double, fill: String) -> Content {
        .element(named: "svg", nodes: [
            .attribute(named: "x", value: percent(x)), .attribute(named: "y", value: SVG.number(y)),
            .attribute(named: "overflow", value: "visible"), SVG.marker(shape, x: 0, y: 0, fill: fill),
        ])
    }

    /// A small square of colour or a marker shape, for a legend.
    static func swatch(fill: String, shape: Int? = nil) -> Content {
        .element(named: "svg", nodes: [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"), .attribute(named: "class", value: "chart__swatch"),
            .attribute(named: "width", value: "14"), .attribute(named: "height", value: "14"), .attribute(named: "viewBox", value: "-7 -7 14 14"),
            .attribute(named: "aria-hidden", value: "true"), .attribute(named: "focusable", value: "false"),
            shape.map { SVG.marker($0, x: 0, y: 0, fill: fill) } ?? SVG.rect(x: -6, y: -6, width: 12, height: 12, fill: fill),
        ])
    }

    /// The 0–100 scale above a column of bars.
    static func axis() -> Content {
        .div(
            .class("chart__row chart__row--axis"), .attribute(named: "aria-hidden", value: "true"),
            .span(.class("chart__label")),
            .span(.class("chart__scale"), .forEach([0, 25, 50, 75, 100]) { tick in .span(.class("chart__tick chart__tick--\(tick)"), .text("\(tick)")) }),
            .span(.class("chart__value"))
        )
    }

    /// Grid lines at the quarters, under a bar's marks.
    static func grid(height: Double) -> [Content] {
        [0.25, 0.5, 0.75].map { line(x1: $0, y1: 0, x2: $0, y2: height, stroke: SVG.grid, width: 1) }
    }
}
