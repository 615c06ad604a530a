import Foundation

/// Belong's own CSV templates, for schools without a student information system: `schools.csv`,
/// `students.csv`, `staff.csv` and `families.csv`, one row per person (per child, for families).
/// They are read into the same rows as a OneRoster bundle, in delta mode: a person missing from a
/// file is left alone, and one marked `inactive` is deactivated.
public enum PlainCSVReader {
    public struct Template: Sendable {
        public let fileName: String
        public let columns: [String]
        public let required: [String]
        public let example: [[String]]
    }

    public static let templates: [Template] = [
        Template(fileName: "schools.csv", columns: ["school_number", "name", "lowest_grade", "highest_grade"], required: ["school_number", "name"],
                 example: [["99-501", "Harbourview Elementary", "K", "5"]]),
        Template(fileName: "students.csv",
                 columns: ["student_number", "given_name", "family_name", "preferred_name", "grade", "school", "email", "homeroom", "status"],
                 required: ["student_number", "given_name", "family_name", "grade", "school"],
                 example: [["100231", "Amara", "Okafor", "", "4", "99-501", "", "Room 12", "active"],
                           ["100232", "Liam", "Tremblay", "", "K", "99-501", "", "Room 3", "active"]]),
        Template(fileName: "staff.csv", columns: ["staff_number", "given_name", "family_name", "email", "school", "job", "homeroom", "status"],
                 required: ["staff_number", "given_name", "family_name", "school", "job"],
                 example: [["E2041", "Nadia", "Haddad", "nadia.haddad@district.example", "99-501", "teacher", "Room 12", "active"],
                           ["E2042", "Sean", "MacDonald", "sean.macdonald@district.example", "99-501", "principal", "", "active"]]),
        Template(fileName: "families.csv",
                 columns: ["given_name", "family_name", "email", "phone", "language", "relationship", "student_number", "status"],
                 required: ["given_name", "family_name", "relationship", "student_number"],
                 example: [["Chinwe", "Okafor", "chinwe.okafor@mail.example", "604-555-0142", "en", "parent", "100231", "active"]]),
    ]

    static let jobs: [String: String] = [
        "teacher": "teacher", "aide": "aide", "education assistant": "aide", "counsellor": "counselor", "counselor": "counselor",
        "support staff": "belong.supportStaff", "principal": "principal", "vice-principal": "belong.vicePrincipal",
        "vice principal": "belong.vicePrincipal", "administrator": "administrator",
    ]

