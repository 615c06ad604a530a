import BelongCore
import Foundation
import SQLKit
import Testing
@testable import BelongServer

/// An SQLite file is what a school runs: submissions there go through the bare writing connection a
/// batch at a time, codes are looked up on bare readers, and a checkpointer keeps the log short. The
/// other suites use an in-memory database (one connection), so these paths are tested here.
@Suite("Submissions on an SQLite file")
struct SQLiteFileSubmissionTests {
    static func withFile<T: Sendable>(_ body: (Database, String) async throws -> T) async throws -> T {
        let path = DatabaseTests.temporaryFile()
        defer { DatabaseTests.removeFiles(path) }
        let database = try await Database.open(.sqliteFile(path: path), logger: TestDatabase.logger)
        do {
            try await Migrator(database: database, logger: TestDatabase.logger).migrate()
            let result = try await body(database, path)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// The log's length in pages, as a checkpoint on a connection of its own reports it.
    static func logPages(_ path: String) throws -> Int {
        let handle = try SQLiteHandle(path: path, pragmas: [])
        defer { handle.close() }
        var pages = 0
        try handle.rows("PRAGMA wal_checkpoint(PASSIVE)", []) { pages = $0.integer(1) ?? 0 }
        return pages
    }

    @Test("what the files keep does not link a code to its response: the log is emptied when writes pause, a submitted draft is overwritten")
    func storageKeepsNoLink() async throws {
        try await Self.withFile { database, path in
            let survey = try await SurveyFixture.make(on: database, students: 8)
            let taking = try await RespondTests.taking(database)
            guard case .success(let drafting) = try await taking.open(code: survey.codes[0], address: nil) else { Issue.record("no session"); return }
            try await taking.saveDraft(drafting, language: .english, answers: Answers(choices: ["safe-1": 2]))
            let sealed = try #require(try await database.read { db in
                try await db.select().column("sealed").from("response_drafts").first()?.decode(column: "sealed", as: String.self)
            })
            for code in survey.codes.prefix(4) {
                guard case .success(let session) = try await taking.open(code: code, address: nil) else { Issue.record("no session"); return }
                #expect(try await taking.submit(session, language: .english, answers: Answers(choices: ["safe-1": 4])) == .stored)
                try await Task.sleep(for: .milliseconds(300))
            }
            var logBytes = -1
            for _ in 0..<50 {
                logBytes = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? -1
                if logBytes == 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(logBytes == 0, "the write-ahead log still holds \(logBytes) bytes of commits")
            let file = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(file.range(of: Data(sealed.utf8)) == nil, "the submitted draft is still in the database file's free space")
        }
    }

    @Test("sixty simultaneous submits over thirty codes: thirty stored once each, thirty told the code was used, drafts gone")
    func exactlyOnce() async throws {
        try await Self.withFile { database, _ in
            #expect((database.backend as? SQLiteBackend)?.hasBatchWriter == true)
            let survey = try await SurveyFixture.make(on: database, students: 30)
            let taking = try await RespondTests.taking(database)
            let drafts = try await DraftStore.make(database: database)
            for code in survey.codes.prefix(5) {
                try await drafts.save(codeHash: try await RespondTests.hash(code, database), waveId: survey.wave.id, language: .french,
                                      answers: Answers(choices: ["safe-1": 2]), word: ResumeWord.generate())
            }
            let outcomes = try await withThrowingTaskGroup(of: ResponseWriter.Outcome?.self) { group in
                for code in (survey.codes + survey.codes).shuffled() {
                    group.addTask {
                        guard case .success(let session) = try await taking.open(code: code, address: nil, withDraft: false) else { return nil }
                        return try await taking.submit(session, language: .french, answers: Answers(choices: ["safe-3": 3], texts: ["open-connect": "Mme Roy"]))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .stored }.count == 30)
            // The rest were turned away: at the door (the code was used already) or by the writer (used in the same batch).
            #expect(outcomes.filter { $0 == .alreadyUsed || $0 == nil }.count == 30)
            #expect(try await RespondTests.responses(database) == 30)
            let (used, draftsLeft) = try await database.read { db in
                (try await db.select().column("used").from("access_codes").all().map { try $0.decode(column: "used", as: Bool.self) },
                 try await db.count("response_drafts"))
            }
            #expect(used.count == 30 && used.allSatisfy { $0 })
            #expect(draftsLeft == 0)
            // After the claim, every way in says the code was used.
            guard case .failure(.used) = try await taking.open(code: survey.codes[0], address: nil) else {
                Issue.record("a used code opened again")
                return
            }
        }
    }

    @Test("two servers on one file, each with its own writer, store one response per code")
    func twoServers() async throws {
        try await Self.withFile { database, path in
            let survey = try await SurveyFixture.make(on: database, students: 20)
            let other = try await Database.open(.sqliteFile(path: path), logger: TestDatabase.logger)
            let first = try await RespondTests.taking(database), second = try await RespondTests.taking(other)
            let outcomes = try await ExactlyOnceTests.submitAtOnce(survey.codes, through: [first, second, second])
            try await other.close()
            #expect(outcomes.filter { $0 == .stored }.count == 20)
            #expect(try await RespondTests.responses(database) == 20)
        }
    }

    @Test("a code is found on a bare reader once its batch is committed, with the batch it belongs to; an unknown code is not")
    func codeLookup() async throws {
        try await Self.withFile { database, _ in
            let survey = try await SurveyFixture.make(on: database, students: 3)
            let codes = try await SurveyFixture.codeStore(database)
            let found = try #require(try await codes.find(code: survey.codes[0]))
            #expect(found.waveId == survey.wave.id && found.schoolId == survey.base.north.id && found.classId == survey.classId)
            #expect(found.grade != nil && !found.used && !found.void && found.studentId == nil)
            #expect(try await codes.find(code: "ZZZZ2222") == nil)
        }
    }

    @Test("once writes pause, the log is copied into the database and starts again from its beginning")
    func logRestarts() async throws {
        try await Self.withFile { database, path in
            let survey = try await SurveyFixture.make(on: database, students: 200)
            let taking = try await RespondTests.taking(database)
            for code in survey.codes {
                guard case .success(let session) = try await taking.open(code: code, address: nil) else { continue }
                _ = try await taking.submit(session, language: .english, answers: Answers(choices: ["safe-3": 3]))
            }
            // Without the checkpointer the log would hold every page written above (over a thousand); it
            // restarts the log after a quiet tenth of a second, and the next write then starts it over.
            let before = try Self.logPages(path)
            var after = before
            for attempt in 0..<30 where after >= 20 {
                try await Task.sleep(for: .milliseconds(200))
                try await database.write { db in try await db.update("survey_waves").set("title", to: SQLBind("Fall check-in \(attempt)")).run() }
                after = try Self.logPages(path)
            }
            #expect(after < 20, "the log still holds \(after) pages (\(before) before the pause)")
        }
    }

    @Test("open answers are stored as JSON that reads back exactly, whatever characters they hold")
    func textsJSON() throws {
        let texts = ["open-1": "Mme « Roy » said \"hi\"\\ \n\tthen\u{1} left 🙂", "open-2": "", "a": "ç"]
        let response = StoredResponse(id: UUID(), waveId: UUID(), schoolId: UUID(), grade: nil, classId: nil, kind: "students", language: .french,
                                      day: "2026-11-29", answers: [], texts: texts, adults: [], studentId: nil)
        let json = try #require(response.textsJSON)
        #expect(try JSONDecoder().decode([String: String].self, from: Data(json.utf8)) == texts)
        #expect(json.hasPrefix(#"{"a":"ç","open-1":"#))
    }
}
