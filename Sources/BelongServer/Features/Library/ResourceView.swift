import BelongCore
import Foundation
import Plot

/// `/library/{resource}`: everything about one resource, what schools say of it, related ones, and — for a school's
/// staff — its shortlist button and "we tried this".
struct ResourceViewModel: Sendable {
    struct SchoolActions: Sendable {
        let id: UUID
        let name: String
        let onShortlist: Bool
        let trial: Trial?
    }

    let chrome: PageChrome
    let entry: LibraryEntry
    let file: (name: String, mediaType: String, bytes: Int)?
    let related: [ResourceCard]
    let tally: String
    let schools: [SchoolActions]
    let notice: String?
    let problem: String?
    let noteLength: Int
}

enum ResourceView {
    static func render(_ model: ResourceViewModel) -> HTML {
        let t = model.chrome.t
        let resource = model.entry.resource
        func row(_ label: String, _ value: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
            .div(.element(named: "dt", text: label), .element(named: "dd", nodes: [value]))
        }
        return Layout.page(model.chrome, main: .group(
            .p(.a(.href(SiteURL.library.path), .text(t("library.resource.back")))),
            .p(.class("muted"), .text(LibraryText.kind(resource.kind, t))),
            .h1(.text(resource.title(in: t.language))),
            Notices.success(model.notice),
            .p(.class("lead"), .text(resource.summary(in: t.language))),
            .if(!model.entry.isBuiltIn, .p(.class("muted"), .text(t("library.resource.districtOwn")))),
            .unwrap(resource.link) { link in
                .p(.a(.class("button button--secondary"), .href(link.absoluteString), .attribute(named: "rel", value: "noopener noreferrer"),
                      .text(t("library.resource.open", ["source": resource.source])), .text(" "), .span(.class("muted"), .text(t("library.resource.openNote")))))
            },
            .unwrap(model.file) { file in
                .p(.a(.href(SiteURL.libraryFile(resource.id).path), .attribute(named: "download", value: file.name),
                      .text(t("library.resource.file", ["name": file.name, "size": LibraryText.size(file.bytes, t)]))))
            },
            .if(resource.link == nil && model.file == nil, .p(.class("muted"), .text(t("library.resource.noLink")))),
            .section(
                .attribute(named: "aria-labelledby", value: "details-heading"),
                .h2(.id("details-heading"), .text(t("library.resource.details"))),
                .element(named: "dl", nodes: [
                    .class("facts"),
                    row(t("library.resource.source"), .text(resource.source + (resource.year.map { ", \($0)" } ?? ""))),
                    row(t("library.resource.language"), .text(LibraryText.language(resource.language, t))),
                    row(t("library.resource.audiences"), .text(LibraryText.audiences(resource.audiences, t))),
                    row(t("library.resource.grades"), .text(LibraryText.grades(resource.grades, t))),
                    row(t("library.resource.strategies"), .ul(.class("inline-list"), .forEach(resource.strategies) { strategy in
                        .li(.a(.href(SiteURL.aboutStrategy(strategy).path), .text(t("about.strategy.\(strategy.rawValue).name"))))
                    })),
                    row(t("library.resource.measures"), .ul(.class("inline-list"), .forEach(resource.measures) { measure in
                        .li(.a(.href(SiteURL.library.path + queryString([("measure", measure)])), .text(LibraryText.measureTitle(measure, t))))
                    })),
                    .unwrap(resource.minutes) { minutes in row(t("library.resource.minutes"), .text(t("library.resource.minutesValue", ["minutes": t.number(minutes)]))) },
                    row(t("library.resource.evidence"), .group(
                        .strong(.text(LibraryText.evidence(resource.evidence, t))),
                        .text(" — " + (resource.evidence.basis[t.language.code] ?? resource.evidence.basis["en"] ?? ""))
                    )),
                ])
            ),
            .section(
                .id("actions"), .attribute(named: "aria-labelledby", value: "tried-heading"),
                .h2(.id("tried-heading"), .text(t("library.tried.heading"))),
                .p(.text(model.tally)),
                .forEach(model.schools) { school in actions(school, resource: resource.id, noteLength: model.noteLength, formToken: model.chrome.formToken, t) }
            ),
            .if(!model.related.isEmpty, .section(
                .attribute(named: "aria-labelledby", value: "related-heading"),
                .h2(.id("related-heading"), .text(t("library.resource.related"))),
                ResourceCards.list(model.related, heading: "h3", t)
            ))
        ))
    }

    private static func actions(_ school: ResourceViewModel.SchoolActions, resource: String, noteLength: Int, formToken: String, _ t: Localizer) -> Node<HTML.BodyContext> {
        let token = "school-\(school.id.pathSegment)"
        return .div(
            .class("school-actions"),
            .unwrap(school.trial) { trial in
                .group(
                    .p(.text(t("library.tried.yours", ["school": school.name, "rating": t.number(trial.rating),
                                                       "date": SurveyText.day(SurveyWindow.day(of: trial.at, timeZone: "UTC"), t)]))),
                    .if(!trial.note.isEmpty, .p(.class("muted"), .text(t("library.tried.yourNote", ["note": trial.note]))))
                )
            },
            .form(
                .method(.post), .action(SiteURL.changeShortlist(school: school.id).path),
                Forms.csrf(formToken),
                .input(.type(.hidden), .name("resource"), .value(resource)),
                .input(.type(.hidden), .name("action"), .value(school.onShortlist ? "remove" : "add")),
                .if(school.onShortlist, .p(.text(t("library.shortlist.on", ["school": school.name])))),
                Forms.submit(t(school.onShortlist ? "library.shortlist.remove" : "library.shortlist.add", ["school": school.name]), secondary: school.onShortlist),
                .text(" "), .a(.href(SiteURL.shortlist(school: school.id).path), .text(t("library.shortlist.link", ["school": school.name])))
            ),
            .form(
                .method(.post), .action(SiteURL.tried(school: school.id).path), .class("tried-form"),
                Forms.csrf(formToken),
                .input(.type(.hidden), .name("resource"), .value(resource)),
                .h3(.text(t("library.tried.formHeading", ["school": school.name]))),
                .fieldset(
                    .id("\(token)-rating"), .class("field rating"),
                    .element(named: "legend", nodes: [.text(t("library.tried.rating"))]),
                    .forEach(1...5) { value in
                        .div(.class("field field--radio"),
                             .input(.id("\(token)-rating-\(value)"), .name("rating"), .type(.radio), .value(String(value)), .required(true),
                                    .checked(school.trial?.rating == value)),
                             .label(.for("\(token)-rating-\(value)"), .text(ratingLabel(value, t))))
                    }
                ),
                .div(.class("field"),
                     .label(.for("\(token)-note"), .text(t("library.tried.note"))),
                     .div(.id("\(token)-note-hint"), .class("field__hint"), .text(t("library.tried.noteHint", ["max": t.number(noteLength)]))),
                     .textarea(.id("\(token)-note"), .name("note"), .attribute(named: "maxlength", value: String(noteLength)), .attribute(named: "rows", value: "3"),
                               .attribute(named: "aria-describedby", value: "\(token)-note-hint"), .text(school.trial?.note ?? ""))),
                Forms.submit(t("library.tried.submit"))
            )
        )
    }

    private static func ratingLabel(_ value: Int, _ t: Localizer) -> String {
        switch value {
        case 1: t("library.tried.rating1")
        case 5: t("library.tried.rating5")
        default: t("library.tried.ratingValue", ["rating": t.number(value)])
        }
    }
}
