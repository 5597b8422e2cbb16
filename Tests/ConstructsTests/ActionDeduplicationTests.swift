import CloudFormation
import XCTest

@testable import AWSConstructs

/// Actions are deduplicated as strings, without hashing their values: the same strings, in the
/// same order, as deduplicating their JSON, for few and for many actions.
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

    func test_givenCanonicallyEquivalentSpellings_whenDeduplicated_thenSameAsByJSON() {
        let strings = ["caf\u{E9}", "cafe\u{301}", "e\u{301}", "\u{E9}"]
        let many = strings + (0..<20).map { "x\($0)" } + strings

        XCTAssertEqual(PolicyStatement.unique(strings), byJSON(strings))
        XCTAssertEqual(PolicyStatement.unique(many), byJSON(many))
    }
}
