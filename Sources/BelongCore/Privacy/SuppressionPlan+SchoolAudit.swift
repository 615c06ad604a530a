import Foundation

extension SuppressionPlan {
    /// The exact test inside each school: can any sum or difference of the school's shown groups give
    /// a group or a cell of fewer than n? Schools are audited in parallel; one whose shown groups are the
    /// same as at its last clean audit is not audited again. The span of each clean school's shown
    /// groups is kept for the district audit.
    ///
    /// For a figure with fewer respondents than its groups (an item some skipped), the columns stay the
    /// respondents' cells, and each cell where nobody gave the figure is known: its figure is nothing,
    /// so it can be added to any sum for free (`SchoolSpan` drops its column, or adds its unit vector to
    /// a span taken over from the respondents' audit).
    struct SchoolAudit {
        let groups: [GroupKey]
        let bySchool: [UUID: [Int]]
        let members: [[Int]]
        /// The same lists, flat, for the loops that walk every group.
        let flat: FlatLists
        let cells: [ResultCell]
        /// The figure's respondents by cell and by group.
        let counts: [Int]
        let sizes: [Int]
        let minimumN: Int
        /// Each cell's column in its own school's space (a cell is in one school, so one array serves all); -1 for empty cells.
        let column: [Int]
        let cellsBySchool: [UUID: [Int]]
        /// Schools in a fixed order.
        let schools: [UUID]
        /// Each school's groups, narrowest first (the order `SchoolSpan` takes them in).
        let narrowFirst: [UUID: [Int]]
        private(set) var clean: [UUID: [Int]] = [:]
        private(set) var spans: [UUID: SchoolSpan] = [:]

        /// The respondents' audit: `respondents` by cell decide the columns and the targets.
        init(groups: [GroupKey], bySchool: [UUID: [Int]], members: [[Int]], cells: [ResultCell], respondents: [Int], sizes: [Int], minimumN: Int) {
            self.groups = groups
            self.bySchool = bySchool
            self.members = members
            flat = FlatLists(members)
            self.cells = cells
            counts = respondents
            self.sizes = sizes
            self.minimumN = minimumN
            var cellsBySchool: [UUID: [Int]] = [:]
            var column = [Int](repeating: -1, count: cells.count)
            for (index, cell) in cells.enumerated() where respondents[index] > 0 {
                column[index] = cellsBySchool[cell.school]?.count ?? 0
                cellsBySchool[cell.school, default: []].append(index)
            }
            self.column = column
            self.cellsBySchool = cellsBySchool
            schools = bySchool.keys.sorted { $0.orderKey < $1.orderKey }
            narrowFirst = bySchool.mapValues { $0.sorted { (members[$0].count, $0) < (members[$1].count, $1) } }
        }

        /// A figure's audit over the same columns as `base` (the respondents'), with the figure's own counts.
        init(sharing base: SchoolAudit, counts: [Int], sizes: [Int]) {
            groups = base.groups
            bySchool = base.bySchool
            members = base.members
            flat = base.flat
            cells = base.cells
            self.counts = counts
            self.sizes = sizes
            minimumN = base.minimumN
            column = base.column
            cellsBySchool = base.cellsBySchool
            schools = base.schools
            narrowFirst = base.narrowFirst
            // While a school shows the groups of its clean audit, the respondents' span serves, with the cells
            // where nobody gave the figure added to it.
            for school in schools {
                guard let span = base.spans[school], let groups = base.clean[school] else { continue }
                let units = (cellsBySchool[school] ?? []).enumerated().filter { counts[$0.element] == 0 }.map(\.offset)
                inherited[school] = (groups, span, units)
            }
            respondents = (base.counts, base.sizes)
        }

        /// Spans taken over from the respondents' audit, with the shown groups they are the span of.
        private var inherited: [UUID: (groups: [Int], span: SchoolSpan, units: [Int])] = [:]
        /// For a figure's audit, the respondents' counts by cell and by group: in a span taken over as it is,
        /// what was small for them was found out of reach already.
        private var respondents: (cells: [Int], groups: [Int])?

        /// A group's cells as columns of its school's space.
        func support(_ group: Int) -> [Int] { members[group].compactMap { column[$0] >= 0 ? column[$0] : nil } }

        /// For each school where some small group or cell can be computed, the smallest shown group over it.
        mutating func run(shown: [Bool]) -> [Int] {
            let pending = schools.filter { school in spans[school] == nil || clean[school] != bySchool[school]!.filter { shown[$0] } }
            var exposed: [Int] = []
            for (index, (found, span)) in examine(pending, shown: shown).enumerated() {
                let school = pending[index]
                if found >= 0 {
                    exposed.append(found)
                    spans[school] = nil
                } else {
                    clean[school] = bySchool[school]!.filter { shown[$0] }
                    spans[school] = span
                }
            }
            return exposed
        }

        /// What is left of a group or cell beside the shown groups and the cells known to add nothing.
        func residual(_ support: [Int], school: UUID) -> [Int: Double] {
            guard let span = spans[school] else { return Dictionary(support.map { ($0, 1.0) }, uniquingKeysWith: +) }
            return span.residual(support: support)
        }

        /// Each school's outcome: a group to hide (or -1), and the span of its shown groups and empty cells.
        private func examine(_ pending: [UUID], shown: [Bool]) -> [(Int, SchoolSpan)] {
            let outcomes = NSLockedArray<(Int, SchoolSpan)>(count: pending.count)
            DispatchQueue.concurrentPerform(iterations: pending.count) { index in
                let school = pending[index]
                let inSchool = bySchool[school]!
                let visible = inSchool.filter { shown[$0] }
                let local = cellsBySchool[school] ?? []
                let span: SchoolSpan
                var checked: (cells: [Int], groups: [Int])?
                if let from = inherited[school], from.groups == visible {
                    span = from.units.isEmpty ? from.span : from.span.adding(units: from.units)
                    if from.units.isEmpty { checked = respondents }
                } else {
                    span = SchoolSpan(columns: local.count, groups: narrowFirst[school]!.filter { shown[$0] }, members: flat, column: column,
                                      dropped: local.map { counts[$0] == 0 })
                }
                // In the respondents' own span, what was small for them is out of reach already.
                let small = { (count: Int, before: Int?) in count > 0 && count < minimumN && (before ?? minimumN) >= minimumN }
                let exposedCell = local.enumerated().first { small(counts[$0.element], checked?.cells[$0.element]) && span.reaches($0.offset) }
                let target = exposedCell.map { [$0.element] }
                    ?? inSchool.first { small(sizes[$0], checked?.groups[$0]) && !shown[$0] && span.contains(support: support($0)) }.map { members[$0] }
                guard let target, !visible.isEmpty else { outcomes.set(index, (-1, span)); return }
                let over = visible.filter { group in target.allSatisfy { members[group].contains($0) } }
                outcomes.set(index, ((over.isEmpty ? visible : over).min { (sizes[$0], $0) < (sizes[$1], $1) }!, span))
            }
            return outcomes.values.map { $0! }
        }
    }
}
