import BelongCore
import Foundation

/// A dashboard's places in words, from their summaries: a pure function of what the summaries hold, the
/// reader's rights there and the time, so the page can be tested without a database.
enum DashboardPlaces {
    /// An open wave closing within this many days is listed under "needs attention".
    static let closingSoon: TimeInterval = 7 * 86_400

    static func lastDay(_ wave: SurveyWave, _ t: Localizer) -> String {
        SurveyText.day(SurveyWindow.lastDay(closesAt: wave.closesAt, timeZone: wave.timeZone), t)
    }

    /// A school as its principal, team or teacher sees it: `runs` and `plans` say what the reader may do there.
    static func school(_ summary: DashboardSummaries.School, role: String, links: [(label: String, url: String)], runs: Bool, plans: Bool,
                       now: Date, _ t: Localizer) -> DashboardViewModel.Place {
        let school = summary.school
        var latest: DashboardViewModel.Latest?
        var latestNote: String?
        if let found = summary.latest {
            let results = found.results
            let minimum = results.minimumN
            let heading = t("dashboard.latest.heading", ["wave": found.wave.title])
            if let figures = results.figures.value {
                let index = ResultsText.proportion(figures.index, minimum: minimum, t)
                let change = results.movement.index.flatMap { change in
                    results.previous.map { t("dashboard.latest.change", ["wave": $0.wave.title, "change": ResultsText.pointsChange(change, t),
                                                                         "verdict": ResultsText.verdict(change.verdict, t)]) }
                }
                let lowest = results.weakestScale.map {
                    t("dashboard.latest.lowest", ["feeling": ResultsText.scaleName($0.id, in: results.instrument, t),
                                                  "value": ResultsText.proportion($0.favourable, minimum: minimum, t).value])
                }
                // Only a clear difference is worth a principal's first minute; "no clear difference" stays unsaid.
                let against: String? = switch found.againstDistrict?.verdict {
                case .improved: t("dashboard.latest.higher")
                case .declined: t("dashboard.latest.lower")
                default: nil
                }
                latest = .init(heading: heading, index: index.value, range: index.range, change: change, lowest: lowest, againstDistrict: against,
                               url: SiteURL.schoolResults(wave: found.wave.id, school: school.id).path)
            } else {
                latestNote = "\(heading). \(ResultsText.withheldNotice(results.figures.reason, minimum, t))"
            }
        } else {
            latestNote = t("dashboard.latest.none")
        }
        var attention: [(text: String, url: String?)] = []
        let open: [DashboardViewModel.OpenWave] = summary.open.map { wave in
            let rate = wave.count.rate ?? 0
            if wave.wave.closesAt.timeIntervalSince(now) < Self.closingSoon {
                attention.append((t("dashboard.attention.closing", ["wave": wave.wave.title, "day": Self.lastDay(wave.wave, t), "rate": String(rate)]),
                                  runs ? SiteURL.survey(wave.wave.id).path : nil))
            }
            if runs, !wave.classesWithoutCodes.isEmpty {
                let text = wave.classesWithoutCodes.count == 1
                    ? t("dashboard.attention.noCodesOne", ["wave": wave.wave.title, "classes": wave.classesWithoutCodes[0]])
                    : t("dashboard.attention.noCodesMany", ["wave": wave.wave.title, "count": t.number(wave.classesWithoutCodes.count)])
                attention.append((text, SiteURL.survey(wave.wave.id).path + "#codes"))
            }
            let own = wave.ownClasses.map {
                t("dashboard.open.classRow", ["class": $0.title, "responded": t.number($0.count.responded), "eligible": t.number($0.count.eligible),
                                              "issued": t.number($0.count.issued)])
            }
            return .init(title: wave.wave.title,
                         participation: t("dashboard.open.participation", ["responded": t.number(wave.count.responded), "eligible": t.number(wave.count.eligible),
                                                                           "rate": String(rate), "day": Self.lastDay(wave.wave, t)]),
                         early: wave.count.eligible > 0 && rate < 50, ownClasses: own,
                         ownClassesNote: own.isEmpty || runs ? nil : t("dashboard.open.slipsFromTeam"))
        }
        if plans {
            for draft in summary.drafts { attention.append((t("dashboard.attention.draft", ["wave": draft.title]), SiteURL.survey(draft.id).path)) }
        }
        return .init(name: school.name, role: role, latest: latest, latestNote: latestNote, open: open, attention: attention,
                     moved: nil, participation: [], links: links)
    }

    /// A district as its administrators and analysts see it: the schools that moved, participation school by school.
    static func district(_ district: Organization, summary: DashboardSummaries.District, names: [UUID: String], role: String,
                         links: [(label: String, url: String)], now: Date, _ t: Localizer) -> DashboardViewModel.Place {
        var moved: (heading: String, rows: [String], none: String?)?
        if let wave = summary.wave, let previous = summary.previous {
            let rows = summary.moved.sorted { (names[$0.school] ?? "") < (names[$1.school] ?? "") }.map {
                t("dashboard.district.movedRow", ["school": names[$0.school] ?? "", "change": ResultsText.pointsChange($0.change, t),
                                                  "verdict": ResultsText.verdict($0.change.verdict, t)])
            }
            moved = (t("dashboard.district.moved", ["previous": previous.title]), rows,
                     rows.isEmpty ? t("dashboard.district.noneMoved", ["previous": previous.title, "wave": wave.title]) : nil)
        }
        let participation = summary.open.map { open in
            (caption: t("dashboard.district.participation", ["wave": open.wave.title]),
             rows: open.schools.sorted { (names[$0.id] ?? "") < (names[$1.id] ?? "") }.map { school in
                 [names[school.id] ?? "", t.number(school.total.responded), t.number(school.total.eligible),
                  school.total.rate.map { t("results.format.percent", ["value": String($0)]) } ?? "—"]
             })
        }
        let attention: [(text: String, url: String?)] = summary.open.filter { $0.wave.closesAt.timeIntervalSince(now) < Self.closingSoon }.map { open in
            let total = open.schools.reduce(ParticipationStore.Count()) { sum, school in
                .init(eligible: sum.eligible + school.total.eligible, issued: sum.issued + school.total.issued, responded: sum.responded + school.total.responded)
            }
            return (t("dashboard.attention.closing", ["wave": open.wave.title, "day": Self.lastDay(open.wave, t), "rate": String(total.rate ?? 0)]),
                    SiteURL.survey(open.wave.id).path)
        }
        return .init(name: district.name, role: role, latest: nil, latestNote: nil, open: [], attention: attention, moved: moved,
                     participation: participation, links: links)
    }
}
