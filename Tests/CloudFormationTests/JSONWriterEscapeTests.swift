import CloudFormation
import XCTest

/// Every character the writer escapes, one by one, against the exact bytes expected: the five
/// short escapes JSON has, `\u00xx` with lower-case hex for the other C0 controls and DEL, and
/// nothing else (`/` in particular stays as it is: templates are full of ARNs).
final class JSONWriterEscapeTests: XCTestCase {
    /// The escape written for each byte U+0000–U+001F and U+007F.
    static let expectedEscapes: [UInt8: String] = {
        var table: [UInt8: String] = [:]
        let hex = Array("0123456789abcdef")
        for byte in UInt8(0)...UInt8(0x1F) {
            table[byte] = "\\u00" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
        }
        table[0x08] = "\\b"
        table[0x09] = "\\t"
        table[0x0A] = "\\n"
        table[0x0C] = "\\f"
        table[0x0D] = "\\r"
        table[0x7F] = "\\u007f"
        return table
    }()

    func bytes(of text: String) -> [UInt8] { Array(text.utf8) }

    func test_givenEachControlCharacterAndDelete_whenRendered_thenItsExactEscapeBetweenUnchangedNeighbours() {
        XCTAssertEqual(Self.expectedEscapes.count, 33)
        for (byte, escape) in Self.expectedEscapes.sorted(by: { $0.key < $1.key }) {
            let text = "a" + String(UnicodeScalar(byte)) + "b"
            XCTAssertEqual(
                JSONWriter.data(.string(text)), bytes(of: "\"a\(escape)b\"\n"),
                "U+\(String(byte, radix: 16, uppercase: true)) must be written as \(escape)")
        }
    }

    func test_givenAllControlCharactersInOneString_whenRendered_thenEveryOneEscapedInOrder() {
        let scalars = (UInt8(0)...UInt8(0x1F)).map { UnicodeScalar($0) } + [UnicodeScalar(UInt8(0x7F))]
        let text = String(String.UnicodeScalarView(scalars))
        let expected = "\"" + scalars.map { Self.expectedEscapes[UInt8($0.value)]! }.joined() + "\"\n"
        XCTAssertEqual(JSONWriter.data(.string(text)), bytes(of: expected))
    }

    func test_givenQuoteAndBackslash_whenRendered_thenEachEscapedWithABackslash() {
        XCTAssertEqual(JSONWriter.data(.string("\"")), bytes(of: #""\"""# + "\n"))
        XCTAssertEqual(JSONWriter.data(.string("\\")), bytes(of: #""\\""# + "\n"))
        XCTAssertEqual(JSONWriter.data(.string("a\"b\\c")), [0x22, 0x61, 0x5C, 0x22, 0x62, 0x5C, 0x5C, 0x63, 0x22, 0x0A])
    }

    func test_givenEveryPrintableASCIICharacterButQuoteAndBackslash_whenRendered_thenWrittenAsIs() {
        let printable = (UInt8(0x20)...UInt8(0x7E)).filter { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        let text = String(decoding: printable, as: UTF8.self)
        XCTAssertEqual(JSONWriter.data(.string(text)), [0x22] + printable + [0x22, 0x0A])
    }

    func test_givenSlash_whenRendered_thenNeverEscaped() {
        XCTAssertEqual(JSONWriter.data(.string("/")), [0x22, 0x2F, 0x22, 0x0A])
        XCTAssertEqual(JSONWriter.data(.string("a/b//c")), bytes(of: "\"a/b//c\"\n"))
        XCTAssertFalse(JSONWriter.render(.string("arn:aws:s3:::b/*")).contains("\\/"))
    }

    func test_givenControlCharactersInAKey_whenRendered_thenEscapedLikeInAValue() {
        let value = JSON.object([JSON.Member("k\u{01}\u{7F}\t/", .string("v"))])
        XCTAssertEqual(JSONWriter.data(value), bytes(of: "{\n  \"k\\u0001\\u007f\\t/\": \"v\"\n}\n"))
    }

    func test_givenEscapesInACompactValue_whenMeasured_thenEachEscapeCountsItsWrittenCharacters() {
        // "\u0001" is 6 characters, "\n" 2, plus the quotes.
        XCTAssertEqual(JSONWriter.compactLength(.string("\u{01}\n")), 10)
    }
}
