import Foundation

extension SuppressionPlan {
    /// The exact test inside each school: can any sum or difference of the school's shown groups give
    /// a group or a cell of fewer than n? Schools are audited in parallel; one whose shown groups are the
    /// same as at its last clean audit is not audited again. The span of each clean school's shown
    /// groups is kept for the district audit.
    ///
    /// For a figure with fewer respondents than its groups (an item some skipped), the columns stay the
    /// respondents' cells, and each cell where nobody gave the figure is one more known row: its figure
    /// is known to be nothing, so adding it to a sum gives nothing away — or, put the other way, it can
    /// be added to anything for free.
    struct SchoolAudit {
        let groups: [GroupKey]
        let bySchool: [UUID: [Int]]
        let members: [[Int]]
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
        private(set) var clean: [UUID: [Int]] = [:]
        private(set) var spans: [UUID: RowSpace] = [:]
        /// Beside a span taken over from the respondents' audit, what the cells nobody gave the figure
        /// leave of it (their rows reduced by the span): the two together are the figure's span.
        private(set) var known: [UUID: RowSpace] = [:]
        /// The cells each clean span reaches on its own (its unit columns), kept for figures' quick checks.
        private(set) var reached: [UUID: Set<Int>] = [:]

        /// `respondents` by cell decides the columns; `counts` (the figure's, by default the same) the targets.
        init(groups: [GroupKey], bySchool: [UUID: [Int]], members: [[Int]], cells: [ResultCell], respondents: [Int], counts: [Int]? = nil,
             sizes: [Int], minimumN: Int) {
            self.groups = groups
            self.bySchool = bySchool
            self.members = members
            self.cells = cells
            self.counts = counts ?? respondents
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
        }

        /// A figure's audit over the same columns as `base` (the respondents'), with the figure's own counts.
        init(sharing base: SchoolAudit, counts: [Int], sizes: [Int]) {
            groups = base.groups
            bySchool = base.bySchool
            members = base.members
            cells = base.cells
            self.counts = counts
            self.sizes = sizes
            minimumN = base.minimumN
            column = base.column
            cellsBySchool = base.cellsBySchool
            schools = base.schools
        }

        /// A group's cells as columns of its school's space.
        func support(_ group: Int) -> [Int] { members[group].compactMap { column[$0] >= 0 ? column[$0] : nil } }

        /// For each school where some small group or cell can be computed, the smallest shown group over it.
        mutating func run(shown: [Bool]) -> [Int] {
            let pending = schools.filter { school in clean[school] != bySchool[school]!.filter { shown[$0] } || spans[school] == nil }
            var exposed: [Int] = []
            for (index, outcome) in examine(pending, shown: shown, from: nil).enumerated() {
                guard let (found, span) = outcome else { continue }
                let school = pending[index]
                if found >= 0 {
                    exposed.append(found)
                    spans[school] = nil
                } else {
                    clean[school] = bySchool[school]!.filter { shown[$0] }
                    spans[school] = span
                    reached[school] = span.unitColumns
                }
                known[school] = nil
            }
            return exposed
        }

        /// What is left of a group or cell beside the shown groups and the cells known to add nothing.
        func residual(_ support: [Int], school: UUID) -> [Int: Double] {
            let rest = (spans[school] ?? RowSpace(columns: 0)).residual(support: support)
            guard let extra = known[school], !extra.isEmpty, !rest.isEmpty else { return rest }
            return extra.residual(sparse: rest)
        }

        /// Starts a figure's audit from the respondents' one: a school whose shown groups are the same for
        /// the figure keeps the respondents' span, with the cells where nobody gave the figure beside it,
        /// and is clean if nothing small of the figure can be reached from the two. Other schools are left
        /// to `run`.
        mutating func start(from base: SchoolAudit, shown: [Bool]) {
            let same = schools.filter { school in base.clean[school] == bySchool[school]!.filter { shown[$0] } && base.spans[school] != nil }
            let outcomes = NSLockedArray<RowSpace>(count: same.count)
            let me = self
            DispatchQueue.concurrentPerform(iterations: same.count) { index in
                if let nobody = me.figureCheck(same[index], base: base, shown: shown) { outcomes.set(index, nobody) }
            }
            for (index, nobody) in outcomes.values.enumerated() {
                guard let nobody else { continue }
                let school = same[index]
                clean[school] = bySchool[school]!.filter { shown[$0] }
                spans[school] = base.spans[school]
                reached[school] = base.reached[school]
                known[school] = nobody
            }
        }

