import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import BelongServer

/// Running a survey wave from the school's side: set up, open, print slips, watch participation, close.
@Suite("Running survey waves")
struct SurveyWaveTests {
    static func signedIn(_ client: any TestClientProtocol, _ fixture: Fixture, _ role: Role) async throws -> TestBrowser {
        let browser = TestBrowser(client)
        try await browser.signIn(fixture.emails[role]!, Fixture.password)
        return browser
    }

    static func newWaveForm(_ fixture: Fixture, title: String = "Winter check-in", minimumN: String = "10", extra: [(String, String)] = []) -> [(String, String)] {
        [("title", title), ("instrument", "belong-student@1"), ("gradeFrom", "4"), ("gradeTo", "12"),
         ("schools", fixture.north.id.uuidString.lowercased()), ("opens", "2026-12-01"), ("closes", "2026-12-18"),
         ("mode", "anonymous"), ("languages", "en"), ("languages", "fr"), ("minimumN", minimumN)] + extra
    }

    @Test("a principal sets up a wave, with two questions of the school's own, and opens it")
    func createAndOpen() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let principal = try await Self.signedIn(client, fixture, .schoolAdministrator)
            let form = try await principal.get("/surveys/new")
            #expect(form.status == .ok)
            #expect(form.text.contains("North Elementary"))
            #expect(!form.text.contains("South Secondary"), "only schools the principal may plan for are offered")

            let created = try await principal.post("/surveys", form: Self.newWaveForm(fixture, extra: [
                ("custom-0-en", "I can name one thing I am good at at school."), ("custom-0-fr", "Je peux nommer une chose dans laquelle je suis bon à l’école."),
                ("custom-0-scale", "agree5"), ("custom-1-en", "What would make lunch better?"), ("custom-1-fr", "Qu’est-ce qui rendrait le dîner meilleur?"),
                ("custom-1-scale", "openText"),
            ]))
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            let page = try await principal.get(location)
            #expect(page.text.contains("Winter check-in"))
            #expect(page.text.contains("Draft"))
            #expect(page.text.contains("What would make lunch better?"))
            let wave = try #require(try await SurveyStore(database: database).list().first)
            #expect(wave.customItems.count == 2)
            #expect(wave.minimumGroupSize == 10)
            #expect(wave.opensAt == SurveyWindow.opening(CalendarDate(iso: "2026-12-01")!, timeZone: "America/Toronto"))
            #expect(wave.closesAt == SurveyWindow.closing(lastDay: CalendarDate(iso: "2026-12-18")!, timeZone: "America/Toronto"))

