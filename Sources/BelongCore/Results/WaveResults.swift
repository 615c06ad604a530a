import Foundation

/// One wave's results, ready to ask: every cell summarized in one pass over the packed answers, and
/// the privacy filter decided for every group. Asking for a group adds up its cells; what comes out
/// has passed the filter.
public struct WaveResults: Sendable {
    public let layout: ResultsLayout
    public let filter: PrivacyFilter
    public let responses: Int
    private let cells: [ResultCell]
    private let cellSums: Sums
    private let levels: [UUID: SchoolLevel]
    /// Every group any output can show, added up once (by plan position): asking is a lookup.
    private let groupSums: Sums
    /// Whether any figures are out: an open wave's are released in steps (DOMAIN.md §4, time; ReleaseStep),
    /// and none before its first release — two looks a response apart would otherwise give that response.
    public var released = true
    /// Groups with at least N responses counting those waiting for a release, which the release does not
    /// show for fewer than N: they read "not released yet", never "fewer than N" (DOMAIN.md §4, honest labels).
    private var notYetReleased: Set<GroupKey> = []

    /// `answers` are the responses released; `holds` what their release withholds beyond the plan.
    public init(answers: WaveAnswers, levels: [UUID: SchoolLevel], minimumN: Int, holds: ReleaseHolds = ReleaseHolds()) {
        layout = answers.layout
        cells = answers.cells
        let cellSums = answers.cellSums(parts: ProcessInfo.processInfo.activeProcessorCount)
        self.cellSums = cellSums
        self.levels = levels
        responses = answers.count
        let plan = SuppressionPlan(cells: cells, respondents: cellSums.respondents, figures: cellSums.figureCounts, levels: levels, minimumN: minimumN)
        filter = PrivacyFilter(plan: plan, holds: holds)
        groupSums = Self.sumGroups(plan: plan, cellSums: cellSums, cells: cells, levels: levels)
    }

    /// Every group's sums, by plan position. A school's groups add up their cells, several schools' at
    /// once; a group across schools adds up its schools' own groups (the district's grade 5 is every
    /// school's grade 5), so a wide group costs a row per school rather than a row per cell.
    static func sumGroups(plan: SuppressionPlan, cellSums: Sums, cells: [ResultCell], levels: [UUID: SchoolLevel]) -> Sums {
        let groups = plan.groups, members = plan.cellsOfGroup
        let inSchools = groups.indices.filter { groups[$0].school != nil }
        // Parts of about equal work, in order.
        let parts = max(1, min(inSchools.count, ProcessInfo.processInfo.activeProcessorCount * 2))
        let work = inSchools.reduce(0) { $0 + members[$1].count }
        var chunks: [[Int]] = [[]]
        var done = 0
        for group in inSchools {
            if done >= work * chunks.count / parts, !chunks[chunks.count - 1].isEmpty { chunks.append([]) }
            chunks[chunks.count - 1].append(group)
            done += members[group].count
        }
        let pieces = NSLockedArray<Sums>(count: chunks.count)
        let parted = chunks
        DispatchQueue.concurrentPerform(iterations: parted.count) { part in
            var piece = Sums(rows: parted[part].count, items: cellSums.items, slots: cellSums.slots)
            for (row, group) in parted[part].enumerated() { for cell in members[group] { piece.add(cellSums, row: cell, into: row) } }
            pieces.set(part, piece)
        }
        var sums = Sums(rows: groups.count, items: cellSums.items, slots: cellSums.slots)
        for (part, piece) in pieces.values.enumerated() {
            for (row, group) in chunks[part].enumerated() { sums.add(piece!, row: row, into: group) }
        }
        let schools = Set(cells.map(\.school)).sorted { $0.orderKey < $1.orderKey }
        let wide = groups.indices.filter { groups[$0].school == nil }
        var across = Sums(rows: wide.count, items: cellSums.items, slots: cellSums.slots)
        for (row, group) in wide.enumerated() {
            let key = groups[group]
            for school in schools {
                let level = levels[school] ?? .combined
                guard key.level == nil || key.level == level else { continue }
                let own = GroupKey(level: level, school: school, grade: key.grade, attribute: key.attribute, value: key.value)
                if let position = plan.position(of: own) { across.add(sums, row: position, into: row) }
            }
        }
        for (row, group) in wide.enumerated() { sums.add(across, row: row, into: group) }
        return sums
    }

