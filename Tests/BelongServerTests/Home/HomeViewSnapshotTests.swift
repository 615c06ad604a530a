import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("Home pages as HTML")
struct HomeViewSnapshotTests {
    @Test("the home page before a roster, to a visitor, and with one, to a principal", arguments: BelongCore.Language.interface)
    func home(language: BelongCore.Language) {
        let empty = HomeViewModel(chrome: PageSnapshots.chrome(language, titleKey: "home.title", path: "/"), schools: 0, students: 0, staff: 0)
        PageSnapshots.check(HomeView.render(empty), named: "empty-\(language.code)", feature: "Home")
        let district = HomeViewModel(chrome: PageSnapshots.chrome(language, titleKey: "home.title", path: "/", visitor: PageSnapshots.principal),
                                     schools: 12, students: 4_210, staff: 388)
        PageSnapshots.check(HomeView.render(district), named: "roster-\(language.code)", feature: "Home")
    }

    @Test("the privacy notice names the minimum group size", arguments: BelongCore.Language.interface)
    func privacy(language: BelongCore.Language) {
        let model = PrivacyViewModel(chrome: PageSnapshots.chrome(language, titleKey: "privacy.title", path: "/privacy"), minimumGroupSize: 10)
        PageSnapshots.check(PrivacyView.render(model), named: language.code, feature: "Home")
    }
}
