import CloudFormation
import CloudFormationAthena
import CloudFormationGlue
import CloudFormationS3
import CloudFormationSQS
import CloudFormationSSM
import CloudFormationWAFv2
import Constructs
import XCTest

/// The generated L1 types as a user meets them: typed attributes, required properties, enums with
/// their escape, stack tags, maps, and a recursive property type.
final class GeneratedL1Tests: XCTestCase {
    private func template(_ build: (Stack) -> Void) throws -> JSON {
        let app = App()
        build(Stack(app, "S", tags: [Tag("Team", "data")]))
        return try app.synthesize().stacks[0].template.json()
    }

    func testATypedAttributeRendersItsGetAttAndTheTypeListsEveryReadOnlyProperty() throws {
        let json = try template { stack in
            let bucket = CfnResource(stack, "Bucket", S3BucketProperties())
            CfnOutput(stack, "Arn", Output(value: bucket.attribute(.arn)))
            CfnOutput(stack, "Table", Output(value: bucket.attribute(.metadataConfigurationDestination)))
        }
        XCTAssertEqual(json["Outputs"]?["Arn"]?["Value"], ["Fn::GetAtt": ["Bucket", "Arn"]])
        XCTAssertEqual(json["Outputs"]?["Table"]?["Value"], ["Fn::GetAtt": ["Bucket", "MetadataConfiguration.Destination"]])
        XCTAssertEqual(S3BucketProperties.attributeNames?.first, "Arn")
        XCTAssertEqual(S3BucketProperties.Attribute.allCases.map(\.rawValue), S3BucketProperties.attributeNames)
    }

    func testEachTypeNamesItsCreateOnlyPropertiesFromThePinnedFacts() {
        XCTAssertEqual(S3BucketProperties.createOnlyProperties, ["BucketName", "BucketNamePrefix", "BucketNamespace"])
        XCTAssertTrue(GlueTableProperties.createOnlyProperties.contains("TableInput/Name"))
        XCTAssertEqual(SQSQueuePolicyProperties.createOnlyProperties, [])
    }

    func testRequiredPropertiesRenderAndOptionalOnesLeftNilDoNot() throws {
        let json = try template { stack in
            _ = CfnResource(
                stack, "Db", GlueDatabaseProperties(catalogId: .pseudo(.accountId), databaseInput: .init(name: "sales")))
        }
        XCTAssertEqual(
            json["Resources"]?["Db"]?["Properties"],
            ["CatalogId": ["Ref": "AWS::AccountId"], "DatabaseInput": ["Name": "sales"]])
    }

    func testAnEnumRendersItsValueAndOtherTakesAnUnlistedValueOrAnIntrinsic() {
        typealias Status = S3BucketProperties.VersioningConfiguration.Status
        XCTAssertEqual(Status.enabled.propertyValue.json(), "Enabled")
        XCTAssertEqual(Status.other("Paused").propertyValue.json(), "Paused")
        XCTAssertEqual(Status.other(.pseudo(.region)).propertyValue.json(), ["Ref": "AWS::Region"])
    }

    func testATaggableTypeGetsTheStackTagsAfterItsOwnAndAnUntaggableOneDoesNot() throws {
        let json = try template { stack in
            _ = CfnResource(stack, "Queue", SQSQueueProperties(queueName: "jobs", tags: [Tag("Owner", "me")]))
            _ = CfnResource(stack, "Policy", SQSQueuePolicyProperties(policyDocument: .object([]), queues: ["q"]))
        }
        XCTAssertEqual(
            json["Resources"]?["Queue"]?["Properties"]?["Tags"],
            [["Key": "Owner", "Value": "me"], ["Key": "Team", "Value": "data"]])
        XCTAssertNil(json["Resources"]?["Policy"]?["Properties"]?["Tags"])
    }

    func testATypeWithATagsMapGetsTheStackTagsInItUnderItsOwn() throws {
        let json = try template { stack in
            _ = CfnResource(stack, "Own", SSMParameterProperties(tags: ["Team": "platform", "Cost": "42"], type: .string, value: "v"))
            _ = CfnResource(stack, "None", SSMParameterProperties(type: .string, value: "v"))
        }
        XCTAssertEqual(json["Resources"]?["Own"]?["Properties"]?["Tags"], ["Cost": "42", "Team": "platform"])
        XCTAssertEqual(json["Resources"]?["None"]?["Properties"]?["Tags"], ["Team": "data"])
    }

    func testAMapPropertyRendersItsKeysSorted() {
        let catalog = AthenaDataCatalogProperties(name: "c", parameters: ["metadata-function": "f", "catalog-id": "1"], type: .lambda)
        XCTAssertEqual(Value.object(catalog.fields()).json()["Parameters"]?.keys, ["catalog-id", "metadata-function"])
    }

    func testAPropertyTypeThatContainsItselfNestsAsDeepAsGiven() {
        typealias Statement = WAFv2WebACLProperties.Statement
        let inner = Statement(labelMatchStatement: .init(key: "k", scope: .label))
        let outer = Statement(notStatement: .init(statement: Statement(notStatement: .init(statement: inner))))
        XCTAssertEqual(
            outer.propertyValue.json(),
            ["NotStatement": ["Statement": ["NotStatement": ["Statement": ["LabelMatchStatement": ["Key": "k", "Scope": "LABEL"]]]]]])
    }
}
