import BelongCore
import Foundation
import Logging

/// What happened, or would happen, in an import: for the preview page, the command line and the API.
public struct ImportReport: Sendable, Codable {
    public var format: String
    public var applied: Bool
    public var dryRun: Bool
    public var validRowsOnly: Bool
    public var counts: [String: ImportCounts]
    public var errors: [ImportProblem]
    public var warnings: [ImportProblem]
    public var skippedRows: Int
    public var coveredSchools: [String]
    /// Problems beyond the first `keptProblems` of each kind, counted but not kept (a report stays small
    /// whatever the bundle holds). Nil in reports kept before the cap.
    public var errorsNotListed: Int?
    public var warningsNotListed: Int?
    /// Active students the roster gives no grade (nor their classes one they agree on): counted at
    /// their school and in no grade. Nil in reports kept before it was counted.
    public var studentsWithoutGrade: Int?

    /// How many errors and warnings a report lists; the rest are counted.
    public static let keptProblems = 500
    /// The longest value a problem quotes.
    public static let keptValueLength = 200

    /// The report with at most `keptProblems` errors and warnings, each value cut short.
    func capped() -> ImportReport {
        var report = self
        func keep(_ problems: [ImportProblem]) -> ([ImportProblem], Int) {
            let kept = problems.prefix(Self.keptProblems).map { problem in
                var problem = problem
                if let value = problem.value, value.count > Self.keptValueLength { problem.value = String(value.prefix(Self.keptValueLength)) + "…" }
                return problem
            }
            return (kept, problems.count - kept.count)
        }
        let (errors, moreErrors) = keep(errors), (warnings, moreWarnings) = keep(warnings)
        report.errors = errors
        report.warnings = warnings
        report.errorsNotListed = (errorsNotListed ?? 0) + moreErrors
        report.warningsNotListed = (warningsNotListed ?? 0) + moreWarnings
        return report
    }

    /// Counts in the order people read them.
    public static let tableOrder: [RosterChanges.Table] = [.organizations, .sessions, .classes, .students, .staff, .families, .enrollments]

    /// What `belong import` prints.
    public var summary: String {
        var lines: [String] = []
        let verdict: String
        if applied {
            verdict = validRowsOnly && skippedRows > 0 ? "Imported the valid rows; \(skippedRows) rows with errors were left out." : "Imported."
        } else if dryRun {
            verdict = errors.isEmpty ? "Dry run: nothing was changed. The import would do this:" : "Dry run: nothing was changed."
        } else {
            verdict = "Refused: nothing was changed, because the bundle has \(errors.count) error(s). Fix them, or import the valid rows only."
        }
        lines.append("\(format) — \(verdict)")
        for table in Self.tableOrder {
            guard let count = counts[table.rawValue] else { continue }
            lines.append("  \(table.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) add \(count.added), update \(count.updated), deactivate \(count.deactivated), unchanged \(count.unchanged)")
        }
        if !coveredSchools.isEmpty {
            lines.append("  bulk files cover: \(coveredSchools.joined(separator: ", ")) (people of these schools missing from the files are deactivated)")
        }
        if let ungraded = studentsWithoutGrade, ungraded > 0 {
            lines.append("  \(ungraded) student(s) have no grade: they count in their school's figures and in no grade's (listed below as 'grade not given'; fix them in the export)")
        }
        if !errors.isEmpty {
            lines.append("Errors (\(errors.count + (errorsNotListed ?? 0))):")
            lines += errors.map { "  \($0)" }
            if let more = errorsNotListed, more > 0 { lines.append("  … and \(more) more errors, not listed") }
        }
        if !warnings.isEmpty {
            lines.append("Warnings (\(warnings.count + (warningsNotListed ?? 0))):")
            lines += warnings.map { "  \($0)" }
            if let more = warningsNotListed, more > 0 { lines.append("  … and \(more) more warnings, not listed") }
        }
        return lines.joined(separator: "\n")
    }
}

/// Reads an uploaded roster, plans it against what Belong holds, and writes it when asked to and
/// when it may: all-or-nothing unless only the valid rows are wanted. Every import is audited.
public struct RosterImporter: Sendable {
    public enum Format: String, Sendable, Codable {
        case oneRoster
        case belongCSV
    }

    public enum Source: Sendable {
        /// A folder, a zip or one CSV file on this machine (the command line).
        case path(String)
        /// An uploaded zip (the import page, the API).
        case zip(Data)
        /// Uploaded CSV files by name.
        case files([String: Data])
    }

    public struct Options: Sendable {
        public var dryRun: Bool
        public var validRowsOnly: Bool

        public init(dryRun: Bool = false, validRowsOnly: Bool = false) {
            self.dryRun = dryRun
            self.validRowsOnly = validRowsOnly
        }
    }

