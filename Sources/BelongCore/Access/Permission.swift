import Foundation

/// Something a signed-in person may try to do, and the district or school it concerns.
public enum Permission: Hashable, Sendable {
    /// A school's results, with small groups suppressed.
    case viewSchoolAggregates(school: UUID)
    /// District roll-ups and comparisons between schools.
    case viewDistrictAggregates(district: UUID)
    /// What students wrote in a school's open questions: the school team only, never district views.
    case readOpenAnswers(school: UUID)
    /// How reliable each scale is (alphas and their intervals): for analysts and the school team, not every reader.
    case readReliability(school: UUID)
    /// Named students: the people directory, relationship maps, confidential answers.
    case viewStudentRecords(school: UUID)
    /// Accounts and roles in a district.
    case manageUsers(district: UUID)
    /// Roster imports into a district.
    case importRoster(district: UUID)
    /// The audit log of a district.
    case readAuditLog(district: UUID)
    /// API tokens for a district's integrations.
    case manageAPITokens(district: UUID)
    /// A school's survey waves as they run: live participation, code slips, closing early.
    case runSurveys(school: UUID)
    /// Setting up and opening survey waves for a school.
    case planSurveys(school: UUID)
    /// A district's own instruments.
    case manageInstruments(district: UUID)
}
