import ArgumentParser
import BelongCore
import BelongServer
import Foundation

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a roster: a OneRoster 1.1/1.2 CSV bundle, or Belong's CSV templates.",
        discussion: """
            Nothing changes when the roster has any error, unless --valid-rows-only is given; every problem is listed
            with its file, line, column and value. Exits with status 1 when there were errors.
            """,
        subcommands: [OneRoster.self, PlainCSV.self]
    )

    struct Options: ParsableArguments {
        @OptionGroup var database: DatabaseOption
        @Flag(help: "Check and report; change nothing.") var dryRun = false
        @Flag(help: "Import the rows without errors, leaving out the others and the rows that depend on them.") var validRowsOnly = false
        @Option(help: "District that schools without one in the roster join (name, roster id or id; default: the only district).") var district: String?
    }

    struct OneRoster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "oneroster", abstract: "Import a OneRoster CSV bundle (a folder or a zip).")

        @OptionGroup var options: Options
        @Argument(help: "The bundle: a folder of CSV files, or a zip.") var path: String

        func run() async throws {
            try await runImport(.path(path), format: .oneRoster, options: options, label: path)
        }
    }

    struct PlainCSV: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Import Belong's CSV templates: schools.csv, students.csv, staff.csv, families.csv.",
            discussion: "Give a folder holding them, or the files themselves. Print the templates with `belong import templates`."
        )

        @OptionGroup var options: Options
        @Argument(help: "A folder of templates, or template files.") var paths: [String]

        func run() async throws {
            var files: [String: Data] = [:]
            for path in paths {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    for name in try FileManager.default.contentsOfDirectory(atPath: path) where name.lowercased().hasSuffix(".csv") {
                        files[name] = try Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent(name))
                    }
                } else if let data = FileManager.default.contents(atPath: path) {
                    files[(path as NSString).lastPathComponent] = data
                } else {
                    throw ValidationError("\(path) does not exist.")
                }
            }
            try await runImport(.files(files), format: .belongCSV, options: options, label: paths.joined(separator: " "))
        }
    }
}

func runImport(_ source: RosterImporter.Source, format: RosterImporter.Format, options: Import.Options, label: String) async throws {
    try await reportingErrors {
        let configuration = try BelongConfiguration.from(options.database)
        var failed = false
        try await withDatabase(configuration) { db in
            let administration = UserAdministration(database: db, hasher: PasswordHasher())
            let district = try? await administration.place(for: .districtAdministrator, at: options.district)
            if options.district != nil, district == nil {
                throw ValidationError("No district matches '\(options.district!)'.")
            }
            let meter = ImportMeter()
            // Progress goes to standard error once a second while it changes, so the report on standard output stays clean.
            let ticker = Task {
                var last = ""
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    let line = meter.progress.line
                    if line != last, meter.progress.stage != .finished {
                        FileHandle.standardError.write(Data("\(line)\n".utf8))
                        last = line
                    }
                }
            }
            defer { ticker.cancel() }
            let report = try await RosterImporter(database: db).run(
                source, format: format, options: .init(dryRun: options.dryRun, validRowsOnly: options.validRowsOnly),
                homeDistrict: district?.id, actor: .commandLine, label: label, meter: meter
            )
            ticker.cancel()
            meter.update { $0.stage = .finished }
            FileHandle.standardError.write(Data("\(meter.progress.line)\n".utf8))
            say(report.summary)
            failed = !report.errors.isEmpty
        }
        if failed { throw ExitCode.failure }
    }
}
