import Foundation

/// Reads the CSV files of a OneRoster 1.1 or 1.2 bundle into checked rows. Tolerant of what real
/// exports do (columns in any order, vendor columns, known misspellings, lower-case file names)
/// and strict about what would corrupt a roster (unknown roles, duplicate ids, non-ISO dates).
public enum OneRosterReader {
    /// The files Belong reads, by their specification names.
    public static let fileNames = [
        "manifest.csv", "orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv", "users.csv", "roles.csv",
        "enrollments.csv", "demographics.csv", "userProfiles.csv",
    ]

    /// OneRoster roles and what Belong makes of each person.
    public enum PersonKind: Sendable, Equatable {
        case student
        case staff(StaffMember.JobRole)
        case family(FamilyContact.Relationship)
    }

    public static func personKind(of role: String) -> PersonKind? {
        switch role.lowercased() {
        case "student": .student
        case "teacher": .staff(.teacher)
        case "aide", "proctor": .staff(.aide)
        case "counselor", "counsellor": .staff(.counsellor)
        case "principal": .staff(.principal)
        case "siteadministrator", "administrator", "districtadministrator", "systemadministrator": .staff(.administrator)
        // Jobs plain CSV templates name that OneRoster does not.
        case "belong.viceprincipal": .staff(.vicePrincipal)
        case "belong.supportstaff": .staff(.supportStaff)
        case "parent": .family(.parent)
        case "guardian": .family(.guardian)
        case "relative": .family(.relative)
        default: nil
        }
    }

    static let knownRoles = "student, teacher, aide, proctor, counselor, principal, siteAdministrator, administrator, districtAdministrator, systemAdministrator, parent, guardian, relative"

    /// Matches file names to the specification's whatever their case (`userprofiles.csv`), noting each
    /// renamed or unknown file. Returns specification name → name in the upload.
    public static func canonicalize(_ names: [String]) -> (names: [String: String], problems: [ImportProblem]) {
        let known = Dictionary(uniqueKeysWithValues: fileNames.map { ($0.lowercased(), $0) })
        var mapping: [String: String] = [:]
        var problems: [ImportProblem] = []
        for name in names.sorted() {
            guard let spec = known[name.lowercased()] else {
                problems.append(.warning(name, "not a OneRoster file Belong reads; ignored"))
                continue
            }
            if spec != name {
                problems.append(.warning(name, "read as \(spec), the specification's name for this file"))
            }
            mapping[spec] = name
        }
        return (mapping, problems)
    }

    /// Reads a bundle's files one at a time, each let go once its rows are read.
    public static func read(files: CSVFileSet) -> OneRosterBundle {
        let (present, renames) = canonicalize(files.names)
        var bundle = OneRosterBundle()
        bundle.problems = renames
        func table(_ spec: String) -> CSVTable? {
            guard let actual = present[spec] else { return nil }
            do {
                let table = try files.load(actual)
                return CSVTable(fileName: spec, header: table.header, records: table.records)
            } catch {
                bundle.problems.append(.error(spec, "\(error)"))
                return nil
            }
        }
        readManifest(table("manifest.csv"), into: &bundle, present: Set(present.keys))
        for (name, mode) in bundle.modes.sorted(by: { $0.key < $1.key }) where present[name] == nil {
            bundle.problems.append(.error(name, "the manifest lists \(name) as \(mode.rawValue), but the file is not in the bundle"))
        }
        if present["manifest.csv"] == nil {
            for name in ["orgs.csv", "users.csv"] where present[name] == nil {
                bundle.problems.append(.error(name, "a bundle without a manifest needs \(name)"))
            }
        }
        if let table = table("orgs.csv") { readOrgs(table, into: &bundle) }
        if let table = table("academicSessions.csv") { readSessions(table, into: &bundle) }
        if let table = table("courses.csv") {
            bundle.hasCourses = true
            readCourses(table, into: &bundle)
        }
        if let table = table("classes.csv") { readClasses(table, into: &bundle) }
        if let table = table("users.csv") { readUsers(table, into: &bundle) }
        if let table = table("roles.csv") { readRoles(table, into: &bundle) }
        if let table = table("enrollments.csv") { readEnrollments(table, into: &bundle) }
        if let table = table("demographics.csv") { readDemographics(table, into: &bundle) }
        if present["userProfiles.csv"] != nil {
            bundle.problems.append(.warning("userProfiles.csv", "not read: Belong does not keep other systems' sign-in credentials"))
        }
        return bundle
    }

