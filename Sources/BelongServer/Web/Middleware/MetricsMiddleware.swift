import Foundation
import Hummingbird
import Prometheus

/// Counts requests and records their latency by method, route pattern and status, in the registry
/// that `/metrics` publishes. Routes are patterns (`/people/{id}`), never raw paths, so ids never reach a label.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry

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
        let route = route ?? (status == 404 ? "unmatched" : "static")
        let method = request.method.rawValue
        registry.makeCounter(
            descriptor: .init(namespace: "belong", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered"),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "belong", metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer an HTTP request"),
            labels: [("method", method), ("route", route)],
            buckets: Self.latencyBuckets
        ).record(ContinuousClock.now - start)
    }
}
