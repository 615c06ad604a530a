import Foundation

/// How far a roster import has got: what the import page and `belong import` show while a large
/// district's files are read, checked and written.
public struct ImportProgress: Sendable, Codable, Equatable {
    public enum Stage: String, Sendable, Codable {
        case reading, checking, writing, finished
    }

    public var stage: Stage = .reading
    /// The file being read.
    public var file: String?
    public var filesDone = 0
    public var filesTotal = 0
    public var rowsRead = 0

    public init() {}

    /// One line for the command line: "users.csv: 120,000 rows read · 3 of 9 files done".
    public var line: String {
        let rows = "\(rowsRead.formatted()) rows read"
        let files = "\(filesDone) of \(filesTotal) files done"
        switch stage {
        case .reading: return "\(file.map { "\($0): " } ?? "")\(rows) · \(files)"
        case .checking: return "checking \(rowsRead.formatted()) rows from \(filesDone) files"
        case .writing: return "writing the changes (\(rowsRead.formatted()) rows read)"
        case .finished: return "done: \(rowsRead.formatted()) rows from \(filesDone) files"
        }
    }
}

/// Collects an import's progress from the step running it, for other tasks to read. The importer
/// sets `current` around its work, so the CSV reader reports rows without being handed anything.
public final class ImportMeter: @unchecked Sendable {
    @TaskLocal public static var current: ImportMeter?

    private let lock = NSLock()
    private var value = ImportProgress()

    public init() {}

    public var progress: ImportProgress { lock.withLock { value } }

    public func update(_ change: (inout ImportProgress) -> Void) {
        lock.withLock { change(&value) }
    }
}
