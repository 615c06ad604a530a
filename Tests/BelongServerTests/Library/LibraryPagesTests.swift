import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

/// The library as people use it: a visitor searching in French, a principal keeping the shortlist and saying what
/// the school tried, a district administrator adding, editing, retiring and hiding resources — each change audited.
@Suite("The library's pages")
struct LibraryPagesTests {
    static func form(_ fields: [(String, String)], file: (name: String, data: Data)? = nil) -> (body: ByteBuffer, type: String) {
        let boundary = "belong-test-\(UUID().uuidString)"
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        for (name, value) in fields { add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n") }
        if let file {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.append(file.data)
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        return (ByteBuffer(data: body), "multipart/form-data; boundary=\(boundary)")
    }

    static let newResource: [(String, String)] = [
        ("kind", "practice"), ("title_en", "Lunchtime listening tables"), ("title_fr", "Tables d’écoute du midi"),
        ("summary_en", "Once a week, staff sit at lunch tables to hear what students want changed."),
        ("summary_fr", "Une fois par semaine, le personnel s’assoit aux tables du midi pour entendre ce que les élèves veulent changer."),
        ("link", ""), ("source", "Lakeside School District"), ("year", "2025"), ("language", "en"), ("audiences", "students"), ("audiences", "staff"),
        ("grade_from", "06"), ("grade_to", "12"), ("strategies", "relationships"), ("strategies", "school-leadership"), ("measures", "heard"),
        ("minutes", "40"), ("evidence", "practice-based"), ("review", ""), ("basis_en", "Two of our schools have run it for a year."),
        ("basis_fr", "Deux de nos écoles le font depuis un an."), ("tags_en", "lunch, voice"), ("tags_fr", "dîner, voix"),
    ]

    static func submit(_ browser: TestBrowser, _ path: String, _ fields: [(String, String)], file: (name: String, data: Data)? = nil) async throws -> TestBrowser.Page {
        try await browser.get(path)
        let (body, type) = form(fields, file: file)
        let token = try #require(browser.formToken)
        return try await browser.send("\(path)?\(FormProtectionMiddleware.fieldName)=\(token)", method: .post, headers: [.contentType: type], body: body)
    }

    @Test("a visitor searches in French with filters, sees the matching words marked, and opens a resource with everything about it")
    func visitorSearches() async throws {
        try await TestApp.run { client, _ in
            let visitor = TestBrowser(client)
            let page = try await visitor.get("/library?lang=fr&q=ecoute&audience=families")
            #expect(page.status == .ok)
            #expect(page.text.contains("<mark>écoute</mark>") || page.text.contains("<mark>écouter</mark>"), "the accented word is marked")
            #expect(page.text.contains("ressource"))
            #expect(!page.text.contains("Aucune ressource"))
            let none = try await visitor.get("/library?lang=fr&q=zzzzqqq")
            #expect(none.status == .ok && none.text.contains("Aucune ressource ne correspond à « zzzzqqq »"))
            let emoji = try await visitor.get("/library?lang=en&q=%F0%9F%98%80")
            #expect(emoji.status == .ok && emoji.text.contains("has no words to search for"))
            let resource = try await visitor.get("/library/relationship-mapping?lang=en")
            #expect(resource.status == .ok)
            for fact in ["Making Caring Common", "Practice-based", "Related resources", "https://mcc.gse.harvard.edu/", "What schools say"] {
                #expect(resource.text.contains(fact), "\(fact)")
            }
            #expect(!resource.text.contains("We tried this at"), "no forms for a visitor")
            #expect(try await visitor.get("/library/no-such-thing").status == .notFound)
            #expect(try await visitor.get("/library/relationship-mapping/file").status == .notFound, "a built-in resource has no file")
        }
    }

    @Test("a principal adds a resource to the shortlist once, takes it off, and says the school tried it; each is audited once")
    func principalMarks() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let principal = TestBrowser(client)
            try await principal.signIn(fixture.emails[.schoolAdministrator]!, Fixture.password)
            let north = fixture.north.id.pathSegment
            let page = try await principal.get("/library/relationship-mapping")
            #expect(page.text.contains("Add to the shortlist of"))
            #expect(page.text.contains("No school has said it tried this yet."))
            for _ in 0..<2 {
                let added = try await principal.post("/schools/\(north)/shortlist", form: [("resource", "relationship-mapping"), ("action", "add")])
                #expect(added.status == .seeOther)
            }
            let audit = AuditStore(database: database)
            #expect(try await audit.events(.init(action: .resourceShortlisted)).total == 1, "a double submit records nothing more")
            let list = try await principal.get("/schools/\(north)/shortlist")
            #expect(list.status == .ok && list.text.contains("Relationship mapping"))
            #expect(try await principal.post("/schools/\(north)/shortlist", form: [("resource", "no-such"), ("action", "add")]).status == .badRequest)
            #expect(try await principal.post("/schools/\(fixture.south.id.pathSegment)/shortlist", form: [("resource", "relationship-mapping")]).status == .forbidden)

            #expect(try await principal.post("/schools/\(north)/tried", form: [("resource", "relationship-mapping"), ("rating", "9")]).status == .badRequest)
            #expect(try await principal.post("/schools/\(north)/tried", form: [("resource", "relationship-mapping"), ("rating", "4"),
                                                                                  ("note", String(repeating: "x", count: 501))]).status == .badRequest)
            let tried = try await principal.post("/schools/\(north)/tried", form: [("resource", "relationship-mapping"), ("rating", "4"),
                                                                                    ("note", "<script>alert(1)</script> Worked in grade 5.")])
            #expect(tried.status == .seeOther)
            let after = try await principal.get(try #require(tried.location))
            #expect(after.text.contains("rated it 4 out of 5"))
            #expect(after.text.contains("Tried at fewer than 10 schools so far"), "one school's rating is never shown as an average")
            #expect(!after.text.contains("<script>alert(1)</script>") && after.text.contains("&lt;script&gt;"))
            #expect(try await audit.events(.init(action: .resourceTried)).total == 1)
            let removed = try await principal.post("/schools/\(north)/shortlist", form: [("resource", "relationship-mapping"), ("action", "remove"), ("from", "shortlist")])
            #expect(removed.location == "/schools/\(north)/shortlist")
            #expect(try await principal.get("/schools/\(north)/shortlist").text.contains("Nothing is on the shortlist yet"))
            #expect(try await audit.events(.init(action: .resourceUnshortlisted)).total == 1)
        }
    }

    @Test("an average appears once the minimum number of schools tried a resource, never before")
    func averageAtMinimum() {
        let t = LibraryPagesTests.localizer(.english)
        #expect(LibraryController.tallyText(TrialTally(schools: 9, ratingTotal: 36), minimum: 10, t).contains("fewer than 10"))
        #expect(!LibraryController.tallyText(TrialTally(schools: 9, ratingTotal: 36), minimum: 10, t).contains("4"))
        #expect(LibraryController.tallyText(TrialTally(schools: 10, ratingTotal: 37), minimum: 10, t) == "Tried at 10 schools, rated 3.7 out of 5 on average.")
        #expect(LibraryController.tallyText(.none, minimum: 10, t) == "No school has said it tried this yet.")
    }

    static func localizer(_ language: Language) -> Localizer {
        try! Translations.bundled().localizer(for: language)
    }

    @Test("a district administrator adds a resource in both languages, finds it by search, edits, retires and brings it back; mistakes come back kept")
    func administratorAdds() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            var missing = Self.newResource.filter { $0.0 != "title_fr" && $0.0 != "strategies" }
            missing.append(("title_fr", ""))
            missing.append(("link", "javascript:alert(1)"))
            let refused = try await Self.submit(admin, "/admin/library/new", missing)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Enter this.") && refused.text.contains("Choose at least one.") && refused.text.contains("Enter an https address"))
            #expect(refused.text.contains("Lunchtime listening tables"), "what was typed is kept")

            let saved = try await Self.submit(admin, "/admin/library/new", Self.newResource)
            #expect(saved.status == .seeOther)
            let id = try #require(saved.location?.split(separator: "resource=").last.map(String.init))
            #expect(id.hasPrefix("lunchtime-listening-tables-"))
            #expect(try await admin.get(try #require(saved.location)).text.contains("Saved “Lunchtime listening tables”."))
            let found = try await admin.get("/library?q=lunchtime")
            #expect(found.text.contains("/library/\(id)") && found.text.contains("Your district’s"))
            #expect(try await admin.get("/library?lang=fr&q=tables+ecoute").text.contains("/library/\(id)"))
            try await admin.get("/library?lang=en")
            #expect(!(try await TestBrowser(client).get("/library?q=lunchtime")).text.contains("/library/\(id)"), "a visitor does not see a district’s own")
            #expect(try await TestBrowser(client).get("/library/\(id)").status == .notFound)

            var edited = Self.newResource
            edited[1] = ("title_en", "Lunch listening tables")
            let edit = try await Self.submit(admin, "/admin/library/\(id)", edited)
            #expect(edit.status == .seeOther, "\(edit.status) \(edit.text.prefix(3000))")
            #expect(try await admin.get("/library/\(id)").text.contains("Lunch listening tables"))
            let retire = try await admin.post("/admin/library/\(id)/retire", form: [("retired", "yes")])
            #expect(retire.status == .seeOther, "\(retire.status) \(retire.text.prefix(2000))")
            #expect(!(try await admin.get("/library?q=lunch")).text.contains("/library/\(id)"))
            #expect(try await admin.get("/admin/library").text.contains("Retired"))
            #expect(try await admin.post("/admin/library/\(id)/retire", form: [("retired", "yes")]).status == .seeOther, "twice is fine")
            #expect(try await admin.post("/admin/library/\(id)/retire", form: [("retired", "no")]).status == .seeOther)
            #expect(try await admin.get("/library?q=lunch").text.contains("/library/\(id)"))
            #expect(try await admin.post("/admin/library/\(id)/retire", form: [("retired", "maybe")]).status == .badRequest)
            #expect(try await admin.get("/admin/library/relationship-mapping").status == .notFound, "a built-in resource is hidden, not edited")

            let audit = AuditStore(database: database)
            #expect(try await audit.events(.init(action: .resourceAdded)).total == 1)
            #expect(try await audit.events(.init(action: .resourceChanged)).total == 2, "the edit and bringing it back")
            #expect(try await audit.events(.init(action: .resourceRetired)).total == 1)
        }
    }

    @Test("a hidden built-in resource leaves the district's library and comes back when shown; everyone else keeps it")
    func hidingBuiltIn() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let teacher = TestBrowser(client)
            try await teacher.signIn(fixture.emails[.staff]!, Fixture.password)
            try await admin.get("/admin/library")
            #expect(try await admin.post("/admin/library/two-by-ten/hide", form: [("hidden", "yes")]).status == .seeOther)
            #expect(try await teacher.get("/library/two-by-ten").status == .notFound)
            #expect(!(try await teacher.get("/library?q=2x10")).text.contains("/library/two-by-ten\""))
            #expect(try await TestBrowser(client).get("/library/two-by-ten").status == .ok)
            #expect(try await admin.post("/admin/library/two-by-ten/hide", form: [("hidden", "no")]).status == .seeOther)
            #expect(try await teacher.get("/library/two-by-ten").status == .ok)
            let audit = AuditStore(database: database)
            #expect(try await audit.events(.init(action: .resourceHidden)).total == 1)
            #expect(try await audit.events(.init(action: .resourceShown)).total == 1)
            #expect(try await admin.post("/admin/library/no-such/hide", form: [("hidden", "yes")]).status == .notFound)
        }
    }

    @Test("an uploaded PDF is kept in the database and downloaded as it was; another kind of file or one too large is refused")
    func files() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
            let saved = try await Self.submit(admin, "/admin/library/new", Self.newResource, file: ("handout \"1\".pdf", pdf))
            #expect(saved.status == .seeOther)
            let id = try #require(saved.location?.split(separator: "resource=").last.map(String.init))
            let page = try await admin.get("/library/\(id)")
            #expect(page.text.contains("Download the file"))
            let file = try await admin.get("/library/\(id)/file")
            #expect(file.status == .ok && file.headers[.contentType] == "application/pdf")
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"handout1.pdf\"")
            #expect(Data(file.text.utf8) == pdf)
            #expect(try await TestBrowser(client).get("/library/\(id)/file").status == .notFound, "not to a visitor")

            let html = try await Self.submit(admin, "/admin/library/new", Self.newResource, file: ("page.pdf", Data("<html><script>alert(1)</script>".utf8)))
            #expect(html.status == .unprocessableContent && html.text.contains("is not a PDF, PNG or JPEG"))
            let big = try await Self.submit(admin, "/admin/library/new", Self.newResource, file: ("big.pdf", Data("%PDF-".utf8) + Data(count: LibraryFile.maxBytes + 10)))
            #expect(big.status == .contentTooLarge)
            #expect(try await database.read { db in try await db.count("library_files") } == 1, "nothing half-kept")
        }
    }

    @Test("markup typed into every field of a resource is shown as text on every page that shows it")
    func hostileFields() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await AdministrationTests.admin(client, fixture)
            let evil = "\"><script>alert(1)</script><img src=x onerror=alert(2)>"
            let fields = Self.newResource.map { field in
                ["title_en", "title_fr", "summary_en", "summary_fr", "source", "basis_en", "basis_fr", "tags_en", "tags_fr"].contains(field.0)
                    ? (field.0, field.1 + evil) : field
            }
            let saved = try await Self.submit(admin, "/admin/library/new", fields)
            #expect(saved.status == .seeOther)
            let id = try #require(saved.location?.split(separator: "resource=").last.map(String.init))
            for path in ["/library/\(id)", "/library?q=lunchtime", "/library?q=\(TestBrowser.encode(evil))", "/admin/library", "/admin/library/\(id)",
                         "/library/\(id)?lang=fr"] {
                let page = try await admin.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("<script>alert(1)"), "\(path)")
                #expect(!page.text.contains("<img src=x"), "\(path)")
            }
        }
    }
}
