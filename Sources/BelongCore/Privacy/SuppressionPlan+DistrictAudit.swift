import Foundation

extension SuppressionPlan {
    /// The exact test across schools (DOMAIN.md §4: a district reader sees the whole district at once).
    ///
    /// Every district-wide group is a sum over schools of one of each school's own groups (the district's
    /// grade 5 is every school's grade 5), so a working-out that uses district-wide groups leaves, in each
    /// school, a part that the school's shown groups cannot account for. Per school, those parts span a
    /// small space (one vector per kind of district-wide group: the total, a grade, an attribute value),
    /// and a small group or cell of the school can be worked out only if its own leftover lies in that
    /// space. Written in coordinates of those small spaces, the district-wide groups become short
    /// vectors, and one elimination over them — keeping track of which groups each row came from —
    /// says whether a target can be reached and through which groups. The cheapest of those is withheld,
    /// and the plan goes round again until nothing can be reached.
    ///
    /// Targets: each small cell and small group of a school, each small district-wide group, and what a
    /// hidden group across schools leaves beside its shown sub-groups when that is fewer than n.
    struct DistrictAudit {
        let audit: SchoolAudit
        let shown: [Bool]
        let cost: [Cost]
        let children: [[Breakdown]]
        let position: @Sendable (GroupKey) -> Int?
        /// Respondents of the figure checked, by group and by cell.
        let sizes: [Int]
        let counts: [Int]

        init(audit: SchoolAudit, shown: [Bool], cost: [Cost], children: [[Breakdown]], position: @escaping @Sendable (GroupKey) -> Int?) {
            self.audit = audit
            self.shown = shown
            self.cost = cost
            self.children = children
            self.position = position
            sizes = audit.sizes
            counts = audit.counts
        }

        private struct Pattern: Hashable {
            let grade: Grade?
            let attribute: String?
            let value: String?
        }

        /// One school's side: coordinates (pivot index → entry) of each shown district-wide group's part
        /// and of each target's leftover that lies in the space those parts span.
        private struct Side {
            var width = 0
            var rows: [Int: [Int: Double]] = [:]
            /// Targets of this school alone: a group's position, or -1 - cell.
            var local: [(target: Int, coordinates: [Int: Double])] = []
            /// Targets across schools: coordinates, or nil where this school's leftover is out of reach.
            var crossing: [[Int: Double]?] = []
        }

        func exposed() -> [Int] {
            let groups = audit.groups, sizes = self.sizes, members = audit.members, minimumN = audit.minimumN
            let district = groups.indices.filter { groups[$0].school == nil }
            let visible = district.filter { shown[$0] }
            guard !visible.isEmpty else { return [] }
            var crossing: [[Int]] = []
            for group in district where !shown[group] {
                if sizes[group] > 0 && sizes[group] < minimumN { crossing.append(members[group]) }
                guard cost[group].leavesRestToDistrictAudit else { continue }
                for breakdown in children[group] {
                    var covered = Set<Int>()
                    var coveredSize = 0
                    for child in breakdown.groups where shown[child] {
                        covered.formUnion(members[child])
                        coveredSize += sizes[child]
                    }
                    let rest = sizes[group] - coveredSize
                    if !covered.isEmpty, rest > 0, rest < minimumN { crossing.append(members[group].filter { !covered.contains($0) }) }
                }
            }
            let schools = audit.schools
            let sides = NSLockedArray<Side>(count: schools.count)
            let targets = crossing
            DispatchQueue.concurrentPerform(iterations: schools.count) { index in
                sides.set(index, side(of: schools[index], visible: visible, crossing: targets))
            }
            let all = sides.values.map { $0 ?? Side() }
            var offsets: [Int] = []
            var width = 0
            for side in all { offsets.append(width); width += side.width }
            guard width > 0 else { return [] }
            func global(_ index: Int, _ coordinates: [Int: Double]) -> [Int: Double] {
                Dictionary(uniqueKeysWithValues: coordinates.map { (offsets[index] + $0.key, $0.value) })
            }
            var space = TrackedSpace()
            for group in visible {
                var vector: [Int: Double] = [:]
                for (index, side) in all.enumerated() {
                    if let part = side.rows[group] { vector.merge(global(index, part)) { $0 + $1 } }
                }
                space.add(vector, origin: group)
            }
            var withheld = Set<Int>()
            func protect(_ vector: [Int: Double]) {
                guard let through = space.combination(reaching: vector) else { return }
                let cheapest = through.filter { abs($0.value) >= 1e-9 }.map(\.key).min { (cost[$0].tier, sizes[$0], $0) < (cost[$1].tier, sizes[$1], $1) }
                if let cheapest { withheld.insert(cheapest) }
            }
            for (index, side) in all.enumerated() {
                for target in side.local { protect(global(index, target.coordinates)) }
            }
            for target in crossing.indices {
                var vector: [Int: Double] = [:]
                var reachable = true
                for (index, side) in all.enumerated() {
                    guard target < side.crossing.count else { continue }
                    guard let part = side.crossing[target] else { reachable = false; break }
                    vector.merge(global(index, part)) { $0 + $1 }
                }
                if reachable, !vector.isEmpty { protect(vector) }
            }
            return withheld.sorted()
        }