    public static func read(files: [String: CSVTable], existing: ExistingRoster) -> OneRosterBundle {
        var bundle = OneRosterBundle()
        for name in ["orgs.csv", "users.csv", "classes.csv", "enrollments.csv"] { bundle.modes[name] = .delta }
        let tables = Dictionary(files.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        for name in tables.keys where !templates.contains(where: { $0.fileName == name }) {
            bundle.problems.append(.warning(name, "not one of Belong's templates (\(templates.map(\.fileName).joined(separator: ", "))); ignored"))
        }
        guard templates.contains(where: { tables[$0.fileName] != nil }) else {
            bundle.problems.append(.error("(upload)", "no file named \(templates.map(\.fileName).joined(separator: ", "))"))
            return bundle
        }
        var reader = Reader(existing: existing, bundle: bundle)
        if let table = tables["schools.csv"] { reader.schools(table) }
        if let table = tables["students.csv"] { reader.students(table) }
        if let table = tables["staff.csv"] { reader.staff(table) }
        if let table = tables["families.csv"] { reader.families(table) }
        reader.finish()
        return reader.bundle
    }

    struct Reader {
        let existing: ExistingRoster
        var bundle: OneRosterBundle
        /// School text (number, name, roster id, lower-cased) → sourcedId.
        var schoolKeys: [String: String] = [:]
        var homerooms: [String: (line: Int, file: String, school: String, title: String, grades: Set<Grade>)] = [:]

        init(existing: ExistingRoster, bundle: OneRosterBundle) {
            self.existing = existing
            self.bundle = bundle
            for (sourcedId, org) in existing.organizations where org.kind == .school {
                schoolKeys[sourcedId.lowercased()] = sourcedId
                schoolKeys[org.name.lowercased()] = sourcedId
                if let number = org.identifier { schoolKeys[number.lowercased()] = sourcedId }
            }
        }

        func columns(_ table: CSVTable) -> Columns? {
            guard let template = templates.first(where: { $0.fileName == table.fileName.lowercased() }) else { return nil }
            return Columns(table, required: template.required, known: template.columns)
        }

        mutating func status(_ columns: Columns, _ record: CSVTable.Record, file: String) -> OneRosterBundle.Status? {
            let text = columns.value("status", in: record).lowercased()
            switch text {
            case "", "active": return .active
            case "inactive", "left", "tobedeleted": return .toBeDeleted
            default:
                bundle.problems.append(.error(file, line: record.line, column: "status", value: text, "status is active or inactive"))
                return nil
            }
        }

        mutating func school(_ columns: Columns, _ record: CSVTable.Record, file: String) -> String? {
            let text = columns.value("school", in: record)
            guard let sourcedId = schoolKeys[text.lowercased()] else {
                bundle.problems.append(.error(file, line: record.line, column: "school", value: text,
                                              text.isEmpty ? "a school is required" : "no school has this number or name (add it to schools.csv)"))
                return nil
            }
            return sourcedId
        }

        mutating func schools(_ table: CSVTable) {
            let file = "schools.csv"
            guard let columns = columns(table) else { return }
            bundle.problems += columns.problems
            guard columns.isUsable else { return }
            var seen: [String: Int] = [:]
            for record in table.records {
                let number = columns.value("school_number", in: record), name = columns.value("name", in: record)
                guard !number.isEmpty, !name.isEmpty else {
                    bundle.problems.append(.error(file, line: record.line, column: number.isEmpty ? "school_number" : "name", "a value is required"))
                    continue
                }
                if let first = seen[number.lowercased()] {
                    bundle.problems.append(.error(file, line: record.line, column: "school_number", value: number, "already used on line \(first)"))
                    continue
                }
                seen[number.lowercased()] = record.line
                let sourcedId = schoolKeys[number.lowercased()] ?? "csv-school-\(number)"
                schoolKeys[number.lowercased()] = sourcedId
                schoolKeys[name.lowercased()] = sourcedId
                bundle.orgs.append(.init(line: record.line, file: file, sourcedId: sourcedId, status: .active, name: name, type: "school",
                                         identifier: number, parentSourcedId: nil))
            }
        }

        mutating func students(_ table: CSVTable) {
            let file = "students.csv"
            guard let columns = columns(table) else { return }
            bundle.problems += columns.problems
            guard columns.isUsable else { return }
            var seen: [String: Int] = [:]
            for record in table.records {
                let number = columns.value("student_number", in: record)
                guard !number.isEmpty else { bundle.problems.append(.error(file, line: record.line, column: "student_number", "a value is required")); continue }
                if let first = seen[number] {
                    bundle.problems.append(.error(file, line: record.line, column: "student_number", value: number, "already used on line \(first)"))
                    continue
                }
                seen[number] = record.line
                let gradeText = columns.value("grade", in: record)
                let grade = Grade(code: gradeText)
                if grade == nil {
                    bundle.problems.append(.error(file, line: record.line, column: "grade", value: gradeText, "a grade is K or 1 to 12 (or PK)"))
                }
                let given = columns.value("given_name", in: record), family = columns.value("family_name", in: record)
                if given.isEmpty || family.isEmpty {
                    bundle.problems.append(.error(file, line: record.line, column: given.isEmpty ? "given_name" : "family_name", "a name is required"))
                }
                guard let school = school(columns, record, file: file), let state = status(columns, record, file: file), let grade,
                      !given.isEmpty, !family.isEmpty else { continue }
                let sourcedId = "csv-student-\(number)"
                bundle.users.append(.init(
                    line: record.line, file: file, sourcedId: sourcedId, status: state,
                    roles: [.init(line: record.line, file: file, role: "student", orgSourcedId: school)],
                    givenName: given, familyName: family, preferredGivenName: columns.optional("preferred_name", in: record), identifier: number,
                    email: columns.optional("email", in: record), phone: nil, agentSourcedIds: [], grades: [grade], gradesText: gradeText,
                    primaryOrgSourcedId: school
                ))
                homeroom(columns, record, file: file, school: school, user: sourcedId, role: "student", grade: grade)
            }
        }

        mutating func staff(_ table: CSVTable) {
            let file = "staff.csv"
            guard let columns = columns(table) else { return }
            bundle.problems += columns.problems
            guard columns.isUsable else { return }
            var seen: [String: Int] = [:]
            for record in table.records {
                let number = columns.value("staff_number", in: record)
                guard !number.isEmpty else { bundle.problems.append(.error(file, line: record.line, column: "staff_number", "a value is required")); continue }
                let jobText = columns.value("job", in: record)
                guard let job = jobs[jobText.lowercased()] else {
                    bundle.problems.append(.error(file, line: record.line, column: "job", value: jobText,
                                                  "a job is one of \(jobs.keys.sorted().joined(separator: ", "))"))
                    continue
                }
                let given = columns.value("given_name", in: record), family = columns.value("family_name", in: record)
                guard !given.isEmpty, !family.isEmpty else {
                    bundle.problems.append(.error(file, line: record.line, column: given.isEmpty ? "given_name" : "family_name", "a name is required"))
                    continue
                }
                guard let school = school(columns, record, file: file), let state = status(columns, record, file: file) else { continue }
                let sourcedId = "csv-staff-\(number)"
                // One row per school a person works at: the rows of one number become one person.
                if let first = seen[number], let index = bundle.users.firstIndex(where: { $0.sourcedId == sourcedId }) {
                    bundle.users[index].roles.append(.init(line: record.line, file: file, role: job, orgSourcedId: school))
                    _ = first
                } else {
                    seen[number] = record.line
                    bundle.users.append(.init(
                        line: record.line, file: file, sourcedId: sourcedId, status: state,
                        roles: [.init(line: record.line, file: file, role: job, orgSourcedId: school)],
                        givenName: given, familyName: family, preferredGivenName: nil, identifier: number, email: columns.optional("email", in: record),
                        phone: nil, agentSourcedIds: [], grades: [], gradesText: "", primaryOrgSourcedId: school
                    ))
                }
                homeroom(columns, record, file: file, school: school, user: sourcedId, role: "teacher", grade: nil)
            }
        }

        mutating func families(_ table: CSVTable) {
            let file = "families.csv"
            guard let columns = columns(table) else { return }
            bundle.problems += columns.problems
            guard columns.isUsable else { return }
            let known = Set(bundle.users.map(\.sourcedId))
            var index: [String: Int] = [:]
            for record in table.records {
                let given = columns.value("given_name", in: record), family = columns.value("family_name", in: record)
                let relationship = columns.value("relationship", in: record).lowercased()
                let number = columns.value("student_number", in: record)
                guard ["parent", "guardian", "relative"].contains(relationship) else {
                    bundle.problems.append(.error(file, line: record.line, column: "relationship", value: relationship, "a relationship is parent, guardian or relative"))
                    continue
                }
                guard !given.isEmpty, !family.isEmpty else {
                    bundle.problems.append(.error(file, line: record.line, column: given.isEmpty ? "given_name" : "family_name", "a name is required"))
                    continue
                }
                let student = "csv-student-\(number)"
                guard known.contains(student) || existing.students[student] != nil else {
                    bundle.problems.append(.error(file, line: record.line, column: "student_number", value: number, "no student has this number (in students.csv or in Belong)"))
                    continue
                }
                guard let state = status(columns, record, file: file) else { continue }
                let email = columns.optional("email", in: record)?.lowercased()
                let phone = columns.optional("phone", in: record)
                // The same person appears once per child; their email (or name and phone) says it is them.
                let key = email ?? "\(given.lowercased())|\(family.lowercased())|\(phone ?? "")"
                let sourcedId = "csv-family-\(key)"
                if let position = index[sourcedId] {
                    let user = bundle.users[position]
                    bundle.users[position] = .init(
                        line: user.line, file: file, sourcedId: user.sourcedId, status: user.status, roles: user.roles, givenName: user.givenName,
                        familyName: user.familyName, preferredGivenName: nil, identifier: nil, email: user.email, phone: user.phone,
                        agentSourcedIds: user.agentSourcedIds + [student], grades: [], gradesText: "", primaryOrgSourcedId: nil
                    )
                } else {
                    index[sourcedId] = bundle.users.count
                    bundle.users.append(.init(
                        line: record.line, file: file, sourcedId: sourcedId, status: state,
                        roles: [.init(line: record.line, file: file, role: relationship, orgSourcedId: "")],
                        givenName: given, familyName: family, preferredGivenName: nil, identifier: nil, email: email, phone: phone,
                        agentSourcedIds: [student], grades: [], gradesText: "", primaryOrgSourcedId: nil
                    ))
                }
            }
        }

        /// A `homeroom` cell puts the person in that school's homeroom of that name, made on first mention.
        mutating func homeroom(_ columns: Columns, _ record: CSVTable.Record, file: String, school: String, user: String, role: String, grade: Grade?) {
            guard let title = columns.optional("homeroom", in: record) else { return }
            let key = "csv-class-\(school)-\(title.lowercased())"
            var entry = homerooms[key] ?? (record.line, file, school, title, [])
            if let grade { entry.grades.insert(grade) }
            homerooms[key] = entry
            bundle.enrollments.append(.init(
                line: record.line, file: file, sourcedId: "csv-enrollment-\(key)-\(user)", status: .active, classSourcedId: key,
                schoolSourcedId: school, userSourcedId: user, role: role, isPrimary: role == "teacher", beginDate: nil, endDate: nil
            ))
        }

        mutating func finish() {
            for (key, room) in homerooms.sorted(by: { $0.key < $1.key }) {
                bundle.classes.append(.init(
                    line: room.line, file: room.file, sourcedId: key, status: .active, title: room.title, grades: room.grades.sorted(),
                    courseSourcedId: nil, classCode: nil, kind: .homeroom, schoolSourcedId: room.school, termSourcedIds: []
                ))
            }
        }
    }

    /// A template as a downloadable CSV: the header and a couple of example rows.
    public static func exampleFile(_ template: Template) -> String {
        ([template.columns] + template.example).map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
