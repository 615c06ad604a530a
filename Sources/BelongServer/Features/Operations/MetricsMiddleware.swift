import Foundation
import Hummingbird
import Prometheus
import NIOConcurrencyHelpers

/// Counts requests and records their latency by method, route pattern and status, in the registry
/// that `/metrics` publishes. Routes are patterns (`/people/{id}`), never raw paths, so ids never reach a label.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry
    /// The registry names and finds a metric by building its full name and comparing label lists on every
    /// call; the few (method, route, status) combinations a server sees are kept here after the first.
    private let known = NIOLockedValueBox<[Key: (requests: Counter, duration: DurationHistogram)]>([:])

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    private struct Key: Hashable {
        let method: String, route: String, status: Int
    }

    static var latencyBuckets: [Duration] {
        [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
         .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10)]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request: request, route: context.endpointPath, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request: request, route: context.endpointPath, status: status, since: start)
            throw error
        }
    }

    private func record(request: Request, route: String?, status: Int, since start: ContinuousClock.Instant) {
        let key = Key(method: request.method.rawValue, route: route ?? (status == 404 ? "unmatched" : "static"), status: status)
        let metrics = known.withLockedValue { $0[key] } ?? make(key)
        metrics.requests.increment()
        metrics.duration.record(ContinuousClock.now - start)
    }

    private func make(_ key: Key) -> (requests: Counter, duration: DurationHistogram) {
        let metrics = (
            requests: registry.makeCounter(
                descriptor: .init(namespace: "belong", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered"),
                labels: [("method", key.method), ("route", key.route), ("status", String(key.status))]
            ),
            duration: registry.makeDurationHistogram(
                descriptor: .init(namespace: "belong", metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer an HTTP request"),
                labels: [("method", key.method), ("route", key.route)],
                buckets: Self.latencyBuckets
            )
        )
        known.withLockedValue { $0[key] = metrics }
        return metrics
    }
}
