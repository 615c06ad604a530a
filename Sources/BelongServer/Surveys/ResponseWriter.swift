import BelongCore
import Foundation
import SQLKit

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

    struct Pending {
        let codeHash: String
        let response: StoredResponse
        let continuation: CheckedContinuation<Outcome, any Error>
    }

    let database: Database
    static let maxBatch = 512
    private var pending: [Pending] = []
    private var draining = false

    public init(database: Database) {
        self.database = database
    }

    public func submit(codeHash: String, response: StoredResponse) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(codeHash: codeHash, response: response, continuation: continuation))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    /// Whoever arrives while a batch commits joins the next batch.
    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.maxBatch))
            pending.removeFirst(batch.count)
            do {
                let claimed = try await Self.commit(batch.map { ($0.codeHash, $0.response) }, on: database)
                var answered: Set<String> = []
                for item in batch {
                    if claimed.contains(item.codeHash), answered.insert(item.codeHash).inserted {
                        item.continuation.resume(returning: .stored)
                    } else {
                        item.continuation.resume(returning: .alreadyUsed)
                    }
                }
            } catch {
                for item in batch { item.continuation.resume(throwing: error) }
            }
        }
        draining = false
    }

    /// One transaction: claim the codes, store one response per claimed code (in shuffled order, so
    /// storage order says nothing about arrival), drop their drafts. Returns the codes claimed.
    static func commit(_ batch: [(codeHash: String, response: StoredResponse)], on database: Database) async throws -> Set<String> {
        try await database.write { db in
            let hashes = Array(Set(batch.map(\.codeHash)))
            let claimed = Set(try await db.update("access_codes").set("used", to: SQLBind(true))
                .where(SQLIdentifier("code_hash"), .in, SQLBind.group(hashes))
                .where("used", .equal, SQLBind(false)).where("void", .equal, SQLBind(false))
                .returning("code_hash").all().map { try $0.decode(column: "code_hash", as: String.self) })
            guard !claimed.isEmpty else { return [] }
            var seen: Set<String> = []
            let responses = batch.filter { claimed.contains($0.codeHash) && seen.insert($0.codeHash).inserted }.map(\.response).shuffled()
            try await db.insertRows(
                into: "survey_responses",
                columns: ["id", "wave_id", "school_id", "grade", "class_id", "respondent_kind", "language", "day", "answers", "texts", "adults", "student_id"],
                from: responses
            ) { response in
                [SQLBind(response.id), SQLBind(response.waveId), SQLBind(response.schoolId), bindOrNull(response.grade?.rawValue),
                 bindOrNull(response.classId), SQLBind(response.kind), SQLBind(response.language.code), SQLBind(response.day),
                 SQLBind(Data(response.answers)),
                 response.texts.isEmpty ? SQLLiteral.null : SQLBind(String(decoding: try! JSONEncoder().encode(response.texts), as: UTF8.self)),
                 response.adults.isEmpty ? SQLLiteral.null : SQLBind(response.adults.map(\.uuidString).joined(separator: ",")),
                 bindOrNull(response.studentId)]
            }
            try await db.delete(from: "response_drafts").where(SQLIdentifier("code_hash"), .in, SQLBind.group(Array(claimed))).run()
            return claimed
        }
    }
}
