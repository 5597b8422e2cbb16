import CloudFormation
import XCTest

/// The parser reads what the writer writes (and any standard JSON), keeps member order, and
/// points at the line and column of malformed input.
final class JSONParserTests: XCTestCase {
    // MARK: - Round trip and order

    func test_givenNestedValue_whenRenderedThenParsed_thenEqualToOriginal() throws {
        let value: JSON = [
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": [
                "Bucket": [
                    "Type": "AWS::S3::Bucket",
                    "Properties": [
                        "Tags": [["Key": "Name", "Value": "é 日本 😀 \"quoted\" back\\slash\n\t\u{01}"]],
                        "Enabled": true,
                        "Disabled": false,
                        "Missing": nil,
                    ],
                ]
            ],
            "Numbers": [0, -12, 9_007_199_254_740_993, .double(1.5), .double(-0.25), .double(1e-7), .double(6.02e23)],
            "Empty": ["list": [], "object": [:]],
        ]

        let parsed = try JSONParser.parse(JSONWriter.render(value))

        XCTAssertEqual(parsed, value)
    }

    func test_givenObjectWithUnsortedKeys_whenParsed_thenMemberOrderKept() throws {
        let parsed = try JSONParser.parse(#"{"zeta": 1, "alpha": {"y": 1, "x": 2}, "mid": 3}"#)

        XCTAssertEqual(parsed.keys, ["zeta", "alpha", "mid"])
        XCTAssertEqual(parsed["alpha"]?.keys, ["y", "x"])
    }

    func test_givenByteOrderMark_whenParsed_thenIgnored() throws {
        let parsed = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))

        XCTAssertEqual(parsed, [1])
    }

    // MARK: - Error positions

    func test_givenTrailingCommaInObject_whenParsed_thenErrorAtClosingBrace() {
        assertSyntaxError("{\n  \"a\": 1,\n}", line: 3, column: 1, message: "expected a quoted key")
    }

    func test_givenTrailingCommaInArray_whenParsed_thenErrorAtClosingBracket() {
        assertSyntaxError("[1, 2,]", line: 1, column: 7, message: "unexpected character ']', expected a value")
    }

    func test_givenMissingColon_whenParsed_thenErrorAtTheValueAfterTheKey() {
        assertSyntaxError("{\n  \"key\" 1\n}", line: 2, column: 9, message: "expected ':' after key \"key\"")
    }

    func test_givenUnterminatedString_whenParsed_thenErrorAtEndOfInput() {
        assertSyntaxError("[\n  \"abc", line: 2, column: 7, message: "unterminated string")
    }

    func test_givenRawNewlineInString_whenParsed_thenErrorAtTheNewline() {
        assertSyntaxError("[\"ab\ncd\"]", line: 1, column: 5, message: "control character in string; escape it")
    }

    func test_givenBadLiteral_whenParsed_thenErrorWhereTheLiteralStopsMatching() {
        assertSyntaxError("[tru]", line: 1, column: 5, message: "invalid literal, expected 'true'")
        assertSyntaxError("{\"a\": nul}", line: 1, column: 10, message: "invalid literal, expected 'null'")
        assertSyntaxError("[True]", line: 1, column: 2, message: "unexpected character 'T', expected a value")
    }

    func test_givenTextAfterTheValue_whenParsed_thenErrorAtThatText() {
        assertSyntaxError("{\"a\": 1}\n  x", line: 2, column: 3, message: "unexpected text after the JSON value")
        assertSyntaxError("1 2", line: 1, column: 3, message: "unexpected text after the JSON value")
    }

    func test_givenDuplicateKey_whenParsed_thenErrorAtTheDuplicateKey() {
        // The duplicate "a" starts at line 3, column 3; its value runs on to line 5.
        let text = """
            {
              "a": 1,
              "a": {
                "b": 2
              }
            }
            """

        assertSyntaxError(text, line: 3, column: 3, message: "duplicate key \"a\"")
    }

    func test_givenMultiByteCharactersBeforeAnError_whenParsed_thenColumnCountsCharactersNotBytes() {
        assertSyntaxError("[\"é日\", tru]", line: 1, column: 11, message: "invalid literal, expected 'true'")
    }

    func test_givenEmptyInput_whenParsed_thenErrorAtLineOneColumnOne() {
        assertSyntaxError("", line: 1, column: 1, message: "unexpected end of input, expected a value")
        assertSyntaxError("[1", line: 1, column: 3, message: "unexpected end of input, expected ',' or ']'")
    }

    func test_givenSyntaxError_whenDescribed_thenLineColumnAndMessage() {
        let error = SyntaxErrorProbe.error(of: "[1 2]")

        XCTAssertEqual(error?.description, "line 1, column 4: expected ',' or ']' after an element")
    }

    // MARK: - Escapes

    func test_givenShortEscapes_whenParsed_thenDecoded() throws {
        let parsed = try JSONParser.parse(#""\"\\\/\b\f\n\r\t""#)

        XCTAssertEqual(parsed, .string("\"\\/\u{08}\u{0C}\n\r\t"))
    }

    func test_givenUnicodeEscapes_whenParsed_thenDecodedIncludingSurrogatePairs() throws {
        let parsed = try JSONParser.parse(#""\u0041\u00e9\u65E5\ud83d\ude00""#)

        XCTAssertEqual(parsed, .string("Aé日😀"))
    }

    func test_givenBrokenSurrogates_whenParsed_thenRejected() {
        assertSyntaxError(#""\ud83d""#, line: 1, column: 8, message: "unpaired surrogate in \\u escape")
        assertSyntaxError(#""\ud83d\u0041""#, line: 1, column: 14, message: "invalid low surrogate in \\u escape")
        assertSyntaxError(#""\ude00""#, line: 1, column: 8, message: "invalid \\u escape")
        assertSyntaxError(#""\u12G4""#, line: 1, column: 6, message: "invalid hex digit in \\u escape")
    }

    func test_givenUnknownEscape_whenParsed_thenRejected() {
        XCTAssertNotNil(SyntaxErrorProbe.error(of: #""\x""#))
    }

    // MARK: - Numbers

    func test_givenIntegers_whenParsed_thenInts() throws {
        XCTAssertEqual(try JSONParser.parse("0"), .int(0))
        XCTAssertEqual(try JSONParser.parse("42"), .int(42))
        XCTAssertEqual(try JSONParser.parse("-17"), .int(-17))
    }

    func test_givenDecimalsAndExponents_whenParsed_thenDoubles() throws {
        XCTAssertEqual(try JSONParser.parse("3.25"), .double(3.25))
        XCTAssertEqual(try JSONParser.parse("-0.5"), .double(-0.5))
        XCTAssertEqual(try JSONParser.parse("1e3"), .double(1000))
        XCTAssertEqual(try JSONParser.parse("2E-2"), .double(0.02))
        XCTAssertEqual(try JSONParser.parse("1.5e+2"), .double(150))
    }

    func test_givenIntegerBeyondInt64_whenParsed_thenDouble() throws {
        XCTAssertEqual(try JSONParser.parse("9223372036854775808"), .double(9_223_372_036_854_775_808))
    }

    func test_givenMalformedNumbers_whenParsed_thenRejected() {
        assertSyntaxError("01", line: 1, column: 3, message: "invalid number: leading zero")
        assertSyntaxError("-01", line: 1, column: 4, message: "invalid number: leading zero")
        assertSyntaxError("1.", line: 1, column: 3, message: "invalid number: digits expected after '.'")
        assertSyntaxError("1e", line: 1, column: 3, message: "invalid number: digits expected in exponent")
        assertSyntaxError("-", line: 1, column: 2, message: "invalid number")
        XCTAssertNotNil(SyntaxErrorProbe.error(of: ".5"))
        XCTAssertNotNil(SyntaxErrorProbe.error(of: "+1"))
    }

    func test_givenNestingDeeperThan512_whenParsed_thenRejected() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let shallow = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)

        XCTAssertEqual(SyntaxErrorProbe.error(of: deep)?.message, "nesting is deeper than 512 levels")
        XCTAssertNil(SyntaxErrorProbe.error(of: shallow))
    }

    // MARK: - Helpers

    /// Asserts that parsing `text` fails with exactly this position and message.
    private func assertSyntaxError(
        _ text: String, line: Int, column: Int, message: String,
        file: StaticString = #filePath, line testLine: UInt = #line
    ) {
        guard let error = SyntaxErrorProbe.error(of: text) else {
            XCTFail("parsed without error: \(text.debugDescription)", file: file, line: testLine)
            return
        }
        XCTAssertEqual(error.line, line, "line, for \(text.debugDescription)", file: file, line: testLine)
        XCTAssertEqual(error.column, column, "column, for \(text.debugDescription)", file: file, line: testLine)
        XCTAssertEqual(error.message, message, "message, for \(text.debugDescription)", file: file, line: testLine)
    }
}

private enum SyntaxErrorProbe {
    static func error(of text: String) -> JSONParser.SyntaxError? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return error
        }
    }
}
