import CloudFormation
import Constructs

/// A CloudWatch Logs log group.
public final class LogGroup: Construct {
    /// The retention periods CloudWatch Logs accepts, in days.
    public static let allowedRetentionDays = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    public private(set) var resource: CfnResource<LogsLogGroupProperties>!
    public let retentionDays: Int

    public init(_ scope: Construct, _ id: String, logGroupName: Value? = nil, retentionDays: Int, removalPolicy: RemovalPolicy = .retain) {
        self.retentionDays = retentionDays
        super.init(scope, id)
        resource = CfnResource(self, "Resource", LogsLogGroupProperties(logGroupName: logGroupName, retentionInDays: retentionDays))
        resource.applyRemovalPolicy(removalPolicy)
    }

    /// The log group's ARN, ending in `:*` (`Fn::GetAtt LogGroup.Arn`).
    public var logGroupArn: Value { resource.attribute("Arn") }
    /// The fixed name it was given, for what names it outside the template.
    public var fixedName: String? { resource.properties.logGroupName?.literalString }

    public override func validate() -> [String] {
        LogGroup.allowedRetentionDays.contains(retentionDays)
            ? []
            : [
                "log retention of \(retentionDays) days is not one CloudWatch Logs accepts (\(LogGroup.allowedRetentionDays.map(String.init).joined(separator: ", ")))"
            ]
    }
}
