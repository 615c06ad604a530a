import Foundation

/// A person who signs in to Belong. Students and families never need one: they answer by access code.
public struct UserAccount: Sendable, Hashable, Identifiable {
    /// A role held at one organization: a district for district roles, a school for the others.
    public struct Grant: Sendable, Hashable {
        public var role: Role
        public var organizationId: UUID

        public init(role: Role, organizationId: UUID) {
            self.role = role
            self.organizationId = organizationId
        }
    }

    public var id: UUID
    /// Stored lower-cased; unique.
    public var email: String
    public var displayName: String
    public var staffId: UUID?
    public var grants: [Grant]
    public var isActive: Bool

    public init(id: UUID = UUID(), email: String, displayName: String, staffId: UUID? = nil, grants: [Grant], isActive: Bool = true) {
        self.id = id
        self.email = UserAccount.normalize(email: email)
        self.displayName = displayName
        self.staffId = staffId
        self.grants = grants
        self.isActive = isActive
    }

    public static func normalize(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
