import BelongCore
import Foundation
import Plot

/// A school's people directory: search, filters, a table of results, pages.
struct PeopleViewModel: Sendable {
    let chrome: PageChrome
    let school: Organization
    let query: PeopleStore.Query
    let classes: [PeopleStore.ClassSummary]
    let grades: [Grade]
    let people: [PeopleStore.Person]
    let page: Page
    /// Builds the link to another page of the same search.
    let link: @Sendable (Int) -> String
}

enum PeopleView {
    static func render(_ model: PeopleViewModel) -> HTML {
        let t = model.chrome.t
        let kind = model.query.kind
        return Layout.page(model.chrome, main: .group(
            .h1(.text(t("people.heading", ["school": model.school.name]))),
            .p(.class("muted"), .text(t("people.auditNotice"))),
            .form(
                .class("filters"), .method(.get), .action(SiteURL.people(school: model.school.id).path),
                .attribute(named: "role", value: "search"), .ariaLabel(t("people.searchLabel")),
                Forms.select(name: "kind", label: t("people.kindLabel"), options: PeopleStore.Kind.allCases.map {
                    .init(value: $0.rawValue, label: t("people.kind.\($0.rawValue)"))
                }, selected: kind.rawValue),
                Forms.input(.init(name: "q", label: t("people.search"), type: .search, value: model.query.text ?? "", hint: t("people.searchHint"), required: false)),
                Forms.select(name: "grade", label: t("people.grade"), options: [.init(value: "", label: t("people.anyGrade"))] + model.grades.map {
                    .init(value: $0.oneRosterCode, label: t.grade($0))
                }, selected: model.query.grade?.oneRosterCode ?? "", hint: kind == .staff ? t("people.gradeIgnoredForStaff") : nil),
                Forms.select(name: "class", label: t("people.class"), options: [.init(value: "", label: t("people.anyClass"))] + model.classes.map {
                    .init(value: $0.id.uuidString.lowercased(), label: $0.title)
                }, selected: model.query.classId?.uuidString.lowercased() ?? ""),
                Forms.checkbox(name: "inactive", label: t("people.includeInactive"), checked: model.query.includeInactive),
                Forms.submit(t("people.searchButton"))
            ),
            .p(
                .id("results-count"), .attribute(named: "role", value: "status"),
                .text(model.page.total == 0 ? t("people.none") : model.page.total == 1 ? t("people.countOne") : t("people.count", [
                    "total": t.number(model.page.total), "first": t.number(model.page.firstItem), "last": t.number(model.page.lastItem),
                ]))
            ),
            .if(!model.people.isEmpty, table(model)),
            Pagination.nav(model.page, t: t, link: model.link)
        ))
    }

    static func table(_ model: PeopleViewModel) -> Node<HTML.BodyContext> {
        let t = model.chrome.t
        let kind = model.query.kind
        return .div(
            .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(t("people.caption.\(kind.rawValue)", ["school": model.school.name])),
            .table(
                .caption(.text(t("people.caption.\(kind.rawValue)", ["school": model.school.name]))),
                .thead(.tr(
                    .th(.attribute(named: "scope", value: "col"), .text(t("people.column.name"))),
                    .th(.attribute(named: "scope", value: "col"), .text(t(kind == .students ? "people.column.grade" : kind == .staff ? "people.column.role" : "people.column.email"))),
                    .th(.attribute(named: "scope", value: "col"), .text(t(kind == .families ? "people.column.status" : "people.column.identifier"))),
                    .if(kind != .families, .th(.attribute(named: "scope", value: "col"), .text(t("people.column.status"))))
                )),
                .tbody(.forEach(model.people) { person in
                    .tr(
                        .th(.attribute(named: "scope", value: "row"),
                            kind == .students
                                ? .a(.href(SiteURL.student(school: model.school.id, id: person.id).path), .text(person.name.sortable))
                                : .text(person.name.sortable)),
                        .td(.text(kind == .students ? person.grade.map { t.grade($0) } ?? t("people.gradeNotGiven") :
                                    kind == .staff ? person.roles.map { t("job.\($0)") }.joined(separator: ", ") : person.email ?? "")),
                        kind == .families ? .td(.text(t(person.isActive ? "people.active" : "people.inactive")))
                            : .td(.text(person.identifier ?? "")),
                        .if(kind != .families, .td(.text(t(person.isActive ? "people.active" : "people.inactive"))))
                    )
                })
            )
        )
    }
}
