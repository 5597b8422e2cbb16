/// `AWS::SNS::Topic`.
public struct SNSTopicProperties: TaggableProperties {
    public static let resourceType = "AWS::SNS::Topic"

    public var topicName: String?
    public var displayName: String?
    /// The KMS key that encrypts messages at rest (an ARN, alias or key id).
    public var kmsMasterKeyId: Value?
    public var tags: [Tag]

    public init(topicName: String? = nil, displayName: String? = nil, kmsMasterKeyId: Value? = nil, tags: [Tag] = []) {
        self.topicName = topicName
        self.displayName = displayName
        self.kmsMasterKeyId = kmsMasterKeyId
        self.tags = tags
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("TopicName", topicName)
        fields.set("DisplayName", displayName)
        fields.set("KmsMasterKeyId", kmsMasterKeyId)
        fields.setTags(tags)
        return fields.sorted
    }
}
