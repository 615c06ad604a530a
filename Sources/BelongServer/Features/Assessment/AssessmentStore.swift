import BelongCore
import Foundation
import SQLKit

/// One self-assessment of a school against the rubric: started by its facilitator, rated by each member,
/// agreed in a consensus, and completed once the team has decided.
struct SelfAssessment: Sendable, Hashable, Identifiable {
    let id: UUID
    let schoolId: UUID
    let title: String
    let startedBy: UUID?
    let startedAt: Date
    var completedAt: Date?

    var isCompleted: Bool { completedAt != nil }
}

/// A member's rating of one indicator, or the consensus on it, with what was written beside it.
struct RatedIndicator: Sendable, Hashable {
    let rating: IndicatorRating
    /// A member's note, or the consensus's evidence.
    let note: String
}

/// The self-assessments, their members' ratings and their consensus (DOMAIN.md §6).
struct AssessmentStore: Sendable {
    let database: Database
    let now: @Sendable () -> Date

    init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    static let titleLength = 120
    static let noteLength = 1_000

    func start(school: UUID, title: String, by account: UUID?) async throws -> SelfAssessment {
        let assessment = SelfAssessment(id: UUID(), schoolId: school, title: title, startedBy: account, startedAt: now(), completedAt: nil)
        try await database.write { db in
            try await db.insert(into: "self_assessments").columns("id", "school_id", "title", "started_by", "started_at")
                .values(SQLBind(assessment.id), SQLBind(school), SQLBind(title), bindOrNull(account), SQLBind(assessment.startedAt)).run()
        }
        return assessment
    }

    /// A school's assessments, the latest first.
    func list(school: UUID) async throws -> [SelfAssessment] {
        try await database.read { db in
            try await db.select().columns("*").from("self_assessments").where("school_id", .equal, SQLBind(school))
                .orderBy("started_at", .descending).orderBy("id").all().map(Self.assessment)
        }
    }

    func find(_ id: UUID, school: UUID) async throws -> SelfAssessment? {
        try await database.read { db in
            try await db.select().columns("*").from("self_assessments").where("id", .equal, SQLBind(id)).where("school_id", .equal, SQLBind(school))
                .first().map(Self.assessment)
        }
    }

    private static func assessment(_ row: any SQLRow) throws -> SelfAssessment {
        SelfAssessment(id: try row.decode(column: "id", as: UUID.self), schoolId: try row.decode(column: "school_id", as: UUID.self),
                       title: try row.decode(column: "title", as: String.self), startedBy: try row.decode(column: "started_by", as: UUID?.self),
                       startedAt: try row.decode(column: "started_at", as: Date.self), completedAt: try row.decode(column: "completed_at", as: Date?.self))
    }

    // MARK: Members' ratings

    /// Replaces what one member said: indicators left out are no longer rated by them.
    func rate(_ assessment: UUID, by account: UUID, _ ratings: [String: RatedIndicator]) async throws {
        let at = now()
        try await database.write { db in
            try await db.delete(from: "assessment_ratings").where("assessment_id", .equal, SQLBind(assessment)).where("account_id", .equal, SQLBind(account)).run()
            let rows = ratings.sorted { $0.key < $1.key }
            guard !rows.isEmpty else { return }
            try await db.insertRows(into: "assessment_ratings", columns: ["assessment_id", "account_id", "indicator_id", "rating", "note", "rated_at"], from: rows) { row in
                [SQLBind(assessment), SQLBind(account), SQLBind(row.key), SQLBind(row.value.rating.formValue), SQLBind(row.value.note), SQLBind(at)]
            }
        }
    }

