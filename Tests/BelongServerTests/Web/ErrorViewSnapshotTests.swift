import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("Error pages as HTML")
struct ErrorViewSnapshotTests {
    @Test("a page that does not exist, and a server error with its reference", arguments: BelongCore.Language.interface)
    func errors(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let missing = ErrorViewModel(chrome: PageSnapshots.chrome(language, titleKey: "error.notFound.title", path: "/no/such/page"),
                                     heading: t("error.notFound.heading"), text: t("error.notFound.text"), reference: nil)
        PageSnapshots.check(ErrorView.render(missing), named: "not-found-\(language.code)", feature: "Web")
        let failed = ErrorViewModel(chrome: PageSnapshots.chrome(language, titleKey: "error.server.title", path: "/dashboard", visitor: PageSnapshots.principal),
                                    heading: t("error.server.heading"), text: t("error.server.text"), reference: "a1b2c3d4")
        PageSnapshots.check(ErrorView.render(failed), named: "server-\(language.code)", feature: "Web")
    }
}
