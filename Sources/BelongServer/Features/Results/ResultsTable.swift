import Foundation

/// A results table as people read it: the page shows it beside its chart, the CSV export writes
/// exactly these cells, so an export never shows more than the page.
struct ResultsTable: Sendable {
    /// Names the table in its CSV address: "feelings", "items", "grades"…
    let slug: String
    let caption: String
    let columns: [String]
    /// The first cell of each row names the row.
    /// Every column after the first holds figures (right-aligned).
    let rows: [[String]]
}
