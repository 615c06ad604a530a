import Foundation
import Testing
@testable import BelongCore

@Suite("A school's plan: goals read across waves, actions that come due")
struct PlanTests {
    static let school = UUID()
    static let waves = (0..<4).map { _ in UUID() }

    static func goal(target: Double = 0.75, baseline: UUID? = waves[0]) -> PlanGoal {
        PlanGoal(id: UUID(), schoolId: school, strategy: .relationships, measure: GoalMeasure(audience: .students, measure: "heard")!,
                 baselineWave: baseline, target: target, byWhen: CalendarDate(iso: "2027-06-15")!, createdAt: Date())
    }

    static func reading(_ index: Int, _ count: Int?, of n: Int = 200) -> GoalProgress.Reading {
        .init(wave: waves[index], title: "Wave \(index)", figure: count.map { ProportionEstimate(count: $0, n: n) })
    }

    @Test("a measure that rose clearly is 'improved' against its baseline; one inside the noise is 'no clear change'")
    func verdicts() throws {
        let rose = GoalProgress(goal: Self.goal(), readings: [Self.reading(0, 100), Self.reading(1, 104), Self.reading(2, 140)])
        #expect(rose.baseline?.wave == Self.waves[0])
        #expect(rose.points.map { $0.change?.verdict } == [nil, .noClearChange, .improved])
        #expect(rose.verdict == .improved)
        #expect(rose.latest?.wave == Self.waves[2])
        #expect(rose.reached == false, "70% is under the 75% target")
        let flat = GoalProgress(goal: Self.goal(), readings: [Self.reading(0, 100), Self.reading(1, 106)])
        #expect(flat.verdict == .noClearChange)
        let fell = GoalProgress(goal: Self.goal(target: 0.4), readings: [Self.reading(0, 100), Self.reading(1, 60)])
        #expect(fell.verdict == .declined)
        #expect(fell.reached == false)
        #expect(GoalProgress(goal: Self.goal(target: 0.5), readings: [Self.reading(0, 100)]).reached == true, "at the target counts as reached")
    }

    @Test("a wave the privacy filter withheld says so and is skipped: the verdict reads the latest shown wave")
    func withheld() {
        let progress = GoalProgress(goal: Self.goal(), readings: [Self.reading(0, 100), Self.reading(1, 150), Self.reading(2, nil)])
        #expect(progress.points.count == 3)
        #expect(progress.points[2].reading.figure == nil && progress.points[2].change == nil && progress.points[2].reading.respondents == nil)
        #expect(progress.latest?.wave == Self.waves[1])
        #expect(progress.verdict == .improved)
        let hiddenBaseline = GoalProgress(goal: Self.goal(), readings: [Self.reading(0, nil), Self.reading(1, 150)])
        #expect(hiddenBaseline.verdict == nil, "no verdict without a shown baseline")
        #expect(hiddenBaseline.points.allSatisfy { $0.change == nil })
        #expect(hiddenBaseline.reached == true, "150 of 200 is at the target")
    }

    @Test("waves before the baseline are left out; without a baseline wave the first reading is the baseline")
    func baseline() {
        let readings = [Self.reading(0, 80), Self.reading(1, 100), Self.reading(2, 130)]
        let fromSecond = GoalProgress(goal: Self.goal(baseline: Self.waves[1]), readings: readings)
        #expect(fromSecond.points.map(\.reading.wave) == [Self.waves[1], Self.waves[2]])
        #expect(fromSecond.baseline?.wave == Self.waves[1])
        let none = GoalProgress(goal: Self.goal(baseline: nil), readings: readings)
        #expect(none.baseline?.wave == Self.waves[0])
        let empty = GoalProgress(goal: Self.goal(), readings: [])
        #expect(empty.baseline == nil && empty.latest == nil && empty.verdict == nil && empty.reached == nil)
    }

    @Test("a goal names a feeling or the trusted adult, nothing else")
    func measures() {
        #expect(GoalMeasure(audience: .staff, measure: "supported") != nil)
        #expect(GoalMeasure(audience: .students, measure: "trusted-adult") != nil)
        #expect(GoalMeasure(audience: .students, measure: "belonging-index") == nil)
        #expect(GoalMeasure.all.count == 3 * 7)
    }

    @Test("an open action past its due day is overdue; done and dropped ones never are; overdue ones come first")
    func overdue() {
        let today = CalendarDate(iso: "2026-12-03")!
        func action(_ what: String, due: String?, _ status: ActionStatus) -> PlanAction {
            PlanAction(id: UUID(), schoolId: Self.school, goalId: nil, what: what, strategy: .relationships, ownerId: nil, starts: nil,
                       due: due.flatMap(CalendarDate.init(iso:)), status: status, updatedAt: Date())
        }
        let late = action("late", due: "2026-12-02", .underWay)
        let dueToday = action("today", due: "2026-12-03", .planned)
        let done = action("done late", due: "2026-11-01", .done)
        let dropped = action("dropped", due: "2026-11-01", .dropped)
        let undated = action("undated", due: nil, .planned)
        #expect(late.isOverdue(today: today))
        #expect(!dueToday.isOverdue(today: today) && !done.isOverdue(today: today) && !dropped.isOverdue(today: today) && !undated.isOverdue(today: today))
        #expect(PlanAction.ordered([undated, done, dueToday, dropped, late], today: today).map(\.what) == ["late", "today", "undated", "done late", "dropped"])
    }
}
