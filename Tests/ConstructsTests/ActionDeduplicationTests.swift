import CloudFormation
import XCTest

@testable import AWSConstructs

/// Actions are deduplicated as strings, without hashing their values, and values of a few by
/// scanning their hashes, not a dictionary: the same results, in the same order, as comparing
/// their JSON, for few and for many.
final class ActionDeduplicationTests: XCTestCase {
    private func byJSON(_ strings: [String]) -> [String] {
        PolicyStatement.unique(strings.map(Value.string)).compactMap(\.literalString)
    }

    func test_givenFewOrManyActionsWithRepeats_whenDeduplicated_thenSameAsByJSONInOrder() {
        let few = ["s3:GetObject", "s3:ListBucket", "s3:GetObject", "", "", "s3:getobject"]
        let many = (0..<40).map { "glue:Action\($0 % 13)" } + few
        for strings in [[], ["only"], few, many] {
            XCTAssertEqual(PolicyStatement.unique(strings), byJSON(strings), "\(strings.count) strings")
        }
        XCTAssertEqual(PolicyStatement.unique(few), ["s3:GetObject", "s3:ListBucket", "", "s3:getobject"])
    }

    func test_givenFewOrManyValuesWhoseSummariesCollide_whenDeduplicated_thenSameAsComparingTheirJSONInOrder() {
        // Lists all summarize alike, so every pair is told apart by its JSON.
        for count in [2, 5, 8, 9, 30] {
            let values: [Value] = (0..<count).map { index in index % 3 == 0 ? .array([.int(index % 4)]) : .array([.string("\(index % 4)")]) }
            var plain: [JSON] = []
            for json in values.map({ $0.json() }) where !plain.contains(json) { plain.append(json) }

            XCTAssertEqual(PolicyStatement.unique(values).map { $0.json() }, plain, "\(count) values")
        }
    }

    func test_givenCanonicallyEquivalentSpellings_whenDeduplicated_thenSameAsByJSON() {
        let strings = ["caf\u{E9}", "cafe\u{301}", "e\u{301}", "\u{E9}"]
        let many = strings + (0..<20).map { "x\($0)" } + strings

        XCTAssertEqual(PolicyStatement.unique(strings), byJSON(strings))
        XCTAssertEqual(PolicyStatement.unique(many), byJSON(many))
    }
}
