import CloudFormation
import XCTest

/// The generated create-only facts, parsed, and the path-matching rule.
final class ReplacementFactsTests: XCTestCase {
    let facts = ReplacementFacts.pinned

    func testTheGeneratedFileParsesIntoEveryTypeWithItsCreateOnlyPaths() {
        XCTAssertGreaterThan(facts.createOnlyPaths.count, 1_500)
        XCTAssertEqual(facts.createOnlyPaths["AWS::S3::Bucket"], ["BucketName", "BucketNamePrefix", "BucketNamespace"])
        XCTAssertEqual(facts.createOnlyPaths["AWS::Logs::LogGroup"], ["LogGroupName"])
        XCTAssertTrue(facts.createOnlyPaths["AWS::Glue::Table"]?.contains("TableInput/Name") ?? false)
        XCTAssertTrue(facts.createOnlyPaths["AWS::Glue::Database"]?.contains("DatabaseInput/Name") ?? false)
        XCTAssertEqual(
            facts.createOnlyPaths["AWS::SSMQuickSetup::ConfigurationManager"],
            ["ConfigurationDefinitions/*/Type", "ConfigurationDefinitions/*/TypeVersion"])
        // A type with no create-only property is listed, with none.
        XCTAssertEqual(facts.createOnlyPaths["AWS::ApiGateway::Account"], [])
        XCTAssertNil(facts.createOnlyPaths["Custom::S3AutoDeleteObjects"])
    }

    func testParsingTheFormatOneLinePerType() {
        let parsed = ReplacementFacts(parsing: "A::B::C X Y/Z\nA::B::D\n")
        XCTAssertEqual(parsed.createOnlyPaths, ["A::B::C": ["X", "Y/Z"], "A::B::D": []])
    }

    func testAStarPathSelectsEveryArrayElement() {
        let type = "AWS::SSMQuickSetup::ConfigurationManager"
        let old: JSON = ["ConfigurationDefinitions": [["Type": "a", "Parameters": ["k": "1"]], ["Type": "b"]]]
        let parameters: JSON = ["ConfigurationDefinitions": [["Type": "a", "Parameters": ["k": "2"]], ["Type": "b"]]]
        let type2: JSON = ["ConfigurationDefinitions": [["Type": "a", "Parameters": ["k": "1"]], ["Type": "c"]]]
        XCTAssertEqual(facts.changedCreateOnlyPaths(of: type, old: old, new: parameters), [])
        XCTAssertEqual(facts.changedCreateOnlyPaths(of: type, old: old, new: type2), ["ConfigurationDefinitions/*/Type"])
        XCTAssertEqual(ReplacementFacts.select(["ConfigurationDefinitions", "*", "Type"], in: old), ["a", "b"])
    }

    func testAMissingPropertySelectsNothingAndAnAddedOneIsAChange() {
        XCTAssertEqual(facts.changedCreateOnlyPaths(of: "AWS::S3::Bucket", old: [:], new: nil), [])
        XCTAssertEqual(facts.changedCreateOnlyPaths(of: "AWS::S3::Bucket", old: [:], new: ["BucketName": "b"]), ["BucketName"])
        // Intrinsics compare as JSON.
        XCTAssertEqual(
            facts.changedCreateOnlyPaths(of: "AWS::S3::Bucket", old: ["BucketName": ["Ref": "A"]], new: ["BucketName": ["Ref": "B"]]),
            ["BucketName"])
    }
}