        /// One school's side of the district-wide groups and of the targets.
        private func side(of school: UUID, visible: [Int], crossing: [[Int]]) -> Side {
            let groups = audit.groups, minimumN = audit.minimumN
            guard let inSchool = audit.bySchool[school], let level = inSchool.first.flatMap({ groups[$0].level }) else { return Side() }
            /// What is left of a vector beside the shown groups (and the cells known to add nothing).
            func residual(_ support: [Int]) -> [Int: Double] { audit.residual(support, school: school) }
            let local = audit.cellsBySchool[school] ?? []
            var parts: [Pattern: [Int: Double]] = [:]
            var reach = RowSpace(columns: local.count)
            var partOf: [Int: [Int: Double]] = [:]
            for group in visible {
                let key = groups[group]
                guard key.level == nil || key.level == level else { continue }
                let pattern = Pattern(grade: key.grade, attribute: key.attribute, value: key.value)
                let part: [Int: Double]
                if let known = parts[pattern] {
                    part = known
                } else {
                    let own = position(GroupKey(level: level, school: school, grade: key.grade, attribute: key.attribute, value: key.value))
                    // A shown group of the school is in its span already: nothing is left of it.
                    part = own.map { shown[$0] ? [:] : residual(audit.support($0)) } ?? [:]
                    parts[pattern] = part
                    if !part.isEmpty { reach.add(sparse: part) }
                }
                if !part.isEmpty { partOf[group] = part }
            }
            var side = Side()
            guard !reach.isEmpty else {
                side.crossing = crossing.map { cells in
                    let support = cells.compactMap { audit.cells[$0].school == school && audit.column[$0] >= 0 ? audit.column[$0] : nil }
                    return support.isEmpty || residual(support).isEmpty ? [:] : nil
                }
                return side
            }
            let pivots = reach.pivots
            side.width = pivots.count
            func coordinates(_ vector: [Int: Double]) -> [Int: Double] {
                var result: [Int: Double] = [:]
                for (index, pivot) in pivots.enumerated() { if let value = vector[pivot], abs(value) >= 1e-9 { result[index] = value } }
                return result
            }
            /// The leftover's coordinates when it is in reach, else nil.
            func leftover(_ support: [Int]) -> [Int: Double]? {
                let rest = residual(support)
                if rest.isEmpty { return [:] }
                return reach.contains(sparse: rest) ? coordinates(rest) : nil
            }
            for (group, part) in partOf { side.rows[group] = coordinates(part) }
            for group in inSchool where !shown[group] && sizes[group] > 0 && sizes[group] < minimumN {
                if let found = leftover(audit.support(group)), !found.isEmpty { side.local.append((group, found)) }
            }
            for cell in local where counts[cell] > 0 && counts[cell] < minimumN {
                if let found = leftover([audit.column[cell]]), !found.isEmpty { side.local.append((-1 - cell, found)) }
            }
            side.crossing = crossing.map { cells in
                let support = cells.compactMap { audit.cells[$0].school == school && audit.column[$0] >= 0 ? audit.column[$0] : nil }
                return support.isEmpty ? [:] : leftover(support)
            }
            return side
        }
    }

    /// Sparse rows in echelon order that remember which original vectors each was made from.
    struct TrackedSpace {
        private var rows: [(pivot: Int, entries: [Int: Double], from: [Int: Double])] = []
        private static let zero = 1e-9

        mutating func add(_ vector: [Int: Double], origin: Int) {
            var (rest, from) = reduce(vector, from: [origin: 1])
            guard let pivot = rest.keys.min(), let scale = rest[pivot] else { return }
            for key in rest.keys { rest[key]! /= scale }
            for key in from.keys { from[key]! /= scale }
            rows.append((pivot, rest, from))
        }

        /// The original vectors, with their factors, that add up to `vector`; nil when none do.
        func combination(reaching vector: [Int: Double]) -> [Int: Double]? {
            let (rest, from) = reduce(vector, from: [:])
            guard rest.isEmpty else { return nil }
            return from.mapValues { -$0 }
        }

        /// The vector less multiples of the rows, taken in order (each row is zero at the pivots before it).
        private func reduce(_ vector: [Int: Double], from start: [Int: Double]) -> ([Int: Double], [Int: Double]) {
            var rest = vector, from = start
            for row in rows {
                guard let factor = rest[row.pivot], abs(factor) >= Self.zero else { continue }
                for (column, value) in row.entries { rest[column, default: 0] -= factor * value }
                for (origin, value) in row.from { from[origin, default: 0] -= factor * value }
                rest = rest.filter { abs($0.value) >= Self.zero }
            }
            return (rest, from)
        }
    }
}
