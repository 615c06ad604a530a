import BelongCore
import Foundation
import Testing

/// The privacy filter (DOMAIN.md §4) against people who try to recover a small group's figures.
@Suite("Privacy filter: minimum n and complementary suppression")
struct SuppressionTests {
    static let school = UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!
    static let other = UUID(uuidString: "00000000-0000-0000-0000-0000000000b2")!
    static let levels: [UUID: SchoolLevel] = [school: .elementary, other: .elementary, UUID(uuidString: "00000000-0000-0000-0000-0000000000c3")!: .middle, UUID(uuidString: "00000000-0000-0000-0000-0000000000d4")!: .middle]

    /// A plan over cells given as (school, grade, class, sex, respondents).
    static func plan(_ cells: [(UUID, Int, Int, String?, Int)], minimumN: Int = 10) -> (SuppressionPlan, [ResultCell], [Int]) {
        let resultCells = cells.map { school, grade, room, sex, _ in
            ResultCell(school: school, grade: Grade(rawValue: grade), classId: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", room))!,
                       attributes: sex.map { ["sex": $0] } ?? [:])
        }
        let counts = cells.map(\.4)
        return (SuppressionPlan(cells: resultCells, respondents: counts, levels: levels, minimumN: minimumN), resultCells, counts)
    }

