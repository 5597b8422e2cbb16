import CloudFormation
import XCTest

@testable import AWSConstructs

/// A state machine's definition is rendered to be measured only when a bound on its length is
/// over the limit: the bound is never below the rendered length, whatever the JSON.
final class RenderedLengthBoundTests: XCTestCase {
    private func assertBound(_ json: JSON, file: StaticString = #filePath, line: UInt = #line) {
        let rendered = JSONWriter.render(json).characterCount
        XCTAssertGreaterThanOrEqual(RenderedLengthBound.characters(json), rendered, file: file, line: line)
    }

    func test_givenScalarsAndEmptyContainers_whenBounded_thenNotBelowRenderedLength() {
        for json: JSON in [.null, .bool(true), .bool(false), .int(-12), .double(1.5), .string(""), .array([]), .object([])] {
            assertBound(json)
        }
    }

    func test_givenDeepAndWideNesting_whenBounded_thenNotBelowRenderedLength() {
        var deep: JSON = .array([.object([]), .array([])])
        for level in 0..<40 { deep = .object([JSON.Member("k\(level)", deep), JSON.Member("n", .int(level))]) }
        assertBound(deep)
        assertBound(.array((0..<500).map { .array([.int($0), .object([JSON.Member("", .null)])]) }))
    }

    func test_givenNonASCIIAndEscapedText_whenBounded_thenNotBelowRenderedLength() {
        let texts = ["é", "e\u{301}", "\u{301}", "👩‍💻", "🇯🇵", "quote\"backslash\\", "\r\n", "\u{1}", "日本語"]
        assertBound(.object(texts.map { JSON.Member($0, .array([.string($0), .string("\u{301}" + $0)])) }))
    }
}
