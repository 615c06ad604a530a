import BelongCore
import Foundation

/// The narrow read model the plan, the recommendations and the stories share: one school's measure across
/// its waves. Every reading comes from the results engine, so through the same privacy filter as the pages.
extension ResultsQueries {
    /// `measure` at `school` (or one grade of it) in every released or open wave that reads it, oldest first.
    /// A wave whose questionnaire lacks the measure gives no reading; a withheld group gives its reason, never a figure.
    func history(of measure: Measure, at school: Organization, grade: Grade? = nil) async throws -> [MeasureReading] {
        let waves = try await surveys.list(schools: [school.id])
            .filter { $0.state != .draft && $0.schoolIds.contains(school.id) && measure.isRead(by: $0) }
            .sorted { $0.opensAt < $1.opensAt }
        guard !waves.isEmpty else { return [] }
        let levels = try await engine.schoolLevels()
        let schoolKey = GroupKey.school(school.id, level: levels[school.id] ?? .combined)
        let scope = grade.map { schoolKey.grade($0) } ?? schoolKey
        var readings: [MeasureReading] = []
        for wave in waves {
            let results = try await engine.results(for: wave).results
            guard measure.exists(in: results.layout), let favourable = measure.favourable(in: results.figures(scope)) else { continue }
            readings.append(MeasureReading(wave: wave, favourable: favourable))
        }
        return readings
    }
}