    /// Every member's ratings, by member.
    func ratings(_ assessment: UUID) async throws -> [UUID: [String: RatedIndicator]] {
        try await database.read { db in
            var byMember: [UUID: [String: RatedIndicator]] = [:]
            for row in try await db.select().columns("account_id", "indicator_id", "rating", "note").from("assessment_ratings")
                .where("assessment_id", .equal, SQLBind(assessment)).all() {
                guard let rating = IndicatorRating(form: try row.decode(column: "rating", as: String.self)) else { continue }
                byMember[try row.decode(column: "account_id", as: UUID.self), default: [:]][try row.decode(column: "indicator_id", as: String.self)] =
                    RatedIndicator(rating: rating, note: try row.decode(column: "note", as: String.self))
            }
            return byMember
        }
    }

    // MARK: Consensus

    /// Records the team's consensus on the indicators given (others keep theirs); an empty rating clears one.
    func decide(_ assessment: UUID, by account: UUID?, _ decisions: [String: RatedIndicator?]) async throws {
        let at = now()
        try await database.write { db in
            for (indicator, decision) in decisions.sorted(by: { $0.key < $1.key }) {
                try await db.delete(from: "assessment_consensus").where("assessment_id", .equal, SQLBind(assessment)).where("indicator_id", .equal, indicator).run()
                guard let decision else { continue }
                try await db.insert(into: "assessment_consensus").columns("assessment_id", "indicator_id", "rating", "evidence", "decided_by", "decided_at")
                    .values(SQLBind(assessment), SQLBind(indicator), SQLBind(decision.rating.formValue), SQLBind(decision.note), bindOrNull(account), SQLBind(at)).run()
            }
        }
    }

    func consensus(_ assessment: UUID) async throws -> [String: RatedIndicator] {
        try await database.read { db in
            var decided: [String: RatedIndicator] = [:]
            for row in try await db.select().columns("indicator_id", "rating", "evidence").from("assessment_consensus")
                .where("assessment_id", .equal, SQLBind(assessment)).all() {
                guard let rating = IndicatorRating(form: try row.decode(column: "rating", as: String.self)) else { continue }
                decided[try row.decode(column: "indicator_id", as: String.self)] = RatedIndicator(rating: rating, note: try row.decode(column: "evidence", as: String.self))
            }
            return decided
        }
    }

    /// Marks the assessment complete (or open again); false when it already was.
    @discardableResult
    func setCompleted(_ assessment: UUID, _ completed: Bool) async throws -> Bool {
        try await database.write { db in
            let current = try await db.select().column("completed_at").from("self_assessments").where("id", .equal, SQLBind(assessment)).first()?
                .decode(column: "completed_at", as: Date?.self)
            guard (current != nil) != completed else { return false }
            try await db.update("self_assessments").set("completed_at", to: completed ? SQLBind(now()) as any SQLExpression : SQLLiteral.null)
                .where("id", .equal, SQLBind(assessment)).run()
            return true
        }
    }

    /// The completed assessment before `assessment` at its school: what the scorecard's change is measured from.
    func previousCompleted(before assessment: SelfAssessment) async throws -> SelfAssessment? {
        try await list(school: assessment.schoolId).first { $0.isCompleted && $0.id != assessment.id && $0.startedAt < assessment.startedAt }
    }

    /// Each school's latest completed assessment with its consensus: the district's side-by-side view.
    func latestCompleted(schools: [UUID]) async throws -> [UUID: (SelfAssessment, [String: IndicatorRating])] {
        guard !schools.isEmpty else { return [:] }
        let rows = try await database.read { db in
            try await db.select().columns("*").from("self_assessments").where(SQLIdentifier("school_id"), .in, SQLBind.group(schools))
                .where("completed_at", .isNot, SQLLiteral.null).orderBy("started_at", .descending).orderBy("id").all().map(Self.assessment)
        }
        var latest: [UUID: (SelfAssessment, [String: IndicatorRating])] = [:]
        for assessment in rows where latest[assessment.schoolId] == nil {
            latest[assessment.schoolId] = (assessment, try await consensus(assessment.id).mapValues(\.rating))
        }
        return latest
    }
}
