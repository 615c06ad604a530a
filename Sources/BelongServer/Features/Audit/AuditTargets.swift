import BelongCore
import Foundation

/// What an audit event's record names, in words: "user Dakota George", "survey December 2026 check-in",
/// not a kind and a UUID. Only the page's events are looked up; a record since deleted keeps its id.
struct AuditTargets: Sendable {
    let accounts: AccountStore
    let surveys: SurveyStore
    let organizations: OrganizationStore
    let tokens: TokenStore
    let instruments: InstrumentStore
    let people: PeopleStore

    func labels(for events: [AuditEvent], _ t: Localizer) async throws -> [UUID: String] {
        let kinds = Set(events.compactMap(\.targetKind))
        let users = kinds.contains("user") ? Dictionary(try await accounts.list().map { ($0.id, "\($0.displayName) (\($0.email))") }, uniquingKeysWith: { a, _ in a }) : [:]
        let waves = kinds.isDisjoint(with: ["survey", "wave", "results"]) ? [:]
            : Dictionary(try await surveys.list().map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let places = Dictionary(try await organizations.all().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var tokenNames: [UUID: String] = [:]
        if kinds.contains("token") {
            for district in Set(events.filter { $0.targetKind == "token" }.compactMap(\.organizationId)) {
                for token in try await tokens.list(districtId: district) { tokenNames[token.id] = token.name }
            }
        }
        let forms = kinds.contains("instrument") ? Dictionary(try await instruments.all().map { ($0.reference, $0.title(in: t.language)) },
                                                              uniquingKeysWith: { a, _ in a }) : [:]
        var labels: [UUID: String] = [:]
        for event in events {
            guard let kind = event.targetKind else { continue }
            let id = event.targetId.flatMap { UUID(uuidString: $0) }
            let name: String?
            switch kind {
            case "user": name = id.flatMap { users[$0] }
            case "survey", "wave", "results": name = id.flatMap { waves[$0] }
            case "school": name = id.flatMap { places[$0] }
            case "token": name = id.flatMap { tokenNames[$0] }
            case "instrument": name = event.targetId.flatMap { forms[$0] }
            case "student":
                if let id, let school = event.organizationId {
                    name = try await people.student(id: id, school: school).map { "\($0.student.name.display), \(places[school] ?? "")" }
                } else {
                    name = nil
                }
            case "import": name = event.targetId
            case "audit-log": name = ""
            default: name = nil
            }
            let kindLabel = t.has("audit.kind.\(kind)") ? t("audit.kind.\(kind)") : kind
            labels[event.id] = [kindLabel, name ?? event.targetId].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        }
        return labels
    }
}
