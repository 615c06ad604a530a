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
    private let respondents: [GroupKey: Int]
    private let shown: Set<GroupKey>

    public init(cells: [ResultCell], respondents cellCounts: [Int], levels: [UUID: SchoolLevel], minimumN: Int) {
        precondition(minimumN >= 5, "DOMAIN.md §4: never below 5")
        self.minimumN = minimumN
        var respondents: [GroupKey: Int] = [:]
        var members: [GroupKey: [Int]] = [:]
        let level = { (cell: Int) in levels[cells[cell].school] ?? .combined }
        for (index, (cell, n)) in zip(cells, cellCounts).enumerated() where n > 0 {
            for key in Self.groups(of: cell, level: level(index)) {
                respondents[key, default: 0] += n
                members[key, default: []].append(index)
            }
        }
        self.respondents = respondents
        let keys = respondents.keys.sorted()

        // Every group inside another is one of its sub-groups, whatever the reason: a grade inside
        // the school, a class inside its grade, a grade whose pupils are all girls inside the girls.
        // Sub-groups of one kind (all grades, all classes…) never overlap.
        var children: [GroupKey: [String: [GroupKey]]] = [:]
        var sameAs: [GroupKey: [GroupKey]] = [:]
        let districtWide = keys.filter { $0.school == nil }
        let bySchool = Dictionary(grouping: keys.filter { $0.school != nil }, by: { $0.school! })
        for inner in keys {
            let candidates = inner.school.map { (bySchool[$0] ?? []) + districtWide } ?? districtWide
            for outer in candidates where outer != inner && respondents[outer]! >= respondents[inner]! {
                guard members[inner]!.allSatisfy({ outer.contains(cells[$0], level: level($0)) }) else { continue }
                if respondents[outer]! == respondents[inner]! {
                    sameAs[inner, default: []].append(outer)
                    sameAs[outer, default: []].append(inner)
                } else {
                    children[outer, default: [:]][inner.kind, default: []].append(inner)
                }
            }
        }

        var shown = Set(keys.filter { respondents[$0]! >= minimumN })
        while true {
            Self.complement(&shown, keys: keys, respondents: respondents, children: children, sameAs: sameAs, minimumN: minimumN)
            // Then the exact test, school by school: can any sum or difference of the school's shown
            // groups give a small group or a small cell? If so, hide the smallest shown group over it.
            guard let exposed = Self.audit(shown: shown, keys: keys, members: members, cells: cells, counts: cellCounts,
                                           respondents: respondents, minimumN: minimumN) else { break }
            shown.remove(exposed)
        }
        self.shown = shown
    }

    /// Complementary suppression, repeated until nothing changes (see the type's comment).
    static func complement(_ shown: inout Set<GroupKey>, keys: [GroupKey], respondents: [GroupKey: Int], children: [GroupKey: [String: [GroupKey]]],
                           sameAs: [GroupKey: [GroupKey]], minimumN: Int) {
        var changed = true
        while changed {
            changed = false
            // The same people under two names: shown under both or neither.
            for (key, twins) in sameAs where !shown.contains(key) {
                for twin in twins where shown.contains(twin) {
                    shown.remove(twin)
                    changed = true
                }
            }
            for parent in keys {
                guard let breakdowns = children[parent] else { continue }
                let total = respondents[parent]!
                let parentShown = shown.contains(parent)
                for kind in breakdowns.keys.sorted() {
                    let all = breakdowns[kind]!
                    let covers = all.reduce(0) { $0 + respondents[$1]! } == total
                    while true {
                        let visible = all.filter { shown.contains($0) }
                        guard !visible.isEmpty else { break }
                        let remainder = total - visible.reduce(0) { $0 + respondents[$1]! }
                        // When the sub-groups make up the whole, one hidden among them is the whole minus the rest.
                        let hiddenAlone = covers && all.count - visible.count == 1
                        let exposed = hiddenAlone || (parentShown ? (remainder > 0 && remainder < minimumN) : remainder < minimumN)
                        guard exposed else { break }
                        let smallest = visible.min { (respondents[$0]!, $0) < (respondents[$1]!, $1) }!
                        shown.remove(smallest)
                        changed = true
                    }
                }
            }
        }
    }

    /// The smallest shown group through which some small group or cell of a school can be computed, if any.
    static func audit(shown: Set<GroupKey>, keys: [GroupKey], members: [GroupKey: [Int]], cells: [ResultCell], counts: [Int],
                      respondents: [GroupKey: Int], minimumN: Int) -> GroupKey? {
        let schools = Dictionary(grouping: keys.filter { $0.school != nil }, by: { $0.school! })
        for school in schools.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
            let groups = schools[school]!
            let local = cells.indices.filter { cells[$0].school == school && counts[$0] > 0 }
            let column = Dictionary(uniqueKeysWithValues: local.enumerated().map { ($1, $0) })
            func vector(_ cellIndices: [Int]) -> [Double] {
                var vector = [Double](repeating: 0, count: local.count)
                for cell in cellIndices { vector[column[cell]!] = 1 }
                return vector
            }
            let visible = groups.filter(shown.contains)
            guard !visible.isEmpty else { continue }
            let span = RowSpace(visible.map { vector(members[$0]!) })
            let targets = groups.filter { respondents[$0]! < minimumN }.map { members[$0]! }
                + local.filter { counts[$0] < minimumN }.map { [$0] }
            for target in targets where span.contains(vector(target)) {
                let over = visible.filter { group in target.allSatisfy { members[group]!.contains($0) } }
                return (over.isEmpty ? visible : over).min { (respondents[$0]!, $0) < (respondents[$1]!, $1) }
            }
        }
        return nil
    }

    public func isShown(_ key: GroupKey) -> Bool { shown.contains(key) }

    /// Respondents in a group, or nil when nobody in it answered.
    public func respondents(in key: GroupKey) -> Int? { respondents[key] }

    /// Every group that had a respondent, shown or not.
    public var groups: [GroupKey] { respondents.keys.sorted() }

    /// The groups a cell's responses count in — every group any output can show. Grades and
    /// attributes are each a breakdown of a scope (the district, a level, a school), never of each
    /// other: a breakdown of a breakdown would let two crossing tables be subtracted down to a few people.
    static func groups(of cell: ResultCell, level: SchoolLevel) -> [GroupKey] {
        let school = GroupKey(level: level, school: cell.school)
        var keys: [GroupKey] = [.all, GroupKey(level: level), school]
        if let grade = cell.grade { keys += [GroupKey(grade: grade), GroupKey(level: level, grade: grade), school.grade(grade)] }
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
