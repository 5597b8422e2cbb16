/// The tables an INSERT … SELECT query writes and reads, found by scanning its identifiers, so
/// IAM and Glue permissions can be scoped to exactly those tables.
public struct QueryTables: Equatable, Sendable {
    public struct TableName: Equatable, Hashable, Sendable {
        public var database: String
        public var table: String
        public init(_ database: String, _ table: String) {
            self.database = database
            self.table = table
        }
    }

    /// Tables after `INSERT INTO`.
    public var written: [TableName]
    /// Tables named `<catalog>.<database>.<table>` with the given catalog.
    public var read: [TableName]

    /// Scans `sql` (comments and string literals skipped; names compared case-insensitively, as
    /// Athena lower-cases them) for tables written and tables read from `catalog`.
    public init(sql: String, readCatalog catalog: String) {
        let tokens = QueryTables.tokens(sql)
        var written: [TableName] = []
        var read: [TableName] = []
        for (index, token) in tokens.enumerated() {
            guard case .name(let parts) = token else { continue }
            if parts.count == 3, parts[0] == catalog.lowercased() {
                let name = TableName(parts[1], parts[2])
                if !read.contains(name) { read.append(name) }
            }
            if index >= 2, case .word("into") = tokens[index - 1], case .word("insert") = tokens[index - 2] {
                let tail = parts.suffix(2)
                if tail.count == 2 {
                    let name = TableName(tail.first!, tail.last!)
                    if !written.contains(name) { written.append(name) }
                }
            }
        }
        self.written = written
        self.read = read
    }

    enum Token: Equatable {
        case word(String)
        case name([String])
        case other
    }

    /// Words and dotted names, lower-cased; quotes around identifiers removed.
    static func tokens(_ sql: String) -> [Token] {
        let scalars = Array(sql.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
        }
        func readPart() -> String? {
            guard index < scalars.count else { return nil }
            let first = scalars[index]
            if first == "\"" || first == "`" {
                var part = ""
                index += 1
                while index < scalars.count, scalars[index] != first {
                    part.unicodeScalars.append(scalars[index])
                    index += 1
                }
                index += 1
                return part.lowercased()
            }
            guard isIdentifier(first) else { return nil }
            var part = ""
            while index < scalars.count, isIdentifier(scalars[index]) {
                part.unicodeScalars.append(scalars[index])
                index += 1
            }
            return part.lowercased()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "-", index + 1 < scalars.count, scalars[index + 1] == "-" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else if scalar == "/", index + 1 < scalars.count, scalars[index + 1] == "*" {
                index += 2
                while index + 1 < scalars.count, !(scalars[index] == "*" && scalars[index + 1] == "/") { index += 1 }
                index += 2
            } else if scalar == "'" {
                index += 1
                while index < scalars.count, scalars[index] != "'" { index += 1 }
                index += 1
            } else if isIdentifier(scalar) || scalar == "\"" || scalar == "`" {
                let quoted = scalar == "\"" || scalar == "`"
                var parts: [String] = []
                while let part = readPart() {
                    parts.append(part)
                    guard index < scalars.count, scalars[index] == "." else { break }
                    index += 1
                }
                if parts.count == 1 && !quoted { tokens.append(.word(parts[0])) } else { tokens.append(.name(parts)) }
            } else {
                if !(scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r") { tokens.append(.other) }
                index += 1
            }
        }
        return tokens
    }
}
