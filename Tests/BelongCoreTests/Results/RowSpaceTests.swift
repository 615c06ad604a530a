import BelongCore
import Foundation
import Testing

/// The span the privacy audit relies on, checked against a plain rank computation: a vector is in the
/// span of some rows exactly when adding it does not raise their rank.
@Suite("Row space: what sums and differences of shown groups can reach")
struct RowSpaceTests {
    /// Rank by dense elimination with partial pivoting: written independently of RowSpace.
    static func rank(_ rows: [[Double]]) -> Int {
        var matrix = rows
        guard let width = matrix.first?.count else { return 0 }
        var rank = 0
        for column in 0..<width where rank < matrix.count {
            guard let pivot = (rank..<matrix.count).max(by: { abs(matrix[$0][column]) < abs(matrix[$1][column]) }),
                  abs(matrix[pivot][column]) > 1e-9 else { continue }
            matrix.swapAt(rank, pivot)
            for row in 0..<matrix.count where row != rank {
                let factor = matrix[row][column] / matrix[rank][column]
                if factor != 0 { for index in 0..<width { matrix[row][index] -= factor * matrix[rank][index] } }
            }
            rank += 1
        }
        return rank
    }

    static func indicator(_ support: [Int], width: Int) -> [Double] {
        var vector = [Double](repeating: 0, count: width)
        for column in support { vector[column] = 1 }
        return vector
    }

    @Test("on 400 random sets of groups, membership, unit columns and the sparse entry points agree with a rank computation")
    func agreesWithRank() {
        var generator = SeededGenerator(seed: 20261129)
        for round in 0..<400 {
            let width = Int.random(in: 1...14, using: &generator)
            // Mostly small disjoint-ish groups (classes) and a few wide ones (grades, attributes), as in a school.
            let supports: [[Int]] = (0..<Int.random(in: 0...10, using: &generator)).map { _ in
                let size = Bool.random(using: &generator) ? Int.random(in: 1...2, using: &generator) : Int.random(in: 1...width, using: &generator)
                return Array(Set((0..<size).map { _ in Int.random(in: 0..<width, using: &generator) })).sorted()
            }
            let rows = supports.map { Self.indicator($0, width: width) }
            var sparse = RowSpace(columns: width)
            for support in supports { sparse.add(support: support) }
            let dense = RowSpace(rows)
            let base = Self.rank(rows)
            for column in 0..<width {
                let unit = Self.indicator([column], width: width)
                let inSpan = Self.rank(rows + [unit]) == base
                #expect(sparse.unitColumns.contains(column) == inSpan, "round \(round), column \(column)")
                #expect(dense.contains(unit) == inSpan, "round \(round), column \(column)")
            }
            for _ in 0..<6 {
                let probe = Array(Set((0..<Int.random(in: 1...width, using: &generator)).map { _ in Int.random(in: 0..<width, using: &generator) })).sorted()
                let inSpan = Self.rank(rows + [Self.indicator(probe, width: width)]) == base
                #expect(sparse.contains(support: probe) == inSpan, "round \(round), probe \(probe)")
            }
        }
    }

    @Test("a class inside its grade: the grade less its other classes gives the class back")
    func differences() {
        var span = RowSpace(columns: 3)
        span.add(support: [0, 1, 2])  // the grade
        span.add(support: [0])        // one class
        span.add(support: [1])        // another
        #expect(span.contains(support: [2]))
        #expect(span.unitColumns == [0, 1, 2])
        var partial = RowSpace(columns: 3)
        partial.add(support: [0, 1, 2])
        partial.add(support: [0])
        #expect(!partial.contains(support: [2]))
        #expect(partial.contains(support: [1, 2]))
        #expect(partial.unitColumns == [0])
    }
}
