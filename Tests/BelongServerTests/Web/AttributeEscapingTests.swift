import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import BelongServer

/// Issue #13: Plot writes attribute values as they are, so a quote in a name or a search closed the
/// attribute and let markup in (a `<meta http-equiv="refresh">` sent a principal to another site).
@Suite("Attribute values are escaped")
struct AttributeEscapingTests {
    /// Markup that must never reach a page as markup: in text and in attributes alike it has to arrive
    /// as character references.
    static let hostile = #"x"' ><meta http-equiv="refresh" content="0;url=//evil.example/x"><i data-pwn>&"#
    static func injected(_ html: String) -> Bool { html.contains("<meta http-equiv=\"refresh\"") || html.contains("<i data-pwn") }

    @Test("every attribute modifier a view can use writes & \" ' < > as character references")
    func everyModifier() {
        let h = Self.hostile
        let html = AttributeText.specimen(h)
        #expect(!Self.injected(html))
        // Each of the 26 attribute values arrives whole, its quotes as references.
        #expect(html.components(separatedBy: #"="x&quot;&#39; &gt;&lt;meta"#).count - 1 == 26, "\(html)")
        #expect(html.contains("x&quot;&#39; &gt;&lt;meta http-equiv=&quot;refresh&quot;"))
        #expect(AttributeText.escape("/s?a=1&b=2") == "/s?a=1&amp;b=2")
        #expect(AttributeText.escape("Café 5e année") == "Café 5e année")
    }

    @Test("every page, with hostile names from an import, hostile searches, codes, emails and token names, in both languages")
    func everyPageWithHostileInput() async throws {
        let h = Self.hostile
        try await TestApp.run(prepare: { database in
            _ = try await DemoSeeder(database: database, today: .init(iso: "2026-11-29")!, hasher: PasswordHasher(cost: 4)).run()
            try await database.write { db in
                for (table, column) in [("organizations", "name"), ("classes", "title"), ("students", "given_name"), ("staff_members", "given_name"),
                                        ("family_contacts", "given_name"), ("user_accounts", "display_name"), ("survey_waves", "title"),
                                        ("academic_sessions", "title"), ("grouping_values", "label_en"), ("grouping_values", "label_fr"),
                                        ("grouping_attributes", "label_en"), ("grouping_attributes", "label_fr")] {
                    try await db.raw("UPDATE \(ident: table) SET \(ident: column) = \(ident: column) || \(bind: h)").run()
                }
            }
        }) { client, database in
            let admin = try await Self.demoAdministrator(client, database)
            // What a person types, sent back to them on the page that answers.
            let users = try await admin.get("/admin/tokens")
            let someone = try #require(users.text.range(of: #"<option value=""#).map { String(users.text[$0.upperBound...].prefix(36)) })
            let created = try await admin.post("/admin/tokens", form: [("name", h), ("user", someone)])
            #expect(created.status == .created)
            let anonymous = TestBrowser(client)
            _ = try await anonymous.get("/signin")
            for page in [try await anonymous.post("/signin", form: [("email", h), ("password", "wrong")]),
                         try await anonymous.post("/s", form: [("code", h)]), try await anonymous.get("/s?code=\(TestBrowser.encode(h))"),
                         try await admin.post("/admin/users", form: [("email", "x@y.example"), ("name", h), ("role", "staff"), ("place", "")]),
                         try await admin.post("/surveys", form: [("title", h)])] {
                #expect(page.status.code < 500)
                #expect(!Self.injected(page.text), "\(page.text.prefix(300))")
            }
            // Every page the administrator can reach from the dashboard, with a hostile search on each.
            var queue = ["/dashboard", "/"], seen = Set(queue), visited = 0, shapes: [String: Int] = [:]
            while let path = queue.first, visited < 400 {
                queue.removeFirst()
                visited += 1
                if ProcessInfo.processInfo.environment["BELONG_PRINT_CRAWL"] != nil { print("crawl", path) }
                for language in Language.interface {
                    let separator = path.contains("?") ? "&" : "?"
                    let page = try await admin.get("\(path)\(separator)lang=\(language.code)&q=\(TestBrowser.encode(h))")
                    #expect(page.status.code < 500, "\(path)")
                    guard page.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                    #expect(!Self.injected(page.text), "\(path) in \(language.code) lets markup in")
                    for link in Self.links(in: page.text) where !seen.contains(link) {
                        seen.insert(link)
                        // A few of each kind of page (one student's page stands for all of them).
                        let shape = Self.shape(of: link)
                        shapes[shape, default: 0] += 1
                        if shapes[shape]! <= 3 { queue.append(link) }
                    }
                }
            }
            #expect(visited > 40, "the crawl reached only \(visited) pages")
            print("hostile crawl: \(visited) pages in both languages")
        }
    }

    /// Same-site links to follow: pages, not signing out, downloads or print views already covered.
    static func links(in html: String) -> [String] {
        html.components(separatedBy: #"href=""#).dropFirst().compactMap { part in
            guard let end = part.firstIndex(of: "\"") else { return nil }
            let link = String(part[..<end]).replacingOccurrences(of: "&amp;", with: "&")
            guard link.hasPrefix("/"), !link.hasPrefix("//"), !link.hasPrefix("/css"), !link.hasPrefix("/signout"), !link.contains("lang=") else { return nil }
            return link.components(separatedBy: "#")[0]
        }
    }

    static func shape(of link: String) -> String {
        link.replacingOccurrences(of: "[0-9a-f]{8}-[0-9a-f-]{27}", with: "{id}", options: .regularExpression)
            .replacingOccurrences(of: "=[^&]*", with: "=", options: .regularExpression)
    }

    /// The demo's district administrator, with a password the test knows.
    static func demoAdministrator(_ client: any TestClientProtocol, _ database: Database) async throws -> TestBrowser {
        let accounts = try await AccountStore(database: database).list()
        let email = try #require(accounts.first { $0.grants.contains { $0.role == .districtAdministrator } }?.email)
        let hash = try await PasswordHasher(cost: 4).hash(Fixture.password)
        try await database.write { db in
            try await db.update("user_accounts").set("password_hash", to: SQLBind(hash)).set("must_change_password", to: SQLBind(false))
                .where("email", .equal, SQLBind(email)).run()
        }
        let browser = TestBrowser(client)
        try await browser.signIn(email, Fixture.password)
        return browser
    }
}
