import Foundation
import Testing
@testable import BelongCore

/// The permission table, spelled out role by role from DOMAIN.md §4, apart from the code that decides it: the
/// routes and the navigation read `AccessPolicy`, so this is what keeps it honest.
@Suite("Who may do what")
struct AccessPolicyTests {
    let district = UUID(), school = UUID(), otherSchool = UUID()

    func policy(_ role: Role) -> AccessPolicy {
        AccessPolicy(grants: [.init(role: role, organizationId: role.isDistrictWide ? district : school)],
                     districtOfSchool: [school: district, otherSchool: district])
    }

    /// What each role may do: at its own school (or, for district roles, over every school of the district) and at the district.
    static let expected: [Role: Set<Permission.Kind>] = [
        .districtAdministrator: [.viewSchoolAggregates, .viewDistrictAggregates, .viewStudentRecords, .runSurveys, .planSurveys, .manageUsers,
                                 .importRoster, .readAuditLog, .manageAPITokens, .manageInstruments, .manageLibrary, .markResources,
                                 .facilitateAssessment, .editPlan],
        .analyst: [.viewSchoolAggregates, .viewDistrictAggregates, .readReliability],
        .schoolAdministrator: [.viewSchoolAggregates, .readOpenAnswers, .viewStudentRecords, .runSurveys, .planSurveys, .markResources,
                               .rateAssessment, .facilitateAssessment, .editPlan],
        .schoolTeam: [.viewSchoolAggregates, .readOpenAnswers, .readReliability, .viewStudentRecords, .runSurveys, .markResources,
                      .rateAssessment, .facilitateAssessment, .editPlan],
        .staff: [.viewSchoolAggregates, .markResources, .rateAssessment],
    ]

    @Test("each role holds exactly its permissions, where it was given them", arguments: Role.allCases)
    func table(role: Role) {
        let policy = policy(role)
        for kind in Permission.Kind.allCases {
            let mine = Self.expected[role]!.contains(kind)
            if kind.concernsSchool {
                #expect(policy.allows(Permission(kind, school)) == mine, "\(role) \(kind) at own school")
                #expect(policy.allows(Permission(kind, otherSchool)) == (mine && role.isDistrictWide), "\(role) \(kind) at another school")
                #expect(!policy.allows(Permission(kind, UUID())), "\(role) \(kind) at a school of another district")
            } else {
                #expect(policy.allows(Permission(kind, district)) == mine, "\(role) \(kind) in the district")
                #expect(!policy.allows(Permission(kind, UUID())), "\(role) \(kind) in another district")
            }
            #expect(policy.allowsSomewhere(kind) == mine, "\(role) \(kind) somewhere")
        }
    }

    @Test("a permission keeps its kind and its school or district")
    func roundTrip() {
        for kind in Permission.Kind.allCases {
            let id = UUID()
            #expect(Permission(kind, id).kind == kind)
            #expect(Permission(kind, id).organization == id)
        }
    }
}
