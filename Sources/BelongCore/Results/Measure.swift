import Foundation

/// Something a school can follow from wave to wave: a scale or an item of one questionnaire, as one audience
/// answers it, read as percent favourable. A plan's goal, a recommendation's reason and a story's evidence
/// all name a measure (DOMAIN.md §7).
public struct Measure: Sendable, Hashable, Codable {
    public enum Audience: String, Sendable, Hashable, Codable, CaseIterable {
        case students, staff, families
    }

    public enum Subject: Sendable, Hashable, Codable {
        /// The connectedness index: every scored item together.
        case index
        /// One of the instrument's scales ("safe", "heard", …).
        case scale(String)
        /// One item, by its id.
        case item(String)
    }

    public let instrumentId: String
    public let audience: Audience
    public let subject: Subject

    public init(instrumentId: String, audience: Audience, subject: Subject) {
        self.instrumentId = instrumentId
        self.audience = audience
        self.subject = subject
    }

    /// Whether a wave reads this measure: the same questionnaire, answered by the same people.
    public func isRead(by wave: SurveyWave) -> Bool {
        wave.instrumentId == instrumentId && wave.respondents.audience == audience
    }

    /// Whether a wave's questionnaire has the scale or item (a district's version may have dropped it).
    public func exists(in layout: ResultsLayout) -> Bool {
        switch subject {
        case .index: true
        case .scale(let id): layout.scales.contains { $0.id == id }
        case .item(let id): layout.items.contains { $0.id == id }
        }
    }

    /// The measure's percent favourable in a group's figures, or why it is withheld; nil if the figures lack it.
    public func favourable(in figures: Reported<GroupFigures>) -> Reported<ProportionEstimate>? {
        switch figures {
        case .suppressed(let minimum, let reason): return .suppressed(minimum: minimum, reason: reason)
        case .shown(let group):
            switch subject {
            case .index: return group.index
            case .scale(let id): return group.scale(id)?.favourable
            case .item(let id): return group.item(id)?.favourable
            }
        }
    }
}

/// One wave's reading of a measure for one school (or grade): percent favourable with its n and interval,
/// or the reason the privacy filter withholds it.
public struct MeasureReading: Sendable {
    public let wave: SurveyWave
    public let favourable: Reported<ProportionEstimate>

    public init(wave: SurveyWave, favourable: Reported<ProportionEstimate>) {
        self.wave = wave
        self.favourable = favourable
    }
}

extension SurveyWave.Respondents {
    public var audience: Measure.Audience {
        switch self {
        case .students: .students
        case .staff: .staff
        case .families: .families
        }
    }
}
