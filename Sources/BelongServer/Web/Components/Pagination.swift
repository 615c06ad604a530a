import Foundation
import BelongCore
import Plot

/// Page numbers for long lists, as a labelled navigation region.
struct Page: Sendable {
    let number: Int
    let size: Int
    let total: Int

    var count: Int { max(1, (total + size - 1) / size) }
    var hasPrevious: Bool { number > 1 }
    var hasNext: Bool { number < count }
    var firstItem: Int { total == 0 ? 0 : (number - 1) * size + 1 }
    var lastItem: Int { min(number * size, total) }

    static func number(from text: String?) -> Int {
        max(1, min(Int(text ?? "") ?? 1, 100_000))
    }
}

enum Pagination {
    /// `link` builds the URL of a page number, keeping the list's filters.
    static func nav(_ page: Page, t: Localizer, link: (Int) -> String) -> Node<HTML.BodyContext> {
        .if(page.count > 1, .nav(
            .class("pagination"), .ariaLabel(t("pagination.label")),
            .if(page.hasPrevious, .a(.href(link(page.number - 1)), .attribute(named: "rel", value: "prev"), .text(t("pagination.previous")))),
            .span(.attribute(named: "aria-current", value: "page"), .text(t("pagination.position", ["page": t.number(page.number), "count": t.number(page.count)]))),
            .if(page.hasNext, .a(.href(link(page.number + 1)), .attribute(named: "rel", value: "next"), .text(t("pagination.next"))))
        ))
    }
}

/// Builds a query string, leaving out empty values.
func queryString(_ items: [(String, String?)]) -> String {
    let parts = items.compactMap { name, value -> String? in
        guard let value, !value.isEmpty else { return nil }
        return "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.~"))) ?? "")"
    }
    return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
}

