/// Checks Hive column types as Athena's DDL accepts them: primitives, `decimal(p,s)`,
/// `char(n)`, `varchar(n)`, and nested `array<…>`, `map<…,…>` and `struct<name:type,…>`.
public enum HiveType {
    static let primitives = [
        "boolean", "tinyint", "smallint", "int", "integer", "bigint", "float", "double", "string",
        "binary", "date", "timestamp",
    ]

    /// A partition key's type: a primitive (not `binary`), a decimal or a bounded string; Glue
    /// stores partition values as strings, which nested types cannot be.
    public static func isPartitionKeyType(_ type: String) -> Bool {
        let name = type.lowercased().prefix { $0 != "(" && $0 != " " }
        return isValid(type) && name != "binary" && (isPrimitive(String(name)) || ["decimal", "char", "varchar"].contains(name))
    }

    public static func isValid(_ type: String) -> Bool {
        // A primitive as Athena spells it is valid as it stands: no need to lower-case and parse it.
        if isPrimitive(type) { return true }
        var parser = Parser(text: Array(type.lowercased().utf8))
        return parser.parseType() && parser.atEnd
    }

    /// `primitives` by their length in bytes, so a name is compared only with those of its length.
    static let primitivesByLength: [[String]] = {
        var table = [[String]](repeating: [], count: (primitives.map(\.utf8.count).max() ?? 0) + 1)
        for name in primitives { table[name.utf8.count].append(name) }
        return table
    }()

    /// Whether `name` is one of `primitives`. Only the same bytes are equal to a name of
    /// lower-case ASCII letters, so a name of another length is another name.
    static func isPrimitive(_ name: String) -> Bool {
        let length = name.utf8.count
        return length < primitivesByLength.count && primitivesByLength[length].contains(name)
    }

    /// Reads the lower-cased type's UTF-8 bytes: every byte the grammar accepts is ASCII, so a
    /// character outside ASCII stops the parse where it stands, as it would in the characters.
    private struct Parser {
        let text: [UInt8]
        var index = 0

        var atEnd: Bool { index == text.count }

        mutating func skipSpaces() { while index < text.count, text[index] == UInt8(ascii: " ") { index += 1 } }

        /// The next run of letters, digits and underscores, after any spaces.
        mutating func word() -> ArraySlice<UInt8> {
            skipSpaces()
            let start = index
            while index < text.count, Parser.isWordByte(text[index]) { index += 1 }
            return text[start..<index]
        }

        static func isWordByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }

        mutating func expect(_ character: Unicode.Scalar) -> Bool {
            skipSpaces()
            guard index < text.count, text[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// The next word as a whole number: what `Int(word)` makes of it, read from the digits.
        mutating func number() -> Int? {
            let digits = word()
            guard !digits.isEmpty else { return nil }
            var value = 0
            for byte in digits {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, sumOverflow) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                if shiftOverflow || sumOverflow { return nil }
                value = sum
            }
            return value
        }

        mutating func parseType() -> Bool {
            let name = String(decoding: word(), as: UTF8.self)
            switch name {
            case _ where HiveType.isPrimitive(name):
                return true
            case "decimal":
                skipSpaces()
                guard index < text.count, text[index] == UInt8(ascii: "(") else { return true }
                index += 1
                guard let precision = number(), (1...38).contains(precision) else { return false }
                if expect(",") {
                    guard let scale = number(), scale <= precision else { return false }
                }
                return expect(")")
            case "char", "varchar":
                guard expect("("), let length = number(), length >= 1, length <= (name == "char" ? 255 : 65535) else { return false }
                return expect(")")
            case "array":
                return expect("<") && parseType() && expect(">")
            case "map":
                return expect("<") && parseType() && expect(",") && parseType() && expect(">")
            case "struct":
                guard expect("<") else { return false }
                repeat {
                    guard !word().isEmpty, expect(":"), parseType() else { return false }
                } while expect(",")
                return expect(">")
            default:
                return false
            }
        }
    }
}
