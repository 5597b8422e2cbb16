import Constructs
import XCTest

/// Logical IDs are computed exactly as the AWS CDK computes them, so a stack moved from the CDK
/// keeps every ID and CloudFormation replaces nothing.
final class LogicalIDTests: XCTestCase {
    func test_givenComponentAndResource_whenMade_thenReadablePartPlusHashOfTheFullPath() {
        XCTAssertEqual(LogicalID.make(["StepFunctionsExecutionRole", "Resource"]), "StepFunctionsExecutionRole5B21F5A6")
        XCTAssertEqual(LogicalID.make(["Foo", "Resource"]), "FooDFE0DD70")
    }

    func test_givenComponentEndingWithTheNext_whenMade_thenSuffixDuplicateDroppedFromReadablePartOnly() {
        XCTAssertEqual(LogicalID.make(["MyBucket", "Bucket"]), "MyBucketAD8CE4AC")
    }

    func test_givenDefaultAndOneOtherComponent_whenMade_thenOtherComponentWithoutHash() {
        XCTAssertEqual(LogicalID.make(["Default", "X"]), "X")
        XCTAssertEqual(LogicalID.make(["TargetAthenaWorkgroup", "Default"]), "TargetAthenaWorkgroup")
    }

    func test_givenSingleComponentWithPunctuation_whenMade_thenNonAlphanumericsStrippedAndNoHash() {
        XCTAssertEqual(LogicalID.make(["Custom::Thing"]), "CustomThing")
        XCTAssertEqual(LogicalID.make(["my-bucket_01"]), "mybucket01")
    }

    func test_givenDefaultComponentsAnywhere_whenMade_thenDroppedBeforeHashing() {
        let expected = LogicalID.make(["Foo", "Resource"])

        XCTAssertEqual(LogicalID.make(["Default", "Foo", "Default", "Resource", "Default"]), expected)
        XCTAssertEqual(LogicalID.make(["Foo", "Default", "Resource"]), "FooDFE0DD70")
    }

    func test_givenOnlyDefaultComponents_whenMade_thenEmptyAndInvalid() {
        let id = LogicalID.make(["Default"])

        XCTAssertEqual(id, "")
        XCTAssertFalse(LogicalID.isValid(id))
    }

    func test_givenVeryLongReadablePart_whenMade_thenTruncatedTo240PlusEightCharacterHash() {
        let a = String(repeating: "a", count: 130)
        let b = String(repeating: "b", count: 130)

        let id = LogicalID.make([a, b])

        // md5("a"*130 + "/" + "b"*130) starts with 5a21c06a.
        XCTAssertEqual(id.count, 248)
        XCTAssertEqual(id, a + String(repeating: "b", count: 110) + "5A21C06A")
        XCTAssertTrue(LogicalID.isValid(id))
    }

    func test_givenSingleComponentLongerThan255_whenMade_thenTruncatedAndHashedLikeAPath() {
        let long = String(repeating: "X", count: 300)

        XCTAssertEqual(LogicalID.make([long]), String(repeating: "X", count: 240) + "41757066")
    }

    func test_givenNonAlphanumericsInAPath_whenMade_thenStrippedFromReadablePartButHashedAsWritten() {
        XCTAssertEqual(
            LogicalID.make(["Custom::S3AutoDeleteObjectsCustomResourceProvider", "Role"]),
            "CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092")
    }

    func test_givenThePathsOfTheReferenceTemplate_whenMade_thenTheCDKsLogicalIds() {
        let cases: [([String], String)] = [
            (["TargetDataBucket", "Resource"], "TargetDataBucket4EED9858"),
            (["TargetDataBucket", "Policy", "Resource"], "TargetDataBucketPolicy6F311821"),
            (["TargetDataBucket", "AutoDeleteObjectsCustomResource", "Default"], "TargetDataBucketAutoDeleteObjectsCustomResourceDAFC05D8"),
            (["Custom::S3AutoDeleteObjectsCustomResourceProvider", "Role"], "CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092"),
            (["Custom::S3AutoDeleteObjectsCustomResourceProvider", "Handler"], "CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F"),
            (["StepFunctionsExecutionRole", "Resource"], "StepFunctionsExecutionRole5B21F5A6"),
            (["StepFunctionsExecutionRole", "DefaultPolicy", "Resource"], "StepFunctionsExecutionRoleDefaultPolicyD10BF6E3"),
            (["AthenaInsertStateMachine", "Resource"], "AthenaInsertStateMachine56546CD3"),
            (["TargetAthenaWorkgroup", "Default"], "TargetAthenaWorkgroup"),
            (["SourceDataCatalog", "Default"], "SourceDataCatalog"),
        ]
        for (components, expected) in cases {
            XCTAssertEqual(LogicalID.make(components), expected, components.joined(separator: "/"))
        }
    }

    func test_givenCandidateIds_whenValidated_thenOnlyOneTo255ASCIILettersAndDigitsPass() {
        XCTAssertTrue(LogicalID.isValid("Abc123"))
        XCTAssertTrue(LogicalID.isValid(String(repeating: "a", count: 255)))
        XCTAssertFalse(LogicalID.isValid(String(repeating: "a", count: 256)))
        XCTAssertFalse(LogicalID.isValid(""))
        XCTAssertFalse(LogicalID.isValid("a-b"))
        XCTAssertFalse(LogicalID.isValid("a b"))
        XCTAssertFalse(LogicalID.isValid("Custom::Thing"))
        XCTAssertFalse(LogicalID.isValid("é"))
        XCTAssertFalse(LogicalID.isValid("１２３"))
    }

    func test_givenNonASCIILettersInTheReadablePart_whenMade_thenDroppedLikePunctuationAndTheHashCoversThem() {
        XCTAssertEqual(LogicalID.make(["Café"]), "Caf")
        XCTAssertEqual(LogicalID.make(["Ωmega9"]), "mega9")
        let id = LogicalID.make(["Café", "Resource"])

        XCTAssertTrue(id.hasPrefix("Caf"))
        XCTAssertNotEqual(id, LogicalID.make(["Caf", "Resource"]))
        XCTAssertEqual(id.utf8.count, 3 + 8)
    }

    func test_givenIdsAroundTheLimitAndNonASCII_whenValidated_thenOnlyOneTo255ASCIILettersAndDigitsPass() {
        XCTAssertTrue(LogicalID.isValid(String(repeating: "a", count: 255)))
        XCTAssertFalse(LogicalID.isValid(String(repeating: "a", count: 256)))
        XCTAssertTrue(LogicalID.isValid("Bucket01"))
        XCTAssertFalse(LogicalID.isValid("Café"))
        XCTAssertFalse(LogicalID.isValid(String(repeating: "é", count: 100)))
        XCTAssertFalse(LogicalID.isValid("my-bucket"))
    }

    func test_givenAnyPath_whenMade_thenTheHashIsTheUpperCasedFirstEightHexDigitsOfThePathsMD5() {
        for components in [["Foo", "Resource"], ["Café", "Résumé"], ["A", "B", "C"]] {
            let id = LogicalID.make(components)

            XCTAssertEqual(String(id.suffix(8)), String(MD5.hex(components.joined(separator: "/")).prefix(8)).uppercased())
        }
    }
}
