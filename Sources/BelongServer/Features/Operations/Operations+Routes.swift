import Foundation

/// Health for load balancers and orchestrators; metrics for Prometheus.
enum OperationsRoutes {
    static let health = Route(.get, "/healthz", .operations, access: .everyone)
    static let metrics = Route(.get, "/metrics", .operations, access: .operators)
}

extension SiteURL {
    static var healthz: SiteURL { OperationsRoutes.health.link() }
    static var metrics: SiteURL { OperationsRoutes.metrics.link() }
}

struct OperationsFeature: Feature {
    let operations: OperationsController

    init(_ app: AppServices) {
        let configuration = app.configuration
        operations = OperationsController(
            database: app.database, writer: app.taking.writer, registry: app.registry, startedAt: app.now(), metricsToken: configuration.metricsToken,
            freeDisk: app.registry.makeGauge(name: "belong_database_disk_free_bytes"),
            lowDiskBytes: UInt64(configuration.minimumFreeDiskMegabytes) * 1_048_576, deadline: configuration.healthDeadline
        )
    }

    func register(_ routes: RouteTable) {
        routes.add(OperationsRoutes.health, use: operations.health)
        routes.add(OperationsRoutes.metrics, use: operations.metrics)
    }
}
