import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

@Suite("The import page")
struct ImportPageTests {
    static func multipart(_ files: [(String, Data)], format: String) -> (body: ByteBuffer, type: String) {
        let boundary = "belong-test-\(UUID().uuidString)"
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n\(format)\r\n")
        for (name, data) in files {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.append(data)
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        return (ByteBuffer(data: body), "multipart/form-data; boundary=\(boundary)")
    }

    static func upload(_ browser: TestBrowser, _ files: [(String, Data)], format: String = "oneRoster") async throws -> TestBrowser.Page {
        try await browser.get("/admin/import")
        let (body, type) = multipart(files, format: format)
        let token = try #require(browser.formToken)
        return try await browser.send("/admin/import?_csrf=\(token)", method: .post, headers: [.contentType: type], body: body)
    }

    @Test("upload, preview, import: nothing changes until confirmed, and a second confirm does nothing more")
    func flow() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let zip = try APITests.zipFolder(FixturePaths.oneRoster("lakeside-1.1"))
            let uploaded = try await Self.upload(admin, [("lakeside.zip", zip)])
            #expect(uploaded.status == .seeOther)
            let location = try #require(uploaded.location)
            let preview = try await admin.get(location)
            #expect(preview.text.contains("No problems found"))
            #expect(preview.text.contains("Harbour Secondary"))
            #expect(try await ImportTests.count(database, "students") == 2, "only the fixture's own students so far")

            let confirmed = try await admin.post("\(location)/confirm", form: [("mode", "all")])
            #expect(confirmed.status == .seeOther)
            let done = try await admin.get(location)
            #expect(done.text.contains("Imported."))
            #expect(try await ImportTests.count(database, "students") == 6)
            _ = try await admin.post("\(location)/confirm", form: [("mode", "all")])
            #expect(try await ImportTests.count(database, "students") == 6, "a double submit imports once")
            #expect(try await AuditStore(database: database).events(.init(action: .rosterImported)).total == 2, "the preview and the import")
        }
    }

    @Test("a bundle with problems lists each one and offers the valid rows only; separate CSV files are accepted too")
    func problemsAndValidRows() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let folder = FixturePaths.oneRoster("lakeside-1.1")
            var files: [(String, Data)] = []
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
                var data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
                if name == "users.csv" {
                    data = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: ",lk-birch,student,lzhou", with: ",lk-birch,pupil,lzhou").utf8)
                }
                files.append((name, data))
            }
            let uploaded = try await Self.upload(admin, files)
            let location = try #require(uploaded.location)
            let preview = try await admin.get(location)
            #expect(preview.text.contains("3 problems found. Nothing has been changed."))
            #expect(preview.text.contains("<code>pupil</code>"))
            #expect(preview.text.contains("not a OneRoster role"))
            #expect(preview.text.contains("Import only the rows without problems"))
            #expect(try await ImportTests.count(database, "students") == 2)
            let confirmed = try await admin.post("\(location)/confirm", form: [("mode", "valid")])
            #expect(confirmed.status == .seeOther, "\(confirmed.status) \(confirmed.text.prefix(300))")
            #expect(try await ImportTests.count(database, "students") == 5)
        }
    }

    @Test("cancelling drops the upload and changes nothing; a non-zip is refused with a message")
    func cancelAndNonsense() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let zip = try APITests.zipFolder(FixturePaths.oneRoster("lakeside-1.1"))
            let location = try #require(try await Self.upload(admin, [("a.zip", zip)]).location)
            try await admin.get(location)
            _ = try await admin.post("\(location)/cancel", form: [])
            #expect(try await admin.get(location).text.contains("Cancelled"))
            _ = try await admin.post("\(location)/confirm", form: [("mode", "all")])
            #expect(try await ImportTests.count(database, "students") == 2)

            let mixed = try await Self.upload(admin, [("a.zip", zip), ("notes.txt", Data("hi".utf8))])
            #expect(mixed.status == .badRequest)
            #expect(mixed.text.contains("Upload one zip, or CSV files only."))
            let fake = try await Self.upload(admin, [("fake.zip", Data("hello".utf8))])
            let page = try await admin.get(try #require(fake.location))
            #expect(page.text.contains("not a zip archive"))
        }
    }

    @Test("an upload over the size limit gets a 413 page with the limit")
    func tooLarge() async throws {
        try await TestApp.run(configure: { $0.maxUploadMegabytes = 1 }) { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let page = try await Self.upload(admin, [("big.csv", Data(repeating: 65, count: 1_200_000))])
            #expect(page.status == .contentTooLarge)
            #expect(page.text.contains("larger than 1 MB"))
        }
    }

    @Test("the templates download as CSV with their header and example rows")
    func templates() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let csv = try await admin.get("/admin/import/templates/students.csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("student_number,given_name,family_name"))
            #expect(try await admin.get("/admin/import/templates/passwords.csv").status == .notFound)
        }
    }
}

