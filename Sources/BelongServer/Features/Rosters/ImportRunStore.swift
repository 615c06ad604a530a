import BelongCore
import Foundation
import SQLKit

/// Uploaded rosters awaiting confirmation, and the record of each import. The upload itself is
/// dropped once the import is confirmed or cancelled.
public struct ImportRunStore: Sendable {
    public enum Status: String, Sendable, Codable {
        /// The upload is being read and checked; the page shows how far it has got.
        case checking
        /// Confirmed, and being written.
        case applying
        case previewed
        case applied
        case refused
        case cancelled
    }

    public struct Run: Sendable, Identifiable {
        public let id: UUID
        public let districtId: UUID?
        public let userId: UUID?
        public let actorLabel: String
        public let fileName: String
        public let format: RosterImporter.Format
        public let status: Status
        public let createdAt: Date
        public let report: ImportReport?
    }

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    static let decoder = JSONDecoder()
    static let encoder = JSONEncoder()

    /// Keeps an upload, as being checked (no report yet) or already previewed.
    public func create(
        id: UUID, districtId: UUID?, userId: UUID?, actorLabel: String, fileName: String, format: RosterImporter.Format, report: ImportReport?, upload: Data
    ) async throws {
        let reportJSON = try report.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
        try await database.write { db in
            try await db.insert(into: "roster_imports")
                .columns("id", "district_id", "user_id", "actor_label", "file_name", "format", "status", "created_at", "report", "upload")
                .values(SQLBind(id), bindOrNull(districtId), bindOrNull(userId), SQLBind(actorLabel), SQLBind(fileName), SQLBind(format.rawValue),
                        SQLBind((report == nil ? Status.checking : .previewed).rawValue), SQLBind(Date()), bindOrNull(reportJSON), SQLBind(upload))
                .run()
        }
    }

    /// The preview of an upload that was being checked.
    public func previewed(id: UUID, report: ImportReport) async throws {
        let reportJSON = String(decoding: try Self.encoder.encode(report), as: UTF8.self)
        try await database.write { db in
            try await db.update("roster_imports").set("status", to: SQLBind(Status.previewed.rawValue)).set("report", to: SQLBind(reportJSON))
                .where("id", .equal, SQLBind(id)).where("status", .equal, SQLBind(Status.checking.rawValue)).run()
        }
    }

    /// Moves a previewed import to applying; false when it was not previewed any more (a second click,
    /// a confirmation sent twice), so only one request ever writes it.
    public func beginApplying(id: UUID) async throws -> Bool {
        try await database.write { db in
            // The row is locked until the transaction ends (SQLite's writer takes one transaction at a time).
            let status = try await db.select().column("status").from("roster_imports").where("id", .equal, SQLBind(id))
                .for(.update).first()?.decode(column: "status", as: String.self)
            guard status == Status.previewed.rawValue else { return false }
            try await db.update("roster_imports").set("status", to: SQLBind(Status.applying.rawValue)).where("id", .equal, SQLBind(id)).run()
            return true
        }
    }

    public func find(id: UUID) async throws -> Run? {
        try await database.read { db in
            try await db.select().columns("id", "district_id", "user_id", "actor_label", "file_name", "format", "status", "created_at", "report")
                .from("roster_imports").where("id", .equal, SQLBind(id)).first().map(Self.run)
        }
    }

    public func upload(id: UUID) async throws -> Data? {
        try await database.read { db in
            try await db.select().column("upload").from("roster_imports").where("id", .equal, SQLBind(id)).first()?
                .decode(column: "upload", as: Data?.self)
        }
    }

    public func recent(limit: Int = 15) async throws -> [Run] {
        try await database.read { db in
            try await db.select().columns("id", "district_id", "user_id", "actor_label", "file_name", "format", "status", "created_at", "report")
                .from("roster_imports").orderBy("created_at", .descending).limit(limit).all().map(Self.run)
        }
    }

    /// Uploads nobody confirmed or cancelled within a day, and checks a restart cut short, are let go (the record of the preview stays).
    public func abandon(olderThan cutoff: Date) async throws {
        try await database.write { db in
            try await db.update("roster_imports").set("status", to: SQLBind(Status.cancelled.rawValue)).set("upload", to: SQLLiteral.null)
                .where(SQLIdentifier("status"), .in, SQLBind.group([Status.previewed.rawValue, Status.checking.rawValue]))
                .where("created_at", .lessThan, SQLBind(cutoff)).run()
        }
    }

    /// Records the outcome and lets the upload go.
    public func finish(id: UUID, status: Status, report: ImportReport?) async throws {
        let reportJSON = try report.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
        try await database.write { db in
            let update = db.update("roster_imports").set("status", to: SQLBind(status.rawValue)).set("finished_at", to: SQLBind(Date()))
                .set("upload", to: SQLLiteral.null)
            if let reportJSON { update.set("report", to: SQLBind(reportJSON)) }
            try await update.where("id", .equal, SQLBind(id)).run()
        }
    }

    static func run(_ row: any SQLRow) throws -> Run {
        let report = try row.decode(column: "report", as: String?.self).flatMap { try? decoder.decode(ImportReport.self, from: Data($0.utf8)) }
        return Run(
            id: try row.decode(column: "id", as: UUID.self), districtId: try row.decode(column: "district_id", as: UUID?.self),
            userId: try row.decode(column: "user_id", as: UUID?.self), actorLabel: try row.decode(column: "actor_label", as: String.self),
            fileName: try row.decode(column: "file_name", as: String.self),
            format: RosterImporter.Format(rawValue: try row.decode(column: "format", as: String.self)) ?? .oneRoster,
            status: Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .previewed,
            createdAt: try row.decode(column: "created_at", as: Date.self), report: report
        )
    }
}
