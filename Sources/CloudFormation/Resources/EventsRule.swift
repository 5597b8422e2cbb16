/// `AWS::Events::Rule` on the default event bus.
public struct EventsRuleProperties: TaggableProperties {
    public static let resourceType = "AWS::Events::Rule"

    /// `Targets[].InputTransformer`: values picked from the event by JSON path, and the text they
    /// are put into (placeholders `<name>`).
    public struct InputTransformer {
        public var inputPathsMap: [(name: String, path: String)]
        public var inputTemplate: String

        public init(inputPathsMap: [(name: String, path: String)], inputTemplate: String) {
            self.inputPathsMap = inputPathsMap
            self.inputTemplate = inputTemplate
        }

        var value: Value {
            var paths = inputPathsMap.map { Value.Field($0.name, .string($0.path)) }
            paths.sort { $0.key < $1.key }
            return .object([Value.Field("InputPathsMap", .object(paths)), Value.Field("InputTemplate", .string(inputTemplate))])
        }
    }

    /// `Targets[]`: what the rule sends matching events to.
    public struct Target {
        public var id: String
        public var arn: Value
        public var inputTransformer: InputTransformer?

        public init(id: String, arn: Value, inputTransformer: InputTransformer? = nil) {
            self.id = id
            self.arn = arn
            self.inputTransformer = inputTransformer
        }

        var value: Value {
            var fields = PropertyFields()
            fields.set("Arn", arn)
            fields.set("Id", id)
            fields.set("InputTransformer", inputTransformer?.value)
            return .object(fields.sorted)
        }
    }

    public var name: String?
    public var description: String?
    public var eventPattern: Value
    public var state: String?
    public var targets: [Target]
    public var tags: [Tag]

    public init(
        name: String? = nil, description: String? = nil, eventPattern: Value, state: String? = "ENABLED", targets: [Target] = [], tags: [Tag] = []
    ) {
        self.name = name
        self.description = description
        self.eventPattern = eventPattern
        self.state = state
        self.targets = targets
        self.tags = tags
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("Name", name)
        fields.set("Description", description)
        fields.set("EventPattern", eventPattern)
        fields.set("State", state)
        fields.set("Targets", list: targets.map(\.value))
        fields.setTags(tags)
        return fields.sorted
    }
}
