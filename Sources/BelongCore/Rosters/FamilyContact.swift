import Foundation

/// A parent, guardian or relative who can be reached about one or more students.
public struct FamilyContact: Sendable, Hashable, Identifiable {
    public enum Relationship: String, Sendable, Codable, CaseIterable {
        case parent
        case guardian
        case relative
    }

    public struct Link: Sendable, Hashable {
        public var studentId: UUID
        public var relationship: Relationship

        public init(studentId: UUID, relationship: Relationship) {
            self.studentId = studentId
            self.relationship = relationship
        }
    }

    public var id: UUID
    public var sourcedId: String?
    public var name: PersonName
    public var email: String?
    public var phone: String?
    /// The language the family reads: surveys and letters go out in it when Belong has it.
    public var preferredLanguage: String?
    public var links: [Link]
    public var isActive: Bool

    public init(
        id: UUID = UUID(), sourcedId: String? = nil, name: PersonName, email: String? = nil, phone: String? = nil,
        preferredLanguage: String? = nil, links: [Link], isActive: Bool = true
    ) {
        self.id = id
        self.sourcedId = sourcedId
        self.name = name
        self.email = email
        self.phone = phone
        self.preferredLanguage = preferredLanguage
        self.links = links
        self.isActive = isActive
    }
}
