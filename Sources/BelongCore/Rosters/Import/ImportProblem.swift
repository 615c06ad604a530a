/// Something wrong (an error: the row cannot be imported) or odd (a warning: it can, but read this)
/// in an uploaded roster, placed as precisely as a person needs to find and fix it.
public struct ImportProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var file: String
    /// The line in the file (1 is the header); nil for a problem with the whole file.
    public var line: Int?
    public var column: String?
    public var value: String?
    public var reason: String

    public init(_ severity: Severity, file: String, line: Int? = nil, column: String? = nil, value: String? = nil, reason: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }

    public static func error(_ file: String, line: Int? = nil, column: String? = nil, value: String? = nil, _ reason: String) -> ImportProblem {
        ImportProblem(.error, file: file, line: line, column: column, value: value, reason: reason)
    }

    public static func warning(_ file: String, line: Int? = nil, column: String? = nil, value: String? = nil, _ reason: String) -> ImportProblem {
        ImportProblem(.warning, file: file, line: line, column: column, value: value, reason: reason)
    }

    /// "users.csv line 4, column grades, value '13': not a grade"
    public var description: String {
        var place = file
        if let line { place += " line \(line)" }
        if let column { place += ", column \(column)" }
        if let value { place += ", value '\(value)'" }
        return "\(place): \(reason)"
    }
}
