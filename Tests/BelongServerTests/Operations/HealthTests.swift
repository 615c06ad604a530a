import Foundation
import Hummingbird
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

    @Test("with the database gone, pages and the API answer 503 with Retry-After and a message, and /healthz fails")
    func unavailableAnswers() async throws {
        try await TestApp.run { client, database in
            let survey = try await SurveyFixture.make(on: database)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok, "reads and the write probe work")
            try await database.close()
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .serviceUnavailable)
            let api = try await client.execute(uri: "/api/v1/respond/\(survey.codes[0])", method: .post, headers: [.contentType: "application/json"],
                                               body: ByteBuffer(string: #"{"language": "en", "answers": {"choices": {"safe-1": 4}}}"#))
            #expect(api.status == .serviceUnavailable)
            #expect(api.headers[.retryAfter] == "30")
            #expect(api.text.contains("Your answers are not lost"))
            let page = try await client.execute(uri: "/s/\(survey.codes[0])?lang=fr", method: .get)
            #expect(page.status == .serviceUnavailable)
            #expect(page.text.contains("Vos réponses ne sont pas perdues"))
        }
    }

    @Test("/metrics counts requests by route pattern and status, in Prometheus text format")
    func metrics() async throws {
        let token = "metrics-token-0123456789abcdef"
        try await TestApp.run(configure: { $0.metricsToken = token }) { client, _ in
            _ = try await client.execute(uri: "/", method: .get)
            _ = try await client.execute(uri: "/", method: .get)
            _ = try await client.execute(uri: "/no-such-page", method: .get)
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
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

    @Test("/metrics answers this machine, or the metrics token; not a proxied request, a wrong token or another address")
    func metricsReaders() async throws {
        let token = "metrics-token-0123456789abcdef"
        try await TestApp.run(configure: { $0.metricsToken = token }) { client, _ in
            // The in-process client has no network address: it is not this machine.
            for headers: HTTPFields in [[:], [.authorization: "Bearer wrong-token-0123456789abcdef"], [.authorization: "Bearer "]] {
                let response = try await client.execute(uri: "/metrics", method: .get, headers: headers)
                #expect(response.status == .forbidden, "\(headers)")
                #expect(!response.text.contains("belong_http_requests_total"))
            }
        }
        // Over a real socket from 127.0.0.1, with no token set.
        try await TestDatabase.withEmpty { database in
            let app = try await buildApplication(configuration: TestApp.configuration(), database: database, logger: TestDatabase.logger)
            try await app.test(.live) { client in
                #expect(try await client.execute(uri: "/metrics", method: .get).status == .ok, "loopback reads metrics")
                for forwarded in ["X-Forwarded-For", "Forwarded", "X-Real-IP"] {
                    let proxied = try await client.execute(uri: "/metrics", method: .get, headers: [HTTPFields.Element.Name(forwarded)!: "203.0.113.9"])
                    #expect(proxied.status == .forbidden, "a proxy on this machine forwarding the world is not this machine (\(forwarded))")
                }
            }
        }
    }

    @Test("behind TLS, pages say Strict-Transport-Security and the language cookie is Secure; over plain HTTP neither")
    func transportSecurity() async throws {
        try await TestApp.run { client, _ in
            let plain = try await client.execute(uri: "/?lang=fr", method: .get)
            #expect(plain.headers[HTTPFields.Element.Name("Strict-Transport-Security")!] == nil)
            #expect(plain.headers[values: .setCookie].contains { $0.hasPrefix("belong_lang=fr") && !$0.contains("Secure") })
            let tls = try await client.execute(uri: "/?lang=fr", method: .get, headers: [HTTPFields.Element.Name("X-Forwarded-Proto")!: "https"])
            #expect(tls.headers[HTTPFields.Element.Name("Strict-Transport-Security")!] == "max-age=31536000")
            let language = tls.headers[values: .setCookie].first { $0.hasPrefix("belong_lang=fr") }
            #expect(language?.contains("Secure") == true && language?.contains("HttpOnly") == true, "\(language ?? "no cookie")")
        }
    }
}
