import BelongCore
import Plot

/// Where to get help now: the school's own words (who to talk to, where) and, for students, the helpline
/// the district names. Shown at the end of every survey and to a student who says no adult would listen.
struct SurveyHelp: Sendable {
    /// The school's message, in the page's language or else English (or French), with the language it is in.
    let school: String?
    let schoolLanguage: BelongCore.Language?
    let helpline: String?
    let helplineLanguage: BelongCore.Language?

    init(school texts: [BelongCore.Language: String], helpline: [BelongCore.Language: String], forStudents: Bool, in language: BelongCore.Language) {
        func pick(_ table: [BelongCore.Language: String]) -> (String, BelongCore.Language)? {
            for choice in [language] + BelongCore.Language.interface { if let text = table[choice] { return (text, choice) } }
            return nil
        }
        let message = pick(texts), line = forStudents ? pick(helpline) : nil
        school = message?.0
        schoolLanguage = message?.1
        self.helpline = line?.0
        helplineLanguage = line?.1
    }

    var isEmpty: Bool { school == nil && helpline == nil }
}

enum HelpCard {
    static func render(_ help: SurveyHelp, _ t: Localizer) -> Node<HTML.BodyContext> {
        .if(!help.isEmpty, .section(
            .class("notice-card help-card"), .attribute(named: "aria-labelledby", value: "help-heading"),
            .h2(.id("help-heading"), .text(t("survey.help.heading"))),
            // A text in another language than the page's (an Arabic page, an English message) says so, for screen readers.
            .unwrap(help.school) { .p(.class("help-card__school"), .if(help.schoolLanguage != t.language, .attribute(named: "lang", value: help.schoolLanguage?.code ?? "")), .text($0)) },
            .unwrap(help.helpline) { .p(.if(help.helplineLanguage != t.language, .attribute(named: "lang", value: help.helplineLanguage?.code ?? "")), .text($0)) }
        ))
    }
}
