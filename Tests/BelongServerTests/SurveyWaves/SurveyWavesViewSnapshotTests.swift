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

@Suite("Running a survey wave, as HTML")
struct SurveyWaveRunningViewSnapshotTests {
    static let wave = SurveyWave(
        id: PageSnapshots.id(61), districtId: PageSnapshots.district, title: "December <check-in>", instrumentId: "belong-student", instrumentVersion: 1,
        respondents: .students(from: .grade4, to: .grade5), schoolIds: [PageSnapshots.north],
        opensAt: PageSnapshots.day.addingTimeInterval(-4 * 86_400), closesAt: PageSnapshots.day.addingTimeInterval(17 * 86_400),
        timeZone: "America/Toronto", state: .open
    )

    @Test("planning a wave, sent back with what to fix", arguments: BelongCore.Language.interface)
    func new(language: BelongCore.Language) throws {
        let t = PageSnapshots.translations.localizer(for: language)
        let instrument = try #require(BuiltInInstruments.load().first { $0.id == "belong-student" })
        let form = NewSurveyViewModel.Form(
            title: "", instrument: instrument.reference, gradeFrom: Grade.grade4.rawValue, gradeTo: Grade.grade5.rawValue,
            schools: [PageSnapshots.north.pathSegment], opens: "2026-12-01", closes: "2026-11-20", mode: .anonymous,
            languages: Set(BelongCore.Language.interface), minimumN: "10",
            customItems: [.init(english: "I have a friend at school.", french: "", scale: "agree5")]
        )
        let model = NewSurveyViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "surveys.new.title", path: "/surveys/new", visitor: PageSnapshots.principal),
            form: form,
            errors: [(SurveyText.field(for: .titleMissing), t("surveys.error.\(WaveRules.Problem.titleMissing.rawValue)", ["n": "10"])),
                     (SurveyText.field(for: .windowBackwards), t("surveys.error.\(WaveRules.Problem.windowBackwards.rawValue)", ["n": "10"])),
                     ("custom-0-en", t("surveys.error.customBoth", ["number": "1"]))],
            instruments: [.init(value: instrument.reference, label: "\(instrument.title(in: language)) — \(t("instrument.audience.\(instrument.audience.rawValue)"))")],
            schools: [.init(value: PageSnapshots.north.pathSegment, label: "North Elementary")],
            languages: BelongCore.Language.interface.map { .init(value: $0.code, label: $0.endonym) },
            timeZone: "America/Toronto", minimumGroupSize: 10
        )
        PageSnapshots.check(NewSurveyView.render(model), named: language.code, feature: "SurveyWaves")
    }

    @Test("an open wave with its participation by grade and class", arguments: BelongCore.Language.interface)
    func wave(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let wave = Self.wave
        let count = ParticipationStore.School(
            id: PageSnapshots.north, total: .init(eligible: 52, issued: 50, responded: 31),
            grades: [.grade4: .init(eligible: 27, issued: 27, responded: 19), .grade5: .init(eligible: 25, issued: 23, responded: 12)],
            classes: [.init(id: PageSnapshots.id(51), title: "4A — Ms. Tremblay", isHomeroom: true, count: .init(eligible: 27, issued: 27, responded: 19)),
                      .init(id: PageSnapshots.id(52), title: "5B — Mr. Singh", isHomeroom: true, count: .init(eligible: 25, issued: 23, responded: 12))]
        )
        let model = SurveyWaveViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "surveys.wave.title", titleArguments: ["title": wave.title],
                                         path: SiteURL.survey(wave.id).path, visitor: PageSnapshots.principal),
            wave: wave, instrumentTitle: "Belong", who: SurveyText.respondents(wave.respondents, t), window: SurveyText.window(wave, t),
            status: SurveyText.status(wave, now: PageSnapshots.day, t), isStudents: true,
            schools: [.init(id: PageSnapshots.north, name: "North Elementary", count: count)],
            canOpen: false, canClose: true, canMoveClosing: true, canIssue: true,
            lastDay: SurveyWindow.lastDay(closesAt: wave.closesAt, timeZone: wave.timeZone).description, live: true, notice: nil, problem: nil
        )
        PageSnapshots.check(SurveyWaveView.render(model), named: language.code, feature: "SurveyWaves")
    }

    @Test("a class's code slips, ready to print", arguments: BelongCore.Language.interface)
    func slips(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let codes = ["K7M2QX9PA", "T4WZ8NC3R"]
        let model = CodeSlipsViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "slips.title", titleArguments: ["class": "4A — Ms. Tremblay"],
                                         path: SiteURL.survey(Self.wave.id).path + "/slips", visitor: PageSnapshots.principal),
            waveURL: SiteURL.survey(Self.wave.id).path, schoolName: "North Elementary", className: "4A — Ms. Tremblay",
            address: "https://belong.lakeside.example", paper: .a4, confidential: false,
            groups: [.init(className: "4A — Ms. Tremblay", slips: codes.map { .init(code: AccessCode.display($0), plainCode: $0, name: nil, grade: t.grade(.grade4)) })]
        )
        PageSnapshots.check(CodeSlipsView.render(model), named: language.code, feature: "SurveyWaves")
    }
}
