import Plot

/// Small helpers for server-drawn SVG charts: each chart is an image with a title for screen
/// readers and a data table beside it for everyone.
enum SVG {
    typealias Content = Node<HTML.BodyContext>

    /// Okabe and Ito's palette, distinguishable with every common colour-vision deficiency.
    static let blue = "#0072B2", orange = "#E69F00", sky = "#56B4E9", green = "#009E73", vermillion = "#D55E00", purple = "#CC79A7"
    static let neutral = "#BBBBBB", ink = "#1b2631", grid = "#cfd8df"

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func image(id: String, title: String, describedBy: String?, width: Double, height: Double, _ children: [Content]) -> Content {
        var nodes: [Content] = [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "viewBox", value: "0 0 \(number(width)) \(number(height))"),
            .attribute(named: "role", value: "img"),
            .attribute(named: "aria-labelledby", value: "\(id)-title"),
            .attribute(named: "class", value: "chart"),
            .attribute(named: "focusable", value: "false"),
            .element(named: "title", nodes: [.attribute(named: "id", value: "\(id)-title"), .text(title)]),
        ]
        if let describedBy { nodes.insert(.attribute(named: "aria-describedby", value: describedBy), at: 4) }
        return .element(named: "svg", nodes: nodes + children)
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil) -> Content {
        var nodes: [Content] = [
            .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(y)),
            .attribute(named: "width", value: number(max(0, width))), .attribute(named: "height", value: number(height)),
            .attribute(named: "fill", value: fill),
        ]
        if let stroke { nodes += [.attribute(named: "stroke", value: stroke), .attribute(named: "stroke-width", value: "1")] }
        return .element(named: "rect", nodes: nodes)
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1.5, dashed: Bool = false) -> Content {
        var nodes: [Content] = [
            .attribute(named: "x1", value: number(x1)), .attribute(named: "y1", value: number(y1)),
            .attribute(named: "x2", value: number(x2)), .attribute(named: "y2", value: number(y2)),
            .attribute(named: "stroke", value: stroke), .attribute(named: "stroke-width", value: number(width)),
        ]
        if dashed { nodes.append(.attribute(named: "stroke-dasharray", value: "4 3")) }
        return .element(named: "line", nodes: nodes)
    }

    static func text(_ value: String, x: Double, y: Double, anchor: String = "start", size: Double = 13, weight: String? = nil, fill: String = ink) -> Content {
        var nodes: [Content] = [
            .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(y)),
            .attribute(named: "text-anchor", value: anchor), .attribute(named: "font-size", value: number(size)),
            .attribute(named: "fill", value: fill),
        ]
        if let weight { nodes.append(.attribute(named: "font-weight", value: weight)) }
        return .element(named: "text", nodes: nodes + [.text(value)])
    }

    static func polyline(_ points: [(Double, Double)], stroke: String) -> Content {
        .element(named: "polyline", nodes: [
            .attribute(named: "points", value: points.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ")),
            .attribute(named: "fill", value: "none"), .attribute(named: "stroke", value: stroke), .attribute(named: "stroke-width", value: "2.5"),
        ])
    }

    /// A marker whose shape, not only its colour, tells series apart.
    static func marker(_ shape: Int, x: Double, y: Double, fill: String) -> Content {
        switch shape % 3 {
        case 0:
            return .element(named: "circle", nodes: [.attribute(named: "cx", value: number(x)), .attribute(named: "cy", value: number(y)),
                                                     .attribute(named: "r", value: "5"), .attribute(named: "fill", value: fill)])
        case 1:
            return rect(x: x - 4.5, y: y - 4.5, width: 9, height: 9, fill: fill)
        default:
            return .element(named: "polygon", nodes: [
                .attribute(named: "points", value: "\(number(x)),\(number(y - 6)) \(number(x + 6)),\(number(y + 5)) \(number(x - 6)),\(number(y + 5))"),
                .attribute(named: "fill", value: fill)])
        }
    }
}
