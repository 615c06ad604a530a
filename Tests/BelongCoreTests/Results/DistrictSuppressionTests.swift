import BelongCore
import Foundation
import Testing

/// The privacy filter across schools (issue #12): a district reader sees every school and every
/// district-wide group at once, so the audit must cover their sums and differences together; and it
/// must withhold a district-wide group rather than a school's own grades when either would do.
@Suite("Privacy filter across schools: district-wide groups, economical suppression, honest reasons")
struct DistrictSuppressionTests {
    static func id(_ number: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", number))! }

    struct Cell {
        let school: Int, grade: Int, room: Int
        var attributes: [String: String] = [:]
        let n: Int
    }

    static func plan(_ cells: [Cell], levels: [Int: SchoolLevel], minimumN: Int = 10) -> (SuppressionPlan, [ResultCell], [Int], [UUID: SchoolLevel]) {
        let resultCells = cells.map { ResultCell(school: id($0.school), grade: Grade(rawValue: $0.grade), classId: id(1000 + $0.room), attributes: $0.attributes) }
        let levelsById = Dictionary(uniqueKeysWithValues: levels.map { (id($0.key), $0.value) })
        return (SuppressionPlan(cells: resultCells, respondents: cells.map(\.n), levels: levelsById, minimumN: minimumN), resultCells, cells.map(\.n), levelsById)
    }

    /// Every small group and every small cell that some sum or difference of the shown groups gives.
    static func recoverable(_ plan: SuppressionPlan, _ cells: [ResultCell], _ counts: [Int], _ levels: [UUID: SchoolLevel]) -> [String] {
        let vector = { (key: GroupKey) in cells.map { key.contains($0, level: levels[$0.school]!) ? 1.0 : 0.0 } }
        let span = RowSpace(plan.groups.filter(plan.isShown).map(vector))
        var found: [String] = []
        for key in plan.groups where plan.respondents(in: key)! < plan.minimumN && span.contains(vector(key)) {
            found.append("\(key) (\(plan.respondents(in: key)!))")
        }
        for (index, n) in counts.enumerated() where n > 0 && n < plan.minimumN {
            var single = [Double](repeating: 0, count: counts.count)
            single[index] = 1
            if span.contains(single) { found.append("cell \(index) (\(n))") }
        }
        return found
    }

    /// Demo-like: a K–5 school, a 6–8 school and a small K–8 school whose grades 4–5 and 6–8 are one class each.
    static let demoLike: [Cell] = [
        Cell(school: 1, grade: 4, room: 1, n: 30), Cell(school: 1, grade: 4, room: 2, n: 29),
        Cell(school: 1, grade: 5, room: 3, n: 32), Cell(school: 1, grade: 5, room: 4, n: 27),
        Cell(school: 2, grade: 6, room: 10, n: 145), Cell(school: 2, grade: 7, room: 11, n: 152), Cell(school: 2, grade: 8, room: 12, n: 153),
        Cell(school: 3, grade: 4, room: 20, n: 4), Cell(school: 3, grade: 5, room: 20, n: 4),
        Cell(school: 3, grade: 6, room: 21, n: 3), Cell(school: 3, grade: 7, room: 21, n: 2), Cell(school: 3, grade: 8, room: 21, n: 3),
    ]
    static let demoLevels: [Int: SchoolLevel] = [1: .elementary, 2: .middle, 3: .combined]

    @Test("district grades added and subtracted with a school's total do not give a small school's class")
    func crossSchoolSubtraction() {
        let (plan, cells, counts, levels) = Self.plan(Self.demoLike, levels: Self.demoLevels)
        #expect(Self.recoverable(plan, cells, counts, levels).isEmpty)
        // The attacks of the report, spelled out: grade 4 + grade 5 − the K–5 school, and grades 6 + 7 + 8 − the 6–8 school.
        let g = { (grade: Int) in GroupKey(grade: Grade(rawValue: grade)) }
        let school = { (number: Int) in GroupKey.school(Self.id(number), level: Self.demoLevels[number]!) }
        #expect(!(plan.isShown(g(4)) && plan.isShown(g(5)) && plan.isShown(school(1))))
        #expect(!(plan.isShown(g(6)) && plan.isShown(g(7)) && plan.isShown(g(8)) && plan.isShown(school(2))))
    }

    @Test("a school's own grades are shown; the district-wide grade is withheld instead, and says why")
    func economical() {
        let (plan, _, _, _) = Self.plan(Self.demoLike, levels: Self.demoLevels)
        let school = { (number: Int) in GroupKey.school(Self.id(number), level: Self.demoLevels[number]!) }
        for grade in 6...8 {
            let own = school(2).grade(Grade(rawValue: grade)!)
            #expect(plan.isShown(own), "the 6–8 school's grade \(grade) (\(plan.respondents(in: own) ?? 0))")
            #expect(plan.reason(GroupKey(grade: Grade(rawValue: grade))) == .protectsSmallerGroup)
        }
        for grade in 4...5 { #expect(plan.isShown(school(1).grade(Grade(rawValue: grade)!))) }
        #expect(plan.reason(school(3).grade(.grade6)) == .fewerThanMinimum)
        #expect(plan.isShown(school(3)), "the small school's total (25) stays")
    }

    @Test("every withheld group gives a reason that is true: fewer than n only when it is")
    func honestReasons() {
        let (plan, _, _, _) = Self.plan(Self.demoLike, levels: Self.demoLevels)
        for key in plan.groups {
            let n = plan.respondents(in: key)!
            switch plan.reason(key) {
            case nil: #expect(plan.isShown(key) && n >= 10)
            case .fewerThanMinimum: #expect(n < 10, "\(key)")
            case .protectsSmallerGroup: #expect(n >= 10, "\(key)")
            case .waveOpen, .betweenReleases: Issue.record("a plan never holds a group for its wave or between releases: \(key)")
            }
        }
    }

    @Test("random districts with small schools, small classes and attributes: nothing small can be worked out", arguments: 1...150)
    func randomDistricts(seed: UInt64) {
        var rng = SeededGenerator(seed: seed &* 7919)
        var cells: [Cell] = []
        var levels: [Int: SchoolLevel] = [:]
        let spans: [(Int, Int, SchoolLevel)] = [(4, 5, .elementary), (6, 8, .middle), (4, 8, .combined), (9, 12, .high), (4, 7, .combined)]
        var room = 0
        for school in 1...Int.random(in: 3...6, using: &rng) {
            let (low, high, level) = spans[Int.random(in: 0..<spans.count, using: &rng)]
            levels[school] = level
            let small = Int.random(in: 0..<3, using: &rng) == 0
            for grade in low...high {
                for _ in 0..<(small ? 1 : Int.random(in: 1...3, using: &rng)) {
                    room += 1
                    // Mixed-grade classes in small schools: one class over two grades.
                    let classGrades = small && grade < high && Bool.random(using: &rng) ? [grade, grade + 1] : [grade]
                    for classGrade in classGrades {
                        for sex in ["F", "M", "X"] where Int.random(in: 0..<5, using: &rng) > 0 {
                            let n = small || sex == "X" ? Int.random(in: 1...5, using: &rng) : Int.random(in: 3...20, using: &rng)
                            cells.append(Cell(school: school, grade: classGrade, room: room, attributes: ["sex": sex, "ell": Bool.random(using: &rng) ? "yes" : "no"], n: n))
                        }
                    }
                }
            }
        }
        let (plan, resultCells, counts, levelsById) = Self.plan(cells, levels: levels)
        let found = Self.recoverable(plan, resultCells, counts, levelsById)
        #expect(found.isEmpty, "seed \(seed): \(found.prefix(5))")
        for key in plan.groups where plan.isShown(key) { #expect(plan.respondents(in: key)! >= plan.minimumN) }
    }

    @Test("an item answered by few inside a shown class is withheld there, and its complement too, so the school minus the other class does not give it")
    func itemInsideShownGroup() {
        // One school, two classes of 12 and 30; only 3 of the 12 answered the custom question.
        let cells = [Cell(school: 1, grade: 5, room: 1, n: 12), Cell(school: 1, grade: 6, room: 2, n: 30)]
        let resultCells = cells.map { ResultCell(school: Self.id($0.school), grade: Grade(rawValue: $0.grade), classId: Self.id(1000 + $0.room)) }
        let plan = SuppressionPlan(cells: resultCells, respondents: [12, 30], figures: [[3, 30], [12, 29]], levels: [Self.id(1): .elementary], minimumN: 10)
        let school = GroupKey.school(Self.id(1), level: .elementary)
        let small = GroupKey(level: .elementary, school: Self.id(1), classId: Self.id(1001)), large = GroupKey(level: .elementary, school: Self.id(1), classId: Self.id(1002))
        #expect(plan.isShown(small) && plan.isShown(large) && plan.isShown(school))
        #expect(plan.reason(small, figure: 0) == .fewerThanMinimum)
        #expect(plan.reason(large, figure: 0) != nil || plan.reason(school, figure: 0) != nil, "school − the class of 30 would give the 3 answers")
        #expect(plan.reason(large, figure: 0) == .protectsSmallerGroup || plan.reason(school, figure: 0) == .protectsSmallerGroup)
        // The other question, answered by nearly everyone, is shown everywhere its group is.
        for key in [small, large, school] { #expect(plan.reason(key, figure: 1) == nil) }
    }

    @Test("random districts where people skip questions: no figure of fewer than n can be worked out from the groups that show it", arguments: 1...60)
    func randomFigures(seed: UInt64) {
        var rng = SeededGenerator(seed: seed &* 104_729)
        var cells: [Cell] = []
        var levels: [Int: SchoolLevel] = [:]
        var room = 0
        for school in 1...Int.random(in: 2...4, using: &rng) {
            levels[school] = [.elementary, .middle, .combined][Int.random(in: 0..<3, using: &rng)]
            for grade in 4...Int.random(in: 5...7, using: &rng) {
                for _ in 0..<Int.random(in: 1...2, using: &rng) {
                    room += 1
                    for sex in ["F", "M"] where Int.random(in: 0..<6, using: &rng) > 0 {
                        cells.append(Cell(school: school, grade: grade, room: room, attributes: ["sex": sex], n: Int.random(in: 1...16, using: &rng)))
                    }
                }
            }
        }
        let counts = cells.map(\.n)
        // A question most answer, one many skip, one few answer (a district's own question).
        let skipRates = [0.05, 0.4, 0.85]
        let figures = skipRates.map { rate in counts.map { n in (0..<n).filter { _ in Double.random(in: 0..<1, using: &rng) >= rate }.count } }
        let (_, resultCells, _, levelsById) = Self.plan(cells, levels: levels)
        let plan = SuppressionPlan(cells: resultCells, respondents: counts, figures: figures, levels: levelsById, minimumN: 10)
        for (figure, answered) in figures.enumerated() {
            // Only the cells where someone gave the figure count: the others are known to add nothing.
            let columns = answered.indices.filter { answered[$0] > 0 }
            let vector = { (key: GroupKey) in columns.map { key.contains(resultCells[$0], level: levelsById[resultCells[$0].school]!) ? 1.0 : 0.0 } }
            let size = { (key: GroupKey) in columns.filter { key.contains(resultCells[$0], level: levelsById[resultCells[$0].school]!) }.reduce(0) { $0 + answered[$1] } }
            let showing = plan.groups.filter { plan.reason($0, figure: figure) == nil }
            for key in showing { #expect(size(key) >= 10, "seed \(seed), figure \(figure): \(key) shows \(size(key))") }
            let span = RowSpace(showing.map(vector))
            for key in plan.groups where (1..<10).contains(size(key)) {
                let found = span.contains(vector(key))
                #expect(!found, "seed \(seed), figure \(figure): \(key) (\(size(key)) answered) can be worked out")
            }
            for (offset, cell) in columns.enumerated() where answered[cell] < 10 {
                var single = [Double](repeating: 0, count: columns.count)
                single[offset] = 1
                let found = span.contains(single)
                #expect(!found, "seed \(seed), figure \(figure): a cell of \(answered[cell]) can be worked out")
            }
        }
    }
}
