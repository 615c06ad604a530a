import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

@Suite("The guide to school connectedness")
struct AboutPagesTests {
    static let pages = [SiteURL.about, .aboutWhy, .aboutStrategies, .aboutGettingStarted, .aboutTopics] + Strategy.allCases.map(SiteURL.aboutStrategy)

    @Test("a visitor who is not signed in reads every page of it, in English and in French, and the landing page leads there")
    func publicInBothLanguages() async throws {
        try await TestApp.run { client, _ in
            let home = try await client.execute(uri: "/?lang=fr", method: .get) { $0.text }
            #expect(home.contains(#"href="/about""#) && home.contains("Lire sur la connexion à l’école"))
            for page in Self.pages {
                for language in BelongCore.Language.interface {
                    try await client.execute(uri: page.path + "?lang=\(language.code)", method: .get) { response in
                        #expect(response.status == .ok, "\(page.path) in \(language.code)")
                        #expect(response.text.contains(#"<html lang="\#(language.code)">"#))
                        #expect(EveryPageTests.missing(in: response.text).isEmpty, "\(page.path) in \(language.code)")
                    }
                }
            }
        }
    }

    @Test("each strategy's page says what it means, what it looks like and what Belong does for it, and marks where the reader is")
    func strategyPages() async throws {
        try await TestApp.run { client, _ in
            let page = try await client.execute(uri: SiteURL.aboutStrategy(.relationships).path, method: .get) { $0.text }
            #expect(page.contains("<h1>Trusting and caring relationships</h1>"))
            #expect(page.contains("every student with no connection is matched with a named adult"))
            #expect(page.contains("at least one adult at school they can talk to"), "what Belong measures for it today")
            #expect(page.contains(#"<a href="/about/strategies" aria-current="page">"#))
            #expect(page.contains(#"href="/about/topics#topic-relationships""#))
            let family = try await client.execute(uri: SiteURL.aboutStrategy(.familyInvolvement).path + "?lang=fr", method: .get) { $0.text }
            #expect(family.contains("<h1>La participation des familles</h1>"))
            #expect(family.contains("Les parents ont, eux aussi, des occasions d’apprendre."), "a sixth practice where the strategy has six")
            try await client.execute(uri: "/about/strategies/courage", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("the topics name the experts the seed names, and the only links out are organisations' own home pages")
    func topicsAndLinks() async throws {
        try await TestApp.run { client, _ in
            let topics = try await client.execute(uri: SiteURL.aboutTopics.path, method: .get) { $0.text }
            for expert in Strategy.allCases.flatMap(\.experts) { #expect(topics.contains("<strong>\(expert.name)</strong>")) }
            #expect(topics.contains(#"id="topic-social-emotional-learning""#))
            #expect(topics.contains("14 minutes, 2014"))
            let allowed: Set<String> = ["https://www.jcsh-cces.ca/", "https://www.cdc.gov/", "https://www.oecd.org/",
                                        "https://www.canada.ca/en/public-health.html", "https://www.canada.ca/fr/sante-publique.html"]
            for page in Self.pages {
                for language in BelongCore.Language.interface {
                    let html = try await client.execute(uri: page.path + "?lang=\(language.code)", method: .get) { $0.text }
                    let outside = html.matches(of: /href="(https?:[^"]+)"/).map { String($0.1) }
                    #expect(Set(outside).isSubset(of: allowed), "\(page.path): \(outside)")
                }
            }
        }
    }

    @Test("a signed-in reader is sent on to their dashboard, a visitor to sign in")
    func wayOn() async throws {
        try await TestApp.run { client, database in
            let visitor = try await client.execute(uri: SiteURL.aboutStrategies.path, method: .get) { $0.text }
            #expect(visitor.contains(#"href="/signin?next=/dashboard""#))
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let signedIn = try await admin.get(SiteURL.aboutStrategies.path).text
            #expect(signedIn.contains(#"<p class="guide__staff"><a href="/dashboard">"#))
        }
    }
}
