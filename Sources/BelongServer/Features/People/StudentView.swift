import BelongCore
import Foundation
import Plot

/// One student's record: what the roster says, their classes and family contacts.
struct StudentViewModel: Sendable {
    let chrome: PageChrome
    let school: Organization
    let record: PeopleStore.StudentRecord
    var notice: String? = nil
}

enum StudentView {
    static func render(_ model: StudentViewModel) -> HTML {
        let t = model.chrome.t
        let student = model.record.student
        return Layout.page(model.chrome, main: .group(
            .p(.a(.href(SiteURL.people(school: model.school.id).path), .text(t("student.back", ["school": model.school.name])))),
            .h1(.text(student.name.display)),
            .if(!student.isActive, Notices.warning(t("student.inactive"))),
            Notices.success(model.notice),
            .dl(
                .class("facts"),
                .dt(.text(t("student.legalName"))), .dd(.text("\(student.name.given) \(student.name.family)")),
                .dt(.text(t("people.column.grade"))), .dd(.text(student.grade.map { t.grade($0) } ?? t("people.gradeNotGiven"))),
                .dt(.text(t("people.column.identifier"))), .dd(.text(student.identifier ?? "—")),
                .dt(.text(t("student.sourcedId"))), .dd(.text(student.sourcedId ?? "—"))
            ),
            .h2(.text(t("student.classes"))),
            .if(model.record.classes.isEmpty, .p(.text(t("student.noClasses")))),
            .ul(.forEach(model.record.classes) { .li(.text($0.title)) }),
            .h2(.text(t("student.families"))),
            .if(model.record.families.isEmpty, .p(.text(t("student.noFamilies")))),
            .ul(.forEach(model.record.families) { family in
                .li(
                    .text("\(family.name.display) — \(t("relationship.\(family.relationship)"))"),
                    .unwrap(family.email) { .text(" · \($0)") },
                    .unwrap(family.phone) { .text(" · \($0)") }
                )
            }),
            .h2(.text(t("student.optOut.heading"))),
            .p(.text(t(model.record.surveyOptOut ? "student.optOut.isOut" : "student.optOut.isIn"))),
            .form(
                .method(.post), .action(SiteURL.surveyOptOut(school: model.school.id, student: student.id).path),
                Forms.csrf(model.chrome.formToken),
                .input(.type(.hidden), .name("optOut"), .value(model.record.surveyOptOut ? "no" : "yes")),
                Forms.submit(t(model.record.surveyOptOut ? "student.optOut.withdraw" : "student.optOut.record"), secondary: true)
            ),
            .p(.class("field__hint"), .text(t("student.optOut.hint")))
        ))
    }
}
