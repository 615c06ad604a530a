import BelongCore
import Foundation
import NIOConcurrencyHelpers

/// The audit log as CSV, for the admin page's download and `belong audit export`.
public enum AuditCSV {
    static let header = ["at", "action", "actor", "actor_id", "target_kind", "target_id", "organization_id", "ip", "detail"]

    /// Writes the header and every matching event, oldest first, then records the export itself.
    @discardableResult
    public static func export(
        from store: AuditStore, filter: AuditStore.Filter, actor: UserAdministration.Actor, write: @escaping @Sendable (String) -> Void
    ) async throws -> Int {
        write(line(header))
        let formatter = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let count = NIOLockedValueBox(0)
        try await store.forEach(filter) { event in
            count.withLockedValue { $0 += 1 }
            write(line([
                formatter.format(event.at), event.action.rawValue, event.actorLabel, event.actorId?.uuidString ?? "",
                event.targetKind ?? "", event.targetId ?? "", event.organizationId?.uuidString ?? "", event.ip ?? "", event.detail ?? "",
            ]))
        }
        let total = count.withLockedValue { $0 }
        let since = filter.since.map { " since \(formatter.format($0))" } ?? ""
        try await store.record(.exported, by: actor, about: .auditLog, detail: "audit log\(since): \(total) events")
        return total
    }

    static func line(_ fields: [String]) -> String { CSVText.line(fields) }

    /// "2026-11-01" (midnight UTC) or a full ISO 8601 moment.
    public static func parseMoment(_ text: String) -> Date? {
        if let day = CalendarDate(iso: text), text.count == 10 {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
        }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