            let opened = try await principal.post("\(location.split(separator: "?")[0])/open", form: [])
            #expect(opened.location?.contains("done=opened") == true)
            #expect(try await SurveyStore(database: database).find(id: wave.id)?.state == .open)
            let audit = try await AuditStore(database: database).events(.init()).events.map(\.action)
            #expect(audit.contains(.surveyCreated) && audit.contains(.surveyOpened))
        }
    }

    @Test("a wave with mistakes is refused with a message for each, and what was typed stays")
    func validation() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let principal = try await Self.signedIn(client, fixture, .schoolAdministrator)
            try await principal.get("/surveys/new")
            let page = try await principal.post("/surveys", form: [("title", ""), ("instrument", "belong-early-years@1"), ("gradeFrom", "6"), ("gradeTo", "4"),
                                                                   ("opens", "2026-12-18"), ("closes", "2026-12-01"), ("minimumN", "3"),
                                                                   ("custom-0-en", "Only English")])
            #expect(page.status == .badRequest)
            for message in ["Write question 1 in both English and French."] { #expect(page.text.contains(message)) }
            let second = try await principal.post("/surveys", form: [("title", ""), ("instrument", "belong-early-years@1"), ("gradeFrom", "6"), ("gradeTo", "4"),
                                                                     ("opens", "2026-12-18"), ("closes", "2026-12-01"), ("minimumN", "3")])
            #expect(second.status == .badRequest)
            for message in ["Give the wave a name.", "Choose at least one school.", "The last day must come after the first day.",
                            "at least 10, the district’s minimum", "Offer at least one language.", "not written for these grades", "must not come before the first"] {
                #expect(second.text.contains(message), "\(message)")
            }
            #expect(second.text.contains("value=\"3\""))
            let forged = try await principal.post("/surveys", form: Self.newWaveForm(fixture) + [("schools", fixture.south.id.uuidString)])
            #expect(forged.status == .forbidden, "a school the principal does not run is refused")
            #expect(try await SurveyStore(database: database).list().isEmpty)
        }
    }

    @Test("slips print once per student, shuffled, with the address and both languages; the page is not cached and the batch is audited")
    func slips() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, students: 0)
            var roster = RosterSnapshot()
            let room = SchoolClass(sourcedId: "c-6b", schoolId: survey.base.north.id, title: "6B", kind: .homeroom, grades: [.grade5])
            roster.classes = [room]
            roster.students = (0..<14).map { Student(sourcedId: "st-6b-\($0)", schoolId: survey.base.north.id, name: PersonName(given: "Kid\($0)", family: "Six"), grade: .grade5) }
            roster.enrollments = roster.students.map { Enrollment(classId: room.id, schoolId: survey.base.north.id, member: .student($0.id), role: .student) }
            try await RosterStore(database: database).insertNew(roster)
            try await PeopleStore(database: database).setSurveyOptOut(student: roster.students[0].id, optedOut: true)

            let team = try await Self.signedIn(client, survey.base, .schoolTeam)
            let page = try await team.get("/surveys/\(survey.wave.id.uuidString.lowercased())")
            #expect(page.text.contains("6B"))
            let printed = try await team.post("/surveys/\(survey.wave.id.uuidString.lowercased())/slips", form: [("class", room.id.uuidString.lowercased()), ("paper", "a4")])
            #expect(printed.status == .ok)
            #expect(printed.headers[.cacheControl] == "no-store")
            #expect(printed.text.contains("/css/slips-a4.css"))
            #expect(printed.text.contains("Va sur http://"))
            #expect(printed.text.contains("and type this code:"))
            #expect(printed.text.components(separatedBy: "class=\"slip\"").count - 1 == 13, "13 students: one opted out")
            #expect(!printed.text.contains("Kid1 "), "anonymous slips carry no names")
            let again = try await team.post("/surveys/\(survey.wave.id.uuidString.lowercased())/slips", form: [("class", room.id.uuidString.lowercased())])
            #expect(again.text.contains("already has a code"))
            let events = try await AuditStore(database: database).events(.init()).events
            #expect(events.contains { $0.action == .codesIssued && $0.detail?.contains("13 codes") == true })
        }
    }

    @Test("live participation counts responses by class and grade against the roster")
    func participation() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, students: 12)
            let taking = try await RespondTests.taking(database)
            for code in survey.codes.prefix(5) {
                guard case .success(let session) = try await taking.open(code: code, address: nil) else { Issue.record("opens"); return }
                _ = try await taking.submit(session, language: .english, answers: Answers(choices: ["safe-1": 4]))
            }
            let team = try await Self.signedIn(client, survey.base, .schoolTeam)
            let json = try await team.get("/surveys/\(survey.wave.id.uuidString.lowercased())/participation", headers: [.accept: "application/json"])
            #expect(json.status == .ok)
            let decoded = try JSONDecoder().decode(Counts.self, from: Data(json.text.utf8))
            let north = try #require(decoded.schools[survey.base.north.id.uuidString.lowercased()])
            #expect(north["responded"] == 5)
            #expect(north["eligible"] == 13, "the class's 12 and the fixture's grade-4 student")
            #expect(north["issued"] == 12)
            #expect(decoded.cells["class-\(survey.classId.uuidString.lowercased())-responded"] == 5)
            let page = try await team.get("/surveys/\(survey.wave.id.uuidString.lowercased())")
            #expect(page.text.contains("5 of 13 responded (38%)"))
            #expect(page.text.contains("data-poll="))
        }
    }

    struct Counts: Decodable {
        let schools: [String: [String: Int]]
        let cells: [String: Int]
    }

    @Test("the school team closes early; only the closing day of an open wave moves; a closed wave's codes stop")
    func states() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database)
            let path = "/surveys/\(survey.wave.id.uuidString.lowercased())"
            let principal = try await Self.signedIn(client, survey.base, .schoolAdministrator)
            try await principal.get(path)
            let moved = try await principal.post("\(path)/closing", form: [("closes", "2099-06-30")])
            #expect(moved.location?.contains("done=moved") == true)
            #expect(try await SurveyStore(database: database).find(id: survey.wave.id)?.closesAt
                    == SurveyWindow.closing(lastDay: CalendarDate(iso: "2099-06-30")!, timeZone: "America/Toronto"))
            let past = try await principal.post("\(path)/closing", form: [("closes", "2001-01-01")])
            #expect(past.location?.contains("problem=before") == true)
            #expect(try await principal.post("\(path)/open", form: []).status == .seeOther, "opening twice is harmless")

            let team = try await Self.signedIn(client, survey.base, .schoolTeam)
            try await team.get(path)
            #expect(try await team.post("\(path)/closing", form: [("closes", "2099-07-30")]).status == .forbidden, "the school team does not reschedule")
            let closed = try await team.post("\(path)/close", form: [])
            #expect(closed.location?.contains("done=closed") == true)
            #expect(try await SurveyStore(database: database).find(id: survey.wave.id)?.state == .closed)
            #expect(try await TestBrowser(client).get("/s/\(survey.codes[0])").status == .gone)
            #expect(try await principal.post("\(path)/closing", form: [("closes", "2099-06-30")]).status == .conflict, "a closed wave stays closed")
            let slips = try await team.post("\(path)/slips", form: [("class", survey.classId.uuidString.lowercased())])
            #expect(slips.status == .conflict)
        }
    }

    @Test("a lost sheet's unused codes are replaced; a sheet with a used code is not")
    func replace() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database)
            let path = "/surveys/\(survey.wave.id.uuidString.lowercased())"
            let team = try await Self.signedIn(client, survey.base, .schoolTeam)
            try await team.get(path)
            let replaced = try await team.post("\(path)/replace-codes", form: [("class", survey.classId.uuidString.lowercased())])
            #expect(replaced.location?.contains("done=replaced") == true)
            #expect(try await TestBrowser(client).get("/s/\(survey.codes[0])").status == .gone)
            let reprinted = try await team.post("\(path)/slips", form: [("class", survey.classId.uuidString.lowercased())])
            #expect(reprinted.text.components(separatedBy: "class=\"slip\"").count - 1 == 12)

            let fresh = Self.codes(in: reprinted.text)
            #expect(fresh.count == 12)
            let taking = try await RespondTests.taking(database)
            guard case .success(let session) = try await taking.open(code: fresh[0], address: nil) else { Issue.record("a reprinted code opens"); return }
            _ = try await taking.submit(session, language: .english, answers: Answers(choices: ["safe-1": 4]))
            let refused = try await team.post("\(path)/replace-codes", form: [("class", survey.classId.uuidString.lowercased())])
            #expect(refused.location?.contains("problem=inUse") == true)
            #expect(try await team.get(refused.location!).text.contains("cannot be replaced"))
        }
    }

    static func codes(in html: String) -> [String] {
        html.components(separatedBy: "class=\"slip__code\">").dropFirst().map { String($0.prefix { $0 != "<" }) }.map(AccessCode.normalize)
    }

    @Test("slips print for every class of a school, or of one grade, each class from a new page; only students without a code get one")
    func slipsForASchool() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, students: 0)
            var roster = RosterSnapshot()
            let rooms = [SchoolClass(sourcedId: "c-6b", schoolId: survey.base.north.id, title: "6B", kind: .homeroom, grades: [.grade6]),
                         SchoolClass(sourcedId: "c-7a", schoolId: survey.base.north.id, title: "7A", kind: .homeroom, grades: [.grade7])]
            roster.classes = rooms
            for (room, grade) in zip(rooms, [Grade.grade6, .grade7]) {
                let kids = (0..<5).map { Student(sourcedId: "st-\(room.title)-\($0)", schoolId: survey.base.north.id, name: PersonName(given: "Kid\($0)", family: room.title), grade: grade) }
                roster.students += kids
                roster.enrollments += kids.map { Enrollment(classId: room.id, schoolId: survey.base.north.id, member: .student($0.id), role: .student) }
            }
            try await RosterStore(database: database).insertNew(roster)
            let team = try await Self.signedIn(client, survey.base, .schoolTeam)
            let wave = "/surveys/\(survey.wave.id.uuidString.lowercased())"
            let page = try await team.get(wave)
            #expect(page.text.contains("Print slips for every class") && page.text.contains("<option value=\"07\">"))
            #expect(page.text.contains("<option value>Every class</option>"), "the browser sends an empty grade, not the option's words")
            let north = survey.base.north.id.uuidString.lowercased()
            let grade7 = try await team.post(wave + "/slips", form: [("school", north), ("grade", "07"), ("paper", "letter")])
            #expect(grade7.status == .ok)
            #expect(grade7.text.components(separatedBy: "class=\"slip\"").count - 1 == 5 && grade7.text.contains("North Elementary · 7A") && !grade7.text.contains("· 6B"))
            let all = try await team.post(wave + "/slips", form: [("school", north), ("grade", ""), ("paper", "a4")])
            #expect(all.text.components(separatedBy: "class=\"slip\"").count - 1 == 5, "7A already has its codes: only 6B's five are new")
            #expect(!all.text.contains("slips--new-page"), "one class printed, no page break needed")
            let again = try await team.post(wave + "/slips", form: [("school", north), ("grade", "")])
            #expect(!again.text.contains("class=\"slip\""))
            #expect(try await team.post(wave + "/slips", form: [("school", north), ("grade", "13")]).status == .badRequest)
            #expect(try await team.post(wave + "/slips", form: [("school", survey.base.south.id.uuidString.lowercased())]).status == .forbidden)
            #expect(try await AuditStore(database: database).events(.init(action: .codesIssued)).total == 2, "one batch per class")
        }
    }

    @Test("staff and family codes come as a CSV for a mail merge, safe to open in a spreadsheet")
    func mailMerge() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, instrument: "belong-family")
            #expect(survey.codes.count == 4)
            try await database.write { db in
                try await db.update("family_contacts").set("given_name", to: SQLBind("=HYPERLINK(\"http://evil\")")).where("sourced_id", .equal, SQLBind("f-3")).run()
            }
            try await database.write { db in try await db.delete(from: "code_issues").where("person_id", .isNot, SQLLiteral.null).run() }
            let team = try await Self.signedIn(client, survey.base, .schoolTeam)
            try await team.get("/surveys/\(survey.wave.id.uuidString.lowercased())")
            let csv = try await team.post("/surveys/\(survey.wave.id.uuidString.lowercased())/codes.csv", form: [("school", survey.base.north.id.uuidString.lowercased())])
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition]?.contains("belong-codes-north-elementary-families.csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first == "name,email,language,grade,code,address")
            #expect(lines.count == 5)
            #expect(csv.text.contains("\"'=HYPERLINK"), "a formula is defused")
            #expect(csv.text.contains("parent0@home.example,fr,"))
            // Each address opens in the family's language when the survey speaks it.
            let french = try #require(lines.first { $0.contains("parent0@home.example") })
            #expect(french.hasSuffix("?lang=fr"), "\(french)")
            let offered: [BelongCore.Language] = [.english, .french, Language(anyCode: "ar")!]
            #expect(CodeExport.languageQuery("fr-CA", offered: offered) == "?lang=fr" && CodeExport.languageQuery("FRA", offered: offered) == "?lang=fr")
            #expect(CodeExport.languageQuery("ar", offered: offered) == "?lang=ar", "a translation the wave offers")
            #expect(CodeExport.languageQuery("pa", offered: offered) == "" && CodeExport.languageQuery(nil, offered: offered) == "", "a language the survey does not speak opens in the default")
            let other = try await team.post("/surveys/\(survey.wave.id.uuidString.lowercased())/codes.csv", form: [("school", survey.base.south.id.uuidString.lowercased())])
            #expect(other.status == .forbidden)
        }
    }

    @Test("the school team records a family's opt-out on the student's page; it is audited and the student gets no code")
    func optOut() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let team = try await Self.signedIn(client, fixture, .schoolTeam)
            let path = "/schools/\(fixture.north.id.uuidString.lowercased())/students/\(fixture.northStudent.id.uuidString.lowercased())"
            #expect(try await team.get(path).text.contains("Record a family’s opt-out"))
            let done = try await team.post("\(path)/survey-opt-out", form: [("optOut", "yes")])
            #expect(done.status == .seeOther)
            let page = try await team.get(done.location!)
            #expect(page.text.contains("opted them out"))
            #expect(try await PeopleStore(database: database).student(id: fixture.northStudent.id, school: fixture.north.id)?.surveyOptOut == true)
            let events = try await AuditStore(database: database).events(.init()).events
            #expect(events.contains { $0.action == .surveyOptOutChanged && $0.targetId == fixture.northStudent.id.uuidString })
            _ = try await team.post("\(path)/survey-opt-out", form: [("optOut", "no")])
            #expect(try await PeopleStore(database: database).student(id: fixture.northStudent.id, school: fixture.north.id)?.surveyOptOut == false)
        }
    }

    @Test("`belong codes` writes a class's slips or a CSV, and refuses the wrong target")
    func commandLine() async throws {
        try await TestDatabase.withMigrated { database in
            let survey = try await SurveyFixture.make(on: database, students: 0)
            var roster = RosterSnapshot()
            let room = SchoolClass(sourcedId: "c-cli", schoolId: survey.base.north.id, title: "4C", kind: .homeroom, grades: [.grade4])
            roster.classes = [room]
            roster.students = (0..<3).map { Student(sourcedId: "st-cli-\($0)", schoolId: survey.base.north.id, name: PersonName(given: "C\($0)", family: "Li"), grade: .grade4) }
            roster.enrollments = roster.students.map { Enrollment(classId: room.id, schoolId: survey.base.north.id, member: .student($0.id), role: .student) }
            try await RosterStore(database: database).insertNew(roster)
            let export = CodeExport(database: database)
            let html = try await export.issue(wave: survey.wave.id, classId: room.id, schoolId: nil, format: .html, paper: "a4",
                                              address: "https://belong.lakeside.example", actor: .commandLine)
            #expect(html.count == 3)
            #expect(html.text.contains("@page { size: A4"))
            #expect(html.text.contains("https://belong.lakeside.example/s/"))
            let csv = try await export.issue(wave: survey.wave.id, classId: room.id, schoolId: nil, format: .csv, address: "https://x.example", actor: .commandLine)
            #expect(csv.count == 0, "everyone in 4C has a code now")
            await #expect(throws: CodeExport.Failure.self) {
                try await export.issue(wave: survey.wave.id, classId: nil, schoolId: survey.base.north.id, format: .csv, address: "", actor: .commandLine)
            }
            await #expect(throws: CodeExport.Failure.noClass(UUID(uuidString: "00000000-0000-0000-0000-000000000001")!.uuidString)) {
                try await export.issue(wave: survey.wave.id, classId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, schoolId: nil,
                                       format: .csv, address: "", actor: .commandLine)
            }
        }
    }
}

