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

@Suite("The end of a survey as HTML")
struct SurveyEndViewSnapshotTests {
    static func help(_ language: BelongCore.Language) -> SurveyHelp {
        SurveyHelp(school: [.english: "See Ms. Roy in room 12.", .french: "Va voir Mme Roy, salle 12."],
                   helpline: [.english: "Kids Help Phone: 1-800-668-6868"], forStudents: true, in: language)
    }

    @Test("reviewing the answers, one skipped, with where to get help", arguments: BelongCore.Language.interface)
    func review(language: BelongCore.Language) throws {
        let t = PageSnapshots.translations.localizer(for: language)
        let instrument = try #require(BuiltInInstruments.load().first { $0.id == "belong-student" })
        let (first, second) = (instrument.items[0], instrument.items[1])
        var model = ReviewViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "survey.review.title", path: "/s/K7M2QX9PA/review", respondent: true),
            title: instrument.title(in: language), code: "K7M2QX9PA",
            rows: [.init(number: 1, question: first.text(in: language), answer: t(first.response.labelKey(4)), page: 1),
                   .init(number: 2, question: second.text(in: language), answer: nil, page: 1)],
            lastPage: 3
        )
        model.help = Self.help(language)
        PageSnapshots.check(ReviewView.render(model), named: language.code, feature: "SurveyTaking")
    }

    @Test("thanks, with where to get help", arguments: BelongCore.Language.interface)
    func thanks(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        var model = SurveyMessageViewModel(chrome: PageSnapshots.chrome(language, titleKey: "survey.thanks.title", path: "/s/thanks", respondent: true),
                                           heading: t("survey.thanks.heading"), text: t("survey.thanks.text"))
        model.help = Self.help(language)
        PageSnapshots.check(SurveyMessageView.render(model), named: "thanks-\(language.code)", feature: "SurveyTaking")
    }
}

@Suite("Question pages as HTML")
struct QuestionPageViewSnapshotTests {
    static func instrument(_ id: String) throws -> Instrument {
        try #require(BuiltInInstruments.load().first { $0.id == id })
    }

    @Test("the last page of the student check-in: a trusted adult, the adults named, an open question, one left unanswered",
          arguments: BelongCore.Language.interface)
    func lastPage(language: BelongCore.Language) throws {
        let instrument = try Self.instrument("belong-student")
        let items = Array(instrument.items.suffix(3))
        let answers = Answers(choices: [items[0].id: 1], texts: [items[2].id: "More <b>clubs</b> at lunch"], adults: [PageSnapshots.id(81)])
        let model = QuestionPageViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "survey.page.title", titleArguments: ["page": "7", "count": "7"],
                                         path: "/s/K7M2QX9PA/7", respondent: true),
            title: instrument.title(in: language), code: "K7M2QX9PA", page: 7, pageCount: 7, firstQuestion: instrument.items.count - 2,
            questionCount: instrument.items.count, items: items, answers: answers, earlyYears: false,
            staff: [(PageSnapshots.id(81), "Ms. Roy"), (PageSnapshots.id(82), "Mr. Tremblay")], problem: nil
        )
        PageSnapshots.check(QuestionPageView.render(model), named: language.code, feature: "SurveyTaking")
    }

    @Test("a page of the early-years check-in, with faces and reading aloud", arguments: BelongCore.Language.interface)
    func earlyYears(language: BelongCore.Language) throws {
        let instrument = try Self.instrument("belong-early-years")
        let items = Array(instrument.items.prefix(2))
        let model = QuestionPageViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "survey.page.title", titleArguments: ["page": "1", "count": "3"],
                                         path: "/s/K7M2QX9PA/1", respondent: true),
            title: instrument.title(in: language), code: "K7M2QX9PA", page: 1, pageCount: 3, firstQuestion: 1,
            questionCount: instrument.items.count, items: items, answers: Answers(choices: [items[0].id: 3]), earlyYears: true, staff: [],
            problem: PageSnapshots.translations.localizer(for: language)("survey.page.invalid")
        )
        PageSnapshots.check(QuestionPageView.render(model), named: language.code, feature: "SurveyTaking")
    }
}
