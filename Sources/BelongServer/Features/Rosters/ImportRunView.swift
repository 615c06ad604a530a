import BelongCore
import Foundation
import Plot

/// One import: the preview before confirming, or what it did.
struct ImportRunViewModel: Sendable {
    let chrome: PageChrome
    let run: ImportRunStore.Run
    let report: ImportReport
}

/// An import still being checked or written, or one a restart cut short (`progress` nil).
struct ImportProgressViewModel: Sendable {
    let chrome: PageChrome
    let run: ImportRunStore.Run
    let progress: ImportProgress?
}

enum ImportRunView {
    static let problemLimit = 500

    static func render(_ model: ImportRunViewModel) -> HTML {
        let t = model.chrome.t
        let report = model.report
        let run = model.run
        let verdict: String = switch run.status {
        case .previewed:
            switch report.errors.count + (report.errorsNotListed ?? 0) {
            case 0: t("import.verdict.ready")
            case 1: t("import.verdict.problemsOne")
            case let count: t("import.verdict.problems", ["count": t.number(count)])
            }
        case .applied:
            switch report.skippedRows {
            case 0: t("import.verdict.applied")
            case 1: t("import.verdict.appliedValidOne")
            case let count: t("import.verdict.appliedValid", ["count": t.number(count)])
            }
        case .refused: t("import.verdict.refused")
        case .cancelled: t("import.verdict.cancelled")
        case .checking, .applying: t("import.status.\(run.status.rawValue)")
        }
        return Layout.page(model.chrome, main: .group(
            .p(.a(.href(SiteURL.imports.path), .text(t("import.back")))),
            .h1(.text(t("import.runHeading", ["file": run.fileName]))),
            .p(.class("muted"), .text("\(report.format) · \(run.actorLabel)")),
            .div(
                .class(report.errors.isEmpty || run.status == .applied ? "notice notice--success" : "notice notice--warning"),
                .attribute(named: "role", value: "status"), .p(.text(verdict))
            ),
            .div(
                .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"),
                .ariaLabel(t(run.status == .applied ? "import.countsDone" : "import.countsPreview")),
                .table(
                    .caption(.text(t(run.status == .applied ? "import.countsDone" : "import.countsPreview"))),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text(t("import.column.records"))),
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("import.column.added"))),
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("import.column.updated"))),
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("import.column.deactivated"))),
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("import.column.unchanged")))
                    )),
                    .tbody(.forEach(ImportReport.tableOrder) { table in
                        let counts = report.counts[table.rawValue] ?? ImportCounts()
                        return .tr(
                            .th(.attribute(named: "scope", value: "row"), .text(t("import.table.\(table.rawValue)"))),
                            .td(.class("number"), .text(t.number(counts.added))),
                            .td(.class("number"), .text(t.number(counts.updated))),
                            .td(.class("number"), .text(t.number(counts.deactivated))),
                            .td(.class("number"), .text(t.number(counts.unchanged)))
                        )
                    })
                )
            ),
            .if(!report.coveredSchools.isEmpty, .p(.text(t("import.covered", ["schools": report.coveredSchools.joined(separator: ", ")])))),
            .unwrap((report.studentsWithoutGrade ?? 0) > 0 ? report.studentsWithoutGrade : nil) { count in
                .div(.class("notice notice--warning"), .p(.text(count == 1 ? t("import.noGradeOne") : t("import.noGrade", ["count": t.number(count)]))))
            },
            .if(run.status == .previewed, .div(
                .class("actions"),
                .if(report.errors.isEmpty, .form(
                    .class("inline"), .method(.post), .action(SiteURL.confirmImport(run.id).path),
                    Forms.csrf(model.chrome.formToken), .input(.type(.hidden), .name("mode"), .value("all")),
                    Forms.submit(t("import.confirm"))
                )),
                .if(!report.errors.isEmpty, .form(
                    .class("inline"), .method(.post), .action(SiteURL.confirmImport(run.id).path),
                    Forms.csrf(model.chrome.formToken), .input(.type(.hidden), .name("mode"), .value("valid")),
                    Forms.submit(t("import.confirmValid", ["count": t.number(report.skippedRows)]), secondary: true)
                )),
                .form(
                    .class("inline"), .method(.post), .action(SiteURL.cancelImport(run.id).path),
                    Forms.csrf(model.chrome.formToken),
                    Forms.submit(t("import.cancel"), secondary: true)
                )
            )),
            problems(t("import.errors", ["count": t.number(report.errors.count + (report.errorsNotListed ?? 0))]), id: "errors", report.errors,
                     total: report.errors.count + (report.errorsNotListed ?? 0), t: t),
            problems(t("import.warnings", ["count": t.number(report.warnings.count + (report.warningsNotListed ?? 0))]), id: "warnings", report.warnings,
                     total: report.warnings.count + (report.warningsNotListed ?? 0), t: t)
        ))
    }

    /// The page of an import under way: how far it has got, updated by /js/import-progress.js (a link to look again without it).
    static func progress(_ model: ImportProgressViewModel) -> HTML {
        let t = model.chrome.t
        let run = model.run
        let heading = t(run.status == .applying ? "import.progress.headingApplying" : "import.progress.headingChecking", ["file": run.fileName])
        guard let progress = model.progress else {
            return Layout.page(model.chrome, main: .group(
                .p(.a(.href(SiteURL.imports.path), .text(t("import.back")))),
                .h1(.text(heading)),
                .div(.class("notice notice--warning"), .attribute(named: "role", value: "status"),
                     .p(.text(t(run.status == .applying ? "import.interrupted.applying" : "import.interrupted.checking"))))
            ))
        }
        let path = SiteURL.importRun(run.id).path
        return Layout.page(model.chrome, main: .group(
            .p(.a(.href(SiteURL.imports.path), .text(t("import.back")))),
            .h1(.text(heading)),
            .p(.text(t("import.progress.lead"))),
            .div(
                .class("import-progress"), .attribute(named: "data-progress", value: path),
                .p(.attribute(named: "role", value: "status"), .attribute(named: "data-progress-text", value: ""), .text(progressText(progress, t))),
                .label(.attribute(named: "for", value: "import-files"), .text(t("import.progress.files"))),
                .element(named: "progress", nodes: [
                    .id("import-files"), .attribute(named: "data-progress-files", value: ""),
                    .attribute(named: "max", value: String(max(progress.filesTotal, 1))), .attribute(named: "value", value: String(progress.filesDone)),
                    .text("\(progress.filesDone) / \(progress.filesTotal)"),
                ])
            ),
            .p(.a(.href(path), .text(t("import.progress.refresh"))))
        ))
    }

    static func progressText(_ progress: ImportProgress, _ t: Localizer) -> String {
        let rows = t.number(progress.rowsRead)
        switch progress.stage {
        case .reading:
            guard let file = progress.file else { return t("import.progress.starting") }
            return t("import.progress.reading", ["file": file, "rows": rows, "done": t.number(progress.filesDone), "total": t.number(progress.filesTotal)])
        case .checking: return t("import.progress.checking", ["rows": rows, "files": t.number(progress.filesDone)])
        case .writing: return t("import.progress.writing", ["rows": rows])
        case .finished: return t("import.progress.finished", ["rows": rows, "files": t.number(progress.filesDone)])
        }
    }

    static func problems(_ title: String, id: String, _ problems: [ImportProblem], total: Int, t: Localizer) -> Node<HTML.BodyContext> {
        .if(!problems.isEmpty, .section(
            .attribute(named: "aria-labelledby", value: "\(id)-heading"),
            .h2(.id("\(id)-heading"), .text(title)),
            .if(total > min(problems.count, problemLimit), .p(.text(t("import.truncated", ["shown": t.number(min(problems.count, problemLimit))])))),
            .div(
                .class("table-wrap"), .attribute(named: "role", value: "region"), .attribute(named: "tabindex", value: "0"), .ariaLabel(title),
                .table(
                    .caption(.text(title)),
                    .thead(.tr(
                        .th(.attribute(named: "scope", value: "col"), .text(t("import.column.file"))),
                        .th(.attribute(named: "scope", value: "col"), .class("number"), .text(t("import.column.line"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("import.column.column"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("import.column.value"))),
                        .th(.attribute(named: "scope", value: "col"), .text(t("import.column.reason")))
                    )),
                    .tbody(.forEach(problems.prefix(problemLimit)) { problem in
                        .tr(
                            .td(.text(problem.file)), .td(.class("number"), .text(problem.line.map(String.init) ?? "")),
                            .td(.text(problem.column ?? "")), .td(.code(.text(problem.value ?? ""))), .td(.text(problem.reason))
                        )
                    })
                )
            )
        ))
    }
}
