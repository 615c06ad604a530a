import BelongCore
import Foundation
import SQLKit

/// Answers so far, kept sealed against the code until it is submitted (when the draft is deleted in the
/// same transaction) or the wave closes. Only the respondent's resume word opens one.
public struct DraftStore: Sendable {
    let database: Database
    let seal: DraftSeal

    init(database: Database, seal: DraftSeal) {
        self.database = database
        self.seal = seal
    }

    /// The store with the server's own sealing secret (made on first use, shared by every app server).
    public static func make(database: Database) async throws -> DraftStore {
        DraftStore(database: database, seal: DraftSeal(secret: try await SecretStore(database: database).value(named: "draft-seal-key")))
    }

    public struct Draft: Sendable {
        public let language: Language
        public let answers: Answers
    }

    /// What is kept for a code: nothing, a draft this word opens, or a draft it does not.
    public enum Found: Sendable {
        case none
        case opened(Draft)
        case locked
    }

    public func load(codeHash: String, word: String?) async throws -> Found {
        let sealed = try await database.read { db in
            try await db.select().column("sealed").from("response_drafts").where("code_hash", .equal, codeHash).first()?
                .decode(column: "sealed", as: String.self)
        }
        guard let sealed else { return .none }
        guard let word, let contents = seal.open(sealed, codeHash: codeHash, word: word) else { return .locked }
        return .opened(Draft(language: Language(anyCode: contents.language) ?? .default, answers: contents.answers))
    }

    /// Keeps the answers under `word`, replacing whatever was kept for the code; false (and nothing kept)
    /// when the code was used meanwhile. The code's row is read locked (PostgreSQL: FOR UPDATE; SQLite writes
    /// one at a time), so a save racing a submit either comes first and goes with the submit, or sees the
    /// code used: a draft never outlives its code's response.
    @discardableResult
    public func save(codeHash: String, waveId: UUID, language: Language, answers: Answers, word: String) async throws -> Bool {
        let sealed = try seal.seal(.init(language: language.code, answers: answers), codeHash: codeHash, word: word)
        return try await database.write { db in
            var check = db.select().column("used").from("access_codes").where("code_hash", .equal, SQLBind(codeHash))
            if db.isPostgres { check = check.for(.update) }
            guard let used = try await check.first()?.decode(column: "used", as: Bool.self), !used else { return false }
            try await db.upsertRows(into: "response_drafts", columns: ["code_hash", "wave_id", "sealed", "updated_at"],
                                    from: [0], key: ["code_hash"]) { _ in
                [SQLBind(codeHash), SQLBind(waveId), SQLBind(sealed), SQLBind(Date())]
            }
            return true
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
