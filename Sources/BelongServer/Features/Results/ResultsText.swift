import BelongCore
import Foundation

/// How results are written, the same on every page, export and report: percentages, intervals,
/// changes and verdicts in the reader's language, and "fewer than N" wherever a figure is withheld.
enum ResultsText {
    static func percent(_ value: Double, _ t: Localizer) -> String {
        t("results.format.percent", ["value": String(Int((value * 100).rounded()))])
    }

    static func percentRange(_ interval: Interval, _ t: Localizer) -> String {
        t("results.format.percentRange", ["lower": String(Int((interval.lower * 100).rounded())), "upper": String(Int((interval.upper * 100).rounded()))])
    }

    static func decimal(_ value: Double, digits: Int = 1, _ t: Localizer) -> String {
        let scale = pow(10, Double(digits))
        var text = String(format: "%.\(digits)f", (value * scale).rounded() / scale)
        if text == "-0.0" || text == "-0.00" { text.removeFirst() }
        if text.hasPrefix("-") { text = "−" + text.dropFirst() }
        return t.language == .french ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func signed(_ value: Double, _ t: Localizer) -> String {
        let points = Int((value * 100).rounded())
        return points > 0 ? "+\(points)" : points < 0 ? "−\(-points)" : "0"
    }

    /// "+6 points (−1 to +13)"
    static func pointsChange(_ change: Change, _ t: Localizer) -> String {
        t(abs((change.difference * 100).rounded()) == 1 ? "results.format.pointsChangeOne" : "results.format.pointsChange", ["points": signed(change.difference, t), "lower": signed(change.interval.lower, t),
                                          "upper": signed(change.interval.upper, t)])
    }

    /// "+0.2 (−0.1 to +0.4), d = 0.15", a mean's change with Welch's interval and Cohen's d.
    static func meanChange(_ change: Change, _ t: Localizer) -> String {
        func signedDecimal(_ value: Double, digits: Int = 1) -> String {
            let text = decimal(value, digits: digits, t)
            return value > 0 && text != decimal(0, digits: digits, t) ? "+" + text : text
        }
        return t("results.format.meanChange", ["change": signedDecimal(change.difference), "lower": signedDecimal(change.interval.lower),
                                               "upper": signedDecimal(change.interval.upper), "d": decimal(change.effectSize, digits: 2, t)])
    }

    static func verdict(_ verdict: Change.Verdict, _ t: Localizer) -> String {
        t("results.verdict.\(verdict.rawValue)")
    }

    static func fewerThan(_ minimum: Int, _ t: Localizer) -> String {
        t("results.fewerThan", ["n": t.number(minimum)])
    }

    /// What a withheld cell says: "fewer than N" only when that is true (DOMAIN.md §4).
    static func withheld(_ reason: Withholding?, _ minimum: Int, _ t: Localizer) -> String {
        switch reason {
        case .protectsSmallerGroup: t("results.protected")
        case .waveOpen: t("results.heldOpen")
        case .betweenReleases: t("results.heldBetween")
        case .fewerThanMinimum, nil: fewerThan(minimum, t)
        }
    }

    static func withheld<Value>(_ reported: Reported<Value>?, _ minimum: Int, _ t: Localizer) -> String {
        withheld(reported?.reason, minimum, t)
    }

    /// When a wave released in steps last released its figures, from how many responses, and what waits for
    /// the next release (or, once it is closed, what its last release could not add). Nil for a wave whose
    /// figures count every response.
    static func releaseNote(_ release: WaveRelease?, counted: Int, waiting: Int, wave: SurveyWave, _ t: Localizer) -> String? {
        guard let release else { return nil }
        if release.closing || wave.state == .closed {
            return waiting > 0 ? t("results.releasedClosed", ["left": t.number(waiting)]) : nil
        }
        let values = ["time": SurveyText.moment(release.at, timeZone: wave.timeZone, t), "count": t.number(counted), "waiting": t.number(waiting)]
        return t(waiting > 0 ? "results.released" : "results.releasedNoneWaiting", values)
    }

    /// The paragraph a withheld page shows in place of its figures.
    static func withheldNotice(_ reason: Withholding?, _ minimum: Int, _ t: Localizer) -> String {
        let key = switch reason {
        case .protectsSmallerGroup: "results.withheldProtected"
        case .waveOpen: "results.withheldOpen"
        case .betweenReleases: "results.withheldBetween"
        case .fewerThanMinimum, nil: "results.withheld"
        }
        return t(key, ["n": t.number(minimum)])
    }

    /// A percentage with its interval, or "fewer than N".
    static func proportion(_ reported: Reported<ProportionEstimate>, minimum: Int, _ t: Localizer) -> (value: String, range: String) {
        guard let estimate = reported.value, let value = estimate.value, let interval = estimate.interval else { return (withheld(reported, minimum, t), "") }
        return (percent(value, t), percentRange(interval, t))
    }

    /// A percentage and its interval in one table cell, "62% (55–69%)", or why it is withheld.
    static func proportionCell(_ reported: Reported<ProportionEstimate>, minimum: Int, _ t: Localizer) -> String {
        let (value, range) = proportion(reported, minimum: minimum, t)
        return range.isEmpty ? value : t("results.format.percentWithRange", ["value": value, "range": range])
    }

    static func mean(_ reported: Reported<MeanEstimate>, minimum: Int, _ t: Localizer) -> String {
        guard let estimate = reported.value, let mean = estimate.mean else { return withheld(reported, minimum, t) }
        guard let interval = estimate.interval else { return decimal(mean, t) }
        return t("results.format.meanRange", ["mean": decimal(mean, t), "lower": decimal(interval.lower, t), "upper": decimal(interval.upper, t)])
    }

    /// The Connectedness index's definition for this questionnaire: how many questions, how many needed, and on what scale.
    static func indexExplanation(_ layout: ResultsLayout, _ t: Localizer) -> String {
        let early = isEarlyYears(layout)
        let feelings = layout.scales.contains { ResultsLayout.feelings.contains($0.id) }
        return t(early ? "results.index.explanationEarly" : feelings ? "results.index.explanation" : "results.index.explanationScales",
                 ["items": t.number(layout.total.items.count), "needed": t.number(layout.total.minimumAnswered)])
    }

    /// Whether the questionnaire's feelings are asked with the K–3 faces (a 3-point scale).
    static func isEarlyYears(_ layout: ResultsLayout) -> Bool { layout.items.contains { $0.response == .faces3 } }

    static func scaleName(_ id: String, in instrument: Instrument, _ t: Localizer) -> String {
        if id == "total" { return t("results.total") }
        return instrument.scales.first { $0.id == id }.map { $0.name[t.language.code] ?? $0.name["en"] ?? id } ?? id
    }

    static func levelName(_ level: SchoolLevel, _ t: Localizer) -> String { t("results.level.\(level.rawValue)") }

    /// The name of a row in a breakdown.
    static func rowLabel(_ key: GroupKey, dimension: WaveResults.Dimension, schools: [UUID: String], classes: [UUID: String],
                         attributes: [String: ResultsStore.AttributeLabels], _ t: Localizer) -> String {
        switch dimension {
        case .grade: key.grade.map { t.grade($0) } ?? ""
        case .classroom: key.classId.flatMap { classes[$0] } ?? t("results.otherClass")
        case .school: key.school.flatMap { schools[$0] } ?? ""
        case .level: key.level.map { levelName($0, t) } ?? ""
        case .attribute(let attribute):
            key.value.flatMap { attributes[attribute]?.values[$0]?[t.language] } ?? key.value ?? ""
        }
    }

    static func dimensionName(_ dimension: WaveResults.Dimension, attributes: [String: ResultsStore.AttributeLabels], _ t: Localizer) -> String {
        switch dimension {
        case .grade: t("results.by.grade")
        case .classroom: t("results.by.class")
        case .school: t("results.by.school")
        case .level: t("results.by.level")
        case .attribute(let key): attributes[key]?.name[t.language] ?? key
        }
    }

    /// The same name as a column heading: "Grade".
    static func columnName(_ dimension: WaveResults.Dimension, attributes: [String: ResultsStore.AttributeLabels], _ t: Localizer) -> String {
        let name = dimensionName(dimension, attributes: attributes, t)
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    static func dimensionSlug(_ dimension: WaveResults.Dimension) -> String {
        switch dimension {
        case .grade: "grades"
        case .classroom: "classes"
        case .school: "schools"
        case .level: "levels"
        case .attribute(let key): "attribute-\(key)"
        }
    }
}
