import CloudFormation
import XCTest

/// Issue 13 point 4: a resource's rendered properties checked against the pinned cfn-lint's
/// schema of its type, each rule both ways.
final class ResourceSchemaValidationTests: XCTestCase {
    /// The problems' messages for `properties` of a `type` resource, or a note when not checked.
    func messages(_ type: String, _ properties: JSON?, schemas: ResourceSchemas = .pinned, file: StaticString = #filePath, line: UInt = #line)
        -> [String]
    {
        var validator = ResourceSchemaValidator(schemas: schemas)
        guard case .checked(let problems) = validator.check(type: type, properties: properties) else {
            XCTFail("\(type) was not checked", file: file, line: line)
            return []
        }
        return problems.map(\.message)
    }

    func testTheGeneratedTableIsIndexedByTypeAndParsesOneTypeAtATime() throws {
        let schemas = ResourceSchemas.pinned
        XCTAssertGreaterThan(schemas.typeNames.count, 1_500)
        XCTAssertEqual(schemas.typeNames, schemas.typeNames.sorted())
        let bucket = try XCTUnwrap(schemas.schema(of: "AWS::S3::Bucket"))
        XCTAssertEqual(bucket.typeName, "AWS::S3::Bucket")
        XCTAssertTrue(bucket.root.closed)
        XCTAssertEqual(bucket.root.property("Arn")?.readOnly, true)
        XCTAssertEqual(bucket.root.property("BucketEncryption")?.shape, .definition("BucketEncryption"))
        XCTAssertEqual(bucket.root.property("Tags")?.shape, .array(of: .definition("Tag")))
        let sse = try XCTUnwrap(bucket.definitions["ServerSideEncryptionByDefault"]?.property("SSEAlgorithm"))
        XCTAssertTrue(sse.required)
        XCTAssertEqual(sse.constraints.allowedValues, ["aws:kms", "AES256", "aws:kms:dsse"])
        XCTAssertNil(schemas.schema(of: "AWS::S3::Buckets"))
        XCTAssertEqual(ResourceSchemas.cfnLintVersion, "1.51.0")
    }

    func testShapeNotation() {
        XCTAssertEqual(Shape(parsing: "s"), .string)
        XCTAssertEqual(Shape(parsing: "#@1|s"), .oneOf([.definition("@1"), .string]))
        XCTAssertEqual(Shape(parsing: "[[i"), .array(of: .array(of: .integer)))
        XCTAssertEqual(Shape(parsing: "{(s|n)|o"), .oneOf([.map(of: .oneOf([.string, .number])), .anyObject]))
        XCTAssertEqual(Shape(parsing: "?"), .anything, "anything unreadable is accepted, never an error")
    }

    // MARK: Unknown properties

    func testAnUnknownPropertyIsAnErrorWithTheNearestNameAndAKnownOneIsNot() {
        var validator = ResourceSchemaValidator()
        guard case .checked(let problems) = validator.check(type: "AWS::S3::Bucket", properties: ["BucketEncryptionX": ["A": 1]]) else {
            return XCTFail("not checked")
        }
        XCTAssertEqual(problems.map(\.message), ["Properties.BucketEncryptionX is not a property of AWS::S3::Bucket"])
        XCTAssertEqual(problems.first?.path, "Properties.BucketEncryptionX")
        XCTAssertEqual(problems.first?.hint, "did you mean BucketEncryption?")
        XCTAssertEqual(messages("AWS::S3::Bucket", ["BucketName": "my-bucket"]), [])
        XCTAssertEqual(messages("AWS::S3::Bucket", nil), [], "a bucket needs no properties")
    }

    func testAnUnknownPropertyInANestedDefinitionNamesItsPathAndListsTheKnownOnes() {
        let problems = messages("AWS::S3::Bucket", ["VersioningConfiguration": ["Status": "Enabled", "Zzzzzzzz": true]])
        XCTAssertEqual(problems, ["Properties.VersioningConfiguration.Zzzzzzzz is not a property of this object of AWS::S3::Bucket"])
        var validator = ResourceSchemaValidator()
        if case .checked(let found) = validator.check(type: "AWS::S3::Bucket", properties: ["VersioningConfiguration": ["Zzzzzzzz": true]]) {
            XCTAssertTrue(found.contains { $0.hint == "its properties: Status" }, "\(found)")
        }
    }

    // MARK: JSON types

    func testAWrongJSONTypeIsAnErrorAndNumbersAndBooleansAsStringsAreAccepted() {
        XCTAssertEqual(
            messages("AWS::SQS::Queue", ["VisibilityTimeout": "soon"]),
            [#"Properties.VisibilityTimeout must be an integer, not "soon""#])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["VisibilityTimeout": 30]), [])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["VisibilityTimeout": "30"]), [], "CloudFormation reads \"30\" as 30")
        XCTAssertEqual(messages("AWS::SQS::Queue", ["FifoQueue": "true"]), [])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["FifoQueue": true]), [])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["FifoQueue": "yes"]), [#"Properties.FifoQueue must be a boolean, not "yes""#])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["FifoQueue": 1]), ["Properties.FifoQueue must be a boolean, not the number 1"])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["QueueName": 5]), [], "a number is accepted where a string is")
        XCTAssertEqual(messages("AWS::SQS::Queue", ["QueueName": ["a"]]), ["Properties.QueueName must be a string, not an array"])
    }

    func testAnObjectWhereAnArrayIsExpectedAndTheReverseAreErrors() {
        XCTAssertEqual(messages("AWS::S3::Bucket", ["Tags": ["Key": "a", "Value": "b"]]), ["Properties.Tags must be an array, not an object"])
        XCTAssertEqual(
            messages("AWS::S3::Bucket", ["VersioningConfiguration": ["Enabled"]]),
            ["Properties.VersioningConfiguration must be an object, not an array"])
        XCTAssertEqual(messages("AWS::S3::Bucket", ["Tags": [["Key": "a", "Value": "b"]]]), [])
    }

    func testAMultiTypePropertyAcceptsAnyOfItsTypesAndChecksTheObjectOne() {
        XCTAssertEqual(messages("AWS::SQS::Queue", ["RedrivePolicy": #"{"maxReceiveCount": 3}"#]), [])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["RedrivePolicy": ["maxReceiveCount": 3, "deadLetterTargetArn": "arn"]]), [])
        XCTAssertEqual(
            messages("AWS::SQS::Queue", ["RedrivePolicy": ["maxReceiveCount": "many"]]),
            [#"Properties.RedrivePolicy.maxReceiveCount must be an integer, not "many""#])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["RedrivePolicy": [3]]), ["Properties.RedrivePolicy must be an object or a string, not an array"])
    }

    // MARK: Required properties

    func testAMissingRequiredPropertyIsAnErrorAtItsPath() {
        XCTAssertEqual(messages("AWS::Athena::WorkGroup", ["State": "ENABLED"]), ["Properties.Name is required"])
        XCTAssertEqual(messages("AWS::Athena::WorkGroup", ["Name": "wg"]), [])
        XCTAssertEqual(
            messages(
                "AWS::S3::Bucket",
                ["BucketEncryption": ["ServerSideEncryptionConfiguration": [["ServerSideEncryptionByDefault": ["KMSMasterKeyID": "k"]]]]]),
            ["Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm is required"])
    }

    func testNoValueMeansAbsent() {
        let noValue: JSON = ["Ref": "AWS::NoValue"]
        XCTAssertEqual(messages("AWS::Athena::WorkGroup", ["Name": noValue]), ["Properties.Name is required"])
        XCTAssertEqual(messages("AWS::Athena::WorkGroup", ["Name": "wg", "Description": noValue]), [])
        XCTAssertEqual(messages("AWS::S3::Bucket", ["Zzzzzzzzzz": noValue]), [], "an absent property is not unknown")
        XCTAssertEqual(messages("AWS::S3::Bucket", ["Tags": [noValue, ["Key": "a", "Value": "b"]]]), [])
    }

    // MARK: Enums and patterns

    func testAValueOutsideTheEnumIsAnErrorListingTheAllowedValues() {
        var validator = ResourceSchemaValidator()
        let encryption: (JSON) -> JSON = { algorithm in
            ["BucketEncryption": ["ServerSideEncryptionConfiguration": [["ServerSideEncryptionByDefault": ["SSEAlgorithm": algorithm]]]]]
        }
        guard case .checked(let problems) = validator.check(type: "AWS::S3::Bucket", properties: encryption("AES257")) else {
            return XCTFail("not checked")
        }
        XCTAssertEqual(
            problems.map(\.message),
            [
                #"Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm is "AES257", not one of the allowed values"#
            ])
        XCTAssertEqual(problems.first?.hint, "use one of aws:kms, AES256, aws:kms:dsse")
        XCTAssertEqual(messages("AWS::S3::Bucket", encryption("AES256")), [])
    }

    func testAnEnumOfArrayItemsChecksEachItem() {
        let rule: (JSON) -> JSON = { methods in ["CorsConfiguration": ["CorsRules": [["AllowedOrigins": ["*"], "AllowedMethods": methods]]]] }
        XCTAssertEqual(messages("AWS::S3::Bucket", rule(["GET", "PUT"])), [])
        XCTAssertEqual(
            messages("AWS::S3::Bucket", rule(["GET", "FETCH"])),
            [#"Properties.CorsConfiguration.CorsRules[0].AllowedMethods[1] is "FETCH", not one of the allowed values"#])
    }

    func testALongEnumIsTruncatedInTheHint() {
        let schemas = ResourceSchemas(table: "=T::T::T\tc\nV\ts\t[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\"]\n")
        var validator = ResourceSchemaValidator(schemas: schemas)
        guard case .checked(let problems) = validator.check(type: "T::T::T", properties: ["V": "z"]) else { return XCTFail("not checked") }
        XCTAssertEqual(problems.first?.hint, "use one of a, b, c, d, e, f, g, h, i, j, … (2 more)")
    }

    func testAStringNotMatchingThePatternIsAnError() {
        XCTAssertEqual(messages("AWS::S3::Bucket", ["BucketName": "my-data.bucket"]), [])
        XCTAssertEqual(
            messages("AWS::S3::Bucket", ["BucketName": "My_Bucket"]),
            [#"Properties.BucketName is "My_Bucket", which does not match the pattern ^([a-z0-9][a-z0-9.-]*[a-z0-9])?$"#])
        // Unanchored, as JSON schema's pattern is: a match anywhere is enough.
        XCTAssertEqual(messages("AWS::Athena::WorkGroup", ["Name": "ok name with spaces"]), [])
        XCTAssertEqual(
            messages("AWS::Athena::WorkGroup", ["Name": "!!!"]),
            [#"Properties.Name is "!!!", which does not match the pattern [a-zA-Z0-9._-]{1,128}"#])
        // Only literal strings are matched.
        XCTAssertEqual(messages("AWS::S3::Bucket", ["BucketName": ["Fn::Sub": "${AWS::StackName}-Data"]]), [])
    }

    func testAPatternSwiftCannotCompileIsSkipped() {
        let schemas = ResourceSchemas(table: "=T::T::T\tc\nV\ts\t\t[\\uD800-\\uDBFF]\nW\ts\t\t^a(\n")
        XCTAssertEqual(messages("T::T::T", ["V": "x", "W": "b"], schemas: schemas), [])
    }

    // MARK: Read-only

    func testSettingAReadOnlyPropertyIsAnError() {
        XCTAssertEqual(messages("AWS::S3::Bucket", ["Arn": "arn:aws:s3:::b"]), ["Properties.Arn is read-only"])
        XCTAssertEqual(messages("AWS::S3::Bucket", ["BucketName": "bucket-b"]), [])
    }

    // MARK: Intrinsic functions

    func testIntrinsicsAreAcceptedWhereTheirResultCanBeOfTheExpectedType() {
        XCTAssertEqual(messages("AWS::SQS::Queue", ["VisibilityTimeout": ["Ref": "Timeout"]]), [])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["QueueName": ["Fn::Join": ["-", ["a", ["Ref": "AWS::StackName"]]]]]), [])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["KmsMasterKeyId": ["Fn::GetAtt": ["Key", "Arn"]]]), [])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["QueueName": ["Fn::ImportValue": "shared:Name"]]), [])
        XCTAssertEqual(messages("AWS::SQS::Queue", ["QueueName": ["Fn::Select": [0, ["Fn::GetAZs": ""]]]]), [])
        XCTAssertEqual(messages("AWS::S3::Bucket", ["Tags": ["Ref": "TagList"]]), [], "a Ref can be a list parameter")
        XCTAssertEqual(messages("AWS::EC2::Instance", ["SecurityGroupIds": ["Fn::Split": [",", ["Ref": "Groups"]]]]), [])
        XCTAssertEqual(messages("AWS::S3::Bucket", ["BucketEncryption": ["Fn::GetAtt": ["X", "Y"]]]), [])
    }

    func testAnIntrinsicThatCannotGiveTheExpectedTypeIsAnError() {
        XCTAssertEqual(
            messages("AWS::S3::Bucket", ["Tags": ["Fn::Join": [",", ["a", "b"]]]]),
            ["Properties.Tags must be an array; Fn::Join gives a single value"])
        XCTAssertEqual(
            messages("AWS::SQS::Queue", ["QueueName": ["Fn::Split": [",", "a,b"]]]),
            ["Properties.QueueName must be a string; Fn::Split gives a list"])
    }

    func testBothBranchesOfFnIfAreChecked() {
        let choose: (JSON, JSON) -> JSON = { ["VisibilityTimeout": ["Fn::If": ["Long", $0, $1]]] }
        XCTAssertEqual(messages("AWS::SQS::Queue", choose(600, 30)), [])
        XCTAssertEqual(messages("AWS::SQS::Queue", choose(600, ["Ref": "AWS::NoValue"])), [])
        XCTAssertEqual(messages("AWS::SQS::Queue", choose("long", 30)), [#"Properties.VisibilityTimeout must be an integer, not "long""#])
        XCTAssertEqual(messages("AWS::SQS::Queue", choose(30, "short")), [#"Properties.VisibilityTimeout must be an integer, not "short""#])
        XCTAssertEqual(
            messages("AWS::S3::Bucket", ["VersioningConfiguration": ["Fn::If": ["C", ["Status": "Enabled"], ["Status": "On"]]]]),
            [#"Properties.VersioningConfiguration.Status is "On", not one of the allowed values"#])
    }

    // MARK: Maps

    func testMapValuesAreCheckedUnderTheirKeys() {
        XCTAssertEqual(
            messages("AWS::Athena::WorkGroup", ["Name": "wg", "WorkGroupConfiguration": ["EngineConfiguration": ["AdditionalConfigs": ["a": "1"]]]]),
            [])
        XCTAssertEqual(
            messages(
                "AWS::Athena::WorkGroup", ["Name": "wg", "WorkGroupConfiguration": ["EngineConfiguration": ["AdditionalConfigs": ["a": ["x"]]]]]),
            ["Properties.WorkGroupConfiguration.EngineConfiguration.AdditionalConfigs.a must be a string, not an array"])
    }

    func testAnOpenObjectAcceptsAnyMember() {
        let schemas = ResourceSchemas(table: "=T::T::T\nKnown\ti\n=T::T::U\tc\tb\nKnown\ti\n")
        XCTAssertEqual(messages("T::T::T", ["Known": 1, "Other": ["x"]], schemas: schemas), [])
        XCTAssertEqual(messages("T::T::U", ["Known": 1, "Other": true], schemas: schemas), [])
        XCTAssertEqual(messages("T::T::U", ["Other": "x"], schemas: schemas), [#"Properties.Other must be a boolean, not "x""#])
    }

    // MARK: Types

    func testCustomResourcesAreNotCheckedAndAnUnknownTypeIsReportedWithTheNearestKnownOne() {
        var validator = ResourceSchemaValidator()
        XCTAssertEqual(validator.check(type: "Custom::Anything", properties: ["X": 1]), .notChecked)
        XCTAssertEqual(validator.check(type: "AWS::CloudFormation::CustomResource", properties: ["X": 1]), .notChecked)
        XCTAssertEqual(validator.check(type: "AWS::S3::Buckett", properties: nil), .unknownType(nearest: "AWS::S3::Bucket"))
        XCTAssertEqual(validator.check(type: "Acme::Widgets::Gizmo", properties: nil), .unknownType(nearest: nil))
    }
}
