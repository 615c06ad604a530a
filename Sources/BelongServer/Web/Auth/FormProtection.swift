import Foundation
import Hummingbird
import HTTPTypes

/// Cross-site request forgery protection for every state-changing form: the form must carry a
/// token signed for this browser's session (or visitor cookie), and a browser that says the request
/// came from another site is refused outright. The JSON API uses bearer tokens and no cookies instead.
struct FormProtectionMiddleware: RouterMiddleware {
    typealias Context = BelongRequestContext
    static let fieldName = "_csrf"
    static let headerName = HTTPField.Name("X-CSRF-Token")!

    let signer: FormTokenSigner

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method), !request.uri.path.hasPrefix("/api/") else {
            return try await next(request, context)
        }
        if request.headers[.init("Sec-Fetch-Site")!] == "cross-site" {
            throw PageError(.forbidden, "error.form.crossSite")
        }
        // Survey forms have no cookie to bind a token to; the access code in the address is the secret
        // another site does not know.
        if SiteURL.isRespondent(request.uri.path) { return try await next(request, context) }
        var request = request
        let presented = try await Self.presentedToken(in: &request, context: context)
        guard let binding = context.formBinding, let presented, signer.isValid(presented, for: binding) else {
            throw PageError(.forbidden, "error.form.expired")
        }
        return try await next(request, context)
    }

    /// The token from the header, the query string (multipart uploads), or an urlencoded body (read and kept for the handler).
    static func presentedToken(in request: inout Request, context: Context) async throws -> String? {
        if let header = request.headers[headerName] { return header }
        if let query = request.uri.queryParameters.get(fieldName) { return query }
        let type = request.headers[.contentType] ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return nil }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields(body: String(buffer: body))[fieldName]
    }
}

/// An urlencoded form body, read into fields (the last value wins, except through `values`).
struct FormFields: Sendable {
    private let pairs: [(String, String)]

    init(body: String) {
        pairs = body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text) }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// Every field in the order sent.
    var all: [(String, String)] { pairs }

    subscript(name: String) -> String? {
        pairs.last { $0.0 == name }?.1
    }

    func values(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.map(\.1)
    }

    /// A value as a person typed it: trimmed, line breaks kept as spaces, no control characters.
    func plain(_ name: String) -> String { Self.plain(self[name]) }

    static func plain(_ text: String?) -> String {
        String((text ?? "").unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) })
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// A trimmed, non-empty value.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}

extension Request {
    /// The urlencoded form this request carries (already checked by `FormProtectionMiddleware`).
    mutating func form(context: BelongRequestContext) async throws -> FormFields {
        let body = try await collectBody(upTo: context.maxUploadSize)
        return FormFields(body: String(buffer: body))
    }
}
