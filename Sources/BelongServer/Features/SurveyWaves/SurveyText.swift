import BelongCore
import Foundation

/// How a wave is described in words, the same on every page that lists it.
enum SurveyText {
    static func respondents(_ respondents: SurveyWave.Respondents, _ t: Localizer) -> String {
        switch respondents {
        case .students(let from, let to): t("surveys.who.students", ["from": t.grade(from), "to": t.grade(to)])
        case .staff: t("surveys.who.staff")
        case .families: t("surveys.who.families")
        }
    }

    static func day(_ date: CalendarDate, _ t: Localizer) -> String {
        let components = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: date.year, month: date.month, day: date.day)
        guard let moment = components.date else { return date.description }
        return firstOfMonth(moment.formatted(Date.FormatStyle(date: .long, time: .omitted, timeZone: TimeZone(identifier: "UTC")!)
            .locale(Locale(identifier: t.language == .french ? "fr_CA" : "en_CA"))), t)
    }

    /// A moment as a person reads it, in the wave's time zone: "December 2, 2026, 2:30 p.m.".
    static func moment(_ date: Date, timeZone: String, _ t: Localizer) -> String {
        firstOfMonth(date.formatted(Date.FormatStyle(date: .long, time: .shortened, timeZone: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!)
            .locale(Locale(identifier: t.language == .french ? "fr_CA" : "en_CA"))), t)
    }

    /// French writes the first of the month as an ordinal, "1er octobre", which the formatter leaves as "1 octobre".
    private static func firstOfMonth(_ text: String, _ t: Localizer) -> String {
        t.language == .french && text.hasPrefix("1 ") ? "1er " + text.dropFirst(2) : text
    }

    /// "November 2, 2026 to November 20, 2026": the first and the last day, in the wave's time zone.
    static func window(_ wave: SurveyWave, _ t: Localizer) -> String {
        t("surveys.window", [
            "from": day(SurveyWindow.day(of: wave.opensAt, timeZone: wave.timeZone), t),
            "to": day(SurveyWindow.lastDay(closesAt: wave.closesAt, timeZone: wave.timeZone), t),
        ])
    }

    static func status(_ wave: SurveyWave, now: Date, _ t: Localizer) -> String {
        t("surveys.status.\(wave.status(at: now).rawValue)")
    }

    /// The form field a wave rule is about, for the error summary's links.
    static func field(for problem: WaveRules.Problem) -> String {
        switch problem {
        case .titleMissing: "title"
        case .noSchools: "schools"
        case .windowBackwards: "closes"
        case .minimumTooSmall: "minimumN"
        case .tooManyCustomItems: "custom-0-en"
        case .noLanguage, .languageNotInInstrument, .customItemsNotTranslated: "languages"
        case .instrumentAudience, .adultPickNeedsConfidential: "instrument"
        case .gradesBackwards: "gradeTo"
        }
    }

    /// A school's name made safe for a download's file name.
    static func fileName(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return String(folded.map { $0.isLetter || $0.isNumber ? $0 : "-" }).split(separator: "-").joined(separator: "-")
    }
}
