import BelongCore
import Foundation

/// The demo's self-assessments (issue #18): a fall round completed at Maple Grove and at Riverbend, each rated by
/// three members of the school's team who do not always agree, with the consensus and its evidence. The demo
/// principal, teacher and counsellor are among the members; the others are staff of the school given accounts
/// whose passwords nobody knows. Safe to run again: a school that has an assessment gets no other.
struct DemoAssessmentSeeder {
    let database: Database
    let snapshot: RosterSnapshot
    let today: CalendarDate
    let hasher: PasswordHasher
    let timeZone: String
    var rubric = Rubric.builtIn

    /// Where each school stands on each indicator (0–3, or nil for N/A), by strategy: Maple Grove strong on
    /// relationships and weak on families; Riverbend the other way round.
    static let standing: [String: [Strategy: [Int?]]] = [
        "maple-grove": [.professionalLearning: [2, 1, 1, 2, 0], .schoolLeadership: [2, 3, 2, 1, 2], .relationships: [3, 2, 2, 1, 3],
                        .familyInvolvement: [1, 0, 2, 1, 1, 0], .teachingAndLearning: [3, 2, 2, 2, 3, 2], .socialEmotionalLearning: [2, 2, 3, nil, 1]],
        "riverbend": [.professionalLearning: [1, 2, 2, 1, 1], .schoolLeadership: [1, 2, 1, 1, 0], .relationships: [1, 1, 0, 1, 2],
                      .familyInvolvement: [3, 2, 3, 2, 3, 2], .teachingAndLearning: [2, 1, 2, 1, 2, 3], .socialEmotionalLearning: [2, 1, 2, 2, nil]],
    ]

    /// How far each member sees things from where the school stands, indicator by indicator (a repeating pattern).
    static let leanings: [[Int]] = [[0, 0, 1, 0, -1, 0, 0], [0, -1, 0, 0, 1, 0, -2], [1, 0, 0, -1, 0, 0, 1]]

    func run() async throws {
        let accounts = AccountStore(database: database)
        let administration = UserAdministration(database: database, hasher: hasher)
        let organizations = Dictionary(uniqueKeysWithValues: snapshot.organizations.compactMap { org in org.sourcedId.map { ($0, org) } })
        let fall = SurveyWindow.opening(CalendarDate(year: DemoDistrict.schoolYear(containing: today) - 1, month: 10, day: 14)!, timeZone: timeZone)
            .addingTimeInterval(15 * 3_600)
        let completed = fall.addingTimeInterval(14 * 86_400)
        guard completed < SurveyWindow.opening(today, timeZone: timeZone) else { return }
        for (key, standing) in Self.standing.sorted(by: { $0.key < $1.key }) {
            guard let school = organizations["demo-school-\(key)"] else { continue }
            let store = AssessmentStore(database: database, now: { fall })
            guard try await store.list(school: school.id).isEmpty else { continue }
            // The school's principal, counsellor and first teacher: the demo accounts where they exist, else quiet ones.
            let staff = snapshot.staff.filter { $0.assignments.contains { $0.schoolId == school.id } }
            var members: [UUID] = []
            for job in [StaffMember.JobRole.principal, .counsellor, .teacher] {
                guard let person = staff.first(where: { $0.assignments.contains { $0.schoolId == school.id && $0.jobRole == job } }),
                      let email = person.email else { continue }
                if let existing = try await accounts.credentials(email: email) {
                    members.append(existing.account.id)
                } else {
                    let role: Role = job == .teacher ? .staff : job == .principal ? .schoolAdministrator : .schoolTeam
                    members.append(try await administration.create(email: email, displayName: person.name.display, role: role, at: school,
                                                                    staffId: person.id, by: .commandLine).account.id)
                }
            }
            guard let facilitator = members.first else { continue }
            let assessment = try await store.start(school: school.id, title: "Fall \(DemoDistrict.schoolYear(containing: today) - 1)", by: facilitator)
            var consensus: [String: RatedIndicator?] = [:]
            var index = 0
            var byMember = Array(repeating: [String: RatedIndicator](), count: members.count)
            for section in rubric.sections {
                for (position, indicator) in section.indicators.enumerated() {
                    let level = standing[section.strategy]?[position] ?? nil
                    for member in members.indices {
                        let rating: IndicatorRating = level.map { .points(min(3, max(0, $0 + Self.leanings[member % Self.leanings.count][index % 7]))) } ?? .notApplicable
                        byMember[member][indicator.id] = RatedIndicator(rating: rating, note: "")
                    }
                    consensus[indicator.id] = RatedIndicator(rating: level.map { .points($0) } ?? .notApplicable, note: Self.evidence[indicator.id] ?? "")
                    index += 1
                }
            }
            for (member, ratings) in zip(members, byMember) { try await store.rate(assessment.id, by: member, ratings) }
            try await store.decide(assessment.id, by: facilitator, consensus)
            try await AssessmentStore(database: database, now: { completed }).setCompleted(assessment.id, true)
        }
    }

    /// What the teams wrote as evidence for a few of their ratings.
    static let evidence: [String: String] = [
        "sl-data": "Student check-ins twice a year; a staff survey last spring; families asked once.",
        "tr-mapping": "Mapping done in September; three students still without a named adult.",
        "fi-translation": "Interpreters on request only; letters go home in English.",
        "se-programme": "Second Step in grades K–5, with one training day.",
    ]
}
