@testable import BelongCore
import Foundation
import Testing

/// The school audit's span (classes as blocks, wide groups as dense rows, empty cells dropped) must
/// reach exactly what a plain rank computation says the shown groups reach, and its leftovers must name
/// classes modulo the span: two vectors differing by something in the span leave the same leftover.
@Suite("School span: classes as blocks, wide groups beside them")
struct SchoolSpanTests {
    @Test("on 400 random schools, what the span reaches agrees with a rank computation, empty cells dropped or added as units")
    func agreesWithRank() {
        var generator = SeededGenerator(seed: 20261202)
        for round in 0..<400 {
            let width = Int.random(in: 1...16, using: &generator)
            // Classes that partition some of the cells, then grades and attributes that cut across them.
            var columns = Array(0..<width).shuffled(using: &generator)
            var supports: [[Int]] = []
            while !columns.isEmpty, Bool.random(using: &generator) || supports.isEmpty {
                let size = min(columns.count, Int.random(in: 1...4, using: &generator))
                supports.append(Array(columns.prefix(size)).sorted())
                columns.removeFirst(size)
            }
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                supports.append(Array(Set((0..<Int.random(in: 1...width, using: &generator)).map { _ in Int.random(in: 0..<width, using: &generator) })).sorted())
            }
            let dropped = (0..<width).map { _ in Int.random(in: 0..<6, using: &generator) == 0 }
            let span = SchoolSpan(columns: width, groups: supports, dropped: dropped)
            // The same span for a rank computation: the groups, and a unit row for each dropped column.
            let rows = supports.map { RowSpaceTests.indicator($0, width: width) }
                + (0..<width).filter { dropped[$0] }.map { RowSpaceTests.indicator([$0], width: width) }
            let base = RowSpaceTests.rank(rows)
            func inSpan(_ support: [Int]) -> Bool { RowSpaceTests.rank(rows + [RowSpaceTests.indicator(support, width: width)]) == base }
            // The respondents' span with the empty cells added afterwards, as a figure's audit takes it over.
            let augmented = SchoolSpan(columns: width, groups: supports).adding(units: (0..<width).filter { dropped[$0] })
            for column in 0..<width {
                #expect(span.reaches(column) == inSpan([column]), "round \(round), column \(column)")
                #expect(augmented.reaches(column) == inSpan([column]), "round \(round), column \(column), units added")
            }
            for _ in 0..<6 {
                let probe = Array(Set((0..<Int.random(in: 1...width, using: &generator)).map { _ in Int.random(in: 0..<width, using: &generator) })).sorted()
                #expect(span.contains(support: probe) == inSpan(probe), "round \(round), probe \(probe)")
                #expect(augmented.contains(support: probe) == inSpan(probe), "round \(round), probe \(probe), units added")
                // A probe plus any shown group leaves what the probe leaves.
                if let group = supports.randomElement(using: &generator) {
                    var shifted: [Int: Double] = [:]
                    for column in probe { shifted[column, default: 0] += 1 }
                    for column in group { shifted[column, default: 0] += 1 }
                    let left = span.residual(support: probe), right = span.residual(sparse: shifted)
                    #expect(Set(left.keys) == Set(right.keys) && left.allSatisfy { abs($0.value - (right[$0.key] ?? 0)) < 1e-9 }, "round \(round)")
                }
            }
        }
    }

    @Test("a grade less all but one of its classes gives that class; a cell nobody answered in is free to add")
    func gradeLessClasses() {
        // Cells 0–1 one class, 2–3 another, the grade all four; girls are cells 0 and 2.
        let span = SchoolSpan(columns: 4, groups: [[0, 1], [2, 3], [0, 1, 2, 3], [0, 2]])
        #expect(!span.reaches(0))
        #expect(span.contains(support: [1, 3]))
        let withEmpty = SchoolSpan(columns: 4, groups: [[0, 1], [2, 3], [0, 2]], dropped: [false, true, false, false])
        #expect(withEmpty.reaches(0) && withEmpty.reaches(2) && withEmpty.reaches(3))
    }
}
