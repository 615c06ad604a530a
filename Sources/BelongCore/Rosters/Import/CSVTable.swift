import Foundation

/// One CSV file as read: its header and its records, each with the line it starts on.
public struct CSVTable: Sendable {
    public struct Record: Sendable {
        public let line: Int
        public let values: [String]

        public init(line: Int, values: [String]) {
            self.line = line
            self.values = values
        }
    }

    public let fileName: String
    public let header: [String]
    public var records: [Record]

    public init(fileName: String, header: [String], records: [Record]) {
        self.fileName = fileName
        self.header = header
        self.records = records
    }
}

/// Finds columns by name, whatever their order and case; knows the spellings vendors use instead of
/// the specification's, and says when it used one.
public struct Columns: Sendable {
    private var index: [String: Int] = [:]
    public private(set) var problems: [ImportProblem] = []
    let fileName: String

    /// - Parameters:
    ///   - aliases: another spelling → the specification's name, e.g. "prefferedGivenName" → "preferredGivenName".
    ///   - known: every column the specification names for this file; others are reported once as ignored.
    public init(_ table: CSVTable, required: [String], known: [String], aliases: [String: String] = [:]) {
        fileName = table.fileName
        let canonical = Dictionary(uniqueKeysWithValues: known.map { ($0.lowercased(), $0) })
        let aliasTable = Dictionary(uniqueKeysWithValues: aliases.map { ($0.key.lowercased(), $0.value) })
        var ignored: [String] = []
        var emptyHeaders = 0
        for (position, raw) in table.header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                emptyHeaders += 1
                continue
            }
            if let spec = canonical[name.lowercased()] {
                if index[spec] == nil { index[spec] = position }
            } else if let spec = aliasTable[name.lowercased()] {
                if index[spec] == nil {
                    index[spec] = position
                    problems.append(.warning(fileName, line: 1, column: name, "read as '\(spec)', the specification's name for this column"))
                }
            } else {
                ignored.append(name)
            }
        }
        if !ignored.isEmpty {
            problems.append(.warning(fileName, line: 1, "columns not in the OneRoster specification are ignored: \(ignored.joined(separator: ", "))"))
        }
        if emptyHeaders > 0 {
            problems.append(.warning(fileName, line: 1, "\(emptyHeaders) column(s) with an empty header are ignored"))
        }
        for name in required where index[name] == nil {
            problems.append(.error(fileName, line: 1, column: name, "this required column is missing"))
        }
    }

    public var isUsable: Bool { !problems.contains { $0.severity == .error } }

    public func has(_ name: String) -> Bool { index[name] != nil }

    /// The trimmed value of a column in a record; empty when the column or the cell is missing.
    public func value(_ name: String, in record: CSVTable.Record) -> String {
        guard let position = index[name], position < record.values.count else { return "" }
        return record.values[position].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func optional(_ name: String, in record: CSVTable.Record) -> String? {
        let text = value(name, in: record)
        return text.isEmpty ? nil : text
    }
}


/// The CSV files of an upload, read one at a time when asked for, so a large roster's tables are
/// not all in memory at once.
public struct CSVFileSet: Sendable {
    public let names: [String]
    private let loader: @Sendable (String) throws -> CSVTable

    public init(names: [String], loader: @escaping @Sendable (String) throws -> CSVTable) {
        self.names = names.sorted()
        self.loader = loader
    }

    /// Tables already in memory (tests, small uploads).
    public init(tables: [String: CSVTable]) {
        self.init(names: Array(tables.keys)) { name in
            guard let table = tables[name] else { throw CocoaError(.fileNoSuchFile) }
            return table
        }
    }

    public func load(_ name: String) throws -> CSVTable {
        let meter = ImportMeter.current
        let total = names.count
        meter?.update { progress in
            progress.stage = .reading
            progress.file = name
            progress.filesTotal = max(progress.filesTotal, total)
        }
        defer { meter?.update { $0.filesDone += 1 } }
        return try loader(name)
    }
}
