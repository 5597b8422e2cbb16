/// Reads JSON text into `JSON`, keeping object member order, and reports malformed input
/// with the line and column where reading stopped.
public enum JSONParser {
    public struct SyntaxError: Error, Equatable, CustomStringConvertible, Sendable {
        public let line: Int
        public let column: Int
        public let message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    public static func parse(_ text: String) throws(SyntaxError) -> JSON {
        try parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSON {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> JSON in
            var reader = Reader(bytes: buffer)
            reader.skipWhitespace()
            let value = try reader.readValue(depth: 0)
            reader.skipWhitespace()
            if reader.index < buffer.count {
                throw reader.error("unexpected text after the JSON value")
            }
            return value
        }
    }

    private struct Reader: ~Copyable {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var pendingMembers = PendingValueStack<JSON.Member>()
        var pendingElements = PendingValueStack<JSON>()
        var strings: ParsedStringCache
        static let maximumDepth = 512
        static let eightSpaces: UInt64 = 0x2020_2020_2020_2020

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            strings = ParsedStringCache(input: bytes)
            // A UTF-8 byte order mark is allowed and ignored.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        func error(_ message: String) -> SyntaxError {
            var line = 1
            var column = 1
            for byte in bytes[..<min(index, bytes.count)] {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return SyntaxError(line: line, column: column, message: message)
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        @inline(__always)
        mutating func skipWhitespace() {
            // Most values and punctuation follow each other directly, or after one space (`": "`).
            guard index < bytes.count, bytes[index] <= 0x20 else { return }
            if bytes[index] == UInt8(ascii: " "), index + 1 < bytes.count, bytes[index + 1] > 0x20 {
                index += 1
                return
            }
            skipWhitespaceRun()
        }

        @inline(__always)
        mutating func skipWhitespaceRun() {
            var position = index
            while position < bytes.count {
                let byte = bytes[position]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { break }
                position += 1
                // Indentation follows: a run of spaces, eight at a time.
                while position + ByteWords.width <= bytes.count {
                    let others = ByteWords.word(bytes, at: position) ^ Reader.eightSpaces
                    if others != 0 {
                        position += ByteWords.firstMarked(others)
                        break
                    }
                    position += ByteWords.width
                }
            }
            index = position
        }

        @inline(__always)
        mutating func readValue(depth: Int) throws(SyntaxError) -> JSON {
            guard depth < Reader.maximumDepth else { throw error("nesting is deeper than \(Reader.maximumDepth) levels") }
            guard let byte = current else { throw error("unexpected end of input, expected a value") }
            switch byte {
            case UInt8(ascii: "{"): return try readObject(depth: depth)
            case UInt8(ascii: "["): return try readArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try readString())
            case UInt8(ascii: "t"):
                try readLiteral("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try readLiteral("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try readLiteral("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
            default: throw error("unexpected character '\(Character(Unicode.Scalar(byte)))', expected a value")
            }
        }

        mutating func readLiteral(_ word: String) throws(SyntaxError) {
            for expected in word.utf8 {
                guard current == expected else { throw error("invalid literal, expected '\(word)'") }
                index += 1
            }
        }

        mutating func readObject(depth: Int) throws(SyntaxError) -> JSON {
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                return .object([])
            }
            let first = pendingMembers.count
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a quoted key") }
                let keyStart = index
                let key = try readString()
                let keyLength = key.utf8.count
                if pendingMembers.contains(from: first, where: { $0.key.utf8.count == keyLength && $0.key == key }) {
                    index = keyStart
                    throw error("duplicate key \"\(key)\"")
                }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
                index += 1
                skipWhitespace()
                let value = try readValue(depth: depth + 1)
                pendingMembers.push(JSON.Member(key, value))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return .object(pendingMembers.pop(from: first))
                case nil: throw error("unexpected end of input, expected ',' or '}'")
                default: throw error("expected ',' or '}' after a member")
                }
            }
        }

