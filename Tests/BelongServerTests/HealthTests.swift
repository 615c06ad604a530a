import Foundation
import HummingbirdTesting
import Testing
@testable import BelongServer

@Suite("Health and metrics")
struct HealthTests {
    struct Health: Decodable {
        let status: String
        let database: String
        let version: String
    }

    @Test("/healthz answers 200 with JSON while the database is reachable")
    func healthy() async throws {
        try await TestApp.run { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let health = try JSONDecoder().decode(Health.self, from: response.body)
                #expect(health.status == "ok")
                #expect(health.database.contains(TestDatabase.kind))
                #expect(health.version == BelongVersion.current)
            }
        }
    }

    @Test("/healthz answers 503 once the database is gone")
    func databaseGone() async throws {
        try await TestApp.run { client, database in
            try await database.close()
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let health = try JSONDecoder().decode(Health.self, from: response.body)
                #expect(health.status == "unavailable")
            }
        }
    }

    @Test("/metrics counts requests by route pattern and status, in Prometheus text format")
    func metrics() async throws {
        try await TestApp.run { client, _ in
            _ = try await client.execute(uri: "/", method: .get)
            _ = try await client.execute(uri: "/", method: .get)
            _ = try await client.execute(uri: "/no-such-page", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let text = response.text
                #expect(text.contains(#"belong_http_requests_total{method="GET",route="/",status="200"} 2"#))
                #expect(text.contains(#"status="404""#))
                #expect(text.contains("belong_http_request_duration_seconds_bucket"))
                #expect(!text.contains("no-such-page"), "raw paths never become labels")
            }
        }
    }
}
