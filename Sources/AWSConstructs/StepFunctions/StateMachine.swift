import CloudFormation
import CloudFormationStepFunctions
import Constructs

/// A Step Functions state machine (`AWS::StepFunctions::StateMachine`) built from a typed
/// definition, rendered as a `Definition` object with `DefinitionSubstitutions`.
public final class StateMachine: Construct {
    public static let maximumNameLength = 80
    /// Step Functions' limit on a definition's size, in characters.
    public static let maximumDefinitionLength = 1_048_576

    /// How much the state machine logs: ALL, ERROR, FATAL or OFF.
    public typealias LogLevel = StepFunctionsStateMachineProperties.LoggingConfiguration.Level

    /// Where and how much the state machine logs.
    public struct Logging {
        public var destination: LogGroup
        public var level: LogLevel
        public var includeExecutionData: Bool
        public init(destination: LogGroup, level: LogLevel = .all, includeExecutionData: Bool = false) {
            self.destination = destination
            self.level = level
            self.includeExecutionData = includeExecutionData
        }
    }

    /// Log delivery to CloudWatch Logs goes through these account-level APIs, which support no
    /// resource-level permissions, so they can only be granted on "*" (Step Functions developer guide,
    /// "IAM policies for logging to CloudWatch Logs").
    public static let logDeliveryActions = [
        "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
    ]
    /// X-Ray's trace APIs support no resource-level permissions either, so they are granted on "*".
    public static let tracingActions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]

    public private(set) var resource: CfnResource<StepFunctionsStateMachineProperties>!
    public var definition: StateMachineDefinition
    public let stateMachineName: String?
    /// `nil` renders no `StateMachineType`, which CloudFormation creates as STANDARD.
    public let type: StateMachineType?
    private let role: Role
    /// The task statements `prepare()` added to the role already (as JSON), so preparing again
    /// adds none twice.
    private var addedTaskPermissions: Set<JSON> = []
    /// The definition as rendered by the last `prepare()`, its deploy-time values substituted.
    private var renderedDefinition: JSON = .object([])

    public init(
        _ scope: Construct,
        _ id: String,
        stateMachineName: String? = nil,
        definition: StateMachineDefinition,
        role: Role,
        type: StateMachineType? = nil,
        logging: Logging? = nil,
        tracingEnabled: Bool = false,
        removalPolicy: RemovalPolicy = .destroy
    ) {
        self.definition = definition
        self.stateMachineName = stateMachineName
        self.type = type
        self.role = role
        super.init(scope, id)
        resource = CfnResource(
            self, "Resource",
            StepFunctionsStateMachineProperties(
                definition: .object([]),
                loggingConfiguration: logging.map {
                    .init(
                        destinations: [.init(cloudWatchLogsLogGroup: .init(logGroupArn: $0.destination.logGroupArn))],
                        includeExecutionData: .bool($0.includeExecutionData), level: $0.level)
                },
                roleArn: role.roleArn,
                stateMachineName: stateMachineName.map(Value.string),
                stateMachineType: type.map { $0 == .express ? .express : .standard },
                tracingConfiguration: tracingEnabled ? .init(enabled: true) : nil))
        resource.applyRemovalPolicy(removalPolicy)
        if logging != nil {
            role.addToPolicy(PolicyStatement(actions: StateMachine.logDeliveryActions, resources: ["*"]))
        }
        if tracingEnabled {
            role.addToPolicy(PolicyStatement(actions: StateMachine.tracingActions, resources: ["*"]))
        }
    }

    /// The state machine's ARN (`Ref`).
    public var stateMachineArn: Value { resource.ref }
    /// Its ARN built from its fixed name, for what runs outside the stack (a deploy script);
    /// nil without a fixed name.
    public var arnFromName: Value? {
        stateMachineName.flatMap { name in stack?.formatArn(service: "states", resource: "stateMachine:\(name)") }
    }

    public override func prepare() {
        var substitutions = DefinitionSubstitutions()
        renderedDefinition = substitutions.json(for: definition.value)
        resource.properties.definition = Value(json: renderedDefinition)
        resource.properties.definitionSubstitutions = substitutions.fields.isEmpty ? nil : substitutions.map
        // What the tasks call (an AwsSdkTask's IAM statement), in definition order.
        for statement in TaskPermissions.statements(in: definition.graph)
        where addedTaskPermissions.insert(statement.json).inserted {
            role.addToPolicy(statement)
        }
        // The role's policy must exist before the state machine runs with the role.
        resource.addDependencies { [role] in role.policyDependencies }
    }

    public override func validate() -> [String] {
        var problems = definition.problems() + ExpressWorkflowRules.problems(in: definition, type: type)
        if let name = stateMachineName {
            let allowed = name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "+!@.()-=_'".unicodeScalars.contains($0)
            }
            if name.isEmpty || name.count > StateMachine.maximumNameLength || !allowed {
                problems.append("state machine name \"\(name)\" must be 1 to \(StateMachine.maximumNameLength) letters, digits or +!@.()-=_'")
            }
        }
        // Rendered to be measured only when it may be over the limit: writing a large definition
        // costs far more than bounding its length.
        if RenderedLengthBound.characters(renderedDefinition) > StateMachine.maximumDefinitionLength {
            let length = JSONWriter.render(renderedDefinition).characterCount
            if length > StateMachine.maximumDefinitionLength {
                problems.append("the definition is \(length) characters; Step Functions allows \(StateMachine.maximumDefinitionLength)")
            }
        }
        return problems
    }
}
