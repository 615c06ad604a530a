import BelongCore
import Crypto
import Foundation
import SQLKit

/// One thing someone wrote in answer to an open question, with what in it may identify someone.
struct OpenAnswer: Sendable, Hashable {
    /// Names the answer to hide it; unlinkable to its response or to the same person's other answers.
    let key: String
    let text: String
    let findings: Set<PersonalDetails.Finding>
}

/// The open answers of a school in a wave, as the school team reads them: hidden ones left out, the
/// rest screened against the school's roster for names, emails and phone numbers.
struct OpenAnswerStore: Sendable {
    let database: Database
    private let keyed: HMAC<SHA256>

    init(database: Database, secret: String) {
        self.database = database
        keyed = HMAC<SHA256>(key: SymmetricKey(data: Data(("open-answers:" + secret).utf8)))
    }

    static func make(database: Database) async throws -> OpenAnswerStore {
        OpenAnswerStore(database: database, secret: try await SecretStore(database: database).value(named: "open-answer-key"))
    }

    private func key(response: UUID, item: String) -> String {
        var hmac = keyed
        hmac.update(data: Data("\(response.uuidString.lowercased())|\(item)".utf8))
        return hmac.finalize().prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Question id → its answers, sorted by text so that order says nothing of who wrote what.
    /// `releasedOnly`: a wave whose figures go out in steps shows the answers of released responses only, so
    /// that the list grows by a release's responses, never by one new answer (DOMAIN.md §4, time).
    func answers(wave: UUID, school: UUID, releasedOnly: Bool = false) async throws -> [String: [OpenAnswer]] {
        let (rows, hidden, roster) = try await database.read { db in
            var query = db.select().columns("id", "texts").from("survey_responses").where("wave_id", .equal, SQLBind(wave))
                .where("school_id", .equal, SQLBind(school)).where(SQLIdentifier("texts"), .isNot, SQLLiteral.null)
            if releasedOnly { query = query.where("released_in", .isNot, SQLLiteral.null) }
            let rows = try await query.all()
            let hidden = try await db.select().column("answer_key").from("hidden_open_answers").where("wave_id", .equal, SQLBind(wave)).all()
                .map { try $0.decode(column: "answer_key", as: String.self) }
            return (rows, Set(hidden), try await Self.roster(school: school, on: db))
        }
        let screen = PersonalDetails(roster: roster)
        var answers: [String: [OpenAnswer]] = [:]
        for row in rows {
            guard let json = try row.decode(column: "texts", as: String?.self),
                  let texts = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else { continue }
            let id = try row.decode(column: "id", as: UUID.self)
            for (item, text) in texts {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                let key = key(response: id, item: item)
                guard !trimmed.isEmpty, !hidden.contains(key) else { continue }
                answers[item, default: []].append(OpenAnswer(key: key, text: trimmed, findings: screen.findings(in: trimmed)))
            }
        }
        return answers.mapValues { $0.sorted { $0.text.localizedCaseInsensitiveCompare($1.text) == .orderedAscending } }
    }

    /// Takes the answer `key` names out of every view; the question it answered, or nil if the school has no such answer.
    func hide(wave: UUID, school: UUID, key: String) async throws -> String? {
        guard key.count == 32, key.allSatisfy(\.isHexDigit) else { return nil }
        let item = try await answers(wave: wave, school: school).first { $0.value.contains { $0.key == key } }?.key
        guard let item else { return nil }
        try await database.write { db in
            try await db.insert(into: "hidden_open_answers").columns("wave_id", "answer_key", "school_id", "hidden_at")
                .values(SQLBind(wave), SQLBind(key), SQLBind(school), SQLBind(Date())).ignoringConflicts(with: ["wave_id", "answer_key"]).run()
        }
        return item
    }

    /// Everyone whose name at this school an answer might hold: its students (past ones too) and its staff.
    static func roster(school: UUID, on db: any SQLDatabase) async throws -> [PersonalDetails.Person] {
        let students = try await db.select().columns("given_name", "family_name", "preferred_name").from("students")
            .where("school_id", .equal, SQLBind(school)).all()
        let staff = try await db.select().columns("given_name", "family_name", "preferred_name").from("staff_members")
            .where(SQLIdentifier("id"), .in, SQLSubquery.select { sub in
                sub.column("staff_id").from("staff_assignments").where("school_id", .equal, SQLBind(school))
            }).all()
        var people: [PersonalDetails.Person] = []
        for (rows, isStaff) in [(students, false), (staff, true)] {
            for row in rows {
                let family = try row.decode(column: "family_name", as: String.self)
                people.append(.init(given: try row.decode(column: "given_name", as: String.self), family: family, isStaff: isStaff))
                if let preferred = try row.decode(column: "preferred_name", as: String?.self), !preferred.isEmpty {
                    people.append(.init(given: preferred, family: family, isStaff: isStaff))
                }
            }
        }
        return people
    }
}
