import BelongCore
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Starts and stops a Belong server: opens the database, builds the application, serves until
/// interrupted, closes the database.
public enum BelongServer {
    public static func serve(
        _ configuration: BelongConfiguration, logger: Logger, announce: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    ) async throws {
        let database = try await Database.open(configuration.database, options: configuration.databaseOptions, logger: logger)
        do {
            let app = try await buildApplication(configuration: configuration, database: database, logger: logger, onServerRunning: { port in
                let host = ["0.0.0.0", "::", "127.0.0.1", "::1"].contains(configuration.hostname) ? "localhost" : configuration.hostname
                announce("Belong is running at http://\(host):\(port)/ — press Ctrl-C to stop.")
            })
            var group = ServiceGroupConfiguration(
                services: [.init(service: app), .init(service: ShutdownDeadline(logger: logger), successTerminationBehavior: .ignore)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger
            )
            // Requests in flight get this long to finish; then every connection is closed.
            group.maximumGracefulShutdownDuration = ShutdownDeadline.graceful
            try await ServiceGroup(configuration: group).run()
        } catch {
            try? await database.close()
            throw ServeError.classify(error, configuration: configuration)
        }
        try await database.close()
    }
}

/// Stopping is bounded: on SIGTERM or Ctrl-C, requests in flight get `graceful` to finish (every
/// database wait is shorter, so they do), then connections are closed; whatever still holds the process
/// after `hard` — a driver stuck on a dead connection — does not keep it: it exits, saying so.
struct ShutdownDeadline: Service {
    static let graceful: Duration = .seconds(15)
    static let hard: Duration = .seconds(20)
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        let logger = logger
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(Self.hard.components.seconds))) {
            logger.error("Belong did not stop within \(Self.hard.components.seconds) s of being asked to; exiting now.")
            exit(1)
        }
    }
}

/// A failure to start serving, worded for the person at the terminal.
public enum ServeError: Error, CustomStringConvertible {
    case portInUse(host: String, port: Int)
    case cannotListen(host: String, port: Int, reason: String)
    case other(any Error)

    static func classify(_ error: any Error, configuration: BelongConfiguration) -> any Error {
        if let io = error as? IOError {
            if io.errnoCode == EADDRINUSE {
                return ServeError.portInUse(host: configuration.hostname, port: configuration.port)
            }
            return ServeError.cannotListen(host: configuration.hostname, port: configuration.port, reason: io.description)
        }
        if String(describing: error).contains("Address already in use") {
            return ServeError.portInUse(host: configuration.hostname, port: configuration.port)
        }
        return error
    }

    public var description: String {
        switch self {
        case .portInUse(let host, let port):
            "Port \(port) on \(host) is already in use. Stop the program using it, or choose another port with --port or BELONG_PORT."
        case .cannotListen(let host, let port, let reason):
            "Cannot listen on \(host):\(port): \(reason)."
        case .other(let error):
            "\(error)"
        }
    }
}
