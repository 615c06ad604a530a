import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import BelongServer

/// One code, one response: double clicks, retries, two tabs and two devices all end with one stored
/// response and a clear "already submitted" for the rest.
@Suite("Exactly one response per code")
struct ExactlyOnceTests {
    @Test("fifty simultaneous submits of one code through the pages store one response; the rest are told it was submitted")
    func pages() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database)
            let code = survey.codes[0]
            let browser = TestBrowser(client)
            _ = try await browser.post("/s/\(code)/1", form: [("choice.safe-1", "4"), ("move", "next")])
            // Tabs of the one browser that saved the draft: they all hold its resume word.
            let cookie = "\(RespondController.resumeCookie)=\(try #require(browser.cookies[RespondController.resumeCookie]))"
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await TestBrowser(client).post("/s/\(code)/submit", form: [], headers: [.cookie: cookie]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 49)
            #expect(try await RespondTests.responses(database) == 1)
        }
    }

    @Test("a draft saved at the moment of a submit never outlives it: every used code ends with no draft")
    func draftRacingSubmit() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, students: 40)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for code in survey.codes {
                    for _ in 0..<3 {
                        group.addTask {
                            _ = try await RespondAPITests.send(client, "/api/v1/respond/\(code)/draft", method: .put,
                                                               #"{"language": "en", "answers": {"choices": {"safe-1": 2}}}"#)
                        }
                    }
                    group.addTask {
                        let stored = try await RespondAPITests.send(client, "/api/v1/respond/\(code)", #"{"language": "en", "answers": {"choices": {"safe-1": 4}}}"#)
                        #expect(stored.status == .created)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await RespondTests.responses(database) == 40)
            let left = try await database.read { db in try await db.count("response_drafts") }
            #expect(left == 0, "\(left) drafts outlived their code's response on \(TestDatabase.kind)")
            // A save after the submit is told the code was used.
            let late = try await RespondAPITests.send(client, "/api/v1/respond/\(survey.codes[0])/draft", method: .put, #"{"language": "en", "answers": {}}"#)
            #expect(late.status == .conflict)
        }
    }

    @Test("two hundred submits over a hundred codes, at once through the API: a hundred stored, a hundred conflicts")
    func api() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database, students: 100)
            let codes = survey.codes + survey.codes
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for code in codes.shuffled() {
                    group.addTask {
                        try await client.execute(uri: "/api/v1/respond/\(code)", method: .post, headers: [.contentType: "application/json"],
                                                 body: ByteBuffer(string: #"{"language": "fr", "answers": {"choices": {"heard-2": 2}}}"#)).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 100)
            #expect(statuses.filter { $0 == .conflict }.count == 100)
            #expect(try await RespondTests.responses(database) == 100)
            let used = try await database.read { db in try await db.select().column("used").from("access_codes").all().map { try $0.decode(column: "used", as: Bool.self) } }
            #expect(used.allSatisfy { $0 })
        }
    }

    @Test("two servers on one database, each with its own writer, still store one response per code")
    func twoWriters() async throws {
        try await TestDatabase.withMigrated { database in
            let survey = try await SurveyFixture.make(on: database, students: 20)
            let first = try await RespondTests.taking(database), second = try await RespondTests.taking(database)
            let outcomes = try await Self.submitAtOnce(survey.codes, through: [first, second, first])
            #expect(outcomes.filter { $0 == .stored }.count == 20)
            #expect(try await RespondTests.responses(database) == 20)
        }
    }

    /// Every code submitted once through each of the given servers, all at once; nil where the code did not open.
    static func submitAtOnce(_ codes: [String], through takings: [SurveyTaking]) async throws -> [ResponseWriter.Outcome?] {
        try await withThrowingTaskGroup(of: ResponseWriter.Outcome?.self) { group in
            for code in codes {
                for taking in takings {
                    group.addTask {
                        guard case .success(let session) = try await taking.open(code: code, address: nil) else { return nil }
                        return try await taking.submit(session, language: .english, answers: Answers(choices: ["safe-3": 3]))
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }
}
