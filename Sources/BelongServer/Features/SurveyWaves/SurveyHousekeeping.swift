import BelongCore
import Foundation
import Logging
import ServiceLifecycle
import SQLKit

/// What a wave leaves behind when it closes: drafts are dropped (they were kept "until the window
/// closes"), and on PostgreSQL the responses and codes tables are rewritten in key order, so the
/// order rows were written in (which follows the order codes were used) no longer shows on disk, nor
/// which transaction wrote which row.
/// SQLite keeps responses ordered by their random keys, and codes in the order they were issued
/// (shuffled within each batch), where using one does not move it.
public struct SurveyHousekeeping: Sendable {
    let database: Database
    let now: @Sendable () -> Date

    public init(database: Database, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.now = now
    }

    /// Drafts of waves that are closed, by state or by date; returns how many were dropped.
    @discardableResult
    public func dropClosedDrafts() async throws -> Int {
        let timestamp = now()
        return try await database.write(deadline: DatabaseDeadline.background) { db in
            let closed = SQLSubquery.select { sub in
                sub.column("id").from("survey_waves")
                    .where("state", .equal, SQLBind(SurveyWave.State.closed.rawValue))
                    .orWhere("closes_at", .lessThanOrEqual, SQLBind(timestamp))
            }
            let count = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("response_drafts")
                .where("wave_id", .in, closed).first()?.decode(column: "n", as: Int.self) ?? 0
            if count > 0 { try await db.delete(from: "response_drafts").where("wave_id", .in, closed).run() }
            return count
        }
    }

    /// Rewrites the tables whose physical order could hint at arrival order (PostgreSQL only). First every
    /// response and used code of a recent wave is written again in one transaction: each row carries the id
    /// of the transaction that wrote it (`xmin`), and a response shared its id with the claim of its code.
    /// Afterwards they all share one. CLUSTER then rewrites the files without the old row versions.
    public func scrambleStorage() async throws {
        let recent = now().addingTimeInterval(-86_400)
        try await database.write(deadline: DatabaseDeadline.background) { db in
            guard db.isPostgres else { return }
            let waves = SQLSubquery.select { sub in
                sub.column("id").from("survey_waves")
                    .where("state", .equal, SQLBind(SurveyWave.State.open.rawValue)).orWhere("closes_at", .greaterThan, SQLBind(recent))
            }
            try await db.update("survey_responses").set("wave_id", to: SQLIdentifier("wave_id")).where("wave_id", .in, waves).run()
            try await db.update("access_codes").set("used", to: SQLIdentifier("used")).where("used", .equal, SQLBind(true))
                .where("wave_id", .in, waves).run()
        }
        try await database.write(deadline: DatabaseDeadline.background) { db in
            guard db.isPostgres else { return }
            try await db.raw("CLUSTER survey_responses USING survey_responses_pkey").run()
            try await db.raw("CLUSTER access_codes USING access_codes_pkey").run()
        }
    }

    public func run() async throws {
        try await dropClosedDrafts()
        try await scrambleStorage()
        // Not a survey's, but as stale: roster uploads previewed and never confirmed are let go after a day.
        try await ImportRunStore(database: database).abandon(olderThan: now().addingTimeInterval(-86_400))
    }
}

/// Runs the survey housekeeping once an hour while the server runs.
struct SurveyHousekeepingService: Service {
    let housekeeping: SurveyHousekeeping
    let logger: Logger
    var interval: Duration = .seconds(3_600)

    func run() async throws {
        // First wait, then tidy: closing a wave tidies at once, so a fresh server has nothing urgent to do.
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            do {
                try await housekeeping.run()
            } catch {
                logger.warning("survey housekeeping failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
