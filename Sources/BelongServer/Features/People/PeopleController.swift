import BelongCore
import Foundation
import Hummingbird

/// A school's people directory and student pages: student-level data, so every view is audited.
struct PeopleController {
    let kit: PageKit
    let people: PeopleStore
    let organizations: OrganizationStore
    let audit: AuditStore


    /// The school named in the path, after checking the visitor may see its students.
    private func school(_ request: Request, _ context: BelongRequestContext) async throws -> (Visitor, Organization) {
        try await context.requireSchool(Permission.viewStudentRecords, in: organizations, request)
    }

    @Sendable func directory(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, school) = try await school(request, context)
        let parameters = request.uri.queryParameters
        let query = PeopleStore.Query(
            kind: parameters.get("kind").flatMap(PeopleStore.Kind.init(rawValue:)) ?? .students,
            text: parameters.get("q").map { String($0.prefix(100)) },
            grade: parameters.get("grade").flatMap(Grade.init(code:)),
            classId: parameters.get("class").flatMap(UUID.init(uuidString:)),
            includeInactive: parameters.get("inactive") == "yes",
            page: Page.number(from: parameters.get("page"))
        )
        let (found, total) = try await people.search(school: school.id, query)
        let actor = context.actor(visitor)
        try await audit.record(.viewedPeople, by: actor, about: .school(school.id), in: school.id, detail: Self.describe(query, shown: found.count))
        let grades = Grade.allCases.filter { grade in
            guard let low = school.lowestGrade, let high = school.highestGrade else { return true }
            return grade >= low && grade <= high
        }
        let base = SiteURL.people(school: school.id).path
        let model = PeopleViewModel(
            chrome: kit.chrome(request, context, titleKey: "people.title", titleArguments: ["school": school.name]),
            school: school, query: query, classes: try await people.classes(school: school.id), grades: grades, people: found,
            page: Page(number: query.page, size: PeopleStore.pageSize, total: total),
            link: { page in
                base + queryString([
                    ("kind", query.kind.rawValue), ("q", query.text), ("grade", query.grade?.oneRosterCode),
                    ("class", query.classId?.uuidString.lowercased()), ("inactive", query.includeInactive ? "yes" : nil), ("page", String(page)),
                ])
            }
        )
        return HTMLPage(html: PeopleView.render(model))
    }

    @Sendable func student(request: Request, context: BelongRequestContext) async throws -> HTMLPage {
        let (visitor, school) = try await school(request, context)
        guard let id = context.parameters.get("student").flatMap(UUID.init(uuidString:)),
              let record = try await people.student(id: id, school: school.id) else {
            throw HTTPError(.notFound)
        }
        let actor = context.actor(visitor)
        try await audit.record(.viewedStudent, by: actor, about: .student(id), in: school.id)
        let notice = request.uri.queryParameters.get("done").flatMap { ["optedOut": "student.optOut.doneOut", "optedIn": "student.optOut.doneIn"][$0] }
        let model = StudentViewModel(
            chrome: kit.chrome(request, context, titleKey: "student.title", titleArguments: ["name": record.student.name.display]),
            school: school, record: record, notice: notice.map { kit.t(context)($0) }
        )
        return HTMLPage(html: StudentView.render(model))
    }

    /// A family's request that their child not be surveyed (or its withdrawal), recorded by the school team.
    @Sendable func surveyOptOut(request: Request, context: BelongRequestContext) async throws -> Response {
        let (visitor, school) = try await school(request, context)
        if case .apiToken = visitor.credential { throw HTTPError(.forbidden) }
        guard let id = context.parameters.get("student").flatMap(UUID.init(uuidString:)),
              try await people.student(id: id, school: school.id) != nil else {
            throw HTTPError(.notFound)
        }
        var request = request
        let optedOut = try await request.form(context: context)["optOut"] == "yes"
        try await people.setSurveyOptOut(student: id, optedOut: optedOut)
        let actor = context.actor(visitor)
        try await audit.record(.surveyOptOutChanged, by: actor, about: .student(id), in: school.id,
                                 detail: optedOut ? "opted out of surveys" : "opt-out withdrawn")
        return Response(status: .seeOther, headers: [.location: SiteURL.student(school: school.id, id: id).path + "?done=\(optedOut ? "optedOut" : "optedIn")"])
    }

    /// What was looked at, for the audit log: the filters and how many people were listed.
    static func describe(_ query: PeopleStore.Query, shown: Int) -> String {
        var parts = ["kind=\(query.kind.rawValue)"]
        if let text = query.text, !text.isEmpty { parts.append("search=\(text)") }
        if let grade = query.grade { parts.append("grade=\(grade.oneRosterCode)") }
        if let classId = query.classId { parts.append("class=\(classId.uuidString.lowercased())") }
        if query.includeInactive { parts.append("inactive") }
        parts.append("page=\(query.page)")
        parts.append("listed=\(shown)")
        return parts.joined(separator: " ")
    }
}
