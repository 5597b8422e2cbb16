import CloudFormation
import CloudFormationIAM
import CloudFormationS3
import CloudFormationSNS
import Constructs
import XCTest

/// Issue 12 point 3: a raw resource of any type, and overrides on any resource, keeping
/// logical IDs, tags and validation.
final class EscapeHatchTests: XCTestCase {
    func testARawResourceRendersItsTypeAndPropertiesAndTakesTheStacksTags() throws {
        let app = App()
        let stack = Stack(app, "S", tags: [Tag("Project", "p"), Tag("Team", "data")])
        let queue = CfnRawResource(
            stack, "Queue", type: "AWS::SQS::Queue",
            properties: [
                .init("QueueName", "jobs"), .init("Tags", .array([.object(["Key": "Team", "Value": "mine"])])),
            ], taggable: true)
        let untagged = CfnRawResource(
            stack, "Policy", type: "AWS::SQS::QueuePolicy",
            properties: [
                .init("Queues", .array([queue.ref])), .init("PolicyDocument", .object(["Statement": .array([])])),
            ])
        untagged.addDependency(queue)
        _ = CfnRawResource(stack, "Waiter", type: "Custom::Waiter", properties: [.init("QueueArn", queue.attribute("Arn"))])

        let template = try synthesizedTemplate(app, stack: "S")
        assertJSON(
            template["Resources"],
            equals: """
                {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "jobs",
                   "Tags": [{"Key": "Team", "Value": "mine"}, {"Key": "Project", "Value": "p"}]}},
                 "Policy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [{"Ref": "Queue"}], "PolicyDocument": {"Statement": []}},
                   "DependsOn": ["Queue"]},
                 "Waiter": {"Type": "Custom::Waiter", "Properties": {"QueueArn": {"Fn::GetAtt": ["Queue", "Arn"]}}}}
                """)
    }

    func testARawResourceNeedsAValidTypeAndUniqueProperties() {
        for type in ["AWS::SQS", "SQS::Queue", "AWS::::Queue", "AWS::SQS::", "Custom::", "aws:sqs:queue"] {
            let app = App()
            _ = CfnRawResource(Stack(app, "S"), "R", type: type)
            XCTAssertEqual(synthesisErrors(app).map(\.message), ["resource type \"\(type)\" is not of the form Vendor::Service::Resource"], type)
        }
        for type in ["AWS::SQS::Queue", "Custom::Anything", "Vendor::Service::Thing"] {
            let app = App()
            _ = CfnRawResource(Stack(app, "S"), "R", type: type)
            XCTAssertNoThrow(try app.synthesize(), type)
        }
        let app = App()
        _ = CfnRawResource(Stack(app, "S"), "R", type: "AWS::SQS::Queue", properties: [.init("QueueName", "a"), .init("QueueName", "b")])
        XCTAssertEqual(synthesisErrors(app).map(\.message), ["property \"QueueName\" is given twice"])
    }

    func testOverridesSetAndDeleteAnyPathAfterTheTypedPropertiesAndTags() throws {
        let app = App()
        let stack = Stack(app, "S", tags: [Tag("Project", "p")])
        let other = CfnResource(stack, "Other", TestProperties())
        let thing = CfnResource(
            stack, "Thing",
            TestProperties([
                "Name": "a", "Nested": .object(["Keep": 1, "Drop": 2]), "List": .array([.object(["X": 1]), .object(["X": 2])]),
            ]))
        thing.addPropertyOverride("Nested.Added.Deep", .ref(other))
        thing.addPropertyDeletionOverride("Nested.Drop")
        thing.addPropertyOverride("List.1.X", 3)
        thing.addPropertyOverride("Name", "b")
        thing.addPropertyOverride("Dotted\\.Key", true)
        thing.addOverride("Metadata.Note", "by hand")
        thing.addOverride("UpdateReplacePolicy", "Retain")
        thing.addDeletionOverride("Properties.Missing.Path")

        let template = try synthesizedTemplate(app, stack: "S")
        assertJSON(
            template["Resources"]?["Thing"],
            equals: """
                {"Type": "Test::Thing",
                 "Properties": {"Name": "b", "Nested": {"Keep": 1, "Added": {"Deep": {"Ref": "Other"}}},
                   "List": [{"X": 1}, {"X": 3}], "Dotted.Key": true},
                 "Metadata": {"Note": "by hand"}, "UpdateReplacePolicy": "Retain"}
                """)
        XCTAssertEqual(thing.logicalId, "Thing", "an override keeps the logical ID")
    }

