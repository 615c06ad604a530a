import Foundation

/// Where an action of a school's plan stands (DOMAIN.md §7). A dropped action says why.
public enum ActionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case planned
    case underWay = "under-way"
    case done
    case dropped

    /// Still to do: what an owner is reminded of, and what can be overdue.
    public var isOpen: Bool { self == .planned || self == .underWay }
}

/// What a goal should move: one measure — a feeling's scale or the trusted-adult item — for one audience, read as
/// its share of favourable answers, as the results pages show it.
public struct GoalMeasure: Sendable, Hashable, Codable {
    public let audience: Measure.Audience
    /// A feeling ("safe" … "caredFor") or "trusted-adult": `Resource.measureIds`.
    public let measure: String

    public init?(audience: Measure.Audience, measure: String) {
        guard Resource.measureIds.contains(measure) else { return nil }
        self.audience = audience
        self.measure = measure
    }

    /// Every measure a goal may name, feelings first, for each audience.
    public static var all: [GoalMeasure] {
        Measure.Audience.allCases.flatMap { audience in Resource.measureIds.compactMap { GoalMeasure(audience: audience, measure: $0) } }
    }
}

/// A goal of a school's plan: a strategy, the measure that should move, from the baseline wave's figure to a target
/// share favourable by a date.
public struct PlanGoal: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let schoolId: UUID
    public var strategy: Strategy
    public var measure: GoalMeasure
    /// The wave whose figure is the starting point: the latest closed wave of the audience when the goal was set.
    public var baselineWave: UUID?
    /// A share favourable, 0 to 1.
    public var target: Double
    public var byWhen: CalendarDate
    public var createdAt: Date

    public init(id: UUID, schoolId: UUID, strategy: Strategy, measure: GoalMeasure, baselineWave: UUID?, target: Double, byWhen: CalendarDate, createdAt: Date) {
        self.id = id
        self.schoolId = schoolId
        self.strategy = strategy
        self.measure = measure
        self.baselineWave = baselineWave
        self.target = target
        self.byWhen = byWhen
        self.createdAt = createdAt
    }
}

/// An action of a school's plan: what, for which strategy (and goal), who owns it, when, and where it stands.
public struct PlanAction: Sendable, Hashable, Identifiable {
    public let id: UUID
    public let schoolId: UUID
    public var goalId: UUID?
    public var what: String
    public var strategy: Strategy
    /// A staff member's account.
    public var ownerId: UUID?
    public var starts: CalendarDate?
    public var due: CalendarDate?
    public var status: ActionStatus
    /// Why it was dropped (or any word on its status).
    public var reason: String
    /// Library resources it uses, by id.
    public var resources: [String]
    public var notes: String
    public var updatedAt: Date

    public init(id: UUID, schoolId: UUID, goalId: UUID?, what: String, strategy: Strategy, ownerId: UUID?, starts: CalendarDate?, due: CalendarDate?,
                status: ActionStatus, reason: String = "", resources: [String] = [], notes: String = "", updatedAt: Date) {
        self.id = id
        self.schoolId = schoolId
        self.goalId = goalId
        self.what = what
        self.strategy = strategy
        self.ownerId = ownerId
        self.starts = starts
        self.due = due
        self.status = status
        self.reason = reason
        self.resources = resources
        self.notes = notes
        self.updatedAt = updatedAt
    }

    /// Open and past its due day.
    public func isOverdue(today: CalendarDate) -> Bool {
        guard status.isOpen, let due else { return false }
        return due < today
    }

    /// Overdue first, then by due day (none last), then by what it is, so a list reads the same every time.
    public static func ordered(_ actions: [PlanAction], today: CalendarDate) -> [PlanAction] {
        actions.sorted { a, b in
            let (x, y) = (a.isOverdue(today: today), b.isOverdue(today: today))
            if x != y { return x }
            if a.status.isOpen != b.status.isOpen { return a.status.isOpen }
            switch (a.due, b.due) {
            case let (l?, r?) where l != r: return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.what, a.id.uuidString) < (b.what, b.id.uuidString)
            }
        }
    }
}

/// A change of an action's status, kept so the plan shows how it went.
public struct ActionChange: Sendable, Hashable {
    public let status: ActionStatus
    public let reason: String
    public let by: UUID?
    public let at: Date

    public init(status: ActionStatus, reason: String, by: UUID?, at: Date) {
        self.status = status
        self.reason = reason
        self.by = by
        self.at = at
    }
}

/// A goal's measure across the waves since its baseline, as the privacy filter shows them, with the honest verdict of
/// the results pages: "improved" only when the interval of the change clears zero.
public struct GoalProgress: Sendable {
    /// One wave's reading of the measure; `figure` nil when the privacy filter withheld it.
    public struct Reading: Sendable, Hashable {
        public let wave: UUID
        public let title: String
        /// When the wave closed: what a chart names it by.
        public let closes: Date?
        public let figure: ProportionEstimate?
        /// The people the figure is about.
        public let respondents: Int?

        public init(wave: UUID, title: String, closes: Date? = nil, figure: ProportionEstimate?, respondents: Int? = nil) {
            self.wave = wave
            self.title = title
            self.closes = closes
            self.figure = figure.flatMap { $0.value == nil ? nil : $0 }
            self.respondents = figure == nil ? nil : respondents ?? figure?.n
        }
    }

    public struct Point: Sendable, Hashable {
        public let reading: Reading
        /// Since the baseline; nil for the baseline itself, a withheld figure, or no baseline shown.
        public let change: Change?
    }

    public let target: Double
    public let points: [Point]
    /// The baseline wave's reading, when it is among the readings.
    public let baseline: Reading?
    /// The latest shown reading after the baseline.
    public let latest: Reading?

    /// `readings` oldest first; the baseline is the goal's baseline wave, or the first reading without one.
    public init(goal: PlanGoal, readings: [Reading]) {
        target = goal.target
        let start = goal.baselineWave.flatMap { id in readings.firstIndex { $0.wave == id } } ?? 0
        let since = Array(readings.dropFirst(start))
        let baseline = since.first
        self.baseline = baseline
        points = since.enumerated().map { offset, reading in
            guard offset > 0, let earlier = baseline?.figure, let later = reading.figure else { return Point(reading: reading, change: nil) }
            return Point(reading: reading, change: Change.between(earlier, later))
        }
        latest = since.dropFirst().last { $0.figure != nil }
    }

    /// The verdict from the baseline to the latest shown reading; nil until both are shown.
    public var verdict: Change.Verdict? { points.last { $0.reading == latest && latest != nil }?.change?.verdict }

    /// Whether the latest shown figure (the baseline's, before any other) is at or above the target.
    public var reached: Bool? {
        guard let value = (latest ?? baseline)?.figure?.value else { return nil }
        return value >= target - 1e-12
    }
}
