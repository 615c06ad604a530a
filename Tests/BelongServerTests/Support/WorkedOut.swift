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

extension WorkedOut {
    /// What one release showed: which groups, and which responses it counted (those of releases up to `upTo`).
    struct Release {
        let keys: [GroupKey]
        let shows: (GroupKey) -> Bool
        let upTo: Int
    }

    /// The attacker across releases (issue #12, time): every group each release showed, as a sum over
    /// (cell, release) pieces, eliminated together; then every small piece, every small part of a group in
    /// a run of releases, and every shown group that moved by fewer than the minimum between two releases.
    static func acrossReleases(cells: [ResultCell], levels: [UUID: SchoolLevel], responses: [(cell: Int, release: Int)], releases: [Release],
                               minimumN: Int) -> [String] {
        let blocks = releases.count
        guard blocks > 0 else { return [] }
        var pieces = [Int](repeating: 0, count: cells.count * blocks)
        for response in responses { pieces[response.cell * blocks + response.release] += 1 }
        let support = { (key: GroupKey, range: ClosedRange<Int>) -> [Int] in
            cells.indices.filter { key.contains(cells[$0], level: levels[cells[$0].school] ?? .combined) }.flatMap { cell in
                range.map { cell * blocks + $0 }.filter { pieces[$0] > 0 }
            }
        }
        let size = { (columns: [Int]) in columns.reduce(0) { $0 + pieces[$1] } }
        var span = RowSpace(columns: pieces.count)
        var keys: Set<GroupKey> = []
        for release in releases {
            for key in release.keys where release.shows(key) { span.add(support: support(key, 0...release.upTo)) }
            keys.formUnion(release.keys)
        }
        var found: [String] = []
        for (column, n) in pieces.enumerated() where n > 0 && n < minimumN && span.contains(support: [column]) {
            found.append("cell \(column / blocks) of release \(column % blocks) (\(n))")
        }
        for key in keys {
            for first in 0..<blocks {
                for last in first..<blocks {
                    let part = support(key, first...last)
                    if (1..<minimumN).contains(size(part)) && span.contains(support: part) { found.append("\(key) in releases \(first)...\(last) (\(size(part)))") }
                }
            }
        }
        for (earlier, later) in zip(releases, releases.dropFirst()) {
            for key in later.keys where later.shows(key) && earlier.shows(key) {
                let moved = size(support(key, (earlier.upTo + 1)...later.upTo))
                if (1..<minimumN).contains(moved) { found.append("\(key) moved by \(moved)") }
            }
        }
        return found
    }
}