        mutating func readArray(depth: Int) throws(SyntaxError) -> JSON {
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return .array([])
            }
            let first = pendingElements.count
            while true {
                skipWhitespace()
                pendingElements.push(try readValue(depth: depth + 1))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return .array(pendingElements.pop(from: first))
                case nil: throw error("unexpected end of input, expected ',' or ']'")
                default: throw error("expected ',' or ']' after an element")
                }
            }
        }

        @inline(__always)
        mutating func readString() throws(SyntaxError) -> String {
            let start = index + 1
            index = endOfPlainText(from: start)
            // Fast path: no escapes, so the bytes between the quotes are the string.
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                let text = strings.string(start..<index)
                index += 1
                return text
            }
            return try readEscapedString(from: start)
        }

        /// The rest of a string whose text needs decoding (or is malformed), from `start`, with
        /// the plain text before `index` already scanned. Kept out of `readString`, whose fast
        /// path then sets up no frame for the decoding.
        @inline(never)
        mutating func readEscapedString(from start: Int) throws(SyntaxError) -> String {
            var buffer = Array(bytes[start..<index])
            while true {
                guard let byte = current else { throw error("unterminated string") }
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: buffer, as: UTF8.self)
                }
                if byte < 0x20 { throw error("control character in string; escape it") }
                if byte != UInt8(ascii: "\\") {
                    buffer.append(byte)
                    index += 1
                    continue
                }
                index += 1
                guard let escape = current else { throw error("unterminated escape") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try readHex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate in \\u escape")
                        }
                        index += 2
                        let low = try readHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("invalid low surrogate in \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    index -= 1
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
                }
            }
        }

        /// Where the string's text that needs no decoding ends, from `start`: at the closing
        /// quote, a backslash, a control character or the end of the input.
        @inline(__always)
        func endOfPlainText(from start: Int) -> Int {
            var position = start
            while position + ByteWords.width <= bytes.count {
                let word = ByteWords.word(bytes, at: position)
                let stops =
                    ByteWords.marks(of: UInt8(ascii: "\""), in: word) | ByteWords.marks(of: UInt8(ascii: "\\"), in: word)
                    | ByteWords.marks(below: 0x20, in: word)
                if stops != 0 { return position + ByteWords.firstMarked(stops) }
                position += ByteWords.width
            }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                position += 1
            }
            return position
        }

        mutating func readHex4() throws(SyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current else { throw error("unterminated \\u escape") }
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("invalid hex digit in \\u escape")
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }

        mutating func readNumber() throws(SyntaxError) -> JSON {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            func digits(_ reader: inout Reader) -> Int {
                var count = 0
                while let byte = reader.current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    reader.index += 1
                    count += 1
                }
                return count
            }
            let integerStart = index
            guard digits(&self) > 0 else { throw error("invalid number") }
            if bytes[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 {
                throw error("invalid number: leading zero")
            }
            var isInteger = true
            if current == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard digits(&self) > 0 else { throw error("invalid number: digits expected after '.'") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits(&self) > 0 else { throw error("invalid number: digits expected in exponent") }
            }
            if isInteger, let integer = wholeNumber(digits: integerStart..<index, negative: integerStart > start) { return .int(integer) }
            guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { throw error("invalid number") }
            return .double(number)
        }

        /// The Int that the decimal digits `bytes[digits]` spell (negated when `negative`), or nil
        /// when it does not fit: what `Int(text)` gives, without making the text.
        func wholeNumber(digits: Range<Int>, negative: Bool) -> Int? {
            var magnitude: UInt = 0
            for position in digits {
                let (shifted, shiftOverflow) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, sumOverflow) = shifted.addingReportingOverflow(UInt(bytes[position] - UInt8(ascii: "0")))
                if shiftOverflow || sumOverflow { return nil }
                magnitude = sum
            }
            if negative { return magnitude <= UInt(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil }
            return magnitude <= UInt(Int.max) ? Int(magnitude) : nil
        }
    }
}
