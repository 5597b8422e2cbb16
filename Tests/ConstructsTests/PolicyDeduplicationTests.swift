import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// A statement's resources and a document's statements are deduplicated by their JSON, without
/// rendering every value: values whose rendered summaries differ are kept unrendered, values
/// whose summaries agree are rendered and compared.
final class PolicyDeduplicationTests: XCTestCase {
    let bucket = LogicalName("DataBucket")

    private func resources(_ statement: PolicyStatement) -> [JSON] {
        guard let resource = statement.value.json()["Resource"] else { return [] }
        return resource.arrayValue ?? [resource]
    }

    func test_givenResourcesSpelledDifferentlyThatRenderAlike_whenRendered_thenWrittenOnce() {
        let statement = PolicyStatement(
            actions: ["s3:GetObject"],
            resources: [
                .interpolate("arn:", .pseudo(.partition), ":s3:::", .ref(bucket)),
                .sub("arn:${AWS::Partition}:s3:::${DataBucket}", []),
                .ref(bucket), .ref(LogicalName("DataBucket")),
            ])

        XCTAssertEqual(
            resources(statement),
            [.object(["Fn::Sub": "arn:${AWS::Partition}:s3:::${DataBucket}"]), .object(["Ref": "DataBucket"])])
    }

    func test_givenDistinctResourcesWhoseSummariesAgree_whenRendered_thenEachKeptInOrder() {
        // Lists all summarize alike: they are told apart by their JSON.
        let statement = PolicyStatement(actions: ["s3:GetObject"], resources: [.array(["a"]), .array(["b"]), .array(["a"]), "a"])

        XCTAssertEqual(resources(statement), [["a"], ["b"], "a"])
    }

    func test_givenStatementsThatDifferOnlyInTheirResources_whenDocumentRendered_thenBothKept() {
        let one = PolicyStatement(sid: "Read", actions: ["s3:GetObject"], resources: [.array(["a"])])
        let other = PolicyStatement(sid: "Read", actions: ["s3:GetObject"], resources: [.array(["b"])])

        XCTAssertEqual(PolicyDocument([one, other, one]).value.json()["Statement"]?.arrayValue?.count, 2)
    }

    func test_givenStatementsWithDifferentSids_whenDocumentRendered_thenBothKept() {
        let one = PolicyStatement(sid: "One", actions: ["s3:GetObject"], resources: ["*"])
        let two = PolicyStatement(sid: "Two", actions: ["s3:GetObject"], resources: ["*"])

        XCTAssertEqual(PolicyDocument([one, two, two]).value.json()["Statement"]?.arrayValue?.count, 2)
    }
}