    /// - Parameter tables: the bundle's CSV files keyed by file name.
    public static func read(_ tables: [String: CSVTable]) -> OneRosterBundle {
        read(files: CSVFileSet(tables: tables))
    }

    // MARK: Manifest

    static func readManifest(_ table: CSVTable?, into bundle: inout OneRosterBundle, present: Set<String>) {
        guard let table else {
            bundle.version = present.contains("roles.csv") ? .v1_2 : .v1_1
            bundle.problems.append(.warning("manifest.csv", "the bundle has no manifest; read as OneRoster \(bundle.version.rawValue), every file in bulk mode"))
            return
        }
        let columns = Columns(table, required: ["propertyName", "value"], known: ["propertyName", "value"])
        bundle.problems += columns.problems
        guard columns.isUsable else { return }
        var properties: [String: (line: Int, value: String)] = [:]
        for record in table.records {
            properties[columns.value("propertyName", in: record).lowercased()] = (record.line, columns.value("value", in: record))
        }
        if let version = properties["oneroster.version"] {
            switch version.value {
            case "1.1": bundle.version = .v1_1
            case "1.2": bundle.version = .v1_2
            default:
                bundle.problems.append(.error("manifest.csv", line: version.line, column: "value", value: version.value,
                                              "Belong reads OneRoster 1.1 and 1.2 CSV bundles"))
            }
        } else {
            bundle.version = present.contains("roles.csv") ? .v1_2 : .v1_1
            bundle.problems.append(.warning("manifest.csv", "no oneroster.version row; read as OneRoster \(bundle.version.rawValue) from the files present"))
        }
        for name in fileNames where name != "manifest.csv" {
            let key = "file." + name.replacingOccurrences(of: ".csv", with: "").lowercased()
            guard let entry = properties[key], !entry.value.isEmpty else { continue }
            switch entry.value.lowercased() {
            case "bulk": bundle.modes[name] = .bulk
            case "delta": bundle.modes[name] = .delta
            case "absent":
                if present.contains(name) {
                    bundle.problems.append(.warning("manifest.csv", line: entry.line, value: entry.value, "the manifest says \(name) is absent, but it is in the bundle; it is read"))
                }
            default:
                bundle.problems.append(.error("manifest.csv", line: entry.line, column: "value", value: entry.value, "a file is bulk, delta or absent"))
            }
        }
    }

    // MARK: Field helpers

    static func status(_ columns: Columns, _ record: CSVTable.Record, file: String, mode: OneRosterBundle.Mode, problems: inout [ImportProblem]) -> OneRosterBundle.Status? {
        let text = columns.value("status", in: record)
        switch text.lowercased() {
        case "active": return .active
        case "tobedeleted", "inactive": return .toBeDeleted
        case "":
            if mode == .delta {
                problems.append(.warning(file, line: record.line, column: "status", "blank in a delta file; read as active"))
            }
            return .active
        default:
            problems.append(.error(file, line: record.line, column: "status", value: text, "status is active or tobedeleted"))
            return nil
        }
    }

    /// dateLastModified is not stored, but a malformed one means the export is not what it claims to be.
    static func checkModified(_ columns: Columns, _ record: CSVTable.Record, file: String, problems: inout [ImportProblem]) -> Bool {
        let text = columns.value("dateLastModified", in: record)
        guard !text.isEmpty else { return true }
        guard CalendarDate(iso: text) != nil else {
            problems.append(.error(file, line: record.line, column: "dateLastModified", value: text, "not an ISO 8601 date-time (such as 2023-05-01T18:25:43Z)"))
            return false
        }
        return true
    }

