import ArgumentParser
import BelongCore
import BelongServer
import Foundation

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Read the audit log.", subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write audit events as CSV (to standard output, or --output).",
            discussion: "The export itself is recorded in the audit log."
        )

        @OptionGroup var database: DatabaseOption
        @Option(help: "Only events on or after this day (YYYY-MM-DD) or moment (ISO 8601).") var since: String?
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            try await reportingErrors {
                var filter = AuditStore.Filter()
                if let since {
                    guard let date = AuditCSV.parseMoment(since) else {
                        throw ValidationError("--since '\(since)' is not a date: use YYYY-MM-DD or an ISO 8601 moment.")
                    }
                    filter.since = date
                }
                let configuration = try BelongConfiguration.from(database)
                try await withDatabase(configuration) { db in
                    let handle: FileHandle
                    if let output {
                        guard FileManager.default.createFile(atPath: output, contents: nil) , let file = FileHandle(forWritingAtPath: output) else {
                            throw ValidationError("Cannot write to \(output).")
                        }
                        handle = file
                    } else {
                        handle = .standardOutput
                    }
                    let count = try await AuditCSV.export(from: AuditStore(database: db), filter: filter, actor: .commandLine) { line in
                        handle.write(Data(line.utf8))
                    }
                    if output != nil {
                        try handle.close()
                        FileHandle.standardError.write(Data("Wrote \(count) events to \(output!).\n".utf8))
                    }
                }
            }
        }
    }
}
