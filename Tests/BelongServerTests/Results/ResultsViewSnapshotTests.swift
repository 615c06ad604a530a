import BelongCore
import Foundation
import Testing
@testable import BelongServer

/// A fixed wave of answers, made by arithmetic rather than chance, for pages computed by the real results engine:
/// three schools, two grades and two classes each; the third school has fewer responses than the minimum.
enum FixedWave {
    static let schools = [PageSnapshots.north, PageSnapshots.id(0xa2), PageSnapshots.id(0xa3)]
    static let names = [schools[0]: "North Elementary", schools[1]: "South <Elementary>", schools[2]: "Pine Ridge"]
    static let levels = Dictionary(uniqueKeysWithValues: schools.map { ($0, SchoolLevel.elementary) })
    static let instrument = try! BuiltInInstruments.load().first { $0.id == "belong-student" }!

    static func wave(_ n: Int, title: String, daysAgo: Double) -> SurveyWave {
        SurveyWave(
            id: PageSnapshots.id(0xf0 + n), districtId: PageSnapshots.district, title: title, instrumentId: instrument.id,
            instrumentVersion: instrument.version, respondents: .students(from: .grade4, to: .grade5), schoolIds: schools,
            opensAt: PageSnapshots.day.addingTimeInterval(-daysAgo * 86_400), closesAt: PageSnapshots.day.addingTimeInterval((-daysAgo + 18) * 86_400),
            timeZone: "America/Toronto", minimumGroupSize: 10, state: .closed
        )
    }
    static let earlier = wave(1, title: "Spring check-in", daysAgo: 230)
    static let latest = wave(2, title: "Fall check-in", daysAgo: 60)

    /// `lift` moves every answer up a step for one response in `lift`: the later wave reads a little warmer.
    static func answers(responses: [Int], lift: Int) -> WaveAnswers {
        var answers = WaveAnswers(layout: ResultsLayout(instrument: instrument, wave: latest))
        for (school, count) in responses.enumerated() {
            for i in 0..<count {
                let grade: Grade = i % 2 == 0 ? .grade4 : .grade5
                let cell = ResultCell(school: schools[school], grade: grade, classId: PageSnapshots.id(0x100 + school * 10 + (i / 2) % 2 + (grade == .grade5 ? 2 : 0)),
                                      attributes: ["home-language": i % 4 == 1 ? "fr" : "en"])
                let packed = answers.layout.items.enumerated().map { index, item -> UInt8 in
                    guard let values = item.response.values else { return 0 }
                    if (i + index) % 11 == 0 { return 0 }
                    // Mostly agreeing, as most schools' students do: 5 4 4 3 5 4 2 4 5 3 4 1 on five points.
                    let fivePoint = [5, 4, 4, 3, 5, 4, 2, 4, 5, 3, 4, 1][(i * 5 + index * 7 + school) % 12]
                    // Some respondents a step warmer or cooler than the pattern throughout, as people are.
                    let temper = [0, 1, -1, 0, 1, 0, -1][i % 7]
                    let base = values.count == 5 ? max(1, min(5, fivePoint + temper)) : values.lowerBound + (i * 7 + index * 3 + school) % values.count
                    return UInt8(min(values.upperBound, base + (i % lift == 0 ? 1 : 0)))
                }
                answers.append(packed, in: cell)
            }
        }
        return answers
    }

    static let latestAnswers = answers(responses: [48, 36, 6], lift: 3)
    static let latestResults = WaveResults(answers: latestAnswers, levels: levels, minimumN: 10)
    static let earlierResults = WaveResults(answers: answers(responses: [44, 30, 8], lift: 9), levels: levels, minimumN: 10)
    static let classTitles = [
        PageSnapshots.id(0x100): "4A — Ms. Tremblay", PageSnapshots.id(0x101): "4B — Mr. Okoye",
        PageSnapshots.id(0x102): "5A — Ms. Roy", PageSnapshots.id(0x103): "5B — Mr. Singh",
    ]
    static let homeLanguage = ResultsStore.AttributeLabels(
        name: [.english: "Home language", .french: "Langue parlée à la maison"],
        values: ["en": [.english: "English", .french: "Anglais"], "fr": [.english: "French", .french: "Français"]], order: ["en", "fr"]
    )

    static func school() -> SchoolResults {
        let results = latestResults
        let scope = GroupKey.school(schools[0], level: .elementary)
        let trend = [PreviousWave(wave: earlier, figures: earlierResults.figures(scope)), PreviousWave(wave: latest, figures: results.figures(scope))]
        var breakdowns = [results.breakdownRows(scope, by: .grade),
                          results.breakdownRows(scope, by: .classroom).sorted { $0.classId.flatMap { classTitles[$0] } ?? "" }]
        for attribute in results.attributes { breakdowns.append(results.breakdownRows(scope, by: .attribute(attribute))) }
        var made = SchoolResults(
            wave: latest, school: Organization(id: schools[0], kind: .school, name: names[schools[0]]!, districtId: PageSnapshots.district,
                                               lowestGrade: .kindergarten, highestGrade: .grade5),
            instrument: instrument, layout: results.layout, minimumN: results.minimumN, scope: scope, grade: nil, figures: results.figures(scope),
            previous: trend[0], breakdowns: breakdowns.filter { !$0.rows.isEmpty }, grades: [.grade4, .grade5],
            participation: .init(eligible: 61, responded: results.summary(scope)?.respondents ?? 0),
            reliability: results.reliability(scope, answers: latestAnswers),
            openAnswers: ["open-connect": [.init(key: "a1", text: "More clubs at lunch <script>alert(1)</script>", findings: []),
                                           .init(key: "a2", text: "Ms. Roy is the best", findings: [.name])]],
            classTitles: classTitles, attributeLabels: ["home-language": homeLanguage], releasedResponses: latestAnswers.count
        )
        made.trend = trend
        return made
    }

