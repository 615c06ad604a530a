import BelongCore
import Foundation
import Plot

/// One import: the preview before confirming, or what it did.
struct ImportRunViewModel: Sendable {
    let chrome: PageChrome
    let run: ImportRunStore.Run
    let report: ImportReport
}

enum ImportRunView {
    static let problemLimit = 500

    static func render(_ model: ImportRunViewModel) -> HTML {
        let t = model.chrome.t
        let report = model.report
        let run = model.run
        let path = SiteURL.importRun(run.id).path
        let verdict: String = switch run.status {
        case .previewed: report.errors.isEmpty ? t("import.verdict.ready") : t("import.verdict.problems", ["count": t.number(report.errors.count + (report.errorsNotListed ?? 0))])
        case .applied: report.skippedRows > 0 ? t("import.verdict.appliedValid", ["count": t.number(report.skippedRows)]) : t("import.verdict.applied")
        case .refused: t("import.verdict.refused")
        case .cancelled: t("import.verdict.cancelled")
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
            .if(run.status == .previewed, .div(
                .class("actions"),
                .if(report.errors.isEmpty, .form(
                    .class("inline"), .method(.post), .action("\(path)/confirm"),
                    Forms.csrf(model.chrome.formToken), .input(.type(.hidden), .name("mode"), .value("all")),
                    Forms.submit(t("import.confirm"))
                )),
                .if(!report.errors.isEmpty, .form(
                    .class("inline"), .method(.post), .action("\(path)/confirm"),
                    Forms.csrf(model.chrome.formToken), .input(.type(.hidden), .name("mode"), .value("valid")),
                    Forms.submit(t("import.confirmValid", ["count": t.number(report.skippedRows)]), secondary: true)
                )),
                .form(
                    .class("inline"), .method(.post), .action("\(path)/cancel"),
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
