import CloudFormation
import Constructs
import XCTest

/// Issue 13 point 4: raw resources, and any resource once overridden, are checked against the
/// pinned cfn-lint's schema of their type at synth time, each problem an error at the
/// construct's path naming the property's path.
final class SchemaValidationTests: XCTestCase {
    /// A typed resource of a real type, its properties given directly (independent of the L1s).
    struct TypedBucket: ResourceProperties {
        static let resourceType = "AWS::S3::Bucket"
        var values: [Value.Field]
        init(_ values: KeyValuePairs<String, Value> = [:]) { self.values = values.map { Value.Field($0.key, $0.value) } }
        func fields() -> [Value.Field] { values }
    }

    func testARawResourcesPropertiesAreCheckedAndReportedAtItsConstructPath() {
        let app = App()
        let stack = Stack(app, "S")
        _ = CfnRawResource(
            stack, "Queue", type: "AWS::SQS::Queue",
            properties: [.init("VisibilityTimout", 30), .init("DelaySeconds", "soon")])
        let errors = synthesisErrors(app)
        XCTAssertEqual(
            errors.map(\.description),
            [
                "S/Queue: Properties.VisibilityTimout is not a property of AWS::SQS::Queue (did you mean VisibilityTimeout?)",
                #"S/Queue: Properties.DelaySeconds must be an integer, not "soon" (give an integer as the schema of AWS::SQS::Queue says)"#,
            ])
        XCTAssertEqual(errors.first?.place, .construct("S/Queue"))
        XCTAssertEqual(errors.first?.severity, .error)
    }

    func testAValidRawResourceSynthesizesWithReferencesAndConditions() throws {
        let app = App()
        let stack = Stack(app, "S")
        let long = CfnCondition(stack, "Long", .equals(.string("a"), .string("a")))
        let queue = CfnRawResource(
            stack, "Queue", type: "AWS::SQS::Queue",
            properties: [
                .init("VisibilityTimeout", .if(long, 600, .pseudo(.noValue))), .init("QueueName", .interpolate(.pseudo(.stackName), "-jobs")),
            ])
        _ = CfnRawResource(
            stack, "Policy", type: "AWS::SQS::QueuePolicy",
            properties: [.init("Queues", .array([queue.ref])), .init("PolicyDocument", .object(["Statement": .array([])]))])
        _ = try synthesizedTemplate(app, stack: "S")
    }

    func testARawResourceMissingARequiredPropertyIsAnError() {
        let app = App()
        _ = CfnRawResource(Stack(app, "S"), "Policy", type: "AWS::SQS::QueuePolicy", properties: [.init("Queues", .array([]))])
        XCTAssertEqual(synthesisErrors(app).map(\.message), ["Properties.PolicyDocument is required"])
    }

    func testAnOverrideThatIntroducesAnUnknownPropertyOnATypedResourceIsAnError() {
        let app = App()
        let bucket = CfnResource(Stack(app, "S"), "Bucket", TypedBucket(["BucketName": "data-bucket"]))
        bucket.addPropertyOverride("BucketEncryptionX", .object(["ServerSideEncryptionConfiguration": .array([])]))
        XCTAssertEqual(
            synthesisErrors(app).map(\.description),
            ["S/Bucket: Properties.BucketEncryptionX is not a property of AWS::S3::Bucket (did you mean BucketEncryption?)"])
    }

    func testAnOverrideThatSetsAValidPropertyOrFixesAnInvalidOnePasses() throws {
        let app = App()
        let stack = Stack(app, "S")
        let bucket = CfnResource(stack, "Bucket", TypedBucket(["BucketName": "Not_Valid"]))
        bucket.addPropertyOverride("BucketName", "data-bucket")
        bucket.addPropertyOverride(
            "BucketEncryption.ServerSideEncryptionConfiguration",
            .array([.object(["ServerSideEncryptionByDefault": .object(["SSEAlgorithm": "AES256"])])]))
        let template = try synthesizedTemplate(app, stack: "S")
        XCTAssertEqual(template["Resources"]?["Bucket"]?["Properties"]?["BucketName"], "data-bucket")
    }

    func testAnOverrideIsCheckedAfterItIsAppliedDeepInsideTheTypedProperties() {
        let app = App()
        let bucket = CfnResource(
            Stack(app, "S"), "Bucket",
            TypedBucket([
                "BucketEncryption": .object([
                    "ServerSideEncryptionConfiguration": .array([.object(["ServerSideEncryptionByDefault": .object(["SSEAlgorithm": "AES256"])])])
                ])
            ]))
        bucket.addPropertyOverride("BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm", "AES512")
        XCTAssertEqual(
            synthesisErrors(app).map(\.message),
            [
                #"Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm is "AES512", not one of the allowed values"#
            ])
    }

    func testADeletionOverrideOfARequiredPropertyIsAnError() {
        let app = App()
        let stack = Stack(app, "S")
        let policy = CfnRawResource(
            stack, "Policy", type: "AWS::SQS::QueuePolicy",
            properties: [.init("Queues", .array(["q"])), .init("PolicyDocument", .object(["Statement": .array([])]))])
        policy.addPropertyDeletionOverride("PolicyDocument")
        XCTAssertEqual(synthesisErrors(app).map(\.message), ["Properties.PolicyDocument is required"])
    }

    func testATypedResourceWithoutOverridesIsNotChecked() throws {
        let app = App()
        _ = CfnResource(Stack(app, "S"), "Bucket", TypedBucket(["NoSuchProperty": 1]))
        _ = try synthesizedTemplate(app, stack: "S")
    }

    func testAnUnknownTypeIsAWarningNamingThePinnedCfnLintAndTheNearestType() throws {
        let app = App()
        let stack = Stack(app, "S")
        _ = CfnRawResource(stack, "Queue", type: "AWS::SQS::Queues", properties: [.init("Anything", 1)])
        _ = CfnRawResource(stack, "Widget", type: "Acme::Widgets::Gizmo")
        _ = CfnRawResource(stack, "Waiter", type: "Custom::Waiter", properties: [.init("Anything", 1)])
        let assembly = try app.synthesize()
        XCTAssertEqual(
            assembly.warnings.map(\.description),
            [
                "S/Queue: resource type AWS::SQS::Queues is not in the schemas of cfn-lint \(ResourceSchemas.cfnLintVersion), so its properties are not checked (did you mean AWS::SQS::Queue? a type newer than that cfn-lint is fine; a misspelt one fails at deploy time)",
                "S/Widget: resource type Acme::Widgets::Gizmo is not in the schemas of cfn-lint \(ResourceSchemas.cfnLintVersion), so its properties are not checked (a type newer than that cfn-lint is fine; a misspelt one fails at deploy time)",
            ])
    }
}
