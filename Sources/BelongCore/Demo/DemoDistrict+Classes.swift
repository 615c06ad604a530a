import Foundation

extension DemoBuilder {
    /// Builds each school's classes after its pattern and enrols students and staff in them.
    mutating func makeClasses(
        for plan: DemoSchoolPlan, school: Organization, sessions: Sessions,
        students: [Grade: [Student]], staff: [StaffMember.JobRole: [UUID]]
    ) {
        var teachers = TeacherRota(teachers: staff[.teacher] ?? [])
        var classesForAides: [UUID] = []

        switch plan.pattern {
        case .homerooms(let perGrade):
            for grade in plan.grades {
                for (index, group) in split(students[grade] ?? [], into: perGrade).enumerated() {
                    let room = addClass(
                        school: school, plan: plan, code: "\(grade.oneRosterCode)-\(index + 1)",
                        title: "\(gradeTitle(grade)) — Room \(index + 1)", kind: .homeroom, course: nil,
                        grades: [grade], sessions: [sessions.year], students: group, teacher: teachers.next()
                    )
                    classesForAides.append(room)
                }
            }
        case .cohorts(let perGrade, let subjects):
            for grade in plan.grades {
                for (index, cohort) in split(students[grade] ?? [], into: perGrade).enumerated() {
                    let team = "\(grade.rawValue)\(Character(UnicodeScalar(65 + index)!))"
                    addClass(
                        school: school, plan: plan, code: "ADV-\(team)", title: "Advisory \(team)", kind: .homeroom,
                        course: nil, grades: [grade], sessions: [sessions.year], students: cohort, teacher: teachers.next()
                    )
                    for subject in subjects {
                        let room = addClass(
                            school: school, plan: plan, code: "\(Self.courseCode(subject))-\(team)", title: "\(subject) — \(team)",
                            kind: .scheduled, course: subject, grades: [grade], sessions: [sessions.year], students: cohort,
                            teacher: teachers.next()
                        )
                        classesForAides.append(room)
                    }
                }
            }
        case .semesters(let perGrade, let courses):
            for grade in plan.grades {
                guard let (first, second) = courses[grade] else { continue }
                for (index, cohort) in split(students[grade] ?? [], into: perGrade).enumerated() {
                    let block = "\(grade.rawValue)-\(index + 1)"
                    addClass(
                        school: school, plan: plan, code: "ADV-\(block)", title: "Advisory \(block)", kind: .homeroom,
                        course: nil, grades: [grade], sessions: [sessions.year], students: cohort, teacher: teachers.next()
                    )
                    for (term, list) in [(sessions.first, first), (sessions.second, second)] {
                        for course in list {
                            let room = addClass(
                                school: school, plan: plan, code: "\(Self.courseCode(course))-\(block)", title: "\(course) — Block \(block)",
                                kind: .scheduled, course: course, grades: [grade], sessions: [term], students: cohort,
                                teacher: teachers.next()
                            )
                            if index == 0 { classesForAides.append(room) }
                        }
                    }
                }
            }
        case .multiGrade(let rooms, let seniorCourses):
            for range in rooms {
                let grades = plan.grades.filter { range.contains($0.rawValue) }
                let group = grades.flatMap { students[$0] ?? [] }
                let label = "\(gradeTitle(grades.first!)) to \(gradeTitle(grades.last!))"
                let room = addClass(
                    school: school, plan: plan, code: "MG-\(range.lowerBound)-\(range.upperBound)", title: "\(label) — Multi-grade room",
                    kind: .homeroom, course: nil, grades: grades, sessions: [sessions.year], students: group, teacher: teachers.next()
                )
                classesForAides.append(room)
            }
            let seniors = plan.grades.filter { $0 >= .grade9 }
            for course in seniorCourses {
                addClass(
                    school: school, plan: plan, code: Self.courseCode(course), title: course, kind: .scheduled, course: course,
                    grades: seniors, sessions: [sessions.year], students: seniors.flatMap { students[$0] ?? [] },
                    teacher: teachers.next()
                )
            }
        }

        // Aides support a few classes each, as a second adult in the room.
        for (position, aide) in (staff[.aide] ?? []).enumerated() where !classesForAides.isEmpty {
            for step in 0..<3 {
                let classId = classesForAides[(position * 3 + step) % classesForAides.count]
                enrol(.staff(aide), role: .aide, in: classId, school: school.id, primary: false)
            }
        }
    }

    @discardableResult
    mutating func addClass(
        school: Organization, plan: DemoSchoolPlan, code: String, title: String, kind: SchoolClass.Kind, course: String?,
        grades: [Grade], sessions: [AcademicSession], students: [Student], teacher: UUID?
    ) -> UUID {
        // Course initials can collide ("Chemistry 11", "Composition 11"); a class code is unique in its school.
        var code = code
        var suffix = 1
        while !usedClassCodes.insert("\(plan.key)/\(code)").inserted {
            suffix += 1
            code = "\(code.split(separator: "~").first!)~\(suffix)"
        }
        let schoolClass = SchoolClass(
            id: rng.uuid(), sourcedId: "demo-class-\(plan.key)-\(code.lowercased())", schoolId: school.id, title: title,
            classCode: code, kind: kind, courseTitle: course, grades: grades, sessionIds: sessions.map(\.id)
        )
        snapshot.classes.append(schoolClass)
        if let teacher {
            enrol(.staff(teacher), role: .teacher, in: schoolClass.id, school: school.id, primary: true)
        }
        for student in students {
            enrol(.student(student.id), role: .student, in: schoolClass.id, school: school.id, primary: false)
        }
        return schoolClass.id
    }

    mutating func enrol(_ member: Enrollment.Member, role: Enrollment.Role, in classId: UUID, school: UUID, primary: Bool) {
        enrollmentCount += 1
        snapshot.enrollments.append(Enrollment(
            id: rng.uuid(), sourcedId: "demo-enrollment-\(String(format: "%06d", enrollmentCount))", classId: classId,
            schoolId: school, member: member, role: role, isPrimary: primary
        ))
    }

    /// Splits a list into `parts` groups of nearly equal size, keeping order.
    func split<T>(_ items: [T], into parts: Int) -> [[T]] {
        guard parts > 0 else { return [items] }
        var groups: [[T]] = Array(repeating: [], count: parts)
        for (index, item) in items.enumerated() {
            groups[index * parts / max(items.count, 1)].append(item)
        }
        return groups.filter { !$0.isEmpty }
    }

    func gradeTitle(_ grade: Grade) -> String {
        switch grade {
        case .preKindergarten: "Pre-K"
        case .kindergarten: "Kindergarten"
        default: "Grade \(grade.rawValue)"
        }
    }

    /// "Physical and Health Education 9" → "PHE9".
    static func courseCode(_ title: String) -> String {
        let words = title.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.map { word in
            word.first!.isNumber ? String(word) : String(word.first!).uppercased()
        }.joined()
            .folding(options: .diacriticInsensitive, locale: nil)
    }
}

/// Hands out teachers in turn so each teaches a fair share of classes.
struct TeacherRota {
    let teachers: [UUID]
    var position = 0

    mutating func next() -> UUID? {
        guard !teachers.isEmpty else { return nil }
        defer { position += 1 }
        return teachers[position % teachers.count]
    }
}
