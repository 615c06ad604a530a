import Foundation

/// One line of the append-only audit log: who did what, to which record, when, from where.
///
/// Nothing here may identify an anonymous survey response: survey events name the survey and the
/// batch of codes, never a response or a code.
public struct AuditEvent: Sendable, Hashable, Identifiable {
    public enum Action: String, Sendable, Codable, CaseIterable {
        case signIn = "sign-in"
        case signInFailed = "sign-in-failed"
        case signInLocked = "sign-in-locked"
        case signOut = "sign-out"
        case passwordChanged = "password-changed"
        case passwordReset = "password-reset"
        case userCreated = "user-created"
        case userUpdated = "user-updated"
        case userDeactivated = "user-deactivated"
        case roleGranted = "role-granted"
        case roleRevoked = "role-revoked"
        case tokenCreated = "token-created"
        case tokenRevoked = "token-revoked"
        case tokenUsed = "token-used"
        case rosterImported = "roster-imported"
        case rosterImportRefused = "roster-import-refused"
        case exported = "exported"
        case viewedPeople = "viewed-people"
        case viewedStudent = "viewed-student"
        case surveyCreated = "survey-created"
        case surveyOpened = "survey-opened"
        case surveyClosed = "survey-closed"
        case surveyRescheduled = "survey-rescheduled"
        case codesIssued = "codes-issued"
        case codesReplaced = "codes-replaced"
        case instrumentAdded = "instrument-added"
        case surveyOptOutChanged = "survey-opt-out-changed"
        case openAnswerHidden = "open-answer-hidden"
        case helpMessageChanged = "help-message-changed"
        case resourceAdded = "resource-added"
        case resourceChanged = "resource-changed"
        case resourceRetired = "resource-retired"
        case resourceHidden = "resource-hidden"
        case resourceShown = "resource-shown"
        case resourceShortlisted = "resource-shortlisted"
        case resourceUnshortlisted = "resource-unshortlisted"
        case resourceTried = "resource-tried"
        case assessmentStarted = "assessment-started"
        case assessmentRated = "assessment-rated"
        case assessmentDecided = "assessment-decided"
        case assessmentCompleted = "assessment-completed"
        case assessmentReopened = "assessment-reopened"
        case goalAdded = "goal-added"
        case goalRemoved = "goal-removed"
        case actionAdded = "action-added"
        case actionUpdated = "action-updated"
        case planDueSet = "plan-due-set"
    }

    public var id: UUID
    public var at: Date
    public var action: Action
    /// The account that acted; nil for a failed sign-in with an unknown email, or the command line.
    public var actorId: UUID?
    /// How the actor was known at the time (email, "command line"), kept even if the account is later removed.
    public var actorLabel: String
    /// What was acted on: "user", "student", "school", "import", "token".
    public var targetKind: String?
    public var targetId: String?
    public var organizationId: UUID?
    public var ip: String?
    /// Extra facts, such as the filters used to search a directory or the counts of an import.
    public var detail: String?

    public init(
        id: UUID = UUID(), at: Date, action: Action, actorId: UUID?, actorLabel: String, targetKind: String? = nil,
        targetId: String? = nil, organizationId: UUID? = nil, ip: String? = nil, detail: String? = nil
    ) {
        self.id = id
        self.at = at
        self.action = action
        self.actorId = actorId
        self.actorLabel = actorLabel
        self.targetKind = targetKind
        self.targetId = targetId
        self.organizationId = organizationId
        self.ip = ip
        self.detail = detail
    }
}

extension AuditEvent {
    /// Who did it, as the log names them, and from where.
    public struct Actor: Sendable, Hashable {
        public let id: UUID?
        public let label: String
        public let ip: String?

        public init(id: UUID?, label: String, ip: String?) {
            self.id = id
            self.label = label
            self.ip = ip
        }
    }

    /// What an event is about: the kind of record the log shows, and the record's id as the log keeps it.
    public enum Target: Sendable, Hashable {
        /// An account; nil when someone signed in with an email no account has.
        case user(UUID?)
        case school(UUID)
        case student(UUID)
        case survey(UUID)
        /// A wave's open answers (hiding one).
        case openAnswers(wave: UUID)
        /// A wave's results, exported.
        case results(wave: UUID)
        case token(UUID)
        case instrument(reference: String)
        /// A roster import, named by its file.
        case rosterImport(file: String)
        case auditLog
        case resource(String)
        /// A school's self-assessment.
        case assessment(UUID)
        /// A goal or an action of a school's plan.
        case goal(UUID)
        case action(UUID)

        public var kind: String {
            switch self {
            case .user: "user"
            case .school: "school"
            case .student: "student"
            case .survey: "survey"
            case .openAnswers: "wave"
            case .results: "results"
            case .token: "token"
            case .instrument: "instrument"
            case .rosterImport: "import"
            case .auditLog: "audit-log"
            case .resource: "resource"
            case .assessment: "assessment"
            case .goal: "goal"
            case .action: "action"
            }
        }

        public var id: String? {
            switch self {
            case .user(let id): id?.uuidString
            case .school(let id), .student(let id), .survey(let id), .openAnswers(let id), .token(let id), .assessment(let id), .goal(let id),
                 .action(let id): id.uuidString
            case .results(let wave): wave.uuidString.lowercased()
            case .instrument(let reference), .resource(let reference): reference
            case .rosterImport(let file): file
            case .auditLog: nil
            }
        }
    }

    /// The one way an event is made: what was done, by whom, about what, where.
    public init(_ action: Action, by actor: Actor, about target: Target, in organization: UUID? = nil, detail: String? = nil, at: Date) {
        self.init(at: at, action: action, actorId: actor.id, actorLabel: actor.label, targetKind: target.kind, targetId: target.id,
                  organizationId: organization, ip: actor.ip, detail: detail)
    }
}
