import BelongCore
import Plot

/// A QR code as a small SVG: one path of dark squares inside the four-module quiet zone readers need.
enum QRCodeSVG {
    static func render(_ code: QRCode, label: String) -> Node<HTML.BodyContext> {
        var path = ""
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        let side = code.size + 8
        return .element(named: "svg", nodes: [
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"), .attribute(named: "class", value: "slip__qr"),
            .attribute(named: "viewBox", value: "0 0 \(side) \(side)"), .attribute(named: "role", value: "img"),
            .attribute(named: "aria-label", value: label), .attribute(named: "shape-rendering", value: "crispEdges"),
            .element(named: "rect", nodes: [.attribute(named: "width", value: "\(side)"), .attribute(named: "height", value: "\(side)"),
                                            .attribute(named: "fill", value: "#fff")]),
            .element(named: "path", nodes: [.attribute(named: "d", value: path), .attribute(named: "fill", value: "#000")]),
        ])
    }
}
