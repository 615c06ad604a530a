import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import BelongServer

@Suite("District administration and the audit log")
struct AdministrationTests {
    static func admin(_ client: any TestClientProtocol, _ fixture: Fixture) async throws -> TestBrowser {
        let browser = TestBrowser(client)
        try await browser.signIn(fixture.emails[.districtAdministrator]!, Fixture.password)
        return browser
    }

    @Test("an administrator creates a principal for one school, who then cannot see another school's people")
    func principalScopedToSchool() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await Self.admin(client, fixture)
            try await admin.get("/admin/users")
            let created = try await admin.post("/admin/users", form: [
                ("email", "New.Principal@Lakeside.example"), ("name", "Joy Sandhu"), ("role", "schoolAdministrator"),
                ("place", fixture.north.id.uuidString.lowercased()),
            ])
            #expect(created.status == .created)
            let password = try #require(Self.oneTimePassword(in: created.text))
            #expect(created.text.contains("new.principal@lakeside.example"))

            let principal = TestBrowser(client)
            let first = try await principal.signIn("new.principal@lakeside.example", password)
            #expect(first.location == "/account/password", "a one-time password must be replaced first")
            try await principal.get("/account/password")
            try await principal.post("/account/password", form: [("current", password), ("new", "joy's own long secret"), ("confirm", "joy's own long secret")])
            let own = try await principal.get("/schools/\(fixture.north.id.uuidString.lowercased())/people")
            #expect(own.status == .ok)
            #expect(own.text.contains("Okafor"))
            let other = try await principal.get("/schools/\(fixture.south.id.uuidString.lowercased())/people")
            #expect(other.status == .forbidden)
            #expect(!other.text.contains("Zhou"))

