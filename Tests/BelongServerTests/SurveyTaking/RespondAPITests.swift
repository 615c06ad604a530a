import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BelongServer

/// The survey as JSON, for kiosks and offline clients, checked against the OpenAPI document.
@Suite("The respondent API")
struct RespondAPITests {
    static func send(_ client: any TestClientProtocol, _ path: String, method: HTTPRequest.Method = .post, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: method, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    @Test("read the survey, keep a draft, read it back, submit once")
    func flow() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database)
            let document = try APITests.document()
            let code = AccessCode.display(survey.codes[0]).lowercased()
            let read = try await client.execute(uri: "/api/v1/respond/\(code)", method: .get)
            #expect(read.status == .ok)
            #expect(read.headers[values: .setCookie].isEmpty)
            let body = try Self.object(read)
            #expect(APITests.conforms(body, to: "RespondSurvey", in: document).isEmpty, "\(APITests.conforms(body, to: "RespondSurvey", in: document))")
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.count == 20)
            #expect((items[0]["choices"] as? [[String: Any]])?.count == 5)
            #expect(body["draft"] == nil)
            let help = try #require(body["help"] as? [String: Any])
            #expect((help["helpline"] as? [String: String])?["en"]?.contains("Kids Help Phone") == true, "a student wave carries the helpline, as its thank-you page does")

            let draft = try await Self.send(client, "/api/v1/respond/\(code)/draft", method: .put, #"{"language": "fr", "answers": {"choices": {"safe-1": 5}, "texts": {"open-connect": "Merci"}}}"#)
            #expect(draft.status == .ok)
            let kept = try Self.object(draft)
            #expect(APITests.conforms(kept, to: "RespondSaved", in: document).isEmpty)
            let word = try #require(kept["resumeWord"] as? String)
            let without = try Self.object(try await client.execute(uri: "/api/v1/respond/\(code)", method: .get))
            #expect(without["draft"] == nil && without["draftLocked"] as? Bool == true, "no word, no draft")
            let again = try Self.object(try await client.execute(uri: "/api/v1/respond/\(code)", method: .get, headers: [RespondAPIController.resumeWordHeader: word]))
            #expect(again["draftLocked"] as? Bool == false)
            let saved = try #require(again["draft"] as? [String: Any])
            #expect(saved["language"] as? String == "fr")
            #expect(((saved["answers"] as? [String: Any])?["choices"] as? [String: Int])?["safe-1"] == 5)
            // Saving again with the word keeps it; without it, the draft is replaced under a new word.
            let same = try Self.object(try await client.execute(uri: "/api/v1/respond/\(code)/draft", method: .put,
                headers: [.contentType: "application/json", RespondAPIController.resumeWordHeader: word], body: ByteBuffer(string: #"{"language": "fr", "answers": {"choices": {"safe-1": 4}}}"#)))
            #expect(same["resumeWord"] as? String == word)
            let replaced = try Self.object(try await Self.send(client, "/api/v1/respond/\(code)/draft", method: .put, #"{"language": "en", "answers": {"choices": {"safe-1": 1}}}"#))
            #expect(replaced["resumeWord"] as? String != word)
            let old = try Self.object(try await client.execute(uri: "/api/v1/respond/\(code)", method: .get, headers: [RespondAPIController.resumeWordHeader: word]))
            #expect(old["draft"] == nil, "the old word opens nothing once the draft was replaced")

            let stored = try await Self.send(client, "/api/v1/respond/\(code)", #"{"language": "fr", "answers": {"choices": {"safe-1": 5, "trusted-adult": 3}}}"#)
            #expect(stored.status == .created)
            #expect(try Self.object(stored)["status"] as? String == "stored")
            let twice = try await Self.send(client, "/api/v1/respond/\(code)", #"{"language": "fr", "answers": {}}"#)
            #expect(twice.status == .conflict)
            let problem = try Self.object(twice)
            #expect(problem["reason"] as? String == "used")
            #expect(APITests.conforms(problem, to: "RespondProblem", in: document).isEmpty)
            #expect(try await RespondTests.responses(database) == 1)
        }
    }

    @Test("bad bodies and bad answers are refused with a reason, and nothing is kept")
    func refused() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database)
            let path = "/api/v1/respond/\(survey.codes[0])"
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("not json", .badRequest, "malformedBody"),
                (#"{"answers": {}}"#, .badRequest, "malformedBody"),
                (#"{"language": "de", "answers": {}}"#, .unprocessableContent, "language"),
                (#"{"language": "en", "answers": {"choices": {"safe-1": 7}}}"#, .unprocessableContent, "invalidAnswers"),
                (#"{"language": "en", "answers": {"choices": {"made-up": 1}}}"#, .unprocessableContent, "invalidAnswers"),
                (#"{"language": "en", "answers": {"adults": ["\#(UUID())"]}}"#, .unprocessableContent, "invalidAnswers"),
            ]
            for (body, status, reason) in cases {
                for method in [HTTPRequest.Method.post, .put] {
                    let response = try await Self.send(client, method == .put ? path + "/draft" : path, method: method, body)
                    #expect(response.status == status, "\(method) \(body)")
                    #expect(try Self.object(response)["reason"] as? String == reason, "\(body)")
                }
            }
            // A submission with no answer is not a response (DOMAIN.md §2).
            for empty in [#"{"language": "en", "answers": {}}"#, #"{"language": "en", "answers": {"texts": {"open-connect": "   "}}}"#] {
                let response = try await Self.send(client, path, empty)
                #expect(response.status == .unprocessableContent, "\(empty)")
                #expect(try Self.object(response)["reason"] as? String == "nothingAnswered")
            }
            let huge = try await Self.send(client, path, #"{"language": "en", "answers": {"texts": {"open-connect": "\#(String(repeating: "x", count: 70_000))"}}}"#)
            #expect(huge.status == .contentTooLarge)
            for (code, status, reason) in [("K7M2QX9PA", HTTPResponse.Status.notFound, "unknown"), ("K7M-2QX", .badRequest, "malformed"), ("0000", .badRequest, "malformed")] {
                let response = try await client.execute(uri: "/api/v1/respond/\(code)", method: .get)
                #expect(response.status == status)
                #expect(try Self.object(response)["reason"] as? String == reason)
            }
            #expect(try await RespondTests.responses(database) == 0)
            #expect(try await database.read { db in try await db.count("response_drafts") } == 0)
        }
    }
}
