import Foundation

/// Decides what a person may do from the roles they hold (DOMAIN.md §4, issue #3):
///
/// | role | may |
/// |---|---|
/// | district administrator | everything in their district |
/// | analyst | district and school aggregates; never student records |
/// | school administrator | everything for their school |
/// | school team | their school's student records and aggregates |
/// | staff | their school's aggregates (their own marks and mentees come later) |
///
/// Open answers to a school's survey are read by its school administrator and school team only; the
/// reliability of its scales by its school team and the district's analysts.
///
/// The library: district administrators add their district's own resources and hide built-in ones; a school's
/// staff keep its shortlist and say what it tried.
///
/// The self-assessment: the school's own people rate the rubric, each on their own (district roles are not
/// members of a school's team); its administrator and school team, or the district administrator, start it
/// and record the consensus; whoever reads the school's results reads its scorecard.
///
/// The plan: the school administrator, the school team and the district administrator set its goals and actions;
/// whoever reads the school's results reads it; an action's owner updates the status of their own.
///
/// Surveys: the school administrator and the district administrator set up and open waves; the
/// school team also runs them (participation, code slips, closing early).
///
/// A person may hold roles at several schools; each grant counts only where it was given.
public struct AccessPolicy: Sendable {
    public let grants: [UserAccount.Grant]
    /// The district each school belongs to.
    public let districtOfSchool: [UUID: UUID]

    public init(grants: [UserAccount.Grant], districtOfSchool: [UUID: UUID]) {
        self.grants = grants
        self.districtOfSchool = districtOfSchool
    }

    /// Who holds each permission: roles held at the school itself, and district-wide roles held over it (or, for a
    /// district permission, at the district). The one table the routes, the navigation and the tests read.
    public static func holders(of kind: Permission.Kind) -> (atSchool: Set<Role>, districtWide: Set<Role>) {
        switch kind {
        case .viewSchoolAggregates: ([.schoolAdministrator, .schoolTeam, .staff], [.districtAdministrator, .analyst])
        case .viewDistrictAggregates: ([], [.districtAdministrator, .analyst])
        case .readOpenAnswers: ([.schoolAdministrator, .schoolTeam], [])
        case .readReliability: ([.schoolTeam], [.analyst])
        case .viewStudentRecords, .runSurveys: ([.schoolAdministrator, .schoolTeam], [.districtAdministrator])
        case .planSurveys: ([.schoolAdministrator], [.districtAdministrator])
        case .markResources: ([.schoolAdministrator, .schoolTeam, .staff], [.districtAdministrator])
        case .rateAssessment: ([.schoolAdministrator, .schoolTeam, .staff], [])
        case .facilitateAssessment, .editPlan: ([.schoolAdministrator, .schoolTeam], [.districtAdministrator])
        case .manageUsers, .importRoster, .readAuditLog, .manageAPITokens, .manageInstruments, .manageLibrary: ([], [.districtAdministrator])
        }
    }

    public func allows(_ permission: Permission) -> Bool {
        let holders = Self.holders(of: permission.kind)
        if permission.kind.concernsSchool {
            return holds(holders.atSchool, atSchool: permission.organization) || holds(holders.districtWide, overSchool: permission.organization)
        }
        return holds(holders.districtWide, atDistrict: permission.organization)
    }

    /// Whether the person holds a permission of this kind anywhere: what the navigation shows them.
    public func allowsSomewhere(_ kind: Permission.Kind) -> Bool {
        let holders = Self.holders(of: kind)
        return grants.contains { $0.role.isDistrictWide ? holders.districtWide.contains($0.role) : holders.atSchool.contains($0.role) }
    }

    /// The schools, among `schools`, where the person may do what `permission` names.
    public func schools(_ schools: [UUID], allowing permission: (UUID) -> Permission) -> [UUID] {
        schools.filter { allows(permission($0)) }
    }

    /// Districts where the person holds a district-wide role.
    public var districts: Set<UUID> {
        Set(grants.filter(\.role.isDistrictWide).map(\.organizationId))
    }

    /// Whether the person holds any role that lets them administer a district.
    public var isDistrictAdministrator: Bool {
        grants.contains { $0.role == .districtAdministrator }
    }

    private func holds(_ roles: Set<Role>, atSchool school: UUID) -> Bool {
        grants.contains { roles.contains($0.role) && !$0.role.isDistrictWide && $0.organizationId == school }
    }

    private func holds(_ roles: Set<Role>, atDistrict district: UUID) -> Bool {
        grants.contains { roles.contains($0.role) && $0.role.isDistrictWide && $0.organizationId == district }
    }

    private func holds(_ roles: Set<Role>, overSchool school: UUID) -> Bool {
        guard let district = districtOfSchool[school] else { return false }
        return holds(roles, atDistrict: district)
    }
}
