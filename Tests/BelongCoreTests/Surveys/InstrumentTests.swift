import BelongCore
import Foundation
import Testing

@Suite("Instruments")
struct InstrumentTests {
    static func json(_ items: String, scales: String = #"[{"id": "safe", "name": {"en": "Safe", "fr": "En sécurité"}}]"#,
                     languages: String = #"["en", "fr"]"#) -> Data {
        Data("""
        {"id": "district-pulse", "version": 1, "audience": "student", "title": {"en": "Pulse", "fr": "Pouls"}, "languages": \(languages),
         "scales": \(scales), "items": \(items)}
        """.utf8)
    }

    @Test("the five built-in instruments load, each complete in English and French")
    func builtIn() throws {
        let instruments = try BuiltInInstruments.load()
        #expect(instruments.map(\.id) == ["belong-student", "belong-early-years", "belong-staff", "belong-family", "add-health-connectedness"])
        for instrument in instruments {
            #expect(InstrumentValidator.problems(in: instrument).isEmpty)
            for item in instrument.items {
                #expect(item.text["en"]?.isEmpty == false && item.text["fr"]?.isEmpty == false, "\(instrument.id) \(item.id)")
                #expect(item.text["en"] != item.text["fr"], "\(instrument.id) \(item.id) is translated, not copied")
            }
        }
        let student = try #require(instruments.first { $0.id == "belong-student" })
        #expect(student.scales.map(\.id) == ["safe", "seen", "heard", "supported", "significant", "caredFor"])
        #expect(student.items(confidential: false).count == 20, "naming adults is asked only in confidential waves")
        #expect(student.items(confidential: true).count == 21)
        let early = try #require(instruments.first { $0.id == "belong-early-years" })
        #expect(early.items.allSatisfy { $0.response == .faces3 })
        let addHealth = try #require(instruments.first { $0.id == "add-health-connectedness" })
        #expect(addHealth.items.map(\.id) == ["h1ed19", "h1ed20", "h1ed21", "h1ed22", "h1ed23", "h1ed24"])
    }

    @Test("a file with mistakes is refused with a precise message for each")
    func invalid() throws {
        let item = { (id: String, scale: String, response: String, fr: String) in
            #"{"id": "\#(id)", "scale": "\#(scale)", "response": "\#(response)", "text": {"en": "Text \#(id)", "fr": "\#(fr)"}}"#
        }
        #expect(throws: InstrumentError.badResponseScale(item: "a", value: "agree7")) {
            try InstrumentValidator.load(json: Self.json("[\(item("a", "safe", "agree7", "x"))]"))
        }
        do {
            _ = try InstrumentValidator.load(json: Self.json("[\(item("a", "safe", "agree5", "x")), \(item("a", "safe", "agree5", "y")), \(item("b", "belonging", "agree5", "z")), \(item("c", "safe", "agree5", "")), \(item("custom-1", "safe", "agree5", "w"))]"))
            Issue.record("should be refused")
        } catch InstrumentError.invalid(let problems) {
            #expect(problems.contains("district-pulse@1: item id 'a' is used twice"))
            #expect(problems.contains("district-pulse@1: item 'b' names scale 'belonging', which the instrument does not define"))
            #expect(problems.contains("district-pulse@1: item 'c' has no 'fr' text"))
            #expect(problems.contains("district-pulse@1: item id 'custom-1' starts with 'custom-', which is kept for a wave's own questions"))
        }
        do {
            _ = try InstrumentValidator.load(json: Self.json("[\(item("a", "safe", "agree5", "x"))]", languages: #"["en"]"#))
            Issue.record("should be refused")
        } catch InstrumentError.invalid(let problems) {
            #expect(problems == ["district-pulse@1: 'fr' is missing from languages: every questionnaire is in English and French"])
        }
        #expect(throws: InstrumentError.self) { try InstrumentValidator.load(json: Data("{\"id\": 3}".utf8)) }
        #expect(throws: InstrumentError.self) { try InstrumentValidator.load(json: Data("not json".utf8)) }
    }
}

@Suite("Access codes")
struct AccessCodeTests {
    @Test("codes use an alphabet without 0, O, 1, I or L, and carry at least 40 bits of randomness")
    func alphabet() {
        #expect(AccessCode.alphabet.count == 31)
        for confusable in "0O1IL" { #expect(!AccessCode.alphabet.contains(confusable)) }
        #expect(AccessCode.entropyBits >= 40)
        #expect(Double(8) * log2(31) < 40, "why codes have nine characters: eight would carry only 39.6 bits")
        var seen: Set<String> = []
        for _ in 0..<10_000 {
            let code = AccessCode.generate()
            #expect(code.count == AccessCode.length)
            #expect(code.allSatisfy(AccessCode.alphabet.contains))
            seen.insert(code)
        }
        #expect(seen.count == 10_000)
    }

    @Test("every character turns up about equally often: no modulo bias")
    func uniform() {
        var counts: [Character: Int] = [:]
        for _ in 0..<20_000 { for character in AccessCode.generate() { counts[character, default: 0] += 1 } }
        let expected = Double(20_000 * AccessCode.length) / 31
        // Chi-squared with 30 degrees of freedom: above 59.7 happens by chance once in a thousand runs.
        let chiSquared = counts.values.reduce(0) { $0 + pow(Double($1) - expected, 2) / expected }
        #expect(counts.count == 31)
        #expect(chiSquared < 59.7, "χ² = \(chiSquared)")
    }

    @Test("what a person types is made comparable; mistakes are named before the database is asked")
    func typing() {
        #expect(AccessCode.normalize(" k7m-2qx 9pa ") == "K7M2QX9PA")
        #expect(AccessCode.display("K7M2QX9PA") == "K7M-2QX-9PA")
        #expect(AccessCode.problem(with: "") == .empty)
        #expect(AccessCode.problem(with: "K7M2QX9P0") == .impossibleCharacter("0"))
        #expect(AccessCode.problem(with: "K7M2QX") == .wrongLength(6))
        #expect(AccessCode.problem(with: "K7M2QX9PA") == nil)
    }
}

@Suite("Answers")
struct AnswersTests {
    let items = try! BuiltInInstruments.load().first { $0.id == "belong-student" }!.items(confidential: false)

