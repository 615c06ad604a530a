import BelongCore
import Foundation
import Testing
@testable import BelongServer

@Suite("Reading a submission's JSON body")
struct RespondBodyReaderTests {
    static func read(_ text: String) throws -> RespondAPI.Draft {
        try RespondBodyReader.draft(from: Array(text.utf8))
    }

    @Test("reads what JSONDecoder reads, with the same answers", arguments: [
        #"{"language":"en","answers":{"choices":{"safe-1":4,"seen-2":1},"texts":{"open":"Ms. \"R\" \\ ok\nthanks é 😀 \u00e9\ud83d\ude00"},"adults":["6F1D3C2A-9B8E-4C7D-8E6F-5A4B3C2D1E0F"]}}"#,
        #"  { "answers" : { "choices" : { } } , "language" : "fr" , "extra": [1, 2.5e3, -0, true, false, null, {"a": []}] }  "#,
        #"{"language":"en","answers":{"choices":null,"texts":null,"adults":null}}"#,
        #"{"language":"en","answers":{}}"#,
        #"{"language":"en","answers":{"choices":{"a":-2,"b":9223372036854775807,"c":-9223372036854775808},"texts":{"x":"é\"x\"","y":"1\u0041\/"}}}"#,
    ])
    func sameAsFoundation(_ body: String) throws {
        let ours = try Self.read(body)
        let foundation = try JSONDecoder().decode(RespondAPI.Draft.self, from: Data(body.utf8))
        #expect(ours.language == foundation.language)
        #expect(ours.answers.domain == foundation.answers.domain)
    }

    @Test("a member given twice counts as its last value, as in a dictionary")
    func duplicates() throws {
        let draft = try Self.read(#"{"language":5,"language":"fr","answers":{"choices":{"a":"1"},"choices":{"a":1,"a":0}},"answers":{"texts":{"t":"x","t":"y"},"adults":[]}}"#)
        #expect(draft.language == "fr")
        #expect(draft.answers.domain == Answers(texts: ["t": "y"]))
        let replaced = try Self.read(#"{"answers":{"choices":{"a":"1"}},"language":"en","answers":{"choices":{"a":2}}}"#)
        #expect(replaced.answers.domain == Answers(choices: ["a": 2]))
        #expect(throws: RespondBodyReader.Malformed.self) { try Self.read(#"{"answers":{"choices":{"a":2}},"language":"en","answers":{"choices":{"a":"1"}}}"#) }
    }

    @Test("refuses anything that is not strict JSON of the right shape", arguments: [
        "", "{", #"{"language":"en""#, #"{"language":"en","answers":{}} x"#, #"{"language":"en","answers":{},}"#,
        #"{'language':'en','answers':{}}"#, #"{"language":"en","answers":{"choices":{"a":3.5}}}"#,
        #"{"language":"en","answers":{"choices":{"a":"3"}}}"#, #"{"language":"en","answers":{"choices":{"a":03}}}"#,
        "{\"language\":\"en\",\"answers\":{\"texts\":{\"a\":\"line\u{01}\"}}}", "{\"language\":\"en\",\"answers\":{\"texts\":{\"a\":\"tab\there\"}}}",
        #"{"language":"en","answers":{"texts":{"a":"\x"}}}"#, #"{"language":"en","answers":{"texts":{"a":"\ud800"}}}"#,
        #"{"language":"en","answers":{"adults":["not-a-uuid"]}}"#, #"{"language":"en","answers":[]}"#, #"{"language":5,"answers":{}}"#,
        #"{"answers":{}}"#, #"[]"#, #"{"language":"en","answers":{"choices":{"a":1e2}}}"#, #"{"language":"en","answers":{}} "# + "\u{0}",
        String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
        #"{"language":"en","answers":{"choices":{"a":9223372036854775808}}}"#, #"{"language":"en","answers":{"choices":{"a":-9223372036854775809}}}"#,
        #"{"language":"en","answers":{"choices":{"a":1},"choices":{"a":1.5}}}"#, #"{"language":"en","language":null,"answers":{}}"#,
        #"{"language":"en","answers":{"texts":{"a":"x"},"texts":["x"]}}"#, #"{"language":"en","answers":null}"#,
        #"{"language":"en","answers":{"choices":{"a":1,}}}"#, #"{"language":"en","answers":{"texts":{"a":"unterminated}}}"#,
    ])
    func refuses(_ body: String) {
        #expect(throws: RespondBodyReader.Malformed.self) { try Self.read(body) }
    }

    @Test("refuses bytes that are not UTF-8")
    func notUTF8() {
        let bytes = Array(#"{"language":"en","answers":{"texts":{"a":""#.utf8) + [0xFF, 0xFE] + Array(#""}}}"#.utf8)
        #expect(throws: RespondBodyReader.Malformed.self) { try RespondBodyReader.draft(from: bytes) }
    }
}
