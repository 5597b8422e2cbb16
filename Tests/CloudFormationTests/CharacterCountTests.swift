import CloudFormation
import XCTest

/// `characterCount` is `count` for every text: bytes for ASCII (a CR LF pair is one character),
/// the grapheme walk for any other text.
final class CharacterCountTests: XCTestCase {
    func test_givenASCIIText_whenCounted_thenOneCharacterPerByteAndCRLFAsOne() {
        for text in ["", "abc", "a\r\nb", "\r\n\r\n", "\n\r", "\r", "line\nline\r\n", String(repeating: "x", count: 5000)] {
            XCTAssertEqual(text.characterCount, text.count, "\(Array(text.utf8))")
        }
        XCTAssertEqual("a\r\nb".characterCount, 3)
        XCTAssertEqual("\n\r".characterCount, 2)
    }

    func test_givenNonASCIIText_whenCounted_thenGraphemeClustersCountedAsCount() {
        for text in ["é", "e\u{301}", "a\r\né", "👩‍👩‍👧", "日本語\r\n"] {
            XCTAssertEqual(text.characterCount, text.count, text)
        }
        XCTAssertEqual("e\u{301}x".characterCount, 2)
    }

    func test_givenTextsWithAndWithoutTheTarget_whenReplacingAll_thenOnlyMatchesReplaced() {
        XCTAssertEqual("no match here".replacingAll("${", with: "${!"), "no match here")
        XCTAssertEqual("a ${b} $ c".replacingAll("${", with: "${!"), "a ${!b} $ c")
        XCTAssertEqual("$$".replacingAll("${", with: "${!"), "$$")
    }
}