    static func date(_ name: String, _ columns: Columns, _ record: CSVTable.Record, file: String, required: Bool, problems: inout [ImportProblem]) -> (ok: Bool, date: CalendarDate?) {
        let text = columns.value(name, in: record)
        if text.isEmpty {
            if required { problems.append(.error(file, line: record.line, column: name, "a date is required (YYYY-MM-DD)")) }
            return (!required, nil)
        }
        guard let date = CalendarDate(iso: text) else {
            problems.append(.error(file, line: record.line, column: name, value: text, "not an ISO 8601 date (YYYY-MM-DD)"))
            return (false, nil)
        }
        return (true, date)
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func grades(_ text: String, _ record: CSVTable.Record, file: String, problems: inout [ImportProblem]) -> [Grade]? {
        var grades: [Grade] = []
        for code in list(text) {
            guard let grade = Grade(code: code) else {
                problems.append(.error(file, line: record.line, column: "grades", value: code, "not a grade Belong knows (PK, KG, 01 … 12)"))
                return nil
            }
            grades.append(grade)
        }
        return grades
    }

    /// The fields every row shares: its sourcedId (unique in the file), its status, a well-formed
    /// dateLastModified. Nil when any of them is wrong; the problems say which.
    static func common(
        _ columns: Columns, _ record: CSVTable.Record, file: String, mode: OneRosterBundle.Mode, seen: inout [String: Int],
        problems: inout [ImportProblem]
    ) -> (id: String, status: OneRosterBundle.Status)? {
        let id = sourcedId(columns, record, file: file, seen: &seen, problems: &problems)
        let state = status(columns, record, file: file, mode: mode, problems: &problems)
        let modifiedOK = checkModified(columns, record, file: file, problems: &problems)
        guard let id, let state, modifiedOK else { return nil }
        return (id, state)
    }

    /// Records with a sourcedId seen earlier in the same file are refused: which one would be right?
    static func sourcedId(_ columns: Columns, _ record: CSVTable.Record, file: String, seen: inout [String: Int], problems: inout [ImportProblem]) -> String? {
        let id = columns.value("sourcedId", in: record)
        guard !id.isEmpty else {
            problems.append(.error(file, line: record.line, column: "sourcedId", "every row needs a sourcedId"))
            return nil
        }
        if let first = seen[id] {
            problems.append(.error(file, line: record.line, column: "sourcedId", value: id, "this sourcedId is already used on line \(first)"))
            return nil
        }
        seen[id] = record.line
        return id
    }

    static func required(_ name: String, _ columns: Columns, _ record: CSVTable.Record, file: String, problems: inout [ImportProblem]) -> String? {
        let text = columns.value(name, in: record)
        if text.isEmpty { problems.append(.error(file, line: record.line, column: name, "a value is required")) }
        return text.isEmpty ? nil : text
    }

    // MARK: Files

    static func readOrgs(_ table: CSVTable, into bundle: inout OneRosterBundle) {
        let file = "orgs.csv"
        let columns = Columns(table, required: ["sourcedId", "name", "type"],
                              known: ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"],
                              aliases: ["dataLastModified": "dateLastModified"])
        bundle.problems += columns.problems
        guard columns.isUsable else { return }
        var seen: [String: Int] = [:]
        for record in table.records {
            var problems: [ImportProblem] = []
            let common = common(columns, record, file: file, mode: bundle.mode(of: file), seen: &seen, problems: &problems)
            let name = required("name", columns, record, file: file, problems: &problems)
            let type = columns.value("type", in: record)
            let knownTypes = ["district", "school", "department", "local", "state", "national"]
            if !knownTypes.contains(type.lowercased()) {
                problems.append(.error(file, line: record.line, column: "type", value: type, "an org is one of \(knownTypes.joined(separator: ", "))"))
            }
            bundle.problems += problems
            guard let (id, state) = common, let name, knownTypes.contains(type.lowercased()) else { continue }
            bundle.orgs.append(.init(
                line: record.line, file: file, sourcedId: id, status: state, name: name, type: type.lowercased(),
                identifier: columns.optional("identifier", in: record), parentSourcedId: columns.optional("parentSourcedId", in: record)
            ))
        }
    }

    static func readSessions(_ table: CSVTable, into bundle: inout OneRosterBundle) {
        let file = "academicSessions.csv"
        let columns = Columns(table, required: ["sourcedId", "title", "type", "startDate", "endDate"],
                              known: ["sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"],
                              aliases: ["dataLastModified": "dateLastModified"])
        bundle.problems += columns.problems
        guard columns.isUsable else { return }
        var seen: [String: Int] = [:]
        for record in table.records {
            var problems: [ImportProblem] = []
            let common = common(columns, record, file: file, mode: bundle.mode(of: file), seen: &seen, problems: &problems)
            let title = required("title", columns, record, file: file, problems: &problems)
            let typeText = columns.value("type", in: record)
            let type = AcademicSession.Kind(rawValue: typeText) ?? AcademicSession.Kind.allCases.first { $0.rawValue.lowercased() == typeText.lowercased() }
            if type == nil {
                problems.append(.error(file, line: record.line, column: "type", value: typeText, "a session is schoolYear, term, semester or gradingPeriod"))
            }
            let start = date("startDate", columns, record, file: file, required: true, problems: &problems)
            let end = date("endDate", columns, record, file: file, required: true, problems: &problems)
            if let s = start.date, let e = end.date, e < s {
                problems.append(.error(file, line: record.line, column: "endDate", value: e.description, "ends before it starts (\(s))"))
            }
            let yearText = columns.value("schoolYear", in: record)
            var year = end.date.map { DemoDistrict.schoolYear(containing: $0) }
            if !yearText.isEmpty {
                if let parsed = Int(yearText), (1900...2200).contains(parsed) { year = parsed } else {
                    problems.append(.error(file, line: record.line, column: "schoolYear", value: yearText, "a school year is written as its ending year, such as 2024"))
                }
            }
            bundle.problems += problems
            guard let (id, state) = common, let title, let type, let s = start.date, let e = end.date, e >= s, let year,
                  !problems.contains(where: { $0.severity == .error }) else { continue }
            bundle.sessions.append(.init(line: record.line, sourcedId: id, status: state, title: title, type: type, startDate: s, endDate: e,
                                         parentSourcedId: columns.optional("parentSourcedId", in: record), schoolYear: year))
        }
    }

    static func readCourses(_ table: CSVTable, into bundle: inout OneRosterBundle) {
        let file = "courses.csv"
        let columns = Columns(table, required: ["sourcedId", "title"],
                              known: ["sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes", "resourceSourcedIds"],
                              aliases: ["dataLastModified": "dateLastModified", "schoolYearId": "schoolYearSourcedId", "grade": "grades"])
        bundle.problems += columns.problems
        guard columns.isUsable else { return }
        var seen: [String: Int] = [:]
        for record in table.records {
            var problems: [ImportProblem] = []
            let common = common(columns, record, file: file, mode: bundle.mode(of: file), seen: &seen, problems: &problems)
            let title = required("title", columns, record, file: file, problems: &problems)
            bundle.problems += problems
            guard let (id, state) = common, let title else { continue }
            bundle.courses.append(.init(line: record.line, sourcedId: id, status: state, title: title))
        }
    }

    static func readClasses(_ table: CSVTable, into bundle: inout OneRosterBundle) {
        let file = "classes.csv"
        let columns = Columns(table, required: ["sourcedId", "title", "schoolSourcedId"],
                              known: ["sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType", "location",
                                      "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods", "resources"],
                              aliases: ["dataLastModified": "dateLastModified", "grade": "grades"])
        bundle.problems += columns.problems
        guard columns.isUsable else { return }
        var seen: [String: Int] = [:]
        for record in table.records {
            var problems: [ImportProblem] = []
            let common = common(columns, record, file: file, mode: bundle.mode(of: file), seen: &seen, problems: &problems)
            let title = required("title", columns, record, file: file, problems: &problems)
            let school = required("schoolSourcedId", columns, record, file: file, problems: &problems)
            let grades = grades(columns.value("grades", in: record), record, file: file, problems: &problems)
            let typeText = columns.value("classType", in: record).lowercased()
            let kind: SchoolClass.Kind? = switch typeText {
            case "homeroom": .homeroom
            case "scheduled", "": .scheduled
            default: nil
            }
            if kind == nil {
                problems.append(.error(file, line: record.line, column: "classType", value: columns.value("classType", in: record), "a class is homeroom or scheduled"))
            }
            bundle.problems += problems
            guard let (id, state) = common, let title, let school, let grades, let kind else { continue }
            bundle.classes.append(.init(
                line: record.line, file: file, sourcedId: id, status: state, title: title, grades: grades, courseSourcedId: columns.optional("courseSourcedId", in: record),
                classCode: columns.optional("classCode", in: record), kind: kind, schoolSourcedId: school,
                termSourcedIds: list(columns.value("termSourcedIds", in: record))
            ))
        }
    }

    static func readUsers(_ table: CSVTable, into bundle: inout OneRosterBundle) {
        let file = "users.csv"
        let isV1_1 = bundle.version == .v1_1
        let columns = Columns(
            table, required: ["sourcedId", "givenName", "familyName"] + (isV1_1 ? ["role", "orgSourcedIds"] : []),
            known: ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName", "familyName",
                    "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier",
                    "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns", "resourceSourcedIds"],
            aliases: ["dataLastModified": "dateLastModified", "prefferedGivenName": "preferredGivenName", "prefferedMiddleName": "preferredMiddleName",
                      "prefferedFamilyName": "preferredFamilyName", "userId": "userIds", "agents": "agentSourcedIds", "grade": "grades"]
        )
        bundle.problems += columns.problems
        guard columns.isUsable else { return }
        if columns.has("password") {
            bundle.problems.append(.warning(file, line: 1, column: "password", "not read: Belong never stores passwords from another system"))
        }
        var seen: [String: Int] = [:]
        for record in table.records {
            var problems: [ImportProblem] = []
            let common = common(columns, record, file: file, mode: bundle.mode(of: file), seen: &seen, problems: &problems)
            let given = required("givenName", columns, record, file: file, problems: &problems)
            let family = required("familyName", columns, record, file: file, problems: &problems)
            let gradesText = columns.value("grades", in: record)
            let grades = grades(gradesText, record, file: file, problems: &problems)
            var roles: [OneRosterBundle.UserRole] = []
            if isV1_1 {
                let role = columns.value("role", in: record)
                if personKind(of: role) == nil {
                    problems.append(.error(file, line: record.line, column: "role", value: role, "not a OneRoster role; Belong reads \(knownRoles)"))
                }
                let orgs = list(columns.value("orgSourcedIds", in: record))
                if orgs.isEmpty { problems.append(.error(file, line: record.line, column: "orgSourcedIds", "a user belongs to at least one org")) }
                roles = orgs.map { .init(line: record.line, file: file, role: role, orgSourcedId: $0) }
            }
            bundle.problems += problems
            guard let (id, state) = common, let given, let family, let grades, !problems.contains(where: { $0.severity == .error }) else {
                let raw = columns.value("sourcedId", in: record)
                if !raw.isEmpty, bundle.rejectedUsers[raw] == nil { bundle.rejectedUsers[raw] = record.line }
                continue
            }
            let email = columns.optional("email", in: record)
            bundle.users.append(.init(
                line: record.line, file: file, sourcedId: id, status: state, roles: roles, givenName: given, familyName: family,
                preferredGivenName: columns.optional("preferredGivenName", in: record), identifier: columns.optional("identifier", in: record),
                email: email, phone: columns.optional("phone", in: record) ?? columns.optional("sms", in: record),
                agentSourcedIds: list(columns.value("agentSourcedIds", in: record)), grades: grades, gradesText: gradesText,
                primaryOrgSourcedId: columns.optional("primaryOrgSourcedId", in: record)
            ))
        }
    }

