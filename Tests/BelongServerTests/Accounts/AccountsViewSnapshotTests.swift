import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("Account pages as HTML")
struct AccountsViewSnapshotTests {
    @Test("the sign-in page with a mistake, keeping the email typed", arguments: BelongCore.Language.interface)
    func signIn(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let model = SignInViewModel(chrome: PageSnapshots.chrome(language, titleKey: "signIn.title", path: "/signin?next=/results"),
                                    email: "dana@north.example", next: "/results", problem: t("signIn.refused"), notice: nil)
        PageSnapshots.check(SignInView.render(model), named: language.code, feature: "Accounts")
    }

    @Test("changing a password that must change, with the mistakes named", arguments: BelongCore.Language.interface)
    func changePassword(language: BelongCore.Language) {
        let t = PageSnapshots.translations.localizer(for: language)
        let model = ChangePasswordViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "password.title", path: "/account/password", visitor: PageSnapshots.principal),
            mustChange: true, errors: [("new", t("password.problem.tooShort", ["minimum": "10"]))], done: false
        )
        PageSnapshots.check(ChangePasswordView.render(model), named: language.code, feature: "Accounts")
    }
}
