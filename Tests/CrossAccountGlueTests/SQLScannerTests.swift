import XCTest

@testable import CrossAccountGlue

/// The scanners of the seed's SQL files read bytes where each byte is one Character, and
/// Characters elsewhere: they must give what the Character-based code they replaced gave, which
/// these tests keep as the specification.
final class SQLScannerTests: XCTestCase {
    // MARK: The replaced implementations

    static func referencePlaceholders(in text: String, style: SQLTemplate.Style) -> [String] {
        let (open, close): (String, Character) = style == .dollarBraces ? ("${", "}") : ("<", ">")
        var names: [String] = []
        var rest = text[...]
        while let start = rest.firstRange(of: open) {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: close) else { break }
            let name = String(after[..<end])
            let isName =
                !name.isEmpty
                && name.unicodeScalars.allSatisfy {
                    ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || (style == .dollarBraces && ("a"..."z").contains($0))
                }
            if isName, !names.contains(name) { names.append(name) }
            rest = isName ? after[after.index(after: end)...] : after
        }
        return names
    }

    static func trimmingSpaces(_ text: some StringProtocol) -> Substring {
        var slice = Substring(text)
        while let first = slice.first, first == " " || first == "\n" || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\n" || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return slice
    }

    static func referenceStatements(_ sql: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            current.append(line)
            if trimmingSpaces(line).hasSuffix(";") {
                let statement = trimmingSpaces(current.joined(separator: "\n"))
                if !statement.isEmpty { result.append(String(statement.dropLast())) }
                current = []
            }
        }
        let rest = trimmingSpaces(current.joined(separator: "\n"))
        if !rest.isEmpty { result.append(String(rest)) }
        return result
    }

    static func referenceDrops(for ddl: [String]) -> [String] {
        var tables: [String] = []
        var databases: [String] = []
        for statement in ddl {
            let words: [String] = statement.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { String($0) }
            if let index = words.firstIndex(of: "EXISTS"), index + 1 < words.count {
                if statement.hasPrefix("CREATE EXTERNAL TABLE") { tables.append(words[index + 1]) }
                if statement.hasPrefix("CREATE DATABASE") { databases.append(words[index + 1]) }
            }
        }
        return tables.reversed().map { "DROP TABLE IF EXISTS \($0)" } + databases.reversed().map { "DROP DATABASE IF EXISTS \($0)" }
    }

    static func referenceFileText(_ statements: [String]) -> String {
        statements.map { $0 + ";" }.joined(separator: "\n\n") + "\n"
    }

    // MARK: Awkward inputs

    static let placeholderTexts = [
        "", "$", "${", "}", "<", ">", "<>", "${}", "${A}", "<B>", "x${A}", "${A}x", "<A>x<B>", "${A}${A}${b_1}", "<a>", "<A><A>", "${A${B}}",
        "<<A>>", "<A", "A>", "${ A}", "<A B>", "${A-B}", "<A_1>\n<B2>", "'<A>'", "-- <A>\n<B>", "/* ${A} */", "<A>\r\n<B>", "<\r\n>",
        // Non-ASCII: names, and marks that join a delimiter into one Character with a combining
        // mark (U+0301, U+20DD) or a prepended sign (U+0600).
        "<データ>", "${é}", "<É>", "<A\u{301}>", "<A>\u{301}", "<\u{301}A>", "${A}\u{20DD}", "${A}\u{20DD}${B}", "\u{600}<A>", "\u{600}${A}",
        "$\u{301}{A}", "<A>é<B>", "é<A>", "<A>é", "≮A>", "<A≯",
    ]

    static let sqlTexts = [
        "", " ", ";", " ; ", "\n", "\n\n", ";;", "a;b;\n", "a\n;\nb", "x INT\n", "CREATE DATABASE a;\n\nCREATE TABLE a.b (\nx INT\n);\n",
        "SELECT 1 ;  \n\t\nSELECT 2;", "  ;  \n  ;", "SELECT ';'\n;", "INSERT INTO t VALUES ('a;\nb');\n", "-- note;\nSELECT 1; -- trailing\n",
        "/* a;\n*/ SELECT 1;\n", "SELECT 1;\r\nSELECT 2;\r\n", "SELECT 1;\r\n", "x;\r", "\r;\n", "a\r\n;", "\r\n", "\t;\t",
        "CREATE DATABASE IF NOT EXISTS データ;\nCREATE EXTERNAL TABLE IF NOT EXISTS データ.表 (\nx INT\n);",
        "SELECT 1\u{037E}\nSELECT 2;", "SELECT 1;\u{301}\nSELECT 2;", "SELECT 1 \u{301};\n", "é;\n;é\né", "\u{600};\nSELECT 2;",
    ]

    static let createTexts = [
        "CREATE DATABASE IF NOT EXISTS x;\nCREATE EXTERNAL TABLE IF NOT EXISTS x.y (\nid INT\n);\nCREATE DATABASE IF NOT EXISTS z;",
        "CREATE DATABASE IF NOT EXISTS", "CREATE DATABASE IF NOT EXISTS EXISTS x", "CREATE DATABASE EXISTS", "CREATE DATABASEIF NOT EXISTS x",
        "CREATE EXTERNAL TABLE IF NOT EXISTS\na.b (\nx INT\n)", "CREATE  DATABASE IF NOT EXISTS x", "create database if not exists x",
        "CREATE DATABASE IF NOT EXISTS\tx", "CREATE DATABASE IF NOT EXISTS  \n x\ny",
        "CREATE DATABASE IF NOT EXISTS x\r\ny;\nCREATE DATABASE\r\nIF EXISTS y",
        "CREATE TABLE IF NOT EXISTS a.b", "CREATE DATABASE a; CREATE DATABASE IF NOT EXISTS b", "DROP DATABASE IF EXISTS x",
        "CREATE DATABASE\u{20DD} IF NOT EXISTS x", "CREATE DATABASE\u{301} IF NOT EXISTS x", "CREATE DATABASE IF NOT EXISTS x\u{301}",
        "CREATE DATABASE IF NOT EXISTS データ;\nCREATE EXTERNAL TABLE IF NOT EXISTS データ.表 (\nx INT\n);",
        "CREATE DATABASE IF NOT EXISTS \u{301}x", "CREATE DATABASE IF NOT EXIST\u{301}S x", "\u{600}CREATE DATABASE IF NOT EXISTS x",
    ]

    // MARK: Tests

    func testPlaceholdersAreTheCharacterScansInBothStyles() {
        for text in Self.placeholderTexts {
            for style in [SQLTemplate.Style.dollarBraces, .angleBrackets] {
                XCTAssertEqual(
                    SQLTemplate.placeholders(in: text, style: style), Self.referencePlaceholders(in: text, style: style),
                    "\(text.debugDescription) \(style)")
            }
        }
    }

    func testSomeAwkwardPlaceholdersAreFoundOrNot() {
        XCTAssertEqual(SQLTemplate.placeholders(in: "<A>x<B>y<A>", style: .angleBrackets), ["A", "B"])
        XCTAssertEqual(SQLTemplate.placeholders(in: "${A${B}}", style: .dollarBraces), ["B"])
        XCTAssertEqual(SQLTemplate.placeholders(in: "<A>\u{301}", style: .angleBrackets), [], "\">\" joined with a combining mark closes nothing")
        XCTAssertEqual(SQLTemplate.placeholders(in: "<A>é<B>", style: .angleBrackets), ["A", "B"])
    }

    func testFillReportsEveryUnknownPlaceholderOnce() {
        XCTAssertEqual(
            SQLTemplate.fill("s3://<BUCKET>/<OTHER>/<BUCKET>/<OTHER>", style: .angleBrackets, values: [("BUCKET", "b")]),
            .failure(SQLTemplate.UnknownPlaceholders(names: ["OTHER"])))
        XCTAssertEqual(SQLTemplate.fill("データ ${A}", style: .dollarBraces, values: [("A", "x")]), .success("データ x"))
    }

    func testStatementsAreTheCharacterSplit() {
        for text in Self.sqlTexts + Self.createTexts {
            XCTAssertEqual(DeployPlan.statements(text), Self.referenceStatements(text), text.debugDescription)
        }
    }

    func testStatementRangesPointIntoTheText() {
        let text = "é;\nSELECT 'データ';\n  tail  "
        let statements = SQLStatements(splitting: text)
        XCTAssertEqual(statements.strings, ["é", "SELECT 'データ'", "tail"])
        XCTAssertEqual(statements.ranges.map(\.count), [2, 18, 4])
    }

    func testDropsAreTheCharacterScan() {
        for text in Self.sqlTexts + Self.createTexts {
            XCTAssertEqual(
                DeployPlan.dropStatements(for: SQLStatements(splitting: text)).strings, Self.referenceDrops(for: Self.referenceStatements(text)),
                text.debugDescription)
        }
    }

    func testStatementsAppendedAreLaidOutAsTheDDLFile() {
        for statements in [[], ["a"], ["CREATE DATABASE a", "CREATE TABLE a.b (\nx INT\n)", "MSCK REPAIR TABLE a.b"], ["", "データ"]] {
            var built = SQLStatements()
            for statement in statements { built.append { $0.append(statement) } }
            XCTAssertEqual(built.strings, statements)
            XCTAssertEqual(built.fileText.text, Self.referenceFileText(statements), "\(statements)")
        }
    }
}
