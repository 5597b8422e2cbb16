import XCTest

@testable import CloudFormation

/// The writer's fast paths against what they replace: strings copied a run at a time between
/// escapes, integers written digit by digit, and compact lengths counted without writing for
/// ASCII text (and counted in characters, as before, once any text is not ASCII).
final class JSONWriterFastPathTests: XCTestCase {
    func rendered(_ value: JSON) -> String { JSONWriter.render(value) }

    func test_givenEscapesAtTheStartEndAndSideBySide_whenRendered_thenEveryRunBetweenThemKept() {
        XCTAssertEqual(rendered(.string("\"a\\\\b\n")), "\"\\\"a\\\\\\\\b\\n\"\n")
        XCTAssertEqual(rendered(.string("\u{01}\u{02}")), "\"\\u0001\\u0002\"\n")
        XCTAssertEqual(rendered(.string("")), "\"\"\n")
    }

    func test_givenNonASCIIAndLongText_whenRendered_thenTheUTF8BytesPassWhole() {
        let text = String(repeating: "日本語 é 😀 ", count: 40) + "\t"
        let expected = "\"" + String(repeating: "日本語 é 😀 ", count: 40) + "\\t\"\n"
        XCTAssertEqual(rendered(.string(text)), expected)
        XCTAssertEqual(Array(rendered(.string("é")).utf8), [0x22, 0xC3, 0xA9, 0x22, 0x0A])
    }

    func test_givenIntegers_whenRendered_thenAsStringWritesThem() {
        for number in [0, 7, -7, 10, 99, 100, -100, 1_234_567_890, Int.max, Int.min] {
            XCTAssertEqual(rendered(.int(number)), "\(number)\n")
        }
    }

    func test_givenASCIIValues_whenMeasured_thenTheCompactFormsCharacterCount() {
        let value = JSON.object([
            JSON.Member("Version", .string("2012-10-17")),
            JSON.Member("k\"\u{01}", .array([.int(-12), .bool(true), .bool(false), .null, .double(1.5), .array([]), .object([])])),
        ])
        let compact = #"{"Version":"2012-10-17","k\"\u0001":[-12,true,false,null,1.5,[],{}]}"#
        XCTAssertEqual(JSONWriter.compactLength(value), compact.count)
    }

    func test_givenNonASCIIText_whenMeasured_thenCharactersNotBytesAreCounted() {
        // "é" is 2 bytes but 1 character; a combining accent after the closing quote's
        // neighbour joins the character before it.
        XCTAssertEqual(JSONWriter.compactLength(.string("é")), 3)
        XCTAssertEqual(JSONWriter.compactLength(.array([.string("e\u{301}"), .string("😀")])), 9)
        XCTAssertEqual(JSONWriter.compactLength(.string("\u{301}")), 2)
    }
}

/// The eight-bytes-at-a-time scan must flag a word exactly when one of its bytes is escaped.
final class JSONWriterWordScanTests: XCTestCase {
    func test_givenEveryByteAtEveryPositionOfAWord_whenScanned_thenFlaggedExactlyWhenItIsEscaped() {
        for byte in 0...255 {
            for position in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[position] = UInt8(byte)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                XCTAssertEqual(JSONWriter.needsEscape(word), JSONWriter.escapeWidth[byte] != 1, "byte \(byte) at \(position)")
            }
        }
    }

    func test_givenWordsOfHighBytesAndNeighboursOfEscapedOnes_whenScanned_thenNotFlagged() {
        for filler: UInt8 in [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7E, 0x80, 0xFF] {
            let word = [UInt8](repeating: filler, count: 8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            XCTAssertFalse(JSONWriter.needsEscape(word), "filler \(filler)")
        }
    }

    func test_givenAnEscapeAtEveryOffsetOfALongString_whenRendered_thenOnlyItIsEscaped() {
        let plain = String(repeating: "abcdefgh", count: 5)
        for offset in 0...plain.utf8.count {
            var bytes = Array(plain.utf8)
            bytes.insert(0x0A, at: offset)
            let text = String(decoding: bytes, as: UTF8.self)
            let expected =
                "\"" + String(decoding: bytes[..<offset], as: UTF8.self) + "\\n" + String(decoding: bytes[(offset + 1)...], as: UTF8.self) + "\"\n"
            XCTAssertEqual(JSONWriter.render(.string(text)), expected, "newline at \(offset)")
        }
    }
}
