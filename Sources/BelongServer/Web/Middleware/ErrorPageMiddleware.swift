import BelongCore
import Foundation
import Hummingbird
import Logging

/// Turns anything a handler throws into a page in the site's frame and language (or JSON for API
/// clients). A server error is logged with a reference the page shows; its details never reach the browser.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = BelongRequestContext
    let kit: PageKit

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as RedirectError {
            return try redirect.response(from: request, context: context)
        } catch let page as ProblemPage {
            return page.response
        } catch let error as PageError {
            return try render(status: error.status, message: kit.t(context)(error.key, error.arguments), reference: nil, request: request, context: context)
        } catch {
            let status: HTTPResponse.Status
            var message: String?
            var extraHeaders: HTTPFields = [:]
            if let httpError = error as? HTTPError {
                status = httpError.status
                message = httpError.body
                extraHeaders = httpError.headers
            } else if let responseError = error as? any HTTPResponseError {
                status = responseError.status
            } else if Database.isUnavailable(error) {
                // The database is down, restarting or full: say so and when to try again, not "something went wrong".
                status = .serviceUnavailable
                extraHeaders[.retryAfter] = "30"
            } else {
                status = .internalServerError
            }
            let reference = status.code >= 500 ? context.id : nil
            if status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(SiteURL.redacted(request.uri.path))"])
                message = nil
            }
            var response = try render(status: status, message: message, reference: reference, request: request, context: context)
            for field in extraHeaders where field.name != .contentType && field.name != .contentLength {
                response.headers.append(field)
            }
            return response
        }
    }

    private func render(status: HTTPResponse.Status, message: String?, reference: String?, request: Request, context: Context) throws -> Response {
        if Self.wantsJSON(request) {
            let unavailable = status == .serviceUnavailable && message == nil
            let problem = API.Problem(status: status.code, error: status.reasonPhrase,
                                      message: unavailable ? kit.t(context)("error.unavailable.respondent") : message ?? reference.map { "reference \($0)" })
            return try APIController.json(problem, status: status)
        }
        let t = kit.t(context)
        let keys: (title: String, heading: String, text: String?) = switch status.code {
        case 404: ("error.notFound.title", "error.notFound.heading", "error.notFound.text")
        case 403: ("error.forbidden.title", "error.forbidden.heading", "error.forbidden.text")
        case 413: ("error.tooLarge.title", "error.tooLarge.heading", nil)
        case 503: ("error.unavailable.title", "error.unavailable.heading",
                   SiteURL.isRespondent(request.uri.path) ? "error.unavailable.respondent" : "error.unavailable.text")
        case 500...: ("error.server.title", "error.server.heading", "error.server.text")
        default: ("error.generic.title", "error.generic.heading", nil)
        }
        let chrome = kit.chrome(request, context, titleKey: keys.title)
        let model = ErrorViewModel(chrome: chrome, heading: t(keys.heading), text: message ?? keys.text.map { t($0) }, reference: reference)
        return try HTMLPage(html: ErrorView.render(model), status: status).response(from: request, context: context)
    }

    static func wantsJSON(_ request: Request) -> Bool {
        if request.uri.path.hasPrefix("/api/") || request.uri.path == SiteURL.healthz.path { return true }
        let accept = request.headers[.accept] ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }
}
