import XCTest

@testable import CrossAccountGlue

/// TextBuffer keeps its bytes in storage of its own: it must behave as a value and as the
/// String appends it replaced.
final class TextBufferTests: XCTestCase {
    func testAppendsAreTheStringsConcatenatedPastTheCapacity() {
        var text = TextBuffer(capacity: 1)
        var expected = ""
        for piece in ["", "a", "データ", "a small one", String(repeating: "a long string past any small-string size ", count: 40), "é\u{301}"] {
            text.append(piece)
            expected += piece
            text.append(piece[...].dropFirst())
            expected += piece.dropFirst()
            text.append(byte: UInt8(ascii: "\n"))
            expected += "\n"
        }
        for number in [0, 7, 10, -1, 1_234_567, Int.max, Int.min] {
            text.append(number)
            expected += "\(number)"
        }
        XCTAssertEqual(text.text, expected)
        XCTAssertEqual(text.count, expected.utf8.count)
        XCTAssertEqual(text.text(in: 1..<2), "a")
    }

    func testACopyKeepsItsBytesWhenEitherIsAppendedTo() {
        var original = TextBuffer()
        original.append("shared")
        var copy = original
        copy.append(" copy")
        original.append(" original")
        XCTAssertEqual(copy.text, "shared copy")
        XCTAssertEqual(original.text, "shared original")
        var appendedToItself = original
        appendedToItself.append(appendedToItself, range: 0..<6)
        XCTAssertEqual(appendedToItself.text, "shared originalshared")
        XCTAssertEqual(original.text, "shared original")
    }

    func testEscapingReplacesOnlyTheChosenBytesAtEitherEnd() {
        for (input, expected) in [("", ""), ("'", "''"), ("''", "''''"), ("a'b", "a''b"), ("'データ'", "''データ''"), ("no quote", "no quote")] {
            var text = TextBuffer()
            text.appendSQLQuoted(input)
            XCTAssertEqual(text.text, expected, input)
        }
        var mermaid = TextBuffer()
        ArchitectureDiagram.appendMermaidText("\"a\nb\"", to: &mermaid)
        XCTAssertEqual(mermaid.text, "#quot;a<br/>b#quot;")
        var dot = TextBuffer()
        ArchitectureDiagram.appendDotText("\\\"é\n", to: &dot)
        XCTAssertEqual(dot.text, "\\\\\\\"é\\n")
    }
}
