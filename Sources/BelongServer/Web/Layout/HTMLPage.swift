import Hummingbird
import Plot

/// A rendered page as an HTTP response.
struct HTMLPage: ResponseGenerator {
    let html: HTML
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html.render()))
        )
    }
}
