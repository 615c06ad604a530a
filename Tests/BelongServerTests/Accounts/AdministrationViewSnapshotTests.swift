import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("Administration pages as HTML")
struct AdministrationViewSnapshotTests {
    @Test("the district's people with their roles, and an account just made", arguments: BelongCore.Language.interface)
    func users(language: BelongCore.Language) {
        let principal = UserAccount(id: PageSnapshots.id(11), email: "dana@north.example", displayName: "Dana Principal",
                                    grants: [.init(role: .schoolAdministrator, organizationId: PageSnapshots.north)])
        let retired = UserAccount(id: PageSnapshots.id(12), email: "sam@north.example", displayName: "Sam <b>Former</b>", grants: [], isActive: false)
        let model = UsersViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "users.title", path: "/admin/users", visitor: PageSnapshots.administrator),
            rows: [.init(account: principal, roles: ["\(PageSnapshots.translations.localizer(for: language)("role.schoolAdministrator")) — North Elementary"]), .init(account: retired, roles: [])],
            places: [(PageSnapshots.district, "Lakeside District", true), (PageSnapshots.north, "North Elementary", false)],
            form: NewUserForm(), notice: nil, created: ("new.teacher@north.example", "correct-horse-staple-42")
        )
        PageSnapshots.check(UsersView.render(model), named: language.code, feature: "Accounts")
    }

    @Test("the audit log, filtered, with its records named in words", arguments: BelongCore.Language.interface)
    func audit(language: BelongCore.Language) {
        let event = AuditEvent(.viewedStudent, by: .init(id: PageSnapshots.id(11), label: "dana@north.example", ip: "192.0.2.7"),
                               about: .student(PageSnapshots.id(21)), in: PageSnapshots.north, at: PageSnapshots.day)
        let fixed = AuditEvent(id: PageSnapshots.id(31), at: event.at, action: event.action, actorId: event.actorId, actorLabel: event.actorLabel,
                               targetKind: event.targetKind, targetId: event.targetId, organizationId: event.organizationId, ip: event.ip)
        let model = AuditViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "audit.title", path: "/admin/audit?action=viewed-student", visitor: PageSnapshots.administrator),
            events: [fixed], records: [fixed.id: "\(PageSnapshots.translations.localizer(for: language)("audit.kind.student")) Amara Okafor, North Elementary"], page: Page(number: 1, size: 50, total: 1),
            action: "viewed-student", actor: "", from: "", to: "", problem: nil, exportURL: "/admin/audit.csv?action=viewed-student",
            link: { "/admin/audit?action=viewed-student&page=\($0)" }
        )
        PageSnapshots.check(AuditView.render(model), named: language.code, feature: "Audit")
    }

    @Test("the import page with its recent imports", arguments: BelongCore.Language.interface)
    func imports(language: BelongCore.Language) {
        let run = ImportRunStore.Run(id: PageSnapshots.id(41), districtId: PageSnapshots.district, userId: PageSnapshots.id(2),
                                     actorLabel: "admin@district.example", fileName: "lakeside-oneroster.zip", format: .oneRoster,
                                     status: .applied, createdAt: PageSnapshots.day, report: nil)
        let model = ImportViewModel(chrome: PageSnapshots.chrome(language, titleKey: "import.title", path: "/admin/import", visitor: PageSnapshots.administrator),
                                    maxUploadMB: 200, recent: [run], problem: nil)
        PageSnapshots.check(ImportView.render(model), named: language.code, feature: "Rosters")
    }

    @Test("a school's people directory, searched", arguments: BelongCore.Language.interface)
    func people(language: BelongCore.Language) {
        let school = Organization(id: PageSnapshots.north, kind: .school, name: "North Elementary", districtId: PageSnapshots.district,
                                  lowestGrade: .kindergarten, highestGrade: .grade5)
        let model = PeopleViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "people.title", titleArguments: ["school": school.name],
                                         path: "/schools/\(school.id.pathSegment)/people?q=ok", visitor: PageSnapshots.principal),
            school: school, query: .init(text: "ok"), classes: [.init(id: PageSnapshots.id(51), title: "4A — Ms. Tremblay", grades: [.grade4])],
            grades: [.grade4, .grade5],
            people: [.init(id: PageSnapshots.id(21), name: PersonName(given: "Amara", family: "Okafor"), grade: .grade4, roles: [], email: nil,
                           identifier: "N-1001", isActive: true)],
            page: Page(number: 1, size: 50, total: 1), link: { "/schools/\(school.id.pathSegment)/people?q=ok&page=\($0)" }
        )
        PageSnapshots.check(PeopleView.render(model), named: language.code, feature: "People")
    }
}

