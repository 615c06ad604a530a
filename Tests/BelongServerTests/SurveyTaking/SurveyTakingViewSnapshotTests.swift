import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("Survey pages as HTML")
struct SurveyTakingViewSnapshotTests {
    @Test("entering a code, after a wrong one", arguments: BelongCore.Language.interface)
    func enterCode(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let model = EnterCodeViewModel(chrome: PageSnapshots.chrome(language, titleKey: "survey.enter.title", path: "/s", respondent: true),
                                       typed: "K7M2-QX9", problem: t("survey.problem.unknown"))
        PageSnapshots.check(EnterCodeView.render(model), named: language.code, feature: "SurveyTaking")
    }

    @Test("the welcome page of an anonymous wave offered in two languages", arguments: BelongCore.Language.interface)
    func welcome(language: BelongCore.Language) {
        let model = WelcomeViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "survey.welcome.title", path: "/s/K7M2QX9PA", respondent: true),
            title: "December check-in", code: "K7M2QX9PA", confidential: false, questionCount: 24, languages: BelongCore.Language.interface,
            resuming: false, locked: false, typedWord: "", wordProblem: nil, firstPage: "/s/K7M2QX9PA/1?lang=\(language.code)"
        )
        PageSnapshots.check(WelcomeView.render(model), named: language.code, feature: "SurveyTaking")
    }
}