    /// 1.2 gives each user's roles in roles.csv; they are attached to the users read before.
    static func readRoles(_ table: CSVTable, into bundle: inout OneRosterBundle) {
        let file = "roles.csv"
        let columns = Columns(table, required: ["sourcedId", "userSourcedId", "role", "orgSourcedId"],
                              known: ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"],
                              aliases: ["dataLastModified": "dateLastModified"])
        bundle.problems += columns.problems
        guard columns.isUsable else { return }
        if bundle.version == .v1_1 {
            bundle.problems.append(.warning(file, "roles.csv belongs to OneRoster 1.2; the manifest says 1.1, so users.csv's role column is used"))
            return
        }
        let userIndex = Dictionary(bundle.users.enumerated().map { ($1.sourcedId, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: [String: Int] = [:]
        for record in table.records {
            var problems: [ImportProblem] = []
            let common = common(columns, record, file: file, mode: bundle.mode(of: file), seen: &seen, problems: &problems)
            let role = columns.value("role", in: record)
            if personKind(of: role) == nil {
                problems.append(.error(file, line: record.line, column: "role", value: role, "not a OneRoster role; Belong reads \(knownRoles)"))
            }
            for name in ["beginDate", "endDate"] {
                _ = date(name, columns, record, file: file, required: false, problems: &problems)
            }
            let user = columns.value("userSourcedId", in: record)
            let org = columns.value("orgSourcedId", in: record)
            if !user.isEmpty, userIndex[user] == nil {
                let why = bundle.rejectedUsers[user].map { "this user (users.csv line \($0)) has errors" } ?? "no user in users.csv has this sourcedId"
                problems.append(.error(file, line: record.line, column: "userSourcedId", value: user, why))
            }
            bundle.problems += problems
            guard common?.status == .active, !org.isEmpty, let index = userIndex[user], !problems.contains(where: { $0.severity == .error }) else { continue }
            bundle.users[index].roles.append(.init(line: record.line, file: file, role: role, orgSourcedId: org))
        }
        for user in bundle.users where user.roles.isEmpty {
            bundle.rejectedUsers[user.sourcedId] = user.line
            bundle.problems.append(.error("users.csv", line: user.line, column: "sourcedId", value: user.sourcedId, "this user has no role in roles.csv"))
        }
        bundle.users.removeAll { $0.roles.isEmpty }
    }

    static func readEnrollments(_ table: CSVTable, into bundle: inout OneRosterBundle) {
        let file = "enrollments.csv"
        let columns = Columns(table, required: ["sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"],
                              known: ["sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"],
                              aliases: ["dataLastModified": "dateLastModified"])
        bundle.problems += columns.problems
        guard columns.isUsable else { return }
        var seen: [String: Int] = [:]
        bundle.enrollments.reserveCapacity(table.records.count)
        for record in table.records {
            var problems: [ImportProblem] = []
            let common = common(columns, record, file: file, mode: bundle.mode(of: file), seen: &seen, problems: &problems)
            let classId = required("classSourcedId", columns, record, file: file, problems: &problems)
            let school = required("schoolSourcedId", columns, record, file: file, problems: &problems)
            let user = required("userSourcedId", columns, record, file: file, problems: &problems)
            let role = columns.value("role", in: record)
            if personKind(of: role) == nil {
                problems.append(.error(file, line: record.line, column: "role", value: role, "not a OneRoster enrollment role (student, teacher, aide, proctor, administrator)"))
            }
            let primaryText = columns.value("primary", in: record).lowercased()
            if !["", "true", "false"].contains(primaryText) {
                problems.append(.error(file, line: record.line, column: "primary", value: primaryText, "primary is true or false"))
            }
            let begin = date("beginDate", columns, record, file: file, required: false, problems: &problems)
            let end = date("endDate", columns, record, file: file, required: false, problems: &problems)
            bundle.problems += problems
            guard let (id, state) = common, let classId, let school, let user, !problems.contains(where: { $0.severity == .error }) else { continue }
            bundle.enrollments.append(.init(line: record.line, file: file, sourcedId: id, status: state, classSourcedId: classId, schoolSourcedId: school,
                                            userSourcedId: user, role: role, isPrimary: primaryText == "true", beginDate: begin.date, endDate: end.date))
        }
    }

    static func readDemographics(_ table: CSVTable, into bundle: inout OneRosterBundle) {
        let file = "demographics.csv"
        // 1.1 keys demographics by sourcedId (the user's); some exporters write userSourcedId.
        let columns = Columns(table, required: ["sourcedId"],
                              known: ["sourcedId", "status", "dateLastModified", "birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                                      "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity",
                                      "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth", "publicSchoolResidenceStatus"],
                              aliases: ["userSourcedId": "sourcedId", "birthdate": "birthDate", "dataLastModified": "dateLastModified"])
        bundle.problems += columns.problems
        guard columns.isUsable else { return }
        if !table.records.isEmpty {
            bundle.problems.append(.warning(file, "only sex is kept, as a grouping for reports; birth dates, race, ethnicity and birthplace are not stored"))
        }
        for record in table.records {
            let sex = columns.value("sex", in: record).lowercased()
            guard ["", "male", "female", "other", "unspecified"].contains(sex) else {
                bundle.problems.append(.error(file, line: record.line, column: "sex", value: sex, "sex is male, female, other or unspecified"))
                continue
            }
            bundle.demographics.append(.init(line: record.line, userSourcedId: columns.value("sourcedId", in: record),
                                             sex: ["", "unspecified"].contains(sex) ? nil : sex))
        }
    }
}