    @Test("answers outside the questions or their scales are named")
    func problems() {
        let answers = Answers(choices: ["safe-1": 6, "nope": 3, "trusted-adult": 3], texts: ["safe-2": "text", "open-connect": String(repeating: "x", count: 2_001)],
                              adults: [UUID()])
        let problems = answers.problems(against: items)
        #expect(problems.contains(.outOfRange(item: "safe-1", value: 6)))
        #expect(problems.contains(.unknownItem("nope")))
        #expect(problems.contains(.unknownItem("safe-2")))
        #expect(problems.contains(.textTooLong(item: "open-connect")))
        #expect(problems.contains(.unknownItem("adults")), "naming adults is not asked in this wave")
        #expect(Answers(choices: ["safe-1": 5, "trusted-adult": 2]).problems(against: items).isEmpty)
    }

    @Test("a single fault among good answers is found", arguments: [
        (Answers(choices: ["safe-1": 4, "nope": 3]), Answers.Problem.unknownItem("nope")),
        (Answers(choices: ["safe-1": 4, "safe-2": 0]), .outOfRange(item: "safe-2", value: 0)),
        (Answers(choices: ["safe-1": 4, "open-connect": 2]), .notAChoice(item: "open-connect")),
        (Answers(choices: ["safe-1": 4], texts: ["safe-2": "words"]), .unknownItem("safe-2")),
        (Answers(texts: ["open-connect": String(repeating: "é", count: 2_001)]), .textTooLong(item: "open-connect")),
        (Answers(choices: ["safe-1": 4], adults: [UUID()]), .unknownItem("adults")),
    ])
    func singleFault(answers: Answers, problem: Answers.Problem) {
        #expect(answers.problems(against: items) == [problem])
    }

    @Test("an answer of exactly the longest length is kept, counted in characters, not bytes")
    func longestAnswer() {
        #expect(Answers(texts: ["open-connect": String(repeating: "é", count: 2_000)]).problems(against: items).isEmpty)
        #expect(Answers(texts: ["open-connect": String(repeating: "x", count: 2_000)]).problems(against: items).isEmpty)
        #expect(Answers(texts: ["open-connect": String(repeating: "x", count: 2_001)]).problems(against: items) == [.textTooLong(item: "open-connect")])
    }

    @Test("answers pack one byte per question in the wave's order, 0 for skipped, and unpack to the same")
    func packing() {
        let answers = Answers(choices: ["safe-1": 5, "caredFor-3": 1, "trusted-adult": 3], texts: ["open-connect": "hi"])
        let packed = PackedAnswers.pack(answers, items: items)
        #expect(packed.count == 19)
        #expect(packed[0] == 5 && packed[17] == 1 && packed[18] == 3 && packed[1] == 0)
        #expect(PackedAnswers.unpack(packed, items: items) == answers.choices)
    }