    let roster: RosterStore
    let audit: AuditStore

    public init(database: Database) {
        roster = RosterStore(database: database)
        audit = AuditStore(database: database)
    }

    /// - Parameter homeDistrict: the one district the import may change (the uploader's, or the one named
    ///   on the command line); nil only for the command line with no district named, which may change any.
    /// - Parameter meter: where the import reports how far it has got, for a page or a terminal to show.
    public func run(
        _ source: Source, format: Format, options: Options, homeDistrict: UUID?, actor: UserAdministration.Actor, label: String,
        meter: ImportMeter? = nil
    ) async throws -> ImportReport {
        try await ImportMeter.$current.withValue(meter) {
            try await metered(source, format: format, options: options, homeDistrict: homeDistrict, actor: actor, label: label)
        }
    }

    private func metered(
        _ source: Source, format: Format, options: Options, homeDistrict: UUID?, actor: UserAdministration.Actor, label: String
    ) async throws -> ImportReport {
        let meter = ImportMeter.current
        let all = try await roster.existing()
        // Another district's records are not read at all: not matched, counted, deactivated or described.
        let existing = homeDistrict.map { all.within(district: $0).inside } ?? all
        let bundle: OneRosterBundle
        do {
            // The raw tables are let go as soon as they are parsed: a large roster need not be held twice.
            bundle = try Self.bundle(from: source, format: format, existing: existing)
        } catch {
            let problem = ImportProblem.error(label, "\(error)")
            let report = ImportReport(format: format == .oneRoster ? "OneRoster" : "Belong CSV", applied: false, dryRun: options.dryRun,
                                      validRowsOnly: options.validRowsOnly, counts: [:], errors: [problem], warnings: [], skippedRows: 0, coveredSchools: [])
            try await record(report, actor: actor, label: label, district: homeDistrict)
            return report
        }
        let formatName = format == .oneRoster ? "OneRoster \(bundle.version.rawValue)" : "Belong CSV templates"
        meter?.update { $0.stage = .checking; $0.file = nil }
        var planner = homeDistrict.map { RosterImportPlanner(existing: all, limitedTo: $0) } ?? RosterImportPlanner(existing: all, homeDistrict: nil)
        let plan = planner.plan(bundle)
        let mayApply = !options.dryRun && (!plan.hasErrors || options.validRowsOnly)
        if mayApply, !plan.changes.isEmpty {
            meter?.update { $0.stage = .writing }
            try await roster.apply(plan.changes)
        }
        let report = ImportReport(
            format: formatName, applied: mayApply, dryRun: options.dryRun, validRowsOnly: options.validRowsOnly,
            counts: Dictionary(uniqueKeysWithValues: plan.counts.map { ($0.key.rawValue, $0.value) }),
            errors: plan.errors, warnings: plan.warnings, skippedRows: plan.skippedRows, coveredSchools: plan.coveredSchools,
            studentsWithoutGrade: plan.studentsWithoutGrade
        ).capped()
        try await record(report, actor: actor, label: label, district: homeDistrict)
        return report
    }

    static func bundle(from source: Source, format: Format, existing: ExistingRoster) throws -> OneRosterBundle {
        let opened: BundleSource.Opened
        switch source {
        case .path(let path):
            opened = try BundleSource.open(path: path)
        case .zip(let data):
            opened = try BundleSource.open(zip: data)
        case .files(let uploads):
            opened = BundleSource.Opened(files: CSVFileSet(names: Array(uploads.keys)) { name in
                try CSVFileReader.read(data: uploads[name] ?? Data(), fileName: name)
            }, scratch: nil)
        }
        defer { opened.close() }
        switch format {
        case .oneRoster:
            return OneRosterReader.read(files: opened.files)
        case .belongCSV:
            var tables: [String: CSVTable] = [:]
            for name in opened.files.names { tables[name] = try opened.files.load(name) }
            return PlainCSVReader.read(files: tables, existing: existing)
        }
    }

    private func record(_ report: ImportReport, actor: UserAdministration.Actor, label: String, district: UUID?) async throws {
        let counts = ImportReport.tableOrder.compactMap { table in
            report.counts[table.rawValue].map { "\(table.rawValue) +\($0.added) ~\($0.updated) -\($0.deactivated)" }
        }.joined(separator: ", ")
        let mode = report.dryRun ? "preview" : report.applied ? (report.validRowsOnly ? "valid rows only" : "applied") : "refused"
        try await audit.record(
            report.applied || report.dryRun ? .rosterImported : .rosterImportRefused, by: actor, about: .rosterImport(file: label), in: district,
            detail: "\(report.format), \(mode): \(counts.isEmpty ? "no rows" : counts); \(report.errors.count) errors, \(report.warnings.count) warnings"
        )
    }
}
