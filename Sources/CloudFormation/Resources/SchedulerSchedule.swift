/// `AWS::Scheduler::Schedule` (EventBridge Scheduler). The type takes no tags.
public struct SchedulerScheduleProperties: ResourceProperties {
    public static let resourceType = "AWS::Scheduler::Schedule"

    /// `FlexibleTimeWindow.Mode`.
    public enum FlexibleTimeWindowMode: String, Sendable {
        case off = "OFF"
        case flexible = "FLEXIBLE"
    }

    /// `Target`: the API the schedule calls (for Step Functions, `StartExecution` of the state
    /// machine whose ARN is `arn`) and the role it calls it as.
    public struct Target {
        public var arn: Value
        public var roleArn: Value
        public var input: String?

        public init(arn: Value, roleArn: Value, input: String? = nil) {
            self.arn = arn
            self.roleArn = roleArn
            self.input = input
        }

        var value: Value {
            var fields = PropertyFields()
            fields.set("Arn", arn)
            fields.set("RoleArn", roleArn)
            fields.set("Input", input)
            return .object(fields.sorted)
        }
    }

    public var name: String?
    public var description: String?
    public var groupName: String?
    public var scheduleExpression: String
    public var scheduleExpressionTimezone: String?
    public var flexibleTimeWindowMode: FlexibleTimeWindowMode
    /// Minutes, only with `.flexible`.
    public var maximumWindowInMinutes: Int?
    public var state: String?
    public var target: Target

    public init(
        name: String? = nil, description: String? = nil, groupName: String? = nil, scheduleExpression: String,
        scheduleExpressionTimezone: String? = nil, flexibleTimeWindowMode: FlexibleTimeWindowMode = .off,
        maximumWindowInMinutes: Int? = nil, state: String? = nil, target: Target
    ) {
        self.name = name
        self.description = description
        self.groupName = groupName
        self.scheduleExpression = scheduleExpression
        self.scheduleExpressionTimezone = scheduleExpressionTimezone
        self.flexibleTimeWindowMode = flexibleTimeWindowMode
        self.maximumWindowInMinutes = maximumWindowInMinutes
        self.state = state
        self.target = target
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("Name", name)
        fields.set("Description", description)
        fields.set("GroupName", groupName)
        fields.set("ScheduleExpression", scheduleExpression)
        fields.set("ScheduleExpressionTimezone", scheduleExpressionTimezone)
        var window = PropertyFields()
        window.set("Mode", flexibleTimeWindowMode.rawValue)
        window.set("MaximumWindowInMinutes", maximumWindowInMinutes)
        fields.set("FlexibleTimeWindow", Value.object(window.sorted))
        fields.set("State", state)
        fields.set("Target", target.value)
        return fields.sorted
    }
}
