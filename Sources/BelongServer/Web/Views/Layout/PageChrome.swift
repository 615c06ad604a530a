import BelongCore

/// What every page's frame shows: title, language, navigation and the language switch.
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
    }

    let t: Localizer
    let title: String
    let navigation: [NavigationItem]
    let otherLanguages: [LanguageLink]
    let version: String

    var language: Language { t.language }

    /// - Parameters:
    ///   - currentPath: the request's path and query, to mark the current page and to switch language in place.
    init(t: Localizer, titleKey: String, currentPath: String, version: String = BelongVersion.current) {
        self.t = t
        self.title = t(titleKey)
        let path = String(currentPath.split(separator: "?", maxSplits: 1).first ?? "/")
        self.navigation = [
            NavigationItem(label: t("nav.home"), url: SiteURL.home.path, isCurrent: path == SiteURL.home.path),
            NavigationItem(label: t("nav.privacy"), url: SiteURL.privacy.path, isCurrent: path == SiteURL.privacy.path),
        ]
        self.otherLanguages = Language.allCases.filter { $0 != t.language }.map { other in
            LanguageLink(language: other, label: other.endonym, url: SiteURL.switching(currentPath, to: other))
        }
        self.version = version
    }
}
