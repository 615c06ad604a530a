import BelongCore
import Foundation

/// The attacker's sums (issue #5, #12): every small group of a plan and every small cell of a wave
/// that some sum or difference of the shown groups gives, by a dense elimination over all cells.
enum WorkedOut {
    static func smallFigures(shown: [GroupKey], plan: SuppressionPlan, cells: [ResultCell], counts: [Int], levels: [UUID: SchoolLevel],
                             minimumN: Int) -> [String] {
        let vector = { (key: GroupKey) in cells.map { key.contains($0, level: levels[$0.school]!) ? 1.0 : 0.0 } }
        let span = RowSpace(shown.map(vector))
        var found: [String] = []
        for key in plan.groups where plan.respondents(in: key)! < minimumN && span.contains(vector(key)) {
            found.append("\(key) (\(plan.respondents(in: key)!))")
        }
        for (index, n) in counts.enumerated() where n > 0 && n < minimumN {
            var single = [Double](repeating: 0, count: cells.count)
            single[index] = 1
            if span.contains(single) { found.append("a cell of \(n)") }
        }
        return found
    }
}
