import BelongCore
import CSV
import Foundation

/// Reads a CSV file a record at a time (CSV.swift over an InputStream): quoted fields with commas,
/// quotes and line breaks, CRLF, a UTF-8 byte-order mark. Keeps the line each record starts on, so a
/// problem can be placed exactly even after a field that spans lines.
enum CSVFileReader {
    enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case malformed(file: String, line: Int)
        case unclosedQuote(file: String, line: Int)
        case tooManyRecords(file: String, limit: Int)

        var description: String {
            switch self {
            case .unreadable(let file): "\(file) could not be opened"
            case .malformed(let file, let line): "\(file) could not be read as UTF-8 CSV near line \(line)"
            case .unclosedQuote(let file, let line): "\(file) line \(line): a quoted field is never closed, so the rest of the file would be one value"
            case .tooManyRecords(let file, let limit):
                "\(file) has more than \(limit.formatted()) rows, more than any district's roster; it was not read"
            }
        }
    }

    static func read(url: URL, fileName: String) throws -> CSVTable {
        guard let stream = InputStream(url: url) else { throw Failure.unreadable(fileName) }
        return try read(stream: stream, fileName: fileName)
    }

    static func read(data: Data, fileName: String) throws -> CSVTable {
        try read(stream: InputStream(data: data), fileName: fileName)
    }

    /// More rows than a file of a real roster holds (a district of 300,000 students, eight classes each).
    static let maxRecords = 3_000_000
    /// Rows read between two reports to the import's meter.
    static let progressStep = 1_000

    static func read(stream: InputStream, fileName: String, maxRecords: Int = maxRecords) throws -> CSVTable {
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: false)
        } catch {
            throw Failure.unreadable(fileName)
        }
        guard let header = reader.next() else {
            if isFailure(reader.error) { throw Failure.malformed(file: fileName, line: 1) }
            return CSVTable(fileName: fileName, header: [], records: [])
        }
        var line = 1 + header.reduce(0) { $0 + newlines(in: $1) } + 1
        var records: [CSVTable.Record] = []
        let meter = ImportMeter.current
        defer { meter?.update { $0.rowsRead += records.count % progressStep } }
        while let values = reader.next() {
            // A blank line (a trailing newline, a gap) is not a record.
            let lineBreaks = values.reduce(0) { $0 + newlines(in: $1) }
            if !(values.count == 1 && values[0].isEmpty) {
                guard records.count < maxRecords else { throw Failure.tooManyRecords(file: fileName, limit: maxRecords) }
                records.append(.init(line: line, values: values))
                if records.count % progressStep == 0 { meter?.update { $0.rowsRead += progressStep } }
            }
            line += 1 + lineBreaks
        }
        if isFailure(reader.error) { throw Failure.malformed(file: fileName, line: line) }
        // CSV.swift reads an unclosed quote to the end of the file as one field; catch that here.
        if let last = records.last, last.values.count < header.count, last.values.contains(where: { $0.contains("\n") }) {
            throw Failure.unclosedQuote(file: fileName, line: last.line)
        }
        return CSVTable(fileName: fileName, header: header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, records: records)
    }

    /// On Linux, InputStream reports more bytes at the end of a file; CSV.swift then records a read
    /// failure that only means "end of file".
    private static func isFailure(_ error: (any Error)?) -> Bool {
        guard let error else { return false }
        if let csv = error as? CSVError, case .cannotReadFile = csv { return false }
        return true
    }

    private static func newlines(in field: String) -> Int {
        var count = 0
        for scalar in field.unicodeScalars where scalar == "\n" { count += 1 }
        // A lone CR (old Mac line ends) inside a field also starts a line.
        if count == 0 { for scalar in field.unicodeScalars where scalar == "\r" { count += 1 } }
        return count
    }
}
