/// Checks Hive column types as Athena's DDL accepts them: primitives, `decimal(p,s)`,
/// `char(n)`, `varchar(n)`, and nested `array<…>`, `map<…,…>` and `struct<name:type,…>`.
public enum HiveType {
    static let primitives: Set<String> = [
        "boolean", "tinyint", "smallint", "int", "integer", "bigint", "float", "double", "string",
        "binary", "date", "timestamp",
    ]

    /// A partition key's type: a primitive (not `binary`), a decimal or a bounded string; Glue
    /// stores partition values as strings, which nested types cannot be.
    public static func isPartitionKeyType(_ type: String) -> Bool {
        let name = type.lowercased().prefix { $0 != "(" && $0 != " " }
        return isValid(type) && name != "binary" && (primitives.contains(String(name)) || ["decimal", "char", "varchar"].contains(name))
    }

    public static func isValid(_ type: String) -> Bool {
        // A primitive as Athena spells it is valid as it stands: no need to lower-case and parse it.
        if primitives.contains(type) { return true }
        var parser = Parser(text: Array(type.lowercased().unicodeScalars))
        return parser.parseType() && parser.atEnd
    }

    private struct Parser {
        let text: [Unicode.Scalar]
        var index = 0

        var atEnd: Bool { index == text.count }

        mutating func skipSpaces() { while index < text.count, text[index] == " " { index += 1 } }

        mutating func word() -> String {
            skipSpaces()
            var result = ""
            while index < text.count, ("a"..."z").contains(text[index]) || ("0"..."9").contains(text[index]) || text[index] == "_" {
                result.unicodeScalars.append(text[index])
                index += 1
            }
            return result
        }

        mutating func expect(_ scalar: Unicode.Scalar) -> Bool {
            skipSpaces()
            guard index < text.count, text[index] == scalar else { return false }
            index += 1
            return true
        }

        mutating func number() -> Int? {
            let digits = word()
            return digits.isEmpty ? nil : Int(digits)
        }

        mutating func parseType() -> Bool {
            let name = word()
            switch name {
            case _ where primitives.contains(name):
                return true
            case "decimal":
                skipSpaces()
                guard index < text.count, text[index] == "(" else { return true }
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
