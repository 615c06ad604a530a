import Foundation

/// The finest group a response belongs to: its school, grade, class and the grouping attributes
/// known for it. Every figure Belong shows is a sum over cells, so the privacy filter reasons about
/// cells and the engine needs to add up only cells.
public struct ResultCell: Sendable, Hashable {
    public var school: UUID
    public var grade: Grade?
    public var classId: UUID?
    /// Grouping attribute key → value key; absent when not known for this response.
    public var attributes: [String: String]

    public init(school: UUID, grade: Grade? = nil, classId: UUID? = nil, attributes: [String: String] = [:]) {
        self.school = school
        self.grade = grade
        self.classId = classId
        self.attributes = attributes
    }
}
