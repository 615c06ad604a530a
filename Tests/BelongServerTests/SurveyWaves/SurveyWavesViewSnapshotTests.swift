import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("Survey wave pages as HTML")
struct SurveyWavesViewSnapshotTests {
    @Test("the surveys a principal runs, with the school's help message", arguments: BelongCore.Language.interface)
    func list(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let wave = SurveyWave(
            id: PageSnapshots.id(61), districtId: PageSnapshots.district, title: "December check-in", instrumentId: "belong-student", instrumentVersion: 1,
            respondents: .students(from: .grade4, to: .grade5), schoolIds: [PageSnapshots.north],
            opensAt: PageSnapshots.day.addingTimeInterval(-4 * 86_400), closesAt: PageSnapshots.day.addingTimeInterval(17 * 86_400),
            timeZone: "America/Toronto", state: .open
        )
        var model = SurveyListViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "surveys.title", path: "/surveys", visitor: PageSnapshots.principal),
            rows: [.init(url: SiteURL.survey(wave.id).path, title: wave.title, who: SurveyText.respondents(wave.respondents, t), schools: "North Elementary",
                         window: SurveyText.window(wave, t), status: SurveyText.status(wave, now: PageSnapshots.day, t), responses: t.number(1_031))],
            canPlan: true, notice: nil
        )
        model.help = [.init(schoolId: PageSnapshots.north.pathSegment, school: "North Elementary", english: "See Ms. Roy in room 12.",
                            french: "Va voir Mme Roy, salle 12.")]
        model.helpline = "Kids Help Phone: 1-800-668-6868"
        PageSnapshots.check(SurveyListView.render(model), named: language.code, feature: "SurveyWaves")
    }

    @Test("the district's questionnaires, built in and its own", arguments: BelongCore.Language.interface)
    func instruments(language: BelongCore.Language) throws {
        let t = PageSnapshots.translations.localizer(for: language)
        let instrument = try #require(BuiltInInstruments.load().first { $0.id == "belong-student" })
        let model = InstrumentsViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "instruments.title", path: "/admin/instruments", visitor: PageSnapshots.administrator),
            rows: [.init(title: instrument.title(in: language), reference: instrument.reference, audience: t("instrument.audience.\(instrument.audience.rawValue)"),
                         items: instrument.items.count, builtIn: true, source: nil, url: SiteURL.instrumentFile(id: instrument.id, version: instrument.version).path)],
            notice: nil, problems: []
        )
        PageSnapshots.check(InstrumentsView.render(model), named: language.code, feature: "SurveyWaves")
    }
}
