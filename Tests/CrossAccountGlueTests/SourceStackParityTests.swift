import CloudFormation
import CrossAccountGlue
import XCTest

/// A source stack created from the seed's `s3.yml` must update in place from our template.
final class SourceStackParityTests: XCTestCase {
    func testLogicalIDsParametersAndPropertiesMatchTheSeed() throws {
        let seed = try TestSupport.json(TestSupport.fixtures.appendingPathComponent("seed-source-stack.json"))
        let ours = try TestSupport.renderedJSON(CrossAccountSynthesizer.sourceTemplateFile)
        for parameter in ["ProjectName", "EnvName", "TargetAccountId"] {
            XCTAssertEqual(ours["Parameters"]?[parameter]?["Type"], seed["Parameters"]?[parameter]?["Type"], parameter)
        }
        XCTAssertEqual(ours["Parameters"]?["TargetAccountId"]?["Default"], "222222222222")
        XCTAssertEqual(ours["Description"], seed["Description"])
        for id in ["DataBucket", "DataBucketPolicy"] {
            XCTAssertEqual(ours["Resources"]?[id]?["Type"], seed["Resources"]?[id]?["Type"], id)
        }
        let parameters = ["TargetAccountId": "222222222222"]
        let seedEvaluator = IntrinsicEvaluator(template: seed, parameters: parameters)
        let ourEvaluator = IntrinsicEvaluator(template: ours, parameters: parameters)
        let seedBucket = try XCTUnwrap(seed["Resources"]?["DataBucket"]?["Properties"]?.objectMembers)
        for property in seedBucket {
            XCTAssertEqual(
                ourEvaluator.evaluate(try XCTUnwrap(ours["Resources"]?["DataBucket"]?["Properties"]?[property.key])),
                seedEvaluator.evaluate(property.value), property.key)
        }
        let seedStatement = seedEvaluator.evaluate(
            try XCTUnwrap(seed["Resources"]?["DataBucketPolicy"]?["Properties"]?["PolicyDocument"]?["Statement"]?[0]))
        let ourStatements = ourEvaluator.evaluate(
            try XCTUnwrap(ours["Resources"]?["DataBucketPolicy"]?["Properties"]?["PolicyDocument"]?["Statement"]))
        // The seed's statement, narrowed: objects only under the table's folder, listing only there,
        // and the role named by condition (the account is the principal), so a re-created role
        // keeps its access.
        let read = try XCTUnwrap(ourStatements.arrayValue?.first { $0["Sid"] == "AllowTargetAccountRead" })
        let list = try XCTUnwrap(ourStatements.arrayValue?.first { $0["Sid"] == "AllowTargetAccountList" })
        let roleArn = "arn:aws:iam::222222222222:role/cm-kasama-cross-account-dev-sfn-execution-role"
        XCTAssertEqual(seedStatement["Principal"], .object(["AWS": .string(roleArn)]))
        for statement in [read, list] {
            XCTAssertEqual(statement["Effect"], seedStatement["Effect"])
            XCTAssertEqual(statement["Principal"], .object(["AWS": "arn:aws:iam::222222222222:root"]))
            XCTAssertEqual(statement["Condition"]?["ArnEquals"]?["aws:PrincipalArn"], .string(roleArn))
        }
        XCTAssertEqual(read["Action"], "s3:GetObject")
        XCTAssertEqual(read["Resource"], "arn:aws:s3:::cm-kasama-cross-account-dev-data/data/*")
        XCTAssertEqual(list["Action"], "s3:ListBucket")
        XCTAssertEqual(list["Resource"], "arn:aws:s3:::cm-kasama-cross-account-dev-data")
        XCTAssertEqual(list["Condition"]?["StringLike"]?["s3:prefix"], .array(["data/*"]))
        for action in ["s3:GetObject", "s3:ListBucket"] {
            XCTAssertTrue(seedStatement["Action"]?.arrayValue?.contains(.string(action)) ?? false, "\(action) is not the seed's")
        }
    }
}
