import Foundation
import Synchronization

/// One administration of an instrument: who is asked, where, when, and how privately.
public struct SurveyWave: Sendable, Hashable, Identifiable {
    public enum Mode: String, Sendable, Codable, CaseIterable {
        /// Nothing links a response to a code or a person (the default).
        case anonymous
        /// A response is linked to the student for the school team's follow-up; said on the consent notice.
        case confidential
    }

    public enum State: String, Sendable, Codable, CaseIterable {
        case draft
        case open
        case closed
    }

    /// Who answers.
    public enum Respondents: Sendable, Hashable {
        case students(from: Grade, to: Grade)
        case staff
        case families

        public var kind: String {
            switch self {
            case .students: "students"
            case .staff: "staff"
            case .families: "families"
            }
        }

        /// A student whose grade the roster does not give is in every student wave of their school:
        /// leaving them out would keep them from being heard for a gap in someone else's export.
        public func includes(_ grade: Grade?) -> Bool {
            guard case .students(let from, let to) = self else { return false }
            guard let grade else { return true }
            return grade >= from && grade <= to
        }
    }

    public var id: UUID
    public var districtId: UUID?
    public var title: String
    public var instrumentId: String
    public var instrumentVersion: Int
    public var respondents: Respondents
    public var schoolIds: [UUID]
    public var opensAt: Date
    public var closesAt: Date
    /// The district's time zone: a window "closes on the 30th" at midnight there.
    public var timeZone: String
    public var mode: Mode
    public var languages: [Language]
    public var minimumGroupSize: Int
    public var state: State
    /// Up to five items a district adds to a built-in instrument for this wave.
    public var customItems: [Instrument.Item]

    public static let maxCustomItems = 5

    public init(
        id: UUID = UUID(), districtId: UUID?, title: String, instrumentId: String, instrumentVersion: Int, respondents: Respondents,
        schoolIds: [UUID], opensAt: Date, closesAt: Date, timeZone: String, mode: Mode = .anonymous, languages: [Language] = Language.interface,
        minimumGroupSize: Int = 10, state: State = .draft, customItems: [Instrument.Item] = []
    ) {
        self.id = id
        self.districtId = districtId
        self.title = title
        self.instrumentId = instrumentId
        self.instrumentVersion = instrumentVersion
        self.respondents = respondents
        self.schoolIds = schoolIds
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.timeZone = timeZone
        self.mode = mode
        self.languages = languages
        self.minimumGroupSize = minimumGroupSize
        self.state = state
        self.customItems = customItems
    }

    public var instrumentReference: String { "\(instrumentId)@\(instrumentVersion)" }

    /// Where the wave stands at `now`: an open wave past its closing moment counts as closed.
    public func status(at now: Date) -> Status {
        switch state {
        case .draft: .draft
        case .closed: .closed
        case .open: now < opensAt ? .notYetOpen : (now >= closesAt ? .closed : .open)
        }
    }

    public enum Status: String, Sendable {
        case draft
        case notYetOpen
        case open
        case closed
    }

    /// The items respondents see: the instrument's (confidential-only ones in confidential waves), then the custom ones.
    public func items(of instrument: Instrument) -> [Instrument.Item] {
        instrument.items(confidential: mode == .confidential) + customItems
    }
}

/// Mistakes in a wave's settings, each a message for the person setting it up.
public enum WaveRules {
    public enum Problem: String, Sendable, Equatable {
        case titleMissing
        case noSchools
        case windowBackwards
        case minimumTooSmall
        case tooManyCustomItems
        case noLanguage
        /// A language the instrument has no complete translation in.
        case languageNotInInstrument
        /// Custom questions are written in English and French only.
        case customItemsNotTranslated
        case instrumentAudience
        case gradesBackwards
        case adultPickNeedsConfidential
    }

    /// `floor` is the district's configured minimum group size: no wave may go below it (DOMAIN.md §4).
    public static func problems(_ wave: SurveyWave, instrument: Instrument, floor: Int = 5) -> [Problem] {
        var problems: [Problem] = []
        if wave.title.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.titleMissing) }
        if wave.schoolIds.isEmpty { problems.append(.noSchools) }
        if wave.closesAt <= wave.opensAt { problems.append(.windowBackwards) }
        if wave.minimumGroupSize < max(5, floor) { problems.append(.minimumTooSmall) }
        if wave.customItems.count > SurveyWave.maxCustomItems { problems.append(.tooManyCustomItems) }
        if wave.languages.isEmpty { problems.append(.noLanguage) }
        if wave.languages.contains(where: { !instrument.languages.contains($0.code) }) { problems.append(.languageNotInInstrument) }
        if !wave.customItems.isEmpty, wave.languages.contains(where: { !$0.isInterface }) { problems.append(.customItemsNotTranslated) }
        let audienceFits: Bool = switch (wave.respondents, instrument.audience) {
        case (.students(let from, _), .studentEarly): from <= .grade3
        case (.students, .student): true
        case (.staff, .staff), (.families, .family): true
        default: false
        }
        if !audienceFits { problems.append(.instrumentAudience) }
        if case .students(let from, let to) = wave.respondents, to < from { problems.append(.gradesBackwards) }
        return problems
    }
}

/// A wave's window in the district's calendar: it opens at the start of its first day and closes at
/// the end of its last day, in the district's time zone.
public enum SurveyWindow {
    /// Calendars by time zone: building one reads the zone's rules, and every submission needs one.
    private static let calendars = Mutex<[String: Calendar]>([:])

    public static func calendar(_ timeZone: String) -> Calendar {
        if let known = calendars.withLock({ $0[timeZone] }) { return known }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        calendars.withLock { $0[timeZone] = calendar }
        return calendar
    }

    public static func opening(_ day: CalendarDate, timeZone: String) -> Date {
        calendar(timeZone).date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }

    /// The moment after the last day: midnight at its end.
    public static func closing(lastDay day: CalendarDate, timeZone: String) -> Date {
        let calendar = calendar(timeZone)
        return calendar.date(byAdding: .day, value: 1, to: calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!)!
    }

    /// The calendar day a moment falls on there.
    public static func day(of date: Date, timeZone: String) -> CalendarDate {
        // Every stored response asks for today: remember the day just found with the moments it spans.
        if let known = days.withLock({ $0[timeZone] }), known.span.contains(date) { return known.day }
        let calendar = calendar(timeZone)
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let day = CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        if let span = calendar.dateInterval(of: .day, for: date) {
            days.withLock { $0[timeZone] = (day, span.start..<span.end) }
        }
        return day
    }

    private static let days = Mutex<[String: (day: CalendarDate, span: Range<Date>)]>([:])

    /// The last day of a window that ends at `closesAt` (the day before, if it ends at midnight).
    public static func lastDay(closesAt: Date, timeZone: String) -> CalendarDate {
        day(of: closesAt.addingTimeInterval(-1), timeZone: timeZone)
    }
}
