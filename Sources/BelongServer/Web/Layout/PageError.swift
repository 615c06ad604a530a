import Hummingbird

/// An error a person reads, in their language: `ErrorPageMiddleware` words it from the catalogs, so no
/// message shown as page text is English-only.
struct PageError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let key: String
    var arguments: [String: String] = [:]

    init(_ status: HTTPResponse.Status, _ key: String, _ arguments: [String: String] = [:]) {
        self.status = status
        self.key = key
        self.arguments = arguments
    }

    /// Only reached outside the error pages' middleware; the status alone then.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status)
    }
}