    func testAnOverrideOfTheTagsReplacesTheStacksTagsAndReferencesInOverridesAreChecked() throws {
        let app = App()
        let stack = Stack(app, "S", tags: [Tag("Project", "p")])
        let queue = CfnRawResource(stack, "Queue", type: "AWS::SQS::Queue", taggable: true)
        queue.addPropertyOverride("Tags", .array([]))
        assertJSON(try synthesizedTemplate(app, stack: "S")["Resources"]?["Queue"]?["Properties"], equals: #"{"Tags": []}"#)

        let cyclic = App()
        let s = Stack(cyclic, "S")
        let a = CfnRawResource(s, "A", type: "AWS::SQS::Queue")
        let b = CfnRawResource(s, "B", type: "AWS::SQS::Queue", properties: [.init("QueueName", a.ref)])
        a.addPropertyOverride("QueueName", b.ref)
        XCTAssertEqual(synthesisErrors(cyclic).first?.message, "dependency cycle: A -> B -> A")
    }

    func testAnOverridePathMustStartAtAResourceKey() {
        let app = App()
        let thing = CfnRawResource(Stack(app, "S"), "R", type: "AWS::SQS::Queue")
        thing.addOverride("Propertes.Name", "x")
        thing.addOverride("Properties..Name", "x")
        XCTAssertEqual(
            synthesisErrors(app).map(\.message),
            [
                "override path \"Propertes.Name\" does not start with one of \(ResourceOverride.topLevelKeys.joined(separator: ", "))",
                "override path \"Properties..Name\" has an empty component",
            ])
    }

    func testOverridesCrossStacksLikeProperties() throws {
        let app = App()
        let bucket = CfnRawResource(Stack(app, "P", stackName: "producer"), "Bucket", type: "AWS::S3::Bucket")
        let reader = CfnRawResource(Stack(app, "C"), "Reader", type: "AWS::SQS::Queue")
        reader.addPropertyOverride("QueueName", bucket.ref)
        let template = try synthesizedTemplate(app, stack: "C")
        assertJSON(template["Resources"]?["Reader"]?["Properties"], equals: #"{"QueueName": {"Fn::ImportValue": "producer:Bucket"}}"#)
    }
}

/// Issue 12 point 4: a misspelt `Fn::GetAtt` attribute is a synth-time error for a type whose
/// attributes are known.
final class TypedAttributeTests: XCTestCase {
    func testAnAttributeTheTypeHasPassesAndAMisspeltOneIsReportedAtTheReader() throws {
        let app = App()
        let stack = Stack(app, "S")
        let bucket = CfnResource(stack, "Bucket", S3BucketProperties())
        let topic = CfnResource(stack, "Topic", SNSTopicProperties())
        _ = CfnRawResource(
            stack, "Good", type: "Custom::Reader",
            properties: [
                .init("A", bucket.attribute("Arn")), .init("B", bucket.attribute("RegionalDomainName")), .init("C", topic.attribute("TopicArn")),
            ])
        XCTAssertNoThrow(try app.synthesize())

        CfnOutput(stack, "Bad", Output(value: bucket.attribute("ARN")))
        _ = CfnRawResource(stack, "AlsoBad", type: "Custom::Reader", properties: [.init("T", .interpolate(topic.attribute("Arn"), "/x"))])
        let errors = synthesisErrors(app)
        XCTAssertEqual(errors.map(\.location), ["S/AlsoBad", "S/Bad"])
        XCTAssertEqual(
            errors.map(\.message),
            [
                "reads attribute \"Arn\" of S/Topic, which AWS::SNS::Topic does not have",
                "reads attribute \"ARN\" of S/Bucket, which AWS::S3::Bucket does not have",
            ])
        XCTAssertEqual(errors.last?.hint?.hasPrefix("its attributes: Arn, DomainName"), true)
    }

    func testRawAndCustomResourcesTakeAnyAttribute() throws {
        let app = App()
        let stack = Stack(app, "S")
        let raw = CfnRawResource(stack, "Raw", type: "AWS::SQS::Queue")
        CfnOutput(stack, "Anything", Output(value: raw.attribute("Whatever")))
        XCTAssertNoThrow(try app.synthesize())
        XCTAssertNil(CustomResourceProperties.attributeNames)
        XCTAssertEqual(IAMRoleProperties.attributeNames, ["Arn", "RoleId"])
    }
}
