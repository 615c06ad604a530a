import Foundation

/// Which groups of one wave may be shown (DOMAIN.md §4), decided once for every group any page,
/// chart, export or API answer can show, so that all of them agree.
///
/// A group under the minimum n is hidden. Then, for every group and every way of breaking it down
/// (by level, school, grade, class, each attribute), no sub-group may be hidden alone (it would equal
/// the group minus the shown ones), and the part the shown sub-groups do not cover must be empty or
/// at least n (several tiny hidden groups together are still a small group); otherwise the
/// next-smallest shown sub-group is hidden too. A group hidden to protect
/// another must not be rebuilt from its own shown sub-groups either. Repeated until nothing changes,
/// this covers complementary suppression within a breakdown, across two breakdowns of one page
/// (classes inside a grade), and across filters (a grade's attribute groups against the school's).
public struct SuppressionPlan: Sendable {
    public let minimumN: Int
    /// Every group that had a respondent, in order; everything below refers to groups by position here.
    public let groups: [GroupKey]
    /// Keys by the order they were first met, and where each landed in `groups`.
    private let interned: [GroupKey: Int]
    private let landed: [Int]
    private let sizes: [Int]
    private let shown: [Bool]
    private let reasons: [Withholding?]
    /// Per figure (an item, a scale's scores), why it is withheld in each group; nil for a figure whose
    /// groups are exactly the plan's.
    private let figureReasons: [[Withholding?]?]
    /// The cells (indices into the cells given) each group adds up, by group position.
    let cellsOfGroup: [[Int]]

