import BelongCore
import Foundation
import Hummingbird
import HummingbirdCore

/// How the library writes a resource's facts, the same on every page: kind, evidence, grades, time, audiences.
enum LibraryText {
    static func kind(_ kind: Resource.Kind, _ t: Localizer) -> String { t("library.kind.\(kind.rawValue)") }

    static func evidence(_ evidence: Resource.Evidence, _ t: Localizer) -> String {
        if evidence.level == .reviewed, let review = evidence.review { return t("library.evidence.reviewedBy", ["review": review]) }
        return t("library.evidence.\(evidence.level.rawValue)")
    }

    static func grades(_ grades: ClosedRange<Grade>, _ t: Localizer) -> String {
        grades.lowerBound == grades.upperBound ? t("library.gradesOne", ["grade": t.grade(grades.lowerBound)])
            : t("library.grades", ["from": t.grade(grades.lowerBound), "to": t.grade(grades.upperBound)])
    }

    static func minutes(_ minutes: Int?, _ t: Localizer) -> String? {
        minutes.map { t("library.minutes", ["minutes": t.number($0)]) }
    }

    static func audiences(_ audiences: [Resource.Audience], _ t: Localizer) -> String {
        audiences.map { t("library.audience.\($0.rawValue)") }.joined(separator: ", ")
    }

    static func measureTitle(_ measure: String, _ t: Localizer) -> String { t("library.measureTitle.\(measure)") }

    static func language(_ code: String, _ t: Localizer) -> String {
        t.has("library.language.\(code)") ? t("library.language.\(code)") : code
    }

    /// "1.2 MB", "340 kB".
    static func size(_ bytes: Int, _ t: Localizer) -> String {
        bytes >= 1_048_576 ? "\(ResultsText.decimal(Double(bytes) / 1_048_576, t)) \(t.language == .french ? "Mo" : "MB")"
            : "\(t.number(max(1, bytes / 1024))) \(t.language == .french ? "ko" : "kB")"
    }

    /// What a school's reading says, in words and numbers (DOMAIN.md §8): why a resource is recommended.
    static func reason(_ weakness: Weakness, _ t: Localizer) -> String {
        let standing = weakness.standing
        let figure = standing.favourable
        var values = [
            "measure": t("library.measure.\(standing.measure)"),
            "audience": t("library.recommend.audience.\(standing.audience.rawValue)"),
            "value": ResultsText.percent(figure.value ?? 0, t),
            "range": figure.interval.map { ResultsText.percentRange($0, t) } ?? "",
            "n": t.number(standing.respondents),
        ]
        if let district = weakness.belowDistrict?.value { values["district"] = ResultsText.percent(district, t) }
        if let strongest = weakness.strongest {
            values["strongest"] = t("library.measure.\(strongest.measure)")
            values["strongestValue"] = ResultsText.percent(strongest.favourable.value ?? 0, t)
        }
        switch (weakness.strongest, weakness.belowDistrict) {
        case (.some, .some): return t("library.recommend.both", values)
        case (.some, nil): return t("library.recommend.lowest", values)
        default: return t(standing.measure == "trusted-adult" ? "library.recommend.trustedBelow" : "library.recommend.belowDistrict", values)
        }
    }

    /// Why a resource is recommended from the school's own self-assessment: the strategy, its score, and which rule
    /// named it.
    static func reason(_ weakness: StrategyWeakness, assessment: String, _ t: Localizer) -> String {
        t(weakness.lowest ? "library.recommend.strategyLowest" : "library.recommend.strategyUnderHalf", [
            "assessment": assessment, "strategy": t("about.strategy.\(weakness.strategy.rawValue).name"),
            "value": AssessmentParts.percent(weakness.score, t),
        ])
    }

    /// A search and its filters from a query string; values it does not know are left out rather than refused.
    static func query(_ uri: URI) -> LibraryQuery {
        let parameters = uri.queryParameters
        func value(_ name: String) -> String? {
            guard let text = parameters.get(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return String(text.prefix(200))
        }
        var query = LibraryQuery(text: String((parameters.get("q") ?? "").prefix(10_000)))
        query.strategy = value("strategy").flatMap(Strategy.init(rawValue:))
        query.measure = value("measure").flatMap { Resource.measureIds.contains($0) ? $0 : nil }
        query.audience = value("audience").flatMap(Resource.Audience.init(rawValue:))
        query.grade = value("grade").flatMap(Grade.init(code:))
        query.kind = value("kind").flatMap(Resource.Kind.init(rawValue:))
        query.evidence = value("evidence").flatMap(Resource.Evidence.Level.init(rawValue:))
        query.language = value("language").flatMap { ["en", "fr"].contains($0) ? $0 : nil }
        query.maximumMinutes = value("minutes").flatMap(Int.init).flatMap { (1...10_000).contains($0) ? $0 : nil }
        return query
    }

    /// The query string that gives `query` back (for page links and "more like this").
    static func parameters(_ query: LibraryQuery, page: Int? = nil) -> String {
        queryString([
            ("q", query.text.isEmpty ? nil : String(query.text.prefix(500))), ("strategy", query.strategy?.rawValue), ("measure", query.measure),
            ("audience", query.audience?.rawValue), ("grade", query.grade?.oneRosterCode), ("kind", query.kind?.rawValue),
            ("evidence", query.evidence?.rawValue), ("language", query.language), ("minutes", query.maximumMinutes.map(String.init)),
            ("page", page.flatMap { $0 > 1 ? String($0) : nil }),
        ])
    }
}
