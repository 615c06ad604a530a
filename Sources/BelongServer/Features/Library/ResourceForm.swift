import BelongCore
import Foundation
import Plot

/// A district's resource as typed into the form: every field as text until it is read, so a form with a mistake
/// comes back with everything kept and each problem beside its field.
struct ResourceDraft: Sendable {
    var id: String?
    var kind = Resource.Kind.practice.rawValue
    var titleEn = "", titleFr = "", summaryEn = "", summaryFr = ""
    var link = "", source = "", year = "", language = "en"
    var audiences: Set<String> = []
    var gradeFrom = Grade.kindergarten.oneRosterCode, gradeTo = Grade.grade12.oneRosterCode
    var strategies: Set<String> = []
    var measures: Set<String> = []
    var minutes = ""
    var evidence = Resource.Evidence.Level.practiceBased.rawValue
    var review = "", basisEn = "", basisFr = ""
    var tagsEn = "", tagsFr = ""

    static let titleLength = 200, summaryLength = 2_000, shortLength = 300

    init() {}

    init(_ resource: Resource) {
        id = resource.id
        kind = resource.kind.rawValue
        titleEn = resource.title["en"] ?? ""; titleFr = resource.title["fr"] ?? ""
        summaryEn = resource.summary["en"] ?? ""; summaryFr = resource.summary["fr"] ?? ""
        link = resource.link?.absoluteString ?? ""
        source = resource.source
        year = resource.year.map(String.init) ?? ""
        language = resource.language
        audiences = Set(resource.audiences.map(\.rawValue))
        gradeFrom = resource.grades.lowerBound.oneRosterCode; gradeTo = resource.grades.upperBound.oneRosterCode
        strategies = Set(resource.strategies.map(\.rawValue))
        measures = Set(resource.measures)
        minutes = resource.minutes.map(String.init) ?? ""
        evidence = resource.evidence.level.rawValue
        review = resource.evidence.review ?? ""
        basisEn = resource.evidence.basis["en"] ?? ""; basisFr = resource.evidence.basis["fr"] ?? ""
        tagsEn = (resource.tags["en"] ?? []).joined(separator: ", "); tagsFr = (resource.tags["fr"] ?? []).joined(separator: ", ")
    }

    /// From the multipart form's fields (repeated checkboxes arrive as one comma-joined value each; see `values`).
    init(fields: [String: String], values: (String) -> [String]) {
        func text(_ name: String) -> String { FormFields.plain(fields[name]) }
        kind = text("kind"); titleEn = text("title_en"); titleFr = text("title_fr")
        summaryEn = text("summary_en"); summaryFr = text("summary_fr")
        link = text("link"); source = text("source"); year = text("year"); language = text("language")
        audiences = Set(values("audiences")); gradeFrom = text("grade_from"); gradeTo = text("grade_to")
        strategies = Set(values("strategies")); measures = Set(values("measures"))
        minutes = text("minutes"); evidence = text("evidence"); review = text("review")
        basisEn = text("basis_en"); basisFr = text("basis_fr"); tagsEn = text("tags_en"); tagsFr = text("tags_fr")
    }

