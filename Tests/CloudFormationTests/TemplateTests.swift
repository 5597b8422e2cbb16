import CloudFormation
import CloudFormationIAM
import CloudFormationLambda
import CloudFormationS3
import CloudFormationStepFunctions
import XCTest

/// Templates, resources, tags and L1 properties render with a fixed key order, never one that
/// depends on dictionary iteration.
final class TemplateTests: XCTestCase {
    // MARK: - Template and resource key order

    func test_givenTemplateWithEverySection_whenRendered_thenSectionsInFixedOrder() {
        let bucket = LogicalName("Bucket")
        var template = Template(
            description: "Demo stack",
            metadata: [.init("Owner", "team")],
            parameters: [(name: "EnvName", parameter: Parameter(defaultValue: "dev", description: "Environment", allowedValues: ["dev", "prod"]))],
            resources: [(logicalId: "Bucket", resource: Resource(type: "AWS::S3::Bucket"))],
            outputs: [(name: "BucketName", output: Output(value: .ref(bucket), description: "The bucket", exportName: "demo-bucket"))])
        template.mappings = [(name: "Accounts", entries: [(key: "111111111111", attributes: [.init("Role", "reader")])])]

        XCTAssertEqual(
            template.render(),
            """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Description": "Demo stack",
              "Metadata": {
                "Owner": "team"
              },
              "Parameters": {
                "EnvName": {
                  "Type": "String",
                  "Default": "dev",
                  "Description": "Environment",
                  "AllowedValues": [
                    "dev",
                    "prod"
                  ]
                }
              },
              "Mappings": {
                "Accounts": {
                  "111111111111": {
                    "Role": "reader"
                  }
                }
              },
              "Resources": {
                "Bucket": {
                  "Type": "AWS::S3::Bucket"
                }
              },
              "Outputs": {
                "BucketName": {
                  "Description": "The bucket",
                  "Value": {
                    "Ref": "Bucket"
                  },
                  "Export": {
                    "Name": "demo-bucket"
                  }
                }
              }
            }

            """)
    }

    func test_givenEmptyTemplate_whenRendered_thenOnlyVersionAndEmptyResources() {
        XCTAssertEqual(
            Template().render(),
            """
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Resources": {}
            }

            """)
    }

    func test_givenResourcesInInsertionOrder_whenRendered_thenThatOrderKept() {
        let template = Template(resources: [
            (logicalId: "Zeta", resource: Resource(type: "AWS::SNS::Topic")),
            (logicalId: "Alpha", resource: Resource(type: "AWS::SQS::Queue")),
        ])

        XCTAssertEqual(template.json()["Resources"]?.keys, ["Zeta", "Alpha"])
    }

