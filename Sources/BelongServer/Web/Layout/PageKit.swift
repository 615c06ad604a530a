import BelongCore
import Hummingbird

/// What every page handler needs to frame a page: translations, and the signer for its forms.
struct PageKit: Sendable {
    let translations: Translations
    let signer: FormTokenSigner
    /// Every feature's navigation entries, in order.
    var navigation: [NavigationEntry] = []

    func t(_ context: BelongRequestContext) -> Localizer {
        translations.localizer(for: context.language)
    }

    func chrome(_ request: Request, _ context: BelongRequestContext, titleKey: String, titleArguments: [String: String] = [:]) -> PageChrome {
        // Survey pages (an error on one, too) show nothing but the survey: no navigation, no sign-in.
        PageChrome(
            t: t(context), titleKey: titleKey, titleArguments: titleArguments, currentPath: request.uri.description,
            visitor: context.visitor, navigation: navigation, formToken: formToken(context), isRespondent: SiteURL.isRespondent(request.uri.path)
        )
    }

    func formToken(_ context: BelongRequestContext) -> String {
        context.formBinding.map { signer.token(for: $0) } ?? ""
    }
}
