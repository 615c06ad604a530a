import Foundation

/// Where Belong keeps its data: an SQLite file (the embedded default), a private in-memory SQLite
/// database (tests), or a PostgreSQL server given by URL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    public static let defaultFile = DatabaseLocation.sqliteFile(path: "belong.sqlite")

    /// Reads what a person writes after `--database` or in `DATABASE_URL`.
    public init(parsing text: String) throws {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw ConfigurationError.invalid(setting: "database", value: text, reason: "it is empty") }
        let lowered = value.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            guard let url = URL(string: value), url.host?.isEmpty == false else {
                throw ConfigurationError.invalid(
                    setting: "database", value: DatabaseLocation.redacted(value),
                    reason: "a PostgreSQL URL looks like postgres://user:password@host:5432/database"
                )
            }
            self = .postgres(url: value)
        } else if value == ":memory:" || lowered == "sqlite::memory:" {
            self = .sqliteMemory
        } else if lowered.hasPrefix("sqlite://") {
            self = .sqliteFile(path: String(value.dropFirst("sqlite://".count)))
        } else if lowered.hasPrefix("sqlite:") {
            self = .sqliteFile(path: String(value.dropFirst("sqlite:".count)))
        } else if let scheme = lowered.range(of: "://").map({ String(lowered[..<$0.lowerBound]) }) {
            throw ConfigurationError.invalid(
                setting: "database", value: DatabaseLocation.redacted(value),
                reason: "'\(scheme)' databases are not supported; use a SQLite file path or a postgres:// URL"
            )
        } else {
            self = .sqliteFile(path: value)
        }
    }

    public var kindName: String {
        switch self {
        case .sqliteFile, .sqliteMemory: "sqlite"
        case .postgres: "postgresql"
        }
    }

    /// Safe to print or log: a PostgreSQL password is replaced by asterisks.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "SQLite file \(path)"
        case .sqliteMemory: "SQLite in memory"
        case .postgres(let url): "PostgreSQL \(DatabaseLocation.redacted(url))"
        }
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "****"
        return components.string ?? url
    }
}
