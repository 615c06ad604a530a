import Foundation

/// A school's people directory and a student's record.
enum PeopleRoutes {
    static let directory = Route(.get, "/schools/{school}/people", .page, access: .school(.viewStudentRecords))
    static let student = Route(.get, "/schools/{school}/students/{student}", .page, access: .school(.viewStudentRecords))
    static let surveyOptOut = Route(.post, "/schools/{school}/students/{student}/survey-opt-out", .form, access: .school(.viewStudentRecords))
}

extension SiteURL {
    static func people(school: UUID) -> SiteURL { PeopleRoutes.directory.link(school) }
    static func student(school: UUID, id: UUID) -> SiteURL { PeopleRoutes.student.link(school, id) }
    static func surveyOptOut(school: UUID, student: UUID) -> SiteURL { PeopleRoutes.surveyOptOut.link(school, student) }
}

struct PeopleFeature: Feature {
    let people: PeopleController

    init(_ app: AppServices) {
        people = PeopleController(kit: app.kit, people: app.people, organizations: app.organizations, audit: app.audit)
    }

    func register(_ routes: RouteTable) {
        routes.add(PeopleRoutes.directory, use: people.directory)
        routes.add(PeopleRoutes.student, use: people.student)
        routes.add(PeopleRoutes.surveyOptOut, use: people.surveyOptOut)
    }
}
