import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import BelongServer

@Suite("Signing in and out")
struct SignInTests {
    /// Runs `test` against an app with the fixture district loaded.
    static func withFixture(_ test: @escaping @Sendable (TestBrowser, Fixture, Database) async throws -> Void) async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            try await test(TestBrowser(client), fixture, database)
        }
    }

    @Test("a right password signs in, with a fresh HttpOnly session cookie, and lands on the dashboard")
    func signIn() async throws {
        try await Self.withFixture { browser, fixture, _ in
            let email = fixture.emails[.schoolAdministrator]!
            let page = try await browser.get("/signin")
            #expect(page.status == .ok)
            let planted = "attacker-chosen-session"
            let result = try await browser.post("/signin", form: [("email", email), ("password", Fixture.password)],
                                                headers: [.cookie: "belong_session=\(planted); belong_visitor=\(browser.cookies["belong_visitor"]!)"])
            #expect(result.status == .seeOther)
            #expect(result.location == "/dashboard")
            let setCookie = result.headers[values: .setCookie].first { $0.hasPrefix("belong_session=") }
            let cookie = try #require(setCookie)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains(planted), "the session id is new at every sign-in")
            let dashboard = try await browser.get("/dashboard")
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("North Elementary"))
            #expect(dashboard.text.contains(email))
        }
    }

    @Test("the session cookie is Secure when the request came over TLS")
    func secureCookie() async throws {
        try await Self.withFixture { browser, fixture, _ in
            try await browser.get("/signin")
            let result = try await browser.post("/signin", form: [("email", fixture.emails[.staff]!), ("password", Fixture.password)],
                                                headers: [.init("X-Forwarded-Proto")!: "https"])
            let cookie = try #require(result.headers[values: .setCookie].first { $0.hasPrefix("belong_session=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test("a wrong password and an unknown email get the same answer")
    func sameRefusal() async throws {
        try await Self.withFixture { browser, fixture, _ in
            try await browser.get("/signin")
            let wrong = try await browser.post("/signin", form: [("email", fixture.emails[.staff]!), ("password", "not the password")])
            let unknown = try await browser.post("/signin", form: [("email", "nobody@lakeside.example"), ("password", "not the password")])
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            let message = "That email address and password do not match an account."
            #expect(wrong.text.contains(message))
            #expect(unknown.text.contains(message))
            #expect(browser.cookies["belong_session"] == nil)
        }
    }

    @Test("five wrong passwords lock the address for fifteen minutes, even the right password; unknown addresses lock alike")
    func lockout() async throws {
        try await Self.withFixture { browser, fixture, database in
            try await browser.get("/signin")
            let email = fixture.emails[.staff]!
            for attempt in 1...5 {
                let page = try await browser.post("/signin", form: [("email", email), ("password", "guess \(attempt)")])
                #expect(page.status == (attempt < 5 ? .unauthorized : .tooManyRequests))
            }
            let locked = try await browser.post("/signin", form: [("email", email), ("password", Fixture.password)])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("signing in is paused for 15 minutes"))
            #expect(browser.cookies["belong_session"] == nil)

            for attempt in 1...5 {
                _ = try await browser.post("/signin", form: [("email", "ghost@lakeside.example"), ("password", "guess \(attempt)")])
            }
            let ghost = try await browser.post("/signin", form: [("email", "ghost@lakeside.example"), ("password", "x")])
            #expect(ghost.status == .tooManyRequests, "the lock looks the same whether or not the account exists")

            let actions = try await AuditStore(database: database).events(.init(action: .signInLocked)).total
            #expect(actions >= 2)
        }
    }

    @Test("a success resets the failure count")
    func successResets() async throws {
        try await Self.withFixture { browser, fixture, _ in
            try await browser.get("/signin")
            let email = fixture.emails[.analyst]!
            for attempt in 1...4 {
                _ = try await browser.post("/signin", form: [("email", email), ("password", "guess \(attempt)")])
            }
            let ok = try await browser.post("/signin", form: [("email", email), ("password", Fixture.password)])
            #expect(ok.status == .seeOther)
            try await browser.post("/signout", form: [])
            try await browser.get("/signin")
            for attempt in 1...4 {
                let page = try await browser.post("/signin", form: [("email", email), ("password", "guess \(attempt)")])
                #expect(page.status == .unauthorized, "four fresh failures do not lock")
            }
        }
    }

    @Test("the lock expires after fifteen minutes")
    func lockExpires() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        var record: SignInThrottle.Record?
        for _ in 1...5 { record = SignInThrottle.recordingFailure(record, rule: SignInThrottle.perAccount, now: start) }
        #expect(SignInThrottle.lockedUntil(record, now: start.addingTimeInterval(14 * 60)) != nil)
        #expect(SignInThrottle.lockedUntil(record, now: start.addingTimeInterval(15 * 60 + 1)) == nil)
        let after = SignInThrottle.recordingFailure(record, rule: SignInThrottle.perAccount, now: start.addingTimeInterval(16 * 60))
        #expect(after.failures == 1 && after.lockedUntil == nil, "a new window starts after the lock")
    }

    @Test("signing out ends the session on the server, not just in the browser")
    func signOut() async throws {
        try await Self.withFixture { browser, fixture, database in
            try await browser.signIn(fixture.emails[.schoolTeam]!, Fixture.password)
            let token = try #require(browser.cookies["belong_session"])
            try await browser.get("/dashboard")
            let out = try await browser.post("/signout", form: [])
            #expect(out.status == .seeOther)
            #expect(browser.cookies["belong_session"] == nil)
            #expect(try await SessionStore(database: database).resume(token: token) == nil)
            #expect(try await AuditStore(database: database).events(.init(action: .signOut)).total == 1)
            let again = try await browser.get("/dashboard", headers: [.cookie: "belong_session=\(token)"])
            #expect(again.status == .seeOther)
            #expect(again.location?.hasPrefix("/signin") == true)
        }
    }

    @Test("pages that need a person send visitors to sign in and back")
    func redirectToSignIn() async throws {
        try await Self.withFixture { browser, fixture, _ in
            let page = try await browser.get("/schools/\(fixture.north.id.uuidString.lowercased())/people?q=ok")
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/signin?next=") == true)
            try await browser.get(page.location!)
            let result = try await browser.post(page.location!, form: [("email", fixture.emails[.schoolAdministrator]!), ("password", Fixture.password)])
            #expect(result.location == "/schools/\(fixture.north.id.uuidString.lowercased())/people?q=ok")
        }
    }

    @Test("a sign-in never sends the browser to another site")
    func noOpenRedirect() async throws {
        try await Self.withFixture { browser, fixture, _ in
            let hostile = [
                "//evil.example/x", "https://evil.example", "/\\evil.example", "/\t/evil.example/phish", "/\n/evil.example", "/\r\n//evil.example",
                "/dashboard//evil.example", "/\u{0B}/evil.example", "/\u{85}/evil.example", "/\u{2028}/evil.example", "/nowhere/at/all",
                "/results/../../evil", "/results/../evil", "javascript:alert(1)", "",
            ]
            for next in hostile {
                let browser = TestBrowser(browser.client)
                try await browser.get("/signin")
                let result = try await browser.post("/signin?next=\(TestBrowser.encode(next))", form: [("email", fixture.emails[.staff]!), ("password", Fixture.password)])
                #expect(result.location == "/dashboard", "\(next.debugDescription)")
                // Signed in already, the sign-in page sends the browser on at once: the same rule holds.
                let again = try await browser.get("/signin?next=\(TestBrowser.encode(next))")
                #expect(again.location == "/dashboard", "\(next.debugDescription)")
            }
            let people = "/schools/\(fixture.north.id.uuidString.lowercased())/people"
            let signedIn = TestBrowser(browser.client)
            try await signedIn.signIn(fixture.emails[.schoolAdministrator]!, Fixture.password)
            #expect(try await signedIn.get("/signin?next=\(TestBrowser.encode(people + "?q=Zoë Lee"))").location == people + "?q=Zo%C3%AB%20Lee")
            #expect(try await signedIn.get("/signin?next=\(TestBrowser.encode("/surveys"))").location == "/surveys")
        }
    }

    @Test("changing a password checks the current one and the rules, and signs out other browsers")
    func changePassword() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let email = fixture.emails[.staff]!
            let first = TestBrowser(client), second = TestBrowser(client)
            try await first.signIn(email, Fixture.password)
            try await second.signIn(email, Fixture.password)
            try await first.get("/account/password")
            let weak = try await first.post("/account/password", form: [("current", Fixture.password), ("new", "password123"), ("confirm", "password123")])
            #expect(weak.status == .badRequest)
            #expect(weak.text.contains("too easy to guess"))
            let wrong = try await first.post("/account/password", form: [("current", "nope"), ("new", "a much longer phrase"), ("confirm", "a much longer phrase")])
            #expect(wrong.text.contains("current password is not right"))
            let ok = try await first.post("/account/password", form: [("current", Fixture.password), ("new", "a much longer phrase"), ("confirm", "a much longer phrase")])
            #expect(ok.status == .seeOther)
            #expect(try await first.get("/dashboard").status == .ok)
            #expect(try await second.get("/dashboard").status == .seeOther, "the other browser was signed out")
            let fresh = TestBrowser(client)
            #expect(try await fresh.signIn(email, "a much longer phrase").location == "/dashboard")
            #expect(try await AuditStore(database: database).events(.init(action: .passwordChanged)).total == 1)
        }
    }

    @Test("a one-time password must be changed before anything else")
    func oneTimePassword() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let administration = UserAdministration(database: database, hasher: PasswordHasher(cost: 4))
            let temporary = try await administration.resetPassword(email: fixture.emails[.analyst]!, by: .commandLine)
            let browser = TestBrowser(client)
            let result = try await browser.signIn(fixture.emails[.analyst]!, temporary)
            #expect(result.location == "/account/password")
            let elsewhere = try await browser.get("/dashboard")
            #expect(elsewhere.location == "/account/password")
            try await browser.get("/account/password")
            try await browser.post("/account/password", form: [("current", temporary), ("new", "my own long password"), ("confirm", "my own long password")])
            #expect(try await browser.get("/dashboard").status == .ok)
        }
    }
}

