import BelongCore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import BelongServer

/// A browser for in-process tests: keeps cookies between requests and sends forms with the page's token.
final class TestBrowser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// The form token from the last page that carried one.
    private(set) var formToken: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String

        var location: String? { headers[.location] }
    }

    @discardableResult
    func get(_ path: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(path, method: .get, headers: headers, body: nil)
    }

    /// Posts an urlencoded form, adding the form token unless `token` says otherwise.
    @discardableResult
    func post(_ path: String, form: [(String, String)], token: String?? = .none, headers: HTTPFields = [:]) async throws -> Page {
        var fields = form
        let chosen: String? = switch token {
        case .none: formToken
        case .some(let explicit): explicit
        }
        if let chosen { fields.append((FormProtectionMiddleware.fieldName, chosen)) }
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = headers
        if !cookies.isEmpty, headers[.cookie] == nil {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            if value.contains("Max-Age=0") || parts[1].isEmpty { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
        }
        let text = String(buffer: response.body)
        if let token = Self.hiddenValue(named: FormProtectionMiddleware.fieldName, in: text) { formToken = token }
        return Page(status: response.status, headers: response.headers, text: text)
    }

    /// Signs in through the real form; returns the page the sign-in redirected to.
    @discardableResult
    func signIn(_ email: String, _ password: String) async throws -> Page {
        try await get("/signin")
        let result = try await post("/signin", form: [("email", email), ("password", password)])
        return result
    }

    static func hiddenValue(named name: String, in html: String) -> String? {
        guard let range = html.range(of: #"name="\#(name)" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.~"))) ?? text
    }
}
