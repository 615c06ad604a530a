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
        /// The groups each group is a sub-group of.
        let parents: [[Int]]
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
                SuppressionPlan.complement(&shown, sizes: sizes, cost: cost, children: children, parents: parents, sameAs: sameAs, places: places,
                                           minimumN: minimumN)
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
    }
}
