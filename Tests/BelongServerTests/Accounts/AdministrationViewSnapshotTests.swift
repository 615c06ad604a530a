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