@Suite("Account pages as HTML")
struct AccountViewSnapshotTests {
    @Test("one account with its role, just given a new one-time password", arguments: BelongCore.Language.interface)
    func user(language: BelongCore.Language) {
        let grant = UserAccount.Grant(role: .staff, organizationId: PageSnapshots.north)
        let account = UserAccount(id: PageSnapshots.id(13), email: "lee@north.example", displayName: "Lee \"Teach\" <i>Martin</i>", grants: [grant])
        let model = UserViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "users.userTitle", titleArguments: ["name": account.displayName],
                                         path: SiteURL.user(account.id).path, visitor: PageSnapshots.administrator),
            account: account, grants: [(grant, "North Elementary")],
            places: [(PageSnapshots.district, "Lakeside District", true), (PageSnapshots.north, "North Elementary", false)],
            notice: nil, problem: nil, resetPassword: "maple-lantern-river-17", isSelf: false
        )
        PageSnapshots.check(UserView.render(model), named: language.code, feature: "Accounts")
    }

    @Test("the district's API tokens, one revoked, one just made", arguments: BelongCore.Language.interface)
    func tokens(language: BelongCore.Language) {
        let active = TokenStore.Token(id: PageSnapshots.id(71), name: "Data warehouse <nightly>", prefix: "blg_7f3a", userId: PageSnapshots.id(2),
                                      userEmail: "admin@district.example", districtId: PageSnapshots.district, canWrite: false,
                                      createdAt: PageSnapshots.day.addingTimeInterval(-30 * 86_400), lastUsedAt: PageSnapshots.day, revokedAt: nil)
        let revoked = TokenStore.Token(id: PageSnapshots.id(72), name: "Roster sync", prefix: "blg_19c0", userId: PageSnapshots.id(2),
                                       userEmail: "admin@district.example", districtId: PageSnapshots.district, canWrite: true,
                                       createdAt: PageSnapshots.day.addingTimeInterval(-90 * 86_400), lastUsedAt: nil,
                                       revokedAt: PageSnapshots.day.addingTimeInterval(-2 * 86_400))
        let model = TokensViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "tokens.title", path: "/admin/tokens", visitor: PageSnapshots.administrator),
            tokens: [active, revoked], users: [(PageSnapshots.id(2), "Alex Administrator (admin@district.example)")],
            created: ("Data warehouse <nightly>", "blg_7f3a_0123456789abcdef0123456789abcdef"), notice: nil, problem: nil
        )
        PageSnapshots.check(TokensView.render(model), named: language.code, feature: "Accounts")
    }
}

@Suite("A student's record as HTML")
struct StudentViewSnapshotTests {
    @Test("a student with a class, a family contact and a survey exemption", arguments: BelongCore.Language.interface)
    func student(language: BelongCore.Language) {
        let school = Organization(id: PageSnapshots.north, kind: .school, name: "North Elementary", districtId: PageSnapshots.district,
                                  lowestGrade: .kindergarten, highestGrade: .grade5)
        let student = Student(id: PageSnapshots.id(21), schoolId: school.id, name: PersonName(given: "Amara", family: "Okafor", preferred: "Mara"),
                              grade: .grade4, identifier: "N-1001")
        let record = PeopleStore.StudentRecord(
            student: student, classes: [.init(id: PageSnapshots.id(51), title: "4A — Ms. Tremblay", grades: [.grade4])],
            families: [.init(name: PersonName(given: "Ngozi", family: "Okafor"), relationship: "parent", email: "ngozi@example.com", phone: "+1 613 555 0142")],
            surveyOptOut: true, surveyOptOutAt: PageSnapshots.day
        )
        let model = StudentViewModel(
            chrome: PageSnapshots.chrome(language, titleKey: "student.title", titleArguments: ["name": student.name.display],
                                         path: SiteURL.student(school: school.id, id: student.id).path, visitor: PageSnapshots.principal),
            school: school, record: record
        )
        PageSnapshots.check(StudentView.render(model), named: language.code, feature: "People")
    }
}

@Suite("A roster import's preview as HTML")
struct ImportRunViewSnapshotTests {
    @Test("a OneRoster bundle checked: what it would change, an error and a warning", arguments: BelongCore.Language.interface)
    func preview(language: BelongCore.Language) {
        let report = ImportReport(
            format: "OneRoster", applied: false, dryRun: true, validRowsOnly: false,
            counts: ["organizations": .init(added: 2), "classes": .init(added: 14, unchanged: 3), "students": .init(added: 312, updated: 4, deactivated: 2),
                     "staff": .init(added: 25), "enrollments": .init(added: 337)],
            errors: [.error("users.csv", line: 41, column: "grades", value: "<b>13</b>", "not a grade Belong knows (PK, KG, 01 to 12)")],
            warnings: [.warning("classes.csv", line: 7, column: "grades", "the class has no grade; its students' grades are used")],
            skippedRows: 1, coveredSchools: ["North Elementary"], studentsWithoutGrade: 3
        )
        let run = ImportRunStore.Run(id: PageSnapshots.id(42), districtId: PageSnapshots.district, userId: PageSnapshots.id(2),
                                     actorLabel: "admin@district.example", fileName: "lakeside <2026>.zip", format: .oneRoster,
                                     status: .previewed, createdAt: PageSnapshots.day, report: report)
        let model = ImportRunViewModel(chrome: PageSnapshots.chrome(language, titleKey: "import.runTitle", path: SiteURL.importRun(run.id).path,
                                                                    visitor: PageSnapshots.administrator), run: run, report: report)
        PageSnapshots.check(ImportRunView.render(model), named: language.code, feature: "Rosters")
    }
}