    @Test("a page sent again replaces that page's answers, including clearing one")
    func merging() {
        var answers = Answers(choices: ["safe-1": 2, "safe-2": 4, "seen-1": 5])
        answers.merge(Answers(choices: ["safe-2": 1]), clearing: ["safe-1", "safe-2", "safe-3"])
        #expect(answers.choices == ["safe-2": 1, "seen-1": 5])
    }
}

@Suite("Survey windows")
struct SurveyWindowTests {
    @Test("a window runs from the start of its first day to the end of its last, in the district's time zone")
    func window() {
        let first = CalendarDate(iso: "2026-03-02")!, last = CalendarDate(iso: "2026-03-13")!
        let opens = SurveyWindow.opening(first, timeZone: "America/Vancouver")
        let closes = SurveyWindow.closing(lastDay: last, timeZone: "America/Vancouver")
        #expect(opens == ISO8601DateFormatter().date(from: "2026-03-02T08:00:00Z"))
        #expect(closes == ISO8601DateFormatter().date(from: "2026-03-14T07:00:00Z"), "daylight saving time began on March 8")
        #expect(SurveyWindow.lastDay(closesAt: closes, timeZone: "America/Vancouver") == last)
        let wave = SurveyWave(districtId: nil, title: "t", instrumentId: "belong-student", instrumentVersion: 1, respondents: .staff, schoolIds: [UUID()],
                              opensAt: opens, closesAt: closes, timeZone: "America/Vancouver", state: .open)
        #expect(wave.status(at: opens.addingTimeInterval(-1)) == .notYetOpen)
        #expect(wave.status(at: opens) == .open)
        #expect(wave.status(at: closes) == .closed)
    }

    @Test("a response's day is the district's calendar day, across midnight and daylight saving time, asked in any order")
    func day() throws {
        let parse = ISO8601DateFormatter()
        // Toronto: midnight is 05:00Z in winter, 04:00Z after March 8, 2026; Auckland is a day ahead.
        let cases: [(String, String, String)] = [
            ("2026-03-08T04:59:59Z", "America/Toronto", "2026-03-07"), ("2026-03-08T05:00:00Z", "America/Toronto", "2026-03-08"),
            ("2026-03-09T03:59:59Z", "America/Toronto", "2026-03-08"), ("2026-03-09T04:00:00Z", "America/Toronto", "2026-03-09"),
            ("2026-03-08T12:00:00Z", "America/Toronto", "2026-03-08"), ("2026-03-08T12:00:00Z", "Pacific/Auckland", "2026-03-09"),
            ("2026-03-08T10:59:59Z", "Pacific/Auckland", "2026-03-08"), ("2026-03-07T23:59:59Z", "UTC", "2026-03-07"),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            for (moment, zone, expected) in cases.shuffled(using: &generator) {
                let date = try #require(parse.date(from: moment))
                #expect(SurveyWindow.day(of: date, timeZone: zone).description == expected, "\(moment) in \(zone)")
            }
        }
    }

    @Test("wave rules: a minimum group under 5, a backwards window or the K–3 form for grade 8 are refused")
    func rules() throws {
        let instruments = try BuiltInInstruments.load()
        let early = try #require(instruments.first { $0.id == "belong-early-years" })
        var wave = SurveyWave(districtId: nil, title: "t", instrumentId: early.id, instrumentVersion: 1, respondents: .students(from: .grade6, to: .grade8),
                              schoolIds: [UUID()], opensAt: Date(), closesAt: Date().addingTimeInterval(-1), timeZone: "UTC", minimumGroupSize: 4)
        #expect(Set(WaveRules.problems(wave, instrument: early)) == [.windowBackwards, .minimumTooSmall, .instrumentAudience])
        wave.respondents = .students(from: .kindergarten, to: .grade3)
        wave.closesAt = Date().addingTimeInterval(86_400)
        wave.minimumGroupSize = 5
        #expect(WaveRules.problems(wave, instrument: early).isEmpty)
    }
}

@Suite("Demo answers")
struct DemoAnswersTests {
    @Test("the demo's schools differ, and feeling heard grows from fall to spring while feeling safe does not")
    func model() throws {
        let items = try BuiltInInstruments.load().first { $0.id == "belong-student" }!.items(confidential: false)
        let model = DemoAnswers()
        func favourable(_ school: String, _ season: DemoAnswers.Season, scale: String) -> Double {
            var rng = SeededGenerator(seed: 7)
            var yes = 0, all = 0
            for _ in 0..<2_000 {
                let answers = model.answers(to: items, schoolKey: school, grade: .grade7, season: season, using: &rng)
                for item in items where item.scale == scale { if let value = answers[item.id] { all += 1; if value >= 4 { yes += 1 } } }
            }
            return Double(yes) / Double(all)
        }
        #expect(favourable("maple-grove", .fall, scale: "safe") > favourable("riverbend", .fall, scale: "safe") + 0.1)
        #expect(favourable("riverbend", .spring, scale: "heard") > favourable("riverbend", .fall, scale: "heard") + 0.1)
        #expect(abs(favourable("riverbend", .spring, scale: "safe") - favourable("riverbend", .fall, scale: "safe")) < 0.03)
    }
}