    /// The resource, or what to fix by field name.
    func resource(id: String, _ t: Localizer) -> Result<Resource, Problems> {
        var problems: [(String, String)] = []
        func required(_ name: String, _ value: String, max: Int) {
            if value.isEmpty { problems.append((name, t("library.form.error.required"))) }
            else if value.count > max { problems.append((name, t("library.form.error.tooLong", ["max": t.number(max)]))) }
        }
        let kind = Resource.Kind(rawValue: kind)
        if kind == nil { problems.append(("kind", t("library.form.error.required"))) }
        required("title_en", titleEn, max: Self.titleLength); required("title_fr", titleFr, max: Self.titleLength)
        required("summary_en", summaryEn, max: Self.summaryLength); required("summary_fr", summaryFr, max: Self.summaryLength)
        required("source", source, max: Self.shortLength)
        var url: URL?
        if !link.isEmpty {
            url = URL(string: link)
            if url?.scheme?.lowercased() != "https" || url?.host?.isEmpty != false || link.count > 500 { problems.append(("link", t("library.form.error.link"))) }
        }
        let year = Int(self.year)
        if !self.year.isEmpty, !(1900...2100).contains(year ?? 0) { problems.append(("year", t("library.form.error.year"))) }
        let minutes = Int(self.minutes)
        if !self.minutes.isEmpty, !(1...1_000).contains(minutes ?? 0) { problems.append(("minutes", t("library.form.error.minutes"))) }
        let audiences = Resource.Audience.allCases.filter { self.audiences.contains($0.rawValue) }
        if audiences.isEmpty { problems.append(("audiences", t("library.form.error.choose"))) }
        let strategies = Strategy.allCases.filter { self.strategies.contains($0.rawValue) }
        if strategies.isEmpty { problems.append(("strategies", t("library.form.error.choose"))) }
        let measures = Resource.measureIds.filter { self.measures.contains($0) }
        let from = Grade(code: gradeFrom), to = Grade(code: gradeTo)
        if from == nil || to == nil || from! > to! { problems.append(("grade_from", t("library.form.error.grades"))) }
        let level = Resource.Evidence.Level(rawValue: evidence)
        if level == nil { problems.append(("evidence", t("library.form.error.required"))) }
        if level == .reviewed, review.isEmpty { problems.append(("review", t("library.form.error.review"))) }
        if review.count > Self.shortLength { problems.append(("review", t("library.form.error.tooLong", ["max": t.number(Self.shortLength)]))) }
        required("basis_en", basisEn, max: Self.summaryLength); required("basis_fr", basisFr, max: Self.summaryLength)
        if tagsEn.count > Self.shortLength { problems.append(("tags_en", t("library.form.error.tooLong", ["max": t.number(Self.shortLength)]))) }
        if tagsFr.count > Self.shortLength { problems.append(("tags_fr", t("library.form.error.tooLong", ["max": t.number(Self.shortLength)]))) }
        guard problems.isEmpty, let kind, let from, let to, let level else { return .failure(Problems(list: problems)) }
        func tags(_ text: String) -> [String] { text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        var tagMap: [String: [String]] = [:]
        if !tags(tagsEn).isEmpty { tagMap["en"] = tags(tagsEn) }
        if !tags(tagsFr).isEmpty { tagMap["fr"] = tags(tagsFr) }
        return .success(Resource(
            id: id, kind: kind, title: ["en": titleEn, "fr": titleFr], summary: ["en": summaryEn, "fr": summaryFr], link: url, source: source,
            year: year, language: language == "fr" ? "fr" : "en", audiences: audiences, grades: from...to, strategies: strategies, measures: measures,
            minutes: minutes, evidence: .init(level: level, review: level == .reviewed ? review : nil, basis: ["en": basisEn, "fr": basisFr]), tags: tagMap
        ))
    }

    struct Problems: Error {
        let list: [(String, String)]
        func message(_ field: String) -> String? { list.first { $0.0 == field }?.1 }
    }

    /// A new resource's id, from its English title and a few random letters: stable once made, and never a built-in's.
    static func newId(title: String) -> String {
        let words = SearchText.words(title).prefix(6).joined(separator: "-")
        let suffix = String(UUID().uuidString.lowercased().prefix(6))
        return "\(words.isEmpty ? "resource" : String(words.prefix(60)))-\(suffix)"
    }
}

/// `/admin/library/new` and `/admin/library/{resource}`: a district's resource, in both languages, with an optional file.
struct ResourceFormViewModel: Sendable {
    let chrome: PageChrome
    let draft: ResourceDraft
    let problems: ResourceDraft.Problems?
    /// Where the form posts.
    let action: String
    let currentFile: String?
    let isNew: Bool
}

enum ResourceFormView {
    static func render(_ model: ResourceFormViewModel) -> HTML {
        let t = model.chrome.t
        let draft = model.draft
        func error(_ name: String) -> String? { model.problems?.message(name) }
        func field(_ name: String, _ label: String, _ value: String, hint: String? = nil, required: Bool = true, type: HTMLInputType = .text) -> Node<HTML.FormContext> {
            Forms.input(.init(name: name, label: label, type: type, value: value, hint: hint, error: error(name), required: required))
        }
        func area(_ name: String, _ label: String, _ value: String, hint: String? = nil) -> Node<HTML.FormContext> {
            let id = "field-\(name)"
            let described = [hint.map { _ in "\(id)-hint" }, error(name).map { _ in "\(id)-error" }].compactMap { $0 }
            return .div(
                .class(error(name) == nil ? "field" : "field field--error"),
                .label(.for(id), .text(label)),
                .unwrap(hint) { .div(.id("\(id)-hint"), .class("field__hint"), .text($0)) },
                .unwrap(error(name)) { .div(.id("\(id)-error"), .class("field__error"), .text($0)) },
                .textarea(.id(id), .name(name), .attribute(named: "rows", value: "5"), .required(true),
                          .attribute(named: "maxlength", value: String(ResourceDraft.summaryLength)),
                          .if(!described.isEmpty, .attribute(named: "aria-describedby", value: described.joined(separator: " "))),
                          .text(value))
            )
        }
        let grades = Grade.allCases.map { Forms.Option(value: $0.oneRosterCode, label: t.grade($0)) }
        return Layout.page(model.chrome, main: .group(
            .p(.a(.href(SiteURL.manageLibrary.path), .text(t("library.manage.heading")))),
            .h1(.text(model.isNew ? t("library.form.newTitle") : t("library.form.editTitle", ["title": draft.titleEn]))),
            .p(.class("lead"), .text(t("library.form.lead"))),
            Forms.errorSummary(title: t("library.form.errors"), errors: model.problems?.list.map { (field: $0.0, message: $0.1) } ?? []),
            .form(
                .method(.post), .action("\(model.action)?\(FormProtectionMiddleware.fieldName)=\(model.chrome.formToken)"), .enctype(.multipartData),
                Forms.select(name: "kind", label: t("library.form.kind"),
                             options: Resource.Kind.allCases.map { .init(value: $0.rawValue, label: LibraryText.kind($0, t)) }, selected: draft.kind, error: error("kind")),
                field("title_en", t("library.form.titleEn"), draft.titleEn),
                field("title_fr", t("library.form.titleFr"), draft.titleFr),
                area("summary_en", t("library.form.summaryEn"), draft.summaryEn, hint: t("library.form.summaryHint")),
                area("summary_fr", t("library.form.summaryFr"), draft.summaryFr, hint: t("library.form.summaryHint")),
                field("link", t("library.form.link"), draft.link, hint: t("library.form.linkHint"), required: false, type: .url),
                field("source", t("library.form.source"), draft.source, hint: t("library.form.sourceHint")),
                field("year", t("library.form.year"), draft.year, required: false),
                Forms.select(name: "language", label: t("library.form.language"),
                             options: ["en", "fr"].map { .init(value: $0, label: LibraryText.language($0, t)) }, selected: draft.language),
                Forms.choices(name: "audiences", legend: t("library.form.audiences"),
                              options: Resource.Audience.allCases.map { .init(value: $0.rawValue, label: t("library.audience.\($0.rawValue)")) },
                              chosen: draft.audiences, multiple: true, error: error("audiences")),
                Forms.select(name: "grade_from", label: t("library.form.gradeFrom"), options: grades, selected: draft.gradeFrom, error: error("grade_from")),
                Forms.select(name: "grade_to", label: t("library.form.gradeTo"), options: grades, selected: draft.gradeTo),
                Forms.choices(name: "strategies", legend: t("library.form.strategies"),
                              options: Strategy.allCases.map { .init(value: $0.rawValue, label: t("about.strategy.\($0.rawValue).name")) },
                              chosen: draft.strategies, multiple: true, error: error("strategies")),
                Forms.choices(name: "measures", legend: t("library.form.measures"),
                              options: Resource.measureIds.map { .init(value: $0, label: LibraryText.measureTitle($0, t)) }, chosen: draft.measures, multiple: true),
                field("minutes", t("library.form.minutes"), draft.minutes, required: false),
                Forms.select(name: "evidence", label: t("library.form.evidence"),
                             options: Resource.Evidence.Level.allCases.map { .init(value: $0.rawValue, label: t("library.evidence.\($0.rawValue)")) },
                             selected: draft.evidence, error: error("evidence")),
                field("review", t("library.form.review"), draft.review, hint: t("library.form.reviewHint"), required: false),
                area("basis_en", t("library.form.basisEn"), draft.basisEn),
                area("basis_fr", t("library.form.basisFr"), draft.basisFr),
                field("tags_en", t("library.form.tagsEn"), draft.tagsEn, hint: t("library.form.tagsHint"), required: false),
                field("tags_fr", t("library.form.tagsFr"), draft.tagsFr, hint: t("library.form.tagsHint"), required: false),
                .div(
                    .class(error("file") == nil ? "field" : "field field--error"),
                    .label(.for("field-file"), .text(t("library.form.file"))),
                    .div(.id("field-file-hint"), .class("field__hint"), .text(t("library.form.fileHint", ["megabytes": String(LibraryFile.maxBytes / 1_048_576)]))),
                    .unwrap(error("file")) { .div(.id("field-file-error"), .class("field__error"), .text($0)) },
                    .input(.id("field-file"), .name("file"), .type(.file), .attribute(named: "accept", value: ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"),
                           .attribute(named: "aria-describedby", value: error("file") == nil ? "field-file-hint" : "field-file-hint field-file-error"))
                ),
                .unwrap(model.currentFile) { name in
                    .group(.p(.text(t("library.form.currentFile", ["name": name]))), Forms.checkbox(name: "remove_file", label: t("library.form.removeFile"), checked: false))
                },
                Forms.submit(t("library.form.save"))
            )
        ))
    }
}
