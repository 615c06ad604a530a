import Foundation

/// What an import would do: the changes, their counts per kind of record, and every problem.
public struct ImportPlan: Sendable {
    public var changes = RosterChanges()
    public var counts: [RosterChanges.Table: ImportCounts] = [:]
    public var problems: [ImportProblem] = []
    /// Rows left out because they had errors, or depended on a row that had.
    public var skippedRows = 0
    /// Schools whose bulk files define their whole roster: people missing from the files are deactivated.
    public var coveredSchools: [String] = []
    /// Active students imported as "grade not given".
    public var studentsWithoutGrade = 0

    public var errors: [ImportProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [ImportProblem] { problems.filter { $0.severity == .warning } }
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// Turns a checked bundle into changes against what Belong holds: resolves every reference (to rows of
/// the bundle or to records already stored), maps OneRoster roles to students, staff and families,
/// and decides what to add, update and deactivate. Pure: no storage, no clock beyond `makeId`.
public struct RosterImportPlanner {
    let existing: ExistingRoster
    /// Schools with no district in the bundle join this one (the importing administrator's district).
    var homeDistrict: UUID?
    var makeId: () -> UUID
    /// Users the reader refused, so references to them say why.
    var rejectedUsers: [String: Int] = [:]
    /// The id chosen in advance for a district the bundle brings, so its schools and sessions can point at it.
    var bundleDistrictId: UUID?

    /// The one district this import may change (the uploader's), or nil for the whole installation
    /// (the command line with no district named). `existing` then holds only what is inside it.
    let limit: UUID?
    /// What Belong holds outside `limit`: rows naming it are refused.
    let outside: ExistingRoster.Outside

    public init(existing: ExistingRoster, homeDistrict: UUID?, makeId: @escaping () -> UUID = UUID.init) {
        self.existing = existing
        self.homeDistrict = homeDistrict
        self.makeId = makeId
        limit = nil
        outside = .init()
    }

    /// An import that may change `district` only: what is outside it is neither matched, counted,
    /// deactivated nor described (a dry run says nothing of it), and rows naming it are refused.
    public init(existing: ExistingRoster, limitedTo district: UUID, makeId: @escaping () -> UUID = UUID.init) {
        let split = existing.within(district: district)
        self.existing = split.inside
        outside = split.outside
        limit = district
        homeDistrict = district
        self.makeId = makeId
    }

    /// Working state while planning: ids of the rows that survived, by sourcedId.
    struct Resolved {
        var orgs: [String: Organization] = [:]
        /// Departments, local and state orgs stand for the school or district that holds them.
        var orgAlias: [String: UUID] = [:]
        var orgLines: [String: Int] = [:]
        var failedOrgs: [String: Int] = [:]
        var sessions: [String: AcademicSession] = [:]
        var failedSessions: [String: Int] = [:]
        var courses: [String: String] = [:]
        var classes: [String: SchoolClass] = [:]
        var failedClasses: [String: Int] = [:]
        var students: [String: Student] = [:]
        var staff: [String: StaffMember] = [:]
        var families: [String: FamilyContact] = [:]
        var failedUsers: [String: Int] = [:]
        var userKinds: [String: Set<String>] = [:]
    }

    public mutating func plan(_ bundle: OneRosterBundle) -> ImportPlan {
        rejectedUsers = bundle.rejectedUsers
        var plan = ImportPlan()
        plan.problems = bundle.problems
        var resolved = Resolved()
        let bundle = refusingOutside(bundle, &plan)
        // A bundle that brings its own district (exactly one) is that district's roster.
        let districts = bundle.orgs.filter { $0.type == "district" && $0.status == .active }
        if districts.count == 1, limit == nil {
            let row = districts[0]
            if let stored = existing.organizations[row.sourcedId], stored.kind == .district {
                homeDistrict = stored.id
            } else if existing.organizations[row.sourcedId] == nil {
                bundleDistrictId = makeId()
                homeDistrict = bundleDistrictId
            }
        }
        planOrgs(bundle, &resolved, &plan)
        planSessions(bundle, &resolved, &plan)
        for course in bundle.courses where course.status == .active { resolved.courses[course.sourcedId] = course.title }
        planClasses(bundle, &resolved, &plan)
        planUsers(bundle, &resolved, &plan)
        planEnrollments(bundle, &resolved, &plan)
        planDemographics(bundle, &resolved, &plan)
        planBulkAbsences(bundle, &resolved, &plan)
        plan.problems = Self.sorted(plan.problems)
        plan.skippedRows = Set(plan.errors.filter { $0.line != nil && $0.line! > 1 }.map { "\($0.file):\($0.line!)" }).count
        return plan
    }

    /// The bundle without its rows that name a record outside the district the import is limited to,
    /// each refused by file, line and sourcedId.
    func refusingOutside(_ bundle: OneRosterBundle, _ plan: inout ImportPlan) -> OneRosterBundle {
        guard !outside.isEmpty else { return bundle }
        var kept = bundle
        func keep<Row>(_ rows: [Row], _ held: Set<String>, _ where: (Row) -> (file: String, line: Int, sourcedId: String)) -> [Row] {
            rows.filter { row in
                let at = `where`(row)
                guard held.contains(at.sourcedId) else { return true }
                plan.problems.append(.error(at.file, line: at.line, column: "sourcedId", value: at.sourcedId,
                                            "Belong holds this sourcedId outside the district you import into; an import may change its own district only"))
                return false
            }
        }
        kept.orgs = keep(bundle.orgs, outside.organizations) { ($0.file, $0.line, $0.sourcedId) }
        kept.sessions = keep(bundle.sessions, outside.sessions) { ("academicSessions.csv", $0.line, $0.sourcedId) }
        kept.classes = keep(bundle.classes, outside.classes) { ($0.file, $0.line, $0.sourcedId) }
        kept.users = keep(bundle.users, outside.users) { ($0.file, $0.line, $0.sourcedId) }
        kept.enrollments = keep(bundle.enrollments, outside.enrollments) { ($0.file, $0.line, $0.sourcedId) }
        return kept
    }

    /// Problems in the order a person fixes them: file by file, line by line.
    static func sorted(_ problems: [ImportProblem]) -> [ImportProblem] {
        let order = Dictionary(uniqueKeysWithValues: (OneRosterReader.fileNames + PlainCSVReader.templates.map(\.fileName)).enumerated().map { ($1, $0) })
        return problems.enumerated().sorted { left, right in
            let l = (order[left.element.file] ?? 99, left.element.line ?? 0, left.offset)
            let r = (order[right.element.file] ?? 99, right.element.line ?? 0, right.offset)
            return l < r
        }.map(\.element)
    }

    // MARK: Orgs

    mutating func planOrgs(_ bundle: OneRosterBundle, _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        let byId = Dictionary(bundle.orgs.map { ($0.sourcedId, $0) }, uniquingKeysWith: { first, _ in first })
        // Districts first, then schools, then the departments that hang off schools.
        let order: [String: Int] = ["national": 0, "state": 0, "local": 0, "district": 1, "school": 2, "department": 3]
        for org in bundle.orgs.sorted(by: { (order[$0.type] ?? 9, $0.line) < (order[$1.type] ?? 9, $1.line) }) {
            let file = org.file
            resolved.orgLines[org.sourcedId] = org.line
            switch org.type {
            case "national", "state", "local":
                plan.problems.append(.warning(file, line: org.line, column: "type", value: org.type,
                                              "Belong has districts and schools only; this org is not stored, and schools under it keep their district"))
            case "district":
                if let limit, existing.organizations[org.sourcedId]?.id != limit {
                    // The uploader's own district under the bundle's name, when the bundle brings one district.
                    if bundle.orgs.filter({ $0.type == "district" }).count == 1 {
                        resolved.orgAlias[org.sourcedId] = limit
                        plan.problems.append(.warning(file, line: org.line, column: "sourcedId", value: org.sourcedId,
                                                      "taken to be the district you import into; its schools join it"))
                    } else {
                        fail(.error(file, line: org.line, column: "sourcedId", value: org.sourcedId,
                                    "an import into a district may hold that district only"), org, &resolved, &plan)
                    }
                    continue
                }
                if let parent = org.parentSourcedId, byId[parent]?.type == "district" || existing.organizations[parent]?.kind == .district {
                    plan.problems.append(.warning(file, line: org.line, column: "parentSourcedId", value: parent, "a district has no parent in Belong; ignored"))
                }
                store(org, kind: .district, districtId: nil, &resolved, &plan)
            case "school":
                var districtId: UUID?
                if let parent = org.parentSourcedId {
                    if let district = resolved.orgs[parent], district.kind == .district {
                        districtId = district.id
                    } else if let limit, resolved.orgAlias[parent] == limit {
                        districtId = limit
                    } else if let stored = existing.organizations[parent], stored.kind == .district {
                        districtId = stored.id
                    } else if byId[parent]?.type == "school" || existing.organizations[parent]?.kind == .school {
                        fail(.error(file, line: org.line, column: "parentSourcedId", value: parent, "a school's parent must be a district, and '\(parent)' is a school"), org, &resolved, &plan)
                        continue
                    } else if let other = byId[parent], ["local", "state", "national"].contains(other.type) {
                        districtId = homeDistrict
                    } else if resolved.failedOrgs[parent] != nil {
                        fail(.error(file, line: org.line, column: "parentSourcedId", value: parent, "its district (line \(resolved.failedOrgs[parent]!)) has errors"), org, &resolved, &plan)
                        continue
                    } else {
                        fail(.error(file, line: org.line, column: "parentSourcedId", value: parent, "no org with this sourcedId in the bundle or in Belong"), org, &resolved, &plan)
                        continue
                    }
                } else {
                    districtId = homeDistrict
                }
                store(org, kind: .school, districtId: districtId, &resolved, &plan)
            default: // department
                guard let parent = org.parentSourcedId else {
                    fail(.error(file, line: org.line, column: "parentSourcedId", "a department needs its school as parent; Belong places the department's classes and people in that school"), org, &resolved, &plan)
                    continue
                }
                if let school = resolved.orgs[parent], school.kind == .school {
                    resolved.orgAlias[org.sourcedId] = school.id
                } else if let school = existing.organizations[parent], school.kind == .school {
                    resolved.orgAlias[org.sourcedId] = school.id
                } else {
                    let why = resolved.failedOrgs[parent].map { "its school (line \($0)) has errors" }
                        ?? (byId[parent] != nil ? "its parent is not a school" : "no org with this sourcedId in the bundle or in Belong")
                    fail(.error(file, line: org.line, column: "parentSourcedId", value: parent, "a department is placed in its parent school, but \(why)"), org, &resolved, &plan)
                    continue
                }
                plan.problems.append(.warning(file, line: org.line, column: "type", value: "department",
                                              "Belong has no departments; its classes and people are placed in its school"))
            }
        }
    }

    private mutating func store(_ row: OneRosterBundle.Org, kind: Organization.Kind, districtId: UUID?, _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        let old = existing.organizations[row.sourcedId]
        if let old, old.kind != kind {
            fail(.error(row.file, line: row.line, column: "type", value: row.type, "Belong already has '\(row.sourcedId)' as a \(old.kind.rawValue)"), row, &resolved, &plan)
            return
        }
        let newId = kind == .district && bundleDistrictId != nil ? bundleDistrictId! : makeId()
        var org = Organization(
            id: old?.id ?? newId, sourcedId: row.sourcedId, kind: kind, name: row.name, identifier: row.identifier,
            districtId: kind == .school ? (districtId ?? old?.districtId) : nil, lowestGrade: old?.lowestGrade, highestGrade: old?.highestGrade,
            isActive: row.status == .active
        )
        if row.status == .toBeDeleted, old == nil { return }
        if kind == .school, org.districtId == nil, homeDistrict == nil {
            plan.problems.append(.warning(row.file, line: row.line, "this school has no district; only the command line and its own staff will reach it"))
        }
        if let old { org.lowestGrade = old.lowestGrade; org.highestGrade = old.highestGrade }
        resolved.orgs[row.sourcedId] = org
        if record(.organizations, old: old, new: org, isActive: \.isActive, &plan.counts) { plan.changes.organizations.append(org) }
    }

    private func fail(_ problem: ImportProblem, _ row: OneRosterBundle.Org, _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        plan.problems.append(problem)
        resolved.failedOrgs[row.sourcedId] = row.line
    }

    /// The Belong organization an org reference means, or why it means none.
    func organization(_ sourcedId: String, _ resolved: Resolved) -> (id: UUID?, why: String?) {
        if let org = resolved.orgs[sourcedId] { return (org.id, nil) }
        if let alias = resolved.orgAlias[sourcedId] { return (alias, nil) }
        if let line = resolved.failedOrgs[sourcedId] { return (nil, "this org (orgs.csv line \(line)) has errors") }
        if let line = resolved.orgLines[sourcedId] { return (nil, "this org (orgs.csv line \(line)) is not stored by Belong") }
        if let org = existing.organizations[sourcedId] { return (org.id, nil) }
        return (nil, "no org with this sourcedId in the bundle or in Belong")
    }

    func school(_ sourcedId: String, _ resolved: Resolved) -> (id: UUID?, why: String?) {
        let found = organization(sourcedId, resolved)
        guard let id = found.id else { return found }
        let isSchool = resolved.orgs.values.contains { $0.id == id && $0.kind == .school } || resolved.orgAlias.values.contains(id)
            || existing.organizations.values.contains { $0.id == id && $0.kind == .school }
        return isSchool ? (id, nil) : (nil, "'\(sourcedId)' is a district, not a school")
    }

    // MARK: Sessions

    mutating func planSessions(_ bundle: OneRosterBundle, _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        let file = "academicSessions.csv"
        let lines = Dictionary(bundle.sessions.map { ($0.sourcedId, $0.line) }, uniquingKeysWith: { first, _ in first })
        // Parents before children, whatever the file order.
        var pending = bundle.sessions
        var progress = true
        while !pending.isEmpty, progress {
            progress = false
            var next: [OneRosterBundle.Session] = []
            for row in pending {
                var parentId: UUID?
                if let parent = row.parentSourcedId {
                    if let session = resolved.sessions[parent] {
                        parentId = session.id
                    } else if lines[parent] != nil, resolved.failedSessions[parent] == nil {
                        next.append(row)
                        continue
                    } else if let stored = existing.sessions[parent] {
                        parentId = stored.id
                    } else {
                        let why = resolved.failedSessions[parent].map { "its parent (line \($0)) has errors" } ?? "no session with this sourcedId in the bundle or in Belong"
                        plan.problems.append(.error(file, line: row.line, column: "parentSourcedId", value: parent, why))
                        resolved.failedSessions[row.sourcedId] = row.line
                        progress = true
                        continue
                    }
                }
                progress = true
                let old = existing.sessions[row.sourcedId]
                if row.status == .toBeDeleted, old == nil { continue }
                let session = AcademicSession(
                    id: old?.id ?? makeId(), sourcedId: row.sourcedId, title: row.title, kind: row.type, startDate: row.startDate, endDate: row.endDate,
                    schoolYear: row.schoolYear, parentId: parentId, organizationId: old?.organizationId ?? homeDistrict, isActive: row.status == .active
                )
                resolved.sessions[row.sourcedId] = session
                if record(.sessions, old: old, new: session, isActive: \.isActive, &plan.counts) { plan.changes.sessions.append(session) }
            }
            pending = next
        }
        for row in pending {
            plan.problems.append(.error(file, line: row.line, column: "parentSourcedId", value: row.parentSourcedId, "sessions whose parents form a loop"))
            resolved.failedSessions[row.sourcedId] = row.line
        }
    }

    // MARK: Classes

    mutating func planClasses(_ bundle: OneRosterBundle, _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        if !bundle.hasCourses, bundle.classes.contains(where: { $0.courseSourcedId != nil }) {
            plan.problems.append(.warning("classes.csv", "the bundle has no courses.csv, so classes have no course titles"))
        }
        for row in bundle.classes {
            let file = row.file
            var problems: [ImportProblem] = []
            let school = school(row.schoolSourcedId, resolved)
            if let why = school.why { problems.append(.error(file, line: row.line, column: "schoolSourcedId", value: row.schoolSourcedId, why)) }
            var sessionIds: [UUID] = []
            for term in row.termSourcedIds {
                if let session = resolved.sessions[term] ?? existing.sessions[term] {
                    sessionIds.append(session.id)
                } else {
                    let why = resolved.failedSessions[term].map { "this session (academicSessions.csv line \($0)) has errors" } ?? "no academic session with this sourcedId in the bundle or in Belong"
                    problems.append(.error(file, line: row.line, column: "termSourcedIds", value: term, why))
                }
            }
            var courseTitle: String?
            if let course = row.courseSourcedId, bundle.hasCourses {
                courseTitle = resolved.courses[course]
                if courseTitle == nil {
                    problems.append(.error(file, line: row.line, column: "courseSourcedId", value: course, "no active course with this sourcedId in courses.csv"))
                }
            }
            plan.problems += problems
            guard problems.isEmpty, let schoolId = school.id else {
                resolved.failedClasses[row.sourcedId] = row.line
                continue
            }
            let old = existing.classes[row.sourcedId]
            if row.status == .toBeDeleted, old == nil { continue }
            let schoolClass = SchoolClass(
                id: old?.id ?? makeId(), sourcedId: row.sourcedId, schoolId: schoolId, title: row.title, classCode: row.classCode, kind: row.kind,
                courseTitle: courseTitle ?? (bundle.hasCourses ? nil : old?.courseTitle), grades: row.grades,
                sessionIds: Array(Set(sessionIds)).sorted { $0.uuidString < $1.uuidString },
                isActive: row.status == .active
            )
            resolved.classes[row.sourcedId] = schoolClass
            if record(.classes, old: old, new: schoolClass, isActive: \.isActive, &plan.counts) { plan.changes.classes.append(schoolClass) }
        }
    }

    // MARK: Users

    mutating func planUsers(_ bundle: OneRosterBundle, _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        let bundleUsers = Dictionary(bundle.users.map { ($0.sourcedId, $0) }, uniquingKeysWith: { first, _ in first })
        func kinds(_ user: OneRosterBundle.User) -> [OneRosterReader.PersonKind] {
            user.roles.compactMap { OneRosterReader.personKind(of: $0.role) }
        }
        func isStudent(_ id: String) -> Bool {
            if let user = bundleUsers[id] { return kinds(user).contains(.student) }
            return existing.students[id] != nil
        }
        func familyRelationship(_ id: String) -> FamilyContact.Relationship? {
            if let user = bundleUsers[id] {
                for kind in kinds(user) { if case .family(let relationship) = kind { return relationship } }
                return nil
            }
            return existing.families[id]?.links.first?.relationship
        }

        var classesOf: [String: [String]] = [:]
        for row in bundle.enrollments where row.status == .active && OneRosterReader.personKind(of: row.role) == .student {
            classesOf[row.userSourcedId, default: []].append(row.classSourcedId)
        }
        // Students and staff first: families link to students.
        for user in bundle.users {
            let file = user.file
            let roleKinds = kinds(user)
            var problems: [ImportProblem] = []
            if roleKinds.contains(.student), roleKinds.contains(where: { $0 != .student }) {
                problems.append(.error(file, line: user.line, column: "role", "a user cannot be a student and also staff or family"))
            }
            if roleKinds.contains(.student), problems.isEmpty {
                planStudent(user, classesOf: classesOf, &resolved, &plan)
            }
            let jobs = roleKinds.compactMap { kind -> StaffMember.JobRole? in if case .staff(let job) = kind { return job } else { return nil } }
            if !jobs.isEmpty, problems.isEmpty {
                planStaff(user, &resolved, &plan)
            }
            plan.problems += problems
            if !problems.isEmpty { resolved.failedUsers[user.sourcedId] = user.line }
        }
        for user in bundle.users {
            guard let relationship = familyRelationship(user.sourcedId), resolved.failedUsers[user.sourcedId] == nil,
                  !kinds(user).contains(.student) else { continue }
            let file = user.file
            var links: [FamilyContact.Link] = []
            var problems: [ImportProblem] = []
            // A parent lists their children in agentSourcedIds; a student may list their parents instead.
            let children = user.agentSourcedIds + bundle.users.filter { $0.agentSourcedIds.contains(user.sourcedId) && isStudent($0.sourcedId) }.map(\.sourcedId)
            var seenChildren: Set<String> = []
            for child in children where seenChildren.insert(child).inserted {
                if let student = resolved.students[child] ?? existing.students[child] {
                    links.append(.init(studentId: student.id, relationship: relationship))
                } else if let line = resolved.failedUsers[child] ?? rejectedUsers[child] {
                    problems.append(.warning(file, line: user.line, column: "agentSourcedIds", value: child, "not linked: that student (line \(line)) has errors"))
                } else if bundleUsers[child] != nil || existing.staff[child] != nil {
                    problems.append(.warning(file, line: user.line, column: "agentSourcedIds", value: child, "not linked: '\(child)' is not a student"))
                } else {
                    problems.append(.error(file, line: user.line, column: "agentSourcedIds", value: child, "no user with this sourcedId in the bundle or in Belong"))
                }
            }
            plan.problems += problems
            if problems.contains(where: { $0.severity == .error }) {
                resolved.failedUsers[user.sourcedId] = user.line
                continue
            }
            if links.isEmpty {
                plan.problems.append(.warning(file, line: user.line, column: "agentSourcedIds", "this \(relationship.rawValue) is linked to no student; kept, but no survey will reach them"))
            }
            let old = existing.families[user.sourcedId]
            if user.status == .toBeDeleted, old == nil { continue }
            let family = FamilyContact(
                id: old?.id ?? makeId(), sourcedId: user.sourcedId, name: PersonName(given: user.givenName, family: user.familyName),
                email: user.email, phone: user.phone, preferredLanguage: old?.preferredLanguage,
                links: links.sorted { $0.studentId.uuidString < $1.studentId.uuidString }, isActive: user.status == .active
            )
            resolved.families[user.sourcedId] = family
            let oldSorted = old.map { family -> FamilyContact in
                var copy = family
                copy.links.sort { $0.studentId.uuidString < $1.studentId.uuidString }
                return copy
            }
            if record(.families, old: oldSorted, new: family, isActive: \.isActive, &plan.counts) { plan.changes.families.append(family) }
        }
        // A student listing a teacher as their agent, say: worth knowing, not worth refusing.
        for user in bundle.users where isStudent(user.sourcedId) {
            let file = user.file
            for agent in user.agentSourcedIds where familyRelationship(agent) == nil {
                if let line = rejectedUsers[agent] {
                    plan.problems.append(.warning(file, line: user.line, column: "agentSourcedIds", value: agent, "not linked: that user (line \(line)) has errors"))
                } else if bundleUsers[agent] != nil || existing.staff[agent] != nil {
                    plan.problems.append(.warning(file, line: user.line, column: "agentSourcedIds", value: agent, "not linked: '\(agent)' is not a parent, guardian or relative"))
                } else if existing.families[agent] == nil {
                    plan.problems.append(.error(file, line: user.line, column: "agentSourcedIds", value: agent, "no user with this sourcedId in the bundle or in Belong"))
                }
            }
        }
    }

    /// The warning a student imported without a grade carries, listed on the preview so the district can fix the export.
    public static let gradeNotGiven = "grade not given: the student counts in the school's figures and in no grade's"

    private mutating func planStudent(_ user: OneRosterBundle.User, classesOf: [String: [String]], _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        let file = user.file
        var problems: [ImportProblem] = []
        let candidates = ([user.primaryOrgSourcedId].compactMap { $0 } + user.roles.filter { OneRosterReader.personKind(of: $0.role) == .student }.map(\.orgSourcedId))
        var schoolId: UUID?
        var firstWhy: (String, String)?
        for candidate in candidates {
            let found = school(candidate, resolved)
            if let id = found.id { schoolId = id; break }
            if firstWhy == nil { firstWhy = (candidate, found.why ?? "") }
        }
        if schoolId == nil {
            let role = user.roles.first { OneRosterReader.personKind(of: $0.role) == .student }
            let (value, why) = firstWhy ?? ("", "the student has no school")
            problems.append(.error(role?.file ?? file, line: role?.line ?? user.line, column: role?.file == "roles.csv" ? "orgSourcedId" : "orgSourcedIds", value: value, why))
        }
        plan.problems += problems
        guard problems.isEmpty, let schoolId else {
            resolved.failedUsers[user.sourcedId] = user.line
            return
        }
        let old = existing.students[user.sourcedId]
        // OneRoster makes `grades` optional: the student's classes give it when they agree on one, and a
        // delta that sends no enrollment for the student keeps the grade Belong holds.
        var grade = user.grades.first ?? (user.status == .active ? nil : old?.grade)
        if grade == nil, user.status == .active {
            let classes = classesOf[user.sourcedId, default: []]
            let classGrades = Set(classes.flatMap { (resolved.classes[$0] ?? existing.classes[$0])?.grades ?? [] })
            if classGrades.count == 1 {
                grade = classGrades.first
            } else if classes.isEmpty, let held = old?.grade {
                grade = held
            } else {
                let why = classGrades.isEmpty ? Self.gradeNotGiven
                    : Self.gradeNotGiven + " (its classes are in \(classGrades.sorted().map(\.oneRosterCode).joined(separator: ", ")))"
                plan.problems.append(.warning(file, line: user.line, column: "grades", value: user.gradesText.isEmpty ? nil : user.gradesText, why))
                plan.studentsWithoutGrade += 1
            }
        }
        if user.status == .toBeDeleted, old == nil { return }
        let student = Student(
            id: old?.id ?? makeId(), sourcedId: user.sourcedId, schoolId: schoolId,
            name: PersonName(given: user.givenName, family: user.familyName, preferred: user.preferredGivenName), grade: grade,
            identifier: user.identifier, email: user.email, attributes: old?.attributes ?? [:], isActive: user.status == .active
        )
        resolved.students[user.sourcedId] = student
        if record(.students, old: old, new: student, isActive: \.isActive, &plan.counts) { plan.changes.students.append(student) }
    }

    private mutating func planStaff(_ user: OneRosterBundle.User, _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        var assignments: [StaffMember.Assignment] = []
        var problems: [ImportProblem] = []
        for role in user.roles {
            guard case .staff(let job) = OneRosterReader.personKind(of: role.role) else { continue }
            let found = organization(role.orgSourcedId, resolved)
            if let id = found.id {
                let assignment = StaffMember.Assignment(schoolId: id, jobRole: job)
                if !assignments.contains(assignment) { assignments.append(assignment) }
            } else {
                problems.append(.error(role.file, line: role.line, column: role.file == "roles.csv" ? "orgSourcedId" : "orgSourcedIds",
                                       value: role.orgSourcedId, found.why ?? ""))
            }
        }
        plan.problems += problems
        guard problems.isEmpty, !assignments.isEmpty else {
            resolved.failedUsers[user.sourcedId] = user.line
            return
        }
        let old = existing.staff[user.sourcedId]
        if user.status == .toBeDeleted, old == nil { return }
        let member = StaffMember(
            id: old?.id ?? makeId(), sourcedId: user.sourcedId,
            name: PersonName(given: user.givenName, family: user.familyName, preferred: user.preferredGivenName), email: user.email,
            identifier: user.identifier, assignments: assignments.sorted { ($0.schoolId.uuidString, $0.jobRole.rawValue) < ($1.schoolId.uuidString, $1.jobRole.rawValue) },
            isActive: user.status == .active
        )
        resolved.staff[user.sourcedId] = member
        let oldSorted = old.map { member -> StaffMember in
            var copy = member
            copy.assignments.sort { ($0.schoolId.uuidString, $0.jobRole.rawValue) < ($1.schoolId.uuidString, $1.jobRole.rawValue) }
            return copy
        }
        if record(.staff, old: oldSorted, new: member, isActive: \.isActive, &plan.counts) { plan.changes.staff.append(member) }
    }

    // MARK: Enrollments

    mutating func planEnrollments(_ bundle: OneRosterBundle, _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        for row in bundle.enrollments {
            let file = row.file
            var problems: [ImportProblem] = []
            var schoolClass = resolved.classes[row.classSourcedId] ?? existing.classes[row.classSourcedId]
            if schoolClass == nil {
                let why = resolved.failedClasses[row.classSourcedId].map { "this class (classes.csv line \($0)) has errors" } ?? "no class with this sourcedId in the bundle or in Belong"
                problems.append(.error(file, line: row.line, column: "classSourcedId", value: row.classSourcedId, why))
            }
            let school = school(row.schoolSourcedId, resolved)
            if let why = school.why {
                problems.append(.error(file, line: row.line, column: "schoolSourcedId", value: row.schoolSourcedId, why))
            } else if let found = schoolClass, found.schoolId != school.id {
                problems.append(.error(file, line: row.line, column: "schoolSourcedId", value: row.schoolSourcedId, "the class belongs to another school"))
                schoolClass = nil
            }
            var member: Enrollment.Member?
            var role: Enrollment.Role = .student
            switch OneRosterReader.personKind(of: row.role) {
            case .student:
                if let student = resolved.students[row.userSourcedId] ?? existing.students[row.userSourcedId] {
                    member = .student(student.id)
                } else {
                    problems.append(userProblem(row, expected: "student", resolved))
                }
            case .staff(let job):
                role = job == .teacher ? .teacher : job == .aide ? .aide : .administrator
                if let staff = resolved.staff[row.userSourcedId] ?? existing.staff[row.userSourcedId] {
                    member = .staff(staff.id)
                } else {
                    problems.append(userProblem(row, expected: "staff member", resolved))
                }
            case .family, nil:
                problems.append(.error(file, line: row.line, column: "role", value: row.role, "family members are not enrolled in classes"))
            }
            plan.problems += problems
            guard problems.isEmpty, let schoolClass, let member else { continue }
            let old = existing.enrollments[row.sourcedId]
            if row.status == .toBeDeleted, old == nil { continue }
            let enrollment = Enrollment(
                id: old?.id ?? makeId(), sourcedId: row.sourcedId, classId: schoolClass.id, schoolId: schoolClass.schoolId, member: member, role: role,
                isPrimary: row.isPrimary, beginDate: row.beginDate, endDate: row.endDate, isActive: row.status == .active
            )
            if record(.enrollments, old: old, new: enrollment, isActive: \.isActive, &plan.counts) { plan.changes.enrollments.append(enrollment) }
        }
    }

    private func userProblem(_ row: OneRosterBundle.Enrollment, expected: String, _ resolved: Resolved) -> ImportProblem {
        let file = row.file
        if let line = resolved.failedUsers[row.userSourcedId] ?? rejectedUsers[row.userSourcedId] {
            return .error(file, line: row.line, column: "userSourcedId", value: row.userSourcedId, "this user (users.csv line \(line)) has errors")
        }
        if resolved.students[row.userSourcedId] != nil || resolved.staff[row.userSourcedId] != nil || resolved.families[row.userSourcedId] != nil
            || existing.students[row.userSourcedId] != nil || existing.staff[row.userSourcedId] != nil {
            return .error(file, line: row.line, column: "role", value: row.role, "the user '\(row.userSourcedId)' is not a \(expected)")
        }
        return .error(file, line: row.line, column: "userSourcedId", value: row.userSourcedId, "no user with this sourcedId in the bundle or in Belong")
    }

    // MARK: Demographics

    mutating func planDemographics(_ bundle: OneRosterBundle, _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        guard !bundle.demographics.isEmpty else { return }
        var planned = Dictionary(plan.changes.students.enumerated().map { ($1.sourcedId ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        var touched = false
        for row in bundle.demographics {
            guard let student = resolved.students[row.userSourcedId] ?? existing.students[row.userSourcedId] else {
                if resolved.staff[row.userSourcedId] == nil, resolved.families[row.userSourcedId] == nil, existing.staff[row.userSourcedId] == nil,
                   resolved.failedUsers[row.userSourcedId] == nil {
                    plan.problems.append(.error("demographics.csv", line: row.line, column: "sourcedId", value: row.userSourcedId, "no user with this sourcedId in the bundle or in Belong"))
                }
                continue
            }
            var updated = student
            if let sex = row.sex { updated.attributes["sex"] = sex } else { updated.attributes["sex"] = nil }
            guard updated.attributes != student.attributes else { continue }
            touched = true
            if let index = planned[row.userSourcedId] {
                plan.changes.students[index].attributes = updated.attributes
            } else {
                plan.changes.students.append(updated)
                planned[row.userSourcedId] = plan.changes.students.count - 1
                // It was counted as unchanged if the bundle listed it; now its grouping changes.
                if resolved.students[row.userSourcedId] != nil { plan.counts[.students, default: .init()].unchanged -= 1 }
                plan.counts[.students, default: .init()].updated += 1
            }
        }
        if touched { plan.changes.managedAttributeKeys.insert("sex") }
        if touched, let district = homeDistrict, existing.groupings[district]?["sex"] == nil {
            plan.changes.newGroupings.append(GroupingAttribute(
                id: makeId(), districtId: district, key: "sex", labels: [.english: "Sex", .french: "Sexe"],
                values: [
                    .init(key: "female", labels: [.english: "Female", .french: "Féminin"]),
                    .init(key: "male", labels: [.english: "Male", .french: "Masculin"]),
                    .init(key: "other", labels: [.english: "Other", .french: "Autre"]),
                ]
            ))
        }
    }

    // MARK: Bulk files

    /// People, classes and enrollments of the schools a bulk bundle covers, missing from its files, are deactivated.
    mutating func planBulkAbsences(_ bundle: OneRosterBundle, _ resolved: inout Resolved, _ plan: inout ImportPlan) {
        let covered = Set(resolved.orgs.values.filter { $0.kind == .school }.map(\.id))
        guard !covered.isEmpty else { return }
        plan.coveredSchools = resolved.orgs.values.filter { $0.kind == .school }.map(\.name).sorted()
        let seenUsers = Set(bundle.users.map(\.sourcedId))
        let seenClasses = Set(bundle.classes.map(\.sourcedId))
        let seenEnrollments = Set(bundle.enrollments.map(\.sourcedId))
        if bundle.mode(of: "users.csv") == .bulk {
            let absentStudents = existing.students.values.filter { $0.isActive && covered.contains($0.schoolId) && !seenUsers.contains($0.sourcedId ?? "") }
            deactivate(.students, absentStudents.map(\.id), &plan)
            let absentStudentIds = Set(absentStudents.map(\.id))
            deactivate(.staff, existing.staff.values.filter { member in
                member.isActive && !seenUsers.contains(member.sourcedId ?? "") && !member.assignments.isEmpty
                    && member.assignments.allSatisfy { covered.contains($0.schoolId) }
            }.map(\.id), &plan)
            let coveredStudents = Set(existing.students.values.filter { covered.contains($0.schoolId) }.map(\.id)).union(resolved.students.values.map(\.id))
            deactivate(.families, existing.families.values.filter { family in
                family.isActive && !seenUsers.contains(family.sourcedId ?? "") && !family.links.isEmpty
                    && family.links.allSatisfy { coveredStudents.contains($0.studentId) || absentStudentIds.contains($0.studentId) }
            }.map(\.id), &plan)
        }
        if bundle.mode(of: "classes.csv") == .bulk, !bundle.classes.isEmpty {
            deactivate(.classes, existing.classes.values.filter { $0.isActive && covered.contains($0.schoolId) && !seenClasses.contains($0.sourcedId ?? "") }.map(\.id), &plan)
        }
        if bundle.mode(of: "enrollments.csv") == .bulk, !bundle.enrollments.isEmpty {
            deactivate(.enrollments, existing.enrollments.values.filter { $0.isActive && covered.contains($0.schoolId) && !seenEnrollments.contains($0.sourcedId ?? "") }.map(\.id), &plan)
        }
    }

    private func deactivate(_ table: RosterChanges.Table, _ ids: [UUID], _ plan: inout ImportPlan) {
        guard !ids.isEmpty else { return }
        plan.changes.deactivations[table, default: []] += ids.sorted { $0.uuidString < $1.uuidString }
        plan.counts[table, default: .init()].deactivated += ids.count
    }

    // MARK: Counting

    /// Files a record under added, updated, deactivated or unchanged; true when it must be written.
    private func record<T: Equatable>(
        _ table: RosterChanges.Table, old: T?, new: T, isActive: KeyPath<T, Bool>, _ counts: inout [RosterChanges.Table: ImportCounts]
    ) -> Bool {
        guard let old else {
            counts[table, default: .init()].added += 1
            return true
        }
        if old == new {
            counts[table, default: .init()].unchanged += 1
            return false
        }
        if old[keyPath: isActive], !new[keyPath: isActive] {
            counts[table, default: .init()].deactivated += 1
        } else {
            counts[table, default: .init()].updated += 1
        }
        return true
    }
}
