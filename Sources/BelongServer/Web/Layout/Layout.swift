import BelongCore
import Plot

/// The frame around every page: skip link, header with navigation and language switch, main, footer.
enum Layout {
    static func page(_ chrome: PageChrome, main: Node<HTML.BodyContext>) -> HTML {
        HTML(
            .attribute(named: "lang", value: chrome.language.code),
            .if(chrome.language.isRightToLeft, .attribute(named: "dir", value: "rtl")),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Plot's .title() also writes social-network meta tags; a school's pages need none.
                .element(named: "title", text: "\(chrome.title) · \(chrome.t("site.name"))"),
                .meta(.name("description"), .content(chrome.t("site.tagline"))),
                .link(.rel(.stylesheet), .href(Assets.stylesheet)),
                .forEach(chrome.stylesheets) { .link(.rel(.stylesheet), .href($0)) },
                .link(.rel(.icon), .href(Assets.favicon), .type("image/svg+xml"))
            ),
            .body(
                .a(.class("skip-link"), .href("#main"), .text(chrome.t("site.skip"))),
                header(chrome),
                .main(.id("main"), .attribute(named: "tabindex", value: "-1"), main),
                footer(chrome),
                .forEach(chrome.scripts) { .script(.src($0), .defer()) }
            )
        )
    }

    private static func header(_ chrome: PageChrome) -> Node<HTML.BodyContext> {
        .header(
            .class("site-header"),
            .div(
                .class("site-header__inner"),
                .a(
                    .class("brand"), .href(SiteURL.home.path),
                    .span(.class("brand__mark"), .attribute(named: "aria-hidden", value: "true")),
                    .span(.class("brand__name"), .text(chrome.t("site.name")))
                ),
                .if(!chrome.navigation.isEmpty, .nav(
                    .class("site-nav"), .ariaLabel(chrome.t("site.navigation")),
                    .ul(.forEach(chrome.navigation) { item in
                        .li(.a(
                            .href(item.url),
                            .if(item.isCurrent, .attribute(named: "aria-current", value: "page")),
                            .text(item.label)
                        ))
                    })
                )),
                .if(!chrome.isRespondent, .div(
                    .class("account"),
                    .unwrap(chrome.signedInAs, { email in
                        .form(
                            .class("account__signout"), .method(.post), .action(SiteURL.signOut.path),
                            Forms.csrf(chrome.formToken),
                            .span(.class("account__email"), .text(email)),
                            .button(.type(.submit), .class("link-button"), .text(chrome.t("nav.signOut")))
                        )
                    }, else: .a(.href(SiteURL.signIn(next: nil).path), .text(chrome.t("nav.signIn"))))
                )),
                .div(
                    .class("language-switch"),
                    .forEach(chrome.otherLanguages) { link in
                        .a(
                            .href(link.url),
                            .attribute(named: "lang", value: link.language.code),
                            .attribute(named: "hreflang", value: link.language.code),
                            .title(link.title),
                            .text(link.label)
                        )
                    }
                )
            )
        )
    }

    private static func footer(_ chrome: PageChrome) -> Node<HTML.BodyContext> {
        if chrome.isRespondent {
            return .footer(.class("site-footer"), .p(.text(chrome.t("survey.footer"))))
        }
        return .footer(
            .class("site-footer"),
            .p(.text(chrome.t("footer.about"))),
            .p(
                .class("site-footer__meta"),
                .text(chrome.t("footer.version", ["version": chrome.version]))
            )
        )
    }
}

/// Files under Public/, served by the file middleware rather than routes.
enum Assets {
    static let stylesheet = "/css/belong.css"
    static let favicon = "/favicon.svg"
}
