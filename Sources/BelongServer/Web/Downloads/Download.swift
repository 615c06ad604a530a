import Foundation
import Hummingbird

/// A file the browser saves rather than shows: the one way Belong answers with a download.
enum Download {
    /// A CSV file. `sensitive` files (figures, codes, the log) are never kept by a cache; a blank template may be.
    static func csv(_ text: String, named fileName: String, sensitive: Bool = true) -> Response {
        file(ByteBuffer(string: text), type: "text/csv; charset=utf-8", named: fileName, sensitive: sensitive)
    }

    static func csv(_ buffer: ByteBuffer, named fileName: String) -> Response {
        file(buffer, type: "text/csv; charset=utf-8", named: fileName, sensitive: true)
    }

    static func json(_ data: Data, named fileName: String, sensitive: Bool = true) -> Response {
        file(ByteBuffer(data: data), type: "application/json; charset=utf-8", named: fileName, sensitive: sensitive)
    }

    private static func file(_ body: ByteBuffer, type: String, named fileName: String, sensitive: Bool) -> Response {
        // The name sits inside quotes in a header: no quote, backslash or control character may end it early.
        let safe = String(fileName.unicodeScalars.filter { $0 != "\"" && $0 != "\\" && !$0.properties.generalCategory.isControl }.map(Character.init))
        var headers: HTTPFields = [.contentType: type, .contentDisposition: "attachment; filename=\"\(safe)\""]
        if sensitive { headers[.cacheControl] = "no-store" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

private extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format || self == .lineSeparator || self == .paragraphSeparator }
}
