import Foundation

/// What a release of an open wave withholds beyond its own suppression plan: groups, or one figure of
/// a group, whose figures would tell something about the responses of earlier releases (DOMAIN.md §4,
/// time). They are "held until a later release" — never labelled "fewer than N".
public struct ReleaseHolds: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public let key: GroupKey
        /// nil: the whole group; else the figure's number, in the plan's order of figures.
        public let figure: Int?
    }

    public private(set) var entries: Set<Entry> = []

    public init(_ entries: Set<Entry> = []) {
        self.entries = entries
    }

    public func holds(_ key: GroupKey) -> Bool { entries.contains(Entry(key: key, figure: nil)) }
    public func holds(_ key: GroupKey, figure: Int) -> Bool { holds(key) || entries.contains(Entry(key: key, figure: figure)) }

    mutating func hold(_ key: GroupKey, figure: Int? = nil) { entries.insert(Entry(key: key, figure: figure)) }
}

/// How many respondents each cell has, for the group and for each figure (those who answered an item,
/// those scored on a scale), aligned with a list of cells.
public struct CellCounts: Sendable, Equatable {
    public var respondents: [Int]
    public var figures: [[Int]]

    public init(respondents: [Int], figures: [[Int]]) {
        self.respondents = respondents
        self.figures = figures
    }

    public static func zero(cells: Int, figures: Int) -> CellCounts {
        CellCounts(respondents: [Int](repeating: 0, count: cells), figures: [[Int]](repeating: [Int](repeating: 0, count: cells), count: figures))
    }

    /// The counts of `sums` (one row per cell of `from`) placed at those cells' positions in `cells`.
    public init(_ sums: Sums, cells from: [ResultCell], aligned cells: [ResultCell]) {
        let position = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, $0) })
        let figureCounts = sums.figureCounts
        self = .zero(cells: cells.count, figures: figureCounts.count)
        for (row, cell) in from.enumerated() {
            guard let at = position[cell] else { continue }
            respondents[at] = sums.respondents[row]
            for figure in figureCounts.indices { figures[figure][at] = figureCounts[figure][row] }
        }
    }

    static func + (left: CellCounts, right: CellCounts) -> CellCounts {
        CellCounts(respondents: zip(left.respondents, right.respondents).map(+),
                   figures: zip(left.figures, right.figures).map { zip($0, $1).map(+) })
    }

    /// Only the cells `keep` says, the others zero.
    func keeping(_ keep: (Int) -> Bool) -> CellCounts {
        CellCounts(respondents: respondents.enumerated().map { keep($0.offset) ? $0.element : 0 },
                   figures: figures.map { counts in counts.enumerated().map { keep($0.offset) ? $0.element : 0 } })
    }
}

/// The next release of an open wave (DOMAIN.md §4, time): which of the responses waiting since the last
/// release go out now, and what the new release shows.
///
/// Think of each release's responses as a block of its own. Everything a reader has seen, across every
/// release, is then a sum over (cell, block) pieces: each shown group is a row (its old part, in the
/// blocks released before, and its new part, in this one). A release may add the new block when:
///
/// 1. **Every shown row's new part is one the new block's own plan shows.** The suppression plan of the new
///    block alone says which of its groups could be shown with nothing smaller worked out between them;
///    every group (and figure) shown now that gained responses must be one of those. A group shown before
///    that fails makes its responses wait for a later release ("held back", and the step is worked out
///    again: those that moved by fewer than N first, then the one withheld for protection that moved least);
///    a group not shown before is held instead — its responses go out, and it is shown in a later release.
/// 2. **Nothing new is learnt about the earlier blocks.** A row that adds to the span while its new part adds
///    nothing to the new parts' span would give a combination with no new part and an old part the previous
///    releases did not show (a small group hidden until now, say). Rows shown before cannot; a group not
///    shown before that would is held. Among those, school groups are kept before wider ones, and bigger
///    before smaller.
///
/// Then any sum a reader can form, as an indicator of some respondents, has a new part in the span of the
/// new block's shown groups — empty or at least N respondents, by that plan — and, when the new part is
/// empty, an old part the previous releases already gave — empty or at least N, by induction. The first
/// release is the wave's plan. Every release is also the plan of all the responses it holds, so each
/// release alone passes the same filter as a closed wave.
public enum ReleaseStep {
    public struct Outcome: Sendable {
        /// Per release unit: whether its waiting responses go out in this release.
        public let releases: [Bool]
        /// The plan of every response released so far, with these ones.
        public let plan: SuppressionPlan
        public let holds: ReleaseHolds
        /// Responses going out now.
        public let count: Int
    }

