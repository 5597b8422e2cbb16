import CloudFormation
import XCTest

/// The parser's fast paths against the plain results they stand for: strings and whitespace
/// scanned eight bytes at a time (with the last bytes of the input read one by one), repeated
/// strings taken from a cache, integers read without making their text, and containers built
/// from one stack of pending values.
final class JSONParserFastPathTests: XCTestCase {
    // MARK: - Strings scanned a word at a time

    func test_givenPlainStringsOfEveryLength_whenParsedWithAnyPaddingBeforeTheEnd_thenTheirText() throws {
        for length in 0...25 {
            let text = String((0..<length).map { Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
            for padding in 0...9 {
                let json = "\"" + text + "\"" + String(repeating: " ", count: padding)
                XCTAssertEqual(try JSONParser.parse(json), .string(text), "length \(length), padding \(padding)")
            }
        }
    }

    func test_givenAnEscapeAtEachOffset_whenParsed_thenDecodedThere() throws {
        for length in 0...17 {
            for offset in 0...length {
                let plain = String(repeating: "x", count: length)
                let before = String(plain.prefix(offset))
                let after = String(plain.dropFirst(offset))
                XCTAssertEqual(try JSONParser.parse("[\"" + before + "\\n" + after + "\"]"), [.string(before + "\n" + after)])
                XCTAssertEqual(try JSONParser.parse("\"" + before + "\\\"" + after + "\""), .string(before + "\"" + after))
            }
        }
    }

    func test_givenARawControlCharacterAtEachOffset_whenParsed_thenRejectedAtIt() {
        for length in 0...17 {
            for offset in 0...length {
                let text = "\"" + String(repeating: "y", count: offset) + "\u{1F}" + String(repeating: "y", count: length - offset) + "\""
                assertSyntaxError(text, line: 1, column: offset + 2, message: "control character in string; escape it")
            }
        }
    }

    func test_givenAnUnterminatedStringOfEveryLength_whenParsed_thenRejectedAtTheEnd() {
        for length in 0...17 {
            let text = "\"" + String(repeating: "z", count: length)
            assertSyntaxError(text, line: 1, column: length + 2, message: "unterminated string")
        }
    }

    func test_givenNonASCIIAndBrokenUTF8_whenParsedTwice_thenDecodedAsUTF8WithRepairsBothTimes() throws {
        let texts: [[UInt8]] = [
            Array("é".utf8), Array("日本語のテーブル名".utf8), Array("😀😀😀".utf8), Array("abcdefgé".utf8),
            [0xFF], [0x61, 0xC3], [0xE6, 0x97, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68], [0xED, 0xA0, 0x80],
        ]
        for bytes in texts {
            let json = [UInt8(ascii: "[")] + quoted(bytes) + [UInt8(ascii: ",")] + quoted(bytes) + [UInt8(ascii: "]")]
            let expected = JSON.string(String(decoding: bytes, as: UTF8.self))
            XCTAssertEqual(try JSONParser.parse(json), [expected, expected], "\(bytes)")
        }
    }

    func test_givenNonASCIIKeys_whenParsed_thenKeptAndTheirDuplicatesFound() throws {
        let parsed = try JSONParser.parse(#"{"列名": 1, "列名2": {"列名": 2}, "é": 3}"#)
        XCTAssertEqual(parsed.keys, ["列名", "列名2", "é"])
        XCTAssertEqual(parsed["列名2"]?["列名"], 2)

        assertSyntaxError(#"{"列名": 1, "列名": 2}"#, line: 1, column: 11, message: "duplicate key \"列名\"")
    }

    // MARK: - Repeated strings from the cache

    func test_givenStringsThatShareTheirFirstEightBytesAndLength_whenParsed_thenEachKeepsItsOwnText() throws {
        let strings = [
            "abcdefgh1", "abcdefgh2", "abcdefgh1", "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "abcdefghijklmnopr",
            "abcdefgh", "abcdefgi", "abcdefgh", "sales_db_orders_300000000000", "sales_db_orders_300000000010",
            "sales_db_orders_300000000000", "", "", "a", "b",
        ]
        // The last two end right before the end of the input, where the last bytes are compared one by one.
        let tail = ["abcdefghijk", "abcdefghijl"]
        let all = strings + tail
        let json = "[" + all.map { "\"\($0)\"" }.joined(separator: ",") + "]"

        XCTAssertEqual(try JSONParser.parse(json), .array(all.map(JSON.string)))
    }

    func test_givenManyDistinctStringsThenTheSameAgain_whenParsed_thenEveryOneIsRight() throws {
        // More strings than the cache has slots, so they replace one another.
        let strings = (0..<700).map { "column_\($0 * 7919 % 1000)_\(String(repeating: "x", count: $0 % 13))" }
        let json = "[" + (strings + strings.reversed()).map { "\"\($0)\"" }.joined(separator: ",\n ") + "]"

        XCTAssertEqual(try JSONParser.parse(json), .array((strings + strings.reversed()).map(JSON.string)))
    }

    func test_givenAnEscapedKeyEqualToAPlainOne_whenParsed_thenADuplicate() {
        assertSyntaxError(#"{"ab": 1, "\u0061b": 2}"#, line: 1, column: 11, message: "duplicate key \"ab\"")
        assertSyntaxError(
            #"{"a_rather_long_key_name": 1, "a_rather_long_key_nam\u0065": 2}"#, line: 1, column: 31,
            message: "duplicate key \"a_rather_long_key_name\"")
    }

    func test_givenKeysOfTheSameLengthThatDiffer_whenParsed_thenNoDuplicate() throws {
        let parsed = try JSONParser.parse(#"{"name": 1, "type": 2, "nama": 3, "a_rather_long_key_name": 4, "a_rather_long_key_namf": 5}"#)

        XCTAssertEqual(parsed.keys, ["name", "type", "nama", "a_rather_long_key_name", "a_rather_long_key_namf"])
    }

    // MARK: - Whitespace skipped a word at a time

    func test_givenRunsOfEveryLength_whenParsed_thenSkippedUpToTheNextToken() throws {
        for length in 0...20 {
            let spaces = String(repeating: " ", count: length)
            let json =
                spaces + "{" + spaces + "\"a\"" + spaces + ":" + spaces + "[" + spaces + "1" + spaces + "," + "\n" + spaces + "\t2\r\n"
                + spaces + "]" + spaces + "}" + spaces
            XCTAssertEqual(try JSONParser.parse(json), ["a": [1, 2]], "\(length) spaces")
        }
    }

    func test_givenTextAfterARunOfSpaces_whenParsed_thenRejectedWhereTheRunEnds() {
        for length in 0...20 {
            let json = "1" + String(repeating: " ", count: length + 1) + "x" + String(repeating: " ", count: length)
            assertSyntaxError(json, line: 1, column: length + 3, message: "unexpected text after the JSON value")
        }
    }

    func test_givenSpacesThenOtherWhitespaceInOneWord_whenParsed_thenAllSkipped() throws {
        XCTAssertEqual(try JSONParser.parse("[1,   \t \n  \r   2]"), [1, 2])
        XCTAssertThrowsError(try JSONParser.parse("[1,  \u{0B}2]"), "a vertical tab is not JSON whitespace")
    }

    // MARK: - Integers read without their text

    func test_givenIntegersAtTheLimitsOfInt_whenParsed_thenIntsInsideAndDoublesOutside() throws {
        XCTAssertEqual(try JSONParser.parse("9223372036854775807"), .int(Int.max))
        XCTAssertEqual(try JSONParser.parse("-9223372036854775808"), .int(Int.min))
        // Outside Int, the number is what Double makes of its text.
        for text in ["9223372036854775808", "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890"] {
            XCTAssertEqual(try JSONParser.parse(text), .double(Double(text)!), text)
        }
    }

    func test_givenSmallIntegers_whenParsed_thenTheIntTheirTextSpells() throws {
        for number in [0, 1, 9, 10, 99, 100, 101, 65_535, 1_000_000_007, -1, -10, -999] {
            XCTAssertEqual(try JSONParser.parse("[\(number)]"), [.int(number)])
        }
        XCTAssertEqual(try JSONParser.parse("-0"), .int(0))
    }

    // MARK: - Pending members and elements

    func test_givenLargeAndNestedContainers_whenParsed_thenEveryMemberAndElementInOrder() throws {
        let members = (0..<300).map { JSON.Member("key\($0)", .array((0..<($0 % 7)).map { JSON.int($0) })) }
        let value = JSON.array([.object(members), .array((0..<200).map { .array([.int($0), .object([JSON.Member("n", .int($0))])]) })])

        XCTAssertEqual(try JSONParser.parse(JSONWriter.render(value)), value)
    }

    func test_givenNestingOf512And513Levels_whenParsed_thenTheFirstReadAndTheSecondRejected() throws {
        let arrays = { (depth: Int) in String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        let objects = { (depth: Int) in String(repeating: "{\"a\":", count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1) }

        XCTAssertNoThrow(try JSONParser.parse(arrays(512)))
        XCTAssertNoThrow(try JSONParser.parse(objects(512)))
        assertSyntaxError(arrays(513), line: 1, column: 513, message: "nesting is deeper than 512 levels")
        assertSyntaxError(objects(513), line: 1, column: 2561, message: "nesting is deeper than 512 levels")
    }

    func test_givenAStringOneLevelBelowTheDeepestContainer_whenParsed_thenItsDepthCountsToo() throws {
        let inObjects = { (depth: Int) in String(repeating: "{\"a\":", count: depth) + "\"x\"" + String(repeating: "}", count: depth) }
        let inArrays = { (depth: Int) in String(repeating: "[", count: depth) + "\"x\"" + String(repeating: "]", count: depth) }

        XCTAssertNoThrow(try JSONParser.parse(inObjects(511)))
        XCTAssertNoThrow(try JSONParser.parse(inArrays(511)))
        assertSyntaxError(inObjects(512), line: 1, column: 2561, message: "nesting is deeper than 512 levels")
        assertSyntaxError(inArrays(512), line: 1, column: 513, message: "nesting is deeper than 512 levels")
    }

    func test_givenAnErrorDeepInsideOpenContainers_whenParsed_thenReportedThere() {
        let open = String(repeating: "[\"text that is long enough to be stored\", {\"k\": [1, 2, ", count: 40)
        assertSyntaxError(open + "}", line: 1, column: open.count + 1, message: "unexpected character '}', expected a value")
        assertSyntaxError(open, line: 1, column: open.count + 1, message: "unexpected end of input, expected a value")
    }

    // MARK: - Helpers

    private func quoted(_ bytes: [UInt8]) -> [UInt8] { [UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\"")] }

    /// Asserts that parsing `text` fails with exactly this position and message.
    private func assertSyntaxError(
        _ text: String, line: Int, column: Int, message: String,
        file: StaticString = #filePath, line testLine: UInt = #line
    ) {
        do {
            _ = try JSONParser.parse(text)
            XCTFail("parsed without error: \(text.debugDescription)", file: file, line: testLine)
        } catch {
            XCTAssertEqual(error.line, line, "line, for \(text.debugDescription)", file: file, line: testLine)
            XCTAssertEqual(error.column, column, "column, for \(text.debugDescription)", file: file, line: testLine)
            XCTAssertEqual(error.message, message, "message, for \(text.debugDescription)", file: file, line: testLine)
        }
    }
}
