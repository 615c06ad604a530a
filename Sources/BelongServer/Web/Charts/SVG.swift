import Plot

/// The marks of server-drawn charts (ChartFrame holds their words): colours, numbers, shapes.
enum SVG {
    typealias Content = Node<HTML.BodyContext>

    /// Okabe and Ito's palette, distinguishable with every common colour-vision deficiency.
    static let blue = "#0072B2", orange = "#E69F00", sky = "#56B4E9", green = "#009E73", vermillion = "#D55E00", purple = "#CC79A7"
    static let neutral = "#BBBBBB", ink = "#1b2631", grid = "#cfd8df"

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
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
