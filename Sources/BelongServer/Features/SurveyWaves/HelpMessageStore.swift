import BelongCore
import Foundation
import SQLKit

/// Each school's "where to get help now", in English and French, set by the people who plan its surveys.
struct HelpMessageStore: Sendable {
    let database: Database

    /// The longest message kept: a few sentences, not a page.
    static let maxLength = 600

    func message(school: UUID) async throws -> [Language: String] {
        try await database.read { db in
            guard let row = try await db.select().columns("text_en", "text_fr").from("school_help_messages")
                .where("school_id", .equal, SQLBind(school)).first() else { return [:] }
            var texts: [Language: String] = [:]
            for (language, column) in [(Language.english, "text_en"), (.french, "text_fr")] {
                let text = try row.decode(column: column, as: String.self)
                if !text.isEmpty { texts[language] = text }
            }
            return texts
        }
    }

    /// Replaces the school's message; two empty texts remove it.
    func set(school: UUID, texts: [Language: String]) async throws {
        try await database.write { db in
            try await db.delete(from: "school_help_messages").where("school_id", .equal, SQLBind(school)).run()
            let english = texts[.english] ?? "", french = texts[.french] ?? ""
            guard !english.isEmpty || !french.isEmpty else { return }
            try await db.insert(into: "school_help_messages").columns("school_id", "text_en", "text_fr", "updated_at")
                .values(SQLBind(school), SQLBind(english), SQLBind(french), SQLBind(Date())).run()
        }
    }
}
