import ArgumentParser
import BelongCore
import BelongServer
import Foundation

struct Codes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Issue access codes for a survey wave: slips to print for a class, or a CSV for a mail merge.",
        discussion: """
            Codes are made for the class's students (or the school's staff or families) who have none yet, and \
            are shown only this once: Belong keeps only a keyed hash of each. The batch is recorded in the \
            audit log.
            """
    )

    @OptionGroup var database: DatabaseOption
    @Option(help: "The survey wave's id (shown in its page's address).") var wave: String
    @Option(name: .customLong("class"), help: "A class's id: codes for its students (student waves).") var classId: String?
    @Option(help: "A school's id: codes for its staff or families (staff and family waves).") var school: String?
    @Option(help: "csv or html.") var format: String = "html"
    @Option(help: "Paper for html slips: letter or a4.") var paper: String = "letter"
    @Option(help: "The address printed on the slips. (env: BELONG_PUBLIC_URL; default: http://localhost:8080)") var address: String?
    @Option(help: "Language of the page's own text: en or fr.") var language: String = "en"
    @Option(help: "Write to this file instead of standard output.") var output: String?

    func validate() throws {
        guard UUID(uuidString: wave) != nil else { throw ValidationError("--wave '\(wave)' is not a wave id.") }
        guard (classId == nil) != (school == nil) else { throw ValidationError("Give either --class or --school.") }
        if let classId, UUID(uuidString: classId) == nil { throw ValidationError("--class '\(classId)' is not a class id.") }
        if let school, UUID(uuidString: school) == nil { throw ValidationError("--school '\(school)' is not a school id.") }
        guard CodeExport.Format(rawValue: format) != nil else { throw ValidationError("--format must be csv or html.") }
        guard ["letter", "a4"].contains(paper) else { throw ValidationError("--paper must be letter or a4.") }
        guard Language(code: language) != nil else { throw ValidationError("--language must be en or fr.") }
    }

    func run() async throws {
        try await reportingErrors {
            let configuration = try BelongConfiguration.from(database)
            try await withDatabase(configuration) { db in
                let result = try await CodeExport(database: db).issue(
                    wave: UUID(uuidString: wave)!, classId: classId.flatMap(UUID.init(uuidString:)), schoolId: school.flatMap(UUID.init(uuidString:)),
                    format: CodeExport.Format(rawValue: format)!, paper: paper,
                    address: address ?? configuration.publicURL ?? "http://localhost:\(configuration.port)",
                    language: Language(code: language)!, actor: .commandLine
                )
                if let output {
                    guard FileManager.default.createFile(atPath: output, contents: Data(result.text.utf8), attributes: [.posixPermissions: 0o600]) else {
                        throw ValidationError("Cannot write to \(output).")
                    }
                    FileHandle.standardError.write(Data("Wrote \(result.count) new codes to \(output).\n".utf8))
                } else {
                    FileHandle.standardOutput.write(Data(result.text.utf8))
                    FileHandle.standardError.write(Data("\(result.count) new codes.\n".utf8))
                }
            }
        }
    }
}
