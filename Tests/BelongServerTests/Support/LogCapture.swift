import Foundation
import Logging
import NIOConcurrencyHelpers

/// A logger that keeps every record, at every level, so tests can search what was logged.
final class LogCapture: Sendable {
    private let records = NIOLockedValueBox<[String]>([])

    var all: [String] { records.withLockedValue { $0 } }

    func logger() -> Logger {
        var logger = Logger(label: "belong.capture") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) {
        records.withLockedValue { $0.append(line) }
    }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            let all = self.metadata.merging(explicit ?? [:]) { $1 }
            capture.append("\(level) \(message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
        }
    }
}
