import Foundation

/// A student on a school's roster.
///
/// Grouping attributes (e.g. gender, home language, self-identified groups) are configured by the
/// district and used only to report results by group; never to single a student out.
public struct Student: Sendable, Hashable, Identifiable {
    public var id: UUID
    public var sourcedId: String?
    public var schoolId: UUID
    public var name: PersonName
    /// Nil when the roster gives none and the student's classes do not agree on one ("grade not given"):
    /// the student counts in their school's figures and in no grade's.
    public var grade: Grade?
    /// The district's student number.
    public var identifier: String?
    public var email: String?
    /// Grouping attribute key → value key, e.g. `["home-language": "pa"]`.
    public var attributes: [String: String]
    public var isActive: Bool

    public init(
        id: UUID = UUID(), sourcedId: String? = nil, schoolId: UUID, name: PersonName, grade: Grade?,
        identifier: String? = nil, email: String? = nil, attributes: [String: String] = [:], isActive: Bool = true
    ) {
        self.id = id
        self.sourcedId = sourcedId
        self.schoolId = schoolId
        self.name = name
        self.grade = grade
        self.identifier = identifier
        self.email = email
        self.attributes = attributes
        self.isActive = isActive
    }
}
