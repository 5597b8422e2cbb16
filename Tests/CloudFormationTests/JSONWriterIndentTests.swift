import CloudFormation
import XCTest

/// Indentation is two spaces a level at any depth, past the run of spaces the writer copies from
/// (32 levels) as well as within it.
final class JSONWriterIndentTests: XCTestCase {
    /// `depth` arrays nested around `1`, as the writer should lay them out.
    func expected(depth: Int) -> String {
        var lines: [String] = []
        for level in 0..<depth { lines.append(String(repeating: "  ", count: level) + "[") }
        lines.append(String(repeating: "  ", count: depth) + "1")
        for level in (0..<depth).reversed() { lines.append(String(repeating: "  ", count: level) + "]") }
        return lines.joined(separator: "\n") + "\n"
    }

    func nested(depth: Int) -> JSON {
        var value: JSON = 1
        for _ in 0..<depth { value = .array([value]) }
        return value
    }

    func test_givenNestingWithinAndBeyondTheRunOfSpaces_whenRendered_thenTwoSpacesALevel() {
        for depth in [1, 2, 31, 32, 33, 64, 65, 70] {
            XCTAssertEqual(JSONWriter.render(nested(depth: depth)), expected(depth: depth), "depth \(depth)")
        }
    }

    func test_givenObjectsNestedDeeply_whenRendered_thenMembersIndentedByLevel() {
        var value: JSON = ["k": 1]
        for _ in 0..<40 { value = ["k": value] }

        let lines = JSONWriter.render(value).split(separator: "\n")

        XCTAssertEqual(lines[40], Substring(String(repeating: "  ", count: 40) + "\"k\": {"))
        XCTAssertEqual(lines[41], Substring(String(repeating: "  ", count: 41) + "\"k\": 1"))
    }
}
