import BelongCore
import Plot

/// Where to get help now: the school's own words (who to talk to, where) and, for students, the helpline
/// the district names. Shown at the end of every survey and to a student who says no adult would listen.
struct SurveyHelp: Sendable {
    /// The school's message, in the page's language or else the other one.
    let school: String?
    let helpline: String?

    init(school texts: [BelongCore.Language: String], helpline: [BelongCore.Language: String], forStudents: Bool, in language: BelongCore.Language) {
        school = texts[language] ?? texts.values.first
        self.helpline = forStudents ? helpline[language] ?? helpline.values.first : nil
    }

    var isEmpty: Bool { school == nil && helpline == nil }
}

enum HelpCard {
    static func render(_ help: SurveyHelp, _ t: Localizer) -> Node<HTML.BodyContext> {
        .if(!help.isEmpty, .section(
            .class("notice-card help-card"), .attribute(named: "aria-labelledby", value: "help-heading"),
            .h2(.id("help-heading"), .text(t("survey.help.heading"))),
            .unwrap(help.school) { .p(.class("help-card__school"), .text($0)) },
            .unwrap(help.helpline) { .p(.text($0)) }
        ))
    }
}
