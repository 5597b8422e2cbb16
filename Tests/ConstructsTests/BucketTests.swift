import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// The S3 bucket construct: secure defaults, the CDK's grants, a bucket policy created on first
/// use, TLS enforcement, auto-delete with a self-contained handler, and bucket name rules.
final class BucketTests: XCTestCase {
    // MARK: - Rendering

    func test_givenDefaultBucket_whenSynthesized_thenSSES3AllPublicAccessBlockedAndRetained() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let bucket = Bucket(stack, "Data")

        let template = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertNil(bucket.policy)
        assertJSON(
            template["Resources"],
            equals: #"""
                {
                  "Data666C94C7": {
                    "Type": "AWS::S3::Bucket",
                    "Properties": {
                      "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
                      "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}
                    },
                    "UpdateReplacePolicy": "Retain",
                    "DeletionPolicy": "Retain"
                  }
                }
                """#)
    }

    func test_givenBucketWithNameVersioningAndNoPublicAccessBlock_whenSynthesized_thenThosePropertiesRendered() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        _ = Bucket(stack, "Data", bucketName: "my-data-bucket", blockPublicAccess: nil, versioned: true, removalPolicy: .destroy)

        let template = try synthesizedTemplate(app, stack: "MyStack")
        let resource = template["Resources"]?["Data666C94C7"]

        XCTAssertEqual(resource?["Properties"]?.keys, ["BucketEncryption", "BucketName", "VersioningConfiguration"])
        XCTAssertEqual(resource?["Properties"]?["BucketName"], "my-data-bucket")
        assertJSON(resource?["Properties"]?["VersioningConfiguration"], equals: #"{"Status": "Enabled"}"#)
        XCTAssertEqual(resource?["DeletionPolicy"], "Delete")
        XCTAssertEqual(resource?["UpdateReplacePolicy"], "Delete")
    }

    func test_givenBucket_whenArnsAsked_thenGetAttAndObjectArnAsFnSub() {
        let app = App()
        let bucket = Bucket(Stack(app, "MyStack"), "Data")

        assertJSON(bucket.bucketArn.json(), equals: #"{"Fn::GetAtt": ["Data666C94C7", "Arn"]}"#)
        assertJSON(bucket.bucketName.json(), equals: #"{"Ref": "Data666C94C7"}"#)
        assertJSON(bucket.arnForObjects("data/*").json(), equals: #"{"Fn::Sub": "${Data666C94C7.Arn}/data/*"}"#)
    }

    // MARK: - Grants

    func test_givenGrantReadWrite_whenRendered_thenExplicitActionsOnBucketAndObjects() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(stack, "Data")

        bucket.grantReadWrite(role)
        let template = try synthesizedTemplate(app, stack: "MyStack")

        assertJSON(
            template["Resources"]?["RoleDefaultPolicy5FFB7DAB"]?["Properties"]?["PolicyDocument"],
            equals: #"""
                {
                  "Statement": [{
                    "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:GetBucketLocation", "s3:ListBucket",
                               "s3:DeleteObject", "s3:DeleteObjectVersion",
                               "s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectTagging",
                               "s3:PutObjectVersionTagging", "s3:AbortMultipartUpload", "s3:ListBucketMultipartUploads",
                               "s3:ListMultipartUploadParts"],
                    "Effect": "Allow",
                    "Resource": [{"Fn::GetAtt": ["Data666C94C7", "Arn"]}, {"Fn::Sub": "${Data666C94C7.Arn}/*"}]
                  }],
                  "Version": "2012-10-17"
                }
                """#)
        XCTAssertNil(bucket.policy, "a grant to a role changes the role's policy, not the bucket's")
    }

    func test_givenEveryGrant_thenNoActionIsAWildcard() {
        for action in BucketActions.readWrite + BucketActions.athenaQueryOutput + BucketActions.autoDelete {
            XCTAssertFalse(action.contains("*"), "\(action) expands to actions nobody asked for")
        }
    }

    func test_givenGrantRead_whenRendered_thenOnlyTheReadActions() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))

        Bucket(stack, "Data").grantRead(role)

        XCTAssertEqual(
            role.defaultPolicy?.document.statements.first?.actions,
            ["s3:GetObject", "s3:GetObjectVersion", "s3:GetBucketLocation", "s3:ListBucket"])
        XCTAssertEqual(role.defaultPolicy?.document.statements.count, 1, "no key, so no KMS statement")
    }

    func test_givenAGrantOnSomeObjects_whenRendered_thenOnlyThoseObjects() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))

        Bucket(stack, "Data").grant(role, actions: BucketActions.athenaQueryOutput, objectsMatching: "results/*")
        let template = try synthesizedTemplate(app, stack: "MyStack")

        assertJSON(
            template["Resources"]?["RoleDefaultPolicy5FFB7DAB"]?["Properties"]?["PolicyDocument"]?["Statement"]?[0]?["Resource"],
            equals: #"[{"Fn::GetAtt": ["Data666C94C7", "Arn"]}, {"Fn::Sub": "${Data666C94C7.Arn}/results/*"}]"#)
    }

    // MARK: - Encryption

    func test_givenEachEncryption_whenRendered_thenItsBucketEncryption() throws {
        let key: Value = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        let cases: [(Bucket.Encryption, String)] = [
            (.s3Managed, #"{"SSEAlgorithm": "AES256"}"#),
            (.kmsManaged, #"{"SSEAlgorithm": "aws:kms"}"#),
            (
                .kms(keyArn: key),
                #"{"KMSMasterKeyID": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "SSEAlgorithm": "aws:kms"}"#
            ),
            (
                .dsseKMS(keyArn: key),
                #"{"KMSMasterKeyID": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "SSEAlgorithm": "aws:kms:dsse"}"#
            ),
        ]
        for (encryption, expected) in cases {
            let app = App()
            let stack = Stack(app, "MyStack")
            _ = Bucket(stack, "Data", encryption: encryption)
            let template = try synthesizedTemplate(app, stack: "MyStack")
            let rule = template["Resources"]?["Data666C94C7"]?["Properties"]?["BucketEncryption"]?["ServerSideEncryptionConfiguration"]?[0]
            assertJSON(rule?["ServerSideEncryptionByDefault"], equals: expected)
            if case .kms = encryption {
                XCTAssertEqual(rule?["BucketKeyEnabled"], .bool(true), "a Bucket Key by default")
            } else {
                XCTAssertNil(rule?["BucketKeyEnabled"])
            }
        }
    }

    func test_givenACustomerManagedKey_whenGranted_thenTheKeysActionsToo() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let key: Value = "arn:aws:kms:eu-west-1:123456789012:key/k"
        let reader = Role(stack, "Reader", assumedBy: .service("states.amazonaws.com"))
        let writer = Role(stack, "Writer", assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(stack, "Data", encryption: .kms(keyArn: key, bucketKeyEnabled: false))

        bucket.grantRead(reader)
        bucket.grantReadWrite(writer)

        XCTAssertEqual(reader.defaultPolicy?.document.statements.last?.actions, ["kms:Decrypt"])
        XCTAssertEqual(writer.defaultPolicy?.document.statements.last?.actions, ["kms:Decrypt", "kms:GenerateDataKey"])
        XCTAssertEqual(writer.defaultPolicy?.document.statements.last?.resources.map { $0.json() }, [key.json()])
    }

    // MARK: - Bucket policy

    func test_givenNoStatement_whenAddedToTheResourcePolicy_thenPolicyCreatedOnFirstUseAndReused() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let bucket = Bucket(stack, "Data")
        XCTAssertNil(bucket.policy)

        bucket.addToResourcePolicy(
            PolicyStatement(actions: ["s3:GetObject"], principals: [.account("111111111111")], resources: [bucket.arnForObjects("*")]))
        let first = bucket.policy
        bucket.addToResourcePolicy(PolicyStatement(actions: ["s3:ListBucket"], principals: [.account("111111111111")], resources: [bucket.bucketArn]))
        let template = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertNotNil(first)
        XCTAssertTrue(bucket.policy === first)
        XCTAssertEqual(template["Resources"]?.keys, ["Data666C94C7", "DataPolicyB80589C3"])
        assertJSON(
            template["Resources"]?["DataPolicyB80589C3"],
            equals: #"""
                {
                  "Type": "AWS::S3::BucketPolicy",
                  "Properties": {
                    "Bucket": {"Ref": "Data666C94C7"},
                    "PolicyDocument": {
                      "Statement": [
                        {"Action": "s3:GetObject", "Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Resource": {"Fn::Sub": "${Data666C94C7.Arn}/*"}},
                        {"Action": "s3:ListBucket", "Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Resource": {"Fn::GetAtt": ["Data666C94C7", "Arn"]}}
                      ],
                      "Version": "2012-10-17"
                    }
                  }
                }
                """#)
    }

    func test_givenBucketPolicyStatementWithoutPrincipal_whenSynthesized_thenReported() {
        let app = App()
        let bucket = Bucket(Stack(app, "MyStack"), "Data")
        bucket.addToResourcePolicy(PolicyStatement(actions: ["s3:GetObject"], resources: ["*"]))

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.location), ["MyStack/Data/Policy"])
        XCTAssertEqual(errors.first?.message, "a bucket policy statement has no principal")
    }

    func test_givenEnforceSSL_whenSynthesized_thenDenyInsecureTransportStatementInTheBucketPolicy() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let bucket = Bucket(stack, "Data", enforceSSL: true)

        let template = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertNotNil(bucket.policy)
        assertJSON(
            template["Resources"]?["DataPolicyB80589C3"]?["Properties"]?["PolicyDocument"],
            equals: #"""
                {
                  "Statement": [{
                    "Action": "s3:*",
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    "Effect": "Deny",
                    "Principal": "*",
                    "Resource": [{"Fn::GetAtt": ["Data666C94C7", "Arn"]}, {"Fn::Sub": "${Data666C94C7.Arn}/*"}],
                    "Sid": "DenyInsecureTransport"
                  }],
                  "Version": "2012-10-17"
                }
                """#)
    }

    // MARK: - Auto-delete objects

    func test_givenAutoDeleteObjectsWithoutDestroy_whenSynthesized_thenReportedAtTheBucket() {
        let app = App()
        _ = Bucket(Stack(app, "MyStack"), "Data", autoDeleteObjects: true)

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.location), ["MyStack/Data"])
        XCTAssertEqual(errors.first?.message, "autoDeleteObjects needs removalPolicy .destroy, because a retained bucket must keep its objects")
    }

    func test_givenAutoDeleteObjects_whenSynthesized_thenTheCDKsResourcesAndLogicalIds() throws {
        let app = App()
        let stack = Stack(app, "MyStack", tags: [Tag("Project", "demo"), Tag("Environment", "dev")])
        _ = Bucket(stack, "TargetDataBucket", removalPolicy: .destroy, autoDeleteObjects: true)

        let template = try synthesizedTemplate(app, stack: "MyStack")
        let resources = try XCTUnwrap(template["Resources"])

        XCTAssertEqual(
            resources.keys,
            [
                "TargetDataBucket4EED9858",
                "TargetDataBucketPolicy6F311821",
                "TargetDataBucketAutoDeleteObjectsCustomResourceDAFC05D8",
                "CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092",
                "CustomS3AutoDeleteObjectsCustomResourceProviderLogsB8B1B8F2",
                "CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F",
            ])
        assertJSON(
            resources["TargetDataBucket4EED9858"]?["Properties"]?["Tags"],
            equals: #"""
                [
                  {"Key": "aws-cdk:auto-delete-objects", "Value": "true"},
                  {"Key": "Environment", "Value": "dev"},
                  {"Key": "Project", "Value": "demo"}
                ]
                """#)
        assertJSON(
            resources["TargetDataBucketPolicy6F311821"]?["Properties"]?["PolicyDocument"],
            equals: #"""
                {
                  "Statement": [{
                    "Action": ["s3:GetBucketTagging", "s3:ListBucketVersions", "s3:DeleteObject", "s3:DeleteObjectVersion"],
                    "Effect": "Allow",
                    "Principal": {"AWS": {"Fn::GetAtt": ["CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092", "Arn"]}},
                    "Resource": [
                      {"Fn::GetAtt": ["TargetDataBucket4EED9858", "Arn"]},
                      {"Fn::Sub": "${TargetDataBucket4EED9858.Arn}/*"}
                    ]
                  }],
                  "Version": "2012-10-17"
                }
                """#)
        assertJSON(
            resources["TargetDataBucketAutoDeleteObjectsCustomResourceDAFC05D8"],
            equals: #"""
                {
                  "Type": "Custom::S3AutoDeleteObjects",
                  "Properties": {
                    "ServiceToken": {"Fn::GetAtt": ["CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F", "Arn"]},
                    "BucketName": {"Ref": "TargetDataBucket4EED9858"}
                  },
                  "DependsOn": ["TargetDataBucketPolicy6F311821"],
                  "UpdateReplacePolicy": "Delete",
                  "DeletionPolicy": "Delete"
                }
                """#)
        assertJSON(
            resources["CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092"]?["Properties"]?["AssumeRolePolicyDocument"],
            equals: #"""
                {
                  "Statement": [{"Action": "sts:AssumeRole",
                                 "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}},
                                 "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}}],
                  "Version": "2012-10-17"
                }
                """#)
        assertJSON(
            resources["CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092"]?["Properties"]?["ManagedPolicyArns"],
            equals: #"""
                [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}]
                """#)
    }

    func test_givenAutoDeleteObjects_whenSynthesized_thenHandlerIsInlinePythonNeedingNoAssetBucket() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        _ = Bucket(stack, "TargetDataBucket", removalPolicy: .destroy, autoDeleteObjects: true)

        let template = try synthesizedTemplate(app, stack: "MyStack")
        let handler = try XCTUnwrap(template["Resources"]?["CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F"])
        let properties = try XCTUnwrap(handler["Properties"])

        XCTAssertEqual(handler["Type"], "AWS::Lambda::Function")
        XCTAssertEqual(properties["Code"]?.keys, ["ZipFile"])
        let code = try XCTUnwrap(properties["Code"]?["ZipFile"]?.stringValue)
        XCTAssertTrue(code.contains("def handler(event, context)"), "the inline code defines the handler")
        XCTAssertTrue(code.contains("aws-cdk:auto-delete-objects"), "the handler only empties tagged buckets")
        XCTAssertLessThanOrEqual(code.count, 4096, "CloudFormation's limit on inline ZipFile code")
        XCTAssertEqual(properties["Handler"], "index.handler")
        XCTAssertTrue(properties["Runtime"]?.stringValue?.hasPrefix("python3.") == true, "\(String(describing: properties["Runtime"]))")
        assertJSON(properties["Role"], equals: #"{"Fn::GetAtt": ["CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092", "Arn"]}"#)
        assertJSON(
            properties["Description"],
            equals: #"""
                {"Fn::Sub": "Lambda function for auto-deleting objects in ${TargetDataBucket4EED9858} S3 bucket."}
                """#)
        XCTAssertEqual(properties["Timeout"], 900)
        XCTAssertEqual(properties["MemorySize"], 128)
        assertJSON(properties["LoggingConfig"], equals: #"{"LogGroup": {"Ref": "CustomS3AutoDeleteObjectsCustomResourceProviderLogsB8B1B8F2"}}"#)
    }

    func test_givenAutoDeleteObjects_whenSynthesized_thenHandlerLogsKeptAYearAndDeletedWithTheStack() throws {
        let app = App()
        _ = Bucket(Stack(app, "MyStack"), "TargetDataBucket", removalPolicy: .destroy, autoDeleteObjects: true)

        let template = try synthesizedTemplate(app, stack: "MyStack")
        let logs = template["Resources"]?["CustomS3AutoDeleteObjectsCustomResourceProviderLogsB8B1B8F2"]

        XCTAssertEqual(logs?["Type"], "AWS::Logs::LogGroup")
        assertJSON(logs?["Properties"], equals: #"{"RetentionInDays": 365}"#)
        XCTAssertEqual(logs?["DeletionPolicy"], "Delete")
    }

    func test_givenTwoAutoDeleteBuckets_whenSynthesized_thenOneSharedProvider() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        _ = Bucket(stack, "First", removalPolicy: .destroy, autoDeleteObjects: true)
        _ = Bucket(stack, "Second", removalPolicy: .destroy, autoDeleteObjects: true)

        let template = try synthesizedTemplate(app, stack: "MyStack")
        let types = template["Resources"]?.objectMembers?.compactMap { $0.value["Type"]?.stringValue } ?? []

        XCTAssertEqual(types.filter { $0 == "AWS::Lambda::Function" }.count, 1)
        XCTAssertEqual(types.filter { $0 == "AWS::Logs::LogGroup" }.count, 1)
        XCTAssertEqual(types.filter { $0 == "AWS::IAM::Role" }.count, 1)
        XCTAssertEqual(types.filter { $0 == "Custom::S3AutoDeleteObjects" }.count, 2)
        XCTAssertEqual(types.filter { $0 == "AWS::S3::BucketPolicy" }.count, 2)
    }

    // MARK: - Bucket names

    func test_givenBucketNames_whenChecked_thenProblemForEachBrokenRule() {
        XCTAssertEqual(BucketNaming.problem("ab"), "is 2 characters long; bucket names are 3 to 63")
        XCTAssertEqual(BucketNaming.problem(String(repeating: "a", count: 64)), "is 64 characters long; bucket names are 3 to 63")
        XCTAssertEqual(BucketNaming.problem("MyBucket"), "may contain only lower-case letters, digits, dots and hyphens")
        XCTAssertEqual(BucketNaming.problem("my_bucket"), "may contain only lower-case letters, digits, dots and hyphens")
        XCTAssertEqual(BucketNaming.problem("-bucket"), "must begin and end with a letter or digit")
        XCTAssertEqual(BucketNaming.problem("bucket."), "must begin and end with a letter or digit")
        XCTAssertEqual(BucketNaming.problem("my..bucket"), "must not contain \"..\", \".-\" or \"-.\"")
        XCTAssertEqual(BucketNaming.problem("my.-bucket"), "must not contain \"..\", \".-\" or \"-.\"")
        XCTAssertEqual(BucketNaming.problem("192.168.1.1"), "is formatted as an IP address")
        XCTAssertEqual(BucketNaming.problem("xn--bucket"), "starts with the reserved prefix \"xn--\"")
        XCTAssertEqual(BucketNaming.problem("sthree-bucket"), "starts with the reserved prefix \"sthree-\"")
        XCTAssertEqual(BucketNaming.problem("bucket-s3alias"), "ends with the reserved suffix \"-s3alias\"")
        XCTAssertEqual(BucketNaming.problem("bucket--ol-s3"), "ends with the reserved suffix \"--ol-s3\"")
    }

    func test_givenValidBucketNames_whenChecked_thenNoProblem() {
        XCTAssertNil(BucketNaming.problem("my-project-dev-target-data"))
        XCTAssertNil(BucketNaming.problem("abc"))
        XCTAssertNil(BucketNaming.problem("logs.example-1"))
        XCTAssertNil(BucketNaming.problem("192.168.1.1a"))
        XCTAssertNil(BucketNaming.problem(String(repeating: "a", count: 63)))
    }

    func test_givenBucketWithInvalidLiteralName_whenSynthesized_thenReportedAtTheBucket() {
        let app = App()
        _ = Bucket(Stack(app, "MyStack"), "Data", bucketName: "My_Bucket")

        let errors = synthesisErrors(app)

        XCTAssertEqual(
            errors.map(\.description),
            [
                "MyStack/Data: bucket name \"My_Bucket\" may contain only lower-case letters, digits, dots and hyphens"
            ])
    }

    func test_givenBucketNameFromAParameter_whenSynthesized_thenNotCheckedAsALiteral() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let name = CfnParameter(stack, "BucketName", Parameter())
        _ = Bucket(stack, "Data", bucketName: .interpolate(name.value, "-data"))

        XCTAssertNoThrow(try app.synthesize())
    }
}
