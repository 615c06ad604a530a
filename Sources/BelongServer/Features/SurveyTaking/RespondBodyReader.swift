import Foundation

/// Reads a submission's JSON body (`RespondAPI.Draft`) straight from its bytes. Every survey
/// submission passes through here, and Foundation's `JSONDecoder` spent more time on a 20-answer body
/// than the rest of the handler; this reader accepts the same documents (unknown keys ignored, `null`
/// for an absent part) and refuses anything that is not strict JSON.
enum RespondBodyReader {
    struct Malformed: Error {}

    static func draft(from bytes: some Collection<UInt8>) throws -> RespondAPI.Draft {
        var parser = Parser(bytes: Array(bytes))
        // Members are read into their types as they come (a later duplicate replaces an earlier one, as
        // in a dictionary); a member of the wrong type is refused once the whole document has parsed.
        var language: Typed<String> = .absent, answers: Typed<RespondAPI.Answers> = .absent
        try parser.members { parser, key in
            switch key {
            case "language": language = Typed(try parser.value()) { if case .string(let text) = $0 { text } else { nil } }
            case "answers": answers = try parser.answers()
            default: _ = try parser.value()
            }
        }
        try parser.end()
        guard case .value(let language) = language, case .value(let answers) = answers else { throw Malformed() }
        return RespondAPI.Draft(language: language, answers: answers)
    }

    /// A member as read: missing, `null`, of the type wanted, or not.
    enum Typed<T> {
        case absent, null, value(T), wrong

        init(_ value: Value, _ read: (Value) -> T?) {
            if case .null = value { self = .null } else { self = read(value).map(Typed.value) ?? .wrong }
        }

        /// An absent part and `null` are the same: nothing sent.
        func optional() throws -> T? {
            switch self {
            case .absent, .null: nil
            case .value(let value): value
            case .wrong: throw Malformed()
            }
        }
    }

    enum Value {
        case object([String: Value])
        case array([Value])
        case string(String)
        case integer(Int)
        case number
        case bool
        case null
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// Only white space may follow the document.
        mutating func end() throws {
            skipSpace()
            guard index == bytes.count else { throw Malformed() }
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        /// The members of the object that must come next, each handed over with the parser on its value.
        mutating func members(_ each: (inout Parser, String) throws -> Void) throws {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Malformed() }
            try nest()
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed() }
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed() }
                index += 1
                try each(&self, key)
                skipSpace()
                guard index < bytes.count else { throw Malformed() }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { throw Malformed() }
                index += 1
                depth -= 1
                return
            }
        }

        /// The next value is an object (read by `members`), `null`, or something else (read, and wrong).
        mutating func typedObject<T>(_ read: (inout Parser) throws -> T?) throws -> Typed<T> {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
                return Typed(try value()) { _ in nil }
            }
            return try read(&self).map(Typed.value) ?? .wrong
        }

        /// `answers`: choices (whole numbers), texts (strings) and adults (ids), each optional.
        mutating func answers() throws -> Typed<RespondAPI.Answers> {
            try typedObject { parser in
                var choices: Typed<[String: Int]> = .absent, texts: Typed<[String: String]> = .absent, adults: Typed<[UUID]> = .absent
                try parser.members { parser, key in
                    switch key {
                    case "choices": choices = try parser.map { if case .integer(let number) = $0 { number } else { nil } }
                    case "texts": texts = try parser.map { if case .string(let text) = $0 { text } else { nil } }
                    case "adults":
                        adults = Typed(try parser.value()) { value in
                            guard case .array(let items) = value else { return nil }
                            var ids: [UUID] = []
                            for item in items {
                                guard case .string(let text) = item, let id = UUID(uuidString: text) else { return nil }
                                ids.append(id)
                            }
                            return ids
                        }
                    default: _ = try parser.value()
                    }
                }
                // A part of the wrong type makes this `answers` wrong, which a later `answers` member may still replace.
                return try? RespondAPI.Answers(choices: choices.optional(), texts: texts.optional(), adults: adults.optional())
            }
        }

        /// An object whose every member `convert` accepts, straight into a dictionary.
        mutating func map<T>(_ convert: (Value) -> T?) throws -> Typed<[String: T]> {
            try typedObject { parser in
                var result: [String: T] = [:], fits = true
                try parser.members { parser, key in
                    if let converted = convert(try parser.value()) { result[key] = converted } else { fits = false }
                }
                return fits ? result : nil
            }
        }

        mutating func value() throws -> Value {
            skipSpace()
            guard index < bytes.count else { throw Malformed() }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool
            case UInt8(ascii: "f"): try literal("false"); return .bool
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return try number()
            }
        }

        mutating func literal(_ word: StaticString) throws {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw Malformed() }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Malformed() }
            index += count
        }

        mutating func nest() throws {
            depth += 1
            guard depth <= 32 else { throw Malformed() }
        }

        mutating func object() throws -> Value {
            var fields: [String: Value] = [:]
            try members { parser, key in fields[key] = try parser.value() }
            return .object(fields)
        }

        mutating func array() throws -> Value {
            try nest()
            index += 1
            var items: [Value] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(items)
            }
            while true {
                items.append(try value())
                skipSpace()
                guard index < bytes.count else { throw Malformed() }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "]") else { throw Malformed() }
                index += 1
                depth -= 1
                return .array(items)
            }
        }

        /// A string, from its opening quote; escapes decoded, control characters refused, UTF-8 checked.
        mutating func string() throws -> String {
            index += 1
            // Most strings (ids, most answers) have no escape: made straight from their bytes.
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                let text = bytes.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[index..<end]), as: UTF8.self) }
                guard let text else { throw Malformed() }
                index = end + 1
                return text
            }
            var out: [UInt8] = Array(bytes[index..<end])
            index = end
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard let text = String(validating: out, as: UTF8.self) else { throw Malformed() }
                    return text
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { throw Malformed() }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            try literal("\\u")
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw Malformed() }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw Malformed() }
                        out.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default: throw Malformed()
                    }
                case 0..<0x20: throw Malformed()
                default: out.append(byte)
                }
            }
            throw Malformed()
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw Malformed() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Malformed()
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }

        /// A number in JSON's grammar; whole numbers that fit an Int come back as `.integer`.
        mutating func number() throws -> Value {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            let integerDigits = index - digitsStart
            guard integerDigits > 0, !(integerDigits > 1 && bytes[digitsStart] == UInt8(ascii: "0")) else { throw Malformed() }
            var whole = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                whole = false
                index += 1
                let fraction = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                guard index > fraction else { throw Malformed() }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                whole = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                let exponent = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                guard index > exponent else { throw Malformed() }
            }
            guard whole else { return .number }
            // Whole numbers read digit by digit, counting down so that Int.min fits; one beyond an Int is still a number.
            var number = 0
            for digit in bytes[digitsStart..<index] {
                let (times, overflowTimes) = number.multipliedReportingOverflow(by: 10)
                let (next, overflowNext) = times.subtractingReportingOverflow(Int(digit - UInt8(ascii: "0")))
                guard !overflowTimes, !overflowNext else { return .number }
                number = next
            }
            if bytes[start] == UInt8(ascii: "-") { return .integer(number) }
            return number == .min ? .number : .integer(-number)
        }
    }
}
