import Foundation

/// Realistic made-up answers for the demo's survey waves. Each respondent has a latent sense of
/// connectedness drawn around their school's and grade's level; each feeling sits a little above or
/// below it; between fall and spring some feelings grow and some do not. Fixed seeds make every
/// demo the same.
public struct DemoAnswers: Sendable {
    /// When in the year a wave runs: the model's spring moves some feelings.
    public enum Season: Sendable {
        case fall
        case spring
    }

    public init() {}

    /// How connected each school's students feel, on the latent scale (0 is "neither agree nor disagree").
    static func schoolLevel(_ schoolKey: String) -> Double {
        switch schoolKey {
        case "maple-grove": 0.95
        case "riverbend": 0.25
        case "cedar-valley-secondary": 0.4
        case "thornhill-creek": 0.7
        default: 0.5
        }
    }

    /// Connectedness slips through the middle grades and recovers a little at the end of secondary.
    static func gradeEffect(_ grade: Grade?) -> Double {
        guard let grade else { return 0 }
        switch grade.rawValue {
        case ...3: return 0.25
        case 4...5: return 0.1
        case 6...8: return -0.05 * Double(grade.rawValue - 5)
        case 9...10: return -0.2
        default: return -0.1
        }
    }

    static func feelingOffset(_ scale: String?) -> Double {
        switch scale {
        case "safe": 0.3
        case "seen": -0.15
        case "heard": -0.35
        case "supported": 0.1
        case "significant": -0.25
        case "caredFor": 0.2
        case "practice": -0.2
        case "partnership": -0.1
        case "child": 0.25
        default: 0
        }
    }

    /// Fall to spring: feeling seen and heard grow where the school worked on them; feeling safe
    /// does not move; feeling significant slips a little.
    static func springChange(_ scale: String?, schoolKey: String) -> Double {
        switch (scale, schoolKey) {
        case ("heard", "riverbend"): 0.55
        case ("seen", "riverbend"): 0.4
        case ("seen", "cedar-valley-secondary"): 0.05
        case ("heard", "cedar-valley-secondary"): 0.05
        case ("seen", _): 0.3
        case ("heard", _): 0.25
        case ("caredFor", _): 0.15
        case ("significant", _): -0.1
        default: 0
        }
    }

    /// One respondent's answers to `items` (choices only; open text and adult picks come from `comment`).
    public func answers(to items: [Instrument.Item], schoolKey: String, grade: Grade?, season: Season, base: Double = 0,
                        using rng: inout SeededGenerator) -> [String: Int] {
        let person = base + Self.schoolLevel(schoolKey) + Self.gradeEffect(grade) + 0.9 * rng.normal()
        var choices: [String: Int] = [:]
        for item in items where item.response.isChoice {
            if rng.chance(0.02) { continue }  // a skipped question
            let change = season == .spring ? Self.springChange(item.scale, schoolKey: schoolKey) : 0
            let value = person + Self.feelingOffset(item.scale) + change + 0.7 * rng.normal()
            var answer: Int
            switch item.response {
            case .agree5: answer = value < -1.3 ? 1 : value < -0.4 ? 2 : value < 0.3 ? 3 : value < 1.3 ? 4 : 5
            case .faces3: answer = value < -0.6 ? 1 : value < 0.4 ? 2 : 3
            case .yesno3:
                // "Is there an adult at school you trust?": most say yes; some are not sure.
                let yes = 1 / (1 + exp(-(1.3 * person + 0.9)))
                answer = rng.chance(0.1) ? 2 : (rng.chance(yes) ? 3 : 1)
            default: continue
            }
            if item.reverse, let range = item.response.values { answer = range.upperBound + range.lowerBound - answer }
            choices[item.id] = answer
        }
        return choices
    }

    /// A short written answer, for some respondents.
    public func comment(language: Language, using rng: inout SeededGenerator) -> String? {
        guard rng.chance(0.12) else { return nil }
        return rng.pick(language == .french ? Self.frenchComments : Self.englishComments)
    }

    static let englishComments = [
        "More clubs at lunch so people can find their group.", "Teachers who say hi in the hallway make a difference.",
        "I wish there was somewhere quiet to go at recess.", "The buddy program helped me when I was new.",
        "Sometimes it feels like only the same kids get picked for things.", "More time to talk in class about what we think.",
        "The counsellor is really nice but hard to find.", "I like when we do projects about our own families.",
        "Less homework on weekends.", "Stop people from saying mean things online about other students.",
    ]

    static let frenchComments = [
        "Plus d’activités le midi pour que chacun trouve son groupe.", "Quand les enseignants nous disent bonjour dans le corridor, ça fait du bien.",
        "J’aimerais un endroit calme pendant la récréation.", "Le jumelage m’a aidé quand je suis arrivé.",
        "On dirait que ce sont toujours les mêmes élèves qui sont choisis.", "Plus de temps pour discuter en classe de ce qu’on pense.",
    ]
}

extension SeededGenerator {
    /// A standard normal draw (Box–Muller).
    public mutating func normal() -> Double {
        let u1 = max(Double.random(in: 0..<1, using: &self), .leastNonzeroMagnitude)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
