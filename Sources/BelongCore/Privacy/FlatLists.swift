import Foundation

/// Lists of numbers one after another in one array (a group's cells, for every group): walking many
/// groups then reads memory in order instead of chasing an array per group.
struct FlatLists: Sendable {
    private let start: [Int]
    private let items: [Int]

    init(_ lists: [[Int]]) {
        var start = [0]
        start.reserveCapacity(lists.count + 1)
        for list in lists { start.append(start[start.count - 1] + list.count) }
        self.start = start
        items = lists.flatMap { $0 }
    }

    var count: Int { start.count - 1 }

    subscript(list: Int) -> ArraySlice<Int> { items[start[list]..<start[list + 1]] }

    func count(of list: Int) -> Int { start[list + 1] - start[list] }

    /// The total of `values` over each list.
    func sums(of values: [Int]) -> [Int] {
        (0..<count).map { list in
            var total = 0
            for slot in start[list]..<start[list + 1] { total &+= values[items[slot]] }
            return total
        }
    }
}
