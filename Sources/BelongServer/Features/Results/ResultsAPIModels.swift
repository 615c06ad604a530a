import BelongCore
import Foundation

/// The JSON shapes of the results API, as `Resources/openapi.json` documents them. A figure the
/// privacy filter withholds is absent, and its group says `shown: false`; nothing else is said of it.
extension API {
    struct Wave: Codable, Sendable {
        let id: UUID
        let title: String
        let instrument: String
        let respondents: String
        let gradeFrom: String?
        let gradeTo: String?
        let opensAt: Date
        let closesAt: Date
        let state: String
        let mode: String
        let minimumN: Int
        let schoolIds: [UUID]
    }

    struct Waves: Codable, Sendable {
        let waves: [Wave]
    }

    struct Group: Codable, Sendable {
        let level: String?
        let schoolId: UUID?
        let grade: String?
        let classId: UUID?
        let attribute: String?
        let value: String?
    }

    struct Proportion: Codable, Sendable {
        let value: Double
        let lower: Double
        let upper: Double
        let count: Int
        let n: Int
    }

    struct Mean: Codable, Sendable {
        let value: Double
        let lower: Double?
        let upper: Double?
        let n: Int
    }

    struct ScaleFigures: Codable, Sendable {
        let id: String
        let favourable: Proportion?
        let mean: Mean?
    }

    struct ItemFigures: Codable, Sendable {
        let id: String
        let favourable: Proportion?
        let distribution: [Int]?
    }

    struct Figures: Codable, Sendable {
        let shown: Bool
        /// Why a withheld group is withheld: "fewer-than-minimum" or "protects-smaller-group".
        let reason: String?
        let minimumN: Int
        let respondents: Int?
        let index: Proportion?
        let scales: [ScaleFigures]?
        let items: [ItemFigures]?
    }

    struct Change: Codable, Sendable {
        let difference: Double
        let lower: Double
        let upper: Double
        let effectSize: Double
        let verdict: String
    }

    struct ScaleChange: Codable, Sendable {
        let id: String
        let change: Change
    }

    struct Results: Codable, Sendable {
        let waveId: UUID
        let group: Group
        let figures: Figures
        let previousWaveId: UUID?
        let indexChange: Change?
        let scaleChanges: [ScaleChange]?
    }

    struct BreakdownRow: Codable, Sendable {
        let group: Group
        let figures: Figures
    }

    struct Gap: Codable, Sendable {
        let highest: Group
        let lowest: Group
        let change: Change
    }

    struct Breakdown: Codable, Sendable {
        let waveId: UUID
        let scope: Group
        let dimension: String
        let rows: [BreakdownRow]
        let indexGap: Gap?
    }
}

extension API.Group {
    init(_ key: GroupKey) {
        self.init(level: key.level?.rawValue, schoolId: key.school, grade: key.grade?.oneRosterCode, classId: key.classId, attribute: key.attribute, value: key.value)
    }
}

extension API.Proportion {
    init?(_ reported: Reported<ProportionEstimate>) {
        guard let estimate = reported.value, let value = estimate.value, let interval = estimate.interval else { return nil }
        self.init(value: value, lower: interval.lower, upper: interval.upper, count: estimate.count, n: estimate.n)
    }
}

extension API.Mean {
    init?(_ reported: Reported<MeanEstimate>) {
        guard let estimate = reported.value, let mean = estimate.mean else { return nil }
        self.init(value: mean, lower: estimate.interval?.lower, upper: estimate.interval?.upper, n: estimate.n)
    }
}

extension API.Figures {
    init(_ reported: Reported<GroupFigures>, minimumN: Int) {
        guard let figures = reported.value else {
            self.init(shown: false, reason: (reported.reason ?? .fewerThanMinimum).rawValue, minimumN: minimumN, respondents: nil, index: nil, scales: nil, items: nil)
            return
        }
        self.init(shown: true, reason: nil, minimumN: minimumN, respondents: figures.respondents, index: API.Proportion(figures.index),
                  scales: figures.scales.map { .init(id: $0.id, favourable: API.Proportion($0.favourable), mean: API.Mean($0.mean)) },
                  items: figures.items.map { .init(id: $0.id, favourable: API.Proportion($0.favourable), distribution: $0.distribution.value) })
    }
}

extension API.Change {
    init(_ change: BelongCore.Change) {
        self.init(difference: change.difference, lower: change.interval.lower, upper: change.interval.upper, effectSize: change.effectSize,
                  verdict: change.verdict.rawValue)
    }
}