@Suite("A district's own questionnaires")
struct InstrumentUploadTests {
    static func upload(_ browser: TestBrowser, _ json: String) async throws -> TestBrowser.Page {
        try await browser.get("/admin/instruments")
        let boundary = "belong-\(UUID().uuidString)"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pulse.json\"\r\nContent-Type: application/json\r\n\r\n\(json)\r\n--\(boundary)--\r\n"
        let token = try #require(browser.formToken)
        return try await browser.send("/admin/instruments?_csrf=\(token)", method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
                                      body: ByteBuffer(string: body))
    }

    static let pulse = """
    {"id": "lakeside-pulse", "version": 1, "audience": "student", "title": {"en": "Lakeside pulse", "fr": "Pouls de Lakeside"}, "languages": ["en", "fr"],
     "scales": [{"id": "belonging", "name": {"en": "Belonging", "fr": "Appartenance"}}],
     "items": [{"id": "b1", "scale": "belonging", "response": "agree5", "text": {"en": "I belong here.", "fr": "J’ai ma place ici."}}]}
    """

    @Test("a district administrator uploads a questionnaire; uploading it again adds version 2 and version 1 stays as it was")
    func upload() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await SurveyWaveTests.signedIn(client, fixture, .districtAdministrator)
            let list = try await admin.get("/admin/instruments")
            #expect(list.text.contains("Belong Six Feelings") || list.text.contains("belong-student@1"))
            let first = try await Self.upload(admin, Self.pulse)
            #expect(first.status == .seeOther)
            #expect(first.location == "/admin/instruments?added=lakeside-pulse@1")
            let second = try await Self.upload(admin, Self.pulse.replacingOccurrences(of: "I belong here.", with: "I belong at this school."))
            #expect(second.location == "/admin/instruments?added=lakeside-pulse@2")
            let store = InstrumentStore(database: database, builtIn: try BuiltInInstruments.load())
            #expect(try await store.find(id: "lakeside-pulse", version: 1)?.items[0].text["en"] == "I belong here.")
            #expect(try await store.find(id: "lakeside-pulse", version: 2)?.items[0].text["en"] == "I belong at this school.")
            #expect(try await admin.get("/surveys/new").text.contains("lakeside-pulse@2"), "waves use the newest version")
            let file = try await admin.get("/admin/instruments/lakeside-pulse/1")
            #expect(file.text.contains("I belong here."))
            #expect(try await AuditStore(database: database).events(.init()).events.contains { $0.action == .instrumentAdded })
        }
    }

    @Test("a broken questionnaire is refused with what is wrong; a built-in id cannot be taken")
    func refused() async throws {
        try await TestApp.run { client, database in
            let fixture = try await Fixture.make(on: database)
            let admin = try await SurveyWaveTests.signedIn(client, fixture, .districtAdministrator)
            let missing = try await Self.upload(admin, Self.pulse.replacingOccurrences(of: #", "fr": "J’ai ma place ici.""#, with: ""))
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("item 'b1' has no 'fr' text"))
            let scale = try await Self.upload(admin, Self.pulse.replacingOccurrences(of: "agree5", with: "agree7"))
            #expect(scale.text.contains("'agree7' is not a response scale"))
            let taken = try await Self.upload(admin, Self.pulse.replacingOccurrences(of: "lakeside-pulse", with: "belong-student"))
            #expect(taken.status == .unprocessableContent)
            #expect(taken.text.contains("belongs to a questionnaire Belong ships"))
            let garbage = try await Self.upload(admin, "{{{")
            #expect(garbage.status == .unprocessableContent)
            #expect(try await database.read { db in try await db.count("instruments") } == 0)
        }
    }
}

@Suite("Participation against the roster of its wave")
struct WaveRosterTests {
    @Test("a closed wave's participation counts the codes it issued, not today's roster; an open wave counts today's")
    func closedWaveKeepsItsRoster() async throws {
        try await TestDatabase.withMigrated { (database: Database) async throws in
            let survey = try await SurveyFixture.make(on: database, students: 12, state: .closed)
            let store = ParticipationStore(database: database)
            let before = try await store.eligible(survey.wave, schools: [survey.base.north.id])[survey.base.north.id]?.total
            #expect(before == 12)
            // The roster moves on: seven more students join the school in the same grades.
            var later = RosterSnapshot()
            later.students = (0..<7).map { Student(sourcedId: "later-\($0)", schoolId: survey.base.north.id, name: PersonName(given: "L\($0)", family: "Later"), grade: .grade4) }
            try await RosterStore(database: database).insertNew(later)
            #expect(try await store.eligible(survey.wave, schools: [survey.base.north.id])[survey.base.north.id]?.total == 12)
            var open = survey.wave
            open.state = .open
            #expect(try await store.eligible(open, schools: [survey.base.north.id])[survey.base.north.id]?.total ?? 0 >= 19)
        }
    }
}
