import BelongCore
import Foundation
import SQLKit

/// What the results engine reads: a wave's responses as packed answers and cells, how many there
/// are, school levels, and open answers for the school team.
public struct ResultsStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// How many responses a wave has, to tell whether what the engine holds is still every one of them.
    public func responseCount(wave: UUID) async throws -> Int {
        try await database.read { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("survey_responses")
                .where("wave_id", .equal, SQLBind(wave)).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Every response of a wave, packed, with the count read in the same transaction.
    /// Confidential waves also know each student's grouping attributes; anonymous ones cannot.
    public func load(_ wave: SurveyWave, layout: ResultsLayout) async throws -> WaveAnswers {
        try await database.read { db in
            var attributes: [UUID: [String: String]] = [:]
            if wave.mode == .confidential {
                let rows = try await db.select()
                    .column(SQLColumn("student_id", table: "sa")).column(SQLColumn("key", table: "ga")).column(SQLColumn("value_key", table: "sa"))
                    .from(SQLAlias(SQLIdentifier("student_attributes"), as: SQLIdentifier("sa")))
                    .join(SQLAlias(SQLIdentifier("grouping_attributes"), as: SQLIdentifier("ga")),
                          on: SQLColumn("id", table: "ga"), .equal, SQLColumn("attribute_id", table: "sa"))
                    .join(SQLAlias(SQLIdentifier("survey_responses"), as: SQLIdentifier("r")),
                          on: SQLColumn("student_id", table: "r"), .equal, SQLColumn("student_id", table: "sa"))
                    .where(SQLColumn("wave_id", table: "r"), .equal, SQLBind(wave.id)).all()
                for row in rows {
                    attributes[try row.decode(column: "student_id", as: UUID.self), default: [:]][try row.decode(column: "key", as: String.self)] =
                        try row.decode(column: "value_key", as: String.self)
                }
            }
            var answers = WaveAnswers(layout: layout)
            let rows = try await db.select().columns("school_id", "grade", "class_id", "answers", "student_id").from("survey_responses")
                .where("wave_id", .equal, SQLBind(wave.id)).all()
            answers.reserveCapacity(rows.count)
            for row in rows {
                let student = try row.decode(column: "student_id", as: UUID?.self)
                let cell = ResultCell(
                    school: try row.decode(column: "school_id", as: UUID.self),
                    grade: try row.decode(column: "grade", as: Int?.self).flatMap(Grade.init(rawValue:)),
                    classId: try row.decode(column: "class_id", as: UUID?.self),
                    attributes: student.flatMap { attributes[$0] } ?? [:])
                answers.append(try row.decode(column: "answers", as: Data.self), in: cell)
            }
            return answers
        }
    }

    /// The titles of a school's classes, to name the rows of a class breakdown.
    public func classTitles(school: UUID) async throws -> [UUID: String] {
        try await database.read { db in
            var titles: [UUID: String] = [:]
            for row in try await db.select().columns("id", "title").from("classes").where("school_id", .equal, SQLBind(school)).all() {
                titles[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "title", as: String.self)
            }
            return titles
        }
    }

    /// Each school's level, from the grades it serves.
    public func schoolLevels() async throws -> [UUID: SchoolLevel] {
        try await database.read { db in
            var levels: [UUID: SchoolLevel] = [:]
            for row in try await db.select().columns("id", "lowest_grade", "highest_grade").from("organizations").where("kind", .equal, SQLBind("school")).all() {
                levels[try row.decode(column: "id", as: UUID.self)] = SchoolLevel(
                    lowest: try row.decode(column: "lowest_grade", as: Int?.self).flatMap(Grade.init(rawValue:)),
                    highest: try row.decode(column: "highest_grade", as: Int?.self).flatMap(Grade.init(rawValue:)))
            }
            return levels
        }
    }

    /// The open answers written at a school in a wave, sorted so nothing about their order says who or when.
    public func openAnswers(wave: UUID, school: UUID) async throws -> [String: [String]] {
        try await database.read { db in
            var answers: [String: [String]] = [:]
            let rows = try await db.select().column("texts").from("survey_responses").where("wave_id", .equal, SQLBind(wave))
                .where("school_id", .equal, SQLBind(school)).where(SQLIdentifier("texts"), .isNot, SQLLiteral.null).all()
            for row in rows {
                guard let json = try row.decode(column: "texts", as: String?.self),
                      let texts = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else { continue }
                for (item, text) in texts {
                    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                    if !trimmed.isEmpty { answers[item, default: []].append(trimmed) }
                }
            }
            return answers.mapValues { $0.sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending } }
        }
    }
}

extension ResultsStore {
    /// A grouping attribute's name and its values' names, in both languages.
    public struct AttributeLabels: Sendable {
        public let name: [Language: String]
        public let values: [String: [Language: String]]
        public let order: [String]
    }

    public func attributeLabels() async throws -> [String: AttributeLabels] {
        try await database.read { db in
            var result: [String: AttributeLabels] = [:]
            let attributes = try await db.select().columns("id", "key", "label_en", "label_fr").from("grouping_attributes").all()
            let values = try await db.select().columns("attribute_id", "key", "label_en", "label_fr", "position").from("grouping_values")
                .orderBy("position").all()
            for attribute in attributes {
                let id = try attribute.decode(column: "id", as: UUID.self)
                let mine = try values.filter { try $0.decode(column: "attribute_id", as: UUID.self) == id }
                var labels: [String: [Language: String]] = [:]
                var order: [String] = []
                for value in mine {
                    let key = try value.decode(column: "key", as: String.self)
                    order.append(key)
                    labels[key] = [.english: try value.decode(column: "label_en", as: String.self), .french: try value.decode(column: "label_fr", as: String.self)]
                }
                result[try attribute.decode(column: "key", as: String.self)] = AttributeLabels(
                    name: [.english: try attribute.decode(column: "label_en", as: String.self), .french: try attribute.decode(column: "label_fr", as: String.self)],
                    values: labels, order: order)
            }
            return result
        }
    }
}
