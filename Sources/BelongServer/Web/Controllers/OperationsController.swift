import Foundation
import Hummingbird
import Logging
import Prometheus

/// Endpoints for whoever runs the server: health for load balancers, metrics for Prometheus.
struct OperationsController {
    let database: Database
    let registry: PrometheusCollectorRegistry
    let startedAt: Date

    struct Health: Codable, Sendable {
        let status: String
        let database: String
        let version: String
        let uptimeSeconds: Int
    }

    func addRoutes(to router: Router<BelongRequestContext>) {
        router.get(SiteURL.healthz.route, use: health)
        router.get(SiteURL.metrics.route, use: metrics)
    }

    @Sendable func health(request: Request, context: BelongRequestContext) async throws -> Response {
        var healthy = true
        do {
            try await withTimeout(.seconds(3)) { try await database.ping() }
        } catch {
            healthy = false
            context.logger.warning("health check: database unreachable", metadata: ["error": "\(error)"])
        }
        let body = Health(
            status: healthy ? "ok" : "unavailable",
            database: healthy ? database.dialect.rawValue + " reachable" : database.dialect.rawValue + " unreachable",
            version: BelongVersion.current,
            uptimeSeconds: Int(Date().timeIntervalSince(startedAt))
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(
            status: healthy ? .ok : .serviceUnavailable,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body)))
        )
    }

    @Sendable func metrics(request: Request, context: BelongRequestContext) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
        )
    }
}

struct TimeoutError: Error, CustomStringConvertible {
    var description: String { "timed out" }
}

/// Runs `work`, giving up after `limit`: a database that hangs must not hang the health check.
func withTimeout<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
