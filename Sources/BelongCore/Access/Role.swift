/// What a signed-in person may do, and where. See DOMAIN.md §4 and issue #3.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    /// Everything in their district; manages users and imports rosters.
    case districtAdministrator
    /// District aggregates only; never student-level data.
    case analyst
    /// A principal or vice-principal: everything for their school.
    case schoolAdministrator
    /// Counsellor or mapping lead: their school's student-level data.
    case schoolTeam
    /// Teacher or support staff: their own marks and mentees, and their school's aggregate results.
    case staff

    /// District roles are held for a district; the others for a school.
    public var isDistrictWide: Bool { self == .districtAdministrator || self == .analyst }
}
