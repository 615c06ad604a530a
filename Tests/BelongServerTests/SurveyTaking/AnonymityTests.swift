import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import BelongServer

/// DOMAIN.md §4: in an anonymous wave nothing — ids, timestamps, row order, logs — links a response
/// to its code. Each test tries one way to link them and must fail.
@Suite("Anonymous responses cannot be linked to their codes")
struct AnonymityTests {
    static func submitAll(_ client: any TestClientProtocol, _ codes: [String], headers: (Int) -> HTTPFields = { _ in [:] }) async throws {
        for (index, code) in codes.enumerated() {
            let body = #"{"language": "en", "answers": {"choices": {"safe-1": \#(index % 5 + 1)}}}"#
            let response = try await client.execute(uri: "/api/v1/respond/\(code)", method: .post,
                                                    headers: headers(index).merging([.contentType: "application/json"]), body: ByteBuffer(string: body))
            #expect(response.status == .created)
        }
    }

    @Test("a stored response keeps the batch, the answers and the day, and nothing else: no code, hash, time, address or browser")
    func columns() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database)
            let code = survey.codes[0]
            let hash = try await RespondTests.hash(code, database)
            try await Self.submitAll(client, [code]) { _ in
                [.userAgent: "Mozilla/5.0 (Distinctive Browser 77.7)", .init("X-Forwarded-For")!: "203.0.113.77"]
            }
            let row = try #require(try await database.read { db in try await db.select().columns("*").from("survey_responses").first() })
            // released_in: the number of the release that let it out (an open wave's figures go out in steps), no finer than
            // the day, and empty until someone reads the wave's results.
            #expect(Set(row.allColumns) == ["id", "wave_id", "school_id", "grade", "class_id", "respondent_kind", "language", "day", "answers",
                                           "texts", "adults", "student_id", "released_in"], "a new column must be checked against DOMAIN.md §4 first")
            #expect(try row.decode(column: "released_in", as: Int?.self) == nil)
            var stored: [String] = []
            for column in row.allColumns {
                if let text = try? row.decode(column: column, as: String?.self) { stored.append(text ?? "") }
                if let data = try? row.decode(column: column, as: Data?.self) { stored.append(String(decoding: data ?? Data(), as: UTF8.self)) }
            }
            for secret in [code, AccessCode.display(code), hash, "Distinctive", "203.0.113"] {
                #expect(!stored.contains { $0.localizedCaseInsensitiveContains(secret) }, "\(secret) is stored with the response")
            }
            let day = try row.decode(column: "day", as: String.self)
            #expect(day.count == 10 && CalendarDate(iso: day) != nil, "the day only: \(day)")
            #expect(try row.decode(column: "student_id", as: UUID?.self) == nil)
            // And the code's row says it was used, but not when or by whom.
            let codeRow = try #require(try await database.read { db in try await db.select().columns("*").from("access_codes").first() })
            #expect(Set(codeRow.allColumns) == ["code_hash", "wave_id", "school_id", "grade", "class_id", "respondent_kind", "student_id", "used", "void"])
        }
    }

    @Test("response ids are random version-4 UUIDs that follow neither arrival nor the codes")
    func ids() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, students: 60)
            try await Self.submitAll(client, survey.codes)
            let ids = try await database.read { db in
                try await db.select().column("id").from("survey_responses").orderBy("id").all().map { try $0.decode(column: "id", as: UUID.self) }
            }
            #expect(ids.count == 60)
            #expect(ids.allSatisfy { $0.uuidString.dropFirst(14).first == "4" }, "version 4: random")
            let hashes = try await database.read { db in
                try await db.select().column("code_hash").from("access_codes").all().map { try $0.decode(column: "code_hash", as: String.self) }
            }
            #expect(Set(ids.map { $0.uuidString.lowercased().replacingOccurrences(of: "-", with: "") }).isDisjoint(with: hashes.map { String($0.prefix(32)) }))
        }
    }

    /// Spearman's rank correlation between two orders of the same items.
    static func rankCorrelation<T: Hashable>(_ a: [T], _ b: [T]) -> Double {
        let position = Dictionary(uniqueKeysWithValues: b.enumerated().map { ($1, $0) })
        let n = Double(a.count)
        let d2 = a.enumerated().reduce(0.0) { sum, pair in sum + pow(Double(pair.offset - position[pair.element]!), 2) }
        return 1 - 6 * d2 / (n * (n * n - 1))
    }

    @Test("on PostgreSQL, no response keeps the id of the transaction that used its code once housekeeping has run")
    func transactionIds() async throws {
        guard TestDatabase.postgresURL != nil else { return }  // SQLite rows carry no transaction id.
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, students: 6)
            try await Self.submitAll(client, Array(survey.codes.prefix(4)))
            func xmins(_ sql: String) async throws -> [String] {
                try await database.read { db in try await db.raw(SQLQueryString(sql)).all().map { try $0.decode(column: "x", as: String.self) } }
            }
            let responses = "SELECT xmin::text AS x FROM survey_responses", codes = "SELECT xmin::text AS x FROM access_codes WHERE used"
            #expect(Set(try await xmins(responses)).count == 4, "each response was written by the transaction that claimed its code")
            #expect(Set(try await xmins(responses)) == Set(try await xmins(codes)))
            try await SurveyHousekeeping(database: database).scrambleStorage()
            let after = Set(try await xmins(responses) + (try await xmins(codes)))
            #expect(after.count == 1, "every response and used code now shares one transaction: \(after)")
        }
    }

    @Test("the order rows come back in, unsorted, says nothing about the order responses arrived in")
    func storageOrder() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, students: 60)
            var arrival: [UUID] = []
            for code in survey.codes {
                try await Self.submitAll(client, [code])
                let all = try await database.read { db in try await db.select().column("id").from("survey_responses").all().map { try $0.decode(column: "id", as: UUID.self) } }
                arrival.append(all.first { !arrival.contains($0) }!)
            }
            // On PostgreSQL the heap keeps insertion order until housekeeping rewrites it (when a wave closes, and hourly).
            try await SurveyStore(database: database).transition(survey.wave.id, to: .closed)
            try await SurveyHousekeeping(database: database).run()
            let stored = try await database.read { db in try await db.select().column("id").from("survey_responses").all().map { try $0.decode(column: "id", as: UUID.self) } }
            #expect(stored.count == 60)
            // For 60 items in random order, |ρ| > 0.6 happens about once in 200,000 runs.
            #expect(abs(Self.rankCorrelation(stored, arrival)) < 0.6, "ρ = \(Self.rankCorrelation(stored, arrival)) on \(TestDatabase.kind)")
            // Codes stay where they were issued (SQLite, shuffled within the class) or are rewritten in hash
            // order (PostgreSQL): either way their order says nothing about the order they were used in.
            let codeOrder = try await database.read { db in
                try await db.raw(SQLQueryString(Self.storageOrder("code_hash", db))).all().map { try $0.decode(column: "code_hash", as: String.self) }
            }
            var used: [String] = []
            for code in survey.codes { used.append(try await RespondTests.hash(code, database)) }
            #expect(Set(codeOrder) == Set(used))
            #expect(abs(Self.rankCorrelation(codeOrder, used)) < 0.6, "ρ = \(Self.rankCorrelation(codeOrder, used)) on \(TestDatabase.kind)")
        }
    }

    /// A table's rows as stored (SQLite: the table itself, not an index that covers the column).
    static func storageOrder(_ column: String, _ db: any SQLDatabase) -> String {
        "SELECT \(column) FROM access_codes\(db.isPostgres ? "" : " NOT INDEXED")"
    }

    @Test("a class's codes are stored in an order that is not the roster's")
    func issueOrder() async throws {
        try await TestApp.run { _, database in
            // Confidential codes name their student, which shows the order they were stored in; anonymous
            // codes are stored the same way, without the name.
            let survey = try await SurveyFixture.make(on: database, students: 60, mode: .confidential)
            let stored = try await database.read { db in
                try await db.raw(SQLQueryString(Self.storageOrder("student_id", db))).all().map { try $0.decode(column: "student_id", as: UUID.self) }
            }
            let roster = survey.students.sorted { ($0.name.family, $0.name.given) < ($1.name.family, $1.name.given) }.map(\.id)
            #expect(Set(stored) == Set(roster))
            // For 60 items in random order, |ρ| > 0.6 happens about once in 200,000 runs.
            #expect(abs(Self.rankCorrelation(stored, roster)) < 0.6, "ρ = \(Self.rankCorrelation(stored, roster)) on \(TestDatabase.kind)")
        }
    }

    @Test("no log line, at any level, and no audit event carries a code or its hash")
    func logs() async throws {
        let capture = LogCapture()
        try await TestApp.run(logger: capture.logger()) { client, database in
            let survey = try await SurveyFixture.make(on: database)
            let code = survey.codes[0]
            let hash = try await RespondTests.hash(code, database)
            let browser = TestBrowser(client)
            try await browser.get("/s?code=\(code)")
            try await browser.get("/s/\(code)")
            try await browser.post("/s/\(code)/1", form: [("choice.safe-1", "5"), ("move", "next")])
            try await browser.get("/s/\(code)/review")
            try await browser.post("/s/\(code)/submit", form: [])
            try await browser.get("/s/\(code)/99")
            try await browser.post("/s", form: [("code", survey.codes[1])])
            _ = try await client.execute(uri: "/api/v1/respond/\(survey.codes[2])", method: .get, headers: [.authorization: "Bearer nonsense"])
            let lines = capture.all
            #expect(lines.contains { $0.contains("/s/…") }, "requests are logged, with the code replaced")
            for secret in [code, survey.codes[1], survey.codes[2], hash] {
                #expect(!lines.contains { $0.contains(secret) }, "\(secret) is in the log")
            }
            let events = try await AuditStore(database: database).events(.init()).events
            #expect(!events.contains { ($0.detail ?? "").contains(code) || ($0.detail ?? "").contains(survey.codes[2]) })
        }
    }

    @Test("the database's own log, at trace, holds no bound value: no answer, no code hash, no email")
    func databaseLog() async throws {
        let capture = LogCapture()
        try await TestApp.run(databaseLogger: capture.logger()) { client, database in
            let survey = try await SurveyFixture.make(on: database)
            let fixture = survey.base
            let hash = try await RespondTests.hash(survey.codes[0], database)
            let drafted = try await RespondAPITests.send(
                client, "/api/v1/respond/\(survey.codes[0])/draft", method: .put,
                #"{"language": "en", "answers": {"choices": {"safe-1": 4}, "texts": {"open-connect": "Quokka lunch club"}}}"#
            )
            #expect(drafted.status == .ok)
            let browser = TestBrowser(client)
            try await browser.get("/s/\(survey.codes[1])")
            try await browser.post("/s/\(survey.codes[1])/8", form: [("text.open-connect", "Wombat reading corner")])
            let submitted = try await RespondAPITests.send(
                client, "/api/v1/respond/\(survey.codes[2])", #"{"language": "en", "answers": {"texts": {"open-connect": "Numbat garden"}}}"#
            )
            #expect(submitted.status == .created)
            try await TestBrowser(client).signIn(fixture.emails[.staff]!, Fixture.password)
            let lines = capture.all
            #expect(lines.contains { $0.contains("Executing query") }, "the statements themselves are logged")
            for secret in ["Quokka", "Wombat", "Numbat", hash, fixture.emails[.staff]!] + survey.codes {
                #expect(!lines.contains { $0.contains(secret) }, "\(secret) is in the database log")
            }
        }
    }

    @Test("no server secret is in the log at start-up, at trace, nor the session or form tokens of a sign-in")
    func secretsNotLogged() async throws {
        let capture = LogCapture()
        try await TestApp.run(logger: capture.logger(), databaseLogger: capture.logger()) { client, database in
            let fixture = try await Fixture.make(on: database)
            let browser = TestBrowser(client)
            try await browser.signIn(fixture.emails[.staff]!, Fixture.password)
            try await browser.get("/dashboard")
            let secrets = try await database.read { db in
                try await db.select().column("value").from("server_secrets").all().map { try $0.decode(column: "value", as: String.self) }
            }
            #expect(secrets.count >= 3, "the form, code, draft and open-answer keys")
            let lines = capture.all
            #expect(lines.contains { $0.contains("server_secrets") }, "the statements that read them are logged")
            for secret in secrets + [browser.cookies["belong_session"] ?? "no session", browser.formToken ?? "no token", Fixture.password] {
                #expect(!lines.contains { $0.contains(secret) }, "a secret is in the log")
            }
        }
    }

    @Test("slips of an anonymous class are shuffled, and who got a code is kept apart from which code")
    func issuing() async throws {
        try await TestDatabase.withMigrated { database in
            let survey = try await SurveyFixture.make(on: database, students: 16)
            let codes = try await database.read { db in try await db.select().columns("*").from("access_codes").all() }
            #expect(codes.count == 16)
            #expect(try codes.allSatisfy { try $0.decode(column: "student_id", as: UUID?.self) == nil }, "anonymous codes name no student")
            let issues = try await database.read { db in try await db.select().columns("*").from("code_issues").all() }
            #expect(Set(issues[0].allColumns) == ["wave_id", "person_id", "person_kind", "school_id"], "the record of who got a code holds no code")
            _ = survey
        }
    }

    @Test("confidential waves link the response to the student, and say so before the first question")
    func confidential() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, mode: .confidential)
            let welcome = try await TestBrowser(client).get("/s/\(survey.codes[0])")
            #expect(welcome.text.contains("confidential, not anonymous"))
            let record = try #require(try await SurveyFixture.codeStore(database).find(code: survey.codes[0]))
            #expect(record.studentId != nil)
            try await Self.submitAll(client, [survey.codes[0]])
            let student = try await database.read { db in
                try await db.select().column("student_id").from("survey_responses").first()?.decode(column: "student_id", as: UUID?.self)
            }
            #expect(student == record.studentId)
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var result = self
        for field in other { result[field.name] = field.value }
        return result
    }
}

@Suite("Response ids")
struct ResponseIdTests {
    @Test("are version 4 UUIDs from the secure generator, never repeated")
    func randomV4() {
        let ids = (0..<10_000).map { _ in UUID.randomV4() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            let text = id.uuidString
            #expect(Array(text)[14] == "4", "version 4: \(text)")
            #expect("89AB".contains(Array(text)[19]), "RFC 4122 variant: \(text)")
        }
    }
}
