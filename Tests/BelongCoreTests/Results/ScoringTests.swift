import BelongCore
import Foundation
import Testing

@Suite("Scoring (DOMAIN.md §2)")
struct ScoringTests {
    static let scales = [Instrument.Scale(id: "safe", name: ["en": "Safe"]), Instrument.Scale(id: "seen", name: ["en": "Seen"])]
    static let items = [
        Instrument.Item(id: "safe-1", scale: "safe", response: .agree5, text: ["en": "a"]),
        Instrument.Item(id: "safe-2", scale: "safe", response: .agree5, text: ["en": "b"]),
        Instrument.Item(id: "safe-3", scale: "safe", response: .agree5, reverse: true, text: ["en": "c"]),
        Instrument.Item(id: "seen-1", scale: "seen", response: .agree5, text: ["en": "d"]),
        Instrument.Item(id: "trusted", scale: nil, response: .yesno3, text: ["en": "e"]),
        Instrument.Item(id: "open", scale: nil, response: .openText, text: ["en": "f"]),
    ]
    static let layout = ResultsLayout(items: items, scales: scales)
    static let school = UUID()

    static func results(_ rows: [[UInt8]]) -> WaveResults {
        var answers = WaveAnswers(layout: layout)
        for row in rows { answers.append(row, in: ResultCell(school: school)) }
        return WaveResults(answers: answers, levels: [:], minimumN: 5)
    }

    @Test("open text is not packed; scales keep their items; the total covers the six feelings' items")
    func layout() {
        #expect(Self.layout.items.map(\.id) == ["safe-1", "safe-2", "safe-3", "seen-1", "trusted"])
        #expect(Self.layout.scales.map(\.items) == [[0, 1, 2], [3]])
        #expect(Self.layout.total.items == [0, 1, 2, 3])
        #expect(Self.layout.scales[0].minimumAnswered == 2 && Self.layout.total.minimumAnswered == 3)
    }

    @Test("a scale score is the mean of answered items, reverse-coded as 6 − x, with two thirds answered")
    func scaleScores() throws {
        let results = Self.results([
            [5, 4, 1, 5, 3],  // safe (5 + 4 + 5)/3 = 4.67 high; total (5+4+5+5)/4 = 4.75 high
            [3, 3, 3, 2, 2],  // safe 3 moderate; total 2.75 low
            [4, 0, 0, 4, 1],  // safe: one of three answered, no score; total 2 of 4 < 3, no total
            [2, 2, 0, 0, 0],  // safe 2 low (two of three); total 2 of 4, none
            [0, 0, 0, 0, 0],  // answered nothing
        ])
        let summary = try #require(results.summary(.all))
        #expect(summary.respondents == 5)
        let safe = summary.scales[0]
        #expect(safe.score.n == 3)
        let mean = try #require(safe.score.mean)
        let expected: Double = (14.0 / 3 + 3 + 2) / 3
        #expect(abs(mean - expected) < 1e-12)
        #expect(safe.levels == [1, 1, 1])
        #expect(summary.total.score.n == 2 && summary.total.levels == [1, 0, 1])
        #expect(summary.connectednessIndex == ProportionEstimate(count: 1, n: 2))
    }

    @Test("favourable means agree or strongly agree, or yes; 'not sure' is an answer, not favourable")
    func favourable() throws {
        let results = Self.results([[5, 4, 1, 5, 3], [3, 3, 3, 2, 2], [4, 0, 0, 4, 1], [2, 2, 0, 0, 0], [0, 0, 0, 0, 0]])
        let summary = try #require(results.summary(.all))
        let layout = Self.layout
        #expect(summary.favourable(item: 0, in: layout) == ProportionEstimate(count: 2, n: 4))
        #expect(summary.favourable(item: 2, in: layout) == ProportionEstimate(count: 1, n: 2), "reverse-coded 1 scores 5: favourable")
        #expect(summary.favourable(item: 4, in: layout) == ProportionEstimate(count: 1, n: 3), "yes only; not sure counts in n")
        #expect(summary.favourable(scale: layout.scales[0], in: layout) == ProportionEstimate(count: 4, n: 9))
        #expect(summary.distribution(ofItem: 4, top: 3) == [1, 1, 1])
        #expect(summary.answered(item: 1) == 3)
    }

    @Test("three-point answers reach the levels through the same cut-offs on a five-point footing")
    func facesLevels() throws {
        let early = ResultsLayout(items: [
            Instrument.Item(id: "early-safe", scale: "safe", response: .faces3, text: ["en": "a"]),
            Instrument.Item(id: "early-seen", scale: "seen", response: .faces3, text: ["en": "b"]),
            Instrument.Item(id: "early-heard", scale: "heard", response: .faces3, text: ["en": "c"]),
        ], scales: [.init(id: "safe", name: [:]), .init(id: "seen", name: [:]), .init(id: "heard", name: [:])])
        var answers = WaveAnswers(layout: early)
        for row: [UInt8] in [[3, 3, 2], [2, 2, 2], [1, 2, 1], [3, 3, 3], [9, 3, 3]] { answers.append(row, in: ResultCell(school: Self.school)) }
        let summary = try #require(WaveResults(answers: answers, levels: [:], minimumN: 5).summary(.all))
        // means 2.67 → 4.33 high; 2 → 3 moderate; 1.33 → 1.67 low; 3 → 5 high; (9 is dropped) 3 → high
        #expect(summary.total.levels == [3, 1, 1])
        #expect(summary.itemCounts[0] == 1, "an out-of-range value counts as skipped")
    }
}
