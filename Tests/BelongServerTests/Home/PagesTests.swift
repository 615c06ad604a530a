import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

@Suite("Pages, languages and errors")
struct PagesTests {
    @Test("the landing page says what Belong is, in English by default")
    func landingEnglish() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = response.text
                #expect(html.hasPrefix("<!DOCTYPE html>"))
                #expect(html.contains(#"<html lang="en">"#))
                #expect(html.contains("Every student connected to school"))
                #expect(html.contains(##"href="#main""##), "skip link")
                #expect(html.contains(#"<main id="main""#))
                #expect(html.contains(#"aria-current="page""#))
                #expect(html.contains(#"href="/?lang=fr""#))
                #expect(!html.contains("⟦"), "no missing translations")
            }
        }
    }

    @Test("?lang=fr shows the page in French and remembers the choice")
    func landingFrench() async throws {
        try await TestApp.run { client, _ in
            let cookie = try await client.execute(uri: "/?lang=fr", method: .get) { response -> String in
                let html = response.text
                #expect(html.contains(#"<html lang="fr">"#))
                #expect(html.contains("Chaque élève lié à son école"))
                #expect(html.contains("Passer au contenu principal"))
                #expect(!html.contains("⟦"))
                let setCookie = try #require(response.headers[.setCookie])
                #expect(setCookie.contains("belong_lang=fr"))
                #expect(setCookie.contains("HttpOnly"))
                return "belong_lang=fr"
            }
            try await client.execute(uri: "/privacy", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("La confidentialité dès la conception"))
            }
        }
    }

    @Test("the browser's Accept-Language is honoured when nothing was chosen")
    func acceptLanguage() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "fr-CA,fr;q=0.9,en;q=0.5"]) { response in
                #expect(response.text.contains(#"<html lang="fr">"#))
            }
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "de-DE"]) { response in
                #expect(response.text.contains(#"<html lang="en">"#))
            }
        }
    }

    @Test("the landing page shows the size of the district once people are loaded")
    func landingFigures() async throws {
        try await TestApp.run(prepare: { database in
            _ = try await DemoSeeder(database: database, today: .init(iso: "2026-11-29")!).run()
        }) { client, _ in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.text.contains("2,000 students"))
                #expect(response.text.contains("150 staff"))
            }
            try await client.execute(uri: "/?lang=fr", method: .get) { response in
                #expect(response.text.contains("2\u{202F}000 élèves"))
            }
        }
    }

    @Test("the privacy page states the minimum group size this server enforces")
    func privacy() async throws {
        try await TestApp.run(configure: { $0.minimumGroupSize = 12 }) { client, _ in
            try await client.execute(uri: "/privacy", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("at least 12 people"))
                #expect(response.text.contains("fewer than 12"))
            }
        }
    }

    @Test("an unknown address gets a 404 page in the site's frame and the reader's language")
    func notFound() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/no/such/page", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("We could not find that page"))
                #expect(response.text.contains(#"class="site-header""#))
            }
            try await client.execute(uri: "/no/such/page?lang=fr", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Nous n’avons pas trouvé cette page"))
            }
            try await client.execute(uri: "/api/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test("the stylesheet and icon are served from Public/, nothing from elsewhere")
    func staticFiles() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/css/belong.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
                #expect(response.text.contains("@media print"))
            }
            try await client.execute(uri: "/favicon.svg", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(!response.text.contains("http://"), "no third-party assets")
                #expect(!response.text.contains("https://"), "no third-party assets")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test("every page renders with no missing translation in either language", arguments: ["/", "/privacy", "/missing"])
    func everyPageTranslated(path: String) async throws {
        try await TestApp.run { client, _ in
            for language in Language.interface {
                try await client.execute(uri: "\(path)?lang=\(language.code)", method: .get) { response in
                    #expect(!response.text.contains("⟦"), "\(path) in \(language.code)")
                    #expect(response.text.contains(#"<html lang="\#(language.code)">"#))
                }
            }
        }
    }
}

@Suite("Shipped translations")
struct ShippedTranslationTests {
    @Test("English and French have the same keys and the same placeholders")
    func consistent() throws {
        #expect(try Translations.bundled().inconsistencies() == [])
    }
}

@Suite("Server errors")
struct ServerErrorTests {
    struct Boom: Error {}

    @Test("an unexpected error becomes a 500 page with a reference and no details")
    func serverError() async throws {
        let router = Router(context: BelongRequestContext.self)
        router.add(middleware: LanguageMiddleware())
        router.add(middleware: ErrorPageMiddleware(kit: PageKit(translations: try Translations.bundled(), signer: FormTokenSigner(secret: "test"))))
        router.get("/explode") { _, _ -> String in throw Boom() }
        let app = Application(router: router, logger: TestDatabase.logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/explode", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.text.contains("Something went wrong on our side"))
                #expect(response.text.contains("Reference:"))
                #expect(!response.text.contains("Boom"))
            }
            try await client.execute(uri: "/explode?lang=fr", method: .get) { response in
                #expect(response.text.contains("Un problème est survenu de notre côté"))
            }
        }
    }
}
