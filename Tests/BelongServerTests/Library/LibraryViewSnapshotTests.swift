import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("The library's pages as HTML")
struct LibraryViewSnapshotTests {
    static let library = try! Library.builtIn()
    static func entry(_ id: String) -> LibraryEntry { LibraryEntry(resource: library[id]!, district: nil) }
    static let own = LibraryEntry(resource: LibraryFixture.resource(id: "morning-circle-a1b2c3"), district: PageSnapshots.district)

    @Test("a search in French and in English, with a filter, the matching words marked", arguments: BelongCore.Language.interface)
    func search(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let query = LibraryQuery(text: language == .french ? "écoute" : "listening", audience: .families)
        let cards = [Self.entry("relationship-home-visits"), Self.own].map { ResourceCard($0, terms: query.terms, t) }
        let model = LibraryViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "library.title", path: "/library", visitor: PageSnapshots.principal), query: query, filtered: true,
            cards: cards, summary: t("library.search.countFor", ["total": "2", "query": query.text]), empty: false,
            page: Page(number: 1, size: 20, total: 2), manageURL: nil, link: { "/library?page=\($0)" }
        )
        PageSnapshots.check(LibraryView.render(model), named: "search-\(language.code)", feature: "Library")
    }

    @Test("a resource to a principal who tried it and shortlisted it, and to a visitor", arguments: BelongCore.Language.interface)
    func resource(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let entry = Self.entry("relationship-mapping")
        let related = ["two-by-ten", "advisory"].map { ResourceCard(Self.entry($0), terms: [], t) }
        let principal = ResourceViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "library.resource.pageTitle", titleArguments: ["title": entry.resource.title(in: language)],
                                         path: "/library/relationship-mapping", visitor: PageSnapshots.principal),
            entry: entry, file: nil, related: related, tally: LibraryController.tallyText(TrialTally(schools: 3, ratingTotal: 13), minimum: 10, t),
            schools: [.init(id: PageSnapshots.north, name: "North Elementary", onShortlist: true,
                            trial: Trial(rating: 4, note: "Done with the whole staff in September.", at: PageSnapshots.day))],
            notice: t("library.tried.saved", ["school": "North Elementary"]), problem: nil, noteLength: 500
        )
        PageSnapshots.check(ResourceView.render(principal), named: "principal-\(language.code)", feature: "Library")
        let visitor = ResourceViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "library.resource.pageTitle", titleArguments: ["title": Self.own.resource.title(in: language)],
                                         path: "/library/morning-circle-a1b2c3"),
            entry: Self.own, file: (name: "circle.pdf", mediaType: "application/pdf", bytes: 183_500), related: [],
            tally: LibraryController.tallyText(TrialTally(schools: 12, ratingTotal: 47), minimum: 10, t), schools: [], notice: nil, problem: nil, noteLength: 500
        )
        PageSnapshots.check(ResourceView.render(visitor), named: "district-own-\(language.code)", feature: "Library")
    }

    @Test("a school's shortlist, and the district's library with one resource retired and one built-in hidden", arguments: BelongCore.Language.interface)
    func lists(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let school = Organization(id: PageSnapshots.north, kind: .school, name: "North Elementary")
        let shortlist = ShortlistViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "library.shortlist.title", titleArguments: ["school": school.name],
                                         path: "/schools/\(school.id.pathSegment)/shortlist", visitor: PageSnapshots.principal),
            school: school, cards: [Self.entry("two-by-ten")].map { ResourceCard($0, terms: [], t) })
        PageSnapshots.check(ShortlistView.render(shortlist), named: "shortlist-\(language.code)", feature: "Library")
        let admin = LibraryAdminViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "library.manage.title", path: "/admin/library", visitor: PageSnapshots.administrator),
            own: [.init(id: Self.own.resource.id, title: Self.own.resource.title(in: language), kind: LibraryText.kind(.practice, t), inactive: false),
                  .init(id: "old-handout-d4e5f6", title: "Old handout", kind: LibraryText.kind(.template, t), inactive: true)],
            builtIn: ["two-by-ten", "advisory"].map { id in
                .init(id: id, title: Self.library[id]!.title(in: language), kind: LibraryText.kind(Self.library[id]!.kind, t), inactive: id == "advisory")
            },
            notice: t("library.manage.hiddenNotice", ["title": Self.library["advisory"]!.title(in: language)])
        )
        PageSnapshots.check(LibraryAdminView.render(admin), named: "manage-\(language.code)", feature: "Library")
    }

    @Test("the form for a district's resource, with the mistakes it came back with", arguments: BelongCore.Language.interface)
    func form(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        var draft = ResourceDraft(Self.own.resource)
        draft.titleFr = ""
        draft.link = "javascript:alert(1)"
        let problems: ResourceDraft.Problems
        switch draft.resource(id: "x", t) {
        case .failure(let found): problems = found
        case .success: Issue.record("the draft has mistakes"); return
        }
        let model = ResourceFormViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "library.form.editTitle", titleArguments: ["title": draft.titleEn],
                                         path: "/admin/library/morning-circle-a1b2c3", visitor: PageSnapshots.administrator),
            draft: draft, problems: problems, action: "/admin/library/morning-circle-a1b2c3", currentFile: "circle.pdf", isNew: false
        )
        PageSnapshots.check(ResourceFormView.render(model), named: "form-\(language.code)", feature: "Library")
    }

    @Test("recommendations with their reasons, and with nothing clear enough to recommend from", arguments: BelongCore.Language.interface)
    func recommendations(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let school = Organization(id: PageSnapshots.north, kind: .school, name: "North Elementary")
        let heard = MeasureStanding(measure: "heard", audience: .students, favourable: ProportionEstimate(count: 307, n: 640),
                                    district: ProportionEstimate(count: 2_440, n: 4_000), respondents: 212)
        let safe = MeasureStanding(measure: "safe", audience: .students, favourable: ProportionEstimate(count: 448, n: 640), respondents: 213)
        let weaknesses = Recommender.weaknesses([heard, safe])
        // The team rated family involvement 1 throughout and everything else 2: its lowest strategy, and under half.
        let rubric = Rubric.builtIn
        let consensus = Dictionary(uniqueKeysWithValues: rubric.indicators.map { indicator in
            (indicator.id, IndicatorRating.points(indicator.strategy == .familyInvolvement ? 1 : 2))
        })
        let strategies = StrategyWeakness.of(Scorecard(rubric: rubric, consensus: consensus))
        let assessment = SelfAssessment(id: PageSnapshots.north, schoolId: school.id, title: "Fall 2026", startedBy: nil,
                                        startedAt: Date(timeIntervalSince1970: 1_790_000_000), completedAt: Date(timeIntervalSince1970: 1_790_500_000))
        let shown = SchoolRecommendations.Shown(
            school: school, recommendations: Recommender.recommend(for: weaknesses, strategies: strategies, from: Self.library.resources, limit: 3),
            hadFigures: true, assessment: assessment)
        let model = RecommendationsViewModel(shown, shortlistURL: "/schools/\(school.id.pathSegment)/shortlist", t)
        #expect(model.items.count == 3)
        #expect(model.items.allSatisfy { !$0.reasons.isEmpty })
        #expect(model.items.contains { $0.reasons.contains { $0.contains("33") && $0.contains("Fall 2026") } })
        let none = RecommendationsViewModel(.init(school: school, recommendations: [], hadFigures: true, assessment: nil), shortlistURL: nil, t)
        let chrome = PageSnapshots.chrome(language, titleKey: "results.list.title", path: "/results", visitor: PageSnapshots.principal)
        PageSnapshots.check(Layout.page(chrome, main: RecommendationsSection.render(model, t)), named: "recommendations-\(language.code)", feature: "Library")
        PageSnapshots.check(Layout.page(chrome, main: RecommendationsSection.render(none, headingLevel: 3, t)), named: "none-\(language.code)", feature: "Library")
    }
}
