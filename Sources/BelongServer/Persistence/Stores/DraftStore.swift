import BelongCore
import Foundation
import SQLKit

/// Answers so far, kept against the code until it is submitted (when the draft is deleted in the
/// same transaction) or the wave closes.
public struct DraftStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public struct Draft: Sendable {
        public let language: Language
        public let answers: Answers
    }

    public func load(codeHash: String) async throws -> Draft? {
        try await database.read { db in
            guard let row = try await db.select().columns("language", "answers").from("response_drafts").where("code_hash", .equal, codeHash).first() else {
                return nil
            }
            let answers = try JSONDecoder().decode(Answers.self, from: Data(try row.decode(column: "answers", as: String.self).utf8))
            return Draft(language: Language(code: try row.decode(column: "language", as: String.self)) ?? .default, answers: answers)
        }
    }

    public func save(codeHash: String, waveId: UUID, language: Language, answers: Answers) async throws {
        let json = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
        try await database.write { db in
            try await db.upsertRows(into: "response_drafts", columns: ["code_hash", "wave_id", "language", "answers", "updated_at"],
                                    from: [0], key: ["code_hash"]) { _ in
                [SQLBind(codeHash), SQLBind(waveId), SQLBind(language.code), SQLBind(json), SQLBind(Date())]
            }
        }
    }

    /// Drafts of closed waves are of no more use to anyone.
    public func purge(closedWaves: [UUID]) async throws {
        guard !closedWaves.isEmpty else { return }
        try await database.write { db in
            try await db.delete(from: "response_drafts").where(SQLIdentifier("wave_id"), .in, SQLBind.group(closedWaves)).run()
        }
    }
}