            let audit = AuditStore(database: database)
            #expect(try await audit.events(.init(action: .userCreated, actor: fixture.emails[.districtAdministrator]!)).total == 1)
            #expect(try await audit.events(.init(action: .roleGranted, actor: fixture.emails[.districtAdministrator]!)).total == 1)
            #expect(try await audit.events(.init(action: .viewedPeople, actor: "new.principal")).total == 1, "the refused view is not a view")
        }
    }

    @Test("the new-account form names each mistake and keeps what was typed")
    func createUserMistakes() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await Self.admin(client, fixture)
            try await admin.get("/admin/users")
            let bad = try await admin.post("/admin/users", form: [("email", "not-an-email"), ("name", "Kept Name"), ("role", "analyst"),
                                                                   ("place", fixture.north.id.uuidString.lowercased())])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("Enter an email address like"))
            #expect(bad.text.contains("This role covers a whole district"))
            #expect(bad.text.contains(#"value="Kept Name""#))
            let taken = try await admin.post("/admin/users", form: [("email", fixture.emails[.staff]!), ("role", "staff"),
                                                                     ("place", fixture.north.id.uuidString.lowercased())])
            #expect(taken.text.contains("already uses this email address"))
        }
    }

    @Test("roles are granted and removed, passwords reset, accounts deactivated, each audited; deactivation signs the person out")
    func manageAccount() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await Self.admin(client, fixture)
            let staff = TestBrowser(client)
            try await staff.signIn(fixture.emails[.staff]!, Fixture.password)
            let account = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.staff]!)?.account)
            let path = "/admin/users/\(account.id.uuidString.lowercased())"
            try await admin.get(path)
            let granted = try await admin.post("\(path)/grant", form: [("role", "schoolTeam"), ("place", fixture.south.id.uuidString.lowercased())])
            #expect(granted.status == .seeOther)
            #expect(try await staff.get("/schools/\(fixture.south.id.uuidString.lowercased())/people").status == .ok, "the new role works at once")
            try await admin.get(path)
            _ = try await admin.post("\(path)/revoke", form: [("role", "schoolTeam"), ("place", fixture.south.id.uuidString.lowercased())])
            #expect(try await staff.get("/schools/\(fixture.south.id.uuidString.lowercased())/people").status == .forbidden)

            try await admin.get(path)
            let reset = try await admin.post("\(path)/reset-password", form: [])
            #expect(Self.oneTimePassword(in: reset.text) != nil)
            #expect(try await staff.get("/dashboard").location?.hasPrefix("/signin") == true, "a reset signs the person out")

            let again = TestBrowser(client)
            _ = try await again.signIn(fixture.emails[.staff]!, Self.oneTimePassword(in: reset.text)!)
            try await admin.get(path)
            _ = try await admin.post("\(path)/deactivate", form: [])
            #expect(try await again.get("/account/password").location?.hasPrefix("/signin") == true, "deactivation ends sessions")
            let refused = TestBrowser(client)
            #expect(try await refused.signIn(fixture.emails[.staff]!, Self.oneTimePassword(in: reset.text)!).status == .unauthorized)

            let audit = AuditStore(database: database)
            for action in [AuditEvent.Action.roleGranted, .roleRevoked, .passwordReset, .userDeactivated] {
                let events = try await audit.events(.init(action: action, actor: fixture.emails[.districtAdministrator]!, targetId: account.id.uuidString)).events
                #expect(!events.isEmpty, "\(action) audited with the administrator as actor")
            }
        }
    }

    @Test("an administrator cannot lock themselves out")
    func noSelfLockout() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await Self.admin(client, fixture)
            let me = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[.districtAdministrator]!)?.account)
            let path = "/admin/users/\(me.id.uuidString.lowercased())"
            try await admin.get(path)
            let revoke = try await admin.post("\(path)/revoke", form: [("role", "districtAdministrator"), ("place", fixture.district.id.uuidString.lowercased())])
            #expect(revoke.status == .badRequest)
            #expect(revoke.text.contains("cannot remove your own last district administrator role"))
            let deactivate = try await admin.post("\(path)/deactivate", form: [])
            #expect(deactivate.status == .badRequest)
            #expect(try await admin.get("/admin/users").status == .ok)
        }
    }

    @Test("viewing people and a student record is audited with who, what, which record, when and from where")
    func viewsAudited() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let team = TestBrowser(client)
            try await team.signIn(fixture.emails[.schoolTeam]!, Fixture.password)
            let north = fixture.north.id.uuidString.lowercased()
            let directory = try await team.get("/schools/\(north)/people?q=okaf&grade=04")
            #expect(directory.text.contains("Okafor, Amara"))
            let record = try await team.get("/schools/\(north)/students/\(fixture.northStudent.id.uuidString.lowercased())")
            #expect(record.status == .ok)
            #expect(record.text.contains("Amara Okafor"))
            let audit = AuditStore(database: database)
            let viewed = try #require(try await audit.events(.init(action: .viewedPeople)).events.first)
            #expect(viewed.actorLabel == fixture.emails[.schoolTeam]!)
            #expect(viewed.targetId == fixture.north.id.uuidString)
            #expect(viewed.detail?.contains("search=okaf") == true)
            #expect(viewed.detail?.contains("grade=04") == true)
            let student = try #require(try await audit.events(.init(action: .viewedStudent)).events.first)
            #expect(student.targetId == fixture.northStudent.id.uuidString)
            #expect(abs(student.at.timeIntervalSinceNow) < 60)
            // The log's page names each record in words; the CSV keeps the ids for machines.
            let log = try await Self.admin(client, fixture).get("/admin/audit?action=viewed-student")
            #expect(log.text.contains("<td>student Amara Okafor, \(fixture.north.name)</td>"), "the record named, not its id")
            #expect(!log.text.contains("<td>student \(fixture.northStudent.id.uuidString)"))
            let people = try await Self.admin(client, fixture).get("/admin/audit?action=viewed-people")
            #expect(people.text.contains("<td>school \(fixture.north.name)</td>"))
        }
    }

    @Test("what the application records is stamped by its one clock, so a test can fix the time")
    func fixedClock() async throws {
        let fixed = Date(timeIntervalSince1970: 1_935_000_000)
        try await TestApp.run(clock: { fixed }) { client, database in
            let fixture = try await Fixture.make(on: database)
            let team = TestBrowser(client)
            try await team.signIn(fixture.emails[.schoolTeam]!, Fixture.password)
            #expect(try await team.get("/schools/\(fixture.north.id.pathSegment)/students/\(fixture.northStudent.id.pathSegment)").status == .ok)
            let audit = AuditStore(database: database)
            let signIn = try #require(try await audit.events(.init(action: .signIn)).events.first)
            let viewed = try #require(try await audit.events(.init(action: .viewedStudent)).events.first)
            #expect(signIn.at == fixed)
            #expect(viewed.at == fixed)
        }
    }

    @Test("the audit log page filters by action, person and day, and its CSV export is itself audited")
    func auditPage() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let staff = TestBrowser(client)
            try await staff.get("/signin")
            _ = try await staff.post("/signin", form: [("email", fixture.emails[.staff]!), ("password", "wrong")])
            let admin = try await Self.admin(client, fixture)
            let failed = try await admin.get("/admin/audit?action=sign-in-failed")
            #expect(failed.status == .ok)
            #expect(failed.text.contains(fixture.emails[.staff]!))
            #expect(!failed.text.contains("Created an account</td>"))
            let byActor = try await admin.get("/admin/audit?actor=staff%40lakeside")
            #expect(byActor.text.contains("Sign-in failed"))
            let badDate = try await admin.get("/admin/audit?from=yesterday")
            #expect(badDate.status == .badRequest)
            #expect(badDate.text.contains("YYYY-MM-DD"))
            let csv = try await admin.get("/admin/audit.csv?action=sign-in-failed")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first == "at,action,actor,actor_id,target_kind,target_id,organization_id,ip,detail")
            #expect(lines.count == 2)
            #expect(try await AuditStore(database: database).events(.init(action: .exported)).total == 1)
        }
    }

    @Test("the audit log cannot be changed or deleted, even by SQL")
    func appendOnly() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let audit = AuditStore(database: database)
            try await audit.append(AuditEvent(at: Date(), action: .signIn, actorId: nil, actorLabel: "someone@lakeside.example"))
            await #expect(throws: (any Error).self) {
                try await database.write { db in try await db.update("audit_events").set("actor_label", to: SQLBind("someone else")).run() }
            }
            await #expect(throws: (any Error).self) {
                try await database.write { db in try await db.delete(from: "audit_events").run() }
            }
            #expect(try await audit.events(.init()).events.first?.actorLabel == "someone@lakeside.example")
        }
    }

    @Test("belong audit export writes CSV from a day on")
    func commandLineExport() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let audit = AuditStore(database: database)
            try await audit.append(AuditEvent(at: Date(timeIntervalSince1970: 1_000_000_000), action: .signIn, actorId: nil, actorLabel: "old, \"quoted\""))
            try await audit.append(AuditEvent(at: Date(), action: .signIn, actorId: nil, actorLabel: "=cmd|' /C calc'!A0"))
            let lines = LockedLines()
            let count = try await AuditCSV.export(from: audit, filter: .init(since: AuditCSV.parseMoment("2020-01-01")), actor: .commandLine) { lines.append($0) }
            #expect(count == 1)
            #expect(lines.all.count == 2)
            #expect(lines.all[1].contains("'=cmd"), "a formula is defused for spreadsheets")
            #expect(AuditCSV.line(["old, \"quoted\""]) == "\"old, \"\"quoted\"\"\"\r\n")
        }
    }

    static func oneTimePassword(in html: String) -> String? {
        guard let range = html.range(of: #"<code class="secret">"#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "<").map { String(rest[..<$0]) }
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
