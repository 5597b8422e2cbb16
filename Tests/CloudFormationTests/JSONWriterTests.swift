import CloudFormation
import XCTest

/// The writer produces the canonical template text: the same value gives the same bytes on every
/// platform, with a fixed layout a reviewer can diff.
final class JSONWriterTests: XCTestCase {
    func test_givenNestedObject_whenRendered_thenTwoSpaceIndentColonSpaceAndMembersInGivenOrder() {
        let value: JSON = [
            "Zeta": 1,
            "Alpha": ["b": true, "a": nil],
            "List": [1, "two", false],
        ]

        XCTAssertEqual(
            JSONWriter.render(value),
            """
            {
              "Zeta": 1,
              "Alpha": {
                "b": true,
                "a": null
              },
              "List": [
                1,
                "two",
                false
              ]
            }

            """)
    }

    func test_givenEmptyArrayAndObject_whenRendered_thenWrittenInline() {
        let value: JSON = ["Empty": [], "Nothing": [:]]

        XCTAssertEqual(
            JSONWriter.render(value),
            """
            {
              "Empty": [],
              "Nothing": {}
            }

            """)
        XCTAssertEqual(JSONWriter.render(.array([])), "[]\n")
        XCTAssertEqual(JSONWriter.render(.object([])), "{}\n")
    }

    func test_givenScalar_whenRendered_thenEndsWithOneNewline() {
        XCTAssertEqual(JSONWriter.render("x"), "\"x\"\n")
        XCTAssertEqual(JSONWriter.render(42), "42\n")
        XCTAssertEqual(JSONWriter.render(nil), "null\n")
        XCTAssertEqual(JSONWriter.render(true), "true\n")
    }

    func test_givenSlash_whenRendered_thenNotEscaped() {
        XCTAssertEqual(JSONWriter.render("arn:aws:s3:::bucket/*"), "\"arn:aws:s3:::bucket/*\"\n")
    }

    func test_givenQuoteBackslashNewlineTab_whenRendered_thenShortEscapesUsed() {
        let text = "say \"hi\"\\\n\tend\r"

        XCTAssertEqual(JSONWriter.render(.string(text)), #""say \"hi\"\\\n\tend\r""# + "\n")
    }

    func test_givenOtherControlCharacters_whenRendered_thenEscapedAsFourHexDigits() {
        let text = "a\u{01}b\u{1F}c\u{7F}d\u{00}"

        XCTAssertEqual(JSONWriter.render(.string(text)), #""a\u0001b\u001fc\u007fd\u0000""# + "\n")
    }

    func test_givenNonASCIIText_whenRendered_thenWrittenRawAsUTF8() {
        let text = "é 日本 😀"

        XCTAssertEqual(JSONWriter.render(.string(text)), "\"é 日本 😀\"\n")
        XCTAssertEqual(JSONWriter.data(.string("é")), [0x22, 0xC3, 0xA9, 0x22, 0x0A])
    }

    func test_givenKeyNeedingEscapes_whenRendered_thenKeyEscapedLikeAString() {
        let value = JSON.object([JSON.Member("a\"b\n", 1)])

        XCTAssertEqual(JSONWriter.render(value), "{\n  \"a\\\"b\\n\": 1\n}\n")
    }

    func test_givenIntegralDoubles_whenRendered_thenWrittenAsIntegers() {
        let value: JSON = [.double(3.0), .double(-2.0), .double(0.0), .double(1.5), .double(-0.25)]

        XCTAssertEqual(
            JSONWriter.render(value),
            """
            [
              3,
              -2,
              0,
              1.5,
              -0.25
            ]

            """)
    }

    func test_givenDoublesAtTheIntegerBoundary_whenRendered_thenIntegersOnlyBelow1e15() {
        let value: JSON = [.double(-0.0), .double(999_999_999_999_999), .double(1e15), .double(-1e15), .double(1e20)]

        XCTAssertEqual(
            JSONWriter.render(value),
            """
            [
              0,
              999999999999999,
              1000000000000000.0,
              -1000000000000000.0,
              1e+20
            ]

            """)
    }

    func test_givenNonFiniteDouble_whenRendered_thenNull() {
        XCTAssertEqual(JSONWriter.render(.double(.infinity)), "null\n")
        XCTAssertEqual(JSONWriter.render(.double(.nan)), "null\n")
    }

    func test_givenValue_whenCompactLengthMeasured_thenCharactersWithoutWhitespaceBetweenTokens() {
        let value: JSON = ["Action": ["s3:GetObject", "a b"], "Version": "2012-10-17", "N": [:], "é": 1]

        // {"Action":["s3:GetObject","a b"],"Version":"2012-10-17","N":{},"é":1}
        XCTAssertEqual(JSONWriter.compactLength(value), 69)
    }

    func test_givenSameValue_whenRenderedTwice_thenBytesIdentical() {
        let value: JSON = [
            "Resources": ["Bucket": ["Type": "AWS::S3::Bucket", "Properties": ["Tags": [["Key": "é", "Value": "1"]]]]],
            "Numbers": [1, .double(2.5), -3],
        ]

        let first = JSONWriter.data(value)
        let second = JSONWriter.data(value)

        XCTAssertEqual(first, second)
        XCTAssertEqual(first, Array(JSONWriter.render(value).utf8))
    }
}
