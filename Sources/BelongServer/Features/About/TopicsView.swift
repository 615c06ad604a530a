import BelongCore
import Plot

/// Taking action, topic by topic (one per strategy): the people to learn from, and the research summaries behind the strategies.
enum TopicsView {
    /// The order the seed lists the topics in.
    static let order: [Strategy] = [.socialEmotionalLearning, .relationships, .familyInvolvement, .teachingAndLearning, .professionalLearning, .schoolLeadership]
    static let research = ["evidence", "setting", "toolkit", "cdc", "oecd"]
    /// Organisations' own home pages: the only links the guide gives, each an address certain to be theirs.
    static func organizations(_ language: BelongCore.Language) -> [(key: String, url: String)] {
        [("jcsh", "https://www.jcsh-cces.ca/"), ("cdc", "https://www.cdc.gov/"), ("oecd", "https://www.oecd.org/"),
         ("phac", language == .french ? "https://www.canada.ca/fr/sante-publique.html" : "https://www.canada.ca/en/public-health.html")]
    }

    static func render(_ model: AboutViewModel) -> HTML {
        let t = model.chrome.t
        return Layout.page(model.chrome, main: .group(
            AboutGuide.navigation(current: "topics", t),
            .h1(.text(t("about.topics.heading"))),
            .p(.class("lead"), .text(t("about.topics.lead"))),
            .forEach(order) { strategy in
                .section(
                    .id("topic-\(strategy.rawValue)"), .class("rule"), .attribute(named: "aria-labelledby", value: "topic-\(strategy.rawValue)-heading"),
                    .h2(.id("topic-\(strategy.rawValue)-heading"), .text(t("about.topic.\(strategy.rawValue)"))),
                    .p(.text(t("about.strategy.\(strategy.rawValue).short"))),
                    .if(!strategy.experts.isEmpty, .group(
                        .h3(.text(t("about.topics.experts"))),
                        .ul(.class("plain-list"), .forEach(strategy.experts) { expert in
                            .li(.strong(.text(expert.name)), .text(" — "), .text(t("about.expert.\(expert.id)")))
                        })
                    )),
                    .if(strategy == .socialEmotionalLearning, .p(.text(t("about.topics.teenageBrain")))),
                    .p(.a(.href(SiteURL.aboutStrategy(strategy).path),
                          .text(t("about.topics.strategyLink", ["strategy": t("about.strategy.\(strategy.rawValue).name")]))))
                )
            },
            .section(
                .class("rule"), .attribute(named: "aria-labelledby", value: "research-heading"),
                .h2(.id("research-heading"), .text(t("about.topics.researchHeading"))),
                .ul(.class("plain-list"), .forEach(research) { .li(.text(t("about.topics.research.\($0)"))) }),
                .h3(.text(t("about.topics.sources"))),
                .ul(.class("link-list"), .forEach(organizations(t.language)) { organization in
                    .li(.a(.href(organization.url), .attribute(named: "rel", value: "noopener"),
                           .text(t("about.topics.sourceLink", ["organization": t("about.organization.\(organization.key)")]))))
                })
            ),
            AboutGuide.staffLink(signedIn: model.signedIn, t)
        ))
    }
}
