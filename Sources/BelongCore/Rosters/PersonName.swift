/// A person's name as a school writes it, with the name they prefer to be called.
public struct PersonName: Sendable, Hashable, Codable {
    public var given: String
    public var family: String
    public var preferred: String?

    public init(given: String, family: String, preferred: String? = nil) {
        self.given = given
        self.family = family
        self.preferred = preferred
    }

    /// "Preferred Family", the way a teacher would say it.
    public var display: String { "\(preferred ?? given) \(family)" }

    /// "Family, Given", for sorted lists.
    public var sortable: String { "\(family), \(preferred ?? given)" }
}
