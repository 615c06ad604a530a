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
    /// A district's own library resources, and which built-in ones its people see.
    case manageLibrary(district: UUID)
    /// Keeping a school's shortlist of resources and saying the school tried one (with a rating).
    case markResources(school: UUID)
    /// Rating the six-strategy rubric as a member of a school's team, each on their own.
    case rateAssessment(school: UUID)
    /// Starting a school's self-assessment, seeing its members' spread and recording the consensus.
    case facilitateAssessment(school: UUID)
    /// Setting a school's plan: its goals and actions. An action's owner updates their own without it.
    case editPlan(school: UUID)

    /// A permission without the school or district it concerns: what a route or a navigation entry names.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case viewSchoolAggregates, viewDistrictAggregates, readOpenAnswers, readReliability, viewStudentRecords, manageUsers, importRoster,
             readAuditLog, manageAPITokens, runSurveys, planSurveys, manageInstruments, manageLibrary, markResources,
             rateAssessment, facilitateAssessment, editPlan

        /// Whether the permission concerns one school (else a whole district).
        public var concernsSchool: Bool {
            switch self {
            case .viewSchoolAggregates, .readOpenAnswers, .readReliability, .viewStudentRecords, .runSurveys, .planSurveys, .markResources, .rateAssessment,
                 .facilitateAssessment, .editPlan: true
            case .viewDistrictAggregates, .manageUsers, .importRoster, .readAuditLog, .manageAPITokens, .manageInstruments, .manageLibrary: false
            }
        }
    }

    /// The permission of `kind` over a school or a district (`concernsSchool` says which the id must be).
    public init(_ kind: Kind, _ organization: UUID) {
        switch kind {
        case .viewSchoolAggregates: self = .viewSchoolAggregates(school: organization)
        case .viewDistrictAggregates: self = .viewDistrictAggregates(district: organization)
        case .readOpenAnswers: self = .readOpenAnswers(school: organization)
        case .readReliability: self = .readReliability(school: organization)
        case .viewStudentRecords: self = .viewStudentRecords(school: organization)
        case .manageUsers: self = .manageUsers(district: organization)
        case .importRoster: self = .importRoster(district: organization)
        case .readAuditLog: self = .readAuditLog(district: organization)
        case .manageAPITokens: self = .manageAPITokens(district: organization)
        case .runSurveys: self = .runSurveys(school: organization)
        case .planSurveys: self = .planSurveys(school: organization)
        case .manageInstruments: self = .manageInstruments(district: organization)
        case .manageLibrary: self = .manageLibrary(district: organization)
        case .markResources: self = .markResources(school: organization)
        case .rateAssessment: self = .rateAssessment(school: organization)
        case .facilitateAssessment: self = .facilitateAssessment(school: organization)
        case .editPlan: self = .editPlan(school: organization)
        }
    }

    public var kind: Kind {
        switch self {
        case .viewSchoolAggregates: .viewSchoolAggregates
        case .viewDistrictAggregates: .viewDistrictAggregates
        case .readOpenAnswers: .readOpenAnswers
        case .readReliability: .readReliability
        case .viewStudentRecords: .viewStudentRecords
        case .manageUsers: .manageUsers
        case .importRoster: .importRoster
        case .readAuditLog: .readAuditLog
        case .manageAPITokens: .manageAPITokens
        case .runSurveys: .runSurveys
        case .planSurveys: .planSurveys
        case .manageInstruments: .manageInstruments
        case .manageLibrary: .manageLibrary
        case .markResources: .markResources
        case .rateAssessment: .rateAssessment
        case .facilitateAssessment: .facilitateAssessment
        case .editPlan: .editPlan
        }
    }

    /// The school or district the permission concerns.
    public var organization: UUID {
        switch self {
        case .viewSchoolAggregates(let id), .viewDistrictAggregates(let id), .readOpenAnswers(let id), .readReliability(let id),
             .viewStudentRecords(let id), .manageUsers(let id), .importRoster(let id), .readAuditLog(let id), .manageAPITokens(let id),
             .runSurveys(let id), .planSurveys(let id), .manageInstruments(let id), .manageLibrary(let id), .markResources(let id),
             .rateAssessment(let id), .facilitateAssessment(let id), .editPlan(let id):
            id
        }
    }
}
