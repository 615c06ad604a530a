import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("Results pages as HTML")
struct ResultsViewSnapshotTests {
    @Test("the list of waves a principal may read", arguments: BelongCore.Language.interface)
    func list(language: BelongCore.Language) {
        let wave = UUID(uuidString: "00000000-0000-4000-8000-0000000000f1")!
        let model = ResultsListViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "results.list.title", path: "/results", visitor: PageSnapshots.principal),
            rows: [.init(title: "Spring check-in", who: "Grades 4–12", window: "2026-04-06 – 2026-04-24", status: "Closed", district: nil,
                         schools: [("North Elementary", SiteURL.schoolResults(wave: wave, school: PageSnapshots.north).path)])]
        )
        PageSnapshots.check(ResultsListView.render(model), named: language.code, feature: "Results")
    }
}
