import Foundation
import Hummingbird
import Logging
import Prometheus

/// Endpoints for whoever runs the server: health for load balancers, metrics for Prometheus.
struct OperationsController {
    let database: Database
    let writer: ResponseWriter
    let registry: PrometheusCollectorRegistry
    let startedAt: Date
    let metricsToken: String?
    let freeDisk: Gauge

    /// Below this much free space beside an SQLite file, /healthz fails: submissions would soon fail too.
    let lowDiskBytes: UInt64
    /// For each of the read and the write probe.
    let deadline: Duration

    struct Health: Codable, Sendable {
        let status: String
        let database: String
        let version: String
        let uptimeSeconds: Int
    }


    @Sendable func health(request: Request, context: BelongRequestContext) async throws -> Response {
        var healthy = true, state = "reachable"
        do {
            try await withDeadline(deadline) { try await database.ping() }
            // Reads alone say too little: a full disk or a stuck writer still answers them.
            try await withDeadline(deadline) { try await database.probeWrite() }
            if await writer.isStalled() {
                healthy = false
                state = "reachable, but submissions have not committed for \(database.requestDeadline.components.seconds) s"
            }
        } catch {
            healthy = false
            state = "unreachable or not writable"
            context.logger.warning("health check: database unreachable or not writable", metadata: ["error": "\(Database.describe(error))"])
        }
        if let free = database.freeDiskBytes {
            freeDisk.set(Double(free))
            if free < lowDiskBytes {
                healthy = false
                state = "disk nearly full (\(free / 1_048_576) MB free)"
            }
        }
        let body = Health(
            status: healthy ? "ok" : "unavailable",
            database: database.dialect.rawValue + " " + state,
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

    /// Metrics show submissions and failed sign-ins as they happen: this machine may read them (a request from
    /// loopback that no proxy forwarded), and so may whoever holds `BELONG_METRICS_TOKEN`.
    static func mayReadMetrics(_ request: Request, peer: String?, token: String?) -> Bool {
        if let token, let given = request.headers[.authorization], given.hasPrefix("Bearer ") {
            return Tokens.constantTimeEqual(String(given.dropFirst("Bearer ".count)), token)
        }
        let forwarded = ["X-Forwarded-For", "Forwarded", "X-Real-IP"].contains { request.headers[HTTPFields.Element.Name($0)!] != nil }
        guard let peer, !forwarded else { return false }
        return peer == "::1" || peer.hasPrefix("127.") || peer.hasPrefix("::ffff:127.")
    }

    @Sendable func metrics(request: Request, context: BelongRequestContext) async throws -> Response {
        guard Self.mayReadMetrics(request, peer: context.peerAddress, token: metricsToken) else {
            return Response(
                status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store", .wwwAuthenticate: "Bearer"],
                body: .init(byteBuffer: ByteBuffer(string: "Metrics are served to this machine only, or with the token set in BELONG_METRICS_TOKEN.\n"))
            )
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
        )
    }
}
