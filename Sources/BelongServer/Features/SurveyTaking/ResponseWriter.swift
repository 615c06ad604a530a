import BelongCore
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import SQLiteNIO

/// A response ready to store: only what DOMAIN.md §4 allows (in anonymous waves, no student, no time).
public struct StoredResponse: Sendable {
    public let id: UUID
    public let waveId: UUID
    public let schoolId: UUID
    public let grade: Grade?
    public let classId: UUID?
    public let kind: String
    public let language: Language
    /// The day it arrived, in the wave's time zone: "2026-11-29".
    public let day: String
    public let answers: [UInt8]
    public let texts: [String: String]
    public let adults: [UUID]
    public let studentId: UUID?
}

/// Stores submissions through the single writer, committing every submission that is waiting in one
/// transaction (group commit) and answering each only after its commit. Exactly once: a code is
/// claimed by a conditional update in the same transaction as its response; a code claimed already,
/// or twice in one batch, is answered `alreadyUsed`.
public actor ResponseWriter {
    public enum Outcome: Sendable, Equatable {
        case stored
        case alreadyUsed
    }

    struct Pending: Sendable {
        let codeHash: String
        let response: StoredResponse
        let reply: Reply
        /// The response's row as SQLite binds, made by the submitting task rather than the writer's thread.
        var row: [SQLiteData] = []
    }

    /// The answer to one submitter, given once: by its batch's commit, or by the sweep at its deadline.
    final class Reply: Sendable {
        private let continuation: NIOLockedValueBox<CheckedContinuation<Outcome, any Error>?>
        /// When the submitter stops waiting: what was left of its request's database budget.
        let expires: NIODeadline

        init(_ continuation: CheckedContinuation<Outcome, any Error>, limit: Duration) {
            self.continuation = NIOLockedValueBox(continuation)
            expires = .now() + TimeAmount(limit)
        }

        func resume(_ result: Result<Outcome, any Error>) {
            continuation.withLockedValue { continuation in
                defer { continuation = nil }
                return continuation
            }?.resume(with: result)
        }

        var isOverdue: Bool { NIODeadline.now() > expires }

        /// Answered already: by the sweep, when its batch waited too long for the database.
        var isAnswered: Bool { continuation.withLockedValue { $0 == nil } }
    }

    let database: Database
    static let maxBatch = 512
    private var pending: [Pending] = []
    private var draining = false

    /// On SQLite, batches form and commit on the writer's own event loop instead.
    nonisolated let chained: ChainedResponseWriter?

    public init(database: Database) {
        self.database = database
        chained = (database.backend as? SQLiteBackend).map { ChainedResponseWriter(backend: $0, database: database) }
    }

    /// How long a batch may take to commit before its submitters are answered and /healthz fails.
    nonisolated var limit: TimeAmount { TimeAmount(database.requestDeadline) }

    public nonisolated func submit(codeHash: String, response: StoredResponse) async throws -> Outcome {
        let limit = database.submitterLimit
        guard limit > .zero else { throw TimeoutError() }
        let started = ContinuousClock.now
        defer { DatabaseBudget.current?.spend(ContinuousClock.now - started) }
        if let chained { return try await chained.submit(codeHash: codeHash, response: response, limit: limit) }
        return try await queue(codeHash: codeHash, response: response, limit: limit)
    }

    private func queue(codeHash: String, response: StoredResponse, limit: Duration) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(codeHash: codeHash, response: response, reply: Reply(continuation, limit: limit)))
            if !draining {
                draining = true
                // Detached: a batch's commit must not inherit the first submitter's cancellation or task values.
                Task.detached { await self.drain() }
            }
            if !sweeping {
                sweeping = true
                Task.detached { [weak self] in
                    while true {
                        try? await Task.sleep(for: Self.sweepEvery)
                        guard let self, await self.sweep() else { return }
                    }
                }
            }
        }
    }

    /// Whoever arrives while a batch commits joins the next batch.
    private func drain() async {
        while !pending.isEmpty {
            let batch = Self.nextBatch(taking: &pending)
            guard !batch.isEmpty else { continue }
            inFlight = (batch, .now())
            do {
                let replies = batch.map(\.reply)
                Self.answer(batch, claimed: .success(try await Self.commit(batch.map { ($0.codeHash, $0.response) }, on: database, replies: replies)))
            } catch {
                Self.answer(batch, claimed: .failure(error))
            }
            inFlight = nil
        }
        draining = false
    }

    static let sweepEvery: Duration = .milliseconds(500)
    private var sweeping = false
    private var inFlight: (batch: [Pending], since: NIODeadline)?

    /// Answers `TimeoutError` to whoever has waited past the deadline: those still queued leave the queue
    /// (a retry finds their code unused); those in a batch that has not committed in time are answered
    /// now and their batch's outcome later goes nowhere. False once there is nothing left to watch.
    private func sweep() -> Bool {
        for item in Self.overdue(taking: &pending, inFlight: inFlight, limit: limit) { item.reply.resume(.failure(TimeoutError())) }
        guard pending.isEmpty, inFlight == nil else { return true }
        sweeping = false
        return false
    }

    /// The sweep's rule, for both writers: submitters past their own deadline leave the queue, and a
    /// batch committing for longer than `limit` has all its submitters answered.
    /// A submitter's own deadline counts wherever it waits: one queued behind a batch that hung joins the
    /// next batch with little time left, and must not wait for that batch to be declared stalled too.
    static func overdue(taking pending: inout [Pending], inFlight: (batch: [Pending], since: NIODeadline)?, limit: TimeAmount) -> [Pending] {
        var overdue = pending.filter(\.reply.isOverdue)
        if !overdue.isEmpty { pending.removeAll(where: \.reply.isOverdue) }
        if let inFlight {
            let stalled = isStalled(inFlight, limit: limit)
            overdue += inFlight.batch.filter { stalled || $0.reply.isOverdue }
        }
        return overdue.filter { !$0.reply.isAnswered }
    }

    /// The next batch from the queue, leaving out (and answering) submitters whose time ran out while
    /// they queued: their codes stay unused for a retry.
    static func nextBatch(taking pending: inout [Pending]) -> [Pending] {
        let taken = Array(pending.prefix(maxBatch))
        pending.removeFirst(taken.count)
        let expired = taken.filter(\.reply.isOverdue)
        for item in expired { item.reply.resume(.failure(TimeoutError())) }
        return expired.isEmpty ? taken : taken.filter { !$0.reply.isOverdue && !$0.reply.isAnswered }
    }

    static func isStalled(_ inFlight: (batch: [Pending], since: NIODeadline)?, limit: TimeAmount) -> Bool {
        inFlight.map { NIODeadline.now() - $0.since > limit } ?? false
    }

    /// Whether a batch has been committing for longer than a submitter may wait: /healthz then fails.
    public func isStalled() async -> Bool {
        if let chained { return chained.isStalled }
        return Self.isStalled(inFlight, limit: limit)
    }

    /// One transaction: claim the codes, store one response per claimed code (in shuffled order, so
    /// storage order says nothing about arrival), drop their drafts. Returns the codes claimed.
    /// `replies`, when given, are the submitters': one already answered 503 while the batch waited for the
    /// database is left out once the transaction holds the writer (SQLite) or the codes' rows (PostgreSQL),
    /// so a retry finds its code unused.
    static func commit(_ batch: [(codeHash: String, response: StoredResponse)], on database: Database, replies: [Reply]? = nil) async throws -> Set<String> {
        if let sqlite = database.backend as? SQLiteBackend {
            return try await commitSQLite(batch.map { ($0.codeHash, $0.response, sqlite.hasBatchWriter ? sqliteBinds($0.response) : []) }, on: sqlite,
                                          replies: replies).get()
        }
        return try await database.write { db in
            guard !stillWaiting(batch, replies).isEmpty else { return [] }
            // The codes' rows first, locked: a submitter answered 503 while this waited for them (another
            // writer's long lock) is then left out, so its code stays unused for the retry it was told to make.
            let asked = Array(Set(batch.map(\.codeHash)))
            _ = try await db.select().column("code_hash").from("access_codes").where(SQLIdentifier("code_hash"), .in, SQLBind.group(asked))
                .for(.update).all()
            let batch = stillWaiting(batch, replies)
            guard !batch.isEmpty else { return [] }
            let hashes = Array(Set(batch.map(\.codeHash)))
            let claimed = Set(try await db.update("access_codes").set("used", to: SQLBind(true))
                .where(SQLIdentifier("code_hash"), .in, SQLBind.group(hashes))
                .where("used", .equal, SQLBind(false)).where("void", .equal, SQLBind(false))
                .returning("code_hash").all().map { try $0.decode(column: "code_hash", as: String.self) })
            guard !claimed.isEmpty else { return [] }
            let responses = storable(batch, claimed: claimed)
            try await db.insertRows(into: "survey_responses", columns: columns, from: responses) { response in
                [SQLBind(response.id), SQLBind(response.waveId), SQLBind(response.schoolId), bindOrNull(response.grade?.rawValue),
                 bindOrNull(response.classId), SQLBind(response.kind), SQLBind(response.language.code), SQLBind(response.day),
                 SQLBind(Data(response.answers)), response.textsJSON.map { SQLBind($0) } ?? SQLLiteral.null,
                 response.adultsList.map { SQLBind($0) } ?? SQLLiteral.null, bindOrNull(response.studentId)]
            }
            try await db.delete(from: "response_drafts").where(SQLIdentifier("code_hash"), .in, SQLBind.group(Array(claimed))).run()
            return claimed
        }
    }

    static func stillWaiting<Item>(_ batch: [Item], _ replies: [Reply]?) -> [Item] {
        guard let replies else { return batch }
        return zip(batch, replies).filter { !$0.1.isAnswered }.map(\.0)
    }

    static let columns = ["id", "wave_id", "school_id", "grade", "class_id", "respondent_kind", "language", "day", "answers", "texts", "adults", "student_id"]

    /// One response per claimed code, shuffled.
    static func storable(_ batch: [(codeHash: String, response: StoredResponse)], claimed: Set<String>) -> [StoredResponse] {
        storable(batch, code: \.codeHash, claimed: claimed).map(\.response)
    }

    static func storable<Item>(_ batch: [Item], code: (Item) -> String, claimed: Set<String>) -> [Item] {
        var seen: Set<String> = []
        return batch.filter { claimed.contains(code($0)) && seen.insert(code($0)).inserted }.shuffled()
    }

    /// The transaction on SQLite: on a file, a batch in one job on the writer's thread (`row` holds each
    /// response's binds); in memory, chained statements on the one connection.
    static func commitSQLite(_ batch: [(codeHash: String, response: StoredResponse, row: [SQLiteData])], on backend: SQLiteBackend,
                             replies: [Reply]? = nil) -> EventLoopFuture<Set<String>> {
        if backend.hasBatchWriter {
            let rows = batch.map { (codeHash: $0.codeHash, row: $0.row) }
            return backend.batchWrite { handle in try commitBatch(stillWaiting(rows, replies), on: handle) }
        }
        let rows = batch.map { (codeHash: $0.codeHash, response: $0.response) }
        return backend.chainedWrite { connection in
            let rows = stillWaiting(rows, replies)
            guard !rows.isEmpty else { return connection.eventLoop.makeSucceededFuture([]) }
            return commitChained(rows, on: connection)
        }
    }

    /// The same transaction on SQLite, as three statements chained on the writer's event loop
    /// (`SQLiteBackend.chainedWrite` wraps them in BEGIN IMMEDIATE … COMMIT).
    static func commitChained(_ batch: [(codeHash: String, response: StoredResponse)], on connection: SQLiteConnection) -> EventLoopFuture<Set<String>> {
        let hashes = Array(Set(batch.map(\.codeHash)))
        let claim = "UPDATE access_codes SET used = 1 WHERE code_hash IN (\(placeholders(hashes.count))) AND used = 0 AND void = 0 RETURNING code_hash"
        return connection.query(claim, hashes.map { .text($0) }).flatMap { rows in
            let claimed = Set(rows.compactMap { $0.column("code_hash")?.string })
            guard !claimed.isEmpty else { return connection.eventLoop.makeSucceededFuture(claimed) }
            let responses = storable(batch, claimed: claimed)
            let row = "(" + placeholders(columns.count) + ")"
            let insert = "INSERT INTO survey_responses (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: row, count: responses.count).joined(separator: ", ")
            let binds = responses.flatMap(sqliteBinds)
            let drop = "DELETE FROM response_drafts WHERE code_hash IN (\(placeholders(claimed.count)))"
            return connection.query(insert, binds)
                .flatMap { _ in connection.query(drop, claimed.map { .text($0) }) }
                .map { _ in claimed }
        }
    }

    /// The same transaction on an SQLite file, statement by prepared statement on the writer's thread
    /// (`SQLiteBackend.batchWrite` wraps it in BEGIN IMMEDIATE … COMMIT): a code is claimed when its
    /// conditional update changes exactly one row.
    static func commitBatch(_ batch: [(codeHash: String, row: [SQLiteData])], on handle: SQLiteHandle) throws -> Set<String> {
        var claimed: Set<String> = []
        for hash in Set(batch.map(\.codeHash))
        where try handle.run("UPDATE access_codes SET used = 1 WHERE code_hash = ? AND used = 0 AND void = 0", [.text(hash)]) == 1 {
            claimed.insert(hash)
        }
        guard !claimed.isEmpty else { return claimed }
        let insert = "INSERT INTO survey_responses (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count)))"
        for item in storable(batch, code: \.codeHash, claimed: claimed) {
            try handle.run(insert, item.row)
        }
        for hash in claimed {
            try handle.run("DELETE FROM response_drafts WHERE code_hash = ?", [.text(hash)])
        }
        return claimed
    }

    static func sqliteBinds(_ response: StoredResponse) -> [SQLiteData] {
        [
            .text(response.id.uuidString), .text(response.waveId.uuidString), .text(response.schoolId.uuidString),
            response.grade.map { .integer($0.rawValue) } ?? .null, response.classId.map { .text($0.uuidString) } ?? .null,
            .text(response.kind), .text(response.language.code), .text(response.day), .blob(ByteBuffer(bytes: response.answers)),
            response.textsJSON.map { .text($0) } ?? .null, response.adultsList.map { .text($0) } ?? .null,
            response.studentId.map { .text($0.uuidString) } ?? .null,
        ]
    }

    static func answer(_ batch: [Pending], claimed: Result<Set<String>, any Error>) {
        switch claimed {
        case .success(let claimed):
            var answered: Set<String> = []
            for item in batch {
                if claimed.contains(item.codeHash), answered.insert(item.codeHash).inserted {
                    item.reply.resume(.success(.stored))
                } else {
                    item.reply.resume(.success(.alreadyUsed))
                }
            }
        case .failure(let error):
            for item in batch { item.reply.resume(.failure(error)) }
        }
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

extension StoredResponse {
    /// Open answers as stored: a JSON object with its keys in order, or nothing. Written by hand: with
    /// JSONEncoder this one field cost a twentieth of a submission's time.
    var textsJSON: String? {
        guard !texts.isEmpty else { return nil }
        var json = "{"
        for (index, key) in texts.keys.sorted().enumerated() {
            if index > 0 { json += "," }
            Self.appendJSONString(key, to: &json)
            json += ":"
            Self.appendJSONString(texts[key] ?? "", to: &json)
        }
        return json + "}"
    }

    /// A JSON string literal (RFC 8259: quote, backslash and control characters escaped).
    static func appendJSONString(_ text: String, to json: inout String) {
        json += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            json += text
            json += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\""
    }

    /// Named adults (confidential waves only), comma-separated.
    var adultsList: String? {
        adults.isEmpty ? nil : adults.map(\.uuidString).joined(separator: ",")
    }
}

/// The SQLite path of `ResponseWriter`: submissions queue on the writer's event loop, and each batch
/// commits as soon as the one before it has, without waiting for a turn in Swift's task queue.
final class ChainedResponseWriter: Sendable {
    let backend: SQLiteBackend
    let loop: any EventLoop
    /// Submissions waiting for the next batch, the batch committing, and whether the sweep runs. A lock,
    /// not the loop, guards them: waking the loop once per batch rather than once per submission spares
    /// thousands of thread wake-ups a second.
    private struct State {
        var pending: [ResponseWriter.Pending] = []
        var draining = false
        var inFlight: (batch: [ResponseWriter.Pending], since: NIODeadline)?
        var sweeping = false
    }
    private let state = NIOLockedValueBox(State())

    let database: Database
    var limit: TimeAmount { TimeAmount(database.requestDeadline) }

    init(backend: SQLiteBackend, database: Database) {
        self.backend = backend
        self.database = database
        loop = backend.writerEventLoop
    }

    func submit(codeHash: String, response: StoredResponse, limit: Duration) async throws -> ResponseWriter.Outcome {
        let row = backend.hasBatchWriter ? ResponseWriter.sqliteBinds(response) : []
        return try await withCheckedThrowingContinuation { continuation in
            let (wake, sweep) = state.withLockedValue { state in
                state.pending.append(.init(codeHash: codeHash, response: response, reply: .init(continuation, limit: limit), row: row))
                let sweep = !state.sweeping
                state.sweeping = true
                guard !state.draining else { return (false, sweep) }
                state.draining = true
                return (true, sweep)
            }
            if sweep {
                let every = TimeAmount(ResponseWriter.sweepEvery)
                loop.scheduleRepeatedTask(initialDelay: every, delay: every) { [weak self] task in
                    guard let self, self.sweep() else { return task.cancel() }
                }
            }
            if wake { loop.execute { self.drain() } }
        }
    }

    /// On the loop: commit what is waiting, answer it, and go on while more is waiting.
    private func drain() {
        let batch: [ResponseWriter.Pending] = state.withLockedValue { state in
            var batch: [ResponseWriter.Pending] = []
            while batch.isEmpty, !state.pending.isEmpty { batch = ResponseWriter.nextBatch(taking: &state.pending) }
            if batch.isEmpty { state.draining = false }
            state.inFlight = batch.isEmpty ? nil : (batch, .now())
            return batch
        }
        guard !batch.isEmpty else { return }
        ResponseWriter.commitSQLite(batch.map { ($0.codeHash, $0.response, $0.row) }, on: backend, replies: batch.map(\.reply))
            .hop(to: loop)
            .whenComplete { result in
                ResponseWriter.answer(batch, claimed: result)
                self.drain()
            }
    }

    /// As `ResponseWriter.sweep`: those past the deadline are answered `TimeoutError`.
    private func sweep() -> Bool {
        let limit = limit
        let overdue: [ResponseWriter.Pending] = state.withLockedValue { state in
            let overdue = ResponseWriter.overdue(taking: &state.pending, inFlight: state.inFlight, limit: limit)
            if state.pending.isEmpty, state.inFlight == nil { state.sweeping = false }
            return overdue
        }
        for item in overdue { item.reply.resume(.failure(TimeoutError())) }
        return state.withLockedValue { $0.sweeping }
    }

    var isStalled: Bool {
        let limit = limit
        return state.withLockedValue { ResponseWriter.isStalled($0.inFlight, limit: limit) }
    }
}