@Suite("Forged forms")
struct FormProtectionTests {
    @Test("a form without its token, or with another browser's, is refused and changes nothing")
    func missingOrForeignToken() async throws {
        try await SignInTests.withFixture { browser, fixture, database in
            try await browser.get("/signin")
            let none = try await browser.post("/signin", form: [("email", fixture.emails[.staff]!), ("password", Fixture.password)], token: .some(nil))
            #expect(none.status == .forbidden)
            #expect(none.text.contains("did not come from Belong"))

            let other = TestBrowser(browser.client)
            try await other.get("/signin")
            let foreign = try await browser.post("/signin", form: [("email", fixture.emails[.staff]!), ("password", Fixture.password)], token: .some(other.formToken))
            #expect(foreign.status == .forbidden)
            #expect(try await AuditStore(database: database).events(.init(action: .signIn)).total == 0)
        }
    }

    @Test("a signed-in person's forms need the token of their session")
    func sessionBoundToken() async throws {
        try await SignInTests.withFixture { browser, fixture, _ in
            try await browser.get("/signin")
            let anonymousToken = try #require(browser.formToken)
            try await browser.signIn(fixture.emails[.staff]!, Fixture.password)
            let refused = try await browser.post("/signout", form: [], token: .some(anonymousToken))
            #expect(refused.status == .forbidden)
            try await browser.get("/dashboard")
            let accepted = try await browser.post("/signout", form: [])
            #expect(accepted.status == .seeOther)
        }
    }

