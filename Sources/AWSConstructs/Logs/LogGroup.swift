import CloudFormation
import CloudFormationLogs
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
        resource = CfnResource(
            self, "Resource", LogsLogGroupProperties(logGroupName: logGroupName, retentionInDays: LogGroup.retention(retentionDays)))
        resource.applyRemovalPolicy(removalPolicy)
    }

    /// The log group's ARN, ending in `:*` (`Fn::GetAtt LogGroup.Arn`).
    public var logGroupArn: Value { resource.attribute(.arn) }
    /// The fixed name it was given, for what names it outside the template.
    public var fixedName: String? { resource.properties.logGroupName?.literalString }

    /// The schema's case for `days`; a number it does not list as is (which `validate()` reports).
    static func retention(_ days: Int) -> LogsLogGroupProperties.RetentionInDays {
        let listed: [LogsLogGroupProperties.RetentionInDays] = [
            ._1, ._3, ._5, ._7, ._14, ._30, ._60, ._90, ._120, ._150, ._180, ._365, ._400, ._545, ._731, ._1096, ._1827, ._2192, ._2557,
            ._2922, ._3288, ._3653,
        ]
        return listed.first { if case .int(days) = $0.propertyValue { true } else { false } } ?? .other(.int(days))
    }

    public override func validate() -> [String] {
        LogGroup.allowedRetentionDays.contains(retentionDays)
            ? []
            : [
                "log retention of \(retentionDays) days is not one CloudWatch Logs accepts (\(LogGroup.allowedRetentionDays.map(String.init).joined(separator: ", ")))"
            ]
    }
}
