/// CSV as spreadsheets read it: every file Belong hands out (audit log, mail-merge codes, results) goes through here.
enum CSVText {
    /// One line: fields quoted when they hold a comma, quote or line break; formulas defused for spreadsheets.
    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        var text = value
        // A cell starting with = + - @ (or a tab or carriage return) would run as a formula when opened in a spreadsheet.
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
