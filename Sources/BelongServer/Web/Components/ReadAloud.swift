import BelongCore
import Plot

/// A "Listen" button for young respondents: read-aloud.js speaks its text in the page's language and
/// shows the button only where the browser can speak.
enum ReadAloud {
    static func button(speaking text: String, label: String, _ t: Localizer) -> Node<HTML.BodyContext> {
        .button(
            .type(.button), .class("read-aloud"), .attribute(named: "hidden"),
            .attribute(named: "data-read-aloud", value: text), .attribute(named: "aria-label", value: label),
            // A drawn speaker rather than an emoji: kiosks and some phones have no emoji font.
            .img(.src("/img/speaker.svg"), Attribute(name: "alt", value: "", ignoreIfValueIsEmpty: false), .class("read-aloud__icon")),
            .text(t("survey.page.listen"))
        )
    }

    /// Sentences joined for speech, each ending in a stop so the voice pauses between them.
    static func sentences(_ parts: [String]) -> String {
        parts.filter { !$0.isEmpty }.map { $0.last.map { ".?!:".contains($0) } == true ? $0 : $0 + "." }.joined(separator: " ")
    }
}