    @Test("a browser that says the form came from another site is refused")
    func crossSite() async throws {
        try await SignInTests.withFixture { browser, fixture, _ in
            try await browser.get("/signin")
            let page = try await browser.post("/signin", form: [("email", fixture.emails[.staff]!), ("password", Fixture.password)],
                                              headers: [.init("Sec-Fetch-Site")!: "cross-site"])
            #expect(page.status == .forbidden)
        }
    }
}

@Suite("Client addresses behind a proxy")
struct ProxyTests {
    @Test("with BELONG_TRUST_PROXY the audit log names the client, not the proxy; without it, the header is ignored")
    func forwardedFor() async throws {
        for trust in [true, false] {
            try await TestApp.run(configure: { $0.trustProxy = trust }) { client, database in
                let fixture = try await Fixture.make(on: database)
                let browser = TestBrowser(client)
                try await browser.get("/signin")
                _ = try await browser.post("/signin", form: [("email", fixture.emails[.staff]!), ("password", "wrong")],
                                           headers: [.init("X-Forwarded-For")!: "203.0.113.9, 198.51.100.7"])
                let event = try #require(try await AuditStore(database: database).events(.init(action: .signInFailed)).events.first)
                #expect((event.ip == "198.51.100.7") == trust)
            }
        }
    }
}
