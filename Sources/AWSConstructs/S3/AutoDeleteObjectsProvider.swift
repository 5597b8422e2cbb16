import CloudFormation
import CloudFormationIAM
import CloudFormationLambda
import Constructs

/// The stack-wide Lambda function behind `Bucket(autoDeleteObjects: true)`.
///
/// It keeps the AWS CDK's construct ids, so its role and handler keep the CDK's logical IDs,
/// but its code is inline (`Code.ZipFile`, Python), so the template needs no CDK bootstrap
/// asset bucket and deploys with plain `aws cloudformation deploy`.
final class AutoDeleteObjectsProvider: Construct {
    static let constructId = "Custom::S3AutoDeleteObjectsCustomResourceProvider"
    static let customResourceType = "Custom::S3AutoDeleteObjects"
    /// CloudFormation's limit on inline `ZipFile` code.
    static let maximumInlineCodeLength = 4096
    static var runtime: LambdaFunctionProperties.Runtime { .python313 }
    static let timeoutSeconds = 900
    static let memorySize = 128
    /// Why the handler reserves no concurrency: a reservation fails CreateFunction in any
    /// account whose concurrency quota is still the new-account 10 (AWS-FACTS §12).
    static let noReservedConcurrencyReason =
        "A new account's Lambda concurrency quota can be 10, and unreserved concurrency may not drop below 10, so any reservation fails the deploy there (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html). The handler runs only when CloudFormation deletes the stack's bucket."

    /// The handler source, embedded byte for byte from `Resources/auto_delete_objects.py`.
    static let handlerSource = String(decoding: PackageResources.auto_delete_objects_py, as: UTF8.self)

    private(set) var role: CfnResource<IAMRoleProperties>!
    private(set) var handler: CfnResource<LambdaFunctionProperties>!
    private(set) var logGroup: LogGroup!
    /// The handler's logs are kept a year (checkov CKV_AWS_338) and deleted with the stack.
    static let logRetentionDays = 365

    var roleArn: Value { role.attribute("Arn") }
    var handlerArn: Value { handler.attribute("Arn") }

    /// The stack's provider, created on first use.
    static func shared(in stack: Stack, describing bucketName: Value) -> AutoDeleteObjectsProvider {
        if let existing = stack.child(constructId) as? AutoDeleteObjectsProvider { return existing }
        return AutoDeleteObjectsProvider(stack, describing: bucketName)
    }

    private init(_ stack: Stack, describing bucketName: Value) {
        super.init(stack, AutoDeleteObjectsProvider.constructId)
        // The function's name is generated, so its ARN is not known here: the account only.
        let trust = PolicyDocument([Role.trustStatement(.service("lambda.amazonaws.com"), sourceAccount: stack.accountValue, sourceArn: nil)])
        role = CfnResource(
            self, "Role",
            IAMRoleProperties(
                assumeRolePolicyDocument: trust.value,
                managedPolicyArns: [
                    .interpolate([
                        .string("arn:"), stack.partitionValue,
                        .string(":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                    ])
                ]))
        // An explicit log group, so the handler's logs have a retention and go with the stack
        // instead of living on in an implicit /aws/lambda/… group.
        logGroup = LogGroup(self, "Logs", retentionDays: AutoDeleteObjectsProvider.logRetentionDays, removalPolicy: .destroy)
        logGroup.resource.skipCheckov(
            "CKV_AWS_158",
            reason: "Holds only the handler's own messages (bucket names and counts); CloudWatch Logs encrypts them at rest by default.")
        handler = CfnResource(
            self, "Handler",
            LambdaFunctionProperties(
                code: .init(zipFile: .string(AutoDeleteObjectsProvider.handlerSource)),
                description: .interpolate([.string("Lambda function for auto-deleting objects in "), bucketName, .string(" S3 bucket.")]),
                handler: "index.handler",
                loggingConfig: .init(logGroup: logGroup.resource.ref),
                memorySize: .int(AutoDeleteObjectsProvider.memorySize),
                role: roleArn,
                runtime: AutoDeleteObjectsProvider.runtime,
                timeout: .int(AutoDeleteObjectsProvider.timeoutSeconds)))
        handler.skipCheckov("CKV_AWS_115", reason: AutoDeleteObjectsProvider.noReservedConcurrencyReason)
        handler.skipCheckov(
            "CKV_AWS_116",
            reason:
                "Invoked only by CloudFormation; the handler answers CloudFormation on every path and an unanswered request fails the stack operation, so a dead-letter queue would hold nothing actionable."
        )
        handler.skipCheckov(
            "CKV_AWS_117", reason: "Calls only the S3 API of its own stack's bucket; a VPC would add NAT or endpoint cost and no protection.")
    }

    override func validate() -> [String] {
        // A character is at least one byte: a source of no more bytes than the limit is within it.
        guard AutoDeleteObjectsProvider.handlerSource.utf8.count > AutoDeleteObjectsProvider.maximumInlineCodeLength else { return [] }
        let length = AutoDeleteObjectsProvider.handlerSource.characterCount
        if length > AutoDeleteObjectsProvider.maximumInlineCodeLength {
            return [
                "the auto-delete handler is \(length) characters; inline Lambda code is limited to \(AutoDeleteObjectsProvider.maximumInlineCodeLength)"
            ]
        }
        return []
    }
}
