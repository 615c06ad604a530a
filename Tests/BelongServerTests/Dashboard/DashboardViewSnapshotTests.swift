import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("The dashboard as HTML")
struct DashboardViewSnapshotTests {
    static func links(_ t: Localizer) -> [(label: String, url: String)] {
        [(t("dashboard.peopleAt", ["school": "North Elementary"]), SiteURL.people(school: PageSnapshots.north).path),
         (t("dashboard.surveys"), SiteURL.surveys.path), (t("nav.results"), SiteURL.results.path)]
    }

    /// North's latest results from the fixed wave, an open wave closing in five days with a class still without codes, and a draft.
    static func north() -> DashboardSummaries.School {
        let results = FixedWave.school()
        let open = SurveyWave(
            id: PageSnapshots.id(0xf9), districtId: PageSnapshots.district, title: "Winter <check-in>", instrumentId: "belong-student", instrumentVersion: 1,
            respondents: .students(from: .grade4, to: .grade5), schoolIds: [PageSnapshots.north],
            opensAt: PageSnapshots.day.addingTimeInterval(-9 * 86_400), closesAt: PageSnapshots.day.addingTimeInterval(5 * 86_400),
            timeZone: "America/Toronto", state: .open
        )
        var draft = open
        draft.id = PageSnapshots.id(0xfa)
        draft.title = "Staff check-in"
        draft.state = .draft
        let against = Change.between(ProportionEstimate(count: 20, n: 84), ProportionEstimate(count: 22, n: 48))
        return DashboardSummaries.School(
            school: results.school, latest: .init(wave: results.wave, results: results, againstDistrict: against),
            open: [.init(wave: open, count: .init(eligible: 61, issued: 45, responded: 18), classesWithoutCodes: ["5B — Mr. Singh"], ownClasses: [])],
            drafts: [draft]
        )
    }

    @Test("a principal's school: latest results, an open wave closing soon, what needs doing", arguments: BelongCore.Language.interface)
    func principal(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let place = DashboardPlaces.school(Self.north(), role: t("role.schoolAdministrator"), links: Self.links(t), runs: true, plans: true,
                                           now: PageSnapshots.day, t)
        let model = DashboardViewModel(chrome: PageSnapshots.chrome(language, titleKey: "dashboard.title", path: "/dashboard", visitor: PageSnapshots.principal),
                                       displayName: "Dana Principal", places: [place], administration: [])
        PageSnapshots.check(DashboardView.render(model), named: language.code, feature: "Dashboard")
    }

    @Test("a district administrator: schools that moved, participation by school, administration", arguments: BelongCore.Language.interface)
    func district(language: BelongCore.Language) throws {
        let t = PageSnapshots.translations.localizer(for: language)
        let north = Self.north()
        let open = try #require(north.open.first)
        let change = try #require(Change.between(ProportionEstimate(count: 10, n: 44), ProportionEstimate(count: 22, n: 48)))
        let summary = DashboardSummaries.District(
            wave: FixedWave.latest, previous: FixedWave.earlier, moved: [.init(school: PageSnapshots.north, change: change)],
            open: [(open.wave, [ParticipationStore.School(id: PageSnapshots.north, total: open.count, grades: [:], classes: []),
                                ParticipationStore.School(id: FixedWave.schools[1], total: .init(eligible: 0), grades: [:], classes: [])])]
        )
        let district = Organization(id: PageSnapshots.district, kind: .district, name: "Lakeside District")
        let place = DashboardPlaces.district(district, summary: summary, names: FixedWave.names, role: t("role.districtAdministrator"),
                                             links: [(t("nav.results"), SiteURL.results.path)], now: PageSnapshots.day, t)
        let model = DashboardViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "dashboard.title", path: "/dashboard", visitor: PageSnapshots.administrator),
            displayName: "Alex Administrator", places: [place],
            administration: [(t("nav.users"), SiteURL.users.path), (t("nav.import"), SiteURL.imports.path), (t("nav.audit"), SiteURL.audit.path)]
        )
        PageSnapshots.check(DashboardView.render(model), named: language.code, feature: "Dashboard")
    }
}