    public var minimumN: Int { filter.minimumN }

    /// A group's figures, or "fewer than N".
    public func figures(_ key: GroupKey) -> Reported<GroupFigures> {
        guard released else { return .suppressed(minimum: minimumN, reason: .waveOpen) }
        let figures = filter.release(key, summary: summary(key), layout: layout)
        if figures.reason == .fewerThanMinimum, notYetReleased.contains(key) { return .suppressed(minimum: minimumN, reason: .waveOpen) }
        return figures
    }

    /// Counts the responses waiting for the next release into the labels of the groups they would join.
    public mutating func noteWaiting(_ waiting: WaveAnswers) {
        let respondents = waiting.cellSums(parts: 1).respondents
        var counts: [GroupKey: Int] = [:]
        for (index, cell) in waiting.cells.enumerated() {
            for key in SuppressionPlan.groups(of: cell, level: level(of: cell)) { counts[key, default: 0] += respondents[index] }
        }
        let plan = filter.plan
        notYetReleased = Set(counts.filter { key, waiting in
            waiting + (plan.respondents(in: key) ?? 0) >= minimumN && (plan.respondents(in: key) == nil || plan.reason(key) == .fewerThanMinimum)
        }.keys)
    }

    /// The groups of one breakdown inside `scope` that had any respondent, shown or not, in order:
    /// e.g. the grades of a school, the schools of a level, the values of an attribute.
    public func breakdown(_ scope: GroupKey, by dimension: Dimension) -> [GroupKey] {
        var keys: Set<GroupKey> = []
        for cell in cells where scope.contains(cell, level: level(of: cell)) {
            var key = scope
            switch dimension {
            case .school:
                key.school = cell.school
                key.level = level(of: cell)
            case .level: key.level = level(of: cell)
            case .grade:
                guard let grade = cell.grade else { continue }
                key.grade = grade
            case .classroom:
                guard let classId = cell.classId, scope.attribute == nil else { continue }
                key = GroupKey(level: level(of: cell), school: cell.school, classId: classId)
                if let grade = scope.grade, !classIsOnly(classId, in: grade) { continue }
            case .attribute(let attribute):
                guard let value = cell.attributes[attribute] else { continue }
                key.attribute = attribute
                key.value = value
            }
            keys.insert(key)
        }
        return keys.sorted()
    }

    public enum Dimension: Sendable, Hashable {
        case level, school, grade, classroom
        case attribute(String)
    }

    /// The attribute keys known for some response of this wave.
    public var attributes: [String] {
        Array(Set(cells.flatMap(\.attributes.keys))).sorted()
    }

    /// Reliability of each scale for a shown group (analysts' view), nil where it cannot be computed.
    public func reliability(_ key: GroupKey, answers: WaveAnswers) -> Reported<[Reliability?]> {
        guard released else { return .suppressed(minimum: minimumN, reason: .waveOpen) }
        if let reason = filter.reason(key) { return .suppressed(minimum: minimumN, reason: reason) }
        let included = Set(cells.indices.filter { key.contains(cells[$0], level: level(of: cells[$0])) })
        return .shown(answers.reliabilitySums(cells: included).map { $0.n >= minimumN ? Reliability.of($0) : nil })
    }

    /// Raw sums of a group, for checks against a plain recomputation; never shown as they are.
    public func summary(_ key: GroupKey) -> GroupSummary? {
        if let known = filter.plan.position(of: key) { return groupSums.summary(known) }
        var total: GroupSummary?
        for (index, cell) in cells.enumerated() where key.contains(cell, level: level(of: cell)) {
            let summary = cellSums.summary(index)
            if total == nil { total = summary } else { total! += summary }
        }
        return total
    }

    private func level(of cell: ResultCell) -> SchoolLevel { levels[cell.school] ?? .combined }

    private func classIsOnly(_ classId: UUID, in grade: Grade) -> Bool {
        cells.allSatisfy { $0.classId != classId || $0.grade == grade }
    }
}