@Suite("The people directory")
struct PeopleDirectoryTests {
    @Test("search by name, filter by grade, class and role, and page through a large school")
    func directory() async throws {
        try await TestApp.run(prepare: { database in
            _ = try await DemoSeeder(database: database, today: .init(iso: "2026-11-29")!, hasher: PasswordHasher(cost: 4)).run()
        }) { client, database in
            let admin = TestBrowser(client)
            let accounts = try await AccountStore(database: database).list()
            let email = try #require(accounts.first { $0.grants.contains { $0.role == .districtAdministrator } }?.email)
            try await UserAdministration(database: database, hasher: PasswordHasher(cost: 4)).resetPassword(email: email, by: .commandLine)
            _ = try await database.write { db in
                try await db.update("user_accounts").set("password_hash", to: SQLBindHelper.bind(try await PasswordHasher(cost: 4).hash(Fixture.password)))
                    .set("must_change_password", to: SQLBindHelper.bind(false)).where("email", .equal, SQLBindHelper.bind(email)).run()
            }
            try await admin.signIn(email, Fixture.password)
            let secondary = try #require(try await OrganizationStore(database: database).all().first { $0.sourcedId == "demo-school-cedar-valley-secondary" })
            let base = "/schools/\(secondary.id.uuidString.lowercased())/people"
            let all = try await admin.get(base)
            #expect(all.text.contains("932 found; showing 1 to 25."))
            #expect(all.text.contains(#"rel="next""#))
            let page3 = try await admin.get(base + "?page=3")
            #expect(page3.text.contains("showing 51 to 75"))
            let grade12 = try await admin.get(base + "?grade=12")
            #expect(grade12.text.contains("233 found"))
            let staff = try await admin.get(base + "?kind=staff")
            #expect(staff.text.contains("Principal"))
            let families = try await admin.get(base + "?kind=families&grade=09")
            #expect(families.text.contains("found"))
            let nobody = try await admin.get(base + "?q=zzzzzz")
            #expect(nobody.text.contains("Nobody matches this search."))
            let french = try await admin.get(base + "?lang=fr")
            #expect(french.text.contains("932 trouvés"))
            #expect(!french.text.contains("⟦"))
        }
    }
}

@Suite("Import progress")
struct ImportProgressTests {

    @Test("a long import shows the rows and files read so far, then its preview; one a restart cut short says so and can be cancelled")
    func progress() async throws {
        try await TestApp.run(configure: { $0.importProgressAfter = .zero }) { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let folder = FixturePaths.oneRoster("lakeside-1.1")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            let files = try names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent($0))) }
            let location = try #require(try await ImportPageTests.upload(admin, files).location)
            var state = ProgressState(done: false, text: "", filesDone: 0, filesTotal: 0)
            for _ in 0..<500 where !state.done {
                let json = try await admin.get(location, headers: [.accept: "application/json"])
                state = try JSONDecoder().decode(ProgressState.self, from: Data(json.text.utf8))
                if !state.done { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(state.done)
            #expect(state.filesDone == names.count && state.filesTotal == names.count, "every file read: \(state)")
            #expect(state.text.hasPrefix("Done: "), "\(state.text)")
            #expect(try await admin.get(location).text.contains("No problems found"))

            // A check this server is not running (the server restarted during it).
            let id = UUID()
            try await ImportRunStore(database: database).create(id: id, districtId: fixture.district.id, userId: nil, actorLabel: "admin",
                                                               fileName: "district.zip", format: .oneRoster, report: nil, upload: Data("zip".utf8))
            let stopped = try await admin.get(SiteURL.importRun(id).path)
            #expect(stopped.status == .ok)
            #expect(stopped.text.contains("Checking district.zip"))
            #expect(stopped.text.contains("because the server restarted. Nothing was changed."))
            _ = try await admin.post("\(SiteURL.importRun(id).path)/cancel", form: [])
            #expect(try await ImportRunStore(database: database).find(id: id)?.status == .cancelled)
        }
    }

    struct ProgressState: Decodable {
        let done: Bool
        let text: String
        let filesDone: Int
        let filesTotal: Int
    }

    @Test("the progress line names the file, the rows read and the files done, in both languages")
    func progressText() throws {
        var progress = ImportProgress()
        progress.file = "users.csv"
        progress.rowsRead = 12_000
        progress.filesDone = 3
        progress.filesTotal = 9
        let translations = try Translations.bundled()
        #expect(ImportRunView.progressText(progress, translations.localizer(for: .english)) == "Reading users.csv: 12,000 rows read, 3 of 9 files done.")
        #expect(ImportRunView.progressText(progress, translations.localizer(for: .french)).hasPrefix("Lecture de users.csv : 12"))
        #expect(progress.line == "users.csv: 12,000 rows read · 3 of 9 files done")
        progress.stage = .checking
        #expect(ImportRunView.progressText(progress, translations.localizer(for: .english)) == "Checking 12,000 rows from 3 files against what Belong holds.")
    }
}
