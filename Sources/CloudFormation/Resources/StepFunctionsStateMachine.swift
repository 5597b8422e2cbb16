/// `AWS::StepFunctions::StateMachine`, with its definition as a JSON object (`Definition`) and the
/// values only known at deploy time in `DefinitionSubstitutions`.
public struct StepFunctionsStateMachineProperties: TaggableProperties {
    public static let resourceType = "AWS::StepFunctions::StateMachine"

    public enum LogLevel: String, Sendable {
        case all = "ALL"
        case error = "ERROR"
        case fatal = "FATAL"
        case off = "OFF"
    }

    public struct Logging {
        public var logGroupArn: Value
        public var level: LogLevel
        public var includeExecutionData: Bool
        public init(logGroupArn: Value, level: LogLevel, includeExecutionData: Bool) {
            self.logGroupArn = logGroupArn
            self.level = level
            self.includeExecutionData = includeExecutionData
        }
    }

    public var stateMachineName: Value?
    public var roleArn: Value
    public var definition: JSON
    public var definitionSubstitutions: [Value.Field]
    public var stateMachineType: String?
    public var logging: Logging?
    public var tracingEnabled: Bool?
    public var tags: [Tag]

    public init(
        stateMachineName: Value? = nil,
        roleArn: Value,
        definition: JSON,
        definitionSubstitutions: [Value.Field] = [],
        stateMachineType: String? = nil,
        logging: Logging? = nil,
        tracingEnabled: Bool? = nil,
        tags: [Tag] = []
    ) {
        self.stateMachineName = stateMachineName
        self.roleArn = roleArn
        self.definition = definition
        self.definitionSubstitutions = definitionSubstitutions
        self.stateMachineType = stateMachineType
        self.logging = logging
        self.tracingEnabled = tracingEnabled
        self.tags = tags
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("StateMachineName", stateMachineName)
        fields.set("RoleArn", roleArn)
        fields.set("Definition", Value(json: definition))
        if !definitionSubstitutions.isEmpty {
            fields.set("DefinitionSubstitutions", Value.object(definitionSubstitutions))
        }
        fields.set("StateMachineType", stateMachineType)
        if let logging {
            fields.set(
                "LoggingConfiguration",
                Value.object([
                    "Destinations": .array([.object(["CloudWatchLogsLogGroup": .object(["LogGroupArn": logging.logGroupArn])])]),
                    "IncludeExecutionData": .bool(logging.includeExecutionData),
                    "Level": .string(logging.level.rawValue),
                ]))
        }
        fields.set("TracingConfiguration", tracingEnabled.map { .object(["Enabled": .bool($0)]) })
        fields.setTags(tags)
        return fields.sorted
    }
}

extension Value {
    /// A literal value holding plain JSON.
    public init(json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(Value.init(json:)))
        case .object(let members): self = .object(members.map { Value.Field($0.key, Value(json: $0.value)) })
        }
    }
}
