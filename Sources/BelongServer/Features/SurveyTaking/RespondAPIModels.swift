import BelongCore
import Foundation

/// The JSON shapes of the respondent API (`/api/v1/respond/{code}`), for kiosks and offline-capable clients.
enum RespondAPI {
    struct Survey: Encodable, Sendable {
        struct Wave: Encodable, Sendable {
            let title: String
            let mode: String
            let languages: [String]
            let closesAt: Date
        }

        struct Choice: Encodable, Sendable {
            let value: Int
            let label: [String: String]
        }

        struct Item: Encodable, Sendable {
            let id: String
            let scale: String?
            let response: String
            let text: [String: String]
            let choices: [Choice]
        }

        struct Page: Encodable, Sendable {
            let items: [String]
        }

        struct Adult: Encodable, Sendable {
            let id: UUID
            let name: String
        }

        let wave: Wave
        let instrument: String
        let title: [String: String]
        let items: [Item]
        /// How the web form groups the questions: one scale per page.
        let pages: [Page]
        /// For "which adults would you go to", in confidential waves.
        let adults: [Adult]
        /// The answers saved so far, when the request carried their resume word.
        let draft: Draft?
        /// Answers are saved for this code, but the request did not carry the word that opens them.
        let draftLocked: Bool
        /// Where to get help now, as the thank-you page shows it: the school's own words, and the district's helpline for students.
        let help: Help
    }

    struct Help: Encodable, Sendable {
        let school: [String: String]
        let helpline: [String: String]
    }

    struct Answers: Codable, Sendable {
        var choices: [String: Int]?
        var texts: [String: String]?
        var adults: [UUID]?

        var domain: BelongCore.Answers {
            BelongCore.Answers(choices: choices ?? [:], texts: texts ?? [:], adults: adults ?? [])
        }

        init(choices: [String: Int]?, texts: [String: String]?, adults: [UUID]?) {
            self.choices = choices
            self.texts = texts
            self.adults = adults
        }

        init(_ answers: BelongCore.Answers) {
            self.init(choices: answers.choices, texts: answers.texts, adults: answers.adults)
        }
    }

    struct Draft: Codable, Sendable {
        let language: String
        let answers: Answers
    }

    /// A kept draft: send `resumeWord` as `Belong-Resume-Word` to read it back or keep adding to it.
    struct Saved: Encodable, Sendable {
        let resumeWord: String
    }

    struct Stored: Encodable, Sendable {
        let status: String
    }

    /// Why a code or a submission did not work: `reason` is for programs, `message` for people.
    struct Problem: Encodable, Sendable {
        let status: Int
        let error: String
        let reason: String
        let message: String
        var problems: [String]?
    }
}