        /// One school's quick check for a figure: what the cells nobody gave it leave beside the span, or nil when
        /// something small of the figure can be reached.
        private func figureCheck(_ school: UUID, base: SchoolAudit, shown: [Bool]) -> RowSpace? {
            let span = base.spans[school]!
            let local = cellsBySchool[school] ?? []
            var nobody = RowSpace(columns: local.count)
            var touched = Set<Int>()
            for (offset, cell) in local.enumerated() where counts[cell] == 0 {
                let rest = span.residual(support: [offset])
                guard !rest.isEmpty else { continue }
                nobody.add(sparse: rest)
                touched.formUnion(rest.keys)
            }
            /// Reachable from the span and the empty cells together; only a leftover inside what the empty cells touch can be.
            func reachable(_ support: [Int]) -> Bool {
                // A single cell's leftover is its row's other columns, or itself: nothing to reduce unless the empty cells touch all of it.
                if support.count == 1, !nobody.isEmpty, let columns = span.leftoverColumns(ofUnit: support[0]),
                   !columns.isEmpty, !columns.allSatisfy(touched.contains) { return false }
                let rest = span.residual(support: support)
                if rest.isEmpty { return true }
                guard !nobody.isEmpty, rest.keys.allSatisfy(touched.contains) else { return false }
                return nobody.contains(sparse: rest)
            }
            let units = base.reached[school] ?? []
            for (offset, cell) in local.enumerated() where counts[cell] > 0 && counts[cell] < minimumN {
                // Without empty cells only a cell newly small can be reached, and only if the span reaches it alone.
                if nobody.isEmpty ? units.contains(offset) : reachable([offset]) { return nil }
            }
            for group in bySchool[school]! where sizes[group] > 0 && sizes[group] < minimumN && !shown[group] {
                if nobody.isEmpty && base.sizes[group] < minimumN { continue }
                if reachable(support(group)) { return nil }
            }
            return nobody
        }

        /// Each school's outcome: a group to hide (or -1), and the span of its shown groups and empty cells.
        private func examine(_ pending: [UUID], shown: [Bool], from base: SchoolAudit?) -> [(Int, RowSpace)?] {
            let outcomes = NSLockedArray<(Int, RowSpace)>(count: pending.count)
            DispatchQueue.concurrentPerform(iterations: pending.count) { index in
                let school = pending[index]
                let inSchool = bySchool[school]!
                let visible = inSchool.filter { shown[$0] }
                let local = cellsBySchool[school] ?? []
                var span: RowSpace
                if let base, let known = base.spans[school] {
                    span = known
                } else {
                    span = RowSpace(columns: local.count)
                    // Narrow groups first (classes): wide ones then reduce against sparse rows and the rows stay sparse.
                    for group in visible.sorted(by: { (members[$0].count, $0) < (members[$1].count, $1) }) { span.add(support: support(group)) }
                }
                for (offset, cell) in local.enumerated() where counts[cell] == 0 { span.add(support: [offset]) }
                // A single small cell is found from the reduced rows directly; a small group needs a reduction.
                let units = span.unitColumns
                let exposedCells = local.enumerated().filter { counts[$0.element] > 0 && counts[$0.element] < minimumN && units.contains($0.offset) }
                    .map { [$0.element] }
                let exposedGroups = inSchool.filter { sizes[$0] > 0 && sizes[$0] < minimumN && span.contains(support: support($0)) }.map { members[$0] }
                guard let target = (exposedCells + exposedGroups).first else { outcomes.set(index, (-1, span)); return }
                guard !visible.isEmpty else { outcomes.set(index, (-1, span)); return }
                let over = visible.filter { group in target.allSatisfy { members[group].contains($0) } }
                outcomes.set(index, ((over.isEmpty ? visible : over).min { (sizes[$0], $0) < (sizes[$1], $1) }!, span))
            }
            return outcomes.values
        }
    }
}
