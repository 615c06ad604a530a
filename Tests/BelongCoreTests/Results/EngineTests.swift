import BelongCore
import Foundation
import Testing

/// The engine's one-pass sums against a plain recomputation, response by response.
@Suite("Results engine")
struct EngineTests {
    static func randomWave(responses: Int, seed: UInt64) throws -> (WaveAnswers, [(ResultCell, [UInt8])], [UUID: SchoolLevel]) {
        let instrument = try #require(try BuiltInInstruments.load().first { $0.id == "belong-student" })
        let layout = ResultsLayout(items: instrument.items(confidential: false), scales: instrument.scales)
        var rng = SeededGenerator(seed: seed)
        let schools = (0..<3).map { _ in rng.uuid() }
        let classes = (0..<12).map { _ in rng.uuid() }
        let levels = [schools[0]: SchoolLevel.elementary, schools[1]: .middle, schools[2]: .high]
        var answers = WaveAnswers(layout: layout)
        var rows: [(ResultCell, [UInt8])] = []
        for _ in 0..<responses {
            let school = Int.random(in: 0..<3, using: &rng)
            let grade = Grade(rawValue: 4 + school * 3 + Int.random(in: 0..<3, using: &rng))!
            var cell = ResultCell(school: schools[school], grade: grade, classId: classes[school * 4 + Int.random(in: 0..<4, using: &rng)])
            if Bool.random(using: &rng) { cell.attributes["sex"] = Bool.random(using: &rng) ? "F" : "M" }
            let packed = layout.items.map { item -> UInt8 in
                Int.random(in: 0..<10, using: &rng) == 0 ? 0 : UInt8(Int.random(in: item.response.values!, using: &rng))
            }
            answers.append(packed, in: cell)
            rows.append((cell, packed))
        }
        return (answers, rows, levels)
    }

    @Test("every group's figures equal a plain recomputation from the responses")
    func equalsRecomputation() throws {
        let (answers, rows, levels) = try Self.randomWave(responses: 1_500, seed: 42)
        let results = WaveResults(answers: answers, levels: levels, minimumN: 10)
        let layout = answers.layout
        #expect(results.responses == 1_500)
        for key in results.filter.plan.groups {
            let members = rows.filter { key.contains($0.0, level: levels[$0.0.school]!) }.map(\.1)
            let summary = try #require(results.summary(key))
            #expect(summary.respondents == members.count)
            for item in layout.items.indices {
                let answered = members.filter { $0[item] != 0 }
                let favourable = answered.filter { layout.isFavourable(item: item, value: Int($0[item])) }
                #expect(summary.favourable(item: item, in: layout) == ProportionEstimate(count: favourable.count, n: answered.count))
            }
            for (index, scale) in (layout.scales + [layout.total]).enumerated() {
                let scores = members.compactMap { row -> Double? in
                    let values = scale.items.compactMap { row[$0] == 0 ? nil : Double(layout.items[$0].scored(Int(row[$0]))) }
                    return values.count * 3 >= scale.items.count * 2 ? values.reduce(0, +) / Double(values.count) : nil
                }
                let engine = index < layout.scales.count ? summary.scales[index] : summary.total
                #expect(engine.score.n == scores.count)
                if let mean = engine.score.mean { #expect(abs(mean - scores.reduce(0, +) / Double(scores.count)) < 1e-9) }
                #expect(engine.levels[0] == scores.filter { $0 >= 4 }.count)
                #expect(engine.levels[2] == scores.filter { $0 < 3 }.count)
            }
        }
    }

    @Test("responses appended later are counted; memory stays under 64 bytes a response")
    func appendAndMemory() throws {
        var (answers, _, levels) = try Self.randomWave(responses: 20_000, seed: 7)
        let before = try #require(WaveResults(answers: answers, levels: levels, minimumN: 10).summary(.all)).respondents
        answers.append([UInt8](repeating: 5, count: 19), in: answers.cells[0])
        #expect(try #require(WaveResults(answers: answers, levels: levels, minimumN: 10).summary(.all)).respondents == before + 1)
        #expect(answers.bytesPerResponse < 64, "\(answers.bytesPerResponse) bytes a response")
    }

    @Test("the pass split over threads adds up to the same sums")
    func parallelPass() throws {
        let (answers, _, _) = try Self.randomWave(responses: 60_000, seed: 11)
        let single = answers.summarizeCells()
        let split = answers.cellSums(parts: 3)
        for (cell, one) in single.enumerated() {
            let other = split.summary(cell)
            #expect(other.respondents == one.respondents && other.itemCounts == one.itemCounts)
            for (a, b) in zip(other.scales + [other.total], one.scales + [one.total]) {
                #expect(a.levels == b.levels && a.score.n == b.score.n && abs(a.score.sum - b.score.sum) < 1e-9, "sums differ only by rounding")
            }
        }
    }

    @Test("breakdowns list each group once, in order, within their scope")
    func breakdowns() throws {
        let (answers, rows, levels) = try Self.randomWave(responses: 600, seed: 3)
        let results = WaveResults(answers: answers, levels: levels, minimumN: 10)
        let school = rows[0].0.school
        let grades = results.breakdown(.school(school, level: levels[school]!), by: .grade)
        #expect(grades.count == 3 && grades.allSatisfy { $0.school == school && $0.grade != nil })
        #expect(results.breakdown(.all, by: .school).count == 3)
        #expect(results.breakdown(.all, by: .attribute("sex")).map(\.value) == ["F", "M"])
        #expect(results.breakdown(.school(school, level: levels[school]!), by: .classroom).count == 4)
    }
}