    /// What the previous release showed.
    public struct Previous: Sendable {
        public let plan: SuppressionPlan
        public let holds: ReleaseHolds

        public init(plan: SuppressionPlan, holds: ReleaseHolds) {
            self.plan = plan
            self.holds = holds
        }

        func shows(_ key: GroupKey, figure: Int?) -> Bool {
            guard plan.isShown(key), !holds.holds(key) else { return false }
            guard let figure else { return true }
            return plan.reason(key, figure: figure) == nil && !holds.holds(key, figure: figure)
        }
    }

    /// `cells` are every cell with a response, released or waiting; `unit` gives each cell's release unit
    /// (responses go out a unit at a time: a school's grade and class, which storage can select); `released`
    /// and `waiting` count each cell's respondents. Nil when nothing can go out yet.
    public static func next(
        cells: [ResultCell], unit: [Int], released: CellCounts, waiting: CellCounts, previous: Previous?,
        levels: [UUID: SchoolLevel], minimumN: Int, closing: Bool = false
    ) -> Outcome? {
        let units = (unit.max() ?? -1) + 1
        var going = [Bool](repeating: false, count: units)
        for cell in cells.indices where waiting.respondents[cell] > 0 { going[unit[cell]] = true }
        let figures = [nil] + waiting.figures.indices.map(Optional.some)
        func counts(_ of: CellCounts, _ figure: Int?) -> [Int] { figure.map { of.figures[$0] } ?? of.respondents }
        while going.contains(true) {
            let block = waiting.keeping { going[unit[$0]] }
            let total = released + block
            let plan = SuppressionPlan(cells: cells, respondents: total.respondents, figures: total.figures, levels: levels, minimumN: minimumN)
            let alone = SuppressionPlan(cells: cells, respondents: block.respondents, figures: block.figures, levels: levels, minimumN: minimumN)
            // A release that would show nothing new waits: responses out in no shown group would only make the
            // groups they later join move by too few when those groups are first shown.
            guard alone.groups.contains(where: alone.isShown) else { return nil }
            // While the wave is open, a group too small to show keeps its responses until it can be shown
            // with them all (or the wave closes): out sooner, they would be old responses of a group not shown
            // before when it first is, and it could then be shown only once a single release brought it N more.
            if !closing {
                var small: Set<Int> = []
                for (group, key) in plan.groups.enumerated() where plan.reason(key) == .fewerThanMinimum {
                    let members = plan.cellsOfGroup[group]
                    guard !members.contains(where: { released.respondents[$0] > 0 }) else { continue }
                    for cell in members where block.respondents[cell] > 0 { small.insert(unit[cell]) }
                }
                if !small.isEmpty {
                    for held in small { going[held] = false }
                    continue
                }
            }
            // 1. A group shown before whose new part its new block's plan withholds: those that moved by fewer
            // than N wait, all at once; when only groups withheld there to protect others remain, the one that
            // moved least waits and the step goes round — or, at the close, when nothing can wait, it is held.
            // A figure whose new part is withheld, in a group that may move, is held: its group's other figures
            // still move. What was not shown before is held rather than wait: its responses go out.
            var holds = ReleaseHolds()
            var small: Set<Int> = [], protecting: [(moved: Int, units: Set<Int>, key: GroupKey)] = []
            for (group, key) in plan.groups.enumerated() where plan.isShown(key) {
                let members = plan.cellsOfGroup[group]
                let moved = members.reduce(0) { $0 + block.respondents[$1] }
                guard moved > 0 else { continue }
                let before = previous?.shows(key, figure: nil) ?? false
                if !alone.isShown(key) {
                    guard before else { holds.hold(key); continue }
                    let units = Set(members.filter { block.respondents[$0] > 0 }.map { unit[$0] })
                    if moved < minimumN {
                        small.formUnion(units)
                    } else {
                        protecting.append((moved, units, key))
                    }
                    continue
                }
                for figure in block.figures.indices where plan.reason(key, figure: figure) == nil && alone.reason(key, figure: figure) != nil {
                    if members.contains(where: { block.figures[figure][$0] > 0 }) { holds.hold(key, figure: figure) }
                }
            }
            if !small.isEmpty {
                for held in small { going[held] = false }
                continue
            }
            if let least = protecting.min(by: { $0.moved < $1.moved }), !closing {
                for held in least.units { going[held] = false }
                continue
            }
            for group in protecting { holds.hold(group.key) }
            guard let previous else { return Outcome(releases: going, plan: plan, holds: holds, count: block.respondents.reduce(0, +)) }
            // 2, for the groups and for each figure.
            for figure in figures {
                hold(new: counts(block, figure), old: counts(released, figure), figure: figure, plan: plan, previous: previous, holds: &holds)
            }
            return Outcome(releases: going, plan: plan, holds: holds, count: block.respondents.reduce(0, +))
        }
        return nil
    }

