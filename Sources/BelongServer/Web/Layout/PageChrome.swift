import BelongCore

/// What every page's frame shows: title, language, navigation, who is signed in, the language switch.
struct PageChrome: Sendable {
    struct NavigationItem: Sendable {
        let label: String
        let url: String
        let isCurrent: Bool
    }

    struct LanguageLink: Sendable {
        let language: Language
        let label: String
        let url: String
        /// "Read this page in …", in the language it leads to.
        var title: String = ""
    }

    let t: Localizer
    let title: String
    let navigation: [NavigationItem]
    var otherLanguages: [LanguageLink]
    let version: String
    /// The signed-in person's email, for the header; nil when nobody is signed in.
    let signedInAs: String?
    /// The token every form on the page carries.
    let formToken: String
    /// Survey pages: no site navigation or sign-in, nothing but the survey.
    let isRespondent: Bool
    /// Scripts that enhance the page (it works without them).
    var scripts: [String] = []
    /// Extra stylesheets, such as the paper size of printed code slips.
    var stylesheets: [String] = []

    var language: Language { t.language }

    /// - Parameters:
    ///   - currentPath: the request's path and query, to mark the current page and to switch language in place.
    init(
        t: Localizer, titleKey: String, titleArguments: [String: String] = [:], currentPath: String, visitor: Visitor? = nil, navigation: [NavigationEntry] = [],
        formToken: String = "", version: String = BelongVersion.current, isRespondent: Bool = false
    ) {
        self.isRespondent = isRespondent
        self.t = t
        self.title = t(titleKey, titleArguments)
        let path = String(currentPath.split(separator: "?", maxSplits: 1).first ?? "/")
        let shown = isRespondent ? [] : navigation.filter { $0.isShown(to: visitor) }
        self.navigation = shown.map { NavigationItem(label: t($0.labelKey), url: $0.link, isCurrent: path == $0.link) }
        self.otherLanguages = Language.interface.filter { $0 != t.language }.map { other in
            LanguageLink(language: other, label: other.endonym, url: SiteURL.switching(currentPath, to: other), title: t("site.switchTo"))
        }
        self.version = version
        self.signedInAs = isRespondent ? nil : visitor?.account.email
        self.formToken = formToken
    }
}
