/// `AWS::Logs::LogGroup`.
public struct LogsLogGroupProperties: TaggableProperties {
    public static let resourceType = "AWS::Logs::LogGroup"

    public var logGroupName: Value?
    public var retentionInDays: Int?
    public var kmsKeyId: Value?
    public var tags: [Tag]

    public init(logGroupName: Value? = nil, retentionInDays: Int? = nil, kmsKeyId: Value? = nil, tags: [Tag] = []) {
        self.logGroupName = logGroupName
        self.retentionInDays = retentionInDays
        self.kmsKeyId = kmsKeyId
        self.tags = tags
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("LogGroupName", logGroupName)
        fields.set("RetentionInDays", retentionInDays)
        fields.set("KmsKeyId", kmsKeyId)
        fields.setTags(tags)
        return fields.sorted
    }
}
