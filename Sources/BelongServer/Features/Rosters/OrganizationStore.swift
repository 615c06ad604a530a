import BelongCore
import Foundation
import SQLKit

/// Districts and schools: who belongs to whom, for access decisions and menus.
public struct OrganizationStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func all() async throws -> [Organization] {
        try await database.read { db in
            try await db.select().columns("id", "sourced_id", "kind", "name", "identifier", "district_id", "lowest_grade", "highest_grade", "is_active")
                .from("organizations").orderBy("name").all().map(Self.organization)
        }
    }

    public func find(id: UUID) async throws -> Organization? {
        try await database.read { db in
            try await db.select().columns("id", "sourced_id", "kind", "name", "identifier", "district_id", "lowest_grade", "highest_grade", "is_active")
                .from("organizations").where("id", .equal, SQLBind(id)).first().map(Self.organization)
        }
    }

    /// The district of every school that has one.
    public func districtOfSchool() async throws -> [UUID: UUID] {
        try await database.read { db in
            let rows = try await db.select().columns("id", "district_id").from("organizations")
                .where("kind", .equal, "school").where("district_id", .isNot, SQLLiteral.null).all()
            var map: [UUID: UUID] = [:]
            for row in rows {
                map[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "district_id", as: UUID.self)
            }
            return map
        }
    }

    static func organization(_ row: any SQLRow) throws -> Organization {
        Organization(
            id: try row.decode(column: "id", as: UUID.self),
            sourcedId: try row.decode(column: "sourced_id", as: String?.self),
            kind: Organization.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .school,
            name: try row.decode(column: "name", as: String.self),
            identifier: try row.decode(column: "identifier", as: String?.self),
            districtId: try row.decode(column: "district_id", as: UUID?.self),
            lowestGrade: try row.decode(column: "lowest_grade", as: Int?.self).flatMap(Grade.init(rawValue:)),
            highestGrade: try row.decode(column: "highest_grade", as: Int?.self).flatMap(Grade.init(rawValue:)),
            isActive: try row.decode(column: "is_active", as: Bool.self)
        )
    }
}
