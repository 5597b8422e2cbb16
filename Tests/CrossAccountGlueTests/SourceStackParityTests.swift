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
            XCTAssertEqual(ourEvaluator.evaluate(try XCTUnwrap(ours["Resources"]?["DataBucket"]?["Properties"]?[property.key])),
                           seedEvaluator.evaluate(property.value), property.key)
        }
        let seedStatement = seedEvaluator.evaluate(try XCTUnwrap(seed["Resources"]?["DataBucketPolicy"]?["Properties"]?["PolicyDocument"]?["Statement"]?[0]))
        let ourStatements = ourEvaluator.evaluate(try XCTUnwrap(ours["Resources"]?["DataBucketPolicy"]?["Properties"]?["PolicyDocument"]?["Statement"]))
        let read = try XCTUnwrap(ourStatements.arrayValue?.first { $0["Sid"] == "AllowTargetAccountRead" })
        for key in ["Effect", "Principal", "Action", "Resource"] {
            XCTAssertEqual(read[key], seedStatement[key], key)
        }
    }
}
