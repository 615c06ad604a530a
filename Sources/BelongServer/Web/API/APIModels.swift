import BelongCore
import Foundation

/// The JSON shapes of the API, as `Resources/openapi.json` documents them; never database rows.
enum API {
    struct Me: Codable, Sendable {
        struct RoleGrant: Codable, Sendable {
            let role: String
            let organizationId: UUID
            let organizationName: String
        }

        let id: UUID
        let email: String
        let displayName: String
        let roles: [RoleGrant]
        let canWrite: Bool
    }

    struct School: Codable, Sendable {
        let id: UUID
        let sourcedId: String?
        let name: String
        let identifier: String?
        let districtId: UUID?
        let lowestGrade: String?
        let highestGrade: String?
    }

    struct Schools: Codable, Sendable {
        let schools: [School]
    }

    struct Person: Codable, Sendable {
        let id: UUID
        let givenName: String
        let familyName: String
        let preferredName: String?
        let grade: String?
        let roles: [String]
        let email: String?
        let identifier: String?
        let active: Bool
    }

    struct People: Codable, Sendable {
        let kind: String
        let page: Int
        let pageSize: Int
        let total: Int
        let people: [Person]
    }

    struct Problem: Codable, Sendable {
        let status: Int
        let error: String
        let message: String?
    }
}