    static func district() -> DistrictResults {
        let results = latestResults
        let scope = GroupKey(level: nil, grade: nil)
        let points = [(earlier, earlierResults), (latest, results)].map { wave, figures in
            DistrictResults.TrendPoint(wave: wave, total: figures.figures(scope), schools: Dictionary(uniqueKeysWithValues: figures.breakdown(scope, by: .school).map {
                ($0.school!, figures.figures($0))
            }))
        }
        var breakdowns = [results.breakdownRows(scope, by: .grade)]
        for attribute in results.attributes { breakdowns.append(results.breakdownRows(scope, by: .attribute(attribute))) }
        let shown = schools.filter { results.figures(GroupKey(level: .elementary, school: $0)).isShown }
        let participation = Dictionary(uniqueKeysWithValues: shown.map { school in
            (school, ParticipationStore.Count(eligible: 60, responded: results.summary(GroupKey(level: .elementary, school: school))?.respondents ?? 0))
        })
        return DistrictResults(
            wave: latest, instrument: instrument, layout: results.layout, minimumN: results.minimumN, level: nil, grade: nil, scope: scope,
            figures: results.figures(scope), previous: PreviousWave(wave: earlier, figures: earlierResults.figures(scope)),
            schools: results.breakdownRows(scope, by: .school).sorted { $0.school.flatMap { names[$0] } ?? "" }, breakdowns: breakdowns,
            levels: [.elementary], grades: [.grade4, .grade5], schoolNames: names, participation: participation,
            totalParticipation: results.figures(scope).isShown
                ? participation.values.reduce(into: ParticipationStore.Count()) { $0.eligible += $1.eligible; $0.responded += $1.responded } : nil,
            trend: points, attributeLabels: ["home-language": homeLanguage], releasedResponses: latestAnswers.count
        )
    }
}

@Suite("Results pages as HTML")
struct ResultsViewSnapshotTests {
    @Test("the list of waves a principal may read", arguments: BelongCore.Language.interface)
    func list(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let wave = FixedWave.earlier
        let model = ResultsListViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "results.list.title", path: "/results", visitor: PageSnapshots.principal),
            rows: [.init(title: wave.title, who: SurveyText.respondents(wave.respondents, t), window: SurveyText.window(wave, t),
                         status: SurveyText.status(wave, now: PageSnapshots.day, t), district: nil,
                         schools: [("North Elementary", SiteURL.schoolResults(wave: wave.id, school: PageSnapshots.north).path)])]
        )
        PageSnapshots.check(ResultsListView.render(model), named: language.code, feature: "Results")
    }

    static func schoolChrome(_ language: BelongCore.Language, titleKey: String, path: String) -> PageChrome {
        PageSnapshots.chrome(language, titleKey: titleKey, titleArguments: ["school": "North Elementary", "wave": FixedWave.latest.title],
                             path: path, visitor: PageSnapshots.principal)
    }

    @Test("a school's results: the index, its change, feelings, the trusted adult, trend, breakdowns, reliability and open answers",
          arguments: BelongCore.Language.interface)
    func school(language: BelongCore.Language) {
        let path = SiteURL.schoolResults(wave: FixedWave.latest.id, school: PageSnapshots.north).path
        let model = SchoolResultsViewModel(FixedWave.school(), chrome: Self.schoolChrome(language, titleKey: "results.school.title", path: path),
                                           showsReliability: true)
        PageSnapshots.check(SchoolResultsView.render(model), named: language.code, feature: "Results")
    }

    @Test("the print report of a school's results, with the items and grades chosen", arguments: BelongCore.Language.interface)
    func report(language: BelongCore.Language) {
        let path = SiteURL.schoolResults(wave: FixedWave.latest.id, school: PageSnapshots.north).path + "/report"
        let model = SchoolResultsViewModel(FixedWave.school(), chrome: Self.schoolChrome(language, titleKey: "results.report.title", path: path),
                                           showsReliability: false, isReport: true, reportParts: ["items", "grade"])
        PageSnapshots.check(SchoolResultsView.render(model), named: language.code, feature: "Results")
    }

    @Test("\"you said, we did\": the results told back to students", arguments: BelongCore.Language.interface)
    func youSaid(language: BelongCore.Language) {
        let path = SiteURL.schoolResults(wave: FixedWave.latest.id, school: PageSnapshots.north).path + "/you-said"
        let model = YouSaidViewModel(FixedWave.school(), chrome: Self.schoolChrome(language, titleKey: "results.youSaid.title", path: path))
        PageSnapshots.check(YouSaidView.render(model), named: language.code, feature: "Results")
    }

    @Test("the district's schools side by side, one under the minimum", arguments: BelongCore.Language.interface)
    func district(language: BelongCore.Language) {
        let chrome = PageSnapshots.chrome(language, titleKey: "results.district.title", titleArguments: ["wave": FixedWave.latest.title],
                                          path: "/results/\(FixedWave.latest.id.pathSegment)", visitor: PageSnapshots.administrator)
        PageSnapshots.check(DistrictResultsView.render(DistrictResultsViewModel(FixedWave.district(), chrome: chrome)), named: language.code,
                            feature: "Results")
    }
}