    /// Condition 2 for one figure (nil: the groups themselves).
    private static func hold(new: [Int], old: [Int], figure: Int?, plan: SuppressionPlan, previous: Previous, holds: inout ReleaseHolds) {
        var watched: [Int] = [], newlyShown: [Int] = []
        for (group, key) in plan.groups.enumerated() {
            guard !holds.holds(key), plan.isShown(key), figure.map({ plan.reason(key, figure: $0) == nil }) ?? true else { continue }
            if previous.shows(key, figure: figure) || !plan.cellsOfGroup[group].contains(where: { old[$0] > 0 }) {
                watched.append(group)
            } else {
                newlyShown.append(group)
            }
        }
        guard !newlyShown.isEmpty else { return }
        // Columns: the cells' old parts, then their new parts (old first, so rows with no old part are the
        // span's rows pivoted in the new columns).
        let width = new.count
        let row = { (group: Int) -> [Int] in
            let members = plan.cellsOfGroup[group]
            return members.filter { old[$0] > 0 } + members.filter { new[$0] > 0 }.map { width + $0 }
        }
        var whole = RowSpace(columns: 2 * width), newParts = RowSpace(columns: width)
        for (group, key) in plan.groups.enumerated() where previous.shows(key, figure: figure) {
            whole.add(support: plan.cellsOfGroup[group].filter { old[$0] > 0 })
        }
        let size = { (group: Int) in plan.cellsOfGroup[group].reduce(0) { $0 + new[$1] + old[$1] } }
        newlyShown.sort { left, right in
            let (a, b) = (plan.groups[left], plan.groups[right])
            if (a.school != nil) != (b.school != nil) { return a.school != nil }
            if size(left) != size(right) { return size(left) > size(right) }
            return left < right
        }
        for group in watched {
            whole.add(support: row(group))
            newParts.add(support: row(group).filter { $0 >= width }.map { $0 - width })
        }
        for group in newlyShown {
            let full = row(group), part = full.filter { $0 >= width }.map { $0 - width }
            if !whole.contains(support: full) && newParts.contains(support: part) {
                holds.hold(plan.groups[group], figure: figure)
                continue
            }
            whole.add(support: full)
            newParts.add(support: part)
        }
    }
}
