import CloudFormation
import Constructs
import XCTest

@testable import CrossAccountGlue

/// A source template looks each account up in mappings keyed by account id, and a mapping takes
/// at most 200 keys (CloudFormation quotas; cfn-lint E7010): so 200 accounts share one template,
/// and beyond that each group of 200 gets its own, which the deploy plan picks per account.
extension DistributedMapTests {
    func testTwoHundredAccountsShareOneSourceTemplateAndTheTwoHundredAndFirstStartsAnother() throws {
        let two = try files(pipelineText(tables: 200, accounts: 200, extra: #", "catalogAsCode": false"#))
        XCTAssertNotNil(two["source-stack.json"])
        XCTAssertNil(two["source-stack-1.json"])
        let mapping = try JSONParser.parse(XCTUnwrap(two["source-stack.json"]))["Mappings"]?["SourceDataKeys"]?.objectMembers
        XCTAssertEqual(mapping?.count, 200)

        let more = try files(pipelineText(tables: 201, accounts: 201))
        XCTAssertNil(more["source-stack.json"])
        let first = try JSONParser.parse(XCTUnwrap(more["source-stack-1.json"]))
        let second = try JSONParser.parse(XCTUnwrap(more["source-stack-2.json"]))
        XCTAssertEqual(first["Mappings"]?["SourceDataKeys"]?.objectMembers?.count, 200)
        XCTAssertEqual(second["Mappings"]?["SourceDataKeys"]?.objectMembers?.map(\.key), ["300000000200"])
        // Names come from the whole plan: the lone account of the second group still gets its suffix.
        XCTAssertEqual(
            second["Resources"]?["DataBucket"]?["Properties"]?["BucketName"],
            .object(["Fn::Sub": "${ProjectName}-${EnvName}-data-${AWS::AccountId}"]))
        let plan = try XCTUnwrap(more["deploy-plan.sh"])
        XCTAssertTrue(plan.contains(#"source_aws 300000000199 cloudformation deploy --template-file "$here/source-stack-1.json""#))
        XCTAssertTrue(plan.contains(#"source_aws 300000000200 cloudformation deploy --template-file "$here/source-stack-2.json""#))
    }

    func testASourceTemplateOverTheInlineLimitIsDeployedThroughS3() throws {
        // 200 accounts of 25 tables: the mapping of their key patterns is over 51,200 bytes.
        let rendered = try files(pipelineText(tables: 5_000, accounts: 200))
        XCTAssertGreaterThan(try XCTUnwrap(rendered["source-stack.json"]).utf8.count, Limits.inlineTemplateBytes)
        XCTAssertTrue(
            try XCTUnwrap(rendered["deploy-plan.sh"]).contains(
                #"--s3-bucket "${SOURCE_ARTIFACT_BUCKET_300000000000:-${SOURCE_ARTIFACT_BUCKET:?the source template is over 51,200 bytes"#))
    }

    func testAMappingOverTwoHundredKeysIsASynthTimeError() {
        let app = App()
        let stack = Stack(app, "S")
        _ = CfnMapping(stack, "Big", entries: (0..<201).map { (key: "k\($0)", attributes: [Value.Field("V", "x")]) })
        _ = CfnMapping(stack, "Fits", entries: (0..<200).map { (key: "k\($0)", attributes: [Value.Field("V", "x")]) })
        do {
            _ = try app.synthesize()
            XCTFail("a mapping of 201 keys was accepted")
        } catch {
            XCTAssertEqual(
                error.diagnostics.map(\.description),
                ["S/Big: mapping has 201 keys; CloudFormation allows 200 per mapping (split the keys over several mappings or templates)"])
        }
    }
}
