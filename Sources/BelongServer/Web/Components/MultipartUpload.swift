import Foundation
import Hummingbird
import MultipartKit

/// A multipart/form-data upload, read as it streams in: small fields as text, files as data, and a
/// clear 413 once the body passes `limit` instead of reading on.
struct MultipartUpload {
    struct File {
        let field: String
        let fileName: String
        var data: Data
    }

    var fields: [String: String] = [:]
    /// Every value of every field in the order sent: checkboxes of one name send several.
    var allFields: [(String, String)] = []
    var files: [File] = []

    func values(_ name: String) -> [String] { allFields.filter { $0.0 == name }.map(\.1) }

    enum Failure: Error {
        case notMultipart
        case malformed
    }

    static func read(_ request: Request, limit: Int) async throws -> MultipartUpload {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = Self.boundary(in: type) else { throw Failure.notMultipart }
        let parser = MultipartParser(boundary: boundary)
        let collector = Collector()
        parser.onHeader = { name, value in collector.header(name, value) }
        parser.onBody = { buffer in collector.body(&buffer) }
        parser.onPartComplete = { collector.complete() }
        var received = 0
        for try await chunk in request.body {
            received += chunk.readableBytes
            guard received <= limit else {
                throw PageError(.contentTooLarge, "error.upload.tooLarge", ["megabytes": String(limit / 1_048_576)])
            }
            do { try parser.execute(chunk) } catch { throw Failure.malformed }
        }
        return collector.upload
    }

    static func boundary(in contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            if pair.lowercased().hasPrefix("boundary=") {
                let value = pair.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// Gathers the parser's callbacks into parts.
    final class Collector {
        var upload = MultipartUpload()
        var name: String?
        var fileName: String?
        var data = Data()

        func header(_ name: String, _ value: String) {
            guard name.lowercased() == "content-disposition" else { return }
            for item in value.split(separator: ";") {
                let pair = item.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix("name=") { self.name = Self.unquote(pair.dropFirst(5)) }
                if pair.hasPrefix("filename=") { fileName = Self.unquote(pair.dropFirst(9)) }
            }
        }

        func body(_ buffer: inout ByteBuffer) {
            if let bytes = buffer.readBytes(length: buffer.readableBytes) { data.append(contentsOf: bytes) }
        }

        func complete() {
            if let name {
                if let fileName {
                    if !fileName.isEmpty || !data.isEmpty {
                        // Browsers send a path on some systems; only the last part names the file.
                        let base = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? fileName
                        upload.files.append(File(field: name, fileName: base, data: data))
                    }
                } else {
                    upload.fields[name] = String(decoding: data, as: UTF8.self)
                    upload.allFields.append((name, String(decoding: data, as: UTF8.self)))
                }
            }
            name = nil
            fileName = nil
            data = Data()
        }

        static func unquote(_ text: Substring) -> String {
            text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }
}
