import BelongCore
import Plot

/// A class's code slips, ready to print and cut: one per student, with the address, the code and a
/// one-line instruction in English and French. The codes are shown on this page only.
struct CodeSlipsViewModel: Sendable {
    enum Paper: String, Sendable {
        case a4
        case letter
    }

    struct Slip: Sendable {
        let code: String
        let plainCode: String
        /// Confidential waves print the student's name; anonymous slips carry none.
        let name: String?
        let grade: String?
    }

    /// One class's slips; printed from a new page when several classes print at once.
    struct Group: Sendable {
        let className: String
        let slips: [Slip]
    }

    let chrome: PageChrome
    let waveURL: String
    let schoolName: String
    /// What the page prints: a class, "every class", or a grade's classes.
    let className: String
    let address: String
    let paper: Paper
    let confidential: Bool
    let groups: [Group]

    var slips: [Slip] { groups.flatMap(\.slips) }
}

enum CodeSlipsView {
    static func render(_ model: CodeSlipsViewModel) -> HTML {
        let t = model.chrome.t
        var chrome = model.chrome
        chrome.stylesheets = ["/css/slips-\(model.paper.rawValue).css"]
        chrome.scripts = ["/js/print.js"]
        let entry = "\(model.address)/s"
        return Layout.page(chrome, main: .group(
            .div(
                .class("screen-only"),
                .p(.a(.href(model.waveURL), .text(t("surveys.backToWave")))),
                .h1(.text(t("slips.heading", ["class": model.className]))),
                .if(model.slips.isEmpty, Notices.warning(t("slips.none")), else: .group(
                    .div(.class("notice notice--warning"), .attribute(named: "role", value: "alert"),
                         .p(.strong(.text(t("slips.once", ["count": t.number(model.slips.count)])))),
                         .p(.text(t(model.confidential ? "slips.handOutConfidential" : "slips.handOut")))),
                    .p(.button(.type(.button), .class("button"), .attribute(named: "data-print"), .attribute(named: "hidden"),
                               .text(t("slips.printNow"))))
                ))
            ),
            .forEach(Array(model.groups.filter { !$0.slips.isEmpty }.enumerated())) { index, group in
                .ul(
                    .class(index == 0 ? "slips" : "slips slips--new-page"),
                    .attribute(named: "aria-label", value: model.groups.count == 1 ? t("slips.list") : t("slips.listFor", ["class": group.className])),
                    .forEach(group.slips) { slip in slipItem(slip, group: group, model: model, entry: entry) }
                )
            }
        ))
    }

    static func slipItem(_ slip: CodeSlipsViewModel.Slip, group: CodeSlipsViewModel.Group, model: CodeSlipsViewModel, entry: String) -> Node<HTML.ListContext> {
        .li(
            .class("slip"),
            .p(.class("slip__place"), .text("\(model.schoolName) · \(group.className)"),
               .unwrap(slip.name) { name in .group(.br(), .strong(.text(name)), .unwrap(slip.grade) { .text(" · \($0)") }) }),
            .p(.class("slip__step"), .attribute(named: "lang", value: "en"), .text("Go to \(entry) and type this code:")),
            .p(.class("slip__step"), .attribute(named: "lang", value: "fr"), .text("Va sur \(entry) et tape ce code :")),
            .p(.class("slip__code"), .text(slip.code)),
            .p(.class("slip__link"), .text("\(model.address)/s/\(slip.plainCode)")),
            // A phone's camera opens the same address; a slip with an address too long for a code just has none.
            .unwrap(try? QRCode(text: "\(model.address)/s/\(slip.plainCode)")) { QRCodeSVG.render($0, label: model.chrome.t("slips.qr")) }
        )
    }

    /// The slips as a file of their own (from `belong codes`), with the little styling they need inside it.
    static func standalone(_ model: CodeSlipsViewModel) -> String {
        let t = model.chrome.t
        let entry = "\(model.address)/s"
        let size = model.paper == .a4 ? "A4" : "letter"
        let html = HTML(
            .attribute(named: "lang", value: t.language.code),
            .head(
                .meta(.charset(.utf8)),
                .element(named: "title", text: t("slips.heading", ["class": model.className])),
                .element(named: "style", text: """
                    @page { size: \(size); margin: 10mm; }
                    body { font-family: system-ui, sans-serif; margin: 0; }
                    .slips { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: 1fr 1fr; }
                    .slip { border: 1px dashed #555; padding: 10px 14px; break-inside: avoid; page-break-inside: avoid; }
                    .slip p { margin: 2px 0; }
                    .slip__place, .slip__link { font-size: 12px; color: #222; }
                    .slip__code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 26px; font-weight: 700; letter-spacing: 0.08em; }
                    .slip { position: relative; padding-right: 100px; min-height: 100px; }
                    .slip__qr { position: absolute; top: 10px; right: 10px; width: 80px; height: 80px; }
                    """)
            ),
            .body(.forEach(model.groups) { group in
                .ul(.class("slips"), .forEach(group.slips) { slip in slipItem(slip, group: group, model: model, entry: entry) })
            })
        )
        return html.render()
    }
}
