import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("The self-assessment's pages as HTML")
struct SelfAssessmentViewSnapshotTests {
    static let rubric = Rubric.builtIn
    static let school = Organization(id: PageSnapshots.north, kind: .school, name: "North Elementary")
    static let assessment = SelfAssessment(id: PageSnapshots.id(31), schoolId: PageSnapshots.north, title: "Fall 2026", startedBy: PageSnapshots.principal.account.id,
                                           startedAt: PageSnapshots.day.addingTimeInterval(-20 * 86_400), completedAt: nil)
    static let (ana, ben) = (PageSnapshots.id(41), PageSnapshots.id(42))
    static var all: [String] { rubric.indicators.map(\.id) }
    static let evidence = ["sl-data": "In the past year the school asked students in “Fall check-in”. No survey asked staff and families.",
                           "tr-student-reports": "No confidential survey in the past year asked students to name the adults they trust."]

    @Test("a school's assessments, one in progress and one completed, with the form to start another", arguments: BelongCore.Language.interface)
    func list(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let base = "/schools/\(Self.school.id.pathSegment)/assessments"
        let model = AssessmentListViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "assessment.list.title", titleArguments: ["school": Self.school.name], path: base, visitor: PageSnapshots.principal),
            school: Self.school,
            rows: [.init(title: "Fall 2026", started: "November 10, 2026", completed: nil, scorecardURL: "\(base)/a", rateURL: "\(base)/a/rate", consensusURL: "\(base)/a/consensus"),
                   .init(title: "Spring 2026", started: "April 2, 2026", completed: "April 20, 2026", scorecardURL: "\(base)/b", rateURL: nil, consensusURL: "\(base)/b/consensus")],
            startURL: base, suggestedTitle: AssessmentController.suggestedTitle(PageSnapshots.day, t), problem: nil)
        PageSnapshots.check(AssessmentListView.render(model), named: "list-\(language.code)", feature: "Assessment")
    }

    @Test("a member's ratings, some given, one with a note too long, evidence beside the indicators it speaks to", arguments: BelongCore.Language.interface)
    func rate(language: BelongCore.Language) {
        let path = "/schools/\(Self.school.id.pathSegment)/assessments/\(Self.assessment.id.pathSegment)/rate"
        let model = RateViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "assessment.rate.title", titleArguments: ["title": Self.assessment.title], path: path, visitor: PageSnapshots.principal),
            school: Self.school, assessment: Self.assessment, sections: Self.rubric.sections,
            values: [Self.all[0]: ("3", "Interviews ask about it"), Self.all[1]: ("na", ""), Self.all[6]: ("1", String(repeating: "x", count: 20))],
            evidence: Self.evidence, notice: nil, problems: [Self.all[6]: "A note has at most 1,000 characters."], action: path, backURL: "/back")
        PageSnapshots.check(RateView.render(model), named: "rate-\(language.code)", feature: "Assessment")
    }

    @Test("the consensus: two members apart, their notes, the widest disagreement first", arguments: BelongCore.Language.interface)
    func consensus(language: BelongCore.Language) {
        let path = "/schools/\(Self.school.id.pathSegment)/assessments/\(Self.assessment.id.pathSegment)/consensus"
        let ratings: [UUID: [String: IndicatorRating]] = [Self.ana: [Self.all[0]: .points(3), Self.all[1]: .points(0), Self.all[2]: .notApplicable],
                                                          Self.ben: [Self.all[0]: .points(3), Self.all[1]: .points(3), Self.all[2]: .points(2)]]
        let model = ConsensusViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "assessment.consensus.title", titleArguments: ["title": Self.assessment.title], path: path, visitor: PageSnapshots.principal),
            school: Self.school, assessment: Self.assessment, members: [(Self.ana, "Ana Alvarez"), (Self.ben, "Ben <b>Bold</b>")],
            spread: IndicatorSpread.ordered(rubric: Self.rubric, ratings: ratings), notes: [Self.ana: [Self.all[1]: "Nobody told me about it"]],
            values: [Self.all[0]: ("3", "Both agree")], evidence: Self.evidence, notice: nil, problems: [:], action: path, rateURL: "/rate", scorecardURL: "/card")
        PageSnapshots.check(ConsensusView.render(model), named: "consensus-\(language.code)", feature: "Assessment")
    }

    @Test("a completed scorecard with the change since the previous round, strengths and opportunities", arguments: BelongCore.Language.interface)
    func scorecard(language: BelongCore.Language) {
        var now: [String: IndicatorRating] = [:], before: [String: IndicatorRating] = [:]
        for (index, id) in Self.all.enumerated() {
            now[id] = index % 7 == 6 ? .notApplicable : .points(index % 4)
            before[id] = .points(max(0, index % 4 - 1))
        }
        var completed = Self.assessment
        completed.completedAt = PageSnapshots.day
        let model = ScorecardViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "assessment.scorecard.title", titleArguments: ["title": completed.title, "school": Self.school.name],
                                         path: "/card", visitor: PageSnapshots.principal),
            school: Self.school, assessment: completed, completed: "November 30, 2026",
            card: Scorecard(rubric: Self.rubric, consensus: now, previous: before), evidence: [Self.all[3]: "Two workshops in 2025"],
            decidedCount: Self.all.count, indicatorCount: Self.all.count, previousTitle: "Spring 2026", notice: nil, consensusURL: "/consensus", listURL: "/list")
        PageSnapshots.check(ScorecardView.render(model), named: "scorecard-\(language.code)", feature: "Assessment")
    }

    @Test("the district's schools side by side, one not yet assessed", arguments: BelongCore.Language.interface)
    func district(language: BelongCore.Language) {
        var consensus: [String: IndicatorRating] = [:]
        for (index, id) in Self.all.enumerated() { consensus[id] = .points((index * 5) % 4) }
        var completed = Self.assessment
        completed.completedAt = PageSnapshots.day
        let model = DistrictAssessmentsViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "assessment.district.title", path: "/district/assessments", visitor: PageSnapshots.administrator),
            rows: [.init(school: Self.school, assessment: completed, completed: "November 30, 2026", card: Scorecard(rubric: Self.rubric, consensus: consensus), url: "/card"),
                   .init(school: Organization(id: PageSnapshots.id(99), kind: .school, name: "South Secondary"), assessment: nil, completed: nil, card: nil, url: "/list")])
        PageSnapshots.check(DistrictAssessmentsView.render(model), named: "district-\(language.code)", feature: "Assessment")
    }
}
