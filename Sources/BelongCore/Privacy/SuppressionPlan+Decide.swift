import Foundation

extension SuppressionPlan {
    /// What the plan knows of the groups whatever is counted in them: their cells, which lies inside
    /// which, their places and costs. The decisions run on it once for the respondents and again for
    /// each figure that needs a plan of its own.
    struct Structure {
        let groups: [GroupKey]
        let members: [[Int]]
        let cells: [ResultCell]
        let bySchool: [UUID: [Int]]
        let children: [[Breakdown]]
        let sameAs: [[Int]]
        let places: PlaceBook
        let cost: [Cost]
        let minimumN: Int
        let position: @Sendable (GroupKey) -> Int?

        /// Hides groups from `start` until nothing small can be worked out: complementary suppression,
        /// then the exact audit school by school, then across schools, round again until nothing changes.
        func decide(start: [Bool], sizes: [Int], audit: inout SchoolAudit) -> [Bool] {
            var shown = start
            while true {
                SuppressionPlan.complement(&shown, sizes: sizes, cost: cost, children: children, sameAs: sameAs, places: places, minimumN: minimumN)
                // Can any sum or difference of a school's shown groups give a small group or a small cell? If so,
                // hide the smallest shown group over it.
                let exposed = audit.run(shown: shown)
                if !exposed.isEmpty {
                    for group in exposed { shown[group] = false }
                    continue
                }
                // And across schools: the district-wide groups (grades, attributes, levels, the total) added and
                // subtracted with every school's shown groups. What they expose is protected by hiding the
                // cheapest district-wide group the working-out needs.
                let crossing = DistrictAudit(audit: audit, shown: shown, cost: cost, children: children, position: position).exposed()
                guard !crossing.isEmpty else { return shown }
                for group in crossing { shown[group] = false }
            }
        }

        /// Whether the respondents' plan also keeps a figure with fewer respondents (`counts` by cell,
        /// `sizes` by group) safe: every shown group has at least n of them, no part left beside shown
        /// sub-groups is small, and no small cell or group of the figure can be worked out once the cells
        /// where nobody gave the figure are taken as known.
        func keeps(shown: [Bool], counts: [Int], sizes: [Int], base: SchoolAudit) -> Bool {
            for (group, isShown) in shown.enumerated() where isShown && sizes[group] < minimumN { return false }
            for parent in groups.indices where !children[parent].isEmpty {
                let hiddenAcrossSchools = !shown[parent] && cost[parent].leavesRestToDistrictAudit
                for breakdown in children[parent] where !hiddenAcrossSchools {
                    var visible = 0, sum = 0
                    for child in breakdown.groups where shown[child] { visible += 1; sum += sizes[child] }
                    guard visible > 0 else { continue }
                    let rest = sizes[parent] - sum
                    if shown[parent] ? (rest > 0 && rest < minimumN) : rest < minimumN { return false }
                }
            }
            let schools = base.schools, minimumN = self.minimumN
            let known = NSLockedArray<RowSpace>(count: schools.count)
            let clean = NSLockedArray<Bool>(count: schools.count)
            DispatchQueue.concurrentPerform(iterations: schools.count) { index in
                let school = schools[index]
                let span = base.spans[school] ?? RowSpace(columns: 0)
                let local = base.cellsBySchool[school] ?? []
                var nobody = RowSpace(columns: local.count)
                for cell in local where counts[cell] == 0 {
                    let rest = span.residual(support: [base.column[cell]])
                    if !rest.isEmpty { nobody.add(sparse: rest) }
                }
                func reachable(_ support: [Int]) -> Bool {
                    let rest = span.residual(support: support)
                    return rest.isEmpty || (!nobody.isEmpty && nobody.contains(sparse: rest))
                }
                var safe = true
                for cell in local where counts[cell] > 0 && counts[cell] < minimumN && reachable([base.column[cell]]) { safe = false; break }
                if safe {
                    for group in base.bySchool[school] ?? [] where !shown[group] && sizes[group] > 0 && sizes[group] < minimumN
                        && reachable(base.support(group)) {
                        safe = false
                        break
                    }
                }
                known.set(index, nobody)
                clean.set(index, safe)
            }
            guard clean.values.allSatisfy({ $0 == true }) else { return false }
            var district = DistrictAudit(audit: base, shown: shown, cost: cost, children: children, position: position)
            district.sizes = sizes
            district.counts = counts
            district.known = Dictionary(uniqueKeysWithValues: zip(schools, known.values.map { $0 ?? RowSpace(columns: 0) }))
            return district.exposed().isEmpty
        }
    }
}
