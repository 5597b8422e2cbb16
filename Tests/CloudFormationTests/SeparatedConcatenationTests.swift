import CloudFormation
import XCTest

/// `String.concatenating(_:separator:)` writes the pieces' bytes and the separators into one
/// string of their total length: it must be `joined(separator:)`, whatever the pieces hold.
final class SeparatedConcatenationTests: XCTestCase {
    static let pieces = [
        "", "a", ".", "データ", "é\u{301}", "a small one", "🇯🇵", String(repeating: "a long string past any small-string size ", count: 40),
        String("a substring's own string".dropFirst(2)),
    ]

    /// With a separator it is `joined(separator:)`: between pieces only, never before the first
    /// or after the last, for no pieces, one, and many, and for an empty separator.
    func testWithASeparatorIsTheJoinedPieces() {
        for separator in ["", "/", ", ", "\n", "データ", String(repeating: "-", count: 100)] {
            XCTAssertEqual(String.concatenating([], separator: separator), "")
            for count in 1...4 {
                for start in Self.pieces.indices {
                    let pieces = (0..<count).map { Self.pieces[(start + $0 * 3) % Self.pieces.count] }
                    let joined = String.concatenating(pieces, separator: separator)
                    XCTAssertEqual(joined, pieces.joined(separator: separator))
                    XCTAssertEqual(joined.utf8.count, pieces.map(\.utf8.count).reduce(0, +) + separator.utf8.count * (count - 1))
                }
            }
        }
        XCTAssertEqual(String.concatenating(["..", "..", "templates"], separator: "/"), "../../templates")
    }
}
