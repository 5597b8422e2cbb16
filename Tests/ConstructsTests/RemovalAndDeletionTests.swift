import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// What CloudFormation does with a resource when the stack deletes or replaces it.
final class RemovalAndDeletionTests: XCTestCase {
    func test_givenEachRemovalPolicy_whenRendered_thenDeletionAndUpdateReplacePoliciesCloudFormationAccepts() throws {
        // RetainExceptOnCreate is valid only as a DeletionPolicy; UpdateReplacePolicy takes
        // Delete, Retain or Snapshot (AWS-FACTS §12).
        let cases: [(RemovalPolicy, deletion: String, updateReplace: String)] = [
            (.destroy, "Delete", "Delete"),
            (.retain, "Retain", "Retain"),
            (.snapshot, "Snapshot", "Snapshot"),
            (.retainOnUpdateOrDelete, "RetainExceptOnCreate", "Retain"),
        ]
        for (policy, deletion, updateReplace) in cases {
            let app = App()
            let stack = Stack(app, "MyStack")
            _ = Bucket(stack, "Data", removalPolicy: policy)
            let bucket = try synthesizedTemplate(app, stack: "MyStack")["Resources"]?["Data666C94C7"]
            XCTAssertEqual(bucket?["DeletionPolicy"], .string(deletion), "\(policy)")
            XCTAssertEqual(bucket?["UpdateReplacePolicy"], .string(updateReplace), "\(policy)")
            XCTAssertTrue(["Delete", "Retain", "Snapshot"].contains(bucket?["UpdateReplacePolicy"]?.stringValue ?? ""))
        }
    }

    func test_givenAWorkGroup_whenRendered_thenItCanBeDeletedAfterItsFirstQuery() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        _ = WorkGroup(stack, "Queries", name: "queries")
        _ = WorkGroup(stack, "Kept", name: "kept", deletesQueryHistory: false)

        let resources = try synthesizedTemplate(app, stack: "MyStack")["Resources"]

        XCTAssertEqual(
            resources?["Queries"]?["Properties"]?["RecursiveDeleteOption"], .bool(true),
            "DeleteWorkGroup refuses a workgroup with query history unless recursive")
        XCTAssertEqual(resources?["Kept"]?["Properties"]?["RecursiveDeleteOption"], .bool(false))
    }
}
