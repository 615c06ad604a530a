import Foundation
import Synchronization
import SQLKit
import Testing
@testable import BelongServer

/// What README "Guarantees" and "Operations" promise about waiting, connections and durability, in
/// the parts a unit test can hold; Tests/system restarts, stops and fills real databases.
@Suite("Deadlines, connection limits and durability")
struct ReliabilityTests {
    @Test("work that ignores cancellation is still answered at its deadline, and its holder is told to let go")
    func deadlineAnswersHungWork() async throws {
        let toldToLetGo = Flag()
        let hung = Hung()
        await #expect(throws: TimeoutError.self) {
            try await withDeadline(.milliseconds(200), onTimeout: { toldToLetGo.set() }) {
                // A query on a dead connection: it neither finishes nor notices cancellation.
                await hung.wait()
            }
        }
        #expect(toldToLetGo.value)
        #expect(!hung.finished, "the caller was answered while the work still hung")
        hung.release()
    }

    @Test("work that finishes in time is answered with its value, and nobody is told to let go")
    func deadlineLetsTimelyWorkThrough() async throws {
        let toldToLetGo = Flag()
        // Generous: every suite runs at once here, and a busy machine may take seconds to schedule the work.
        let value = try await withDeadline(.seconds(60), onTimeout: { toldToLetGo.set() }) { 42 }
        #expect(value == 42)
        #expect(!toldToLetGo.value)
    }

    @Test("a timeout, also wrapped in a failed write, means 503 and a retry, not a 500")
    func timeoutsAreUnavailability() {
        #expect(Database.isUnavailable(TimeoutError()))
        #expect(Database.isUnavailable(StorageError(table: "survey_responses", underlying: TimeoutError())))
        #expect(!Database.isUnavailable(StorageError(table: "survey_responses", underlying: CancellationError())))
    }

    @Test("an SQLite database that does not answer in time gives TimeoutError at the request deadline")
    func sqliteReadDeadline() async throws {
        let path = DatabaseTests.temporaryFile()
        defer { DatabaseTests.removeFiles(path) }
        var options = DatabaseOptions()
        options.requestDeadline = .milliseconds(300)
        let database = try await Database.open(.sqliteFile(path: path), options: options, logger: TestDatabase.logger)
        let started = ContinuousClock.now
        await #expect(throws: TimeoutError.self) {
            try await database.read { _ in try await Task.sleep(for: .seconds(60)) }
        }
        #expect(ContinuousClock.now - started < .seconds(50))
        try await database.close()
    }

    @Test("a submission queued behind a batch that hangs is answered at its own deadline, not a whole deadline after its batch begins")
    func queuedSubmitterKeepsItsDeadline() async throws {
        try await TestApp.run(sqliteFile: true) { _, database in
            let survey = try await SurveyFixture.make(on: database)
            let writer = ResponseWriter(database: database)
            let hashes = [try await RespondTests.hash(survey.codes[0], database), try await RespondTests.hash(survey.codes[1], database)]
            func response() -> StoredResponse {
                StoredResponse(id: UUID(), waveId: survey.wave.id, schoolId: survey.base.north.id, grade: nil, classId: nil, kind: "students",
                               language: .english, day: "2026-11-30", answers: [4], texts: [:], adults: [], studentId: nil)
            }
            // Generous figures: every suite runs at once here. The fault answered at about twice the deadline.
            let deadline: Duration = .seconds(4)
            database.requestDeadline = deadline
            defer { database.requestDeadline = .seconds(120) }
            let holding = try await RespondTests.holdWrites(database)
            let first = Task { try await writer.submit(codeHash: hashes[0], response: response()) }
            try await Task.sleep(for: .milliseconds(200))
            let started = ContinuousClock.now
            await #expect(throws: TimeoutError.self) { try await writer.submit(codeHash: hashes[1], response: response()) }
            let waited = ContinuousClock.now - started
            #expect(waited < deadline + .milliseconds(2500), "answered after \(waited)")
            holding.release()
            _ = await first.result
            try await holding.held.value
        }
    }

    @Test("a submission answered 503 while its batch waits for a lock stores nothing when the lock frees: the retry it was told to make goes through")
    func answeredUnavailableStoresNothing() async throws {
        try await TestApp.run(sqliteFile: true) { _, database in
            let survey = try await SurveyFixture.make(on: database)
            let writer = ResponseWriter(database: database)
            let hash = try await RespondTests.hash(survey.codes[0], database)
            let response = StoredResponse(id: UUID(), waveId: survey.wave.id, schoolId: survey.base.north.id, grade: nil, classId: nil, kind: "students",
                                          language: .english, day: "2026-11-30", answers: [4], texts: [:], adults: [], studentId: nil)
            database.requestDeadline = .seconds(10)
            defer { database.requestDeadline = .seconds(120) }
            let holding = try await RespondTests.holdWrites(database)
            // The request spent most of its budget before sending: it is answered long before its batch gives up.
            let budget = DatabaseBudget()
            budget.spend(.seconds(8))
            await #expect(throws: TimeoutError.self) {
                try await DatabaseBudget.$current.withValue(budget) { try await writer.submit(codeHash: hash, response: response) }
            }
            holding.release()
            try await holding.held.value
            #expect(try await writer.submit(codeHash: hash, response: response) == .stored, "the code was left unused for the retry")
            #expect(try await database.read { db in try await db.count("survey_responses") } == 1)
        }
    }

    @Test("the connection limits are the ones README Operations states, and fit the open-file limit")
    func connectionLimitDefaults() throws {
        let limits = ConnectionLimits()
        #expect(limits.idleTimeout == .seconds(15))
        #expect(limits.headerTimeout == .seconds(10))
        #expect(limits.bodyTimeout == .seconds(10))
        #expect(limits.minimumBodyRate == 1024)
        #expect(limits.maximumConnections == 4096)
        #expect(limits.connections(openFileLimit: 1024) == 768)
        #expect(limits.connections(openFileLimit: 1_048_576) == 4096)
        let configured = try BelongConfiguration.resolve(environment: [
            "BELONG_IDLE_TIMEOUT": "30", "BELONG_HEADER_TIMEOUT": "5", "BELONG_BODY_TIMEOUT": "20", "BELONG_MIN_BODY_RATE": "0",
            "BELONG_MAX_CONNECTIONS": "2000", "BELONG_MAX_CONNECTIONS_PER_ADDRESS": "1500",
        ]).connectionLimits
        #expect(configured.idleTimeout == .seconds(30) && configured.headerTimeout == .seconds(5) && configured.bodyTimeout == .seconds(20))
        #expect(configured.minimumBodyRate == 0 && configured.maximumConnections == 2000 && configured.maximumPerAddress == 1500)
        #expect(throws: ConfigurationError.self) { try BelongConfiguration.resolve(environment: ["BELONG_IDLE_TIMEOUT": "0"]) }
        #expect(throws: ConfigurationError.self) { try BelongConfiguration.resolve(environment: ["BELONG_MAX_CONNECTIONS": "lots"]) }
    }

    @Test("an SQLite file is durable by default (synchronous FULL); NORMAL only when asked for")
    func sqliteDurableByDefault() async throws {
        #expect(try BelongConfiguration.resolve(environment: [:]).databaseOptions.sqliteSynchronous == .full)
        #expect(try BelongConfiguration.resolve(environment: ["BELONG_SQLITE_SYNCHRONOUS": "normal"]).databaseOptions.sqliteSynchronous == .normal)
        #expect(throws: ConfigurationError.self) { try BelongConfiguration.resolve(environment: ["BELONG_SQLITE_SYNCHRONOUS": "off"]) }
        for (mode, expected) in [(SQLiteSynchronous.full, 2), (.normal, 1)] {
            let path = DatabaseTests.temporaryFile()
            defer { DatabaseTests.removeFiles(path) }
            var options = DatabaseOptions()
            options.sqliteSynchronous = mode
            let database = try await Database.open(.sqliteFile(path: path), options: options, logger: TestDatabase.logger)
            let setting = try await database.write { db in
                try await db.raw("PRAGMA synchronous").first()!.decode(column: "synchronous", as: Int.self)
            }
            #expect(setting == expected)
            try await database.close()
        }
    }
}

/// Work that waits until the test lets it go.
final class Hung: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<Void, Never>?, released: Bool, finished: Bool)>((nil, false, false))

    func wait() async {
        await withCheckedContinuation { continuation in
            let released = state.withLock { state in
                state.continuation = continuation
                return state.released
            }
            if released { continuation.resume() }
        }
        state.withLock { $0.finished = true }
    }

    var finished: Bool { state.withLock { $0.finished } }

    func release() {
        let continuation = state.withLock { state in
            state.released = true
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }
}

/// Set once from any thread, read after.
final class Flag: Sendable {
    private let state = Mutex(false)
    func set() { state.withLock { $0 = true } }
    var value: Bool { state.withLock { $0 } }
}
