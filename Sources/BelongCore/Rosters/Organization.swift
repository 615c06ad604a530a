import Foundation

/// A district or a school. A school belongs to at most one district.
public struct Organization: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case district
        case school
    }

    public var id: UUID
    /// The external roster id (OneRoster `sourcedId`); nil for records created in Belong.
    public var sourcedId: String?
    public var kind: Kind
    public var name: String
    /// The district's or ministry's own number for the school, if any.
    public var identifier: String?
    public var districtId: UUID?
    /// The grades a school serves, lowest and highest.
    public var lowestGrade: Grade?
    public var highestGrade: Grade?
    public var isActive: Bool

    public init(
        id: UUID = UUID(), sourcedId: String? = nil, kind: Kind, name: String, identifier: String? = nil,
        districtId: UUID? = nil, lowestGrade: Grade? = nil, highestGrade: Grade? = nil, isActive: Bool = true
    ) {
        self.id = id
        self.sourcedId = sourcedId
        self.kind = kind
        self.name = name
        self.identifier = identifier
        self.districtId = districtId
        self.lowestGrade = lowestGrade
        self.highestGrade = highestGrade
        self.isActive = isActive
    }
}
