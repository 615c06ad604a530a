import Foundation

/// A way the district chooses to group students for reporting, e.g. gender or home language.
/// Values are keys; their labels come in every language Belong speaks.
public struct GroupingAttribute: Sendable, Hashable, Identifiable {
    public struct Value: Sendable, Hashable {
        public var key: String
        public var labels: [Language: String]

        public init(key: String, labels: [Language: String]) {
            self.key = key
            self.labels = labels
        }
    }

    public var id: UUID
    public var districtId: UUID
    public var key: String
    public var labels: [Language: String]
    public var values: [Value]

    public init(id: UUID = UUID(), districtId: UUID, key: String, labels: [Language: String], values: [Value]) {
        self.id = id
        self.districtId = districtId
        self.key = key
        self.labels = labels
        self.values = values
    }
}
