/// `AWS::Lambda::Function`, with its code inline (`Code.ZipFile`) so no asset bucket is needed.
public struct LambdaFunctionProperties: TaggableProperties {
    public static let resourceType = "AWS::Lambda::Function"

    public var inlineCode: String
    public var handler: String
    public var runtime: String
    public var role: Value
    public var description: Value?
    public var timeout: Int?
    public var memorySize: Int?
    public var reservedConcurrentExecutions: Int?
    /// The log group the function writes to (`LoggingConfig.LogGroup`), instead of an implicit one.
    public var logGroup: Value?
    public var tags: [Tag]

    public init(
        inlineCode: String,
        handler: String,
        runtime: String,
        role: Value,
        description: Value? = nil,
        timeout: Int? = nil,
        memorySize: Int? = nil,
        reservedConcurrentExecutions: Int? = nil,
        logGroup: Value? = nil,
        tags: [Tag] = []
    ) {
        self.inlineCode = inlineCode
        self.handler = handler
        self.runtime = runtime
        self.role = role
        self.description = description
        self.timeout = timeout
        self.memorySize = memorySize
        self.reservedConcurrentExecutions = reservedConcurrentExecutions
        self.logGroup = logGroup
        self.tags = tags
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("Code", Value.object(["ZipFile": .string(inlineCode)]))
        fields.set("Handler", handler)
        fields.set("Runtime", runtime)
        fields.set("Role", role)
        fields.set("Description", description)
        fields.set("Timeout", timeout)
        fields.set("MemorySize", memorySize)
        fields.set("ReservedConcurrentExecutions", reservedConcurrentExecutions)
        fields.set("LoggingConfig", logGroup.map { .object(["LogGroup": $0]) })
        fields.setTags(tags)
        return fields.sorted
    }
}