    func test_givenResourceWithEveryAttribute_whenRendered_thenAttributesInCDKOrder() {
        let resource = Resource(
            type: "AWS::S3::Bucket",
            properties: [.init("BucketName", "b")],
            dependsOn: ["Role", "Policy"],
            updateReplacePolicy: .retain,
            deletionPolicy: .delete,
            metadata: [.init("checkov", .object(["skip": .array([])]))],
            condition: "IsProd")

        let json = resource.json()

        XCTAssertEqual(json.keys, ["Type", "Properties", "DependsOn", "UpdateReplacePolicy", "DeletionPolicy", "Metadata", "Condition"])
        assertJSON(
            json,
            equals: #"""
                {
                  "Type": "AWS::S3::Bucket",
                  "Properties": {"BucketName": "b"},
                  "DependsOn": ["Role", "Policy"],
                  "UpdateReplacePolicy": "Retain",
                  "DeletionPolicy": "Delete",
                  "Metadata": {"checkov": {"skip": []}},
                  "Condition": "IsProd"
                }
                """#)
    }

    func test_givenResourceWithNothingButType_whenRendered_thenEmptyAttributesLeftOut() {
        XCTAssertEqual(Resource(type: "AWS::SNS::Topic").json().keys, ["Type"])
    }

    func test_givenSingleDependency_whenRendered_thenStillAList() {
        assertJSON(Resource(type: "X::Y::Z", dependsOn: ["Other"]).json(), equals: #"{"Type": "X::Y::Z", "DependsOn": ["Other"]}"#)
    }

    func test_givenParameterWithEveryField_whenRendered_thenFieldsInFixedOrder() {
        let parameter = Parameter(
            type: "String", defaultValue: "a", description: "d", allowedPattern: "[a-z]+",
            allowedValues: ["a", "b"], constraintDescription: "lower case", minLength: 1, maxLength: 8)

        XCTAssertEqual(
            parameter.json().keys,
            ["Type", "Default", "Description", "AllowedPattern", "AllowedValues", "MinLength", "MaxLength", "ConstraintDescription"])
    }

    // MARK: - Tags

    func test_givenMixedCaseTagKeys_whenSorted_thenCaseInsensitiveLikeTheCDK() {
        let tags = [Tag("Project", "p"), Tag("aws-cdk:auto-delete-objects", "true"), Tag("Environment", "dev"), Tag("Zone", "z"), Tag("app", "a")]

        XCTAssertEqual(Tag.sorted(tags).map(\.key), ["app", "aws-cdk:auto-delete-objects", "Environment", "Project", "Zone"])
    }

    func test_givenKeysEqualIgnoringCaseOrDifferingInPunctuation_whenSorted_thenSameOrderAsCDKLocaleCompare() {
        // Node's `localeCompare` (ICU root collation) sorts these as: environment, Environment
        // (lower case first on a tie) and cost_center, cost-center ("_" before "-").
        let tags = [Tag("Environment", "1"), Tag("environment", "2"), Tag("cost-center", "3"), Tag("cost_center", "4")]

        XCTAssertEqual(Tag.sorted(tags).map(\.key), ["cost_center", "cost-center", "environment", "Environment"])
    }

    func test_givenTags_whenListValueRendered_thenSortedKeyValueObjects() {
        let value = Tag.listValue([Tag("Project", "p"), Tag("aws-cdk:auto-delete-objects", "true"), Tag("Environment", .ref(LogicalName("Env")))])

        assertJSON(
            value.json(),
            equals: #"""
                [
                  {"Key": "aws-cdk:auto-delete-objects", "Value": "true"},
                  {"Key": "Environment", "Value": {"Ref": "Env"}},
                  {"Key": "Project", "Value": "p"}
                ]
                """#)
    }

    // MARK: - L1 properties

    func test_givenS3BucketPropertiesWithEverything_whenRendered_thenAlphabeticalAtEveryLevel() {
        let properties = S3BucketProperties(
            bucketEncryption: .init(serverSideEncryptionConfiguration: [
                .init(bucketKeyEnabled: true, serverSideEncryptionByDefault: .init(kmsMasterKeyID: "key-id", sseAlgorithm: .awsKms))
            ]),
            bucketName: "my-bucket",
            lifecycleConfiguration: .init(rules: [
                .init(
                    abortIncompleteMultipartUpload: .init(daysAfterInitiation: 7), expirationInDays: 365, id: "expire",
                    noncurrentVersionExpiration: .init(noncurrentDays: 30), status: .enabled)
            ]),
            ownershipControls: .init(rules: [.init(objectOwnership: .bucketOwnerEnforced)]),
            publicAccessBlockConfiguration: .init(
                blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true),
            tags: [Tag("Project", "p"), Tag("aws-cdk:auto-delete-objects", "true")],
            versioningConfiguration: .init(status: .enabled))

        let json = Value.object(properties.fields()).json()

        XCTAssertEqual(S3BucketProperties.resourceType, "AWS::S3::Bucket")
        XCTAssertEqual(
            json.keys,
            [
                "BucketEncryption", "BucketName", "LifecycleConfiguration", "OwnershipControls",
                "PublicAccessBlockConfiguration", "Tags", "VersioningConfiguration",
            ])
        assertJSON(
            json,
            equals: #"""
                {
                  "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                    {"BucketKeyEnabled": true, "ServerSideEncryptionByDefault": {"KMSMasterKeyID": "key-id", "SSEAlgorithm": "aws:kms"}}
                  ]},
                  "BucketName": "my-bucket",
                  "LifecycleConfiguration": {"Rules": [
                    {"AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}, "ExpirationInDays": 365, "Id": "expire",
                     "NoncurrentVersionExpiration": {"NoncurrentDays": 30}, "Status": "Enabled"}
                  ]},
                  "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
                  "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true},
                  "Tags": [{"Key": "aws-cdk:auto-delete-objects", "Value": "true"}, {"Key": "Project", "Value": "p"}],
                  "VersioningConfiguration": {"Status": "Enabled"}
                }
                """#)
    }

    func test_givenS3BucketPropertiesWithDefaults_whenRendered_thenNoProperties() {
        XCTAssertTrue(S3BucketProperties().fields().isEmpty)
    }

    func test_givenIAMRolePropertiesWithEverything_whenRendered_thenAlphabetical() {
        let properties = IAMRoleProperties(
            assumeRolePolicyDocument: .object(["Version": "2012-10-17"]),
            description: "d",
            managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            maxSessionDuration: 3600,
            path: "/service/",
            policies: [.init(policyDocument: .object(["Version": "2012-10-17"]), policyName: "inline")],
            roleName: "my-role",
            tags: [Tag("Project", "p")])

        let json = Value.object(properties.fields()).json()

        XCTAssertEqual(
            json.keys,
            [
                "AssumeRolePolicyDocument", "Description", "ManagedPolicyArns", "MaxSessionDuration",
                "Path", "Policies", "RoleName", "Tags",
            ])
        assertJSON(json["Policies"] ?? .null, equals: #"[{"PolicyDocument": {"Version": "2012-10-17"}, "PolicyName": "inline"}]"#)
    }

    func test_givenIAMRolePropertiesWithoutLists_whenRendered_thenEmptyListsLeftOut() {
        let properties = IAMRoleProperties(assumeRolePolicyDocument: .object([]))

        XCTAssertEqual(Value.object(properties.fields()).json().keys, ["AssumeRolePolicyDocument"])
    }

    func test_givenLambdaFunctionProperties_whenRendered_thenAlphabeticalWithInlineCode() {
        let properties = LambdaFunctionProperties(
            code: .init(zipFile: "def handler(e, c): pass"), description: "d", handler: "index.handler", memorySize: 128,
            reservedConcurrentExecutions: 1, role: .getAtt(LogicalName("Role"), "Arn"), runtime: .python313, timeout: 900)

        let json = Value.object(properties.fields()).json()

        XCTAssertEqual(json.keys, ["Code", "Description", "Handler", "MemorySize", "ReservedConcurrentExecutions", "Role", "Runtime", "Timeout"])
        assertJSON(json["Code"] ?? .null, equals: #"{"ZipFile": "def handler(e, c): pass"}"#)
    }

    func test_givenStateMachineProperties_whenRendered_thenAlphabeticalWithDefinitionObject() {
        let properties = StepFunctionsStateMachineProperties(
            definition: Value(json: ["StartAt": "A", "States": ["A": ["Type": "Succeed"]]]),
            definitionSubstitutions: ["Bucket": .ref(LogicalName("Bucket"))],
            loggingConfiguration: .init(
                destinations: [.init(cloudWatchLogsLogGroup: .init(logGroupArn: "arn:logs"))], includeExecutionData: false, level: .error),
            roleArn: .getAtt(LogicalName("Role"), "Arn"),
            stateMachineName: "sm",
            stateMachineType: .standard,
            tracingConfiguration: .init(enabled: true))

        let json = Value.object(properties.fields()).json()

        XCTAssertEqual(
            json.keys,
            [
                "Definition", "DefinitionSubstitutions", "LoggingConfiguration", "RoleArn",
                "StateMachineName", "StateMachineType", "TracingConfiguration",
            ])
        assertJSON(
            json["LoggingConfiguration"] ?? .null,
            equals: #"""
                {"Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": "arn:logs"}}], "IncludeExecutionData": false, "Level": "ERROR"}
                """#)
    }

    func test_givenCustomResourceProperties_whenRendered_thenServiceTokenFirstThenHandlerPropertiesAsGiven() {
        let properties = CustomResourceProperties(
            serviceToken: .getAtt(LogicalName("Handler"), "Arn"),
            properties: [.init("Zeta", "z"), .init("BucketName", "b")])

        XCTAssertEqual(Value.object(properties.fields()).json().keys, ["ServiceToken", "Zeta", "BucketName"])
    }
}
