import Foundation

extension SuppressionPlan {
    /// What withholding a group costs its readers, as official statistics weigh a cell before choosing
    /// which to suppress (τ-ARGUS, sdcTable: a cost per cell, the cheapest protecting set).
    ///
    /// The rule, in DOMAIN.md's words: a grade or attribute group taken across schools (the district's
    /// grade 7, the elementary schools' girls) matters mostly as a complement — its schools' own groups
    /// say the same thing closer to where it is used — so it is withheld first. A school's own groups
    /// come next, nearer the protected group before farther, the smaller before the larger. The district
    /// total and a level's total cost a tenth of their size: the schools shown beside them say most of
    /// what they say, so a tiny school's staff hides the district's total rather than a school of 25.
    struct Cost: Sendable {
        /// 0: a district-wide grade or attribute group; 1: everything else.
        let tier: Int
        /// A total across schools (the district, a level) that is not also one school's own group.
        let isAggregate: Bool

        init(_ key: GroupKey) {
            tier = key.school == nil && (key.grade != nil || key.attribute != nil) ? 0 : 1
            isAggregate = key.school == nil
        }

        init(tier: Int, isAggregate: Bool) {
            self.tier = tier
            self.isAggregate = isAggregate
        }

        var isDistrictBreakdown: Bool { tier == 0 }

        /// A hidden group across schools: what its shown sub-groups leave is checked exactly by the district audit.
        var leavesRestToDistrictAudit: Bool { isDistrictBreakdown || isAggregate }

        /// What withholding a group of `size` respondents costs, for comparing within a tier.
        func weight(_ size: Int) -> Double { isAggregate ? Double(size) / 10 : Double(size) }
    }

    /// The sub-groups of one kind inside a group.
    struct Breakdown {
        let kind: String
        let kindId: Int
        var groups: [Int]
    }

    struct Place: Hashable {
        let school: UUID
        let grade: Grade?
    }

    /// Each group's places, computed the first time they are asked for (figures' plans ask from several threads).
    final class PlaceBook: @unchecked Sendable {
        let cells: [ResultCell]
        let members: [[Int]]
        private var known: [Int: Set<Place>] = [:]
        private let lock = NSLock()

        init(cells: [ResultCell], members: [[Int]]) {
            self.cells = cells
            self.members = members
        }

        subscript(group: Int) -> Set<Place> {
            lock.lock()
            let cached = known[group]
            lock.unlock()
            if let cached { return cached }
            let places = Set(members[group].map { Place(school: cells[$0].school, grade: cells[$0].grade) })
            lock.lock()
            known[group] = places
            lock.unlock()
            return places
        }
    }

    /// Complementary suppression within each breakdown, repeated until nothing changes.
    ///
    /// When a breakdown of a shown group has one hidden sub-group (the group minus the rest gives it), or
    /// its hidden sub-groups together are fewer than n, one more group is withheld: the cheapest of its
    /// shown sub-groups or, when it is a group across schools that costs less, the group itself. Under a
    /// hidden school group the part its shown sub-groups leave must be empty or at least n. Under a hidden
    /// group across schools that part is left to the district audit, which checks exactly whether any sum
    /// or difference gives it away — so a district grade hidden for a small class does not blank the
    /// grade at every other school.
    ///
    /// A group is looked at again only when it or one of its sub-groups changed since it was last looked
    /// at (`parents` gives the groups each is a sub-group of): the others would come out the same.
    static func complement(_ shown: inout [Bool], sizes: [Int], cost: [Cost], children: [[Breakdown]], parents: [[Int]], sameAs: [[Int]],
                           places: PlaceBook, minimumN: Int) {
        var dirty = children.map { !$0.isEmpty }
        var changed = true
        func hide(_ group: Int) {
            shown[group] = false
            changed = true
            dirty[group] = !children[group].isEmpty
            for parent in parents[group] { dirty[parent] = true }
        }
        while changed {
            changed = false
            // The same people under two names: shown under both or neither.
            for (group, twins) in sameAs.enumerated() where !twins.isEmpty {
                let anyHidden = !shown[group] || twins.contains { !shown[$0] }
                guard anyHidden, shown[group] || twins.contains(where: { shown[$0] }) else { continue }
                for member in [group] + twins where shown[member] { hide(member) }
            }
            for parent in sizes.indices where dirty[parent] {
                dirty[parent] = false
                if !shown[parent] && cost[parent].leavesRestToDistrictAudit { continue }
                let total = sizes[parent]
                for breakdown in children[parent] {
                    if !shown[parent] && cost[parent].leavesRestToDistrictAudit { break }
                    let all = breakdown.groups
                    let covers = all.reduce(0) { $0 + sizes[$1] } == total
                    while true {
                        var visibleCount = 0, visibleSum = 0
                        for child in all where shown[child] { visibleCount += 1; visibleSum += sizes[child] }
                        guard visibleCount > 0 else { break }
                        let remainder = total - visibleSum
                        // When the sub-groups make up the whole, one hidden among them is the whole minus the rest.
                        let hiddenAlone = covers && all.count - visibleCount == 1
                        let exposed = hiddenAlone || (shown[parent] ? (remainder > 0 && remainder < minimumN) : remainder < minimumN)
                        guard exposed else { break }
                        // Cheapest first: district-wide breakdown groups, then nearest to the hidden ones (same
                        // grade, then same school), then smallest.
                        var hiddenPlaces: Set<Place> = []
                        for child in all where !shown[child] { hiddenPlaces.formUnion(places[child]) }
                        let hiddenSchools = Set(hiddenPlaces.map(\.school))
                        var cheapest = -1
                        var best = (2, 3, 0, 0)
                        for child in all where shown[child] {
                            let near = places[child].isDisjoint(with: hiddenPlaces) ? (places[child].contains { hiddenSchools.contains($0.school) } ? 1 : 2) : 0
                            let rank = (cost[child].tier, near, sizes[child], child)
                            if cheapest < 0 || rank < best { cheapest = child; best = rank }
                        }
                        // The group itself, when it is a total across schools that costs less than that sub-group.
                        if shown[parent] && cost[parent].isAggregate {
                            let parentFirst = cost[parent].isDistrictBreakdown
                                ? (0, 0, sizes[parent], parent) < best
                                : best.0 == 1 && cost[parent].weight(sizes[parent]) < cost[cheapest].weight(sizes[cheapest])
                            if parentFirst { cheapest = parent }
                        }
                        hide(cheapest)
                        if cheapest == parent { break }
                    }
                }
            }
        }
    }
}
