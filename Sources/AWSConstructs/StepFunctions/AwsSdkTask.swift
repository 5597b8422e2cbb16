import CloudFormation

/// A call of almost any AWS API through Step Functions' AWS SDK integration:
/// `arn:<partition>:states:::aws-sdk:<service>:<apiAction>`, the service in lowercase, the action
/// in camelCase and its parameters in PascalCase
/// (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html).
///
/// Step Functions creates no permissions for it, so the task carries one IAM statement, which
/// the `StateMachine` running it adds to its role: `iamActions` (by default the action's usual
/// IAM name, `defaultIAMActions`) on `iamResources`, which must be given; `"*"` is used only when
/// passed.
///
/// ```swift
/// let list = AwsSdkTask(service: "s3", action: "listObjectsV2",
///                       parameters: .object(["Bucket": bucket.nameRef, "Prefix.$": "$.prefix"]),
///                       iamResources: [bucket.arn])
/// ("ListObjects", .task(list.task(partition: stack.partitionValue, transition: .next("Done"))))
/// ```
public struct AwsSdkTask {
    /// SDK service names whose IAM service prefix is another name, as the AWS CDK maps them
    /// (aws-cdk-lib 2.x aws-stepfunctions-tasks/lib/aws-sdk/call-aws-service.ts `iamServiceMap`;
    /// prefixes in https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
    public static let iamPrefixes: [String: String] = [
        "bedrockagent": "bedrock",
        "cloudwatchlogs": "logs",
        "efs": "elasticfilesystem",
        "elasticloadbalancingv2": "elasticloadbalancing",
        "mediapackagevod": "mediapackage-vod",
        "mwaa": "airflow",
        "sfn": "states",
    ]

    /// API actions authorized by an IAM action of another name (`<service>:<apiAction>` → IAM
    /// actions), from each API's "Permissions" section in the Amazon S3 API Reference: ListObjects
    /// and ListObjectsV2 need `s3:ListBucket`, HeadObject `s3:GetObject`, HeadBucket `s3:ListBucket`
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html,
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html,
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html). Any other call whose
    /// IAM action differs takes `iamActions`.
    public static let iamActionExceptions: [String: [String]] = [
        "s3:listObjects": ["s3:ListBucket"],
        "s3:listObjectsV2": ["s3:ListBucket"],
        "s3:headObject": ["s3:GetObject"],
        "s3:headBucket": ["s3:ListBucket"],
    ]

    public var service: String
    public var action: String
    public var parameters: Value?
    public var iamActions: [String]
    public var iamResources: [Value]
    public var integrationPattern: IntegrationPattern
    public var comment: String?

    /// - Parameters:
    ///   - service: the SDK service name, lowercase (`s3`, `glue`, `sfn`).
    ///   - action: the API action, camelCase (`listObjectsV2`).
    ///   - parameters: the call's parameters, PascalCase (`Bucket`, `Prefix.$`).
    ///   - iamActions: the IAM actions the call needs; `nil` is `defaultIAMActions(service:action:)`.
    ///   - iamResources: the resources the IAM statement allows; required, `"*"` only if given.
    ///   - integrationPattern: request-response (default) or `.waitForTaskToken`; the SDK
    ///     integrations support no `.sync`.
    ///   - comment: the state's `Comment`.
    public init(
        service: String, action: String, parameters: Value? = nil, iamActions: [String]? = nil, iamResources: [Value],
        integrationPattern: IntegrationPattern = .requestResponse, comment: String? = nil
    ) {
        self.service = service
        self.action = action
        self.parameters = parameters
        self.iamActions = iamActions ?? AwsSdkTask.defaultIAMActions(service: service, action: action)
        self.iamResources = iamResources
        self.integrationPattern = integrationPattern
        self.comment = comment
    }

    /// `arn:<partition>:states:::aws-sdk:<service>:<action>[.waitForTaskToken]`.
    public static func resourceArn(partition: Value, service: String, action: String, pattern: IntegrationPattern = .requestResponse) -> Value {
        .interpolate([.string("arn:"), partition, .string(":states:::aws-sdk:\(service):\(action)" + pattern.suffix)])
    }

    /// The IAM action a call usually needs: the service's IAM prefix and the API action with its
    /// first letter upper-cased (`s3:GetObject` for `s3:getObject`; IAM action names are case
    /// insensitive, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
    /// so the case is for readers), except for `iamActionExceptions`.
    public static func defaultIAMActions(service: String, action: String) -> [String] {
        if let known = iamActionExceptions["\(service):\(action)"] { return known }
        let prefix = iamPrefixes[service] ?? service
        return ["\(prefix):\(action.prefix(1).uppercased())\(action.dropFirst())"]
    }

    /// The IAM statement the state machine's role needs (its Sid comes from the state's name).
    public var policyStatement: PolicyStatement {
        PolicyStatement(actions: iamActions, resources: iamResources)
    }

    /// The Task state, carrying its IAM statement and its problems.
    public func task(
        partition: Value, transition: Transition, retry: [Retrier] = [], catch catchers: [Catcher] = [],
        resultPath: ResultPath? = nil, resultSelector: Value? = nil
    ) -> TaskState {
        var task = TaskState(
            comment: comment,
            resource: AwsSdkTask.resourceArn(partition: partition, service: service, action: action, pattern: integrationPattern),
            parameters: parameters, resultSelector: resultSelector, resultPath: resultPath,
            retry: retry, catch: catchers, transition: transition)
        task.rolePermissions = [policyStatement]
        task.integrationProblems = problems()
        return task
    }

    /// What Step Functions or IAM would reject, and a missing resource list.
    public func problems() -> [String] {
        var problems: [String] = []
        let lowercaseOrDigit: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        if service.isEmpty || !service.unicodeScalars.allSatisfy(lowercaseOrDigit) {
            problems.append("the SDK service \"\(service)\" must be a lowercase name such as s3 or glue")
        }
        let startsLowercase = action.unicodeScalars.first.map { ("a"..."z").contains($0) } ?? false
        if !startsLowercase || action.contains(":") || action.contains(".") {
            problems.append("the API action \"\(action)\" must be camelCase, such as listObjectsV2")
        }
        if case .object(let fields) = parameters {
            for field in fields where !(field.key.unicodeScalars.first.map { ("A"..."Z").contains($0) } ?? false) {
                problems.append("the parameter \"\(field.key)\" must be PascalCase, as Step Functions names SDK parameters")
            }
        }
        // "Over two hundred services: Request Response Standard & Express, Run a Job (.sync) Not
        // supported, Wait for Callback Standard" (https://docs.aws.amazon.com/step-functions/latest/dg/connect-supported-services.html).
        if integrationPattern == .runJob {
            problems.append("AWS SDK integrations support request-response and .waitForTaskToken, not .sync (run a job)")
        }
        if iamActions.isEmpty { problems.append("the task needs at least one IAM action") }
        if iamResources.isEmpty {
            problems.append(
                "the task needs iamResources, the resources its IAM statement allows (pass \"*\" explicitly only for an action without resource-level permissions)"
            )
        }
        return problems
    }
}