    /// `figures` gives, for each figure whose respondents are not the group's (those who answered an
    /// item, those scored on a scale), how many of each cell's respondents it covers.
    public init(cells: [ResultCell], respondents cellCounts: [Int], figures: [[Int]] = [], levels: [UUID: SchoolLevel], minimumN: Int) {
        precondition(minimumN >= 5, "DOMAIN.md §4: never below 5")
        self.minimumN = minimumN
        let cellLevels = cells.map { levels[$0.school] ?? .combined }
        let gradesKnown = cells.contains { $0.grade != nil }
        let level = { (cell: Int) in cellLevels[cell] }
        var found: [GroupKey: Int] = [:]
        var keys: [GroupKey] = []
        var members: [[Int]] = []
        func intern(_ key: GroupKey) -> Int {
            if let known = found[key] { return known }
            found[key] = keys.count
            keys.append(key)
            members.append([])
            return keys.count - 1
        }
        // A cell's groups other than its class depend only on its school, grade and attributes: cells
        // that share those share the list, so each key is hashed once per pattern, not once per cell.
        struct Pattern: Hashable { let school: UUID, grade: Grade?, combo: Int }
        var combos: [[String: String]: Int] = [:]
        var patterns: [Pattern: [Int]] = [:]
        var classGroups: [UUID: Int] = [:]
        // Room for every class key at once: growing a table of tens of thousands rehashes it again and again.
        found.reserveCapacity(cells.count + 64)
        classGroups.reserveCapacity(cells.count)
        keys.reserveCapacity(cells.count + 64)
        members.reserveCapacity(cells.count + 64)
        for (index, (cell, n)) in zip(cells, cellCounts).enumerated() where n > 0 {
            let combo: Int
            if let known = combos[cell.attributes] { combo = known } else { combo = combos.count; combos[cell.attributes] = combo }
            let pattern = Pattern(school: cell.school, grade: cell.grade, combo: combo)
            let list: [Int]
            if let known = patterns[pattern] {
                list = known
            } else {
                let plain = ResultCell(school: cell.school, grade: cell.grade, classId: nil, attributes: cell.attributes)
                list = Self.groups(of: plain, level: level(index), gradesKnown: gradesKnown).map(intern)
                patterns[pattern] = list
            }
            for group in list { members[group].append(index) }
            if let classId = cell.classId {
                let group: Int
                if let known = classGroups[classId] {
                    group = known
                } else {
                    group = intern(GroupKey(level: level(index), school: cell.school, classId: classId))
                    classGroups[classId] = group
                }
                members[group].append(index)
            }
        }
        // Positions in sorted order, so that every choice below is the same on every server: by level, school
        // (its id's bytes), grade, class (likewise), attribute and value, each absent one first. Ten numbers
        // a key side by side, compared in turn; ids are compared as numbers, never hashed.
        var texts: Set<String> = []
        for key in keys { if let attribute = key.attribute { texts.insert(attribute); if let value = key.value { texts.insert(value) } } }
        let textRank = Dictionary(uniqueKeysWithValues: texts.sorted().enumerated().map { ($1, UInt64($0 + 1)) })
        let levelRank = Dictionary(uniqueKeysWithValues: SchoolLevel.allCases.enumerated().map { ($1, UInt64($0 + 1)) })
        let width = 10
        var ranks: [UInt64] = []
        ranks.reserveCapacity(keys.count * width)
        for key in keys {
            let school = key.school?.orderKey ?? (0, 0), classId = key.classId?.orderKey ?? (0, 0)
            ranks += [key.level.map { levelRank[$0]! } ?? 0, key.school == nil ? 0 : 1, school.0, school.1, UInt64((key.grade?.rawValue ?? -2) + 2),
                      key.classId == nil ? 0 : 1, classId.0, classId.1, key.attribute.map { textRank[$0]! } ?? 0, key.value.map { textRank[$0]! } ?? 0]
        }
        let order = keys.indices.sorted { left, right in
            for offset in 0..<width where ranks[left * width + offset] != ranks[right * width + offset] {
                return ranks[left * width + offset] < ranks[right * width + offset]
            }
            return false
        }
        let groups = order.map { keys[$0] }
        let cellsOfGroup = order.map { members[$0] }
        self.groups = groups
        self.cellsOfGroup = cellsOfGroup
        // Where each key landed: the interning table already maps keys to their first positions.
        var landed = [Int](repeating: 0, count: order.count)
        for (sorted, original) in order.enumerated() { landed[original] = sorted }
        interned = found
        self.landed = landed
        let sizes = cellsOfGroup.map { $0.reduce(0) { $0 + cellCounts[$1] } }
        self.sizes = sizes
        let count = groups.count

        // Every group inside another is one of its sub-groups, whatever the reason: a grade inside
        // the school, a class inside its grade, a grade whose pupils are all girls inside the girls.
        // Sub-groups of one kind (all grades, all classes…) never overlap.
        var children = [[Breakdown]](repeating: [], count: count)
        var sameAs = [[Int]](repeating: [], count: count)
        var bySchool: [UUID: [Int]] = [:]
        for index in 0..<count { if let school = groups[index].school { bySchool[school, default: []].append(index) } }
        let kinds = groups.map(\.kind)
        // The same kinds as small numbers, for matching sub-groups to their breakdown.
        var kindNumbers: [String: Int] = [:]
        let kindIds = kinds.map { kind in
            if let known = kindNumbers[kind] { return known }
            kindNumbers[kind] = kindNumbers.count
            return kindNumbers.count - 1
        }
        // Which groups each cell is in, flat (cell c's groups are inGroups[firstOf[c]..<firstOf[c + 1]]).
        var firstOf = [Int](repeating: 0, count: cells.count + 1)
        for members in cellsOfGroup { for cell in members { firstOf[cell + 1] += 1 } }
        for cell in 0..<cells.count { firstOf[cell + 1] += firstOf[cell] }
        var inGroups = [Int](repeating: 0, count: firstOf[cells.count])
        var filled = firstOf
        for (group, members) in cellsOfGroup.enumerated() {
            for cell in members { inGroups[filled[cell]] = group; filled[cell] += 1 }
        }
        // A group lies inside another when all its cells are among the other's: count, for every group
        // meeting the outer one, the cells they share. A school's groups are compared with that school's
        // groups only; a district-wide group with every group.
        // Outers are shared out in strides (the wide district groups come first) and counted in parallel.
        let parts = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount * 4))
        let inParts = NSLockedArray<[(outer: Int, inner: [Int])]>(count: parts)
        let (starts, flat) = (firstOf, inGroups)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var shared = [Int](repeating: 0, count: count)
            var met: [Int] = []
            var results: [(outer: Int, inner: [Int])] = []
            for outer in stride(from: part, to: count, by: parts) {
                met.removeAll(keepingCapacity: true)
                for cell in cellsOfGroup[outer] {
                    for slot in starts[cell]..<starts[cell + 1] {
                        let group = flat[slot]
                        if shared[group] == 0 { met.append(group) }
                        shared[group] += 1
                    }
                }
                let school = groups[outer].school
                let inside = met.filter { inner in
                    inner != outer && shared[inner] == cellsOfGroup[inner].count && sizes[outer] >= sizes[inner]
                        && (school == nil || groups[inner].school == school)
                }
                if !inside.isEmpty { results.append((outer, inside)) }
                for group in met { shared[group] = 0 }
            }
            inParts.set(part, results)
        }
        var inside = [[Int]](repeating: [], count: count)
        for results in inParts.values { for (outer, inner) in results ?? [] { inside[outer] = inner } }
        for outer in 0..<count {
            for inner in inside[outer] {
                if sizes[outer] == sizes[inner] {
                    sameAs[inner].append(outer)
                } else if let slot = children[outer].firstIndex(where: { $0.kindId == kindIds[inner] }) {
                    children[outer][slot].groups.append(inner)
                } else {
                    children[outer].append(Breakdown(kind: kinds[inner], kindId: kindIds[inner], groups: [inner]))
                }
            }
        }
        for index in 0..<count { children[index].sort { $0.kind < $1.kind } }

        // Where each group's people are (school and grade), worked out only for the groups complementary
        // suppression chooses among: it hides a group near the one it protects (the same grade, then the
        // same school), so one small grade somewhere does not blank another school's page.
        let places = PlaceBook(cells: cells, members: cellsOfGroup)
        // Twins (the same people under two names) are withheld together, so a district-wide group that is
        // also a school's own group costs what the school's does.
        var cost = groups.map(Cost.init)
        for (group, twins) in sameAs.enumerated() where !twins.isEmpty {
            let tier = ([group] + twins).map { cost[$0].tier }.max()!
            let aggregate = ([group] + twins).allSatisfy { cost[$0].isAggregate }
            for member in [group] + twins { cost[member] = Cost(tier: tier, isAggregate: aggregate) }
        }
        let (lookup, landedAt) = (found, landed)
        var parents = [[Int]](repeating: [], count: count)
        for (parent, breakdowns) in children.enumerated() { for breakdown in breakdowns { for child in breakdown.groups { parents[child].append(parent) } } }
        let structure = Structure(groups: groups, members: cellsOfGroup, cells: cells, bySchool: bySchool, children: children, parents: parents, sameAs: sameAs,
                                  places: places, cost: cost, minimumN: minimumN, position: { key in lookup[key].map { landedAt[$0] } })
        var audit = SchoolAudit(groups: groups, bySchool: bySchool, members: cellsOfGroup, cells: cells, respondents: cellCounts, sizes: sizes, minimumN: minimumN)
        let shown = structure.decide(start: sizes.map { $0 >= minimumN }, sizes: sizes, audit: &audit)
        self.shown = shown
        let reasons: [Withholding?] = zip(sizes, shown).map { size, shown in shown ? nil : (size < minimumN ? .fewerThanMinimum : .protectsSmallerGroup) }
        self.reasons = reasons
        // Each figure is then checked on its own respondents, within the plan's groups: the same decisions,
        // started from the plan. Figures are independent of each other, so they are worked out side by side.
        let own = NSLockedArray<[Withholding?]>(count: figures.count)
        let (baseAudit, baseShown, baseReasons) = (audit, shown, reasons)
        DispatchQueue.concurrentPerform(iterations: figures.count) { figure in
            let counts = figures[figure]
            let figureSizes = baseAudit.flat.sums(of: counts)
            let start = zip(baseShown, figureSizes).map { $0 && $1 >= minimumN }
            var figureAudit = SchoolAudit(sharing: baseAudit, counts: counts, sizes: figureSizes)
            let figureShown = structure.decide(start: start, sizes: figureSizes, audit: &figureAudit)
            guard figureShown != baseShown else { return }
            own.set(figure, groups.indices.map { group in
                if figureShown[group] { return nil }
                if !baseShown[group] { return baseReasons[group] }
                return figureSizes[group] < minimumN ? .fewerThanMinimum : .protectsSmallerGroup
            })
        }
        figureReasons = own.values
    }

    /// Why a group is withheld, or nil when it is shown (or is no group any output shows).
    public func reason(_ key: GroupKey) -> Withholding? { position(of: key).flatMap { reasons[$0] } }

    public func isShown(_ key: GroupKey) -> Bool { position(of: key).map { shown[$0] } ?? false }

    /// Why figure number `figure` (in the order given) is withheld in a group, or nil when it is shown there.
    public func reason(_ key: GroupKey, figure: Int) -> Withholding? {
        guard let position = position(of: key) else { return .fewerThanMinimum }
        guard figure < figureReasons.count, let own = figureReasons[figure] else { return reasons[position] }
        return own[position]
    }

    /// Respondents in a group, or nil when it is not a group any output shows.
    public func respondents(in key: GroupKey) -> Int? { position(of: key).map { sizes[$0] } }

    /// Where a group sits in `groups`.
    func position(of key: GroupKey) -> Int? { interned[key].map { landed[$0] } }

    /// The cells of a group, by their index in the wave.
    func members(of key: GroupKey) -> [Int]? { position(of: key).map { cellsOfGroup[$0] } }

    /// The groups a cell's responses count in — every group any output can show. Grades and
    /// attributes are each a breakdown of a scope (the district, a level, a school), never of each
    /// other: a breakdown of a breakdown would let two crossing tables be subtracted down to a few people.
    /// The attribute that gathers students whose grade the roster does not give. No page shows it: it is a
    /// group only so that the audits protect it, since a school less its shown grades (or a class less
    /// its grade's part) would otherwise give a few of them together, and no single cell is all of them.
    public static let gradeNotGiven = "belong.grade-not-given"

    /// - Parameter gradesKnown: whether other cells have a grade (a students' wave); a staff or family wave has none at all.
    static func groups(of cell: ResultCell, level: SchoolLevel, gradesKnown: Bool = false) -> [GroupKey] {
        let school = GroupKey(level: level, school: cell.school)
        var keys: [GroupKey] = [.all, GroupKey(level: level), school]
        if let grade = cell.grade { keys += [GroupKey(grade: grade), GroupKey(level: level, grade: grade), school.grade(grade)] }
        if cell.grade == nil, gradesKnown {
            keys += [GroupKey.all.attribute(gradeNotGiven, "yes"), GroupKey(level: level).attribute(gradeNotGiven, "yes"), school.attribute(gradeNotGiven, "yes")]
        }
        for (attribute, value) in cell.attributes {
            keys += [GroupKey.all.attribute(attribute, value), GroupKey(level: level).attribute(attribute, value), school.attribute(attribute, value)]
        }
        if let classId = cell.classId { keys.append(GroupKey(level: level, school: cell.school, classId: classId)) }
        return keys
    }
}

extension GroupKey {
    /// Which coordinates are fixed: groups of one kind never overlap.
    var kind: String {
        [level != nil ? "level" : "", school != nil ? "school" : "", grade != nil ? "grade" : "", classId != nil ? "class" : "",
         attribute.map { "attribute:\($0)" } ?? ""].joined(separator: "+")
    }
}
