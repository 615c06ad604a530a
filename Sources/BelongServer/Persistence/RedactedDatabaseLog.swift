import Logging

/// What the database drivers log, with every value they were given taken out. At debug and trace the drivers
/// log each statement with its bound values and, for PostgreSQL, the rows and messages on the wire: a draft's
/// answers beside the hash of its code, or a sign-in email. Only the statement text (placeholders, never
/// values), a file path, a connection number and an error stay; every other metadata value is withheld.
struct RedactedDatabaseLog: LogHandler {
    private var wrapped: any LogHandler
    var metadata: Logger.Metadata = [:]

    /// Metadata whose values are not data: Belong binds every value, so `sql` holds only placeholders.
    static let kept: Set<String> = ["sql", "path", "psql_connection_id", "error", "error.type"]

    init(wrapping handler: any LogHandler) {
        wrapped = handler
    }

    /// The same logger, every record of it redacted.
    static func logger(from logger: Logger) -> Logger {
        if logger.handler is RedactedDatabaseLog { return logger }
        let handler = RedactedDatabaseLog(wrapping: logger.handler)
        var redacted = Logger(label: logger.label) { _ in handler }
        redacted.logLevel = logger.logLevel
        return redacted
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        event.metadata = all.isEmpty ? nil : Self.redact(all)
        wrapped.log(event: event)
    }

    static func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.reduce(into: [:]) { result, entry in
            switch entry.value {
            case _ where kept.contains(entry.key): result[entry.key] = entry.value
            case .array(let values): result[entry.key] = "[\(values.count) withheld]"
            default: result[entry.key] = "[withheld]"
            }
        }
    }
}
