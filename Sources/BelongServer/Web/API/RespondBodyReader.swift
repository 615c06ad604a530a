import Foundation

/// Reads a submission's JSON body (`RespondAPI.Draft`) straight from its bytes. Every survey
/// submission passes through here, and Foundation's `JSONDecoder` spent more time on a 20-answer body
/// than the rest of the handler; this reader accepts the same documents (unknown keys ignored, `null`
/// for an absent part) and refuses anything that is not strict JSON.
enum RespondBodyReader {
    struct Malformed: Error {}

    static func draft(from bytes: some Collection<UInt8>) throws -> RespondAPI.Draft {
        var parser = Parser(bytes: Array(bytes))
        let value = try parser.document()
        guard case .object(let top) = value, case .string(let language)? = top["language"] else { throw Malformed() }
        guard case .object(let fields)? = top["answers"] else { throw Malformed() }
        let answers = RespondAPI.Answers(
            choices: try optional(fields["choices"]) { value -> [String: Int] in
                guard case .object(let choices) = value else { throw Malformed() }
                return try choices.mapValues { guard case .integer(let number) = $0 else { throw Malformed() }; return number }
            },
            texts: try optional(fields["texts"]) { value -> [String: String] in
                guard case .object(let texts) = value else { throw Malformed() }
                return try texts.mapValues { guard case .string(let text) = $0 else { throw Malformed() }; return text }
            },
            adults: try optional(fields["adults"]) { value -> [UUID] in
                guard case .array(let adults) = value else { throw Malformed() }
                return try adults.map { guard case .string(let text) = $0, let id = UUID(uuidString: text) else { throw Malformed() }; return id }
            }
        )
        return RespondAPI.Draft(language: language, answers: answers)
    }

    /// An absent part and `null` are the same: nothing sent.
    static func optional<T>(_ value: Value?, _ read: (Value) throws -> T) throws -> T? {
        switch value {
        case nil, .null?: nil
        case let value?: try read(value)
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

        mutating func document() throws -> Value {
            let value = try self.value()
            skipSpace()
            guard index == bytes.count else { throw Malformed() }
            return value
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
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
            try nest()
            index += 1
            var fields: [String: Value] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(fields)
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed() }
                let key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Malformed() }
                index += 1
                fields[key] = try value()
                skipSpace()
                guard index < bytes.count else { throw Malformed() }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                guard bytes[index] == UInt8(ascii: "}") else { throw Malformed() }
                index += 1
                depth -= 1
                return .object(fields)
            }
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
            var out: [UInt8] = []
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
            if whole, let number = Int(String(decoding: bytes[start..<index], as: UTF8.self)) { return .integer(number) }
            return .number
        }
    }
}
