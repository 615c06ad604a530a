import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import BelongServer

/// The adversarial suite (issue #5): someone with every district role's access asks the API and the
/// CSV exports for everything they offer — every scope, filter, breakdown and wave — and tries to
/// compute a small group's figures from what comes back. Every attempt must fail.
@Suite("Privacy: recovering a hidden group")
struct ResultsPrivacyTests {
    static func token(_ database: Database, _ fixture: Fixture, _ role: Role) async throws -> String {
        let account = try #require(try await AccountStore(database: database).credentials(email: fixture.emails[role]!)?.account)
        return try await TokenStore(database: database).create(name: "adversary", userId: account.id, districtId: fixture.district.id, canWrite: false,
                                                               createdBy: account.id).secret
    }

    static func get(_ client: any TestClientProtocol, _ path: String, token: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        let response = try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(token)"], body: nil)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response.status, object)
    }

    /// A fresh app with the results fixture, an API token for `role`, and the spring wave's and North's
    /// ids as the API's paths write them.
    static func withResults(as role: Role, _ test: @escaping @Sendable (any TestClientProtocol, Database, ResultsFixture, String, String, String) async throws -> Void)
        async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let token = try await Self.token(database, results.base, role)
            try await test(client, database, results, token, results.spring.id.uuidString.lowercased(), results.base.north.id.uuidString.lowercased())
        }
    }

    static func key(_ group: [String: Any]) -> GroupKey {
        GroupKey(level: (group["level"] as? String).flatMap(SchoolLevel.init(rawValue:)), school: (group["schoolId"] as? String).flatMap(UUID.init(uuidString:)),
                 grade: (group["grade"] as? String).flatMap(Grade.init(code:)), classId: (group["classId"] as? String).flatMap(UUID.init(uuidString:)),
                 attribute: group["attribute"] as? String, value: group["value"] as? String)
    }

    @Test("everything the API answers, added and subtracted in every way, never gives a group or cell smaller than the minimum")
    func noSumOrDifferenceRevealsASmallGroup() async throws {
        try await TestApp.run { client, database in
            let results = try await ResultsFixture.make(on: database)
            let token = try await Self.token(database, results.base, .districtAdministrator)
            let engine = ResultsEngine(store: ResultsStore(database: database), instruments: InstrumentStore(database: database, builtIn: try BuiltInInstruments.load()))
            let levels = try await engine.schoolLevels()
            for wave in [results.fall, results.spring] {
                let w = wave.id.uuidString.lowercased()
                let north = results.base.north.id.uuidString.lowercased(), south = results.base.south.id.uuidString.lowercased()
                var scopes = ["", "?level=elementary", "?level=high", "?school=\(north)", "?school=\(south)"]
                for grade in ["04", "05", "10", "11"] {
                    scopes += ["?grade=\(grade)", "?school=\(north)&grade=\(grade)", "?school=\(south)&grade=\(grade)", "?level=elementary&grade=\(grade)"]
                }
                var shown: [GroupKey: Int] = [:]
                var withheld: [GroupKey: String] = [:]
                var asked = 0
                for scope in scopes {
                    let (status, body) = try await Self.get(client, "/api/v1/waves/\(w)/results\(scope)", token: token)
                    #expect(status == .ok || status == .notFound, "\(scope): \(status)")
                    asked += 1
                    if let figures = body["figures"] as? [String: Any], figures["shown"] as? Bool == true, let group = body["group"] as? [String: Any] {
                        shown[Self.key(group)] = figures["respondents"] as? Int
                    }
                    for dimension in ["grade", "class", "school", "level", "attribute.sex"] {
                        let separator = scope.isEmpty ? "?" : "&"
                        let (status, body) = try await Self.get(client, "/api/v1/waves/\(w)/breakdowns/\(dimension)\(scope)\(separator)x=1", token: token)
                        asked += 1
                        guard status == .ok else {
                            #expect(status == .badRequest, "\(dimension)\(scope): \(status)")
                            continue
                        }
                        for row in body["rows"] as? [[String: Any]] ?? [] {
                            guard let figures = row["figures"] as? [String: Any], let group = row["group"] as? [String: Any] else { continue }
                            if figures["shown"] as? Bool == true {
                                shown[Self.key(group)] = figures["respondents"] as? Int
                                #expect(figures["reason"] == nil)
                            } else {
                                #expect(figures["respondents"] == nil && figures["index"] == nil, "a hidden row carries no figures")
                                withheld[Self.key(group)] = figures["reason"] as? String
                            }
                        }
                    }
                }
                #expect(asked > 100)
                // What the adversary cannot see: the cells of the wave, and which groups are small.
                let loaded = try await engine.results(for: wave)
                let cells = loaded.answers.cells
                let counts = loaded.answers.summarizeCells().map(\.respondents)
                for (key, n) in shown {
                    #expect(n == zip(cells, counts).filter { key.contains($0.0, level: levels[$0.0.school]!) }.reduce(0) { $0 + $1.1 }, "\(key) reports its true size")
                    #expect(n >= wave.minimumGroupSize)
                }
                let plan = loaded.results.filter.plan
                // Each withheld group says why, and truly: "fewer than the minimum" only when it is.
                for (key, reason) in withheld {
                    let n = plan.respondents(in: key) ?? 0
                    #expect(reason == (n < wave.minimumGroupSize ? "fewer-than-minimum" : "protects-smaller-group"), "\(key) (\(n)): \(reason)")
                }
                #expect(withheld.values.contains("fewer-than-minimum"))
                let found = WorkedOut.smallFigures(shown: Array(shown.keys), plan: plan, cells: cells, counts: counts, levels: levels,
                                                   minimumN: wave.minimumGroupSize)
                #expect(found.isEmpty, "\(wave.title): \(found.prefix(5)) can be computed from what the API shows")
            }
        }
    }

    @Test("the attacks one by one: total minus shown groups, two filters, two waves, a breakdown of a breakdown, the CSV")
    func namedAttacks() async throws {
        try await Self.withResults(as: .districtAdministrator) { client, database, results, token, w, north in

            // Total minus the shown classes: what is left is never a single small class.
            let (_, school) = try await Self.get(client, "/api/v1/waves/\(w)/results?school=\(north)", token: token)
            let total = try #require((school["figures"] as? [String: Any])?["respondents"] as? Int)
            let (_, classes) = try await Self.get(client, "/api/v1/waves/\(w)/breakdowns/class?school=\(north)", token: token)
            let rows = classes["rows"] as? [[String: Any]] ?? []
            let shownSum = rows.compactMap { ($0["figures"] as? [String: Any])?["respondents"] as? Int }.reduce(0, +)
            let hidden = rows.filter { ($0["figures"] as? [String: Any])?["shown"] as? Bool == false }
            #expect(hidden.count != 1)
            #expect(total - shownSum == 0 || total - shownSum >= 10, "the rest (\(total - shownSum)) is not a small group")

            // Two filters: the district's grade 11 and South's grade 11 are the same seven students; neither is shown.
            let (_, districtGrade) = try await Self.get(client, "/api/v1/waves/\(w)/results?grade=11", token: token)
            #expect((districtGrade["figures"] as? [String: Any])?["shown"] as? Bool == false)
            let (_, level) = try await Self.get(client, "/api/v1/waves/\(w)/results?level=high&grade=11", token: token)
            #expect((level["figures"] as? [String: Any])?["shown"] as? Bool == false)

            // Two waves: a change is given only where both waves show the group.
            let (_, grade11) = try await Self.get(client, "/api/v1/waves/\(w)/results?school=\(results.base.south.id.uuidString.lowercased())&grade=11", token: token)
            #expect(grade11["indexChange"] == nil && (grade11["scaleChanges"] as? [Any])?.isEmpty != false)

            // A breakdown of a breakdown is refused, whether asked of the API…
            let (status, problem) = try await Self.get(client, "/api/v1/waves/\(w)/breakdowns/attribute.sex?school=\(north)&grade=04", token: token)
            #expect(status == .badRequest)
            #expect((problem["message"] as? String)?.contains("breakdown of a breakdown") == true)
            // …while the attribute at the school is offered, with the two X students and their complement hidden.
            let (_, sex) = try await Self.get(client, "/api/v1/waves/\(w)/breakdowns/attribute.sex?school=\(north)", token: token)
            let sexRows = sex["rows"] as? [[String: Any]] ?? []
            #expect(sexRows.count == 3 && sexRows.filter { ($0["figures"] as? [String: Any])?["shown"] as? Bool == false }.count >= 2)

            // …and the CSV: every withheld row is the label and why it is withheld, nothing else.
            let browser = TestBrowser(client)
            try await browser.signIn(results.base.emails[.districtAdministrator]!, Fixture.password)
            for table in ["classes", "grades", "attribute-sex", "items", "feelings"] {
                let csv = try await browser.get(SiteURL.schoolResultsTable(wave: results.spring.id, school: results.base.north.id, table: table).path)
                #expect(csv.status == .ok, "\(table)")
                let labels = ["fewer than 10", "withheld so a smaller group cannot be worked out"]
                for line in csv.text.split(separator: "\r\n") where labels.contains(where: line.contains) {
                    let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                    #expect(cells.dropFirst().filter { !$0.isEmpty && !labels.contains(String($0)) }.isEmpty, "\(table): \(line)")
                }
            }
            let districtCSV = try await browser.get(SiteURL.waveResultsTable(wave: results.spring.id, table: "grades").path + "?level=high")
            #expect(districtCSV.status == .ok)
            #expect(districtCSV.text.contains("Grade 11,fewer than 10"))
        }
    }

    @Test("responses arriving one by one in an open wave, its results looked at after each: nothing of fewer than the minimum can be worked out across every release, the close included")
    func successiveReleases() async throws {
        try await TestDatabase.withMigrated { database in
            let results = try await ResultsFixture.make(on: database)
            var winter = results.fall
            winter.id = UUID()
            winter.title = "Winter check-in"
            winter.state = .open
            try await SurveyStore(database: database).create(winter, by: nil)
            let id = winter.id
            let engine = ResultsEngine(store: ResultsStore(database: database), instruments: InstrumentStore(database: database, builtIn: try BuiltInInstruments.load()),
                                       releaseEvery: 0)
            let levels = try await engine.schoolLevels()
            // The fixture's classes, a small one among them; responses come in at random, one at a time.
            let rooms: [(school: UUID, grade: Int, room: String, weight: Int)] = [
                (results.base.north.id, 4, "4A", 15), (results.base.north.id, 4, "4B", 12), (results.base.north.id, 5, "5A", 20),
                (results.base.north.id, 5, "=5B", 3), (results.base.south.id, 10, "10A", 25), (results.base.south.id, 11, "11A", 7),
            ]
            var rng = SeededGenerator(seed: 12)
            var seen: [(number: Int, release: WorkedOut.Release)] = []
            func look(_ wave: SurveyWave) async throws {
                let loaded = try await engine.results(for: wave)
                guard let release = loaded.release, release.number != seen.last?.number else { return }
                let filter = loaded.results.filter
                seen.append((release.number, WorkedOut.Release(keys: filter.plan.groups, shows: { filter.reason($0) == nil }, upTo: seen.count)))
            }
            for _ in 0..<160 {
                var pick = Int.random(in: 0..<rooms.map(\.weight).reduce(0, +), using: &rng)
                let room = rooms.first { pick -= $0.weight; return pick < 0 }!
                let answers = results.layout.items.map { _ in UInt8(Int.random(in: 1...3, using: &rng)) }
                try await database.write { db in
                    try await db.insertRows(into: "survey_responses", columns: ResponseWriter.columns, rows: [[
                        SQLBind(UUID()), SQLBind(id), SQLBind(room.school), SQLBind(room.grade), SQLBind(results.classes[room.room]!), SQLBind("students"),
                        SQLBind("en"), SQLBind("2026-12-01"), SQLBind(Data(answers)), SQLLiteral.null, SQLLiteral.null, SQLLiteral.null,
                    ]])
                }
                try await look(winter)
            }
            try await database.write { db in
                try await db.update("survey_waves").set("state", to: SQLBind(SurveyWave.State.closed.rawValue)).where("id", .equal, SQLBind(id)).run()
            }
            winter.state = .closed
            try await look(winter)
            let rows = try await database.read { db in
                try await db.select().columns("school_id", "grade", "class_id", "released_in").from("survey_responses").where("wave_id", .equal, SQLBind(id)).all()
            }
            var cells: [ResultCell] = [], responses: [(cell: Int, release: Int)] = []
            for row in rows {
                guard let number = try row.decode(column: "released_in", as: Int?.self) else { continue }
                let cell = ResultCell(school: try row.decode(column: "school_id", as: UUID.self), grade: Grade(rawValue: try row.decode(column: "grade", as: Int.self)),
                                      classId: try row.decode(column: "class_id", as: UUID.self))
                if !cells.contains(cell) { cells.append(cell) }
                guard let release = seen.firstIndex(where: { $0.number >= number }) else { Issue.record("release \(number) was never seen"); continue }
                responses.append((cells.firstIndex(of: cell)!, release))
            }
            let found = WorkedOut.acrossReleases(cells: cells, levels: levels, responses: responses, releases: seen.map(\.release), minimumN: 10)
            #expect(found.isEmpty, "\(seen.count) releases: \(found.prefix(5))")
            #expect(seen.count >= 4, "the figures went out in steps (\(seen.count) releases)")
            #expect(responses.count >= 120, "\(responses.count) of 160 responses counted at the close")
        }
    }

    @Test("an open wave's figures move only in releases: two looks a response apart give the same figures, and the close does not add a lone late response")
    func openWaveInSteps() async throws {
        try await Self.withResults(as: .districtAdministrator) { client, database, results, token, w, north in
            try await database.write { db in
                try await db.update("survey_waves").set("state", to: SQLBind(SurveyWave.State.open.rawValue)).where("id", .equal, SQLBind(results.spring.id)).run()
            }
            let paths = ["/api/v1/waves/\(w)/results?school=\(north)", "/api/v1/waves/\(w)/breakdowns/class?school=\(north)",
                         "/api/v1/waves/\(w)/breakdowns/grade", "/api/v1/waves/\(w)/results"]
            func look() async throws -> [NSDictionary] {
                var answers: [NSDictionary] = []
                for path in paths {
                    let (status, body) = try await Self.get(client, path, token: token)
                    #expect(status == .ok, "\(path)")
                    answers.append(body as NSDictionary)
                }
                return answers
            }
            let first = try await look()
            #expect((first[0]["figures"] as? [String: Any])?["shown"] as? Bool == true, "the first look releases the wave's figures")
            // One more response, in a class that is shown: nothing a reader sees moves.
            try await database.write { db in
                try await db.insertRows(into: "survey_responses", columns: ResponseWriter.columns, rows: [[
                    SQLBind(UUID()), SQLBind(results.spring.id), SQLBind(results.base.north.id), SQLBind(4), SQLBind(results.classes["4A"]!), SQLBind("students"),
                    SQLBind("en"), SQLBind("2026-04-21"), SQLBind(Data([UInt8](repeating: 1, count: 19))), SQLLiteral.null, SQLLiteral.null, SQLLiteral.null,
                ]])
            }
            let second = try await look()
            for (path, (before, after)) in zip(paths, zip(first, second)) { #expect(before == after, "\(path) moved by one response") }
            let browser = TestBrowser(client)
            try await browser.signIn(results.base.emails[.schoolAdministrator]!, Fixture.password)
            let page = try await browser.get(SiteURL.schoolResults(wave: results.spring.id, school: results.base.north.id).path)
            #expect(page.text.contains("figures were last released"), "the page says when")
            let waiting = try await ResultsFixture.waiting(database, wave: results.spring.id)
            #expect(waiting >= 1)
            #expect(page.text.contains("\(waiting) more have come in since"))
            // Closed: the last release adds what it can; no shown figure moves by fewer than the minimum.
            try await database.write { db in
                try await db.update("survey_waves").set("state", to: SQLBind(SurveyWave.State.closed.rawValue)).where("id", .equal, SQLBind(results.spring.id)).run()
            }
            let closed = try await look()
            let respondents = { (answer: NSDictionary) in (answer["figures"] as? [String: Any])?["respondents"] as? Int }
            for (path, (before, after)) in zip(paths, zip(first, closed)) {
                let moved = (respondents(after) ?? 0) - (respondents(before) ?? 0)
                #expect(moved == 0 || moved >= 10, "\(path) moved by \(moved) at the close")
            }
            let left = try await ResultsFixture.waiting(database, wave: results.spring.id)
            let closedPage = try await browser.get(SiteURL.schoolResults(wave: results.spring.id, school: results.base.north.id).path)
            #expect(left == 0 || closedPage.text.contains("\(left) of this wave’s responses are not counted"), "\(left) left out")
            _ = try await look()
            let settled = try await ResultsFixture.waiting(database, wave: results.spring.id)
            #expect(left == settled, "the close is settled: nothing is released after it")
        }
    }

    @Test("the API: waves for the token's schools, a school's results for a principal, the district refused to a school role, bad input refused")
    func api() async throws {
        try await Self.withResults(as: .schoolAdministrator) { client, database, results, principal, w, north in
            let (status, waves) = try await Self.get(client, "/api/v1/waves", token: principal)
            #expect(status == .ok && (waves["waves"] as? [Any])?.count == 2)
            let (ok, body) = try await Self.get(client, "/api/v1/waves/\(w)/results?school=\(north)", token: principal)
            #expect(ok == .ok)
            let figures = try #require(body["figures"] as? [String: Any])
            #expect(figures["respondents"] as? Int == 50)
            let plain = try await ResultsFixture.plainIndex(database, wave: results.spring.id, school: results.base.north.id, layout: results.layout)
            #expect((figures["index"] as? [String: Any])?["count"] as? Int == plain.high && (figures["index"] as? [String: Any])?["n"] as? Int == plain.scored)
            #expect((body["indexChange"] as? [String: Any])?["verdict"] as? String == "improved")
            #expect(try await Self.get(client, "/api/v1/waves/\(w)/results", token: principal).0 == .forbidden)
            #expect(try await Self.get(client, "/api/v1/waves/\(w)/results?school=\(results.base.south.id.uuidString.lowercased())", token: principal).0 == .forbidden)
            #expect(try await Self.get(client, "/api/v1/waves/\(w)/results?school=nope", token: principal).0 == .badRequest)
            #expect(try await Self.get(client, "/api/v1/waves/\(w)/results?school=\(north)&grade=13", token: principal).0 == .badRequest)
            #expect(try await Self.get(client, "/api/v1/waves/\(w)/breakdowns/shoe-size?school=\(north)", token: principal).0 == .badRequest)
            #expect(try await Self.get(client, "/api/v1/waves/\(UUID().uuidString)/results?school=\(north)", token: principal).0 == .notFound)
            let document = try await client.execute(uri: "/openapi.json", method: .get, headers: [:], body: nil)
            #expect(document.status == .ok && String(buffer: document.body).contains("/api/v1/waves/{wave}/breakdowns/{dimension}"))
        }
    }
}
