/// SQL statements in one UTF-8 text, each a byte range of it: a DDL file and the statements the
/// deploy plan runs, without a String per statement (a thousand tables are a few thousand).
struct SQLStatements: Sendable {
    /// The text the statements are ranges of.
    private(set) var text: TextBuffer
    private(set) var ranges: [Range<Int>] = []

    init(capacity: Int = 0) {
        text = TextBuffer(capacity: capacity)
    }

    /// The statements of a DDL file, split at the `;` that ends a line (the `;` dropped), each
    /// trimmed of spaces, tabs and line breaks; what follows the last such `;` is one more.
    init(splitting sql: String) {
        text = TextBuffer(capacity: sql.utf8.count)
        text.append(sql)
        // Splitting bytes, where each is one Character, avoids decoding Characters (nearly every file).
        let fromBytes = text.withBytes { bytes in
            SQLTextUnits.bytesAreCharacters(bytes) ? SQLStatements.statementRanges(bytes) : nil
        }
        if let fromBytes {
            ranges = fromBytes
        } else {
            let characters = Array(sql)
            let offsets = SQLTextUnits.byteOffsets(characters)
            ranges = SQLStatements.statementRanges(characters).map { offsets[$0.lowerBound]..<offsets[$0.upperBound] }
        }
    }

    var isEmpty: Bool { ranges.isEmpty }
    var count: Int { ranges.count }

    /// The statements as Strings.
    var strings: [String] {
        ranges.map { text.text(in: $0) }
    }

    /// Appends a statement that `write` writes, laid out as in a DDL file: `;` after each, a blank
    /// line between them.
    mutating func append(_ write: (inout TextBuffer) -> Void) {
        if !ranges.isEmpty { text.append("\n\n") }
        let start = text.count
        write(&text)
        ranges.append(start..<text.count)
        text.append(byte: UInt8(ascii: ";"))
    }

    /// The appended statements as a DDL file: each ends with `;`, a blank line between them, a
    /// newline at the end.
    var fileText: TextBuffer {
        var file = text
        file.append(byte: UInt8(ascii: "\n"))
        return file
    }

    /// Where the statements of `units` lie (see `init(splitting:)`).
    private static func statementRanges<Units: RandomAccessCollection>(_ units: Units) -> [Range<Int>]
    where Units.Element: SQLTextUnit, Units.Index == Int {
        var result: [Range<Int>] = []
        var statementStart = units.startIndex
        var lineStart = units.startIndex
        while lineStart <= units.endIndex {
            let lineEnd = units[lineStart...].firstIndex(of: .ascii("\n")) ?? units.endIndex
            let line = trimmed(units, lineStart..<lineEnd)
            if !line.isEmpty, units[line.upperBound - 1] == .ascii(";") {
                let statement = trimmed(units, statementStart..<lineEnd)
                if !statement.isEmpty { result.append(statement.lowerBound..<(statement.upperBound - 1)) }
                statementStart = lineEnd + 1
            }
            lineStart = lineEnd + 1
        }
        let rest = trimmed(units, min(statementStart, units.endIndex)..<units.endIndex)
        if !rest.isEmpty { result.append(rest) }
        return result
    }

    /// `range` without the spaces, tabs and line breaks at either end.
    private static func trimmed<Units: RandomAccessCollection>(_ units: Units, _ range: Range<Int>) -> Range<Int>
    where Units.Element: SQLTextUnit, Units.Index == Int {
        func isSpace(_ unit: Units.Element) -> Bool {
            unit == .ascii(" ") || unit == .ascii("\n") || unit == .ascii("\t") || unit == .ascii("\r")
        }
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(units[lower]) { lower += 1 }
        while upper > lower, isSpace(units[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