    static func grade(_ grade: Int, in school: UUID = school) -> GroupKey { GroupKey.school(school, level: .elementary).grade(Grade(rawValue: grade)!) }
    static func room(_ room: Int, in school: UUID = school) -> GroupKey {
        GroupKey(level: .elementary, school: school, classId: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", room))!)
    }

    @Test("a group under the minimum n is not shown; n is never below 5")
    func minimumN() {
        let (plan, _, _) = Self.plan([(Self.school, 4, 1, nil, 30), (Self.school, 5, 2, nil, 9), (Self.school, 6, 3, nil, 25)])
        #expect(!plan.isShown(Self.grade(5)))
        #expect(plan.isShown(.school(Self.school, level: .elementary)))
        let (five, _, _) = Self.plan([(Self.school, 4, 1, nil, 5), (Self.school, 5, 2, nil, 5)], minimumN: 5)
        #expect(five.isShown(Self.grade(4)) && five.isShown(Self.grade(5)))
    }

    @Test("one hidden group beside a total hides the next-smallest too, so subtraction finds nothing")
    func complementary() {
        let (plan, _, _) = Self.plan([(Self.school, 4, 1, nil, 30), (Self.school, 5, 2, nil, 9), (Self.school, 6, 3, nil, 25)])
        #expect(!plan.isShown(Self.grade(5)) && !plan.isShown(Self.grade(6)), "school − grade 4 − grade 6 would be grade 5")
        #expect(plan.isShown(Self.grade(4)))
    }

    @Test("several tiny hidden groups are hidden with a shown one until together they reach n")
    func tinyTogether() {
        let (plan, _, _) = Self.plan([(Self.school, 4, 1, nil, 40), (Self.school, 5, 2, nil, 3), (Self.school, 6, 3, nil, 4), (Self.school, 7, 4, nil, 12)])
        #expect(!plan.isShown(Self.grade(7)), "3 + 4 people together are still fewer than 10")
        #expect(plan.isShown(Self.grade(4)))
    }

    @Test("classes inside a grade: a grade minus its shown classes is not a small class")
    func classesInsideGrade() {
        // Grade 5 has classes of 25, 13 and 2; elsewhere another tiny class makes the school's class breakdown look safe.
        let (plan, _, _) = Self.plan([(Self.school, 5, 1, nil, 25), (Self.school, 5, 2, nil, 13), (Self.school, 5, 3, nil, 2),
                                      (Self.school, 6, 4, nil, 30), (Self.school, 6, 5, nil, 9)])
        #expect(plan.isShown(Self.grade(5)))
        #expect(!plan.isShown(Self.room(3)))
        #expect(!plan.isShown(Self.room(2)), "grade 5 − class 1 − class 2 would be class 3")
    }

    @Test("a breakdown of a breakdown is never shown: grade 4's girls would be the school's girls minus two")
    func breakdownOfBreakdown() {
        // Girls: 28 in grade 4, 2 in grade 5. The school's girls (30) minus grade 4's girls (28) would be two girls.
        let (plan, _, _) = Self.plan([(Self.school, 4, 1, "F", 28), (Self.school, 4, 1, "M", 25), (Self.school, 5, 2, "F", 2), (Self.school, 5, 2, "M", 30)])
        #expect(plan.isShown(GroupKey.school(Self.school, level: .elementary).attribute("sex", "F")))
        #expect(!plan.isShown(Self.grade(4).attribute("sex", "F")))
        #expect(plan.respondents(in: Self.grade(4).attribute("sex", "F")) == nil, "not a group any output can show")
    }

    @Test("the district's grade filter and its schools: a school's small grade is not the district's grade minus the others")
    func districtFilters() {
        let (plan, _, _) = Self.plan([(Self.school, 4, 1, nil, 40), (Self.school, 5, 2, nil, 30), (Self.other, 4, 3, nil, 35), (Self.other, 5, 4, nil, 6)])
        let districtGrade5 = GroupKey(grade: .grade5)
        #expect(!plan.isShown(Self.grade(5, in: Self.other)))
        #expect(!(plan.isShown(districtGrade5) && plan.isShown(Self.grade(5))), "district grade 5 − this school's grade 5 = the other's 6")
    }

    /// A grade number no grade has: the cell's students have no grade on the roster ("grade not given").
    static let gradeNotGiven = 99

    @Test("students whose grade is not given count at the school only: the school less its shown grades is never a few of them")
    func gradeNotGiven() {
        let (plan, _, _) = Self.plan([(Self.school, 4, 1, nil, 30), (Self.school, 5, 2, nil, 25), (Self.school, Self.gradeNotGiven, 3, nil, 2)])
        #expect(plan.isShown(.school(Self.school, level: .elementary)))
        #expect(!(plan.isShown(Self.grade(4)) && plan.isShown(Self.grade(5))), "school − grade 4 − grade 5 would be the 2 without a grade")
        let (many, _, _) = Self.plan([(Self.school, 4, 1, nil, 30), (Self.school, 5, 2, nil, 25), (Self.school, Self.gradeNotGiven, 3, nil, 12)])
        #expect(many.isShown(Self.grade(4)) && many.isShown(Self.grade(5)), "12 without a grade are a group of their own size: nothing to hide")
    }

    @Test("no small group or cell can be rebuilt from the shown groups by any sum or difference", arguments: 1...300)
    func noLinearRecovery(seed: UInt64) {
        Self.expectNoLinearRecovery(seed: seed, gradesNotGiven: false)
    }

    @Test("nor when some students' grade is not given", arguments: 301...400)
    func noLinearRecoveryWithoutGrades(seed: UInt64) {
        Self.expectNoLinearRecovery(seed: seed, gradesNotGiven: true)
    }

    static func expectNoLinearRecovery(seed: UInt64, gradesNotGiven: Bool) {
        var rng = SeededGenerator(seed: seed)
        var cells: [(UUID, Int, Int, String?, Int)] = []
        for (schoolIndex, school) in [Self.school, Self.other, UUID(uuidString: "00000000-0000-0000-0000-0000000000c3")!, UUID(uuidString: "00000000-0000-0000-0000-0000000000d4")!].enumerated() {
            for grade in 4...(4 + Int.random(in: 1...3, using: &rng)) {
                for room in 0..<Int.random(in: 1...3, using: &rng) {
                    let classNumber = schoolIndex * 100 + grade * 10 + room
                    for sex in ["F", "M", "X", nil] where Int.random(in: 0..<4, using: &rng) > 0 {
                        let n = sex == "X" ? Int.random(in: 1...4, using: &rng) : Int.random(in: 1...18, using: &rng)
                        // A few students of the class have no grade on the roster.
                        let ungraded = gradesNotGiven && Int.random(in: 0..<5, using: &rng) == 0
                        cells.append((school, ungraded ? gradeNotGiven : grade, classNumber, sex, n))
                    }
                }
            }
        }
        let (plan, resultCells, counts) = Self.plan(cells)
        let vector = { (key: GroupKey) in
            resultCells.map { cell in
                // The plan's own group of students without a grade: the cells without one, in the key's place.
                guard key.attribute == SuppressionPlan.gradeNotGiven else { return key.contains(cell, level: Self.levels[cell.school]!) ? 1.0 : 0.0 }
                let place = GroupKey(level: key.level, school: key.school)
                return cell.grade == nil && place.contains(cell, level: Self.levels[cell.school]!) ? 1.0 : 0.0
            }
        }
        let shown = plan.groups.filter(plan.isShown)
        let basis = RowSpace(shown.map(vector))
        for key in plan.groups where plan.respondents(in: key)! < plan.minimumN {
            let recovered = basis.contains(vector(key))
            #expect(!recovered, "seed \(seed): \(key) (\(plan.respondents(in: key)!)) can be computed from shown groups")
        }
        for (index, n) in counts.enumerated() where n < plan.minimumN {
            var single = [Double](repeating: 0, count: counts.count)
            single[index] = 1
            let recovered = basis.contains(single)
            #expect(!recovered, "seed \(seed): cell \(index) (\(n)) can be computed from shown groups")
        }
        // A school's students without a grade, together: what the school less its grades would give.
        for school in Set(resultCells.map(\.school)) {
            let members = resultCells.indices.filter { resultCells[$0].school == school && resultCells[$0].grade == nil }
            let n = members.reduce(0) { $0 + counts[$1] }
            guard n > 0, n < plan.minimumN else { continue }
            let together = resultCells.indices.map { members.contains($0) ? 1.0 : 0.0 }
            #expect(!basis.contains(together), "seed \(seed): the \(n) without a grade at \(school) can be computed from shown groups")
        }
        for key in shown { #expect(plan.respondents(in: key)! >= plan.minimumN) }
    }
}
